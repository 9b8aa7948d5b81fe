/**
 * The audit report as JSON, for archives and other tools. Object keys are sorted at every level, so two reports
 * of the same state are byte-identical apart from `generatedAt`, and diffs between audits show only what changed.
 */
import { canonicalJson } from '../../policy/layering';
import type { AuditReport } from '../report';

/** JSON with object keys sorted at every depth (the policy hashes' canonical form, indented). */
export function stableStringify(value: unknown, indent = 2): string {
	return canonicalJson(value, indent);
}

/** Renders the audit report as JSON with a stable key order, ending with a newline. */
export function renderAuditJson(report: AuditReport): string {
	return `${stableStringify(report)}\n`;
}
