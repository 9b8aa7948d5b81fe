import * as vscode from 'vscode';
import type { ExposureModel } from '../core/exposure/model';
import { buildPreview, type DestinationFacts } from '../core/exposure/preview';
import { Disposable } from '../vscode/disposable';
import type { Logger } from '../vscode/logger';
import { createNonce, shellHtml } from './html';
import {
	type ActionMessage,
	checkAction,
	type HostMessage,
	parseWebviewMessage,
	PROTOCOL_VERSION,
	type RedactedFile,
	type ShownTargets,
	type SnapshotMessage,
	targetsOf,
} from './protocol';
import { buildPreviewView } from './previewView';
import { previewStrings, uiLabels, viewStrings } from './strings';
import { buildExposureView, buildHooksView, type HookStatusInput, type McpSectionView, type UiLabels } from './viewModel';

/** What the panel renders, computed on request. */
export interface ExposureSnapshot {
	model: ExposureModel;
	/** The active file with its findings masked (the core's `redactText`), if a workspace file is active. */
	redacted?: RedactedFile;
	/** Overrides of the panel's own labels, already localised. */
	labels?: Partial<UiLabels>;
	/** The agent hooks' state (the status bar tooltip's lines), when there is a hook service. */
	hooks?: HookStatusInput;
	/** What the policy allows of each assistant's destinations. */
	destinations?: DestinationFacts;
	/** The MCP servers, when there is an MCP service. */
	mcp?: McpSectionView;
}

/** The data and actions behind the exposure preview; the extension implements it over the exposure provider. */
export interface ExposureDataProvider {
	/** The current model and the redacted active file, computed on request; undefined before the policy loads. */
	snapshot(): ExposureSnapshot | undefined;
	/** Fires when editors, tabs, selection, classification, policy or hooks change; the panel re-renders debounced. */
	readonly onDidChange: vscode.Event<void>;
	/** Actions the webview asks for, with a workspace-relative path present in the model it was shown. */
	openFile(path: string): Promise<void>;
	closeTab(path: string): Promise<void>;
	explainFile(path: string): Promise<void>;
	/** With the id of an assistant present in the model. */
	showGovernance(assistantId: string): Promise<void>;
}

const COMPONENT = 'exposurePanel';
/** Delay between a change and the re-render, so a burst of selection events costs one snapshot. */
export const RENDER_DEBOUNCE_MS = 200;

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
	return {
		enableScripts: true,
		enableCommandUris: false,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
	};
}

/**
 * The "Exposure Preview" panel: an estimate of what each AI assistant would send now. One panel per window;
 * the webview is rebuilt when shown again (`retainContextWhenHidden: false`) and keeps its scroll and
 * collapsed state with `setState`, which VS Code also hands back after a restart through the serializer.
 */
export class ExposurePanel extends Disposable implements vscode.Disposable {
	static readonly viewType = 'contextWarden.exposurePreview';
	private static current: ExposurePanel | undefined;

