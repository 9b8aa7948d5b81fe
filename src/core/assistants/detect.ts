/**
 * Detection: which installed extensions are catalogue assistants, and which others look like AI assistants.
 *
 * The heuristics read only the manifest (`packageJSON`). A strong signal is a chat/language-model contribution or
 * activation event; a weak signal is an AI term in the display name, description or keywords. An unknown extension
 * is reported when it has a strong signal, or an AI term plus any other sign of being an assistant. Themes, icon
 * themes, language packs, built-in extensions and Context Warden itself are never reported.
 */
import { CATALOGUE, findByExtensionId } from './catalogue';
import type { DetectedAssistant } from './types';

/** The subset of `vscode.Extension` detection reads. */
export interface InstalledExtension {
	id: string;
	isActive?: boolean;
	/** The manifest; VS Code adds `isBuiltin` to it for extensions that ship with the editor. */
	packageJSON: unknown;
	/** Set by the adapter for extensions that ship with the editor (overrides `packageJSON.isBuiltin`). */
	isBuiltin?: boolean;
}

export interface UnrecognisedExtension {
	id: string;
	/** Why it looks like an AI assistant, e.g. `contributes.chatParticipants`, `displayName mentions "GPT"`. */
	evidence: string[];
}

export interface DetectionResult {
	known: DetectedAssistant[];
	unrecognised: UnrecognisedExtension[];
}

export interface DetectOptions {
	/** Include catalogue entries that are part of the editor (VS Code's own chat). Default true. */
	includeEditorBuiltins?: boolean;
	/** Extension ids never reported as unrecognised (lower-cased compare), in addition to Context Warden. */
	ignore?: readonly string[];
}

/** Context Warden's own extension id. */
export const SELF_EXTENSION_ID = 'context-warden.context-warden';

const STRONG_CONTRIBUTIONS = ['chatParticipants', 'languageModelTools', 'languageModelChatProviders', 'languageModels', 'mcpServerDefinitionProviders'];
const STRONG_ACTIVATION = ['onChatParticipant:', 'onLanguageModelTool:', 'onLanguageModelChatProvider:', 'onMcpServerDefinitionProvider:'];
const AI_API_PROPOSALS = ['chatParticipant', 'chatProvider', 'languageModel', 'inlineCompletionsAdditions', 'aiRelatedInformation', 'defaultChatParticipant'];

/** AI terms, matched as whole words (case-insensitive unless noted). */
const AI_TERMS: { term: string; re: RegExp }[] = [
	{ term: 'AI', re: /(?<![A-Za-z])AI(?![A-Za-z])/ }, // upper-case only: "ai" inside words is not a signal
	{ term: 'LLM', re: /\bLLMs?\b/i },
	{ term: 'GPT', re: /\b(?:chat)?GPT(?:-?\d[\w.]*)?\b/i },
	{ term: 'Claude', re: /\bclaude\b/i },
	{ term: 'copilot', re: /\bcopilot\b/i },
	{ term: 'Gemini', re: /\bgemini\b/i },
	{ term: 'OpenAI', re: /\bopenai\b/i },
	{ term: 'Anthropic', re: /\banthropic\b/i },
	{ term: 'Ollama', re: /\bollama\b/i },
	{ term: 'DeepSeek', re: /\bdeepseek\b/i },
	{ term: 'Qwen', re: /\bqwen\b/i },
	{ term: 'Mistral', re: /\bmistral\b/i },
	{ term: 'language model', re: /\blanguage models?\b/i },
	{ term: 'machine learning', re: /\bmachine learning\b/i },
	{ term: 'artificial intelligence', re: /\bartificial intelligence\b/i },
	{ term: 'AI-powered', re: /\bai-(?:powered|assisted|driven|native)\b/i },
	{ term: '大模型', re: /大模型|大语言模型/ },
	{ term: '人工智能', re: /人工智能/ },
	{ term: '智能编程', re: /智能(?:编程|编码|代码|助手|补全)|代码助手|编程助手/ },
];

/** Further signs that, together with an AI term, make an assistant. */
const ASSISTANT_TERMS: { term: string; re: RegExp }[] = [
	{ term: 'assistant', re: /\bassistants?\b/i },
	{ term: 'chat', re: /\bchat\b/i },
	{ term: 'agent', re: /\bagents?\b|\bagentic\b/i },
	{ term: 'code completion', re: /\b(?:code )?completions?\b|\bautocomplete\b/i },
	{ term: 'code generation', re: /\bcode generation\b|\bgenerat(?:e|es|ing) code\b/i },
	{ term: 'pair programmer', re: /\bpair[- ]programm(?:er|ing)\b/i },
	{ term: '助手', re: /助手|对话|补全|生成/ },
];

