import * as vscode from 'vscode';
import { levelRank } from '../../core/policy/schema';
import { reasonKindLabel, reasonMessage, skipReasonLabel } from '../coreText';
import { levelLabel } from '../labels';
import type { WorkspaceIndex } from './workspaceIndex';

interface ReasonPick extends vscode.QuickPickItem {
	line?: number;
	column?: number;
	endLine?: number;
	endColumn?: number;
}

/**
 * "Why Is This File Sensitive?": lists the file's reasons in a quick pick; picking a content finding jumps to it.
 */
export async function explainFile(index: WorkspaceIndex, target?: vscode.Uri): Promise<void> {
	const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
	if (!uri) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a file, or pick one in the Explorer, to see why it is sensitive.'));
		return;
	}
	const rel = index.relPath(uri);
	const c = rel === undefined ? undefined : index.get(rel);
	if (!rel || !c) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Context Warden has not classified this file (it is outside the workspace or excluded).'));
		return;
	}
	if (!c.reasons.length) {
		const extra = c.skipped ? ' ' + vscode.l10n.t('Its content was not scanned: {0}.', skipReasonLabel(c.skipped.reason)) : '';
		void vscode.window.showInformationMessage(vscode.l10n.t('{0} is {1}: no rule or detector matched it.', rel, levelLabel(c.level)) + extra);
		return;
	}
	const items: ReasonPick[] = [...c.reasons]
		.sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.line ?? 0) - (b.line ?? 0))
		.map((r) => ({
			// The finding in words once (the label); its level and where it is; the masked preview or the rule's kind and id.
			label: reasonMessage(r),
			description: `${levelLabel(r.level)} · ${r.line ? vscode.l10n.t('line {0}, column {1}', r.line, r.column ?? 1) : vscode.l10n.t('path rule')}`,
			detail: r.preview ?? `${reasonKindLabel(r.kind)} · ${r.rule}`,
			...(r.line !== undefined ? { line: r.line, column: r.column ?? 1, endLine: r.endLine ?? r.line, endColumn: r.endColumn ?? (r.column ?? 1) } : {}),
		}));
	const pick = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Why is {0} {1}?', rel, levelLabel(c.level)),
		placeHolder: items.some((i) => i.line !== undefined)
			? vscode.l10n.t('Pick a finding to go to it')
			: vscode.l10n.t('Matched by its path only: there is no finding to go to in the file.'),
		matchOnDescription: true,
		matchOnDetail: true,
	});
	if (pick?.line === undefined) {
		return;
	}
	const start = new vscode.Position(pick.line - 1, (pick.column ?? 1) - 1);
	const end = new vscode.Position((pick.endLine ?? pick.line) - 1, (pick.endColumn ?? pick.column ?? 1) - 1);
	// The finding is selected with the cursor at its start, so the view shows where it begins.
	const editor = await vscode.window.showTextDocument(uri, { preview: false });
	editor.selection = new vscode.Selection(end, start);
	editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
