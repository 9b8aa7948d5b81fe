/**
 * The report's inputs as the CLI and the editor both build them: the environment of the run, the skipped files
 * derived from the classifications, and the `audit.run` entry that records a report. One place, so the editor's
 * report and `context-warden audit` agree on every file and finding.
 */
import * as os from 'node:os';
import type { FileClassification } from '../classify/types';
import type { Level } from '../policy/schema';
import type { AuditEventData } from './events';
import type { AuditAssistantInput, AuditEnvironment, AuditHookInput, AuditPolicyInput, AuditReport, AuditReportInput, AuditSkipped } from './report';

export interface EnvironmentOptions {
	/** The process environment (for USER / USERNAME). */
	env?: Readonly<Record<string, string | undefined>>;
	extensionVersion: string;
	/** Editor only. */
	vscodeVersion?: string;
	/** Default: `process.platform`. */
	platform?: string;
}

/** Who ran the audit, where: the OS user (USER, USERNAME, else the account name), the host name, the platform. */
export function auditEnvironment(options: EnvironmentOptions): AuditEnvironment {
	const env = options.env ?? {};
	let user = env.USER ?? env.USERNAME ?? '';
	if (!user) {
		try {
			user = os.userInfo().username;
		} catch {
			user = 'unknown';
		}
	}
	let host: string;
	try {
		host = os.hostname();
	} catch {
		host = 'unknown';
	}
	return {
		user,
		host,
		platform: options.platform ?? process.platform,
		...(options.vscodeVersion !== undefined ? { vscodeVersion: options.vscodeVersion } : {}),
		extensionVersion: options.extensionVersion,
	};
}

/** The files whose content was not scanned, from their classifications, by path. */
export function skippedOf(files: Iterable<FileClassification>): AuditSkipped[] {
	const out: AuditSkipped[] = [];
	for (const f of files) {
		if (f.skipped) {
			out.push({ path: f.path, reason: f.skipped.reason, ...(f.skipped.detail ? { detail: f.skipped.detail } : {}) });
		}
	}
	return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface CollectOptions {
	environment: AuditEnvironment;
	policy: AuditPolicyInput;
	workspaceName: string;
	/** Every classified file of the workspace (a scan's files, or the editor's index). */
	files: Iterable<FileClassification>;
	minLevel?: Level;
	assistants?: readonly AuditAssistantInput[];
	hooks?: readonly AuditHookInput[];
	mcp?: AuditReportInput['mcp'];
	generatedAt?: Date;
}

/**
 * The report input from a workspace's classifications: files in path order (so the report does not depend on the
 * order a scan or an index found them), skipped files derived from the classifications.
 */
export function collectAuditInput(o: CollectOptions): AuditReportInput {
	const files = [...o.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return {
		...(o.generatedAt ? { generatedAt: o.generatedAt } : {}),
		environment: o.environment,
		policy: o.policy,
		workspaceName: o.workspaceName,
		files,
		skipped: skippedOf(files),
		...(o.minLevel ? { minLevel: o.minLevel } : {}),
		...(o.assistants ? { assistants: o.assistants } : {}),
		...(o.hooks ? { hooks: o.hooks } : {}),
		...(o.mcp ? { mcp: o.mcp } : {}),
	};
}

/** The `audit.run` entry for a report written in `format` (to `out`, when given). */
export function auditRunData(report: AuditReport, format: string, out?: string): AuditEventData['audit.run'] {
	return {
		workspace: report.workspace.rootName,
		format,
		files: report.totals.files,
		findings: report.totals.findings,
		level: report.workspace.level,
		restricted: report.workspace.restricted,
		...(out ? { out } : {}),
	};
}
