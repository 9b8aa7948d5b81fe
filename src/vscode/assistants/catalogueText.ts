/**
 * The assistant catalogue's display text in the display language: assistant names and where their context goes,
 * as the Exposure Preview, the status bar tooltip and the Why modal show them, and the levers' prose (conditions,
 * weaknesses, how a permission file restricts, what to do where there is no lever), as the coverage sentences say it.
 * The catalogue (src/core) stays English for logs and reports; this maps each English text to a literal
 * `vscode.l10n.t` call, so `npm run l10n` extracts it. Brand, product and file names stay as they are; text not
 * listed here (an unrecognised extension's name) is shown as it is. A unit test fails when a catalogue name,
 * destination, jurisdiction or lever text has no entry.
 */
import * as vscode from 'vscode';
import type { AssistantView } from '../../core/exposure/model';
import { getEntry } from '../../core/assistants/catalogue';
import type { DecisionPlace } from '../../core/assistants/decide';
import type { Jurisdiction } from '../../core/assistants/types';

/** Catalogue assistant names → display text. */
export function catalogueNames(): Record<string, () => string> {
	return {
		"The editor's built-in AI (chat, agent mode, inline suggestions)": () => vscode.l10n.t("The editor's built-in AI (chat, agent mode, inline suggestions)"),
		'GitHub Copilot Chat (completions, next edit suggestions, chat, agent)': () => vscode.l10n.t('GitHub Copilot Chat (completions, next edit suggestions, chat, agent)'),
		'GitHub Copilot (legacy completions extension)': () => vscode.l10n.t('GitHub Copilot (legacy completions extension)'),
		'Claude Code': () => 'Claude Code',
		'OpenAI Codex': () => 'OpenAI Codex',
		Continue: () => 'Continue',
		Cline: () => 'Cline',
		'Roo Code': () => 'Roo Code',
		'Kilo Code': () => 'Kilo Code',
		'Gemini Code Assist': () => 'Gemini Code Assist',
		'Gemini CLI companion': () => vscode.l10n.t('Gemini CLI companion'),
		'Amazon Q Developer': () => 'Amazon Q Developer',
		'Sourcegraph Cody': () => 'Sourcegraph Cody',
		Tabnine: () => 'Tabnine',
		'Windsurf plugin (formerly Codeium)': () => vscode.l10n.t('Windsurf plugin (formerly Codeium)'),
		'Augment Code': () => 'Augment Code',
		Supermaven: () => 'Supermaven',
		'Qodo (formerly CodiumAI)': () => vscode.l10n.t('Qodo (formerly CodiumAI)'),
		'BLACKBOX AI': () => 'BLACKBOX AI',
		'Tongyi Lingma (通义灵码)': () => vscode.l10n.t('Tongyi Lingma (通义灵码)'),
		CodeGeeX: () => 'CodeGeeX',
		'Baidu Comate (文心快码)': () => vscode.l10n.t('Baidu Comate (文心快码)'),
		'MarsCode / Trae plugin': () => vscode.l10n.t('MarsCode / Trae plugin'),
		'Tencent Cloud CodeBuddy (腾讯云AI代码助手)': () => vscode.l10n.t('Tencent Cloud CodeBuddy (腾讯云AI代码助手)'),
		'Cursor (VS Code fork)': () => vscode.l10n.t('Cursor (VS Code fork)'),
		'Windsurf (VS Code fork)': () => vscode.l10n.t('Windsurf (VS Code fork)'),
	};
}

/** A catalogue assistant's name in the display language; a name that is not in the catalogue is shown as it is. */
export function assistantNameText(name: string): string {
	return shown(catalogueNames(), name);
}

