/**
 * Every user-visible string of the exposure preview, localised on the host with `vscode.l10n.t` (the webview has
 * no l10n API): the view model's sentences (`ViewStrings`) and the webview chrome (`UiLabels`).
 * Each call takes a literal, so the strings can be extracted for translation.
 */
import * as vscode from 'vscode';
import type { Surface, Verdict } from '../core/exposure/model';
import { reasonMessage } from '../vscode/coreText';
import { levelLabel as level } from '../vscode/labels';
import type { PreviewStrings } from './previewView';
import type { ItemPart, UiLabels, ViewStrings } from './viewModel';

function verdict(v: Verdict): string {
	switch (v) {
		case 'sent':
			return vscode.l10n.t('Would be sent');
		case 'excluded-by-assistant':
			return vscode.l10n.t("Excluded by the assistant's own controls");
		case 'blocked-by-warden':
			return vscode.l10n.t('Blocked by Context Warden');
		case 'assistant-disabled':
			return vscode.l10n.t('Assistant disabled here');
	}
}

function surface(s: Surface): string {
	switch (s) {
		case 'activeEditor':
			return vscode.l10n.t('Active editor');
		case 'openTabs':
			return vscode.l10n.t('Open tabs');
		case 'index':
			return vscode.l10n.t('Indexed files');
		case 'instructions':
			return vscode.l10n.t('Instruction files');
	}
}

function part(p: ItemPart): string {
	switch (p) {
		case 'whole file':
			return vscode.l10n.t('Whole file');
		case 'selection':
			return vscode.l10n.t('Selection');
		case 'cursor neighbourhood':
			return vscode.l10n.t('Around the cursor');
	}
}

/** The view model's sentences in the editor's display language. */
export function viewStrings(): ViewStrings {
	return {
		locale: vscode.env.language,
		level,
		verdict,
		surface,
		part,
		anyAssistant: vscode.l10n.t('Any assistant'),
		anyAssistantNote: vscode.l10n.t('What an assistant with no controls of its own would read, with no enforcement.'),
		disabledNote: vscode.l10n.t('Disabled in this workspace.'),
		unverifiedNote: vscode.l10n.t('Some facts about this assistant are unverified.'),
		assistantSubtitle: (vendor, destination) => vscode.l10n.t('{0} · sends context to {1}', vendor, destination),
		noAssistants: vscode.l10n.t('No AI assistant was detected in this window. "Any assistant" shows what one with no controls would read.'),
		sensitiveNone: vscode.l10n.t('No sensitive item would leave this machine.'),
		sensitiveOne: (size) => vscode.l10n.t('1 sensitive item ({0}) would leave this machine.', size),
		sensitiveMany: (count, size) => vscode.l10n.t('{0} sensitive items ({1}) would leave this machine.', count, size),
		destinationsIntro: vscode.l10n.t('Sensitive data would reach:'),
		sentOverall: (items, tokens) => vscode.l10n.t('Items that would be sent in all: {0} (about {1} tokens).', items, tokens),
		assistantSummary: (sent, sensitive, size, tokens) =>
			vscode.l10n.t('Sent: {0} · Sensitive: {1} ({2}) · Tokens: about {3}', sent, sensitive, size, tokens),
		surfaceSummary: (sensitive, total) => vscode.l10n.t('Sensitive: {0} of {1}', sensitive, total),
		emptySurface: vscode.l10n.t('Nothing on this surface now.'),
		publicOne: vscode.l10n.t('and 1 public file'),
		publicMany: (count) => vscode.l10n.t('and {0} public files', count),
		notListed: (count) => vscode.l10n.t('{0} more not listed.', count),
		bytes: (n) => vscode.l10n.t('{0} B', n),
		kilobytes: (n) => vscode.l10n.t('{0} KB', n),
		megabytes: (n) => vscode.l10n.t('{0} MB', n),
		tokenOne: vscode.l10n.t('about 1 token'),
		tokensMany: (n) => vscode.l10n.t('about {0} tokens', n),
		reasonAtLine: (message, line) => vscode.l10n.t('{0} (line {1})', message, line),
		reason: reasonMessage,
		generatedAt: (time) => vscode.l10n.t('Computed at {0}', time),
	};
}

