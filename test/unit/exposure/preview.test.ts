import * as assert from 'node:assert/strict';
import { minimatch } from 'minimatch';
import type { FileClassification } from '../../../src/core/classify/types';
import { type AssistantView, computeExposure } from '../../../src/core/exposure/model';
import { buildPreview } from '../../../src/core/exposure/preview';
import { summarizeWorkspace } from '../../../src/core/exposure/summary';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { buildPreviewView } from '../../../src/webview/previewView';
import { assistant, englishStrings, file, previewStrings } from '../webview/fixtures';


/** The workspace: .env open in a tab and indexed, the active file with the cursor in it, 11 other files. */
function workspace(assistants: AssistantView[], selection = false) {
	const files = new Map<string, FileClassification>([
		['.env', file('.env', 'restricted', 40)],
		['config/secrets.yml', file('config/secrets.yml', 'restricted', 300)],
		['docs/plan.md', file('docs/plan.md', 'confidential', 1000)],
		['src/app.ts', file('src/app.ts', 'public', 500)],
		['AGENTS.md', file('AGENTS.md', 'public', 60)],
	]);
	for (let i = 0; i < 8; i++) {
		files.set(`src/f${i}.ts`, file(`src/f${i}.ts`, 'public', 10));
	}
	const model = computeExposure({
		editor: {
			active: { path: 'docs/plan.md', size: 1000, ...(selection ? { selection: { startLine: 1, endLine: 2, size: 50 } } : {}) },
			openTabs: [{ path: '.env', size: 40 }, { path: 'src/app.ts', size: 500 }],
		},
		files,
		sensitiveLevel: 'confidential',
		assistants,
		instructionFilesPresent: [{ path: 'AGENTS.md', size: 60 }],
		matchGlob: (p, g) => minimatch(p, g, { dot: true, nocase: true }),
		now: new Date('2026-12-08T00:00:00Z'),
	});
	return { model, files };
}

const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => assistant({ id, name: `Assistant ${id.toUpperCase()}`, vendor: 'V', destination: `${id}-cloud` }));

