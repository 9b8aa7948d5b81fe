/**
 * The audit report: what policy is in force and where it came from, what the workspace holds that is sensitive,
 * and (in the editor) what each AI assistant may see and what the agent hooks do. Plain data, built from plain
 * inputs, rendered by the formats in `formats/` (Markdown, JSON, SARIF).
 *
 * The report never holds file content: reasons carry positions, rule ids and the classifier's masked previews.
 */
import type { FileClassification, Reason, SkipReason } from '../classify/types';
import type { McpFileReport, McpServerReport } from '../mcp/model';
import { workspaceVerdict } from '../classify/verdict';
import type { EffectivePolicy } from '../policy/layering';
import { type Level, LEVELS, levelRank, type Policy } from '../policy/schema';

/** The report format version, bumped when a field changes meaning. */
export const AUDIT_REPORT_VERSION = 1;

/** What the report needs of the effective policy (an `EffectivePolicy` is one). */
export type AuditPolicyInput = Pick<EffectivePolicy, 'policy' | 'state' | 'sources' | 'refused' | 'exceptions' | 'sha256'>;

/** Where the audit ran. */
export interface AuditEnvironment {
	user: string;
	host: string;
	platform: string;
	/** Editor only. */
	vscodeVersion?: string;
	/** The extension's (or the CLI's) version. */
	extensionVersion: string;
}

/** A file whose content was not scanned, and why. */
export interface AuditSkipped {
	path: string;
	reason: SkipReason;
	detail?: string;
}

/** One assistant as the editor sees it (editor only). */
export interface AuditAssistantInput {
	id: string;
	name: string;
	decision: 'allowed' | 'warn' | 'disable';
	/** Why, in plain sentences. */
	why?: readonly string[];
	/** Ids of the levers applied now. */
	leversApplied: readonly string[];
	/** Coverage gaps in plain words (`AssistantCoverage.gaps`). */
	coverageGaps: readonly string[];
	/** Drift since the levers were applied (`DriftEvent`s: only these fields are kept, never expected/actual). */
	drift?: readonly { file: string; kind: string; message: string; leverIds?: readonly string[] }[];
}

/** One agent hook (editor only, or a CLI that inspects hook configuration). */
export interface AuditHookInput {
	/** The agent id, e.g. `claude-code`, `cursor`. */
	agent: string;
	installed: boolean;
	/** The configuration file that holds the hook, workspace-relative or `~`-relative. */
	config?: string;
	/** Counts from the audit log, when known. */
	denies?: number;
	asks?: number;
	/** Tool outputs the hook redacted (or withheld), and reads of sensitive files the policy allowed as they are. */
	redactions?: number;
	allows?: number;
	notes?: readonly string[];
}

export interface AuditReportInput {
	/** Default: now. */
	generatedAt?: Date;
	environment: AuditEnvironment;
	policy: AuditPolicyInput;
	/** The workspace root's name (a folder name, never an absolute path). */
	workspaceName: string;
	/** Every classified file (public ones too: they are counted, not listed). */
	files: readonly FileClassification[];
	skipped?: readonly AuditSkipped[];
	/** Files below this level are counted but not listed (default `internal`: every non-public file is listed). */
	minLevel?: Level;
	assistants?: readonly AuditAssistantInput[];
	hooks?: readonly AuditHookInput[];
	/** MCP servers and the configuration files read (`analyzeMcp`); the CLI gives the workspace's, the editor the user's too. */
	mcp?: { servers: readonly McpServerReport[]; files: readonly McpFileReport[]; settings?: Readonly<Record<string, unknown>> };
}

/** An MCP server as the report lists it: its classification and verdict, never a value it is given. */
export type AuditMcpServer = Pick<
	McpServerReport,
	'id' | 'name' | 'file' | 'line' | 'locationId' | 'assistants' | 'origin' | 'transport' | 'runs' | 'host' | 'program' | 'packages' | 'reach' | 'secrets' | 'sandboxed' | 'disabled' | 'verdict' | 'action' | 'lever' | 'why' | 'risks' | 'notes'
>;

/** The longest masked preview kept. */
const MAX_PREVIEW_CHARS = 80;

/** A reason as reported: the classifier's, with the preview bounded. */
export type AuditReason = Reason;

/** A listed file: its classification, with reasons bounded to what the report may show. */
export interface AuditFile {
	path: string;
	level: Level;
	reasons: AuditReason[];
	skipped?: { reason: SkipReason; detail?: string };
	size?: number;
	omittedFindings?: number;
}

