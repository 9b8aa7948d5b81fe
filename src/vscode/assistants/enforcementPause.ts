import * as os from 'node:os';
import * as vscode from 'vscode';
import { type PauseCommand, type PauseEnd, pauseEnded, type PauseState, startPause } from '../../core/assistants/pause';
import type { AuditRecord } from '../../core/audit/events';
import { ContextKeys } from '../../constants';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import type { PolicyService } from '../policy/policyService';

const TAG = 'pause';
const STATE_KEY = 'contextWarden.enforcement.pause';
const PAUSED_CONTEXT_KEY = ContextKeys.enforcementPaused;

/**
 * Whether enforcement is paused in this workspace (core/assistants/pause.ts): one state shared by assistant
 * governance and the hook installer, kept in the workspace state (a reload does not end it), ended by Resume, by its
 * end time (a timer) or by a policy change. Every start, end and refusal goes to the audit log with who and when.
 */
export class EnforcementPause extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Fires when a pause starts or ends. */
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidRecordAudit = this._register(new vscode.EventEmitter<AuditRecord>());
	readonly onDidRecordAudit: vscode.Event<AuditRecord> = this._onDidRecordAudit.event;
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
		private readonly policy: PolicyService,
	) {
		super();
		this._register({ dispose: () => clearTimeout(this.timer) });
		this._register(policy.onDidChange(() => this.check()));
		this.arm();
		void vscode.commands.executeCommand('setContext', PAUSED_CONTEXT_KEY, this.current() !== undefined);
	}

	/** The pause in force now, if any (one that has ended is ended here, and recorded). */
	current(): PauseState | undefined {
		const state = this.context.workspaceState.get<PauseState>(STATE_KEY);
		if (!state) {
			return undefined;
		}
		const ended = pauseEnded(state, this.policy.effective?.sha256, new Date());
		if (ended) {
			void this.end(ended);
			return undefined;
		}
		return state;
	}

	/** Whether the policy in force lets the user pause (false while no policy is loaded). */
	allowed(): boolean {
		return this.policy.effective?.policy.overrides.pause.allowed ?? false;
	}

	/**
	 * Starts a pause for a command that would undo enforcement in a restricted workspace. Returns false, records the
	 * refusal and says why when the org policy does not allow it: the caller then changes nothing.
	 */
	async request(command: PauseCommand): Promise<boolean> {
		if (this.current()) {
			return true;
		}
		const effective = this.policy.effective;
		const by = userName();
		const state = effective ? startPause(effective.policy, effective.sha256, by, command, new Date()) : undefined;
		if (!state) {
			this.record({ type: 'enforcement.pauseRefused', data: { by, command, ...workspaceField() } });
			this.log.warn(TAG, `${command} refused: the org policy does not allow pausing enforcement in a restricted workspace`);
			void vscode.window.showWarningMessage(
				vscode.l10n.t(
					"This workspace is restricted and your organisation's policy does not allow pausing enforcement here (overrides.pause), so nothing was changed.",
				),
			);
			return false;
		}
		await this.context.workspaceState.update(STATE_KEY, state);
		this.record({ type: 'enforcement.paused', data: { by, command, ...(state.until ? { until: state.until } : {}), ...workspaceField() } });
		this.log.info(TAG, `enforcement paused by ${by} (${command})${state.until ? ` until ${state.until}` : ''}`);
		this.arm();
		this.changed(true);
		return true;
	}

	/** Ends the pause on the user's word. */
	async resume(): Promise<void> {
		if (!this.context.workspaceState.get<PauseState>(STATE_KEY)) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Enforcement is not paused in this workspace.'));
			return;
		}
		await this.end('resumed');
	}

	private check(): void {
		this.current();
	}

	private async end(why: 'resumed' | PauseEnd): Promise<void> {
		if (!this.context.workspaceState.get<PauseState>(STATE_KEY)) {
			return;
		}
		await this.context.workspaceState.update(STATE_KEY, undefined);
		clearTimeout(this.timer);
		this.record({ type: 'enforcement.resumed', data: { ...(why === 'resumed' ? { by: userName() } : {}), why, ...workspaceField() } });
		this.log.info(TAG, `enforcement applies again (${why})`);
		this.changed(false);
	}

	/** A timer for the pause's end time, if it has one. */
	private arm(): void {
		clearTimeout(this.timer);
		const until = this.context.workspaceState.get<PauseState>(STATE_KEY)?.until;
		if (until !== undefined) {
			// setTimeout holds at most about 24.8 days: check again then.
			this.timer = setTimeout(() => this.check(), Math.min(Math.max(0, Date.parse(until) - Date.now()) + 50, 2 ** 31 - 1));
		}
	}

	private changed(paused: boolean): void {
		void vscode.commands.executeCommand('setContext', PAUSED_CONTEXT_KEY, paused);
		this._onDidChange.fire();
	}

	private record(record: AuditRecord): void {
		try {
			this._onDidRecordAudit.fire(record);
		} catch (err) {
			this.log.error(TAG, `cannot hand ${record.type} to the audit log`, err);
		}
	}
}

function userName(): string {
	try {
		return os.userInfo().username;
	} catch {
		return process.env.USER ?? process.env.USERNAME ?? 'unknown';
	}
}

/** The workspace folder's name (never a path), as the other audit entries carry it. */
function workspaceField(): { workspace?: string } {
	const folders = vscode.workspace.workspaceFolders ?? [];
	const name = folders.length === 1 && folders[0] ? folders[0].name : vscode.workspace.name;
	return name ? { workspace: name } : {};
}