/** Contributions that alone make an extension a theme, icon set or language pack. */
const PASSIVE_CONTRIBUTIONS = new Set(['themes', 'iconThemes', 'productIconThemes', 'localizations', 'snippets', 'grammars', 'languages', 'icons']);
const PASSIVE_CATEGORIES = new Set(['themes', 'language packs']);

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function strings(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/**
 * Sorts installed extensions into catalogue assistants and unrecognised AI-looking extensions.
 * Matching on ids is case-insensitive; built-in extensions are only ever matched against the catalogue.
 */
export function matchInstalled(extensions: readonly InstalledExtension[], options: DetectOptions = {}): DetectionResult {
	const known: DetectedAssistant[] = [];
	const unrecognised: UnrecognisedExtension[] = [];
	const ignore = new Set([SELF_EXTENSION_ID, ...(options.ignore ?? [])].map((x) => x.toLowerCase()));
	const seen = new Set<string>();
	if (options.includeEditorBuiltins ?? true) {
		for (const entry of CATALOGUE) {
			if (entry.host === 'editor') {
				known.push({ entry });
			}
		}
	}
	for (const ext of extensions) {
		const lower = ext.id.toLowerCase();
		if (seen.has(lower)) {
			continue;
		}
		seen.add(lower);
		const manifest = isRecord(ext.packageJSON) ? ext.packageJSON : {};
		const entry = findByExtensionId(lower);
		if (entry) {
			const version = typeof manifest.version === 'string' ? manifest.version : undefined;
			known.push({
				entry,
				extensionId: ext.id,
				...(ext.isActive !== undefined ? { isActive: ext.isActive } : {}),
				...(version ? { version } : {}),
			});
			continue;
		}
		const builtin = ext.isBuiltin ?? manifest.isBuiltin === true;
		if (builtin || ignore.has(lower)) {
			continue;
		}
		const evidence = aiEvidence(manifest);
		if (evidence) {
			unrecognised.push({ id: ext.id, evidence });
		}
	}
	return { known, unrecognised };
}

/**
 * Why a manifest looks like an AI assistant, or undefined when it does not.
 * Exported for tests and for the audit, which shows the evidence.
 */
export function aiEvidence(manifest: Record<string, unknown>): string[] | undefined {
	const strong: string[] = [];
	const contributes = isRecord(manifest.contributes) ? manifest.contributes : {};
	for (const key of STRONG_CONTRIBUTIONS) {
		const v = contributes[key];
		if (v !== undefined && !(Array.isArray(v) && v.length === 0)) {
			strong.push(`contributes.${key}`);
		}
	}
	for (const ev of strings(manifest.activationEvents)) {
		const prefix = STRONG_ACTIVATION.find((p) => ev.startsWith(p));
		if (prefix && !strong.includes(`activationEvents ${prefix}`)) {
			strong.push(`activationEvents ${prefix}`);
		}
	}
	for (const p of strings(manifest.enabledApiProposals)) {
		const name = p.split('@')[0] ?? p;
		if (AI_API_PROPOSALS.includes(name)) {
			strong.push(`enabledApiProposals ${name}`);
		}
	}
	if (strong.length > 0) {
		return strong;
	}
	if (isPassive(manifest, contributes)) {
		return undefined;
	}
	const fields: [string, string[]][] = [
		['displayName', strings(manifest.displayName)],
		['description', strings(manifest.description)],
		['keywords', strings(manifest.keywords)],
		['name', strings(manifest.name)],
	];
	const aiHits: string[] = [];
	let assistantHit: string | undefined;
	for (const [field, values] of fields) {
		const text = values.join(' \u2022 ');
		if (!text) {
			continue;
		}
		for (const { term, re } of AI_TERMS) {
			if (re.test(text) && !aiHits.some((h) => h.endsWith(`"${term}"`))) {
				aiHits.push(`${field} mentions "${term}"`);
			}
		}
		for (const { term, re } of ASSISTANT_TERMS) {
			if (!assistantHit && re.test(text)) {
				assistantHit = `${field} mentions "${term}"`;
			}
		}
	}
	const categories = strings(manifest.categories).map((c) => c.toLowerCase());
	const aiCategory = categories.some((c) => c === 'ai' || c === 'chat' || c === 'machine learning');
	if (aiHits.length >= 2 || (aiHits.length >= 1 && (assistantHit || aiCategory))) {
		return [...aiHits, ...(assistantHit ? [assistantHit] : []), ...(aiCategory ? ['categories include AI/Chat'] : [])];
	}
	return undefined;
}

/** A theme, icon theme, language pack or grammar-only extension: never an assistant. */
function isPassive(manifest: Record<string, unknown>, contributes: Record<string, unknown>): boolean {
	if (typeof manifest.main !== 'string' && typeof manifest.browser !== 'string') {
		return true; // no code: it cannot send anything anywhere
	}
	const categories = strings(manifest.categories).map((c) => c.toLowerCase());
	const keys = Object.keys(contributes);
	if (categories.length > 0 && categories.every((c) => PASSIVE_CATEGORIES.has(c))) {
		return true;
	}
	return keys.length > 0 && keys.every((k) => PASSIVE_CONTRIBUTIONS.has(k));
}
