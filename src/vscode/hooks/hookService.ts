import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditHookInput } from '../../core/audit/report';
import { execFile } from 'node:child_process';
import { folderKey, splitFolderKey } from '../../core/assistants/folders';
import { type FileEdit, forgetFiles, type Ledger, type LedgerRecord, managedItems, planApply, type Problem, restore as planRestore } from '../../core/assistants/ledger';
import { type AgentEntry, type AgentId, installedAgents } from '../../core/hooks/agentRegistry';
import { REDACTING_AGENTS } from '../../core/hooks/agents/registry';
import { type HookInstallSpec, hookInstallSpecs } from '../../core/hooks/install';
import { type GitFacts, HOOK_EXCLUDE_LEVER, placeHookFiles } from '../../core/hooks/installPlan';
import { LAUNCHER_FILE, launcherScript } from '../../core/hooks/launcher';
import { buildSnapshot, snapshotFileName } from '../../core/hooks/snapshot';
import { wellKnownOrgPolicyPath } from '../../core/policy/settingsLayer';
import type { EnforcementPause } from '../assistants/enforcementPause';
import { hookProblemText } from '../coreText';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import type { PolicyService } from '../policy/policyService';
import { type WorkspaceIndex, workspaceFolderKey, workspaceFolderKeys } from '../classify/workspaceIndex';
import { leaveOut, ManagedFiles } from '../assistants/managedFiles';

const TAG = 'hooks';
const DEBOUNCE_MS = 400;
const StateKeys = {
	ledger: 'contextWarden.hooks.ledger',
	/** Folders (workspace keys, folder-prefixed in a multi-root workspace) we created to hold a hook file, deepest last. */
	createdDirs: 'contextWarden.hooks.createdDirs',
	/** ISO time of the last install, to tell a heartbeat of this install from an older one. */
	installedAt: 'contextWarden.hooks.installedAt',
	/** Set by "Remove Agent Hooks": no automatic install until "Install Agent Hooks" (kept across reloads and policy changes). */
	suspended: 'contextWarden.hooks.suspended',
} as const;

type Mode = 'idle' | 'installed' | 'not-restricted' | 'untrusted' | 'no-folder' | 'suspended' | 'paused' | 'failed';

/**
 * Tool-level enforcement through the agents' own hooks: keeps the classification snapshot the hook reads up to
 * date, and, in a restricted and trusted workspace, writes each present agent's hook file (through the ledger, so
 * that the user's keys and comments survive and `restore()` gives every file back exactly). Leaving the
 * restricted state restores by itself.
 */