/** Catalogue destination regions → display text. */
export function catalogueDestinations(): Record<string, () => string> {
	return {
		'GitHub Copilot service (GitHub/Microsoft cloud; models from several providers routed by GitHub)': () =>
			vscode.l10n.t('GitHub Copilot service (GitHub/Microsoft cloud; models from several providers routed by GitHub)'),
		'language models the user adds to VS Code chat (bring your own key, local models)': () =>
			vscode.l10n.t('language models the user adds to VS Code chat (bring your own key, local models)'),
		'Anthropic API': () => 'Anthropic API',
		'Amazon Bedrock, Google Vertex AI, Microsoft Foundry or a gateway, when configured': () =>
			vscode.l10n.t('Amazon Bedrock, Google Vertex AI, Microsoft Foundry or a gateway, when configured'),
		'OpenAI (ChatGPT account or API key)': () => vscode.l10n.t('OpenAI (ChatGPT account or API key)'),
		'configured model_providers (e.g. Azure OpenAI)': () => vscode.l10n.t('configured model_providers (e.g. Azure OpenAI)'),
		'the model providers the user configures (cloud APIs or local, e.g. Ollama); optional remote config server': () =>
			vscode.l10n.t('the model providers the user configures (cloud APIs or local, e.g. Ollama); optional remote config server'),
		'the provider the user selects (Anthropic, OpenAI, Bedrock, Vertex, OpenRouter, local, Cline provider)': () =>
			vscode.l10n.t('the provider the user selects (Anthropic, OpenAI, Bedrock, Vertex, OpenRouter, local, Cline provider)'),
		'the provider the user selects (bring your own key) or Roo Code Cloud': () => vscode.l10n.t('the provider the user selects (bring your own key) or Roo Code Cloud'),
		'the provider the user selects, or the Kilo gateway': () => vscode.l10n.t('the provider the user selects, or the Kilo gateway'),
		'Google Cloud (Gemini), GCP project chosen by the user': () => vscode.l10n.t('Google Cloud (Gemini), GCP project chosen by the user'),
		'Gemini CLI sends to Google (the companion is a local bridge)': () => vscode.l10n.t('Gemini CLI sends to Google (the companion is a local bridge)'),
		'AWS (Builder ID / IAM Identity Center)': () => 'AWS (Builder ID / IAM Identity Center)',
		'sourcegraph.com': () => 'sourcegraph.com',
		'a self-hosted Sourcegraph Enterprise instance (cody.serverEndpoint)': () => vscode.l10n.t('a self-hosted Sourcegraph Enterprise instance (cody.serverEndpoint)'),
		'Tabnine SaaS': () => 'Tabnine SaaS',
		'a private Tabnine installation (tabnine.cloudHost)': () => vscode.l10n.t('a private Tabnine installation (tabnine.cloudHost)'),
		'Windsurf (Cognition) cloud': () => vscode.l10n.t('Windsurf (Cognition) cloud'),
		'Augment cloud (the workspace is uploaded for indexing)': () => vscode.l10n.t('Augment cloud (the workspace is uploaded for indexing)'),
		'Supermaven cloud': () => vscode.l10n.t('Supermaven cloud'),
		'Qodo cloud': () => vscode.l10n.t('Qodo cloud'),
		'BLACKBOX AI cloud': () => vscode.l10n.t('BLACKBOX AI cloud'),
		'Alibaba Cloud; the vendor says source code is not stored': () => vscode.l10n.t('Alibaba Cloud; the vendor says source code is not stored'),
		'Zhipu AI cloud': () => vscode.l10n.t('Zhipu AI cloud'),
		'Baidu cloud': () => vscode.l10n.t('Baidu cloud'),
		'enterprise private deployment': () => vscode.l10n.t('enterprise private deployment'),
		'ByteDance cloud': () => vscode.l10n.t('ByteDance cloud'),
		'Tencent Cloud (Hunyuan / DeepSeek / GLM models)': () => vscode.l10n.t('Tencent Cloud (Hunyuan / DeepSeek / GLM models)'),
		'Cursor cloud': () => vscode.l10n.t('Cursor cloud'),
	};
}

/** A destination's region in the display language; a region that is not in the catalogue is shown as it is. */
export function destinationRegionText(region: string): string {
	return shown(catalogueDestinations(), region);
}

/**
 * A refused destination as a decision lists it, `region (id, jurisdiction)`, by jurisdiction: each key is the English
 * the core writes (`placesText`), so an English editor shows exactly that. `{0}` is the region, `{1}` the id.
 */
export function catalogueJurisdictions(): Record<Jurisdiction, (region: string, id: string) => string> {
	return {
		us: (region, id) => vscode.l10n.t('{0} ({1}, us)', region, id),
		eu: (region, id) => vscode.l10n.t('{0} ({1}, eu)', region, id),
		'cn-mainland': (region, id) => vscode.l10n.t('{0} ({1}, cn-mainland)', region, id),
		global: (region, id) => vscode.l10n.t('{0} ({1}, global)', region, id),
		'self-hosted': (region, id) => vscode.l10n.t('{0} ({1}, self-hosted)', region, id),
		local: (region, id) => vscode.l10n.t('{0} ({1}, local)', region, id),
		'user-configured': (region, id) => vscode.l10n.t('{0} ({1}, user-configured)', region, id),
	};
}

