import * as vscode from 'vscode';
import { Commands, STATUS_BAR_ID } from '../constants';
import type { WorkspaceSummary } from '../core/exposure/summary';
import type { EffectivePolicy } from '../core/policy/layering';
import { type Level, LEVELS } from '../core/policy/schema';
import { layerKindLabel, policySourceLabel } from './coreText';
import { levelLabel } from './labels';
import { Disposable } from './disposable';

/** One line per assistant in the tooltip: its name and its state in this workspace. */
export interface AssistantStatus {
	name: string;
	state: string;
}

export interface StatusInput {
	effective: EffectivePolicy | undefined;
	summary: WorkspaceSummary | undefined;
	/** The active editor's level and name, when it has one. */
	active?: { name: string; level: Level };
	scanning: boolean;
	lastScan?: Date;
	assistants: readonly AssistantStatus[];
	/** Hook heartbeat per agent, e.g. "Claude Code: hooks active". */
	hooks?: readonly string[];
	/** Enforcement is paused in this workspace (the org policy allows it): by whom, until when. */
	paused?: { by: string; until?: Date };
	/** One line per MCP server: its name and its verdict, risks and lever. */
	mcp?: readonly AssistantStatus[];
}

/**
 * The status bar item: the workspace level as a word, the number of sensitive files, the active editor's own level
 * when it differs, and a tooltip with the policy, counts, assistants and the last scan. A click opens the preview.
 */
export class StatusBar extends Disposable {
	private readonly item: vscode.StatusBarItem;

	constructor() {
		super();
		this.item = this._register(vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 100));
		this.item.name = vscode.l10n.t('Context Warden');
		this.item.command = Commands.showExposurePreview;
		this.item.text = '$(loading~spin) ' + vscode.l10n.t('Context Warden');
		this.item.tooltip = vscode.l10n.t('Context Warden: loading the policy');
		this.item.show();
	}

	/** What the item says now (for tests and the API). */
	get text(): string {
		return this.item.text;
	}

	/** The last summary of a finished scan: shown while a policy reload rescans, so the item never flashes "Public". */
	private steady: StatusInput['summary'];

	update(input: StatusInput): void {
		const { effective } = input;
		if (input.summary && !input.scanning) {
			this.steady = input.summary;
		}
		const summary = input.scanning && this.steady ? this.steady : input.summary;
		const policyBroken = effective?.state === 'org-last-valid' || effective?.state === 'strict-fallback';
		// Our own icon and name: VS Code's Restricted Mode item has the shield and the word "Restricted Mode".
		const icon = input.scanning ? '$(loading~spin)' : policyBroken ? '$(error)' : '$(eye-closed)';
		const parts: string[] = [];
		if (summary) {
			// "Restricted" only when the workspace is restricted (not the level's name under restrictedAt "never").
			parts.push(summary.restricted ? vscode.l10n.t('Restricted') : vscode.l10n.t('not restricted'));
			if (summary.sensitive > 0) {
				parts.push(vscode.l10n.t('{0} sensitive', summary.sensitive));
			}
		}
		if (input.active && summary && input.active.level !== summary.level) {
			parts.push(vscode.l10n.t('this file: {0}', levelLabel(input.active.level)));
		}
		if (policyBroken) {
			parts.push(vscode.l10n.t('policy error'));
		}
		if (input.paused) {
			parts.push(vscode.l10n.t('enforcement paused'));
		}
		const label = parts.length > 0 ? vscode.l10n.t('Context Warden: {0}', parts.join(' · ')) : vscode.l10n.t('Context Warden');
		this.item.text = `${input.paused && !input.scanning && !policyBroken ? '$(debug-pause)' : icon} ${label}`;
		this.item.backgroundColor = policyBroken
			? new vscode.ThemeColor('statusBarItem.errorBackground')
			: summary?.restricted
				? new vscode.ThemeColor(summary.level === 'restricted' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground')
				: undefined;
		this.item.tooltip = tooltip(input);
		this.item.accessibilityInformation = {
			label: `${vscode.l10n.t('Context Warden')}: ${parts.join(', ')}${summary?.restricted ? ', ' + vscode.l10n.t('restricted workspace') : ''}`,
		};
	}
}

