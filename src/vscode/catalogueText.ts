/**
 * The assistant catalogue's display text in the display language: assistant names and where their context goes,
 * as the Exposure Preview, the status bar tooltip and the Why modal show them, and the levers' conditions, as the
 * coverage sentences say them. The catalogue (src/core) stays English for logs and reports; this maps each English
 * text to a literal `vscode.l10n.t` call, so `npm run l10n` extracts it. Brand names stay as they are; text not
 * listed here (an unrecognised extension's name) is shown as it is. A unit test fails when a catalogue name,
 * destination or lever condition has no entry.
 */
import * as vscode from 'vscode';
import type { AssistantView } from '../core/exposure/model';
import { getEntry } from '../core/assistants/catalogue';

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
	const regions = catalogueDestinations();
	const name = names[entry.name]?.() ?? view.name;
	const destination = entry.destinations.map((d) => regions[d.region]?.() ?? d.region).join(vscode.l10n.t('; '));
	return { ...view, name, destination };
}
