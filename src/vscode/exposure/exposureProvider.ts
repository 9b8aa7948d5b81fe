import * as vscode from 'vscode';
import { minimatch } from 'minimatch';
import { type AssistantView, computeExposure, type EditorState, type ExposureModel } from '../../core/exposure/model';
import type { DestinationFacts } from '../../core/exposure/preview';
import { PlaceholderSession } from '../../core/redact/placeholders';
import { redactToolOutput } from '../../core/redact/toolOutput';
import type { HookStatusInput, McpSectionView } from '../../webview/viewModel';
import { destinationRegionText, localizedAssistant } from '../assistants/catalogueText';
import { Disposable } from '../disposable';
import { explainFile } from '../classify/explainFile';
import type { PolicyService } from '../policy/policyService';
import type { WorkspaceIndex } from '../classify/workspaceIndex';

/** The largest active file the redacted view shows in full. */
const REDACT_MAX_CHARS = 200_000;

/** Supplies the assistants present and their controls; the governance service implements it. */
export interface AssistantSource {
	views(): AssistantView[];
	/** Instruction-file globs of every catalogued assistant, to find those present in the workspace. */
	instructionGlobs(): readonly string[];
	readonly onDidChange: vscode.Event<void>;
	/** Shows the assistant's decision, levers and coverage. */
	showGovernance?(assistantId: string): Promise<void>;
	/** Per assistant id: its destinations in words and whether the policy allows each (the preview splits them). */
	destinationFacts?(): DestinationFacts;
	/** Workspace paths of files Context Warden created whole (ignore files): the preview leaves them out. */
	generatedFiles?(): readonly string[];
}

/**
 * A read-only view of the agent hooks, as the status bar tooltip shows them. The extension builds it over the hook
 * service; the preview only reads.
 */
export interface HookStatusSource {
	/** One line per agent whose hook is installed (`<agent name>: <state>`), or one saying why none is. */
	statusLines(): string[];
	/** The agents whose hook is installed: id, the file that holds the hook, and their lines of `statusLines()`. */
	installedAgents(): readonly { agent: string; config?: string; notes?: readonly string[] }[];
	/** Fires when what `statusLines()` says changes. */
	readonly onDidChange: vscode.Event<void>;
}

/** The MCP servers as the preview shows them; the MCP service implements it. */
export interface McpPreviewSource {
	previewSection(): McpSectionView;
	readonly onDidChange: vscode.Event<void>;
}

export interface ExposureSnapshot {
	model: ExposureModel;
	/** What the policy allows of each assistant's destinations. */
	destinations?: DestinationFacts;
	redacted?: { path: string; text: string; truncated: boolean };
	hooks?: HookStatusInput;
	mcp?: McpSectionView;
}

/**
 * Gathers what the editor shows (active editor, selection, open tabs), the classification and each assistant's
 * controls, and asks the core what would be sent. The exposure panel renders its snapshots.
 */