function tooltip(input: StatusInput): vscode.MarkdownString {
	const { effective, summary } = input;
	// Untrusted: no commands, no HTML; every name goes in as text (file and policy names are not ours).
	const md = new vscode.MarkdownString(undefined, true);
	md.isTrusted = false;
	md.supportHtml = false;
	const line = (text: string) => {
		md.appendText(text);
		md.appendMarkdown('  \n');
	};
	md.appendMarkdown(`**${vscode.l10n.t('Context Warden')}**`);
	md.appendMarkdown('\n\n');
	if (summary) {
		line(
			summary.restricted
				? vscode.l10n.t('Workspace level {0}: AI assistants are restricted here.', levelLabel(summary.level))
				: vscode.l10n.t('Workspace level {0}: AI assistants are not restricted here.', levelLabel(summary.level)),
		);
		line(LEVELS.map((l) => vscode.l10n.t('{0}: {1}', levelLabel(l), summary.counts[l])).join(' · '));
	}
	if (input.active) {
		line(vscode.l10n.t('Active file {0}: {1}', input.active.name, levelLabel(input.active.level)));
	}
	if (input.paused) {
		line(
			input.paused.until
				? vscode.l10n.t('Enforcement is paused here by {0} until {1}: assistants are only warned about. Run "Resume Enforcement" to apply it again.', input.paused.by, input.paused.until.toLocaleString())
				: vscode.l10n.t('Enforcement is paused here by {0}: assistants are only warned about. Run "Resume Enforcement" to apply it again.', input.paused.by),
		);
	}
	md.appendMarkdown('\n');
	if (effective) {
		switch (effective.state) {
			case 'org':
				line(vscode.l10n.t('Org policy "{0}" is in force.', effective.policy.name));
				break;
			case 'default':
				line(vscode.l10n.t('No org policy is deployed on this machine: the built-in default policy is in force.'));
				break;
			case 'org-last-valid':
				line(vscode.l10n.t('The org policy is invalid: the last valid one ("{0}") stays in force.', effective.policy.name));
				break;
			case 'strict-fallback':
				line(vscode.l10n.t('The org policy is invalid or unreadable: the strictest built-in policy is in force.'));
				break;
		}
		for (const s of effective.sources.filter((x) => x.used)) {
			line(`• ${vscode.l10n.t('{0}: {1}', layerKindLabel(s.kind), policySourceLabel(s))}${s.sha256 ? ` (sha256 ${s.sha256.slice(0, 12)})` : ''}`);
		}
		// Tell the admin what the policy file leaves out (default path rule groups dropped, settings not read), once.
		for (const message of new Set(effective.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message))) {
			line(vscode.l10n.t('Policy note: {0}', message));
		}
		if (effective.refused.length) {
			line(vscode.l10n.t('{0} loosening attempts refused (see Show Effective Policy).', effective.refused.length));
		}
	}
	if (input.assistants.length) {
		md.appendMarkdown('\n');
		line(vscode.l10n.t('AI assistants present:'));
		for (const a of input.assistants) {
			line(`• ${vscode.l10n.t('{0}: {1}', a.name, a.state)}`);
		}
	}
	if (input.hooks?.length) {
		// Agent hooks are not assistants: their own heading.
		md.appendMarkdown('\n');
		line(vscode.l10n.t('Agent hooks:'));
		for (const h of input.hooks) {
			line(`• ${h}`);
		}
	}
	if (input.mcp?.length) {
		md.appendMarkdown('\n');
		line(vscode.l10n.t('MCP servers:'));
		for (const m of input.mcp) {
			line(`• ${m.name}: ${m.state}`);
		}
	}
	md.appendMarkdown('\n');
	line(
		input.scanning
			? vscode.l10n.t('Scanning the workspace...')
			: input.lastScan
				? vscode.l10n.t('Last scan: {0}', localTime(input.lastScan))
				: vscode.l10n.t('Not scanned yet.'),
	);
	line(vscode.l10n.t('Click to preview what AI assistants would send.'));
	return md;
}

/** A time of day in the editor's display language (the extension host's own locale may differ). */
function localTime(d: Date): string {
	try {
		return d.toLocaleTimeString(vscode.env.language);
	} catch {
		return d.toLocaleTimeString();
	}
}
