import * as vscode from 'vscode';
import type { FileClassification } from '../core/classify/types';
import { type Level, levelRank, maxLevel } from '../core/policy/schema';
import { reasonMessage, skipReasonLabel } from './coreText';
import { Disposable } from './disposable';
import { levelLabel } from './labels';
import type { WorkspaceIndex } from './classify/workspaceIndex';

/** Badges and theme colours per level; public files get no decoration. */
const BADGES: Record<Exclude<Level, 'public'>, { badge: string; color: string }> = {
	internal: { badge: 'I', color: 'contextWarden.internalForeground' },
	confidential: { badge: 'C', color: 'contextWarden.confidentialForeground' },
	restricted: { badge: 'R', color: 'contextWarden.restrictedForeground' },
};

/**
 * Marks files in the Explorer by level (badge, theme colour, tooltip with the top reasons); a folder shows the
 * highest level inside it.
 */
export class SensitivityDecorations extends Disposable implements vscode.FileDecorationProvider {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
	readonly onDidChangeFileDecorations = this._onDidChange.event;
	/** Highest level under each folder key ('' is the root). */
	private folderLevels = new Map<string, Level>();

	constructor(private readonly index: WorkspaceIndex) {
		super();
		this._register(vscode.window.registerFileDecorationProvider(this));
		this._register(
			index.onDidChange((e) => {
				this.recomputeFolders();
				if (e.paths === 'all') {
					this._onDidChange.fire(undefined);
					return;
				}
				const uris: vscode.Uri[] = [];
				for (const p of e.paths) {
					const parts = p.split('/');
					for (let i = parts.length; i > 0; i--) {
						const u = index.uriOf(parts.slice(0, i).join('/'));
						if (u) {
							uris.push(u);
						}
					}
				}
				this._onDidChange.fire(uris);
			}),
		);
	}

	provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
		const rel = this.index.relPath(uri);
		if (rel === undefined) {
			return undefined;
		}
		const c = this.index.get(rel);
		if (c) {
			return decorationFor(c.level, tooltipFor(c), false);
		}
		const folderLevel = this.folderLevels.get(rel);
		if (folderLevel) {
			return decorationFor(folderLevel, vscode.l10n.t('Contains {0} files', levelLabel(folderLevel).toLowerCase()), true);
		}
		return undefined;
	}

	private recomputeFolders(): void {
		const levels = new Map<string, Level>();
		for (const [p, c] of this.index.all()) {
			if (c.level === 'public' || p.startsWith('untitled:')) {
				continue;
			}
			const parts = p.split('/');
			for (let i = parts.length - 1; i > 0; i--) {
				const key = parts.slice(0, i).join('/');
				const prev = levels.get(key);
				levels.set(key, prev ? maxLevel(prev, c.level) : c.level);
			}
		}
		this.folderLevels = levels;
	}
}

function decorationFor(level: Level, tooltip: string, folder: boolean): vscode.FileDecoration | undefined {
	if (level === 'public') {
		return undefined;
	}
	const { badge, color } = BADGES[level];
	const d = new vscode.FileDecoration(folder ? undefined : badge, tooltip, new vscode.ThemeColor(color));
	d.propagate = false;
	return d;
}

/** The tooltip: the level and the top three reasons (masked; never a secret). */
export function tooltipFor(c: FileClassification): string {
	const lines = [vscode.l10n.t('Context Warden: {0}', levelLabel(c.level))];
	const top = [...c.reasons].sort((a, b) => levelRank(b.level) - levelRank(a.level)).slice(0, 3);
	for (const r of top) {
		lines.push(`• ${reasonMessage(r)}${r.line ? ` (${vscode.l10n.t('line {0}', r.line)})` : ''}`);
	}
	if (c.reasons.length > top.length) {
		lines.push(vscode.l10n.t('and {0} more', c.reasons.length - top.length));
	}
	if (c.skipped) {
		lines.push(vscode.l10n.t('Content not scanned: {0}', skipReasonLabel(c.skipped.reason)));
	}
	return lines.join('\n');
}