describe('exposure preview: one list, distinct totals', () => {
	it('lists each file once, under the first surface that holds it, with the others named', () => {
		const { model } = workspace(seven);
		const preview = buildPreview(model);
		const paths = preview.surfaces.flatMap((s) => s.items.map((i) => i.path));
		assert.equal(paths.length, new Set(paths).size, `a path listed twice: ${paths.join(', ')}`);
		assert.equal(paths.length, 13, 'every file once');
		const at = (p: string) => preview.surfaces.find((s) => s.items.some((i) => i.path === p));
		assert.equal(at('docs/plan.md')?.surface, 'activeEditor');
		assert.equal(at('.env')?.surface, 'openTabs');
		assert.equal(at('AGENTS.md')?.surface, 'instructions');
		assert.equal(at('config/secrets.yml')?.surface, 'index');
		const env = at('.env')?.items.find((i) => i.path === '.env');
		assert.deepEqual(env?.alsoOn, ['index']);
		// The active file once: no "whole file" and "around the cursor" pair.
		assert.equal(preview.surfaces.find((s) => s.surface === 'activeEditor')?.items.length, 1);
	});

	it('counts distinct sensitive files and bytes, equal to the status bar\'s count', () => {
		const { model, files } = workspace(seven);
		const preview = buildPreview(model);
		const policy = { ...DEFAULT_POLICY, workspace: { ...DEFAULT_POLICY.workspace, sensitiveLevel: 'confidential' as const } };
		const summary = summarizeWorkspace(policy, files.values());
		assert.equal(summary.sensitive, 3);
		assert.equal(preview.totals.sensitiveFiles, summary.sensitive);
		assert.equal(preview.totals.sensitiveBytes, 40 + 300 + 1000);
		assert.equal(preview.totals.files, 13);
		// The per-assistant model sums seven copies: the preview does not.
		assert.equal(model.totals.sensitiveItems > 3, true);
		assert.equal(preview.totals.sentSensitiveFiles, 3);
	});

	it('gives each file a chip per assistant that reads it; sent on any surface wins', () => {
		const blocked = assistant({ id: 'blk', name: 'Blocker', blockedByWarden: (p) => p === '.env' });
		const tabsOnly = assistant({ id: 'tabs', name: 'Tabs only', surfaces: ['openTabs'] });
		const { model } = workspace([blocked, tabsOnly]);
		const preview = buildPreview(model);
		const item = (p: string) => preview.surfaces.flatMap((s) => s.items).find((i) => i.path === p);
		assert.deepEqual(item('.env')?.by, [
			{ id: 'blk', verdict: 'blocked-by-warden' },
			{ id: 'tabs', verdict: 'sent' },
		]);
		assert.deepEqual(item('config/secrets.yml')?.by, [{ id: 'blk', verdict: 'sent' }], 'the tabs-only assistant does not read the index');
		assert.equal(item('.env')?.sent, true);
	});

	it('nothing sent when every assistant present is disabled; no assistant: no chips', () => {
		const { model } = workspace([assistant({ disabled: true })]);
		const preview = buildPreview(model);
		assert.equal(preview.totals.sentFiles, 0);
		assert.equal(preview.totals.sensitiveFiles, 3);
		const none = buildPreview(workspace([]).model);
		assert.ok(none.surfaces.every((s) => s.items.every((i) => i.by.length === 0 && !i.sent)));
		assert.equal(none.totals.sensitiveFiles, 3);
	});

	it('splits destinations into allowed and not allowed, the name once per line; an assistant sending nothing sensitive reaches none', () => {
		const selfHosted = assistant({ id: 'tabby', name: 'Tabby', destination: 'self-hosted' });
		const cloud = assistant({ id: 'copilot', name: 'GitHub Copilot', destination: 'GitHub cloud (US)' });
		const off = assistant({ id: 'off', name: 'Off', disabled: true, destination: 'elsewhere' });
		const { model } = workspace([selfHosted, cloud, off]);
		const preview = buildPreview(model, {
			tabby: [{ name: 'your own server', allowed: true }],
			copilot: [
				{ name: 'GitHub cloud (US)', allowed: false },
				{ name: 'your own keys', allowed: false },
			],
			off: [{ name: 'elsewhere', allowed: false }],
		});
		assert.deepEqual(preview.destinations, { allowed: ['Tabby: your own server'], notAllowed: ['GitHub Copilot: GitHub cloud (US); your own keys'] });
	});

	it('keeps a selection as the active file\'s part, once', () => {
		const preview = buildPreview(workspace(seven, true).model);
		const active = preview.surfaces.find((s) => s.surface === 'activeEditor')?.items;
		assert.equal(active?.length, 1);
		assert.equal(active?.[0]?.part, 'selection');
		assert.equal(active?.[0]?.bytes, 1000, 'the whole file counts: an assistant may send all of it');
	});
});

describe('exposure preview: display data', () => {
	it('says the distinct count in the headline and what the assistants present would send', () => {
		const { model } = workspace(seven);
		const names = new Map(model.assistants.map((a) => [a.id, a.name]));
		const view = buildPreviewView(buildPreview(model), names, model.assistants.length, englishStrings, previewStrings);
		assert.equal(view.totals.sensitiveFiles, 3);
		assert.equal(view.totals.headline, '3 sensitive files (1.3 KB) are open or indexed.');
		assert.equal(view.totals.detail, '3 of them (1.3 KB) would be sent by the AI assistants present.');
		const env = view.surfaces.flatMap((s) => s.items).find((i) => i.path === '.env');
		assert.equal(env?.chips.length, 7);
		assert.equal(env?.chips[0]?.title, 'Assistant A: Would be sent');
		assert.equal(env?.alsoOn, 'Also in: Indexed files');
		assert.equal(env?.closable, true);
		const active = view.surfaces.find((s) => s.surface === 'activeEditor')?.items[0];
		assert.equal(active?.closable, false, 'the active file is not offered "Close tab" (the host would refuse it)');
	});

	it('with no assistant present, says so', () => {
		const { model } = workspace([]);
		const view = buildPreviewView(buildPreview(model), new Map(), 0, englishStrings, previewStrings);
		assert.equal(view.totals.detail, 'No AI assistant was detected in this window.');
		assert.equal(view.totals.sensitive, true);
	});
});
