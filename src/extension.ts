import * as vscode from 'vscode';
import { Commands, ContextKeys } from './constants';
import type { FileClassification } from './core/classify/types';
import type { WorkspaceSummary } from './core/exposure/summary';
import type { EffectivePolicy } from './core/policy/layering';
import { SensitivityDecorations } from './vscode/decorations';
import { EffectivePolicyDocument } from './vscode/policy/effectivePolicyDocument';
import { explainFile } from './vscode/classify/explainFile';
import { ExposureProvider, type HookStatusSource } from './vscode/exposure/exposureProvider';
import { AuditService } from './vscode/audit/auditService';
import { HookService } from './vscode/hooks/hookService';
import { type AllowedExtensionsOutcome, AllowedExtensionsService, type ApplyOptions } from './vscode/assistants/allowedExtensions';
import { GovernanceService } from './vscode/assistants/governanceService';
import { Logger } from './vscode/logger';
import { McpService } from './vscode/mcp/mcpService';
import { ExposurePanel } from './webview/exposurePanel';
import { PolicyService } from './vscode/policy/policyService';
import { StatusBar, type StatusInput } from './vscode/statusBar';
import { EnforcementPause } from './vscode/assistants/enforcementPause';
import type { PauseState } from './core/assistants/pause';
import { WorkspaceIndex } from './vscode/classify/workspaceIndex';

/**
 * Activation does only cheap, synchronous set-up (services, commands, the status bar item); the policy load,
 * the workspace scan and everything heavy run after it returns.
 */
export function activate(context: vscode.ExtensionContext): ContextWardenApi {
	const started = performance.now();
	const log = new Logger();
	context.subscriptions.push(log);

	const policy = new PolicyService(context, log);
	const index = new WorkspaceIndex(context, log);
	// The index takes a new policy before any other listener runs, so `index.summary()` is never behind the policy.
	context.subscriptions.push(policy.onDidChange((effective) => index.setPolicy(effective)));
	const statusBar = new StatusBar();
	const effectiveDoc = new EffectivePolicyDocument(policy);
	const decorations = new SensitivityDecorations(index);
	context.subscriptions.push(policy, index, statusBar, effectiveDoc, decorations);
	const mcp = new McpService(context, log, policy, index);
	context.subscriptions.push(mcp);
	// Whether enforcement is paused here (overrides.pause): shared by governance and the hooks, so one Resume ends both.
	const pause = new EnforcementPause(context, log, policy);
	context.subscriptions.push(pause);
	const assistants = new GovernanceService(context, log, policy, index, pause, mcp);
	mcp.setAppliedSource(() => assistants.appliedLevers());
	const audit = new AuditService(context, log, policy, index, assistants);
	context.subscriptions.push(audit);
	const hooks = new HookService(context, log, policy, index, pause, audit.logFile);
	context.subscriptions.push(hooks);
	audit.setHookSource(hooks);
	assistants.setHookSource(hooks);
	audit.setMcpSource(mcp);
	const allowedExtensions = new AllowedExtensionsService(context, log, policy);
	context.subscriptions.push(allowedExtensions);
	// The preview reads the hooks' state only: the same lines as the status bar tooltip, and who they belong to.
	const hookStatus: HookStatusSource = {
		statusLines: () => hooks.statusLines(),
		installedAgents: () => hooks.auditHooks(),
		onDidChange: hooks.onDidChange,
	};
	const exposure = new ExposureProvider(index, policy, assistants, hookStatus, mcp);
	context.subscriptions.push(assistants, exposure, ExposurePanel.registerSerializer(context.extensionUri, exposure, log));

	let statusTimer: NodeJS.Timeout | undefined;
	const refreshStatus = (): void => {
		clearTimeout(statusTimer);
		statusTimer = setTimeout(() => {
			const effective = policy.effective;
			const summary = index.summary();
			const editor = vscode.window.activeTextEditor;
			const rel = editor ? index.relPath(editor.document.uri) : undefined;
			const activeLevel = rel ? index.get(rel)?.level : undefined;
			statusBar.update({
				effective,
				summary,
				...(rel && activeLevel ? { active: { name: rel, level: activeLevel } } : {}),
				scanning: index.scanning,
				...(index.lastScan ? { lastScan: index.lastScan } : {}),
				assistants: assistants.statusLines(),
				hooks: hooks.statusLines(),
				...pausedInput(pause),
				mcp: mcp.statusLines(),
			});
			void vscode.commands.executeCommand('setContext', ContextKeys.restricted, summary?.restricted ?? false);
		}, 50);
	};
	context.subscriptions.push({ dispose: () => clearTimeout(statusTimer) });

	context.subscriptions.push(
		policy.onDidChange((effective) => {
			refreshStatus();
			void vscode.commands.executeCommand('setContext', ContextKeys.policyState, effective.state);
		}),
		index.onDidChange(refreshStatus),
		assistants.onDidChange(refreshStatus),
		hooks.onDidChange(refreshStatus),
		pause.onDidChange(refreshStatus),
		mcp.onDidChange(refreshStatus),
		index.onDidChangeScanning((scanning) => {
			refreshStatus();
			void vscode.commands.executeCommand('setContext', ContextKeys.scanning, scanning);
		}),
		vscode.window.onDidChangeActiveTextEditor(refreshStatus),
		registerCommand(log, Commands.showEffectivePolicy, () => effectiveDoc.show()),
		registerCommand(log, Commands.openLog, () => log.show()),
		registerCommand(log, Commands.explainFile, (uri) => explainFile(index, uri instanceof vscode.Uri ? uri : undefined)),
		registerCommand(log, Commands.showExposurePreview, () => void ExposurePanel.show(context.extensionUri, exposure, log)),
		registerCommand(log, Commands.restoreAssistantSettings, () => assistants.restore()),
		registerCommand(log, Commands.installHooks, () => hooks.install()),
		registerCommand(log, Commands.restoreHooks, () => hooks.restore()),
		registerCommand(log, Commands.resumeEnforcement, async () => {
			await pause.resume();
			await hooks.install(); // hooks removed during the pause come back with the rest
		}),
		registerCommand(log, Commands.auditWorkspace, () => audit.runAudit()),
		registerCommand(log, Commands.verifyAuditLog, () => audit.verifyLog()),
		registerCommand(log, Commands.applyAllowedExtensions, () => allowedExtensions.apply()),
		registerCommand(log, Commands.undoAllowedExtensions, () => allowedExtensions.undo()),
		registerCommand(log, Commands.rescanWorkspace, () => index.rescan('requested')),
		registerCommand(log, Commands.cancelScan, () => index.cancelScan()),
	);

	setTimeout(() => void policy.reload('activation'), 0);
	const activationMs = performance.now() - started;
	log.info('activate', `activated in ${activationMs.toFixed(1)} ms (synchronous part)`);
	return {
		activationMs,
		effectivePolicy: () => policy.effective,
		reloadPolicy: () => policy.reload('api'),
		classification: (uri) => {
			const rel = index.relPath(uri);
			return rel === undefined ? undefined : index.get(rel);
		},
		summary: () => index.summary(),
		isScanning: () => index.scanning,
		governance: () => assistants,
		mcp: () => mcp,
		audit: () => audit,
		hooks: { install: () => hooks.install(), restore: () => hooks.restore(), statusLines: () => hooks.statusLines() },
		enforcementPause: () => pause.current(),
		statusBarText: () => statusBar.text,
		allowedExtensions: { apply: (options) => allowedExtensions.apply(options), undo: () => allowedExtensions.undo() },
	};
}

