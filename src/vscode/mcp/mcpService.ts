import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sensitiveSet, WORKSPACE_FILE_KEY } from '../../core/assistants/compile';
import type { DesiredChange } from '../../core/assistants/compile';
import { folderKey } from '../../core/assistants/folders';
import { compileClassifier } from '../../core/classify/classifier';
import { analyzeMcp, describeServer, type McpConfigInput, type McpReport, type McpServerReport, mcpReadTargets } from '../../core/mcp/model';
import type { McpVariables } from '../../core/mcp/classify';
import { continueBlockKind } from '../../core/mcp/inventory';
import type { McpSectionView } from '../../webview/viewModel';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import type { PolicyService } from '../policy/policyService';
import { type WorkspaceIndex, workspaceFolderKeys } from '../classify/workspaceIndex';

const TAG = 'mcp';
const DEBOUNCE_MS = 400;
/** The most files read from one Continue block folder. */
const MAX_BLOCK_FILES = 50;
/** The largest configuration file read (bytes). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Workspace files watched for changes (relative to each folder). */
const WATCHED = '{.vscode/mcp.json,.mcp.json,.cursor/mcp.json,.roo/mcp.json,.gemini/settings.json,.continue/mcpServers/*}';

function posix(p: string): string {
	return p.replace(/\\/g, '/');
}

