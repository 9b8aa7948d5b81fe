import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { settingKeyOf, WORKSPACE_POLICY_PATH } from '../../constants';

import {
	type EffectivePolicy,
	type PolicyReadError,
	type PolicyText,
	resolveEffectivePolicy,
} from '../../core/policy/layering';
import { settingsToLayer, wellKnownOrgPolicyPath, SETTINGS_LAYER_KEYS } from '../../core/policy/settingsLayer';
import { formatDiagnostic } from '../../core/policy/parse';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import { changed, machineSetting, overrideSetting } from '../settings';

const LAST_VALID_KEY = 'contextWarden.lastValidOrgPolicy';
const RELOAD_DELAY_MS = 150;
/** The folder that holds the workspace policy file. */
const WORKSPACE_POLICY_DIR = WORKSPACE_POLICY_PATH.slice(0, WORKSPACE_POLICY_PATH.indexOf('/'));
const ORG_POLL_MS = 500;

/**
 * Loads the policy layers (built-in default, org file, workspace file, workspace settings), keeps them
 * watched, and publishes the effective policy. The decisions are the core's; this only reads and watches.
 */
export class PolicyService extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<EffectivePolicy>());
	/** Fires after every reload whose result differs from the previous one. */
	readonly onDidChange = this._onDidChange.event;

	private current: EffectivePolicy | undefined;
	private reloadTimer: NodeJS.Timeout | undefined;
	private watchedOrgFile: string | undefined;
	private reloading: Promise<void> = Promise.resolve();
	private lastAnnounced = '';

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
	) {
		super();
		this._register(
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (changed(e)) {
					this.scheduleReload('settings changed');
				}
			}),
		);
		const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_POLICY_PATH}`));
		this._register(watcher.onDidCreate(() => this.scheduleReload('workspace policy created')));
		this._register(watcher.onDidChange(() => this.scheduleReload('workspace policy changed')));
		this._register(watcher.onDidDelete(() => this.scheduleReload('workspace policy deleted')));
		// A recursive watcher starts watching a new folder only after the folder's own creation event, so a policy
		// written right after its `.vscode/` folder was made, or a `.vscode/` moved in whole (a checkout, an unpacked
		// archive), fires no event for the file. The folder's own events do fire: read the layer again on them.
		const folderWatcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_POLICY_DIR}`, false, true, false));
		this._register(folderWatcher.onDidCreate(() => this.scheduleReload('workspace policy folder created')));
		this._register(folderWatcher.onDidDelete(() => this.scheduleReload('workspace policy folder deleted')));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload('workspace folders changed')));
		this._register({ dispose: () => this.unwatchOrgFile() });
		this._register({ dispose: () => clearTimeout(this.reloadTimer) });
	}

	/** The effective policy; undefined only before the first load finished. */
	get effective(): EffectivePolicy | undefined {
		return this.current;
	}

	/** The org policy file in force: the machine setting, else the OS's well-known path. */
	orgPolicyPath(): string {
		// Machine-scoped: only the user (machine) value counts; a workspace cannot redirect the org policy.
		const value = machineSetting('policyFile');
		const configured = typeof value === 'string' ? value.trim() : undefined;
		return configured ? configured : wellKnownOrgPolicyPath(process.platform, process.env);
	}

	/** Reloads now and resolves when the new effective policy is published. */
	reload(why = 'requested'): Promise<void> {
		this.reloading = this.reloading.then(() => this.doReload(why)).catch((err: unknown) => {
			this.log.error('policy', 'reload failed', err);
		});
		return this.reloading;
	}

	private scheduleReload(why: string): void {
		clearTimeout(this.reloadTimer);
		this.reloadTimer = setTimeout(() => void this.reload(why), RELOAD_DELAY_MS);
	}

	private async doReload(why: string): Promise<void> {
		const started = Date.now();
		const orgFile = this.orgPolicyPath();
		this.watchOrgFile(orgFile);
		const org = await readOrgFile(orgFile);
		const lastValidOrg = this.context.globalState.get<PolicyText>(LAST_VALID_KEY);
		const workspace = await readWorkspaceLayer();
		const settings = { source: 'workspace settings', layer: settingsToLayer(readOverrideSettings()) };
		const effective = resolveEffectivePolicy({ org, lastValidOrg, workspace, settings, now: new Date() });

		if (effective.state === 'org' && org && 'text' in org) {
			await this.context.globalState.update(LAST_VALID_KEY, { file: org.file, text: org.text });
		}
		const changed = this.current?.sha256 !== effective.sha256 || this.current?.state !== effective.state;
		this.current = effective;
		this.report(effective, why, Date.now() - started);
		if (changed) {
			this._onDidChange.fire(effective);
		}
	}

	private report(effective: EffectivePolicy, why: string, ms: number): void {
		const used = effective.sources.filter((s) => s.used).map((s) => `${s.kind}=${s.label}`).join(', ');
		this.log.info(
			'policy',
			`loaded (${why}) in ${ms} ms: "${effective.policy.name}", state ${effective.state}, sha256 ${effective.sha256.slice(0, 12)}; layers ${used}`,
		);
		for (const d of effective.diagnostics) {
			const line = formatDiagnostic(d);
			if (d.severity === 'error') {
				this.log.error('policy', line);
			} else {
				this.log.warn('policy', line);
			}
		}
		for (const r of effective.refused) {
			this.log.warn('policy', `refused loosening from ${r.layer} (${r.source}): ${r.key}: ${r.message}`);
		}
		for (const x of effective.exceptions.rejected) {
			this.log.warn('policy', `exception for '${x.path}' from ${x.layer} rejected: ${x.why}`);
		}
		// One notification per distinct problem, not at every reload.
		const key = `${effective.state}|${effective.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n')}`;
		if (key === this.lastAnnounced) {
			return;
		}
		this.lastAnnounced = key;
		if (effective.state === 'org-last-valid' || effective.state === 'strict-fallback') {
			const errors = effective.diagnostics.filter((d) => d.severity === 'error').length;
			const message =
				effective.state === 'org-last-valid'
					? vscode.l10n.t(
							'Context Warden: the org policy is invalid ({0} problems). The last valid org policy stays in force.',
							errors,
						)
					: vscode.l10n.t(
							'Context Warden: the org policy is invalid or unreadable ({0} problems). The strictest built-in policy is in force until it is fixed.',
							errors,
						);
			void this.offerActions(message);
		}
	}

	private async offerActions(message: string): Promise<void> {
		const openLog = vscode.l10n.t('Open Log');
		const openPolicy = vscode.l10n.t('Open Policy File');
		const choice = await vscode.window.showErrorMessage(message, openPolicy, openLog);
		if (choice === openLog) {
			this.log.show();
		} else if (choice === openPolicy) {
			try {
				await vscode.window.showTextDocument(vscode.Uri.file(this.orgPolicyPath()));
			} catch (err) {
				this.log.error('policy', 'cannot open the org policy file', err);
			}
		}
	}

	private watchOrgFile(file: string): void {
		if (this.watchedOrgFile === file) {
			return;
		}
		this.unwatchOrgFile();
		this.watchedOrgFile = file;
		// A stat poll: cheap for one file, works for paths outside the workspace and on every OS.
		fs.watchFile(file, { interval: ORG_POLL_MS, persistent: false }, (curr, prev) => {
			if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) {
				this.scheduleReload('org policy changed');
			}
		});
	}

	private unwatchOrgFile(): void {
		if (this.watchedOrgFile) {
			fs.unwatchFile(this.watchedOrgFile);
			this.watchedOrgFile = undefined;
		}
	}
}

async function readOrgFile(file: string): Promise<PolicyText | PolicyReadError | undefined> {
	try {
		const text = await fs.promises.readFile(file, 'utf8');
		return { file, text };
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			return undefined;
		}
		return { file, error: err instanceof Error ? err.message : String(err) };
	}
}

/** The workspace layer from the first workspace folder that has one. */
async function readWorkspaceLayer(): Promise<PolicyText | PolicyReadError | undefined> {
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, WORKSPACE_POLICY_PATH);
		const label = folder.uri.scheme === 'file' ? uri.fsPath : uri.toString();
		try {
			const bytes = await vscode.workspace.fs.readFile(uri);
			return { file: label, text: new TextDecoder('utf-8').decode(bytes) };
		} catch (err) {
			if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') {
				continue;
			}
			return { file: label, error: err instanceof Error ? err.message : String(err) };
		}
	}
	return undefined;
}

/** The `contextWarden.*` override settings as set by the user or workspace (defaults excluded). */
function readOverrideSettings(): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const id of SETTINGS_LAYER_KEYS) {
		const key = settingKeyOf(id);
		const value = key === undefined ? undefined : overrideSetting(key);
		if (value !== undefined) {
			out[id] = value;
		}
	}
	return out;
}