export interface AuditReport {
	reportVersion: number;
	generatedAt: string;
	environment: AuditEnvironment;
	policy: {
		name: string;
		state: EffectivePolicy['state'];
		sha256: string;
		sources: { kind: string; label: string; sha256: string | null; used: boolean }[];
		effective: Policy;
		refused: { layer: string; source: string; key: string; attempted: unknown; kept: unknown; message: string }[];
		exceptions: {
			active: { path: string; layer: string; expires: string; reason?: string; granted?: string }[];
			rejected: { path: string; layer: string; expires: string; reason?: string; why: string }[];
		};
	};
	workspace: {
		rootName: string;
		level: Level;
		restricted: boolean;
		restrictedAt: Policy['workspace']['restrictedAt'];
		sensitiveLevel: Level;
	};
	/** Files at or above `minLevel`, most severe first, then by path. */
	files: AuditFile[];
	/** Files an active exception covers (treated as public). */
	excepted: { path: string; exception: { path: string; expires?: string; reason?: string } }[];
	skipped: AuditSkipped[];
	assistants?: {
		id: string;
		name: string;
		decision: AuditAssistantInput['decision'];
		why: string[];
		leversApplied: string[];
		coverageGaps: string[];
		drift: { file: string; kind: string; message: string; leverIds: string[] }[];
	}[];
	hooks?: { agent: string; installed: boolean; config?: string; denies?: number; asks?: number; redactions?: number; allows?: number; notes: string[] }[];
	/** MCP servers, by file then name, and the files read (with their problems). */
	/** `settings`: the editor's `chat.mcp.*` settings in force (editor only). */
	mcp?: { servers: AuditMcpServer[]; files: McpFileReport[]; settings?: Record<string, unknown> };
	totals: {
		files: number;
		byLevel: Record<Level, number>;
		/** Files at or above the policy's sensitiveLevel. */
		sensitive: number;
		listed: number;
		/** Reasons in listed files, by kind; `findings` is their sum. */
		findings: number;
		byKind: Record<string, number>;
		skipped: number;
		excepted: number;
		refused: number;
		assistants?: Record<AuditAssistantInput['decision'], number>;
		hooks?: { installed: number; denies: number; asks: number; redactions?: number; allows?: number };
		mcp?: { servers: number; receivingSecretFiles: number; blocked: number; levers: number };
	};
}

