/**
 * The admin's opt-in machine-wide lever: VS Code's `extensions.allowed` (application scope) set so that the
 * assistants the org policy blocks in every workspace cannot be installed or enabled on this machine at all.
 *
 * Decisions:
 * - Only on request (a command), after a modal that lists every extension id; never automatically: it changes
 *   every workspace on the machine, not just this one.
 * - Only the org policy's blocks (and the built-in default's) count; a workspace layer's never do
 *   (`machineWideBlocks`).
 * - Keys already in the setting are never changed; what was added is remembered in global state, and Undo takes
 *   exactly that back (a key someone changed since stays). When the setting did not exist before and nothing is
 *   left but `"*": true`, Undo removes it again.
 */
import * as vscode from 'vscode';
import { machineWideBlocks, planAllowedExtensions, undoAllowedExtensions } from '../../core/assistants/allowedExtensions';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import type { PolicyService } from '../policy/policyService';

const TAG = 'allowed-extensions';
const SETTING_SECTION = 'extensions';
const SETTING_KEY = 'allowed';
const STATE_KEY = 'contextWarden.allowedExtensions.applied';

interface AppliedState {
	added: string[];
	/** The setting had no user value before Context Warden first wrote it. */
	created: boolean;
}

export interface ApplyOptions {
	/** Skip the modal (tests, and callers that asked the user themselves). */
	confirmed?: boolean;
}

/** What Apply or Undo did. */
export interface AllowedExtensionsOutcome {
	changed: boolean;
	ids: string[];
	message: string;
}

export class AllowedExtensionsService extends Disposable {
	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
		private readonly policy: PolicyService,
	) {
		super();
	}

	/** Blocks the policy's blocked assistants machine-wide, after the user confirms. */
	async apply(options: ApplyOptions = {}): Promise<AllowedExtensionsOutcome> {
		const effective = this.policy.effective;
		if (!effective) {
			return this.tell(false, [], vscode.l10n.t('Context Warden: no policy is loaded yet.'));
		}
		const current = this.current();
		const plan = planAllowedExtensions(machineWideBlocks(effective), current);
		for (const n of plan.notes) {
			this.log.warn(TAG, n);
		}
		if (plan.added.length === 0) {
			return this.tell(
				false,
				[],
				plan.blocked.length === 0
					? vscode.l10n.t('The org policy blocks no assistant in every workspace (assistants.block is empty): nothing to add to extensions.allowed.')
					: vscode.l10n.t('extensions.allowed already lists every extension the org policy blocks.'),
			);
		}
		if (!options.confirmed) {
			const block = vscode.l10n.t('Block on This Machine');
			const choice = await vscode.window.showWarningMessage(
				vscode.l10n.t('Block {0} extension(s) in every workspace on this machine?', plan.added.length),
				{
					modal: true,
					detail: [
						vscode.l10n.t('The org policy blocks these everywhere. VS Code will disable them and refuse to install them (user setting extensions.allowed):'),
						'',
						...plan.added,
						'',
						vscode.l10n.t('Entries already in extensions.allowed are kept. "Undo extensions.allowed" takes back exactly these.'),
					].join('\n'),
				},
				block,
			);
			if (choice !== block) {
				return this.tell(false, [], vscode.l10n.t('extensions.allowed was not changed.'), true);
			}
		}
		const before = this.state();
		await vscode.workspace.getConfiguration(SETTING_SECTION).update(SETTING_KEY, plan.value, vscode.ConfigurationTarget.Global);
		const added = [...new Set([...(before?.added ?? []), ...plan.added])].sort();
		await this.context.globalState.update(STATE_KEY, { added, created: before ? before.created : current === undefined } satisfies AppliedState);
		this.log.info(TAG, `extensions.allowed: blocked ${plan.added.join(', ')}`);
		return this.tell(true, plan.added, vscode.l10n.t('Blocked on this machine: {0}.', plan.added.join(', ')));
	}

	/** Takes back what Apply added. */
	async undo(): Promise<AllowedExtensionsOutcome> {
		const state = this.state();
		if (!state || state.added.length === 0) {
			return this.tell(false, [], vscode.l10n.t('Context Warden has not changed extensions.allowed.'));
		}
		const current = this.current();
		const next = undoAllowedExtensions(current, state.added);
		if (next !== undefined) {
			// Not an object any more (someone replaced or removed it): nothing of ours is left to take back.
			const left = Object.keys(next);
			const remove = left.length === 0 || (state.created && left.length === 1 && next['*'] === true);
			await vscode.workspace.getConfiguration(SETTING_SECTION).update(SETTING_KEY, remove ? undefined : next, vscode.ConfigurationTarget.Global);
		}
		await this.context.globalState.update(STATE_KEY, undefined);
		const taken = state.added.filter((k) => (current as Record<string, unknown> | undefined)?.[k] === false);
		this.log.info(TAG, `extensions.allowed: took back ${taken.join(', ') || '(nothing still set)'}`);
		return this.tell(true, taken, vscode.l10n.t('extensions.allowed is back as it was before Context Warden changed it.'));
	}

	private current(): unknown {
		return vscode.workspace.getConfiguration(SETTING_SECTION).inspect(SETTING_KEY)?.globalValue;
	}

	private state(): AppliedState | undefined {
		const v = this.context.globalState.get<AppliedState>(STATE_KEY);
		return v && Array.isArray(v.added) ? v : undefined;
	}

	private tell(changed: boolean, ids: string[], message: string, quiet = false): AllowedExtensionsOutcome {
		if (!quiet) {
			void vscode.window.showInformationMessage(message);
		}
		return { changed, ids, message };
	}
}