export class HookService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Fires when the installed state or what `statusLines()` says changes. */
	readonly onDidChange = this._onDidChange.event;

	private snapshotTimer: NodeJS.Timeout | undefined;
	private reconcileTimer: NodeJS.Timeout | undefined;
	private queue: Promise<void> = Promise.resolve();
	private mode: Mode = 'idle';
	/** Why hook files were not written, in English for the log and for telling a new problem from a known one. */
	private problems: string[] = [];
	/** The same problems in the display language, for the status lines. */
	private shownProblems: string[] = [];
	private lastSnapshotSha: string | undefined;
	/** The hook launcher at its stable path, once written (not on Windows, whose agents run PowerShell). */
	private launcher: string | undefined;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
		private readonly policy: PolicyService,
		private readonly index: WorkspaceIndex,
		/** Whether enforcement is paused here (shared with assistant governance). */
		private readonly pause: EnforcementPause,
		/** The hash-chained audit log the hooks append their denials to; a log of their own when absent. */
		private readonly auditLogFile?: string,
	) {
		super();
		this._register(pause.onDidChange(() => this.schedule()));
		this._register(policy.onDidChange(() => this.schedule()));
		this._register(index.onDidChange(() => this.schedule()));
		this._register(index.onDidChangeScanning(() => this.schedule()));
		this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()));
		// A folder added to the window gets its snapshot and hook files like the others.
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()));
		this._register(
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('chat.useHooks')) {
					this._onDidChange.fire();
				}
			}),
		);
		this._register({ dispose: () => clearTimeout(this.snapshotTimer) });
		this._register({ dispose: () => clearTimeout(this.reconcileTimer) });
		this.schedule();
	}

	/**
	 * Writes the hook launcher (launcher.ts) for this version: the agents' hook files name only it, so an update
	 * keeps them working; it is rewritten on every start. Not on Windows (the PowerShell command names the runtime).
	 */
	private async writeLauncher(): Promise<void> {
		if (process.platform === 'win32' || this.launcher) {
			return;
		}
		const file = path.join(this.context.globalStorageUri.fsPath, 'hooks', 'bin', LAUNCHER_FILE);
		const extensionPath = this.context.extensionPath;
		const script = launcherScript({
			node: process.execPath,
			electronRunAsNode: process.versions.electron !== undefined,
			hook: path.join(extensionPath, 'dist', 'hook.js'),
			extensionsDir: path.dirname(extensionPath),
			folderPrefix: `${this.context.extension.id.toLowerCase()}-`,
			version: String((this.context.extension.packageJSON as { version?: unknown }).version ?? ''),
		});
		try {
			await atomicWrite(file, script);
			await fs.promises.chmod(file, 0o755);
			this.launcher = file;
			this.log.info(TAG, `hook launcher written: ${file}`);
		} catch (err) {
			// The hook files then name this version's runtime and hook directly, as before the launcher.
			this.log.error(TAG, `cannot write the hook launcher ${file}`, err);
		}
	}

	/** Installs the hooks now (in a restricted, trusted workspace), and lifts a suspension after `restore()`. */
	install(): Promise<void> {
		return this.enqueue(async () => {
			await this.setSuspended(false);
			await this.writeLauncher();
			await this.writeSnapshot();
			await this.reconcile(true);
		});
	}

	/** Takes every hook file back to exactly what it was (files we created are deleted). Hooks stay off until `install()`. */
	restore(): Promise<void> {
		return this.enqueue(async () => {
			// In a restricted workspace removing the hooks is a loosening: only as a pause the org allows.
			if (this.index.summary()?.restricted === true && !(await this.pause.request('restoreHooks'))) {
				return;
			}
			await this.setSuspended(true);
			await this.restoreFiles('requested');
		});
	}

	private get suspended(): boolean {
		return this.context.workspaceState.get<boolean>(StateKeys.suspended, false);
	}

	private async setSuspended(on: boolean): Promise<void> {
		await this.context.workspaceState.update(StateKeys.suspended, on ? true : undefined);
	}

	/** One line per agent: active, installed, or why hooks cannot run. */
	statusLines(): string[] {
		try {
			return this.describe();
		} catch (err) {
			this.log.error(TAG, 'status failed', err);
			return [vscode.l10n.t('Hooks: status unknown (see the log)')];
		}
	}

	/** Per agent whose hook is installed: its config file and what its status line says, for the audit report. */
	auditHooks(): AuditHookInput[] {
		// The audit report is English whatever the display language: its notes are built from the states, not
		// taken from the (translated) status lines.
		return this.agentStates().map((s) => ({ agent: s.agent.id, installed: true, config: s.config, notes: [`${s.agent.name}: ${englishState(s)}`] }));
	}

	/** The agents whose installed hook can run (installed, and not blocked by the editor): coverage counts their levers. */
	runningHookAgents(): AgentId[] {
		try {
			return this.agentStates().filter((s) => s.state !== 'blocked').map((s) => s.agent.id);
		} catch (err) {
			this.log.error(TAG, 'hook state failed', err);
			return [];
		}
	}

	/** The agents whose hook file holds Context Warden's entries, and what their hooks are doing. */
	private agentStates(): AgentHookState[] {
		const installed = this.installedFiles();
		const installedAt = Date.parse(this.context.workspaceState.get<string>(StateKeys.installedAt, '')) || 0;
		return installedAgents().flatMap((agent): AgentHookState[] => {
			const config = hookInstallSpecs({ node: '', cli: '' }, agent.id)
				.map((s) => s.file)
				.find((f) => installed.has(f));
			if (!config) {
				return [];
			}
			const blocked = agent.id === 'vscode' ? vscodeHooksBlocked() : undefined;
			if (blocked) {
				return [{ agent, config, state: 'blocked', blocked }];
			}
			const last = readHeartbeat(this.heartbeatFile(agent.id));
			return [last !== undefined && last >= installedAt - 60_000 ? { agent, config, state: 'active', last } : { agent, config, state: 'waiting' }];
		});
	}

	// ---- scheduling ------------------------------------------------------------------------------------------

	private schedule(): void {
		clearTimeout(this.snapshotTimer);
		this.snapshotTimer = setTimeout(() => {
			void this.enqueue(async () => {
				await this.writeLauncher();
				await this.writeSnapshot();
				await this.reconcile(false);
			});
		}, DEBOUNCE_MS);
	}

	/** Runs one step after the previous ones; a failure is logged, never thrown into VS Code. */
	private enqueue(step: () => Promise<void>): Promise<void> {
		this.queue = this.queue.then(step).catch((err: unknown) => {
			this.log.error(TAG, 'failed', err);
			this.problems = [err instanceof Error ? err.message : String(err)];
			this.shownProblems = [...this.problems];
			this.mode = 'failed';
			this._onDidChange.fire();
		});
		return this.queue;
	}

	// ---- snapshot --------------------------------------------------------------------------------------------

	/** The local workspace folders: each is a project root for the agents, with its own hook files and snapshot. */
	private folders(): vscode.WorkspaceFolder[] {
		return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
	}

	private storageDir(): string {
		return (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
	}

	private snapshotFile(root: string): string {
		return path.join(this.storageDir(), 'hooks', snapshotFileName(toPosix(root)));
	}

	private heartbeatFile(agent: AgentId): string {
		return path.join(this.storageDir(), 'hooks', `heartbeat-${agent}.json`);
	}

	private logFile(): string {
		return this.auditLogFile ?? path.join(this.storageDir(), 'hooks', 'hook.log');
	}

	/**
	 * Writes the snapshot once the index has finished a scan under the current policy. While a scan runs, a
	 * snapshot of another policy is removed: the hook then classifies on demand instead of trusting stale levels.
	 */
	private async writeSnapshot(): Promise<void> {
		const effective = this.policy.effective;
		const local = this.folders();
		if (local.length === 0 || !effective) {
			return;
		}
		if (this.index.scanning || !this.index.lastScan) {
			if (this.lastSnapshotSha !== undefined && this.lastSnapshotSha !== effective.sha256) {
				for (const folder of local) {
					await fs.promises.rm(this.snapshotFile(folder.uri.fsPath), { force: true });
				}
				this.lastSnapshotSha = undefined;
			}
			return;
		}
		for (const folder of local) {
			await this.writeFolderSnapshot(folder, effective);
		}
		this.lastSnapshotSha = effective.sha256;
	}

	private async writeFolderSnapshot(folder: vscode.WorkspaceFolder, effective: NonNullable<PolicyService['effective']>): Promise<void> {
		const file = this.snapshotFile(folder.uri.fsPath);
		const policy = effective.policy;
		const threshold = policy.workspace.sensitiveLevel;
		// The hook sees paths relative to this folder: in a multi-root workspace, only its files, without the prefix.
		const folders = workspaceFolderKeys();
		const key = workspaceFolderKey(folder);
		const files = [...this.index.all().values()].flatMap((c) => {
			const at = c.path.startsWith('untitled:') ? undefined : splitFolderKey(folders, c.path);
			return at && (folders.length < 2 || at.folder === key) ? [{ path: at.rel, level: c.level, ...(c.reasons[0] ? { rule: c.reasons[0].rule } : {}) }] : [];
		});
		const snapshot = buildSnapshot({
			root: toPosix(folder.uri.fsPath),
			policySha256: effective.sha256,
			policyName: policy.name,
			threshold,
			files,
			pathRules: policy.pathRules.map((r) => ({ id: r.id, level: r.level, globs: r.globs })),
			...(policy.workspace.agentReads ? { agentReads: policy.workspace.agentReads } : {}),
		});
		await atomicWrite(file, `${JSON.stringify(snapshot)}\n`);
	}

	// ---- install and restore ---------------------------------------------------------------------------------

	private restricted(): boolean | undefined {
		const effective = this.policy.effective;
		if (!effective || this.index.scanning || !this.index.lastScan) {
			return undefined; // not known yet: change nothing
		}
		return this.index.summary()?.restricted;
	}

	private async reconcile(explicit: boolean): Promise<void> {
		const local = this.folders();
		const restricted = this.restricted();
		if (local.length === 0) {
			this.setMode('no-folder');
			return;
		}
		if (restricted === undefined) {
			return;
		}
		if (!restricted) {
			if (this.ledger().length > 0) {
				await this.restoreFiles('the workspace is no longer restricted');
			}
			this.setMode('not-restricted');
			return;
		}
		if (this.pause.current() && !explicit) {
			this.setMode('paused');
			return;
		}
		if (this.suspended && !explicit) {
			if (this.pause.allowed()) {
				this.setMode('suspended');
				return;
			}
			// Removed on request, but the org policy does not (or no longer) allow hooks to stay off here.
			this.log.info(TAG, 'hooks were removed on request, but the org policy does not allow pausing enforcement here: installing them again');
			await this.setSuspended(false);
		}
		if (!vscode.workspace.isTrusted) {
			this.setMode('untrusted');
			return;
		}
		const found: Problem[] = [];
		for (const folder of local) {
			found.push(...(await this.installIn(folder)));
		}
		const problems = found.map((p) => `${p.file}: ${p.message}`);
		for (const p of problems.filter((x) => !this.problems.includes(x))) {
			this.log.warn(TAG, `not installed in ${p}`);
		}
		this.problems = problems;
		this.shownProblems = found.map(hookProblemText);
		this.setMode(this.ledger().length > 0 ? 'installed' : this.problems.length > 0 ? 'failed' : 'installed');
	}

	/** Writes the hook files of one folder; returns why some were not written (files as workspace keys). */
	private async installIn(folder: vscode.WorkspaceFolder): Promise<Problem[]> {
		const specs = this.specs(folder);
		const ledger = this.ledgerOf(folder);
		const root = folder.uri.fsPath;
		const git = await gitFacts(root, specs.map((s) => s.file));
		const specRead = await this.readFiles(folder, specs.map((s) => s.file));
		const placement = placeHookFiles(leaveOut(specs, specRead.unreadable), specRead.texts, ledger, git);
		const read = await this.readFiles(folder, [...placement.changes.map((d) => d.file), ...ledger.map((r) => r.file)]);
		const plan = planApply(leaveOut(placement.changes, read.unreadable), leaveOut(ledger, read.unreadable), read.texts, new Date());
		if (plan.edits.length > 0) {
			const written = await this.writeEdits(folder, plan.edits);
			await this.saveLedgerOf(folder, [...ledger, ...plan.records.filter((r) => written.has(r.file))]);
			await this.context.workspaceState.update(StateKeys.installedAt, new Date().toISOString());
			this.log.info(TAG, `hooks installed: ${[...written].map((f) => this.keyOf(folder, f)).join(', ') || '(none)'}`);
		}
		const unreadable = [...specRead.unreadable, ...read.unreadable.filter((p) => !specRead.unreadable.some((q) => q.file === p.file))];
		return [...unreadable, ...placement.problems, ...plan.problems].map((p) => ({ ...p, file: this.keyOf(folder, p.file) }));
	}

	/** The hook files of the agents present here, with this machine's command line. */
	private specs(folder: vscode.WorkspaceFolder): HookInstallSpec[] {
		const orgPolicy = this.policy.orgPolicyPath();
		const options = {
			node: process.execPath,
			cli: path.join(this.context.extensionPath, 'dist', 'hook.js'),
			...(this.launcher ? { launcher: this.launcher } : {}),
			snapshot: this.snapshotFile(folder.uri.fsPath),
			log: this.logFile(),
			workspace: folder.uri.fsPath,
			...(orgPolicy !== wellKnownOrgPolicyPath(process.platform, process.env) ? { policy: orgPolicy } : {}),
			...(process.versions.electron ? { electronRunAsNode: true } : {}),
		};
		return this.presentAgents(folder).flatMap((a) => hookInstallSpecs({ ...options, heartbeat: this.heartbeatFile(a.id) }, a.id));
	}

	/** The agents whose hook the extension installs and that are used here (registry: `presence`). */
	private presentAgents(folder: vscode.WorkspaceFolder): AgentEntry[] {
		return installedAgents().filter(
			({ presence: p }) =>
				'always' in p ||
				fs.existsSync(path.join(folder.uri.fsPath, p.folder)) ||
				(p.extensions ?? []).some((id) => vscode.extensions.getExtension(id) !== undefined),
		);
	}

	private async restoreFiles(why: string): Promise<void> {
		const local = this.folders();
		if (local.length === 0 || this.ledger().length === 0) {
			this.setMode(this.mode === 'installed' ? 'idle' : this.mode);
			return;
		}
		const restored: string[] = [];
		for (const folder of local) {
			const ledger = this.ledgerOf(folder);
			if (ledger.length === 0) {
				continue;
			}
			const read = await this.readFiles(folder, ledger.map((r) => r.file));
			const result = planRestore(leaveOut(ledger, read.unreadable), read.texts);
			const written = await this.writeEdits(folder, result.edits);
			const done = result.restoredFiles.filter((f) => written.has(f) || !result.edits.some((e) => e.file === f));
			await this.saveLedgerOf(folder, forgetFiles(ledger, done));
			for (const d of result.drift) {
				this.log.warn(TAG, `restore: ${this.keyOf(folder, d.file)}${d.key ? ` ${d.key}` : ''}: ${d.message}`);
			}
			await this.removeCreatedDirs(folder);
			restored.push(...[...written].map((f) => this.keyOf(folder, f)));
		}
		this.log.info(TAG, `hooks restored (${why}): ${restored.join(', ') || '(nothing to write)'}`);
		this.setMode(this.suspended ? 'suspended' : 'idle');
	}

	// ---- files -----------------------------------------------------------------------------------------------

	/** The one reader and writer of managed files, over one folder's relative paths. */
	private filesOf(folder: vscode.WorkspaceFolder): ManagedFiles {
		return new ManagedFiles(this.log, TAG, (rel) => vscode.Uri.file(path.join(folder.uri.fsPath, rel)));
	}

	private readFiles(folder: vscode.WorkspaceFolder, rels: readonly string[]): ReturnType<ManagedFiles['read']> {
		return this.filesOf(folder).read(rels);
	}

	/** Writes edits; returns the files done. A failure is logged and that file left out of the ledger. */
	private async writeEdits(folder: vscode.WorkspaceFolder, edits: readonly FileEdit[]): Promise<Set<string>> {
		const created = new Set(this.context.workspaceState.get<string[]>(StateKeys.createdDirs, []));
		for (const e of edits) {
			if (e.action === 'write') {
				for (const dir of missingDirs(folder.uri.fsPath, path.dirname(e.file))) {
					created.add(this.keyOf(folder, dir));
				}
				try {
					await fs.promises.mkdir(path.dirname(path.join(folder.uri.fsPath, e.file)), { recursive: true });
				} catch (err) {
					this.log.error(TAG, `cannot create the folder of ${e.file}`, err);
				}
			}
		}
		const done = await this.filesOf(folder).write(edits);
		await this.context.workspaceState.update(StateKeys.createdDirs, created.size > 0 ? [...created] : undefined);
		return done;
	}

	/** Removes the folders we created for hook files, deepest first, when they are empty. */
	private async removeCreatedDirs(folder: vscode.WorkspaceFolder): Promise<void> {
		const created = this.context.workspaceState.get<string[]>(StateKeys.createdDirs, []);
		const kept: string[] = [];
		for (const key of [...created].sort((a, b) => b.length - a.length)) {
			const at = splitFolderKey(workspaceFolderKeys(), key);
			if (at?.folder !== workspaceFolderKey(folder)) {
				kept.push(key); // another folder's
				continue;
			}
			const dir = at.rel;
			try {
				await fs.promises.rmdir(path.join(folder.uri.fsPath, dir));
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
					kept.push(key); // not empty: someone put something there
				}
			}
		}
		await this.context.workspaceState.update(StateKeys.createdDirs, kept.length > 0 ? kept : undefined);
	}

	/**
	 * The files that hold a hook entry of ours now (the ledger also remembers files whose entries were taken back),
	 * relative to their folder: an agent counts as installed when any folder has its file.
	 */
	private installedFiles(): Set<string> {
		const keys = workspaceFolderKeys();
		return new Set(
			managedItems(this.ledger())
				.filter((i) => i.latest.existed && !i.leverIds.includes(HOOK_EXCLUDE_LEVER))
				.map((i) => splitFolderKey(keys, i.file)?.rel ?? i.file),
		);
	}

	private ledger(): Ledger {
		return this.context.workspaceState.get<LedgerRecord[]>(StateKeys.ledger, []);
	}

	/** The workspace key of a folder-relative path (the path itself with one folder). */
	private keyOf(folder: vscode.WorkspaceFolder, rel: string): string {
		return folderKey(workspaceFolderKeys(), workspaceFolderKey(folder), rel);
	}

	/** One folder's ledger records, with paths relative to the folder. */
	private ledgerOf(folder: vscode.WorkspaceFolder): LedgerRecord[] {
		const keys = workspaceFolderKeys();
		const key = workspaceFolderKey(folder);
		return this.ledger().flatMap((r) => {
			const at = splitFolderKey(keys, r.file);
			return at?.folder === key ? [{ ...r, file: at.rel }] : [];
		});
	}

	/** Replaces one folder's ledger records (paths relative to the folder), keeping the other folders'. */
	private async saveLedgerOf(folder: vscode.WorkspaceFolder, records: readonly LedgerRecord[]): Promise<void> {
		const keys = workspaceFolderKeys();
		const key = workspaceFolderKey(folder);
		const others = this.ledger().filter((r) => splitFolderKey(keys, r.file)?.folder !== key);
		await this.saveLedger([...others, ...records.map((r) => ({ ...r, file: this.keyOf(folder, r.file) }))]);
	}

	private async saveLedger(ledger: Ledger): Promise<void> {
		await this.context.workspaceState.update(StateKeys.ledger, ledger.length > 0 ? ledger : undefined);
	}

	// ---- status ----------------------------------------------------------------------------------------------

	private setMode(mode: Mode): void {
		if (mode !== this.mode) {
			this.mode = mode;
			this._onDidChange.fire();
		}
	}

	private describe(): string[] {
		switch (this.mode) {
			case 'no-folder':
				return [vscode.l10n.t('Hooks: not installed (no local workspace folder)')];
			case 'not-restricted':
				return [vscode.l10n.t('Hooks: not installed (the workspace is not restricted)')];
			case 'untrusted':
				return [vscode.l10n.t("Hooks: not installed: agents don't run workspace hooks in Restricted Mode (trust the workspace)")];
			case 'suspended':
				return [vscode.l10n.t('Hooks: removed on request (install them again with "Install Agent Hooks")')];
			case 'paused':
				// Restore Assistant Settings pauses without taking the hooks out: installed ones are listed as usual.
				if (this.installedFiles().size === 0) {
					return [vscode.l10n.t('Hooks: not installed while enforcement is paused ("Resume Enforcement" applies them again)')];
				}
				break;
			case 'idle':
				return [vscode.l10n.t('Hooks: not installed yet (waiting for the policy and the first scan)')];
			case 'failed':
				if (this.ledger().length === 0) {
					return [vscode.l10n.t('Hooks: not installed: {0}', this.shownProblems.join('; ') || vscode.l10n.t('see the log'))];
				}
				break;
			case 'installed':
				break;
		}
		const lines: string[] = [];
		for (const s of this.agentStates()) {
			lines.push(
				s.state === 'blocked'
					? vscode.l10n.t("{0}: hooks can't run: {1}", s.agent.name, blockedText(s.blocked))
					: s.state === 'active'
						? vscode.l10n.t('{0}: hooks active (last run {1})', s.agent.name, formatTime(s.last))
						: vscode.l10n.t('{0}: hooks installed, not run yet', s.agent.name),
			);
		}
		for (const p of this.shownProblems) {
			lines.push(vscode.l10n.t('Hooks: not installed in {0}', p));
		}
		const reads = this.policy.effective?.policy.workspace.agentReads;
		if (reads && Object.values(reads).includes('redact')) {
			const names = this.agentStates().filter((s) => REDACTING_AGENTS.includes(s.agent.id)).map((s) => s.agent.name);
			lines.push(
				names.length > 0
					? vscode.l10n.t('Redaction: {0} get redact-level files with every finding masked; other agents are denied them', names.join(', '))
					: vscode.l10n.t('Redaction: no installed agent can rewrite tool output, so redact-level files are denied'),
			);
		}
		return lines.length > 0 ? lines : [vscode.l10n.t('Hooks: no agent hooks installed')];
	}
}