/**
 * The refused destinations of a decision in the display language: each region through its catalogue entry and its
 * jurisdiction as a word; the ids (what a policy names) as they are.
 */
export function destinationPlacesText(places: readonly DecisionPlace[]): string {
	const jurisdictions = catalogueJurisdictions();
	return places.map((d) => jurisdictions[d.jurisdiction](destinationRegionText(d.region), d.id)).join(vscode.l10n.t('; '));
}

/** Catalogue lever conditions (`Lever.condition`) → display text. Coverage says them after "only". */
export function catalogueConditions(): Record<string, () => string> {
	return {
		'honoured when the Copilot account has content exclusion (token flag copilotignore_enabled, Business/Enterprise); otherwise ignored': () =>
			vscode.l10n.t('honoured when the Copilot account has content exclusion (token flag copilotignore_enabled, Business/Enterprise); otherwise ignored'),
	};
}

/** A lever's condition in the display language; a text that is not a catalogue condition is shown as it is. */
export function leverConditionText(condition: string): string {
	return shown(catalogueConditions(), condition);
}

/** Catalogue lever weaknesses (`Lever.partial`) → display text. Coverage says them after "partly covered by". */
export function cataloguePartials(): Record<string, () => string> {
	return {
		'stops automatic inline suggestions only; a manual trigger (Alt+\\) still asks the provider': () =>
			vscode.l10n.t('stops automatic inline suggestions only; a manual trigger (Alt+\\) still asks the provider'),
		'automatic completions only; a manual trigger still works': () =>
			vscode.l10n.t('automatic completions only; a manual trigger still works'),
		'hooks are a Preview feature and fail open on timeout; @-mentions bypass PreToolUse': () =>
			vscode.l10n.t('hooks are a Preview feature and fail open on timeout; @-mentions bypass PreToolUse'),
		'shell commands are checked only heuristically (cat/head/tail/sed); arbitrary subprocesses can still read': () =>
			vscode.l10n.t('shell commands are checked only heuristically (cat/head/tail/sed); arbitrary subprocesses can still read'),
		'a hook failing with an exit code other than 2 does not block': () =>
			vscode.l10n.t('a hook failing with an exit code other than 2 does not block'),
		'beta; a deny glob did not stop `cat .env` in openai/codex#22179': () =>
			vscode.l10n.t('beta; a deny glob did not stop `cat .env` in openai/codex#22179'),
		'no read_file interception': () => vscode.l10n.t('no read_file interception'),
		'pauses indexing at start; the user can resume it': () => vscode.l10n.t('pauses indexing at start; the user can resume it'),
		'agent read tools ignore it (only a hard-coded list is refused)': () =>
			vscode.l10n.t('agent read tools ignore it (only a hard-coded list is refused)'),
		'in 4.x it only filters file listings; @-mentions and shell commands bypass it (vendor: not a security boundary)': () =>
			vscode.l10n.t('in 4.x it only filters file listings; @-mentions and shell commands bypass it (vendor: not a security boundary)'),
		'workspace-root file only; the command heuristic for the terminal is bypassable (RooCodeInc/Roo-Code#7204)': () =>
			vscode.l10n.t('workspace-root file only; the command heuristic for the terminal is bypassable (RooCodeInc/Roo-Code#7204)'),
		'Google docs conflict on "!" negation and on an empty file blocking everything; a Windows path bug ignored the file (GoogleCloudPlatform/cloud-code-vscode#990)': () =>
			vscode.l10n.t('Google docs conflict on "!" negation and on an empty file blocking everything; a Windows path bug ignored the file (GoogleCloudPlatform/cloud-code-vscode#990)'),
		'@ file sharing and the tools that support it; read at session start (restart needed); some tools ignore it (google-gemini/gemini-cli#14546)': () =>
			vscode.l10n.t('@ file sharing and the tools that support it; read at session start (restart needed); some tools ignore it (google-gemini/gemini-cli#14546)'),
		'Context Warden adds one regular expression per sensitive file; globs for files not yet classified are not expressed': () =>
			vscode.l10n.t('Context Warden adds one regular expression per sensitive file; globs for files not yet classified are not expressed'),
		'legacy engine; current chat-context semantics unknown': () => vscode.l10n.t('legacy engine; current chat-context semantics unknown'),
		'codebase indexing is documented for the Lingma IDE and JetBrains, not VS Code': () =>
			vscode.l10n.t('codebase indexing is documented for the Lingma IDE and JetBrains, not VS Code'),
		'the file the IDE creates (a user report); docs name .tongyiignore': () =>
			vscode.l10n.t('the file the IDE creates (a user report); docs name .tongyiignore'),
		'@file and @workspace context only': () => vscode.l10n.t('@file and @workspace context only'),
		'documented for the Trae IDE; the VS Code plugin behaviour is not verified': () =>
			vscode.l10n.t('documented for the Trae IDE; the VS Code plugin behaviour is not verified'),
		'the vendor says the agent terminal and MCP tools cannot be blocked by it': () =>
			vscode.l10n.t('the vendor says the agent terminal and MCP tools cannot be blocked by it'),
		'fails open unless failClosed is set': () => vscode.l10n.t('fails open unless failClosed is set'),
		'Cascade hooks are in beta; the event names come from secondary sources': () =>
			vscode.l10n.t('Cascade hooks are in beta; the event names come from secondary sources'),
	};
}