function readText(file: string): string | undefined {
	try {
		const st = fs.statSync(file);
		if (!st.isFile() || st.size > MAX_FILE_BYTES) {
			return undefined;
		}
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function listDir(dir: string): string[] {
	try {
		return fs.readdirSync(dir).sort().slice(0, MAX_BLOCK_FILES);
	} catch {
		return [];
	}
}

/**
 * MCP servers in this window: reads every MCP configuration of the catalogue's assistants (the workspace folders,
 * the workspace file, the user's home and the editor's user folder), and keeps the core's report of them: what
 * each server is, the policy's verdict, and the managed changes its levers need (applied by the governance
 * service, with its ledger, drift and restore). In an untrusted workspace it says once what the workspace's MCP
 * configuration would start. It never writes a file itself.
 */
export class McpService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private current: McpReport = { servers: [], files: [], changes: [] };
	private timer: NodeJS.Timeout | undefined;
	private untrustedSaid: string | undefined;
	private applied: () => ReadonlySet<string> = () => new Set();
	private classifier: { sha: string; value: ReturnType<typeof compileClassifier>['classifier'] } | undefined;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
		private readonly policy: PolicyService,
		private readonly index: WorkspaceIndex,
	) {
		super();
		this._register({ dispose: () => clearTimeout(this.timer) });
		this._register(policy.onDidChange(() => this.schedule()));
		this._register(index.onDidChange(() => this.schedule()));
		this._register(index.onDidChangeScanning((s) => !s && this.schedule()));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()));
		this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()));
		this._register(vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('mcp') || e.affectsConfiguration('chat.mcp')) && this.schedule()));
		const watcher = vscode.workspace.createFileSystemWatcher(`**/${WATCHED}`);
		this._register(watcher);
		for (const ev of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) {
			this._register(ev(() => this.schedule()));
		}
		this.schedule(0);
	}

	/** The last report. */
	report(): McpReport {
		return this.current;
	}

	/** The managed changes the MCP levers need now (applied by the governance service). */
	desired(): DesiredChange[] {
		return this.current.changes;
	}

	/** Reads and judges everything again now (tests, commands). */
	async refreshNow(): Promise<void> {
		clearTimeout(this.timer);
		await this.refresh();
	}

	/** The warning shown in Restricted Mode about the workspace's MCP configuration, if it was shown. */
	untrustedWarning(): string | undefined {
		return this.untrustedSaid;
	}

	/** Where the applied lever ids come from (the governance service's ledger); set once it exists. */
	setAppliedSource(source: () => ReadonlySet<string>): void {
		this.applied = source;
	}

	/** One line per server for the status bar tooltip, in the display language. */
	statusLines(): { name: string; state: string }[] {
		const applied = this.applied();
		return this.current.servers.map((s) => ({ name: s.name, state: serverStateText(s, applied) }));
	}

	/** The preview's MCP section: one row per server, localised. */
	previewSection(): McpSectionView {
		const applied = this.applied();
		return {
			servers: this.current.servers.map((s) => ({
				name: s.name,
				where: `${s.file}:${s.line}`,
				runs:
					s.runs === 'remote'
						? vscode.l10n.t('remote: {0}', s.host ?? '?')
						: s.runs === 'local'
							? vscode.l10n.t('local: {0}', s.packages[0] ?? s.program ?? '?')
							: vscode.l10n.t('unknown'),
				risk: riskText(s),
				verdict: serverStateText(s, applied, false),
			})),
		};
	}

	/** The VS Code MCP settings in force, for the audit (`chat.mcp.*`). */
	settings(): Record<string, unknown> {
		const c = vscode.workspace.getConfiguration('chat.mcp');
		const out: Record<string, unknown> = {};
		for (const key of ['access', 'discovery.enabled', 'autostart', 'enabled']) {
			const v = c.inspect(key);
			const value = v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue ?? v?.defaultValue;
			if (value !== undefined) {
				out[`chat.mcp.${key}`] = value;
			}
		}
		return out;
	}

	private schedule(delay = DEBOUNCE_MS): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.refresh().catch((err: unknown) => this.log.error(TAG, 'refresh failed', err)), delay);
	}

	private async refresh(): Promise<void> {
		const effective = this.policy.effective;
		if (!effective || this.isDisposed) {
			return;
		}
		if (this.index.scanning || !this.index.lastScan) {
			return; // a half-scanned workspace looks unrestricted: judge the servers once the scan is done
		}
		if (this.classifier?.sha !== effective.sha256) {
			const exceptions = effective.exceptions.active.map((x) => ({ path: x.path, expires: x.expires }));
			this.classifier = { sha: effective.sha256, value: compileClassifier(effective.policy, exceptions).classifier };
		}
		const classifications = [...this.index.all().values()];
		const report = analyzeMcp(this.inputs(), {
			policy: effective.policy,
			restricted: this.index.summary()?.restricted ?? false,
			classifier: this.classifier.value,
			levelOf: (key) => this.index.get(key)?.level,
			platform: process.platform,
			sensitiveFiles: sensitiveSet(effective.policy, classifications).files,
		});
		for (const f of report.files) {
			for (const p of f.problems) {
				this.log.warn(TAG, `${f.file}: ${p}`);
			}
		}
		const before = JSON.stringify(this.current);
		this.current = report;
		if (JSON.stringify(report) !== before) {
			this.log.info(TAG, `${report.servers.length} server(s) in ${report.files.length} file(s): ${report.servers.map((s) => `${s.id} ${s.verdict}/${s.action} (${describeServer(s)})`).join('; ') || 'none'}`);
			this._onDidChange.fire();
		}
		this.warnIfUntrusted();
	}

	/** Every configuration file to read, with the variables each is read with. */
	private inputs(): McpConfigInput[] {
		const out: McpConfigInput[] = [];
		const folders = vscode.workspace.workspaceFolders ?? [];
		const keys = workspaceFolderKeys();
		// CW_MCP_HOME: the tests' stand-in for the home folder (test/support/codeServer.mjs sets it).
		const home = posix(process.env.CW_MCP_HOME ?? os.homedir());
		// The editor's user folder: globalStorage/<extension> lives in it.
		const userData = path.dirname(path.dirname(this.context.globalStorageUri.fsPath));
		const firstFolder = folders[0] ? posix(folders[0].uri.fsPath) : undefined;
		const homeVars: McpVariables = { userHome: home, ...(firstFolder ? { workspaceFolder: firstFolder } : {}), env: process.env };
		for (const target of mcpReadTargets(['workspace', 'home', 'userData', 'workspaceFile'])) {
			if (target.base === 'workspace') {
				folders.forEach((folder, i) => {
					if (folder.uri.scheme !== 'file') {
						return;
					}
					const root = folder.uri.fsPath;
					const vars: McpVariables = { workspaceFolder: posix(root), userHome: home, env: process.env };
					const prefix = keys.length > 1 ? `${keys[i]}/` : '';
					const key = (rel: string): string => folderKey(keys, keys[i], rel);
					out.push(...this.read(path.join(root, target.path), key(target.path), target, vars, prefix));
				});
			} else if (target.base === 'workspaceFile') {
				const wf = vscode.workspace.workspaceFile;
				if (wf?.scheme === 'file') {
					out.push({ file: WORKSPACE_FILE_KEY, locationId: target.locationId, text: readText(wf.fsPath), vars: homeVars });
				}
			} else {
				const base = target.base === 'home' ? home : userData;
				const shown = target.base === 'home' ? `~/${target.path}` : `<user>/${target.path}`;
				const extra = target.locationId === 'claude-user' ? { projectPaths: folders.map((f) => f.uri.fsPath) } : {};
				out.push(...this.read(path.join(base, target.path), shown, target, homeVars, '').map((x) => ({ ...x, ...extra })));
			}
		}
		return out;
	}

	private read(file: string, key: string, target: { dir: boolean; locationId: string }, vars: McpVariables, prefix: string): McpConfigInput[] {
		if (!target.dir) {
			return [{ file: key, locationId: target.locationId, text: readText(file), vars, folderPrefix: prefix }];
		}
		return listDir(file).flatMap((name): McpConfigInput[] => {
			const kind = continueBlockKind(name);
			if (kind === 'other') {
				return [];
			}
			const base = { file: `${key}/${name}`, locationId: target.locationId, vars, folderPrefix: prefix };
			return [kind === 'json' ? { ...base, text: readText(path.join(file, name)) } : { ...base, text: undefined, unread: 'YAML is not read yet' }];
		});
	}

	/** In Restricted Mode: one warning saying what the workspace's MCP configuration would start, and that nothing is written. */
	private warnIfUntrusted(): void {
		if (vscode.workspace.isTrusted || this.untrustedSaid) {
			return;
		}
		const risky = this.current.servers.filter((s) => s.origin === 'workspace' && (s.risks.length > 0 || s.verdict === 'blocked' || s.action !== 'none'));
		if (risky.length === 0) {
			return;
		}
		const what = risky.map((s) => vscode.l10n.t('{0} ({1}): {2}', s.name, s.file, riskText(s))).join('; ');
		this.untrustedSaid = vscode.l10n.t('This workspace\'s MCP configuration would start {0} server(s): {1}. Context Warden writes nothing until the workspace is trusted.', risky.length, what);
		this.log.warn(TAG, this.untrustedSaid);
		void vscode.window.showWarningMessage(this.untrustedSaid);
	}
}

