import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CATALOGUE } from '../../core/assistants/catalogue';
import { decideAssistant } from '../../core/assistants/decide';
import { auditEnvironment, auditRunData, collectAuditInput } from '../../core/audit/collect';
import type { McpReport } from '../../core/mcp/model';
import type { AuditEventData, AuditEventType, AuditRecord } from '../../core/audit/events';
import { renderAuditJson } from '../../core/audit/formats/json';
import { renderAuditMarkdown } from '../../core/audit/formats/markdown';
import { renderAuditSarifJson } from '../../core/audit/formats/sarif';
import { type AuditLog, DEFAULT_LOG_NAME, type LogProblem, MIRROR_SIDECAR, openAuditLog, type VerifyResult, verifyLog } from '../../core/audit/log';
import { fsLogStore, type LogStore } from '../../core/audit/logStore';
import { type MirrorFormat, mirrorFor } from '../../core/audit/ocsf';
import { type PolicyEventInput, policyChangeRecords, type RestrictionState, restrictionRecord } from '../../core/audit/policyEvents';
import { type AuditAssistantInput, type AuditHookInput, type AuditReport, buildAuditReport } from '../../core/audit/report';
import { Disposable } from '../disposable';
import type { GovernanceService } from '../assistants/governanceService';
import type { Logger } from '../logger';
import { changed, machineSetting } from '../settings';
import type { PolicyService } from '../policy/policyService';
import type { WorkspaceIndex } from '../classify/workspaceIndex';

const TAG = 'audit';
/** The machine-scoped setting naming a file every entry is also appended to (for a log shipper). */
/** The machine-scoped setting: how many rotated 1 MiB segments the log keeps (0: all). */
const DEFAULT_RETAIN_SEGMENTS = 100;
const RESTRICTION_KEY = 'contextWarden.audit.restriction';
const RESTRICTION_DEBOUNCE_MS = 500;
/** How long an audit waits for a running scan before reporting what is classified so far. */
const SCAN_WAIT_MS = 120_000;

