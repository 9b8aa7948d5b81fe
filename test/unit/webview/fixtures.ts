// Shared test data for the webview tests: English strings and a small exposure model from the real core.
import { minimatch } from 'minimatch';
import type { FileClassification } from '../../../src/core/classify/types';
import { type AssistantView, computeExposure, type ExposureModel } from '../../../src/core/exposure/model';
import type { Level } from '../../../src/core/policy/schema';
import type { PreviewStrings } from '../../../src/webview/previewView';
import type { UiLabels, ViewStrings } from '../../../src/webview/viewModel';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const englishStrings: ViewStrings = {
	locale: 'en',
	level: cap,
	verdict: (v) =>
		({
			sent: 'Would be sent',
			'excluded-by-assistant': "Excluded by the assistant's own controls",
			'blocked-by-warden': 'Blocked by Context Warden',
			'assistant-disabled': 'Assistant disabled here',
		})[v],
	surface: (s) => ({ activeEditor: 'Active editor', openTabs: 'Open tabs', index: 'Indexed files', instructions: 'Instruction files' })[s],
	part: (p) => ({ 'whole file': 'Whole file', selection: 'Selection', 'cursor neighbourhood': 'Around the cursor' })[p],
	anyAssistant: 'Any assistant',
	anyAssistantNote: 'What an assistant with no controls of its own would read, with no enforcement.',
	disabledNote: 'Disabled in this workspace.',
	unverifiedNote: 'Some facts about this assistant are unverified.',
	assistantSubtitle: (v, d) => `${v} · sends context to ${d}`,
	noAssistants: 'No AI assistant was detected in this window.',
	sensitiveNone: 'No sensitive item would leave this machine.',
	sensitiveOne: (size) => `1 sensitive item (${size}) would leave this machine.`,
	sensitiveMany: (count, size) => `${count} sensitive items (${size}) would leave this machine.`,
	destinationsIntro: 'Sensitive data would reach:',
	sentOverall: (items, tokens) => `Items that would be sent in all: ${items} (about ${tokens} tokens).`,
	assistantSummary: (sent, sensitive, size, tokens) => `Sent: ${sent} · Sensitive: ${sensitive} (${size}) · Tokens: about ${tokens}`,
	surfaceSummary: (sensitive, total) => `Sensitive: ${sensitive} of ${total}`,
	emptySurface: 'Nothing on this surface now.',
	publicOne: 'and 1 public file',
	publicMany: (count) => `and ${count} public files`,
	notListed: (count) => `${count} more not listed.`,
	bytes: (n) => `${n} B`,
	kilobytes: (n) => `${n} KB`,
	megabytes: (n) => `${n} MB`,
	tokenOne: 'about 1 token',
	tokensMany: (n) => `about ${n} tokens`,
	reasonAtLine: (m, l) => `${m} (line ${l})`,
	generatedAt: (t) => `Computed at ${t}`,
};

export const englishLabels: UiLabels = {
	title: 'Exposure Preview',
	estimateBadge: 'Estimate',
	estimateNote: 'This is an estimate.',
	loading: 'Computing the exposure…',
	noData: 'Nothing to show yet: the policy has not loaded.',
	assistantsHeading: 'By assistant',
	open: 'Open',
	openAria: 'Open {0}',
	closeTab: 'Close tab',
	closeTabAria: 'Close the tab of {0}',
	explain: 'Explain',
	explainAria: 'Why is {0} sensitive?',
	governance: 'Governance',
	governanceAria: 'Show how Context Warden governs {0}',
	filterLabel: 'Filter by path',
	noMatch: 'No item matches the filter.',
	columnFile: 'File',
	columnLevel: 'Level',
	columnReasons: 'Top reasons',
	columnSize: 'Size',
	columnVerdict: 'Verdict',
	columnActions: 'Actions',
	columnAssistants: 'Assistants',
	previewHeading: 'What assistants could read',
	redactedTitle: 'Redacted view of the active file',
	redactedNote: 'Findings are masked.',
	redactedTruncated: 'Only the start of the file is shown.',
	noRedacted: 'No workspace file is active.',
	actionFailed: 'The action failed.',
	hooksHeading: 'Agent hooks',
	hooksNote: "Context Warden's pre-tool hook stops an agent's file tools and shell commands from reading sensitive files.",
	columnAgent: 'Agent',
	columnHookState: 'Hook',
	columnHookFile: 'Hook file',
	mcpHeading: 'MCP servers',
	mcpNote: 'Servers the assistants start or connect to.',
	columnServer: 'Server',
	columnMcpWhere: 'Declared in',
	columnMcpRisk: 'Reaches and receives',
};

