/**
 * The audit report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
 *
 * One run, `tool.driver` "Context Warden" with one reporting descriptor per rule that produced a finding (ids are
 * `<kind>/<rule>`: `path/env-files`, `secret/aws-access-key-id`), and one result per finding: path findings anchor
 * at line 1 of the file (code scanning needs a line to show an alert), content findings at the finding's region.
 * Levels: restricted and confidential findings are `error` and `warning`, internal ones `note`.
 *
 * Nothing derived from a secret is written: messages are the rules' descriptions, with no preview, and
 * `partialFingerprints` hash the rule, the path and the line (never the line's text), so an alert keeps its
 * identity across runs while the secret stays out of the file. URIs are relative to `%SRCROOT%` (the audited
 * directory), which code scanning resolves against the repository root.
 */
import { createHash } from 'node:crypto';
import type { Reason, ReasonKind } from '../../classify/types';
import { type Level, levelRank } from '../../policy/schema';
import type { AuditReport } from '../report';

/** The `$schema` written, as in GitHub's documentation. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** GitHub code scanning rejects runs with more results than this. */
export const MAX_SARIF_RESULTS = 25_000;
export const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifText {
	text: string;
	markdown?: string;
}

export interface SarifRegion {
	startLine: number;
	startColumn?: number;
	endLine?: number;
	endColumn?: number;
}

export interface SarifLocation {
	physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: SarifRegion };
}

export interface SarifReportingDescriptor {
	id: string;
	shortDescription: SarifText;
	fullDescription: SarifText;
	help: SarifText;
	defaultConfiguration: { level: SarifLevel };
	properties: { tags: string[]; precision: string; 'security-severity': string };
}

export interface SarifResult {
	ruleId: string;
	ruleIndex: number;
	level: SarifLevel;
	message: { text: string };
	locations: SarifLocation[];
	partialFingerprints: Record<string, string>;
	/** `mcp` results also name the server and the secret files it receives. */
	properties: { sensitivity: Level; kind: ReasonKind | 'mcp'; server?: string; secretFiles?: string[] };
}

export interface SarifNotification {
	level: SarifLevel;
	message: { text: string };
	locations?: SarifLocation[];
}

export interface SarifRun {
	tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifReportingDescriptor[] } };
	originalUriBaseIds: Record<string, { uri?: string; description: { text: string } }>;
	invocations: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] }[];
	results: SarifResult[];
	properties: Record<string, unknown>;
}

export interface SarifLog {
	$schema: string;
	version: typeof SARIF_VERSION;
	runs: [SarifRun];
}

export interface SarifOptions {
	/** The tool's documentation page, when it has one. */
	informationUri?: string;
	/** The absolute `file:` URI of the audited directory, ending in `/`. Left out by default (it names a local path). */
	srcRootUri?: string;
	/** Default `MAX_SARIF_RESULTS`. */
	maxResults?: number;
}

const KIND_LABEL: Record<ReasonKind, string> = {
	path: 'Sensitive path',
	secret: 'Secret',
	'private-key': 'Private key',
	pii: 'Personal data',
	marker: 'Confidentiality marker',
	pattern: 'Organisation pattern',
};

const PRECISION: Record<ReasonKind, string> = {
	path: 'very-high',
	'private-key': 'very-high',
	secret: 'high',
	marker: 'high',
	pii: 'medium',
	pattern: 'medium',
};

const HELP: Record<ReasonKind, string> = {
	path: 'Files matching this path rule are sensitive under the organisation\'s AI context policy: keep them out of AI assistants\' context (Context Warden excludes them where the assistant allows it), or change the rule in the policy if the file is not sensitive.',
	secret: 'A value that looks like a credential. Move it to a secret store or environment injected at run time, rotate it if it was ever committed or shared, and keep the file out of AI assistants\' context.',
	'private-key': 'A private key block. Move it out of the workspace (a key store or an agent), rotate it if it was committed or shared, and keep the file out of AI assistants\' context.',
	pii: 'Personal data (an e-mail address, phone number, ID, card or IBAN number). Replace it with synthetic data, or keep the file out of AI assistants\' context.',
	marker: 'The file carries a confidentiality marker: the organisation considers it confidential. Keep it out of AI assistants\' context.',
	pattern: 'The file matches an organisation-specific pattern (e.g. an internal code name). Keep it out of AI assistants\' context.',
};