export const AUDIT_FORMATS = ['md', 'json', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** What one audit run wrote. */
export interface AuditRunResult {
	/** The folder of this run. */
	dir: string;
	files: Record<AuditFormat, string>;
	report: AuditReport;
}

/**
 * What the audit uses of the governance service when it offers it (looked up at run time, so the audit works
 * before and after the governance service grows these members):
 * - `auditAssistants()`: each assistant's decision, applied levers, coverage gaps and drift, as report input;
 * - `onDidRecordAudit`: the governance entries (assistant.warned / disabled / restored, drift.detected).
 */
export interface AuditableGovernance {
	auditAssistants(): AuditAssistantInput[];
	readonly onDidRecordAudit: vscode.Event<AuditRecord>;
}

/**
 * The audit in the editor: keeps the hash-chained audit log (policy, restriction and governance entries), writes
 * the audit report (Markdown, JSON, SARIF) of the workspace, and verifies the log.
 *
 * The log lives in the global storage (`<globalStorage>/audit/audit.jsonl`), shared by every window and by the
 * agent hooks (`--log`); appends are serialised by the store's lock file.
 */
export class AuditService extends Disposable {
	/** The audit log's directory (for the hook installer's `--log <logDir>/audit.jsonl`). */
	readonly logDir: string;
	/** The active segment's file: what `--log` takes. */
	readonly logFile: string;
	private readonly store: LogStore;
	private hookSource: { auditHooks(): AuditHookInput[] } | undefined;
	private log: AuditLog;
	private mirrorFile: string | undefined;
	private mirrorWarned = false;
	private queue: Promise<void> = Promise.resolve();
	private lastPolicy: PolicyEventInput | undefined;
	private restrictionTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly logger: Logger,
		private readonly policy: PolicyService,
		private readonly index: WorkspaceIndex,
		private readonly governance: GovernanceService,
	) {
		super();
		this.logDir = path.join(context.globalStorageUri.fsPath, 'audit');
		this.logFile = path.join(this.logDir, DEFAULT_LOG_NAME);
		this.store = fsLogStore(this.logDir);
		this.mirrorFile = readMirrorSetting();
		this.log = this.openLog();
		this._register({ dispose: () => clearTimeout(this.restrictionTimer) });
		this._register(
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (changed(e, 'audit.retainSegments')) {
					this.log = this.openLog();
				}
				if (changed(e, ['audit.mirrorFile', 'audit.mirrorFormat'])) {
					const next = readMirrorSetting();
					if (next !== this.mirrorFile || changed(e, 'audit.mirrorFormat')) {
						this.mirrorFile = next;
						this.mirrorWarned = false;
						this.log = this.openLog();
						this.logger.info(TAG, next ? 'audit entries are also appended to the mirror file' : 'audit mirror off');
					}
				}
			}),
		);
		this._register(policy.onDidChange(() => this.onPolicy()));
		this._register(index.onDidChange(() => this.scheduleRestriction()));
		this._register(index.onDidChangeScanning((scanning) => !scanning && this.scheduleRestriction(0)));
		const g = auditable(governance);
		if (g.onDidRecordAudit) {
			this._register(g.onDidRecordAudit((r) => void this.record(r.type, r.data)));
		} else {
			this.logger.debug(TAG, 'the governance service fires no audit events: assistant and drift entries are not recorded');
		}
		if (policy.effective) {
			this.onPolicy();
		}
	}

	/** Appends an entry. Never throws: a failure is logged (never the entry's data). Resolves when written. */
	record<T extends AuditEventType>(type: T, data: AuditEventData[T]): Promise<void> {
		const log = this.log;
		const job = async (): Promise<void> => {
			try {
				const r = await log.append(type, data);
				if (r.stripped.length > 0) {
					this.logger.warn(TAG, `${type}: ${r.stripped.length} field(s) left out of the entry (content or secret-like)`);
				}
				if (r.mirrorError && !this.mirrorWarned) {
					this.mirrorWarned = true;
					this.logger.error(TAG, `cannot append to the audit mirror ${r.mirrorError}`);
				}
			} catch (err) {
				this.logger.error(TAG, `cannot append ${type} to the audit log ${this.logFile}`, err);
			}
		};
		this.queue = this.queue.then(job, job);
		return this.queue;
	}

	/** Resolves when every entry recorded so far is written (for tests). */
	flush(): Promise<void> {
		return this.queue;
	}

	/** Verifies the audit log (for tests and the command). Never throws: an unreadable log is reported as malformed. */
	async verify(): Promise<VerifyResult> {
		await this.flush();
		try {
			return await verifyLog(this.store, DEFAULT_LOG_NAME);
		} catch (err) {
			this.logger.error(TAG, 'cannot read the audit log', err);
			return {
				ok: false,
				firstBad: { segment: DEFAULT_LOG_NAME, line: 0, seq: 0, problem: 'malformed', detail: `the log cannot be read: ${errorText(err)}` },
				entries: [],
				segments: [],
			};
		}
	}

	/** "Context Warden: Verify Audit Log". */
	async verifyLog(): Promise<VerifyResult> {
		const result = await this.verify();
		const openFile = vscode.l10n.t('Open Log File');
		if (result.ok) {
			this.logger.info(TAG, `audit log verified: ${result.entries.length} entries in ${result.segments.length} segment(s)`);
			const message = result.pruned
				? vscode.l10n.t('The audit log is intact ({0} entries; entries 1 to {1} were pruned by retention, as the log records).', result.entries.length, result.pruned.throughSeq)
				: vscode.l10n.t('The audit log is intact ({0} entries).', result.entries.length);
			const choice = await vscode.window.showInformationMessage(message, openFile);
			if (choice === openFile) {
				await this.openLogFile(DEFAULT_LOG_NAME, 0);
			}
			return result;
		}
		const b = result.firstBad;
		this.logger.error(TAG, `audit log verification failed: ${b.segment} line ${b.line}, seq ${b.seq}: ${b.problem}: ${b.detail}`);
		const choice = await vscode.window.showErrorMessage(
			vscode.l10n.t('The audit log does not verify: entry {0} ({1}, line {2}) is {3}: {4}', b.seq, b.segment, b.line, problemWord(b.problem), b.detail),
			openFile,
		);
		if (choice === openFile) {
			await this.openLogFile(b.segment, b.line);
		}
		return result;
	}

	/** Builds the report of the workspace now (waits for a running scan; does not write anything). */
	async buildReport(): Promise<AuditReport> {
		if (!this.policy.effective) {
			await this.policy.reload('audit');
		}
		await this.waitForScan();
		const effective = this.policy.effective;
		if (!effective) {
			throw new Error('no effective policy');
		}
		return buildAuditReport(
			collectAuditInput({
				environment: auditEnvironment({ env: process.env, vscodeVersion: vscode.version, extensionVersion: this.extensionVersion() }),
				policy: effective,
				workspaceName: workspaceName(),
				files: this.index.all().values(),
				assistants: this.assistants(effective.policy),
				hooks: await this.hooks(),
				...(this.mcpSource ? { mcp: await this.mcpReport() } : {}),
			}),
		);
	}

	/** The MCP source (set by the extension once the MCP service exists). */
	setMcpSource(source: { refreshNow(): Promise<void>; report(): McpReport; settings(): Record<string, unknown> }): void {
		this.mcpSource = source;
	}

	/** The MCP servers as read now (the files may have changed since the last event). */
	private async mcpReport(): Promise<(McpReport & { settings: Record<string, unknown> }) | undefined> {
		if (!this.mcpSource) {
			return undefined;
		}
		await this.mcpSource.refreshNow();
		return { ...this.mcpSource.report(), settings: this.mcpSource.settings() };
	}

	/** The agent hooks source (set once the hook service exists: it needs this log's path first). */
	private mcpSource: { refreshNow(): Promise<void>; report(): McpReport; settings(): Record<string, unknown> } | undefined;

	setHookSource(source: { auditHooks(): AuditHookInput[] }): void {
		this.hookSource = source;
	}

	/** Installed hooks, with their denials and asks counted from this log. */
	private async hooks(): Promise<AuditHookInput[]> {
		const hooks = this.hookSource?.auditHooks() ?? [];
		if (!hooks.length) {
			return hooks;
		}
		const counts = new Map<string, { denies: number; asks: number; redactions: number; allows: number }>();
		try {
			const result = await this.verify();
			for (const e of result.entries) {
				const key = ({ 'hook.deny': 'denies', 'hook.ask': 'asks', 'hook.redact': 'redactions', 'hook.allow': 'allows' } as const)[e.type as 'hook.deny'];
				if (key === undefined) {
					continue;
				}
				const agent = String((e.data as { agent?: unknown }).agent ?? '');
				const c = counts.get(agent) ?? { denies: 0, asks: 0, redactions: 0, allows: 0 };
				c[key]++;
				counts.set(agent, c);
			}
		} catch (err) {
			this.logger.warn(TAG, `hook counts not read from the audit log: ${err instanceof Error ? err.message : String(err)}`);
		}
		return hooks.map((h) => {
			const c = counts.get(h.agent);
			return { ...h, denies: c?.denies ?? 0, asks: c?.asks ?? 0, redactions: c?.redactions ?? 0, allows: c?.allows ?? 0 };
		});
	}

	/**
	 * "Context Warden: Audit Workspace": writes the report as Markdown, JSON and SARIF into a folder of its own
	 * under the workspace storage, opens `format` (default: the Markdown preview), offers the exports, and records
	 * `audit.run`. Resolves to what was written.
	 */
	async runAudit(format: AuditFormat = 'md'): Promise<AuditRunResult> {
		const report = await this.buildReport();
		const base = (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
		const dir = path.join(base, 'audits', report.generatedAt.replace(/[:.]/g, '-'));
		await fs.promises.mkdir(dir, { recursive: true });
		const files: Record<AuditFormat, string> = {
			md: path.join(dir, 'audit.md'),
			json: path.join(dir, 'audit.json'),
			sarif: path.join(dir, 'audit.sarif'),
		};
		await fs.promises.writeFile(files.md, renderAuditMarkdown(report), 'utf8');
		await fs.promises.writeFile(files.json, renderAuditJson(report), 'utf8');
		await fs.promises.writeFile(files.sarif, renderAuditSarifJson(report), 'utf8');
		await this.record('audit.run', auditRunData(report, AUDIT_FORMATS.join('+'), dir));
		this.logger.info(
			TAG,
			`audit written to ${dir}: ${report.totals.listed} files listed, ${report.totals.findings} findings; workspace ${report.workspace.level}${report.workspace.restricted ? ', restricted' : ''}`,
		);
		const result: AuditRunResult = { dir, files, report };
		await this.open(result, format);
		void this.offerExport(result);
		return result;
	}

	// ---- policy and restriction entries ----------------------------------------------------------------------------

	private onPolicy(): void {
		const effective = this.policy.effective;
		if (!effective) {
			return;
		}
		try {
			const records = policyChangeRecords(this.lastPolicy, effective, new Date(), workspaceName());
			this.lastPolicy = effective;
			for (const r of records) {
				void this.record(r.type, r.data);
			}
		} catch (err) {
			this.logger.error(TAG, 'cannot derive the policy entries', err);
		}
		this.scheduleRestriction();
	}

	private scheduleRestriction(delay = RESTRICTION_DEBOUNCE_MS): void {
		clearTimeout(this.restrictionTimer);
		this.restrictionTimer = setTimeout(() => void this.checkRestriction(), delay);
	}

	private async checkRestriction(): Promise<void> {
		const effective = this.policy.effective;
		// A half-scanned workspace looks unrestricted: judge only complete scans.
		const summary = this.index.summary();
		if (this.isDisposed || !effective || !summary || this.index.scanning || !this.index.lastScan) {
			return;
		}
		try {
			const prev = this.context.workspaceState.get<RestrictionState>(RESTRICTION_KEY);
			const next: RestrictionState = { restricted: summary.restricted, level: summary.level };
			const r = restrictionRecord(prev, { ...next, restrictedAt: effective.policy.workspace.restrictedAt, sensitiveFiles: summary.sensitive }, workspaceName());
			if (prev?.restricted !== next.restricted || prev.level !== next.level) {
				await this.context.workspaceState.update(RESTRICTION_KEY, next);
			}
			if (r) {
				await this.record(r.type, r.data);
			}
		} catch (err) {
			this.logger.error(TAG, 'cannot record the workspace restriction', err);
		}
	}

	// ---- report inputs ----------------------------------------------------------------------------------------

	/** The assistants as the governance service reports them; without its audit view, the core's decisions. */
	private assistants(policy: PolicyEventInput['policy']): AuditAssistantInput[] {
		const g = auditable(this.governance);
		if (g.auditAssistants) {
			try {
				return g.auditAssistants();
			} catch (err) {
				this.logger.error(TAG, 'the governance service could not list the assistants', err);
			}
		}
		const restricted = this.index.summary()?.restricted ?? false;
		return this.governance.views().map((v) => {
			const entry = CATALOGUE.find((e) => e.id === v.id);
			const decision = entry ? decideAssistant(policy, entry, restricted) : { decision: 'warn' as const, why: ['Not in the catalogue.'] };
			return {
				id: v.id,
				name: v.name,
				decision: v.disabled ? 'disable' : decision.decision,
				why: decision.why,
				leversApplied: [],
				coverageGaps: [],
			};
		});
	}

	private extensionVersion(): string {
		const pkg: unknown = (this.context as Partial<vscode.ExtensionContext>).extension?.packageJSON;
		const version = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
		return typeof version === 'string' ? version : '0.0.0';
	}

	private async waitForScan(): Promise<void> {
		if (!this.index.scanning && this.index.lastScan) {
			return;
		}
		if (!this.index.scanning) {
			await this.index.rescan('audit');
			return;
		}
		await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Context Warden: waiting for the workspace scan to finish…') },
			() =>
				new Promise<void>((resolve) => {
					const timer = setTimeout(() => {
						sub.dispose();
						this.logger.warn(TAG, 'the scan did not finish in time: the audit reports what is classified so far');
						resolve();
					}, SCAN_WAIT_MS);
					const sub = this.index.onDidChangeScanning((scanning) => {
						if (!scanning) {
							clearTimeout(timer);
							sub.dispose();
							resolve();
						}
					});
				}),
		);
	}

	// ---- UI ---------------------------------------------------------------------------------------------------

	private openLog(): AuditLog {
		const format = readMirrorFormat();
		this.writeMirrorSidecar(format);
		const version = (this.context.extension.packageJSON as { version?: unknown } | undefined)?.version;
		return openAuditLog({
			store: this.store,
			retainSegments: readRetainSetting(),
			...(this.mirrorFile ? { mirror: mirrorFor(this.mirrorFile, format, version) } : {}),
		});
	}

	/** Tells the agent hooks, which append to the same log from outside the editor, where the mirror is. */
	private writeMirrorSidecar(format: MirrorFormat): void {
		const sidecar = path.join(this.logDir, MIRROR_SIDECAR);
		try {
			if (this.mirrorFile) {
				fs.mkdirSync(this.logDir, { recursive: true });
				fs.writeFileSync(sidecar, `${JSON.stringify({ file: this.mirrorFile, format })}\n`);
			} else {
				fs.rmSync(sidecar, { force: true });
			}
		} catch (err) {
			this.logger.error(TAG, `cannot write ${sidecar}: the agent hooks' entries will not be mirrored`, err);
		}
	}

	private async open(result: AuditRunResult, format: AuditFormat): Promise<void> {
		const uri = vscode.Uri.file(result.files[format]);
		try {
			if (format === 'md') {
				await vscode.commands.executeCommand('markdown.showPreview', uri);
			} else {
				await vscode.window.showTextDocument(uri, { preview: false });
			}
		} catch (err) {
			this.logger.warn(TAG, `cannot open the report (${errorText(err)}); opening it as text`);
			try {
				await vscode.window.showTextDocument(uri, { preview: false });
			} catch (err2) {
				this.logger.error(TAG, 'cannot open the report', err2);
			}
		}
	}

	private async offerExport(result: AuditRunResult): Promise<void> {
		try {
			const json = vscode.l10n.t('Export JSON…');
			const sarif = vscode.l10n.t('Export SARIF…');
			const choice = await vscode.window.showInformationMessage(
				vscode.l10n.t('Audit report written: {0} files listed, {1} findings.', result.report.totals.listed, result.report.totals.findings),
				json,
				sarif,
			);
			if (choice === json) {
				await this.exportAs(result, 'json');
			} else if (choice === sarif) {
				await this.exportAs(result, 'sarif');
			}
		} catch (err) {
			this.logger.error(TAG, 'export failed', err);
			void vscode.window.showErrorMessage(vscode.l10n.t('Context Warden: the report could not be exported. See the log for details.'));
		}
	}

	private async exportAs(result: AuditRunResult, format: 'json' | 'sarif'): Promise<void> {
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
		const name = `context-warden-audit.${format}`;
		const target = await vscode.window.showSaveDialog({
			...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
			filters: format === 'json' ? { JSON: ['json'] } : { SARIF: ['sarif', 'json'] },
			saveLabel: vscode.l10n.t('Export'),
		});
		if (!target) {
			return;
		}
		await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(vscode.Uri.file(result.files[format])));
		this.logger.info(TAG, `audit ${format} exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}`);
	}

	private async openLogFile(segment: string, line: number): Promise<void> {
		try {
			const file = this.store.label(segment);
			const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
			const at = new vscode.Position(Math.max(0, line - 1), 0);
			await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
		} catch (err) {
			this.logger.error(TAG, 'cannot open the audit log file', err);
		}
	}
}

