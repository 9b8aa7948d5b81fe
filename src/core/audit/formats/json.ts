/**
 * The audit report as JSON, for archives and other tools. Object keys are sorted at every level, so two reports
 * of the same state are byte-identical apart from `generatedAt`, and diffs between audits show only what changed.
 */
import type { AuditReport } from '../report';

/** JSON with object keys sorted at every depth; `undefined` members are left out, as JSON does. */
export function stableStringify(value: unknown, indent = 2): string {
	const seen = new Set<object>();
	const order = (v: unknown): unknown => {
		if (v === null || typeof v !== 'object') {
			return v;
		}
		if (seen.has(v)) {
			throw new TypeError('cannot serialise a cycle');
		}
		seen.add(v);
		let out: unknown;
		if (Array.isArray(v)) {
			out = v.map((x) => (x === undefined || typeof x === 'function' ? null : order(x)));
		} else if (v instanceof Map) {
			out = order(Object.fromEntries(v));
		} else {
			const o: Record<string, unknown> = {};
			for (const k of Object.keys(v).sort()) {
				const x = (v as Record<string, unknown>)[k];
				if (x !== undefined && typeof x !== 'function') {
					Object.defineProperty(o, k, { value: order(x), enumerable: true, writable: true, configurable: true });
				}
			}
			out = o;
		}
		seen.delete(v);
		return out;
	};
	return JSON.stringify(order(value), null, indent) ?? 'null';
}

/** Renders the audit report as JSON with a stable key order, ending with a newline. */
export function renderAuditJson(report: AuditReport): string {
	return `${stableStringify(report)}\n`;
}