/** What a server would do, in the display language. */
export function riskText(s: McpServerReport): string {
	const parts: string[] = [];
	if (s.reach.workspace) {
		parts.push(vscode.l10n.t('reads the whole workspace'));
	} else if (s.reach.home) {
		parts.push(vscode.l10n.t('reads the home folder'));
	} else if (s.reach.kind !== 'none') {
		parts.push(vscode.l10n.t('reads {0}', s.reach.paths.join(', ')));
	}
	for (const x of s.secrets) {
		parts.push(x.via === 'envFile' ? vscode.l10n.t('receives the secrets in {0}', x.file ?? x.name) : vscode.l10n.t('receives a secret ({0} {1})', x.via, x.name));
	}
	if (s.runs === 'remote' && s.host) {
		parts.push(vscode.l10n.t('sends to {0}', s.host));
	}
	return parts.length > 0 ? parts.join(vscode.l10n.t(', ')) : vscode.l10n.t('no risk seen');
}

/**
 * The verdict and what was done (with what the server reaches and receives, unless `risk` is false), in the display
 * language. A lever is said to be in force only when the ledger has it (`applied`).
 */
export function serverStateText(s: McpServerReport, applied: ReadonlySet<string>, risk = true): string {
	const verdict =
		s.verdict === 'blocked'
			? vscode.l10n.t('blocked')
			: s.verdict === 'allowed'
				? vscode.l10n.t('allowed')
				: s.verdict === 'restricted'
					? vscode.l10n.t('not allowed here')
					: vscode.l10n.t('permitted');
	const inForce = s.leverIds.length > 0 && s.leverIds.every((id) => applied.has(id));
	const done =
		s.lever !== 'none' && !inForce
			? vscode.workspace.isTrusted
				? vscode.l10n.t('{0}: not applied yet', s.lever === 'sandbox' ? vscode.l10n.t('sandbox') : vscode.l10n.t('switch-off'))
				: vscode.l10n.t('{0}: waits for workspace trust', s.lever === 'sandbox' ? vscode.l10n.t('sandbox') : vscode.l10n.t('switch-off'))
			: s.lever === 'sandbox'
			? s.secrets.some((x) => x.via === 'envFile')
				? vscode.l10n.t('sandboxed, sensitive files denied (its tools are auto-approved); its envFile still reaches it')
				: vscode.l10n.t('sandboxed, sensitive files denied (its tools are auto-approved)')
			: s.lever === 'disable'
				? vscode.l10n.t('turned off')
				: s.action === 'warn'
					? vscode.l10n.t('warned')
					: s.action !== 'none'
						? vscode.l10n.t('no lever')
						: '';
	return [verdict, risk ? riskText(s) : '', done].filter(Boolean).join(vscode.l10n.t('; '));
}
