import * as vscode from 'vscode';
import type { Level } from '../core/policy/schema';

/** Localised level names, shared by every view (status bar, Explorer, quick picks, the exposure preview). */
export function levelLabel(level: Level): string {
	switch (level) {
		case 'public':
			return vscode.l10n.t('Public');
		case 'internal':
			return vscode.l10n.t('Internal');
		case 'confidential':
			return vscode.l10n.t('Confidential');
		case 'restricted':
			return vscode.l10n.t('Restricted');
	}
}