/** The webview chrome: headings, buttons and ARIA templates (`{0}` is filled in by the webview, as text). */
export function uiLabels(): UiLabels {
	return {
		title: vscode.l10n.t('Exposure Preview'),
		estimateBadge: vscode.l10n.t('Estimate'),
		estimateNote: vscode.l10n.t(
			'This is an estimate of what each AI assistant would read as context now, from what is open and indexed. An assistant may send less, or more.',
		),
		loading: vscode.l10n.t('Computing the exposure…'),
		noData: vscode.l10n.t('Nothing to show yet: the policy has not loaded.'),
		assistantsHeading: vscode.l10n.t('Assistants present'),
		open: vscode.l10n.t('Open'),
		openAria: vscode.l10n.t('Open {0}'),
		closeTab: vscode.l10n.t('Close tab'),
		closeTabAria: vscode.l10n.t('Close the tab of {0}'),
		explain: vscode.l10n.t('Explain'),
		explainAria: vscode.l10n.t('Why is {0} sensitive?'),
		governance: vscode.l10n.t('Governance'),
		governanceAria: vscode.l10n.t('Show how Context Warden governs {0}'),
		filterLabel: vscode.l10n.t('Filter by path'),
		noMatch: vscode.l10n.t('No item matches the filter.'),
		columnFile: vscode.l10n.t('File'),
		columnLevel: vscode.l10n.t('Level'),
		columnReasons: vscode.l10n.t('Top reasons'),
		columnSize: vscode.l10n.t('Size'),
		columnVerdict: vscode.l10n.t('Verdict'),
		columnActions: vscode.l10n.t('Actions'),
		columnAssistants: vscode.l10n.t('Assistants'),
		previewHeading: vscode.l10n.t('What assistants could read'),
		redactedTitle: vscode.l10n.t('Redacted view of the active file'),
		redactedNote: vscode.l10n.t('Each finding is replaced by a placeholder, as an agent gets the file where the policy says redact: this view never shows a detected secret.'),
		redactedTruncated: vscode.l10n.t('Only the start of the file is shown.'),
		noRedacted: vscode.l10n.t('No workspace file is open in an editor.'),
		actionFailed: vscode.l10n.t('The action failed. See the Context Warden log for details.'),
		hooksHeading: vscode.l10n.t('Agent hooks'),
		hooksNote: vscode.l10n.t(
			"Context Warden's pre-tool hook stops an agent's file tools and shell commands from reading sensitive files. The status bar tooltip shows the same state.",
		),
		columnAgent: vscode.l10n.t('Agent'),
		columnHookState: vscode.l10n.t('Hook'),
		columnHookFile: vscode.l10n.t('Hook file'),
		mcpHeading: vscode.l10n.t('MCP servers'),
		mcpNote: vscode.l10n.t(
			'Servers the assistants start or connect to, from every MCP configuration found. No ignore file covers what they read or what they are given.',
		),
		columnServer: vscode.l10n.t('Server'),
		columnMcpWhere: vscode.l10n.t('Declared in'),
		columnMcpRisk: vscode.l10n.t('Reaches and receives'),
	};
}

/** The one list's sentences: totals over distinct files, destinations split by the policy, chips. */
export function previewStrings(): PreviewStrings {
	return {
		listIntro: vscode.l10n.t('Every file an AI assistant could read now, listed once. Each chip is an assistant present and what becomes of the file for it.'),
		sensitiveNone: vscode.l10n.t('No sensitive file is open or indexed.'),
		sensitiveOne: (size) => vscode.l10n.t('1 sensitive file ({0}) is open or indexed.', size),
		sensitiveMany: (count, size) => vscode.l10n.t('{0} sensitive files ({1}) are open or indexed.', count, size),
		sentNone: vscode.l10n.t('No AI assistant present would send any of them.'),
		sentOne: (size) => vscode.l10n.t('1 of them ({0}) would be sent by the AI assistants present.', size),
		sentMany: (count, size) => vscode.l10n.t('{0} of them ({1}) would be sent by the AI assistants present.', count, size),
		noAssistants: vscode.l10n.t('No AI assistant was detected in this window; one with no controls of its own would read every file listed.'),
		destinationsNotAllowed: vscode.l10n.t('Sensitive data would reach these destinations, which the policy does not allow:'),
		destinationsAllowed: vscode.l10n.t('Sensitive data would reach these destinations, which the policy allows:'),
		alsoOn: (surfaces) => vscode.l10n.t('Also in: {0}', surfaces),
		chip: (assistant, verdict) => vscode.l10n.t('{0}: {1}', assistant, verdict),
		noAssistantReads: vscode.l10n.t('No assistant present reads it.'),
		selection: vscode.l10n.t('Selection first'),
	};
}
