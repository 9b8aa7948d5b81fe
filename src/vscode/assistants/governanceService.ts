import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import ignore, { type Ignore } from 'ignore';
import { CATALOGUE, getEntry } from '../../core/assistants/catalogue';
import { type CompileTarget, type DesiredChange, settingKeyOf, WORKSPACE_FILE_KEY, WORKSPACE_SETTINGS_FILE } from '../../core/assistants/compile';
import { coverageFor } from '../../core/assistants/coverage';
import { type AssistantDecision, decideAssistant, destinationAllowed, unrecognisedSubject } from '../../core/assistants/decide';
import { type Enforcement, enforcementFor, enforcementWords, wardenBlocksSurface } from '../../core/assistants/enforcement';
import { type AgentId, hookLeverId } from '../../core/hooks/agentRegistry';
import type { Surface } from '../../core/exposure/model';
import { type InstalledExtension, matchInstalled, type UnrecognisedExtension } from '../../core/assistants/detect';
import { type DriftEvent, detectDrift } from '../../core/assistants/drift';
import { compileForFolders, folderKey, splitFolderKey } from '../../core/assistants/folders';
import {
	appliedLeverIds,
	type FileEdit,
	type FileTexts,
	forgetFiles,
	type Ledger,
	type LedgerRecord,
	managedItems,
	type Problem,
	planApply,
	restore as planRestore,
} from '../../core/assistants/ledger';
import { removeBlock } from '../../core/assistants/managedBlock';
import { MCP_LEVER_FILES } from '../../core/mcp/levers';
import { getJsonValue } from '../../core/assistants/managedJson';
import type { CatalogueEntry, DetectedAssistant, Lever } from '../../core/assistants/types';
import type { AuditRecord } from '../../core/audit/events';
import type { AuditAssistantInput } from '../../core/audit/report';
import type { AssistantView } from '../../core/exposure/model';
import type { Policy } from '../../core/policy/schema';
import { assistantNameText } from './catalogueText';
import { coverageText, decisionLabel, decisionWhy, driftMessage, enforcementLabel } from '../coreText';
import { Disposable } from '../disposable';
import type { AssistantSource } from '../exposure/exposureProvider';
import type { Logger } from '../logger';
import type { PolicyService } from '../policy/policyService';
import { type WorkspaceIndex, workspaceFolderKeys } from '../classify/workspaceIndex';
import type { PauseState } from '../../core/assistants/pause';
import type { EnforcementPause } from './enforcementPause';
import { leaveOut, ManagedFiles } from './managedFiles';

const TAG = 'governance';
/** How long drift waits before it believes what it read (ms): a file may be in the middle of being written. */
const DRIFT_SETTLE_MS = 300;
/**
 * A settings change is looked at again this long after its event: the editor writes the workspace file after it
 * fires the configuration change, and on a loaded machine later than DRIFT_SETTLE_MS, so the first look can find
 * the old value and no other event follows (the workspace file has no file watcher of ours).
 */
const SETTINGS_DRIFT_RECHECK_MS = 2_000;
const DEBOUNCE_MS = 500;
const SHOW_EXPOSURE_COMMAND = 'contextWarden.showExposurePreview';

/** workspaceState keys. */
const StateKeys = {
	ledger: 'contextWarden.governance.ledger',
	notified: 'contextWarden.governance.notified',
	muted: 'contextWarden.governance.muted',
	forced: 'contextWarden.governance.forcedDisable',
	unrecognisedWarned: 'contextWarden.governance.unrecognisedWarned',
} as const;

/** Every file a catalogue lever may write, plus the workspace settings: watched for drift. */
const LEVER_FILES = [
	...new Set([
		WORKSPACE_SETTINGS_FILE,
		...CATALOGUE.flatMap((e) => e.levers.flatMap((l) => (l.kind === 'ignoreFile' || l.kind === 'permissionFile' ? [l.path] : []))),
		...MCP_LEVER_FILES,
	]),
];

/** The most drift events kept for the audit report. */
const MAX_DRIFT_KEPT = 50;

/** A drift event as the audit may keep it: never what was expected or found (a file's lines, a value typed in). */
type KeptDrift = Pick<DriftEvent, 'file' | 'kind' | 'message' | 'key'> & { leverIds: string[] };

/** The MCP levers' desired changes (the MCP service's), applied, drift-checked and restored with the others. */
export interface McpLeverSource {
	desired(): DesiredChange[];
	readonly onDidChange: vscode.Event<void>;
}

/** What the service can do in this window now. */
export interface GovernanceStatus {
	/** Levers are due but the workspace is not trusted, so nothing is written. */
	trustNeeded: boolean;
	/** The files that would be written once the workspace is trusted (workspace-relative). */
	pendingFiles: readonly string[];
	/** One line for the user when `trustNeeded`. */
	message?: string;
}

/** What is decided for one assistant, with why: in English (logs, the audit) and in the display language. */
interface GovernedDecision {
	decision: AssistantDecision;
	why: string[];
	/** `why` in the display language, for notifications and modals. */
	shownWhy: string[];
}

interface Governed {
	detected: DetectedAssistant;
	decision: GovernedDecision;
	/** One sentence per setting lever the running editor does not register (not written): English, for the audit. */
	unregistered: string[];
	/** `unregistered` in the display language. */
	shownUnregistered: string[];
}

/** The sentence added when the user chose "Disable for This Workspace" for a warned assistant (English: audit). */
const USER_DISABLED = 'You chose to disable it for this workspace.';

/**
 * Assistant governance in this window: detects the AI assistants installed, decides per assistant under the policy,
 * warns, and in restricted workspaces applies the levers the core compiles (workspace settings, ignore and
 * permission files), recording every change in a ledger so that `restore()` undoes exactly what was done. The
 * workspace settings are `.vscode/settings.json`, or, with a saved workspace file open (a multi-root workspace), that
 * file's `settings` (ledger key `WORKSPACE_FILE_KEY`); both are written through the configuration API.
 *
 * All work runs in one queue, so an apply, a drift check and a restore never interleave.
 */
export class GovernanceService extends Disposable implements AssistantSource {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidRecordAudit = this._register(new vscode.EventEmitter<AuditRecord>());
	/** The governance entries for the audit log: assistant.warned / disabled / restored, drift.detected. */
	readonly onDidRecordAudit: vscode.Event<AuditRecord> = this._onDidRecordAudit.event;