/** A lever's weakness in the display language; a text that is not a catalogue weakness is shown as it is. */
export function leverPartialText(partial: string): string {
	return shown(cataloguePartials(), partial);
}

/** How a catalogue permission file restricts its assistant (`PermissionFileLever.how`) → display text. */
export function catalogueHows(): Record<string, () => string> {
	return {
		'permissions.deny entries Read(<gitignore pattern>): Read, Glob/Grep results, @file and the IDE selection': () =>
			vscode.l10n.t('permissions.deny entries Read(<gitignore pattern>): Read, Glob/Grep results, @file and the IDE selection'),
		'[permissions.<profile>.filesystem] glob = "none" with default_permissions (beta); read only in trusted projects; does not compose with sandbox_mode': () =>
			vscode.l10n.t('[permissions.<profile>.filesystem] glob = "none" with default_permissions (beta); read only in trusted projects; does not compose with sandbox_mode'),
	};
}

/** How a permission file restricts, in the display language; a text that is not a catalogue one is shown as it is. */
export function leverHowText(how: string): string {
	return shown(catalogueHows(), how);
}

/** What to do where a catalogue assistant has no lever (`NoLever.remedy`) → display text. */
export function catalogueRemedies(): Record<string, () => string> {
	return {
		'No workspace setting switches it off: disable the extension for this workspace (Extensions view, Disable (Workspace)), or ask the admin to use extensions.allowed.': () =>
			vscode.l10n.t('No workspace setting switches it off: disable the extension for this workspace (Extensions view, Disable (Workspace)), or ask the admin to use extensions.allowed.'),
		'Inline suggestions are toggled by the command aws.amazonq.toggleCodeSuggestion, not a setting; disable the extension for this workspace.': () =>
			vscode.l10n.t('Inline suggestions are toggled by the command aws.amazonq.toggleCodeSuggestion, not a setting; disable the extension for this workspace.'),
	};
}

/** A remedy in the display language; a text that is not a catalogue remedy is shown as it is. */
export function leverRemedyText(remedy: string): string {
	return shown(catalogueRemedies(), remedy);
}

/** `english` through its entry in `texts`, or as it is when it has none. */
function shown(texts: Record<string, () => string>, english: string): string {
	return Object.hasOwn(texts, english) ? (texts[english]?.() ?? english) : english;
}

/**
 * An assistant as the preview shows it: a catalogue assistant's name and destinations in the display language
 * (destinations joined with the language's list separator); anything else as it is.
 */
export function localizedAssistant(view: AssistantView): AssistantView {
	const entry = getEntry(view.id);
	if (!entry) {
		return view;
	}
	const names = catalogueNames();
	const name = names[entry.name]?.() ?? view.name;
	const destination = entry.destinations.map((d) => destinationRegionText(d.region)).join(vscode.l10n.t('; '));
	return { ...view, name, destination };
}