type HookBlock = 'untrusted' | 'unsupported' | 'off';

/** What one agent's installed hook is doing. */
type AgentHookState = { agent: AgentEntry; config: string } & (
	| { state: 'blocked'; blocked: HookBlock }
	| { state: 'active'; last: number }
	| { state: 'waiting' }
);

/** Why VS Code's own agent will not run workspace hooks, or undefined when nothing says it won't. */
function vscodeHooksBlocked(): HookBlock | undefined {
	if (!vscode.workspace.isTrusted) {
		return 'untrusted';
	}
	if (vscode.workspace.getConfiguration('chat').inspect<boolean>('useHooks') === undefined) {
		return 'unsupported';
	}
	return vscode.workspace.getConfiguration('chat').get<boolean>('useHooks') === false ? 'off' : undefined;
}

function blockedText(b: HookBlock): string {
	return b === 'untrusted'
		? vscode.l10n.t('the workspace is not trusted')
		: b === 'unsupported'
			? vscode.l10n.t('this editor has no agent hooks (chat.useHooks is not available)')
			: vscode.l10n.t('chat.useHooks is off');
}

/** An agent's hook state in English, for the audit report. */
function englishState(s: AgentHookState): string {
	if (s.state === 'blocked') {
		const why = { untrusted: 'the workspace is not trusted', unsupported: 'this editor has no agent hooks (chat.useHooks is not available)', off: 'chat.useHooks is off' }[s.blocked];
		return `hooks can't run: ${why}`;
	}
	return s.state === 'active' ? `hooks active (last run ${new Date(s.last).toISOString()})` : 'hooks installed, not run yet';
}