/** The governance service's optional audit members, when it has them. */
function auditable(g: GovernanceService): Partial<AuditableGovernance> {
	const x = g as unknown as Partial<Record<keyof AuditableGovernance, unknown>>;
	return {
		...(typeof x.auditAssistants === 'function' ? { auditAssistants: () => (x.auditAssistants as () => AuditAssistantInput[]).call(g) } : {}),
		...(typeof x.onDidRecordAudit === 'function' ? { onDidRecordAudit: x.onDidRecordAudit as vscode.Event<AuditRecord> } : {}),
	};
}

/** The machine-scoped retention: the user (machine) value only, so a workspace cannot shorten the log. */
function readRetainSetting(): number {
	const v = machineSetting('audit.retainSegments');
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : DEFAULT_RETAIN_SEGMENTS;
}

/** The machine-scoped mirror format (`native` unless the admin chose `ocsf`). */
function readMirrorFormat(): MirrorFormat {
	const v = machineSetting('audit.mirrorFormat');
	return v === 'ocsf' ? 'ocsf' : 'native';
}

/** The machine-scoped mirror file: the user (machine) value only, so a workspace cannot redirect it. */
function readMirrorSetting(): string | undefined {
	const v = machineSetting('audit.mirrorFile');
	return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The workspace's name: its folder's (never an absolute path). */
function workspaceName(): string {
	const folders = vscode.workspace.workspaceFolders ?? [];
	return folders.length === 1 && folders[0] ? folders[0].name : (vscode.workspace.name ?? 'workspace');
}

function problemWord(p: LogProblem): string {
	switch (p) {
		case 'edited':
			return vscode.l10n.t('edited');
		case 'deleted':
			return vscode.l10n.t('missing (deleted)');
		case 'reordered':
			return vscode.l10n.t('out of order');
		case 'truncated':
			return vscode.l10n.t('missing at the end (truncated)');
		default:
			return vscode.l10n.t('malformed');
	}
}

function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
