// The preview's reasons in the display language: the view model asks the host's `reason` for each finding's
// sentence (the host maps the core's English through vscode.l10n) and puts the line after it; a host without one
// shows the core's English message.
import * as assert from 'node:assert/strict';
import type { ExposureItem } from '../../../src/core/exposure/model';
import { itemView } from '../../../src/webview/viewModel';
import { englishStrings, file } from './fixtures';

function item(): ExposureItem {
	const c = file('.env', 'restricted');
	return { path: c.path, level: c.level, sensitive: true, reasons: c.reasons, bytes: 100, tokens: 25, verdict: 'sent' };
}

describe('webview/viewModel: reasons in the display language', () => {
	it("shows each reason through the host's translation, with its line", () => {
		const s = { ...englishStrings, reason: (r: { rule: string }) => `[${r.rule}]`, reasonAtLine: (m: string, l: string) => `${m} @${l}` };
		assert.deepEqual(itemView(item(), 'index', s).reasons, ['[aws-access-key-id] @3', '[dotenv]']);
	});

	it("shows the core's message when the host translates nothing", () => {
		assert.deepEqual(itemView(item(), 'index', englishStrings).reasons, ['AWS access key (line 3)', 'environment file']);
	});
});