export class ExposureProvider extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	private lastActive: vscode.TextEditor | undefined;
	readonly onDidChange = this._onDidChange.event;

	constructor(
		private readonly index: WorkspaceIndex,
		private readonly policy: PolicyService,
		private readonly assistants: AssistantSource,
		private readonly hooks?: HookStatusSource,
		private readonly mcp?: McpPreviewSource,
	) {
		super();
		const fire = () => this._onDidChange.fire();
		this.lastActive = vscode.window.activeTextEditor;
		this._register(
			vscode.window.onDidChangeActiveTextEditor((editor) => {
				// Focus on the preview itself leaves no active editor: keep the last one while its tab is open.
				if (editor) {
					this.lastActive = editor;
				}
				fire();
			}),
		);
		this._register(vscode.window.onDidChangeVisibleTextEditors(fire));
		this._register(vscode.window.onDidChangeTextEditorSelection(fire));
		this._register(vscode.window.tabGroups.onDidChangeTabs(fire));
		this._register(index.onDidChange(fire));
		this._register(policy.onDidChange(fire));
		this._register(assistants.onDidChange(fire));
		if (hooks) {
			this._register(hooks.onDidChange(fire));
		}
		if (mcp) {
			this._register(mcp.onDidChange(fire));
		}
	}

	/** The active text editor, or the last one while its document is still open in a tab (focus on the preview). */
	private activeEditor(): vscode.TextEditor | undefined {
		const active = vscode.window.activeTextEditor;
		if (active) {
			this.lastActive = active;
			return active;
		}
		const last = this.lastActive;
		if (!last || last.document.isClosed) {
			return undefined;
		}
		const uri = last.document.uri.toString();
		const open = vscode.window.tabGroups.all.some((g) =>
			g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
		);
		return open ? last : undefined;
	}

	snapshot(): ExposureSnapshot | undefined {
		const effective = this.policy.effective;
		if (!effective) {
			return undefined;
		}
		const generated = new Set(this.assistants.generatedFiles?.() ?? []);
		const editor = this.editorState(generated);
		const files = this.index.all();
		for (const g of generated) {
			files.delete(g);
		}
		const globs = this.assistants.instructionGlobs();
		const instructionFilesPresent = [...files.values()]
			.filter((f) => globs.some((g) => matchGlob(f.path, g)))
			.map((f) => ({ path: f.path, size: f.size ?? 0 }));
		const model = computeExposure({
			editor,
			files,
			sensitiveLevel: effective.policy.workspace.sensitiveLevel,
			assistants: this.assistants.views().map(localizedAssistant),
			instructionFilesPresent,
			matchGlob,
			now: new Date(),
		});
		const hooks = this.hookStatus();
		const facts = this.assistants.destinationFacts?.();
		// Regions in the display language, as the assistants' own names already are.
		const destinations = facts
			? Object.fromEntries(Object.entries(facts).map(([id, ds]) => [id, (ds ?? []).map((d) => ({ ...d, name: destinationRegionText(d.name) }))]))
			: undefined;
		return { model, ...this.redactedActive(), ...(hooks ? { hooks } : {}), ...(destinations ? { destinations } : {}), ...(this.mcp ? { mcp: this.mcp.previewSection() } : {}) };
	}

	/** The hooks' state, read afresh (a heartbeat moves it on without an event); none if it cannot be read. */
	private hookStatus(): HookStatusInput | undefined {
		if (!this.hooks) {
			return undefined;
		}
		try {
			return { lines: this.hooks.statusLines(), agents: this.hooks.installedAgents() };
		} catch {
			// The preview shows the rest; the status bar tooltip and the log say what the hooks are doing.
			return undefined;
		}
	}

	private editorState(generated: ReadonlySet<string>): EditorState {
		const active = this.activeEditor();
		const rel = active ? this.index.relPath(active.document.uri) : undefined;
		const activeRel = rel !== undefined && !generated.has(rel) ? rel : undefined;
		const state: EditorState = { openTabs: [] };
		if (active && activeRel) {
			const doc = active.document;
			const sel = active.selection;
			state.active = {
				path: activeRel,
				size: Buffer.byteLength(doc.getText()),
				...(sel.isEmpty
					? {}
					: { selection: { startLine: sel.start.line + 1, endLine: sel.end.line + 1, size: Buffer.byteLength(doc.getText(sel)) } }),
			};
		}
		const seen = new Set<string>(activeRel ? [activeRel] : []);
		for (const group of vscode.window.tabGroups.all) {
			for (const tab of group.tabs) {
				const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
				const rel = uri ? this.index.relPath(uri) : undefined;
				if (!uri || !rel || seen.has(rel) || generated.has(rel)) {
					continue;
				}
				seen.add(rel);
				const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
				state.openTabs.push({ path: rel, size: doc ? Buffer.byteLength(doc.getText()) : (this.index.get(rel)?.size ?? 0) });
			}
		}
		return state;
	}

	private redactedActive(): Pick<ExposureSnapshot, 'redacted'> {
		const active = this.activeEditor();
		const rel = active ? this.index.relPath(active.document.uri) : undefined;
		if (!active || !rel) {
			return {};
		}
		const source = this.index.findingSource();
		const effective = this.policy.effective;
		if (!source || !effective) {
			return {};
		}
		// The hook's own redaction (a fresh session, as an agent's first read gets), on the whole text: what a
		// Claude Code read of this file returns when its level is `redact`. Only then is the view shortened.
		const full = active.document.getText();
		const r = redactToolOutput(full, {
			source,
			session: new PlaceholderSession(),
			threshold: effective.policy.workspace.sensitiveLevel,
			...(effective.policy.workspace.agentReads ? { agentReads: effective.policy.workspace.agentReads } : {}),
		});
		const redacted = r.kind === 'unchanged' ? full : String(r.output);
		const truncated = redacted.length > REDACT_MAX_CHARS;
		return { redacted: { path: rel, text: truncated ? redacted.slice(0, REDACT_MAX_CHARS) : redacted, truncated } };
	}

	async openFile(rel: string): Promise<void> {
		const uri = this.index.uriOf(rel);
		if (uri) {
			await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
		}
	}

	async explainFile(rel: string): Promise<void> {
		const uri = this.index.uriOf(rel);
		if (uri) {
			await explainFile(this.index, uri);
		}
	}

	/** The assistant's governance: the governance service's view when there is one, else the Extensions view. */
	async showGovernance(assistantId: string): Promise<void> {
		if (this.assistants.showGovernance) {
			await this.assistants.showGovernance(assistantId);
			return;
		}
		await vscode.commands.executeCommand('workbench.extensions.search', `@installed ${assistantId}`);
	}

	/** Closes every tab of a path, from the preview. */
	async closeTab(rel: string): Promise<void> {
		for (const group of vscode.window.tabGroups.all) {
			for (const tab of group.tabs) {
				if (tab.input instanceof vscode.TabInputText && this.index.relPath(tab.input.uri) === rel) {
					await vscode.window.tabGroups.close(tab);
				}
			}
		}
	}
}

function matchGlob(path: string, glob: string): boolean {
	return minimatch(path, glob, { dot: true, nocase: true, matchBase: !glob.includes('/') });
}