export function file(path: string, level: Level, size = 100): FileClassification {
	return {
		path,
		level,
		size,
		reasons:
			level === 'public'
				? []
				: [
						{ kind: 'secret', rule: 'aws-access-key-id', level, message: 'AWS access key', line: 3, column: 5, endLine: 3, endColumn: 25 },
						{ kind: 'path', rule: 'dotenv', level, message: 'environment file' },
					],
	};
}

export function assistant(over: Partial<AssistantView> = {}): AssistantView {
	return {
		id: 'copilot',
		name: 'GitHub Copilot',
		vendor: 'GitHub',
		destination: 'GitHub cloud (US)',
		disabled: false,
		surfaces: ['activeEditor', 'openTabs', 'index', 'instructions'],
		excludedByOwnControls: () => false,
		blockedByWarden: () => false,
		instructionFiles: ['AGENTS.md'],
		...over,
	};
}

export const XSS_NAME = '<img src=x onerror=alert(1)>.ts';

/** A workspace with a secret, an attacker-named file open in a tab, public files, and two assistants. */
export function sampleModel(extraPublic = 0, assistants: AssistantView[] = [assistant()]): ExposureModel {
	const files = new Map<string, FileClassification>([
		['.env', file('.env', 'restricted', 40)],
		['src/app.ts', file('src/app.ts', 'public', 500)],
		['docs/internal.md', file('docs/internal.md', 'internal', 3000)],
		['AGENTS.md', file('AGENTS.md', 'public', 60)],
		[XSS_NAME, file(XSS_NAME, 'confidential', 2048)],
	]);
	for (let i = 0; i < extraPublic; i++) {
		const p = `gen/f${String(i).padStart(4, '0')}.ts`;
		files.set(p, file(p, 'public', 10));
	}
	return computeExposure({
		editor: { active: { path: 'src/app.ts', size: 500 }, openTabs: [{ path: '.env', size: 40 }, { path: XSS_NAME, size: 2048 }] },
		files,
		sensitiveLevel: 'confidential',
		assistants,
		instructionFilesPresent: [{ path: 'AGENTS.md', size: 60 }],
		matchGlob: (p, g) => minimatch(p, g, { dot: true, nocase: true }),
		now: new Date('2026-11-24T10:00:00Z'),
	});
}

export const previewStrings: PreviewStrings = {
	listIntro: 'Every file an AI assistant could read now, listed once.',
	sensitiveNone: 'No sensitive file is open or indexed.',
	sensitiveOne: (size) => `1 sensitive file (${size}) is open or indexed.`,
	sensitiveMany: (count, size) => `${count} sensitive files (${size}) are open or indexed.`,
	sentNone: 'No AI assistant present would send any of them.',
	sentOne: (size) => `1 of them (${size}) would be sent by the AI assistants present.`,
	sentMany: (count, size) => `${count} of them (${size}) would be sent by the AI assistants present.`,
	noAssistants: 'No AI assistant was detected in this window.',
	destinationsNotAllowed: 'Not allowed:',
	destinationsAllowed: 'Allowed:',
	alsoOn: (s) => `Also in: ${s}`,
	chip: (a, v) => `${a}: ${v}`,
	noAssistantReads: 'No assistant present reads it.',
	selection: 'Selection first',
};