	private readonly globs = [...new Set(CATALOGUE.flatMap((e) => e.instructionFiles.map((f) => f.glob)))];
	private governed: Governed[] = [];
	private hookSource: { runningHookAgents(): AgentId[] } | undefined;
	private unrecognised: UnrecognisedExtension[] = [];
	private restricted = false;
	/** Own ignore files as they are on disk (user lines only, our block taken out), by workspace-relative path. */
	private ownIgnores = new Map<string, Ignore>();
	/** Our managed ignore lines, by file. */
	private wardenIgnores = new Map<string, Ignore>();
	private queue: Promise<void> = Promise.resolve();
	private timer: NodeJS.Timeout | undefined;
	private untrustedSaid = false;
	/** Managed files already said to be left alone because they are not text we can give back byte for byte. */
	private readonly unreadableSaid = new Set<string>();
	private readonly driftWarned = new Set<string>();
	private settingsRecheck: NodeJS.Timeout | undefined;
	/**
	 * After a restore: the assistants restored (`id:decision`), whose levers are not applied again until the policy or
	 * the sensitive files change (`key`) or their decision does. An assistant detected later is governed as usual.
	 */
	private suspended: { key: string; assistants: Set<string> } | undefined;
	/** Files a plan would write, held back because the workspace is not trusted. */
	private pendingUntrusted: string[] = [];
	/** The drift watcher of each workspace folder's lever files, by the folder's URI. */
	private readonly folderWatchers = new Map<string, vscode.Disposable>();
	/** Drift keys already recorded and still present (recorded again only after they went away). */
	private reportedDrift = new Set<string>();
	/** Drift events since the levers were applied, for the audit report. */
	private driftSeen: KeptDrift[] = [];
	/** The one reader and writer of the managed files (keeps BOM, line ends and encoding). */
	private readonly files: ManagedFiles;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
		private readonly policy: PolicyService,
		private readonly index: WorkspaceIndex,
		/** Whether enforcement is paused here (shared with the hook installer). */
		private readonly pause: EnforcementPause,
		private readonly mcp?: McpLeverSource,
	) {
		super();
		this._register(pause.onDidRecordAudit((r) => this.recordAudit(r)));
		this._register(
			pause.onDidChange(() => {
				// A pause ends: what the policy requires applies again, whatever an earlier restore held back.
				if (!pause.current()) {
					this.suspended = undefined;
				}
				this.schedule('enforcement pause changed', 0);
			}),
		);
		this.files = new ManagedFiles(log, TAG, (file) => this.uriOf(file));
		this._register({ dispose: () => clearTimeout(this.timer) });
		this._register({ dispose: () => clearTimeout(this.settingsRecheck) });
		if (mcp) {
			this._register(mcp.onDidChange(() => this.schedule('MCP configuration changed')));
		}
		this._register(vscode.extensions.onDidChange(() => this.schedule('extensions changed', 0)));
		this._register(policy.onDidChange(() => this.schedule('policy changed')));
		this._register(index.onDidChange(() => this.schedule('index changed')));
		this._register(index.onDidChangeScanning((s) => !s && this.schedule('scan finished', 0)));
		this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule('workspace trusted', 0)));
		this._register(
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (this.managedSettingKeys().some((k) => e.affectsConfiguration(k))) {
					void this.enqueue('drift (settings)', () => this.checkDrift());
					clearTimeout(this.settingsRecheck);
					this.settingsRecheck = setTimeout(() => void this.enqueue('drift (settings, settled)', () => this.checkDrift()), SETTINGS_DRIFT_RECHECK_MS);
				}
			}),
		);
		this._register({
			dispose: () => {
				for (const w of this.folderWatchers.values()) {
					w.dispose();
				}
				this.folderWatchers.clear();
			},
		});
		this.watchFolders(vscode.workspace.workspaceFolders ?? [], []);
		// A folder added to the window is watched and governed like the others; a removed one is no longer watched.
		this._register(
			vscode.workspace.onDidChangeWorkspaceFolders((e) => {
				this.watchFolders(e.added, e.removed);
				this.schedule('workspace folders changed');
			}),
		);
		this.schedule('activation', 0);
	}

	// ---- AssistantSource -------------------------------------------------------------------------------------

	views(): AssistantView[] {
		const applied = this.appliedLevers();
		const folders = workspaceFolderKeys();
		// A workspace path is matched against the files of its own folder, relative to that folder.
		const matchIn = (cache: ReadonlyMap<string, Ignore>, files: readonly string[], path: string): boolean => {
			const at = path.startsWith('untitled:') ? undefined : splitFolderKey(folders, path);
			return at !== undefined && files.some((f) => matches(cache.get(folderKey(folders, at.folder, f)), at.rel));
		};
		return this.governed.map(({ detected: { entry } }) => {
			const ownFiles = entry.levers.flatMap((l) => (l.kind === 'ignoreFile' ? [l.path] : []));
			const wardenFiles = entry.levers.flatMap((l) => ((l.kind === 'ignoreFile' || l.kind === 'permissionFile') && applied.has(l.id) ? [l.path] : []));
			return {
				id: entry.id,
				name: entry.name,
				vendor: entry.vendor,
				destination: entry.destinations.map((d) => d.region).join('; '),
				disabled: this.isDisabled(entry, applied),
				surfaces: entry.exposureSurfaces,
				excludedByOwnControls: (path: string) => matchIn(this.ownIgnores, ownFiles, path),
				// Only through a surface the managed files close: an index-only ignore file blocks nothing in open tabs.
				blockedByWarden: (path: string, surface?: Surface) =>
					(surface === undefined || wardenBlocksSurface(entry, applied, surface)) && matchIn(this.wardenIgnores, wardenFiles, path),
				instructionFiles: entry.instructionFiles.map((f) => f.glob),
				unverified: isUnverified(entry),
			};
		});
	}

	instructionGlobs(): readonly string[] {
		return this.globs;
	}

	/** Per assistant present: each destination in words and whether the policy's `allowedDestinations` allows it. */
	destinationFacts(): Record<string, { name: string; allowed: boolean }[]> {
		const allowed = this.policy.effective?.policy.assistants.allowedDestinations ?? [];
		return Object.fromEntries(
			this.governed.map(({ detected: { entry } }) => [entry.id, entry.destinations.map((d) => ({ name: d.region, allowed: destinationAllowed(allowed, d) }))]),
		);
	}

	/** The files Context Warden created whole (they did not exist before its first write): the preview leaves them out. */
	generatedFiles(): string[] {
		return this.ledger().flatMap((r) => (r.kind === 'file' && !r.previous.existed ? [r.file] : []));
	}

	/** One line per assistant present, for the status bar tooltip, in the display language: what the levers applied do. */
	statusLines(): { name: string; state: string }[] {
		const applied = this.appliedLevers();
		const lines = this.governed.map((g) => {
			const entry = g.detected.entry;
			const e = this.enforcement(g, applied);
			const levers = entry.levers.filter((l) => applied.has(l.id));
			const what = [...new Set(levers.map((l) => (l.kind === 'setting' ? vscode.l10n.t('settings') : l.kind === 'none' ? '' : l.path)))].filter(Boolean);
			const noLever = entry.levers.some((l) => l.kind === 'none');
			return { name: assistantNameText(entry.name), state: enforcementLabel(e, what, noLever) };
		});
		for (const u of this.unrecognised) {
			lines.push({ name: u.id, state: vscode.l10n.t('unrecognised AI extension') });
		}
		const status = this.status();
		if (status.message) {
			lines.push({ name: vscode.l10n.t('Context Warden'), state: status.message });
		}
		return lines;
	}

	/** Whether the levers wait for workspace trust, and which files they would write. */
	status(): GovernanceStatus {
		const trustNeeded = this.pendingUntrusted.length > 0 && !vscode.workspace.isTrusted;
		return {
			trustNeeded,
			pendingFiles: trustNeeded ? [...this.pendingUntrusted] : [],
			...(trustNeeded ? { message: vscode.l10n.t('Trust the workspace to let Context Warden apply its levers.') } : {}),
		};
	}

	/** Each assistant present as the audit report takes it: decision, levers applied, coverage gaps, drift. */
	auditAssistants(): AuditAssistantInput[] {
		const applied = this.appliedLevers();
		const out: AuditAssistantInput[] = this.governed.map((g) => {
			const { detected: { entry }, decision, unregistered } = g;
			const e = this.enforcement(g, applied);
			const ids = new Set(entry.levers.map((l) => l.id));
			const drift = this.driftSeen
				.filter((d) => d.leverIds.some((id) => ids.has(id)))
				.map((d) => ({ file: d.file, kind: d.kind, message: d.message, leverIds: d.leverIds.filter((id) => ids.has(id)) }));
			return {
				id: entry.id,
				name: entry.name,
				decision: decision.decision,
				why: [...decision.why, `Context Warden: ${enforcementWords(e)}.`, ...unregistered],
				leversApplied: entry.levers.filter((l) => applied.has(l.id)).map((l) => l.id),
				coverageGaps: e.coverage.gaps,
				...(drift.length > 0 ? { drift } : {}),
			};
		});
		const p = this.policy.effective?.policy;
		for (const u of this.unrecognised) {
			const d = p ? decideAssistant(p, unrecognisedSubject(u.id), this.restricted) : { decision: 'warn' as const, why: [] };
			out.push({
				id: u.id,
				name: u.id,
				decision: d.decision,
				why: [...d.why, `Not in the catalogue; looks like an AI assistant: ${u.evidence.join('; ')}.`],
				leversApplied: [],
				coverageGaps: ['Not in the catalogue: no lever restricts it.'],
			});
		}
		return out;
	}

	async showGovernance(assistantId: string): Promise<void> {
		const g = this.governed.find((x) => x.detected.entry.id === assistantId);
		if (!g) {
			await vscode.commands.executeCommand('workbench.extensions.search', `@installed ${assistantId}`);
			return;
		}
		const applied = this.appliedLevers();
		const e = this.enforcement(g, applied);
		const cov = e.coverage;
		const detail = [vscode.l10n.t('Context Warden: {0}', enforcementLabel(e, [], false)), '', ...g.decision.shownWhy, '', ...cov.gapTemplates.map(coverageText), ...cov.available.map((a) => coverageText(a.noteTemplate)), ...g.shownUnregistered].join('\n');
		await vscode.window.showInformationMessage(vscode.l10n.t('{0}: {1}', assistantNameText(g.detected.entry.name), decisionLabel(g.decision.decision)), { modal: true, detail });
	}

	/** Undoes exactly what Context Warden did to the assistants' settings and files. Never throws. */
	restore(): Promise<void> {
		return this.enqueue('restore', async () => {
			// In a restricted workspace undoing enforcement is a loosening: only as a pause the org allows.
			if (this.restricted && !(await this.pause.request('restoreAssistantSettings'))) {
				return;
			}
			const ledger = this.ledger();
			if (ledger.length === 0) {
				void vscode.window.showInformationMessage(vscode.l10n.t('Context Warden has not changed any assistant setting or file in this workspace.'));
				return;
			}
			const read = await this.readFiles(ledger.map((r) => r.file));
			const result = planRestore(leaveOut(ledger, read.unreadable), read.texts);
			const written = await this.files.write(result.edits);
			const after = forgetFiles(ledger, result.restoredFiles.filter((f) => written.has(f) || !result.edits.some((e) => e.file === f)));
			await this.saveLedger(after);
			this.auditLeverChanges(appliedLeverIds(ledger), appliedLeverIds(after));
			this.driftSeen = [];
			this.reportedDrift.clear();
			for (const d of result.drift) {
				this.log.warn(TAG, `restore: ${d.file}${d.key ? ` ${d.key}` : ''}: ${d.message}`);
			}
			this.suspended = { key: this.suspensionKey(), assistants: new Set(this.governed.map(decisionKey)) };
			this.log.info(TAG, `restored ${written.size} file(s): ${[...written].join(', ') || '(none)'}`);
			await this.refreshCaches();
			this._onDidChange.fire();
			void vscode.window.showInformationMessage(
				result.drift.length > 0
					? vscode.l10n.t('Context Warden restored the assistant settings and files; {0} item(s) changed by someone since were left as they are (see the log).', result.drift.length)
					: vscode.l10n.t('Context Warden restored the assistant settings and files. It applies them again when the policy or the workspace changes.'),
			);
		});
	}

	// ---- the work ---------------------------------------------------------------------------------------------

	/** Every folder is a project root for the assistants: each has its own ignore and permission files, watched for drift. */
	private watchFolders(added: readonly vscode.WorkspaceFolder[], removed: readonly vscode.WorkspaceFolder[]): void {
		for (const folder of removed) {
			this.folderWatchers.get(folder.uri.toString())?.dispose();
			this.folderWatchers.delete(folder.uri.toString());
		}
		for (const folder of added) {
			if (this.isDisposed || this.folderWatchers.has(folder.uri.toString())) {
				continue;
			}
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `{${LEVER_FILES.join(',')}}`));
			const onFile = (): void => void this.enqueue('drift (files)', () => this.checkDrift());
			this.folderWatchers.set(
				folder.uri.toString(),
				vscode.Disposable.from(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile)),
			);
		}
	}

	private schedule(why: string, delay = DEBOUNCE_MS): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.enqueue(why, () => this.refresh()), delay);
	}

	private enqueue(why: string, job: () => Promise<void>): Promise<void> {
		this.queue = this.queue
			.then(async () => {
				if (!this.isDisposed) {
					await job();
				}
			})
			.catch((err: unknown) => this.log.error(TAG, `${why} failed`, err));
		return this.queue;
	}

	private async refresh(): Promise<void> {
		const effective = this.policy.effective;
		if (!effective) {
			return;
		}
		const p = effective.policy;
		const installed: InstalledExtension[] = vscode.extensions.all.map((e) => ({
			id: e.id,
			isActive: e.isActive,
			packageJSON: e.packageJSON as unknown,
			...(isRecord(e.packageJSON) && e.packageJSON.isBuiltin === true ? { isBuiltin: true } : {}),
		}));
		const detection = matchInstalled(installed);
		this.restricted = this.index.summary()?.restricted ?? false;
		const pauseState = this.pause.current();
		const forced = new Set(this.context.workspaceState.get<string[]>(StateKeys.forced, []));
		this.governed = detection.known.map((detected) => {
			const d = decideAssistant(p, detected.entry, this.restricted);
			const decision = whilePaused(
				d.decision === 'warn' && forced.has(detected.entry.id)
					? { decision: 'disable', why: [...d.why, USER_DISABLED], shownWhy: [...decisionWhy(d), vscode.l10n.t('You chose to disable it for this workspace.')] }
					: { decision: d.decision, why: d.why, shownWhy: decisionWhy(d) },
				pauseState,
			);
			const unregistered = this.unregisteredSettings(detected);
			return {
				detected,
				decision,
				unregistered: unregistered.map((key) => `${key} is not registered in this editor, so it is not written.`),
				shownUnregistered: unregistered.map((key) => vscode.l10n.t('{0} is not registered in this editor, so it is not written.', key)),
			};
		});
		this.unrecognised = detection.unrecognised;
		this.reportUnrecognised(p);
		await this.applyLevers();
		await this.refreshCaches();
		this.notifyDecisions();
		this._onDidChange.fire();
	}

	/** The compiled desired state: the assistants' levers and the MCP servers' (none while restored). */
	private desired(): DesiredChange[] {
		return [...this.assistantChanges(), ...(this.suspended ? [] : (this.mcp?.desired() ?? []))];
	}

	/** The assistants' levers: only in restricted workspaces (or for blocked assistants). */
	private assistantChanges(): DesiredChange[] {
		const effective = this.policy.effective;
		if (!effective || this.governed.length === 0) {
			return [];
		}
		const targets: CompileTarget[] = this.governed
			.filter((g) => !this.isSuspended(g))
			.filter((g) => g.decision.decision === 'disable' || (this.restricted && g.decision.decision === 'allowed'))
			.map((g) => ({ entry: this.writableEntry(g), decision: g.decision.decision }));
		if (!targets.some((t) => t.decision === 'disable')) {
			return []; // nothing to enforce: leaving the restricted state gives the files back
		}
		// Teams that also use the Cursor fork: its .cursorignore is kept in step too (the fork never runs here).
		const cursor = getEntry('cursor');
		if (cursor && this.usesCursor()) {
			targets.push({ entry: cursor, decision: decideAssistant(effective.policy, cursor, this.restricted).decision });
		}
		const result = compileForFolders(effective.policy, [...this.index.all().values()], targets, workspaceFolderKeys(), { workspaceFile: workspaceFileUri() !== undefined });
		for (const w of result.warnings) {
			this.log.warn(TAG, w);
		}
		for (const s of result.skipped) {
			this.log.debug(TAG, `lever ${s.leverId} not applied: ${s.reason}`);
		}
		return result.changes;
	}

	private async applyLevers(): Promise<void> {
		if (this.index.scanning || !this.index.lastScan) {
			return; // a half-scanned workspace looks unrestricted: do not undo levers on its account
		}
		if (this.pause.current()) {
			this.pendingUntrusted = [];
			return; // paused: the files stay as the user has them; assistants are only warned about
		}
		if (this.suspended && this.suspensionKey() !== this.suspended.key) {
			this.suspended = undefined;
		}
		if (this.suspended && this.governed.every((g) => this.isSuspended(g) || g.decision.decision !== 'disable')) {
			this.pendingUntrusted = [];
			return; // restored, and nothing new to enforce
		}
		const desired = this.desired();
		const ledger = this.ledger();
		const read = await this.readFiles([...desired.map((d) => d.file), ...ledger.map((r) => r.file)]);
		const files = read.texts;
		const plan = planApply(leaveOut(desired, read.unreadable), leaveOut(ledger, read.unreadable), files, new Date());
		for (const problem of plan.problems) {
			this.log.warn(TAG, `${problem.file}: ${problem.message}`);
		}
		if (plan.edits.length === 0) {
			this.pendingUntrusted = [];
			return;
		}
		if (!vscode.workspace.isTrusted) {
			this.pendingUntrusted = [...new Set(plan.edits.map((e) => e.file))];
			this.log.info(TAG, `workspace not trusted: ${plan.edits.length} file(s) left unchanged`);
			if (!this.untrustedSaid) {
				this.untrustedSaid = true;
				void vscode.window.showWarningMessage(vscode.l10n.t('Trust the workspace to let Context Warden apply its levers.'));
			}
			return;
		}
		this.pendingUntrusted = [];
		await this.executePlan(plan.edits, plan.records, files, ledger);
	}

	/**
	 * Writes a plan: the workspace settings (`.vscode/settings.json`, or the workspace file's `settings`) through the
	 * configuration API (keys only), other files with workspace.fs. An edit that gives a settings file its original
	 * bytes back is written as it is.
	 */
	private async executePlan(edits: readonly FileEdit[], records: readonly LedgerRecord[], before: FileTexts, ledger: Ledger): Promise<void> {
		let kept = [...records];
		const settingsFile = workspaceSettingsFile();
		const settingsEdit = edits.find((e) => e.file === settingsFile);
		const original = originalText(ledger, settingsFile, before[settingsFile]);
		const exactUndo = settingsEdit && (settingsEdit.action === 'delete' ? original === undefined : settingsEdit.text === original);
		const others = edits.filter((e) => e !== settingsEdit || exactUndo);
		if (settingsEdit && !exactUndo && settingsEdit.action === 'write') {
			kept = await this.updateSettings(settingsFile, settingsEdit.text, kept);
		}
		const written = await this.files.write(others);
		kept = kept.filter((r) => r.file === settingsFile || written.has(r.file));
		const after = [...ledger, ...kept];
		await this.saveLedger(after);
		this.auditLeverChanges(appliedLeverIds(ledger), appliedLeverIds(after));
		this.log.info(TAG, `applied levers: ${[...new Set(kept.map((r) => r.file))].join(', ') || '(none)'}`);
	}

	/**
	 * Applies the records of the workspace settings file with `update(..., Workspace)` (in a window with a workspace
	 * file, the editor writes them to its `settings`); returns the records that hold, with the real file text.
	 */
	private async updateSettings(file: string, plannedText: string, records: LedgerRecord[]): Promise<LedgerRecord[]> {
		const config = vscode.workspace.getConfiguration();
		const failed = new Set<string>();
		const pointers = [...new Set(records.filter((r) => r.file === file && r.key !== undefined).map((r) => r.key as string))];
		for (const pointer of pointers) {
			const key = settingKeyOf(file, pointer);
			if (!key) {
				failed.add(pointer);
				continue;
			}
			const target = getJsonValue(plannedText, pointer);
			try {
				await config.update(key, target.exists ? target.value : undefined, vscode.ConfigurationTarget.Workspace);
			} catch (err) {
				failed.add(pointer);
				this.log.error(TAG, `cannot write the setting ${key}`, err);
			}
		}
		const after = (await this.readFiles([file])).texts[file];
		return records
			.filter((r) => !(r.file === file && r.key !== undefined && failed.has(r.key)))
			.map((r) => (r.file === file && r.kind === 'file' ? { ...r, applied: after === undefined ? { existed: false } : { existed: true, text: after } } : r));
	}

	private async checkDrift(): Promise<void> {
		const ledger = this.ledger();
		if (ledger.length === 0) {
			this.reportedDrift.clear();
			return;
		}
		const readLedger = async (l: Ledger): Promise<{ ledger: Ledger; texts: FileTexts }> => {
			const read = await this.readFiles(l.map((r) => r.file));
			return { ledger: leaveOut(l, read.unreadable), texts: read.texts };
		};
		let seen = await readLedger(ledger);
		let report = detectDrift(seen.ledger, seen.texts);
		if (report.events.length > 0) {
			// A file being written can be caught half-way (truncated, or not yet valid JSON: the editor writes the
			// workspace file after it fires the configuration change): look again once it has settled.
			await new Promise((resolve) => setTimeout(resolve, DRIFT_SETTLE_MS));
			seen = await readLedger(ledger);
			report = detectDrift(seen.ledger, seen.texts);
		}
		await this.refreshCaches();
		if (report.events.length === 0) {
			this.reportedDrift.clear();
			return;
		}
		const enforce = !this.pause.current() && this.governed.some((g) => g.decision.decision === 'disable' && !this.isSuspended(g));
		for (const e of report.events) {
			this.log.warn(TAG, `drift: ${e.message}${enforce ? ' Applying it again.' : ''}`);
		}
		const key = report.events.map(driftKey).join('\n');
		if (!this.driftWarned.has(key)) {
			this.driftWarned.add(key);
			const firstEvent = report.events[0];
			const first = firstEvent ? driftMessage(firstEvent) : '';
			void vscode.window.showWarningMessage(
				enforce
					? vscode.l10n.t('Context Warden: {0} The policy requires it, so it was applied again.', first)
					: vscode.l10n.t('Context Warden: {0}', first),
			);
		}
		let still = report.events;
		if (enforce) {
			await this.applyLevers();
			await this.refreshCaches();
			const now = await readLedger(this.ledger());
			still = detectDrift(now.ledger, now.texts).events;
		}
		this.recordDrift(report.events, new Set(still.map(driftKey)));
		this._onDidChange.fire();
	}

	/** One drift.detected entry per drift event not recorded yet (never the expected or actual values). */
	private recordDrift(events: readonly DriftEvent[], remaining: ReadonlySet<string>): void {
		for (const e of events) {
			const k = driftKey(e);
			if (this.reportedDrift.has(k)) {
				continue;
			}
			this.recordAudit({
				type: 'drift.detected',
				data: { file: e.file, kind: e.kind, levers: [...e.leverIds], reapplied: !remaining.has(k), ...this.workspaceField() },
			});
			this.driftSeen.push({ file: e.file, kind: e.kind, message: e.message, leverIds: [...e.leverIds], ...(e.key !== undefined ? { key: e.key } : {}) });
		}
		this.driftSeen = this.driftSeen.slice(-MAX_DRIFT_KEPT);
		// What is still there stays recorded; what was re-applied is recorded again if it comes back.
		this.reportedDrift = new Set(events.map(driftKey).filter((k) => remaining.has(k)));
	}

	// ---- audit ------------------------------------------------------------------------------------------------

	/**
	 * Records what a ledger change did to each assistant: levers newly applied for a disable decision
	 * (`assistant.disabled`), levers no longer applied (`assistant.restored`).
	 */
	private auditLeverChanges(before: ReadonlySet<string>, after: ReadonlySet<string>): void {
		const byEntry = new Map<CatalogueEntry, { added: string[]; removed: string[] }>();
		const entryOf = (leverId: string): CatalogueEntry | undefined =>
			this.governed.find((g) => g.detected.entry.levers.some((l) => l.id === leverId))?.detected.entry ??
			CATALOGUE.find((e) => e.levers.some((l) => l.id === leverId));
		const note = (leverId: string, what: 'added' | 'removed'): void => {
			const entry = entryOf(leverId);
			if (entry) {
				const change = byEntry.get(entry) ?? { added: [], removed: [] };
				change[what].push(leverId);
				byEntry.set(entry, change);
			}
		};
		for (const id of after) {
			if (!before.has(id)) {
				note(id, 'added');
			}
		}
		for (const id of before) {
			if (!after.has(id)) {
				note(id, 'removed');
			}
		}
		for (const [entry, change] of byEntry) {
			const g = this.governed.find((x) => x.detected.entry.id === entry.id);
			if (change.added.length > 0 && g?.decision.decision === 'disable') {
				const levers = entry.levers.filter((l) => after.has(l.id)).map((l) => l.id);
				const gaps = coverageFor(entry, after, { disabled: this.isDisabled(entry, after) }).gaps;
				this.recordAudit({ type: 'assistant.disabled', data: { assistantId: entry.id, name: entry.name, levers, gaps, ...this.workspaceField() } });
			}
			if (change.removed.length > 0) {
				this.recordAudit({ type: 'assistant.restored', data: { assistantId: entry.id, name: entry.name, levers: change.removed, ...this.workspaceField() } });
			}
		}
	}

	private recordAudit(record: AuditRecord): void {
		try {
			this._onDidRecordAudit.fire(record);
		} catch (err) {
			this.log.error(TAG, `cannot hand ${record.type} to the audit log`, err);
		}
	}

	/** The workspace folder's name (never a path), for the entries of a log shared by every window. */
	private workspaceField(): { workspace?: string } {
		const folders = vscode.workspace.workspaceFolders ?? [];
		const name = folders.length === 1 && folders[0] ? folders[0].name : vscode.workspace.name;
		return name ? { workspace: name } : {};
	}

	// ---- notifications ----------------------------------------------------------------------------------------

	/**
	 * One notification per change: the assistants whose decision or enforcement changed since they were last said
	 * (allowed ones and muted ones aside). One assistant gets its own message and actions; several get one summary
	 * with "Show Details". The words follow what the levers applied do, never the decision alone.
	 */
	private notifyDecisions(): void {
		const notified = { ...this.context.workspaceState.get<Record<string, string>>(StateKeys.notified, {}) };
		const muted = new Set(this.context.workspaceState.get<string[]>(StateKeys.muted, []));
		const applied = this.appliedLevers();
		const fresh: Governed[] = [];
		let changed = false;
		for (const g of this.governed) {
			const id = g.detected.entry.id;
			const signature = `${g.decision.decision}\n${this.enforcement(g, applied).state}\n${g.decision.why.join('\n')}`;
			if (g.decision.decision === 'allowed') {
				if (notified[id] !== undefined) {
					delete notified[id];
					changed = true;
				}
				continue;
			}
			if (notified[id] === signature) {
				continue;
			}
			const decisionChanged = notified[id]?.split('\n')[0] !== g.decision.decision || notified[id]?.split('\n').slice(2).join('\n') !== g.decision.why.join('\n');
			notified[id] = signature;
			changed = true;
			if (g.decision.decision === 'warn' && decisionChanged) {
				this.recordAudit({
					type: 'assistant.warned',
					data: {
						assistantId: id,
						name: g.detected.entry.name,
						...(g.detected.extensionId ? { extensionId: g.detected.extensionId } : {}),
						why: [...g.decision.why],
						...this.workspaceField(),
					},
				});
			}
			if (!muted.has(id)) {
				fresh.push(g);
			}
		}
		if (changed) {
			void this.context.workspaceState.update(StateKeys.notified, notified);
		}
		const [only] = fresh;
		if (fresh.length === 1 && only) {
			void this.notify(only);
		} else if (fresh.length > 1) {
			void this.notifySummary(fresh);
		}
	}

	/** One notification for several assistants: each by name and what Context Warden does to it; details in a modal. */
	private async notifySummary(list: readonly Governed[]): Promise<void> {
		const applied = this.appliedLevers();
		const lines = list.map((g) => vscode.l10n.t('{0}: {1}', assistantNameText(g.detected.entry.name), enforcementLabel(this.enforcement(g, applied), [], false)));
		const details = vscode.l10n.t('Show Details');
		const showExposure = vscode.l10n.t('Show Exposure');
		const mute = vscode.l10n.t("Don't Show Again for This Workspace");
		const choice = await vscode.window.showWarningMessage(
			vscode.l10n.t('Context Warden governs {0} AI assistants in this workspace: {1}', list.length, lines.join('; ')),
			details,
			showExposure,
			mute,
		);
		try {
			if (choice === details) {
				const detail = list
					.map((g) => [lines[list.indexOf(g)] ?? '', ...g.decision.shownWhy.map((w) => `  ${w}`), ...g.shownUnregistered.map((w) => `  ${w}`)].join('\n'))
					.join('\n\n');
				await vscode.window.showInformationMessage(vscode.l10n.t('Context Warden: AI assistants in this workspace'), { modal: true, detail });
			} else if (choice === showExposure) {
				await vscode.commands.executeCommand(SHOW_EXPOSURE_COMMAND);
			} else if (choice === mute) {
				const muted = new Set(this.context.workspaceState.get<string[]>(StateKeys.muted, []));
				for (const g of list) {
					muted.add(g.detected.entry.id);
				}
				await this.context.workspaceState.update(StateKeys.muted, [...muted]);
			}
		} catch (err) {
			this.log.error(TAG, 'notification action failed', err);
		}
	}

	private async notify(g: Governed): Promise<void> {
		const entry = g.detected.entry;
		const name = assistantNameText(entry.name);
		const showExposure = vscode.l10n.t('Show Exposure');
		const disable = vscode.l10n.t('Disable for This Workspace');
		const why = vscode.l10n.t('Why');
		const mute = vscode.l10n.t("Don't Show Again for This Workspace");
		const hasLever = this.writableEntry(g).levers.some((l) => l.kind === 'setting' && l.purpose === 'disable');
		const actions = [showExposure, ...(g.decision.decision === 'warn' ? [disable] : []), why, mute];
		const first = g.decision.shownWhy[0] ?? '';
		const e = this.enforcement(g);
		let message: string;
		if (g.decision.decision !== 'disable') {
			message = vscode.l10n.t('{0} is not allowed in this workspace: {1}', name, first);
		} else if (e.state === 'disabled') {
			message = vscode.l10n.t('Context Warden disabled {0} in this workspace: {1}', name, first);
		} else if (e.state === 'restricted') {
			message = vscode.l10n.t('Context Warden restricted {0} in this workspace ({1}): {2}', name, enforcementLabel(e, [], false), first);
		} else if (!vscode.workspace.isTrusted) {
			// Restricted Mode: nothing was written, so nothing is said to be disabled.
			message = vscode.l10n.t('{0} must be disabled in this workspace; nothing is applied until the workspace is trusted. {1}', name, first);
		} else if (!hasLever) {
			message = vscode.l10n.t('{0} must be disabled in this workspace, and no setting switches it off: use Disable (Workspace) in the Extensions view. {1}', name, first);
		} else {
			message = vscode.l10n.t('{0} must be disabled in this workspace; its levers are not applied yet. {1}', name, first);
		}
		const choice = await vscode.window.showWarningMessage(message, ...actions);
		try {
			if (choice === showExposure) {
				await vscode.commands.executeCommand(SHOW_EXPOSURE_COMMAND);
			} else if (choice === why) {
				await vscode.window.showInformationMessage(name, { modal: true, detail: [...g.decision.shownWhy, ...g.shownUnregistered].join('\n') });
			} else if (choice === mute) {
				const muted = new Set(this.context.workspaceState.get<string[]>(StateKeys.muted, []));
				muted.add(entry.id);
				await this.context.workspaceState.update(StateKeys.muted, [...muted]);
			} else if (choice === disable) {
				if (!hasLever) {
					await vscode.commands.executeCommand('workbench.extensions.search', `@installed ${g.detected.extensionId ?? entry.name}`);
					void vscode.window.showInformationMessage(
						vscode.l10n.t('No setting switches {0} off: choose Disable (Workspace) on it in the Extensions view.', name),
					);
				}
				const forced = new Set(this.context.workspaceState.get<string[]>(StateKeys.forced, []));
				forced.add(entry.id);
				await this.context.workspaceState.update(StateKeys.forced, [...forced]);
				this.schedule('disabled by the user', 0);
			}
		} catch (err) {
			this.log.error(TAG, `notification action for ${entry.id} failed`, err);
		}
	}

	private reportUnrecognised(p: Policy): void {
		if (this.unrecognised.length === 0) {
			return;
		}
		for (const u of this.unrecognised) {
			const d = decideAssistant(p, unrecognisedSubject(u.id), this.restricted);
			this.log.info(TAG, `unrecognised AI extension ${u.id} (${u.evidence.join('; ')}): ${d.decision}`);
		}
		if (p.assistants.unrecognised !== 'warn') {
			return;
		}
		const warned = new Set(this.context.workspaceState.get<string[]>(StateKeys.unrecognisedWarned, []));
		const fresh = this.unrecognised.filter((u) => !warned.has(u.id.toLowerCase()));
		if (fresh.length === 0) {
			return;
		}
		for (const u of fresh) {
			warned.add(u.id.toLowerCase());
			const d = decideAssistant(p, unrecognisedSubject(u.id), this.restricted);
			this.recordAudit({
				type: 'assistant.warned',
				data: {
					assistantId: u.id,
					name: u.id,
					extensionId: u.id,
					why: [...d.why, `Not in the catalogue; looks like an AI assistant: ${u.evidence.join('; ')}.`],
					...this.workspaceField(),
				},
			});
		}
		void this.context.workspaceState.update(StateKeys.unrecognisedWarned, [...warned]);
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'Context Warden does not know {0}: it looks like an AI assistant, and no lever can restrict it. Disable it for this workspace if it must not see this code.',
				fresh.map((u) => u.id).join(', '),
			),
		);
	}

	// ---- helpers ----------------------------------------------------------------------------------------------

	/** Whether the workspace shows the team uses the Cursor fork: a `.cursorignore` or `.cursor/` at a folder's root. */
	private usesCursor(): boolean {
		return (vscode.workspace.workspaceFolders ?? []).some(
			({ uri }) => uri.scheme === 'file' && ['.cursorignore', '.cursor'].some((name) => fs.existsSync(path.join(uri.fsPath, name))),
		);
	}

	/**
	 * The entry with only the setting levers this editor registers (others would throw on update). An untitled
	 * workspace (several folders, not saved) has no file for workspace settings: none are kept there.
	 */
	private writableEntry(g: Governed): CatalogueEntry {
		const entry = g.detected.entry;
		const untitled = vscode.workspace.workspaceFile !== undefined && workspaceFileUri() === undefined;
		return {
			...entry,
			levers: entry.levers.filter((l) => l.kind !== 'setting' || (!untitled && this.isRegistered(l.key, g.detected))),
		};
	}

	/** The keys of the entry's setting levers this editor does not register. */
	private unregisteredSettings(detected: DetectedAssistant): string[] {
		return detected.entry.levers
			.filter((l): l is Extract<Lever, { kind: 'setting' }> => l.kind === 'setting' && !this.isRegistered(l.key, detected))
			.map((l) => l.key);
	}

	private isRegistered(key: string, detected: DetectedAssistant): boolean {
		const ext = detected.extensionId ? vscode.extensions.getExtension(detected.extensionId) : undefined;
		if (ext && contributedKeys(ext.packageJSON).has(key)) {
			return true;
		}
		// A key of the editor itself (e.g. chat.disableAIFeatures): registered when it has a default.
		return isEditorKey(key) && vscode.workspace.getConfiguration().inspect(key)?.defaultValue !== undefined;
	}

	private isDisabled(entry: CatalogueEntry, applied: ReadonlySet<string>): boolean {
		return enforcementFor({ entry, decision: 'disable', applied }).state === 'disabled';
	}

	/** What the levers applied (and the hooks running) do to a governed assistant now: the one source of the words. */
	private enforcement(g: Governed, applied: ReadonlySet<string> = this.appliedLevers()): Enforcement {
		return enforcementFor({ entry: g.detected.entry, decision: g.decision.decision, applied });
	}

	/** The lever ids in force: the ledger's, and the hook lever of each agent whose installed hook can run (the MCP servers' state reads it too). */
	appliedLevers(): Set<string> {
		const applied = new Set(appliedLeverIds(this.ledger()));
		for (const agent of this.hookSource?.runningHookAgents() ?? []) {
			applied.add(hookLeverId(agent));
		}
		return applied;
	}

	/** The hooks' state: installed hooks count as applied levers in every account of coverage. */
	setHookSource(source: { runningHookAgents(): AgentId[]; onDidChange: vscode.Event<void> }): void {
		this.hookSource = source;
		this._register(source.onDidChange(() => this._onDidChange.fire()));
	}

	/** The setting ids Context Warden manages, in `.vscode/settings.json` or the workspace file. */
	private managedSettingKeys(): string[] {
		return managedItems(this.ledger()).flatMap((i) => {
			const key = i.key === undefined ? undefined : settingKeyOf(i.file, i.key);
			return key ? [key] : [];
		});
	}

	/**
	 * What a restore holds for, for the whole workspace: the policy and the sensitive files. Not the compiled
	 * changes, which also move when the editor registers a setting key late or the index catches up with the files
	 * restore deleted: those must not bring back levers the user just removed.
	 */
	private suspensionKey(): string {
		const effective = this.policy.effective;
		return JSON.stringify({ policy: effective?.sha256, restricted: this.restricted, sensitive: this.index.summary()?.sensitive });
	}

	/** Restored, and its decision unchanged since: its levers stay off. An assistant that appears later is governed. */
	private isSuspended(g: Governed): boolean {
		return this.suspended?.assistants.has(decisionKey(g)) ?? false;
	}

	private ledger(): Ledger {
		return this.context.workspaceState.get<LedgerRecord[]>(StateKeys.ledger, []);
	}

	private async saveLedger(ledger: Ledger): Promise<void> {
		await this.context.workspaceState.update(StateKeys.ledger, ledger.length > 0 ? ledger : undefined);
	}

	/**
	 * The URI of a managed file's workspace key (folder-prefixed in a multi-root workspace), as the index keys files;
	 * `WORKSPACE_FILE_KEY` is the open workspace file.
	 */
	private uriOf(file: string): vscode.Uri | undefined {
		if (file === WORKSPACE_FILE_KEY) {
			return workspaceFileUri();
		}
		return file.startsWith('untitled:') ? undefined : this.index.uriOf(file);
	}

	/** Reads managed files through the one reader; a file that is not UTF-8 or UTF-16 text is said once and left alone. */
	private async readFiles(paths: readonly string[]): Promise<{ texts: FileTexts; unreadable: Problem[] }> {
		const read = await this.files.read(paths);
		for (const p of read.unreadable) {
			if (!this.unreadableSaid.has(p.file)) {
				this.unreadableSaid.add(p.file);
				this.log.warn(TAG, `${p.file}: ${p.message}`);
			}
		}
		return read;
	}

	/** Re-reads the assistants' ignore files (user lines) and our managed lines, for the exposure views. */
	private async refreshCaches(): Promise<void> {
		const folders = workspaceFolderKeys();
		const levers = [...new Set(this.governed.flatMap((g) => g.detected.entry.levers.flatMap((l) => (l.kind === 'ignoreFile' ? [l.path] : []))))];
		const paths = (folders.length > 1 ? folders : [undefined]).flatMap((folder) => levers.map((l) => folderKey(folders, folder, l)));
		const files = await this.readFiles(paths);
		const own = new Map<string, Ignore>();
		for (const [p, text] of Object.entries(files.texts)) {
			if (text !== undefined) {
				own.set(p, ignore().add(removeBlock(text).text));
			}
		}
		this.ownIgnores = own;
		const warden = new Map<string, Ignore>();
		for (const item of managedItems(this.ledger())) {
			if (!item.latest.existed) {
				continue;
			}
			if (item.kind === 'ignoreBlock') {
				warden.set(item.file, (warden.get(item.file) ?? ignore()).add(item.latest.text ?? ''));
			} else if (item.kind === 'jsonArrayItem' && typeof item.latest.value === 'string') {
				const m = /^Read\((.*)\)$/.exec(item.latest.value);
				if (m?.[1]) {
					warden.set(item.file, (warden.get(item.file) ?? ignore()).add(m[1].replace(/^\.\//, '/')));
				}
			}
		}
		this.wardenIgnores = warden;
	}
}

/**
 * The open workspace file when it is saved (a `file:` URI, or the remote host's file in a remote window); undefined
 * for a folder, or an untitled workspace (`untitled:`), whose settings the editor keeps in a file of its own.
 */
function workspaceFileUri(): vscode.Uri | undefined {
	const uri = vscode.workspace.workspaceFile;
	return uri && uri.scheme !== 'untitled' ? uri : undefined;
}

/** The ledger key of the file the editor keeps this window's workspace settings in. */
function workspaceSettingsFile(): string {
	return vscode.workspace.workspaceFile !== undefined ? WORKSPACE_FILE_KEY : WORKSPACE_SETTINGS_FILE;
}

function decisionKey(g: Governed): string {
	return `${g.detected.entry.id}:${g.decision.decision}`;
}

function driftKey(e: DriftEvent): string {
	return `${e.file}|${e.kind}|${e.key ?? ''}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The setting keys an extension's manifest registers (`contributes.configuration`, an object or an array). */
export function contributedKeys(manifest: unknown): Set<string> {
	const out = new Set<string>();
	const contributes = isRecord(manifest) && isRecord(manifest.contributes) ? manifest.contributes : {};
	const configuration = contributes.configuration;
	for (const c of Array.isArray(configuration) ? configuration : [configuration]) {
		if (isRecord(c) && isRecord(c.properties)) {
			for (const k of Object.keys(c.properties)) {
				out.add(k);
			}
		}
	}
	return out;
}

const EDITOR_SECTIONS = ['chat.', 'editor.', 'workbench.', 'files.', 'search.', 'explorer.'];
function isEditorKey(key: string): boolean {
	return EDITOR_SECTIONS.some((s) => key.startsWith(s));
}

function matches(ig: Ignore | undefined, path: string): boolean {
	if (!ig || !path || path.startsWith('untitled:')) {
		return false;
	}
	try {
		return ig.ignores(path.replace(/^\/+/, ''));
	} catch {
		return false; // `ignore` refuses paths it considers invalid (e.g. `../x`)
	}
}

function isUnverified(entry: CatalogueEntry): boolean {
	return entry.destinations.some((d) => !d.evidence.verified) || entry.levers.some((l) => !l.evidence.verified);
}

/** The file's text before Context Warden first wrote it (undefined: it did not exist). */
function originalText(ledger: Ledger, file: string, current: string | undefined): string | undefined {
	const first = ledger.find((r) => r.file === file && r.kind === 'file');
	if (!first) {
		return current;
	}
	return first.previous.existed ? first.previous.text : undefined;
}

/**
 * While enforcement is paused, an assistant the policy would disable is only warned about (nothing is written), and
 * its reasons say so.
 */
function whilePaused(d: GovernedDecision, pause: PauseState | undefined): GovernedDecision {
	if (!pause || d.decision !== 'disable') {
		return d;
	}
	const until = pause.until ? new Date(pause.until) : undefined;
	return {
		decision: 'warn',
		why: [...d.why, `Enforcement is paused in this workspace (by ${pause.by}${until ? ` until ${until.toISOString()}` : ''}): Context Warden warns and changes no file.`],
		shownWhy: [
			...d.shownWhy,
			until
				? vscode.l10n.t('Enforcement is paused in this workspace (by {0} until {1}): Context Warden warns and changes no file.', pause.by, until.toLocaleString())
				: vscode.l10n.t('Enforcement is paused in this workspace (by {0}): Context Warden warns and changes no file.', pause.by),
		],
	};
}
