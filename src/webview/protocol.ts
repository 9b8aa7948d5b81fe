/**
 * The typed messages between the exposure panel (host) and its webview, and their validation.
 * No `vscode` import: the validator is pure and unit-tested in plain Node.
 *
 * Webview → host messages are untrusted input: they are parsed structurally (unknown or malformed messages are
 * rejected) and every path or assistant id they name must be one the model the webview was shown contains.
 */
import type { ExposureModel } from '../core/exposure/model';
import type { ExposureView, HooksView, McpSectionView, UiLabels } from './viewModel';

/** Bumped when a message shape changes incompatibly; the webview ignores snapshots of another version. */
export const PROTOCOL_VERSION = 1;

// ---- webview → host ------------------------------------------------------------------------------------------

/** The webview has loaded and wants a snapshot; the host replies with `snapshot` carrying `replyTo`. */
export interface ReadyMessage {
	type: 'ready';
	requestId: number;
}

export interface OpenFileMessage {
	type: 'openFile';
	requestId: number;
	path: string;
}

export interface CloseTabMessage {
	type: 'closeTab';
	requestId: number;
	path: string;
}

export interface ExplainFileMessage {
	type: 'explainFile';
	requestId: number;
	path: string;
}

export interface ShowGovernanceMessage {
	type: 'showGovernance';
	requestId: number;
	assistantId: string;
}

export type WebviewMessage = ReadyMessage | OpenFileMessage | CloseTabMessage | ExplainFileMessage | ShowGovernanceMessage;
export type WebviewMessageType = WebviewMessage['type'];
export type ActionMessage = Exclude<WebviewMessage, ReadyMessage>;

// ---- host → webview ------------------------------------------------------------------------------------------

/** The redacted active file: findings masked by the core, inserted as text by the webview. */
export interface RedactedFile {
	path: string;
	text: string;
	truncated: boolean;
}

/** The current exposure, as display data, with every string the webview shows already localised. */
export interface SnapshotMessage {
	type: 'snapshot';
	version: typeof PROTOCOL_VERSION;
	/** Increases with every snapshot the panel posts. */
	seq: number;
	/** The `requestId` of the `ready` this answers, if any. */
	replyTo?: number;
	labels: UiLabels;
	/** Undefined while there is no model yet (no policy loaded): the webview shows `labels.noData`. */
	view?: ExposureView;
	redacted?: RedactedFile;
	/** The agent hooks' state, as the status bar tooltip gives it; absent when there is no hook service. */
	hooks?: HooksView;
	/** The MCP servers; absent when there is no MCP service. */
	mcp?: McpSectionView;
}

/** The outcome of an action the webview asked for. */
export interface ActionResultMessage {
	type: 'actionResult';
	replyTo: number;
	ok: boolean;
	/** A localised sentence to announce when `ok` is false. */
	message?: string;
}

export type HostMessage = SnapshotMessage | ActionResultMessage;

// ---- validation ----------------------------------------------------------------------------------------------

/** Longest path or id the host accepts from the webview; anything longer is malformed. */
const MAX_STRING = 4096;

export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRequestId(v: unknown): v is number {
	return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isShortString(v: unknown): v is string {
	return typeof v === 'string' && v.length > 0 && v.length <= MAX_STRING && !v.includes('\0');
}

/**
 * Parses a message posted by the webview. Rejects anything that is not exactly one of the known shapes:
 * unknown types, missing or mistyped fields, extra fields.
 */
export function parseWebviewMessage(raw: unknown): ParseResult {
	if (!isRecord(raw)) {
		return { ok: false, reason: 'not an object' };
	}
	const { type } = raw;
	if (typeof type !== 'string') {
		return { ok: false, reason: 'no type' };
	}
	if (!isRequestId(raw.requestId)) {
		return { ok: false, reason: `${safeType(type)}: bad requestId` };
	}
	const requestId = raw.requestId;
	const keys = Object.keys(raw);
	const exactly = (...expected: string[]): boolean =>
		keys.length === expected.length && expected.every((k) => Object.prototype.hasOwnProperty.call(raw, k));
	switch (type) {
		case 'ready':
			return exactly('type', 'requestId') ? { ok: true, message: { type, requestId } } : { ok: false, reason: 'ready: unexpected fields' };
		case 'openFile':
		case 'closeTab':
		case 'explainFile': {
			if (!exactly('type', 'requestId', 'path')) {
				return { ok: false, reason: `${type}: unexpected fields` };
			}
			const { path } = raw;
			return isShortString(path) ? { ok: true, message: { type, requestId, path } } : { ok: false, reason: `${type}: bad path` };
		}
		case 'showGovernance': {
			if (!exactly('type', 'requestId', 'assistantId')) {
				return { ok: false, reason: 'showGovernance: unexpected fields' };
			}
			const { assistantId } = raw;
			return isShortString(assistantId)
				? { ok: true, message: { type, requestId, assistantId } }
				: { ok: false, reason: 'showGovernance: bad assistantId' };
		}
		default:
			return { ok: false, reason: `unknown type ${safeType(type)}` };
	}
}

/** A message type fit for the log: short, printable. */
function safeType(type: string): string {
	return JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type);
}

/** What the webview was shown: the paths and assistants an action may name. */
export interface ShownTargets {
	/** Every path on any surface of any assistant (and the redacted file). */
	paths: ReadonlySet<string>;
	/** Paths on an open-tabs surface: the only ones `closeTab` may name. */
	openTabs: ReadonlySet<string>;
	/** Ids of the assistants present (not the "Any assistant" simulation). */
	assistantIds: ReadonlySet<string>;
}

/** Collects the targets an action may name from the model the webview is shown. */
export function targetsOf(model: ExposureModel | undefined, redactedPath?: string): ShownTargets {
	const paths = new Set<string>();
	const openTabs = new Set<string>();
	const assistantIds = new Set<string>();
	if (model) {
		for (const a of [...model.assistants, model.any]) {
			for (const s of a.surfaces) {
				for (const i of s.items) {
					paths.add(i.path);
					if (s.surface === 'openTabs') {
						openTabs.add(i.path);
					}
				}
			}
		}
		for (const a of model.assistants) {
			assistantIds.add(a.id);
		}
	}
	if (redactedPath !== undefined) {
		paths.add(redactedPath);
	}
	return { paths, openTabs, assistantIds };
}

export type CheckResult = { ok: true } | { ok: false; reason: string };

/** Checks that an action names only what the webview was shown: a path in the model, a tab open, an assistant present. */
export function checkAction(message: ActionMessage, shown: ShownTargets): CheckResult {
	switch (message.type) {
		case 'openFile':
		case 'explainFile':
			return shown.paths.has(message.path) ? { ok: true } : { ok: false, reason: `${message.type}: path not in the model` };
		case 'closeTab':
			return shown.openTabs.has(message.path) ? { ok: true } : { ok: false, reason: 'closeTab: path not an open tab in the model' };
		case 'showGovernance':
			return shown.assistantIds.has(message.assistantId)
				? { ok: true }
				: { ok: false, reason: 'showGovernance: assistant not in the model' };
	}
}