	/** Opens (or reveals) the panel. */
	static show(extensionUri: vscode.Uri, provider: ExposureDataProvider, log: Logger): ExposurePanel {
		const current = ExposurePanel.current;
		if (current) {
			current.panel.reveal(undefined, false);
			return current;
		}
		const panel = vscode.window.createWebviewPanel(
			ExposurePanel.viewType,
			uiLabels().title,
			{ viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
			{ ...webviewOptions(extensionUri), retainContextWhenHidden: false, enableFindWidget: true },
		);
		return new ExposurePanel(panel, extensionUri, provider, log);
	}

	/** Registers the serializer so VS Code restores the panel with the window. */
	static registerSerializer(extensionUri: vscode.Uri, provider: ExposureDataProvider, log: Logger): vscode.Disposable {
		return vscode.window.registerWebviewPanelSerializer(ExposurePanel.viewType, {
			deserializeWebviewPanel: (panel: vscode.WebviewPanel, _state: unknown) => {
				// The webview reads its own state back with getState(); the host needs none of it.
				panel.webview.options = webviewOptions(extensionUri);
				ExposurePanel.current?.dispose();
				new ExposurePanel(panel, extensionUri, provider, log);
				log.debug(COMPONENT, 'restored the exposure preview');
				return Promise.resolve();
			},
		});
	}

	private ready = false;
	private seq = 0;
	private timer: NodeJS.Timeout | undefined;
	private shown: ShownTargets = targetsOf(undefined);

	private constructor(
		private readonly panel: vscode.WebviewPanel,
		private readonly extensionUri: vscode.Uri,
		private readonly provider: ExposureDataProvider,
		private readonly log: Logger,
	) {
		super();
		ExposurePanel.current = this;
		this._register({
			dispose: () => {
				clearTimeout(this.timer);
				if (ExposurePanel.current === this) {
					ExposurePanel.current = undefined;
				}
			},
		});
		this._register(panel.onDidDispose(() => this.dispose()));
		this._register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)));
		this._register(provider.onDidChange(() => this.schedule()));
		this._register(
			panel.onDidChangeViewState(() => {
				// Hidden: the webview's document is destroyed; it says `ready` again when shown.
				if (!panel.visible) {
					this.ready = false;
				}
			}),
		);
		panel.title = uiLabels().title;
		panel.iconPath = new vscode.ThemeIcon('eye');
		panel.webview.html = this.html();
		this._register({ dispose: () => panel.dispose() });
	}

	private html(): string {
		const webview = this.panel.webview;
		const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
		const labels = uiLabels();
		return shellHtml({
			cspSource: webview.cspSource,
			nonce: createNonce(),
			scriptUri: media('exposure.js'),
			styleUri: media('exposure.css'),
			lang: vscode.env.language,
			title: labels.title,
			loading: labels.loading,
		});
	}

	private schedule(): void {
		if (this.isDisposed) {
			return;
		}
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			if (this.ready && this.panel.visible) {
				this.postSnapshot();
			}
		}, RENDER_DEBOUNCE_MS);
	}

	private postSnapshot(replyTo?: number): void {
		let snapshot: ExposureSnapshot | undefined;
		try {
			snapshot = this.provider.snapshot();
		} catch (err) {
			this.log.error(COMPONENT, 'could not compute the exposure snapshot', err);
			snapshot = undefined;
		}
		const labels: UiLabels = { ...uiLabels(), ...(snapshot?.labels ?? {}) };
		const message: SnapshotMessage = {
			type: 'snapshot',
			version: PROTOCOL_VERSION,
			seq: ++this.seq,
			...(replyTo !== undefined ? { replyTo } : {}),
			labels,
		};
		if (snapshot) {
			try {
				const strings = viewStrings();
				const view = buildExposureView(snapshot.model, strings);
				const names = new Map(snapshot.model.assistants.map((a) => [a.id, a.name]));
				view.preview = buildPreviewView(buildPreview(snapshot.model, snapshot.destinations, (a, d) => vscode.l10n.t('{0}: {1}', a, d.join(vscode.l10n.t('; ')))), names, snapshot.model.assistants.length, strings, previewStrings());
				message.view = view;
			} catch (err) {
				this.log.error(COMPONENT, 'could not build the exposure view', err);
			}
			if (snapshot.redacted) {
				message.redacted = snapshot.redacted;
			}
			if (snapshot.hooks) {
				message.hooks = buildHooksView(snapshot.hooks);
			}
			if (snapshot.mcp) {
				message.mcp = snapshot.mcp;
			}
		}
		this.shown = targetsOf(message.view ? snapshot?.model : undefined, message.redacted?.path);
		this.post(message);
	}

	private post(message: HostMessage): void {
		this.panel.webview.postMessage(message).then(
			(delivered) => {
				if (!delivered) {
					this.log.debug(COMPONENT, `${message.type} not delivered (the webview is hidden or gone)`);
				}
			},
			(err: unknown) => this.log.error(COMPONENT, `could not post ${message.type}`, err),
		);
	}

	private async onMessage(raw: unknown): Promise<void> {
		const parsed = parseWebviewMessage(raw);
		if (!parsed.ok) {
			this.log.warn(COMPONENT, `ignored a message from the webview: ${parsed.reason}`);
			return;
		}
		const message = parsed.message;
		if (message.type === 'ready') {
			this.ready = true;
			clearTimeout(this.timer);
			this.postSnapshot(message.requestId);
			return;
		}
		const check = checkAction(message, this.shown);
		if (!check.ok) {
			this.log.warn(COMPONENT, `ignored a message from the webview: ${check.reason}`);
			this.post({ type: 'actionResult', replyTo: message.requestId, ok: false, message: uiLabels().actionFailed });
			return;
		}
		try {
			await this.run(message);
			this.post({ type: 'actionResult', replyTo: message.requestId, ok: true });
		} catch (err) {
			this.log.error(COMPONENT, `${message.type} failed`, err);
			this.post({ type: 'actionResult', replyTo: message.requestId, ok: false, message: uiLabels().actionFailed });
		}
	}

	private run(message: ActionMessage): Promise<void> {
		switch (message.type) {
			case 'openFile':
				return this.provider.openFile(message.path);
			case 'closeTab':
				return this.provider.closeTab(message.path);
			case 'explainFile':
				return this.provider.explainFile(message.path);
			case 'showGovernance':
				return this.provider.showGovernance(message.assistantId);
		}
	}
}