function boundReason(r: Reason): AuditReason {
	const out: AuditReason = { ...r };
	if (out.preview !== undefined && out.preview.length > MAX_PREVIEW_CHARS) {
		out.preview = `${Array.from(out.preview).slice(0, MAX_PREVIEW_CHARS - 1).join('')}…`;
	}
	return out;
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Builds the audit report from what the policy core, the classifier and (in the editor) the assistant and hook
 * modules say. Lists the files at or above `minLevel` (every non-public file by default) with their reasons,
 * counts the rest, and derives the workspace verdict from the files' levels with the effective policy.
 */
export function buildAuditReport(input: AuditReportInput): AuditReport {
	const { policy } = input.policy;
	const minRank = levelRank(input.minLevel ?? 'internal');
	const sensitiveRank = levelRank(policy.workspace.sensitiveLevel);
	const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
	const byKind: Record<string, number> = {};
	const files: AuditFile[] = [];
	const excepted: AuditReport['excepted'] = [];
	let sensitive = 0;
	for (const f of input.files) {
		byLevel[f.level]++;
		if (levelRank(f.level) >= sensitiveRank) {
			sensitive++;
		}
		if (f.exception) {
			excepted.push({ path: f.path, exception: { ...f.exception } });
		}
		if (levelRank(f.level) < minRank || levelRank(f.level) === 0) {
			continue;
		}
		const reasons = f.reasons.map(boundReason);
		for (const r of reasons) {
			byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
		}
		files.push({
			path: f.path,
			level: f.level,
			reasons,
			...(f.skipped ? { skipped: { ...f.skipped } } : {}),
			...(f.size !== undefined ? { size: f.size } : {}),
			...(f.omittedFindings ? { omittedFindings: f.omittedFindings } : {}),
		});
	}
	files.sort((a, b) => levelRank(b.level) - levelRank(a.level) || byPath(a, b));
	excepted.sort(byPath);
	const verdict = workspaceVerdict(policy, input.files.map((f) => f.level));
	const skipped = [...(input.skipped ?? [])].map((s) => ({ ...s })).sort(byPath);
	const report: AuditReport = {
		reportVersion: AUDIT_REPORT_VERSION,
		generatedAt: (input.generatedAt ?? new Date()).toISOString(),
		environment: { ...input.environment },
		policy: {
			name: policy.name,
			state: input.policy.state,
			sha256: input.policy.sha256,
			sources: input.policy.sources.map((s) => ({ kind: s.kind, label: s.label, sha256: s.sha256, used: s.used })),
			effective: policy,
			refused: input.policy.refused.map((r) => ({ layer: r.layer, source: r.source, key: r.key, attempted: r.attempted, kept: r.kept, message: r.message })),
			exceptions: {
				active: input.policy.exceptions.active.map((e) => ({
					path: e.path,
					layer: e.layer,
					expires: e.expires,
					...(e.reason !== undefined ? { reason: e.reason } : {}),
					...(e.granted !== undefined ? { granted: e.granted } : {}),
				})),
				rejected: input.policy.exceptions.rejected.map((e) => ({
					path: e.path,
					layer: e.layer,
					expires: e.expires,
					...(e.reason !== undefined ? { reason: e.reason } : {}),
					why: e.why,
				})),
			},
		},
		workspace: {
			rootName: input.workspaceName,
			level: verdict.level,
			restricted: verdict.restricted,
			restrictedAt: policy.workspace.restrictedAt,
			sensitiveLevel: policy.workspace.sensitiveLevel,
		},
		files,
		excepted,
		skipped,
		totals: {
			files: input.files.length,
			byLevel,
			sensitive,
			listed: files.length,
			findings: Object.values(byKind).reduce((a, b) => a + b, 0),
			byKind,
			skipped: skipped.length,
			excepted: excepted.length,
			refused: input.policy.refused.length,
		},
	};
	if (input.assistants) {
		report.assistants = input.assistants.map((a) => ({
			id: a.id,
			name: a.name,
			decision: a.decision,
			why: [...(a.why ?? [])],
			leversApplied: [...a.leversApplied],
			coverageGaps: [...a.coverageGaps],
			drift: (a.drift ?? []).map((d) => ({ file: d.file, kind: d.kind, message: d.message, leverIds: [...(d.leverIds ?? [])] })),
		}));
		const counts: Record<AuditAssistantInput['decision'], number> = { allowed: 0, warn: 0, disable: 0 };
		for (const a of input.assistants) {
			counts[a.decision]++;
		}
		report.totals.assistants = counts;
	}
	if (input.hooks) {
		report.hooks = input.hooks.map((h) => ({
			agent: h.agent,
			installed: h.installed,
			...(h.config !== undefined ? { config: h.config } : {}),
			...(h.denies !== undefined ? { denies: h.denies } : {}),
			...(h.asks !== undefined ? { asks: h.asks } : {}),
			...(h.redactions !== undefined ? { redactions: h.redactions } : {}),
			...(h.allows !== undefined ? { allows: h.allows } : {}),
			notes: [...(h.notes ?? [])],
		}));
		report.totals.hooks = {
			installed: input.hooks.filter((h) => h.installed).length,
			denies: input.hooks.reduce((n, h) => n + (h.denies ?? 0), 0),
			asks: input.hooks.reduce((n, h) => n + (h.asks ?? 0), 0),
			...(input.hooks.some((h) => h.redactions !== undefined || h.allows !== undefined)
				? { redactions: input.hooks.reduce((n, h) => n + (h.redactions ?? 0), 0), allows: input.hooks.reduce((n, h) => n + (h.allows ?? 0), 0) }
				: {}),
		};
	}
	if (input.mcp) {
		const servers = [...input.mcp.servers]
			.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.map((s): AuditMcpServer => ({
				id: s.id,
				name: s.name,
				file: s.file,
				line: s.line,
				locationId: s.locationId,
				assistants: [...s.assistants],
				origin: s.origin,
				transport: s.transport,
				runs: s.runs,
				...(s.host !== undefined ? { host: s.host } : {}),
				...(s.program !== undefined ? { program: s.program } : {}),
				packages: [...s.packages],
				reach: { ...s.reach, paths: [...s.reach.paths] },
				secrets: s.secrets.map((x) => ({ ...x })),
				sandboxed: s.sandboxed,
				disabled: s.disabled,
				verdict: s.verdict,
				action: s.action,
				lever: s.lever,
				why: [...s.why],
				risks: [...s.risks],
				notes: [...s.notes],
			}));
		report.mcp = {
			servers,
			files: input.mcp.files.map((f) => ({ ...f, problems: [...f.problems] })),
			...(input.mcp.settings ? { settings: { ...input.mcp.settings } } : {}),
		};
		report.totals.mcp = {
			servers: servers.length,
			receivingSecretFiles: servers.filter((s) => s.secrets.some((x) => x.via === 'envFile')).length,
			blocked: servers.filter((s) => s.verdict === 'blocked').length,
			levers: servers.filter((s) => s.lever !== 'none').length,
		};
	}
	return report;
}