/**
 * What the extension exports to other extensions and tests: read-only views of its decisions. Classifications
 * hold masked previews only, never a secret.
 */
export interface ContextWardenApi {
	/** How long activate() took, synchronously, in milliseconds. */
	readonly activationMs: number;
	effectivePolicy(): EffectivePolicy | undefined;
	reloadPolicy(): Promise<void>;
	classification(uri: vscode.Uri): FileClassification | undefined;
	summary(): WorkspaceSummary | undefined;
	isScanning(): boolean;
	/** The assistant governance service (for tests and the audit). */
	governance(): GovernanceService;
	/** The MCP servers of this window (for tests and the audit). */
	mcp(): McpService;
	/** The audit service (for tests and the hook installer). */
	audit(): AuditService;
	/** Agent hooks: install, restore (exact), one status line per agent. */
	readonly hooks: { install(): Promise<void>; restore(): Promise<void>; statusLines(): string[] };
	/** The pause of enforcement in force in this workspace (overrides.pause), if any. */
	enforcementPause(): PauseState | undefined;
	/** What the status bar item says now. */
	statusBarText(): string;
	/** The opt-in machine-wide lever (`extensions.allowed`): the commands' work, without the modal when `confirmed`. */
	readonly allowedExtensions: { apply(options?: ApplyOptions): Promise<AllowedExtensionsOutcome>; undo(): Promise<AllowedExtensionsOutcome> };
}

export function deactivate(): void {
	// Everything is in context.subscriptions.
}

/** A command handler never throws into VS Code: it logs with a tag and shows one actionable message. */
function registerCommand(log: Logger, id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable {
	return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
		try {
			return await handler(...args);
		} catch (err) {
			log.error('command', `${id} failed`, err);
			const openLog = vscode.l10n.t('Open Log');
			const choice = await vscode.window.showErrorMessage(
				vscode.l10n.t('Context Warden: the command failed. See the log for details.'),
				openLog,
			);
			if (choice === openLog) {
				log.show();
			}
			return undefined;
		}
	});
}

/** The status bar's word for a pause of enforcement, when there is one. */
function pausedInput(pause: EnforcementPause): Pick<StatusInput, 'paused'> {
	const state = pause.current();
	return state ? { paused: { by: state.by, ...(state.until ? { until: new Date(state.until) } : {}) } } : {};
}