/** The rule id of an MCP server handed a secret file. */
export const MCP_SECRET_FILE_RULE = 'mcp/secret-file-to-server';
const MCP_HELP =
	'Remove the envFile (or point it at a file without secrets) and give the server only the variables it needs, through input prompts or the environment; or block the server in the policy\'s mcp section. A sandbox does not help: the editor reads the file and hands its values to the process.';

/** The SARIF level of a sensitivity level: restricted → error, confidential → warning, internal → note. */
export function sarifLevel(level: Level): SarifLevel {
	return level === 'restricted' ? 'error' : level === 'confidential' ? 'warning' : level === 'internal' ? 'note' : 'none';
}

const SECURITY_SEVERITY: Record<Level, string> = { restricted: '8.0', confidential: '5.0', internal: '2.0', public: '0.0' };

/** A workspace-relative POSIX path as a relative URI reference: each segment percent-encoded. */
export function pathToRelativeUri(relPath: string): string {
	return relPath
		.split('/')
		.map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
		.join('/');
}

function bound(s: string, max = 1024): string {
	return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function sha256(s: string): string {
	return createHash('sha256').update(s, 'utf8').digest('hex');
}

function ruleIdOf(r: Reason): string {
	return `${r.kind}/${r.rule}`;
}

function resultMessage(r: Reason): string {
	const sentence = r.message.trim().replace(/\.$/, '');
	if (r.kind === 'path') {
		return bound(`Sensitive file (${r.level}): matches path rule '${r.rule}'${sentence ? `: ${sentence}` : ''}. Keep it out of AI assistants' context.`);
	}
	const at = r.line !== undefined ? ` at line ${r.line}${r.column !== undefined ? `, column ${r.column}` : ''}` : '';
	return bound(`${KIND_LABEL[r.kind]} (${r.level})${at}: ${sentence || r.rule}. The value is not shown.`);
}

/**
 * Renders the audit report as a SARIF 2.1.0 log: rules for every rule that found something, a result per finding
 * in the listed files, skipped files as tool notifications. Deterministic for a given report.
 */
export function renderAuditSarif(report: AuditReport, options: SarifOptions = {}): SarifLog {
	const maxResults = options.maxResults ?? MAX_SARIF_RESULTS;
	// Rules: one per id, at the highest level any finding of it had; described by its first message.
	const ruleInfo = new Map<string, { kind: ReasonKind; rule: string; level: Level; message: string }>();
	for (const f of report.files) {
		for (const r of f.reasons) {
			if (r.level === 'public') {
				continue;
			}
			const id = ruleIdOf(r);
			const seen = ruleInfo.get(id);
			if (!seen) {
				ruleInfo.set(id, { kind: r.kind, rule: r.rule, level: r.level, message: r.message });
			} else if (levelRank(r.level) > levelRank(seen.level)) {
				seen.level = r.level;
			}
		}
	}
	const ids = [...ruleInfo.keys()].sort();
	const ruleIndex = new Map(ids.map((id, i) => [id, i]));
	const rules: SarifReportingDescriptor[] = ids.map((id) => {
		const info = ruleInfo.get(id) as { kind: ReasonKind; rule: string; level: Level; message: string };
		const short = bound(`${KIND_LABEL[info.kind]}: ${info.rule}`);
		return {
			id,
			shortDescription: { text: short },
			fullDescription: { text: bound(info.message.trim() || short) },
			help: { text: bound(HELP[info.kind], 4096), markdown: bound(`**${KIND_LABEL[info.kind]}.** ${HELP[info.kind]}`, 4096) },
			defaultConfiguration: { level: sarifLevel(info.level) },
			properties: {
				tags: ['security', 'context-warden', 'ai-context', info.kind],
				precision: PRECISION[info.kind],
				'security-severity': SECURITY_SEVERITY[info.level],
			},
		};
	});

	const results: SarifResult[] = [];
	let dropped = 0;
	const occurrences = new Map<string, number>();
	for (const f of report.files) {
		const uri = pathToRelativeUri(f.path);
		for (const r of f.reasons) {
			if (r.level === 'public') {
				continue;
			}
			if (results.length >= maxResults) {
				dropped++;
				continue;
			}
			const id = ruleIdOf(r);
			const line = r.line ?? 1;
			const key = `${id}\u0000${f.path}\u0000${line}`;
			const n = (occurrences.get(key) ?? 0) + 1;
			occurrences.set(key, n);
			const hash = sha256(key);
			const region: SarifRegion =
				r.line === undefined
					? { startLine: 1 }
					: {
							startLine: r.line,
							...(r.column !== undefined ? { startColumn: r.column } : {}),
							...(r.endLine !== undefined ? { endLine: r.endLine } : {}),
							...(r.endColumn !== undefined ? { endColumn: r.endColumn } : {}),
						};
			results.push({
				ruleId: id,
				ruleIndex: ruleIndex.get(id) ?? 0,
				level: sarifLevel(r.level),
				message: { text: resultMessage(r) },
				locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region } }],
				partialFingerprints: { primaryLocationLineHash: `${hash.slice(0, 16)}:${n}`, 'contextWarden/v1': `${hash}:${n}` },
				properties: { sensitivity: r.level, kind: r.kind },
			});
		}
	}

	// MCP: a server of a workspace file that receives a secret file (envFile), at the server's line.
	const mcpHits = (report.mcp?.servers ?? []).filter((m) => m.origin === 'workspace' && !m.file.startsWith('/') && m.secrets.some((x) => x.via === 'envFile'));
	if (mcpHits.length > 0) {
		ruleIndex.set(MCP_SECRET_FILE_RULE, rules.length);
		rules.push({
			id: MCP_SECRET_FILE_RULE,
			shortDescription: { text: 'MCP server receives a secret file' },
			fullDescription: { text: 'An MCP server of this workspace is started with a sensitive file as its envFile: every value in it goes to the server process.' },
			help: { text: MCP_HELP, markdown: `**MCP server receives a secret file.** ${MCP_HELP}` },
			defaultConfiguration: { level: 'error' },
			properties: { tags: ['security', 'context-warden', 'ai-context', 'mcp'], precision: 'very-high', 'security-severity': SECURITY_SEVERITY.restricted },
		});
	}
	for (const m of mcpHits) {
		if (results.length >= maxResults) {
			dropped++;
			continue;
		}
		const files = m.secrets.filter((x) => x.via === 'envFile').map((x) => x.file ?? x.name);
		const key = `${MCP_SECRET_FILE_RULE}\u0000${m.file}\u0000${m.name}`;
		const hash = sha256(key);
		results.push({
			ruleId: MCP_SECRET_FILE_RULE,
			ruleIndex: ruleIndex.get(MCP_SECRET_FILE_RULE) ?? 0,
			level: 'error',
			message: { text: bound(`MCP server '${m.name}' receives the secret file ${files.join(', ')} (verdict: ${m.verdict}${m.lever !== 'none' ? `, lever: ${m.lever}` : ''}).`) },
			locations: [{ physicalLocation: { artifactLocation: { uri: pathToRelativeUri(m.file), uriBaseId: SRCROOT }, region: { startLine: m.line } } }],
			partialFingerprints: { primaryLocationLineHash: `${hash.slice(0, 16)}:1`, 'contextWarden/v1': `${hash}:1` },
			properties: { sensitivity: 'restricted', kind: 'mcp', server: m.name, secretFiles: files },
		});
	}

	const notifications: SarifNotification[] = report.skipped.slice(0, 1000).map((s) => ({
		level: 'note',
		message: { text: bound(`Not content-scanned (${s.reason}${s.detail ? `: ${s.detail}` : ''}); path rules still applied.`) },
		locations: [{ physicalLocation: { artifactLocation: { uri: pathToRelativeUri(s.path), uriBaseId: SRCROOT } } }],
	}));
	if (dropped > 0) {
		notifications.unshift({ level: 'warning', message: { text: `${dropped} results were left out: code scanning accepts at most ${maxResults} per run.` } });
	}
	const run: SarifRun = {
		tool: {
			driver: {
				name: 'Context Warden',
				version: report.environment.extensionVersion,
				...(options.informationUri ? { informationUri: options.informationUri } : {}),
				rules,
			},
		},
		originalUriBaseIds: {
			[SRCROOT]: { ...(options.srcRootUri ? { uri: options.srcRootUri } : {}), description: { text: `The audited directory (${report.workspace.rootName}).` } },
		},
		invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
		results,
		properties: {
			policy: { name: report.policy.name, state: report.policy.state, sha256: report.policy.sha256 },
			workspace: { level: report.workspace.level, restricted: report.workspace.restricted },
			...(dropped > 0 ? { droppedResults: dropped } : {}),
		},
	};
	return { $schema: SARIF_SCHEMA_URI, version: SARIF_VERSION, runs: [run] };
}

/** The SARIF log as JSON text, ending with a newline. */
export function renderAuditSarifJson(report: AuditReport, options: SarifOptions = {}): string {
	return `${JSON.stringify(renderAuditSarif(report, options), null, 2)}\n`;
}