function readHeartbeat(file: string): number | undefined {
	try {
		const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { at?: unknown };
		const at = typeof data.at === 'string' ? Date.parse(data.at) : NaN;
		return Number.isNaN(at) ? undefined : at;
	} catch {
		return undefined;
	}
}

function formatTime(ms: number): string {
	const d = new Date(ms);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Runs git in the workspace; undefined when it cannot (not installed, not a repository, refused, too slow). */
function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
	return new Promise((resolve) => {
		execFile('git', ['--literal-pathspecs', ...args], { cwd, timeout: 5_000, windowsHide: true, maxBuffer: 1 << 20 }, (err, stdout) => resolve(err ? undefined : stdout));
	});
}

/**
 * Whether the workspace is in a git repository, where its `info/exclude` is, and which of these files git tracks or
 * would offer to commit. Without a usable git, a `.git` found on the way up still makes it a repository (tracking
 * unknown), so that nothing machine-specific is written into files git may commit.
 */
async function gitFacts(root: string, files: readonly string[]): Promise<GitFacts> {
	const rev = await git(root, ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--git-path', 'info/exclude']);
	const [inside, prefix = '', gitPath = ''] = (rev ?? '').split(/\r?\n/);
	if (inside === 'true' && gitPath !== '') {
		const list = async (args: string[]): Promise<Set<string> | undefined> => {
			const out = files.length === 0 ? '' : await git(root, ['ls-files', '-z', ...args, '--', ...files]);
			return out === undefined ? undefined : new Set(out.split('\0').filter((f) => f !== '').map(toPosix));
		};
		const tracked = await list(['--cached']);
		const unignored = await list(['--others', '--exclude-standard']);
		return {
			kind: 'repo',
			excludeFile: toPosix(path.relative(root, path.resolve(root, gitPath))),
			prefix,
			...(tracked ? { tracked } : {}),
			...(unignored ? { unignored } : {}),
		};
	}
	for (let dir = root, depth = 0; depth < 64; dir = path.dirname(dir), depth++) {
		const dotGit = path.join(dir, '.git');
		try {
			const st = await fs.promises.stat(dotGit);
			const prefix = toPosix(path.relative(dir, root));
			return {
				kind: 'repo',
				...(st.isDirectory() ? { excludeFile: toPosix(path.relative(root, path.join(dotGit, 'info', 'exclude'))) } : {}),
				prefix: prefix === '' ? '' : `${prefix}/`,
			};
		} catch {
			// not here
		}
		if (path.dirname(dir) === dir) {
			break;
		}
	}
	return { kind: 'none' };
}

function toPosix(p: string): string {
	return p.replace(/\\/g, '/');
}

/** The folders (workspace-relative, shallowest first) that do not exist yet on the way to `relDir`. */
function missingDirs(root: string, relDir: string): string[] {
	const out: string[] = [];
	const parts = relDir.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
	for (let i = 1; i <= parts.length; i++) {
		const rel = parts.slice(0, i).join('/');
		if (!fs.existsSync(path.join(root, rel))) {
			out.push(rel);
		}
	}
	return out;
}

/** Writes a file through a temporary file and a rename, so the hook never reads half a snapshot. */
async function atomicWrite(file: string, text: string): Promise<void> {
	await fs.promises.mkdir(path.dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
	try {
		await fs.promises.writeFile(tmp, text, 'utf8');
		await fs.promises.rename(tmp, file);
	} catch (err) {
		await fs.promises.rm(tmp, { force: true });
		throw err;
	}
}
