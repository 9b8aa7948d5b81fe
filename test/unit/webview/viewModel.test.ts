import * as assert from 'node:assert/strict';
import type { ExposureItem, ExposureModel, SurfaceExposure } from '../../../src/core/exposure/model';
import {
	buildExposureView,
	buildHooksView,
	compareItems,
	formatBytes,
	formatTokens,
	PUBLIC_LIST_CAP,
	splitForDisplay,
	surfaceView,
	totalsText,
	verdictLabel,
} from '../../../src/webview/viewModel';
import { assistant, englishStrings as s, sampleModel, XSS_NAME } from './fixtures';

function item(path: string, over: Partial<ExposureItem> = {}): ExposureItem {
	return { path, level: 'public', sensitive: false, reasons: [], bytes: 10, tokens: 3, verdict: 'sent', ...over };
}

describe('exposure view model: sorting and collapsing', () => {
	it('sorts sensitive first, then by level, then what would be sent, then by path', () => {
		const items = [
			item('b.ts'),
			item('a.ts'),
			item('internal.md', { level: 'internal' }),
			item('z.env', { level: 'restricted', sensitive: true, verdict: 'blocked-by-warden' }),
			item('y.env', { level: 'restricted', sensitive: true }),
			item('conf.json', { level: 'confidential', sensitive: true }),
		];
		assert.deepEqual(
			[...items].sort(compareItems).map((i) => i.path),
			['y.env', 'z.env', 'conf.json', 'internal.md', 'a.ts', 'b.ts'],
		);
	});

	it('keeps the whole file before the selection for the same active file', () => {
		const items = [item('a.ts', { part: 'selection' }), item('a.ts', { part: 'whole file' })];
		assert.deepEqual([...items].sort(compareItems).map((i) => i.part), ['whole file', 'selection']);
	});

	it('collapses public files of the index only, keeping the rest listed first', () => {
		const index: SurfaceExposure = {
			surface: 'index',
			items: [item('p1.ts'), item('s.env', { level: 'restricted', sensitive: true }), item('i.md', { level: 'internal' }), item('p0.ts')],
		};
		const split = splitForDisplay(index);
		assert.deepEqual(split.shown.map((i) => i.path), ['s.env', 'i.md']);
		assert.deepEqual(split.collapsed.map((i) => i.path), ['p0.ts', 'p1.ts']);
		const tabs = splitForDisplay({ surface: 'openTabs', items: index.items });
		assert.equal(tabs.collapsed.length, 0);
		assert.equal(tabs.shown.length, 4);
	});

	it('says "and N public files", and caps the listed public files', () => {
		const items = Array.from({ length: PUBLIC_LIST_CAP + 25 }, (_, i) => item(`f${i}.ts`));
		const v = surfaceView('any', { surface: 'index', items: [item('.env', { level: 'restricted', sensitive: true }), ...items] }, s);
		assert.deepEqual(v.items.map((i) => i.path), ['.env']);
		assert.equal(v.publicItems?.label, `and ${(PUBLIC_LIST_CAP + 25).toLocaleString('en')} public files`);
		assert.equal(v.publicItems?.items.length, PUBLIC_LIST_CAP);
		assert.equal(v.publicItems?.notListed, '25 more not listed.');
		assert.equal(v.publicItems?.key, 'any/index/public');
		assert.equal(v.summary, 'Sensitive: 1 of 226');

		const one = surfaceView('any', { surface: 'index', items: [item('a.ts')] }, s);
		assert.equal(one.publicItems?.label, 'and 1 public file');
		assert.deepEqual(one.items, []);
	});

	it('says when a surface is empty, and offers "Close tab" on open tabs only', () => {
		assert.equal(surfaceView('any', { surface: 'instructions', items: [] }, s).empty, 'Nothing on this surface now.');
		assert.equal(surfaceView('any', { surface: 'openTabs', items: [item('a.ts')] }, s).items[0]?.closable, true);
		assert.equal(surfaceView('any', { surface: 'activeEditor', items: [item('a.ts')] }, s).items[0]?.closable, false);
	});
});

describe('exposure view model: labels and totals', () => {
	it('labels every verdict', () => {
		assert.equal(verdictLabel('sent', s), 'Would be sent');
		assert.equal(verdictLabel('excluded-by-assistant', s), "Excluded by the assistant's own controls");
		assert.equal(verdictLabel('blocked-by-warden', s), 'Blocked by Context Warden');
		assert.equal(verdictLabel('assistant-disabled', s), 'Assistant disabled here');
	});

	it('formats sizes and tokens', () => {
		assert.equal(formatBytes(0, s), '0 B');
		assert.equal(formatBytes(1023, s), '1,023 B');
		assert.equal(formatBytes(1536, s), '1.5 KB');
		assert.equal(formatBytes(5 * 1024 * 1024, s), '5 MB');
		assert.equal(formatTokens(1, s), 'about 1 token');
		assert.equal(formatTokens(12345, s), 'about 12,345 tokens');
		assert.equal(formatBytes(1536, { ...s, locale: 'de' }), '1,5 KB');
		assert.equal(formatBytes(1536, { ...s, locale: 'not a locale!' }), '1.5 KB');
	});

	it('totals: how many sensitive items and bytes would leave, and where to', () => {
		const m = sampleModel(0, [assistant(), assistant({ id: 'claude', name: 'Claude Code', vendor: 'Anthropic', destination: 'Anthropic API (US)' })]);
		const t = totalsText(m, s);
		assert.equal(t.sensitive, true);
		// Each assistant sends .env (tab, index) and the XSS-named file (tab, index): 4 sensitive items each.
		assert.equal(m.totals.sensitiveItems, 8);
		assert.equal(t.headline, `8 sensitive items (${formatBytes(m.totals.sensitiveBytes, s)}) would leave this machine.`);
		assert.equal(t.destinationsIntro, 'Sensitive data would reach:');
		assert.deepEqual(t.destinations, ['GitHub: GitHub cloud (US)', 'Anthropic: Anthropic API (US)']);
		assert.match(t.detail ?? '', /^Items that would be sent in all: \d+ \(about [\d,]+ tokens\)\.$/);
	});

	it('totals: one item, none, and no assistant present', () => {
		const base = sampleModel(0);
		const one: ExposureModel = { ...base, totals: { ...base.totals, sensitiveItems: 1, sensitiveBytes: 40 } };
		assert.equal(totalsText(one, s).headline, '1 sensitive item (40 B) would leave this machine.');
		const blocked = sampleModel(0, [assistant({ blockedByWarden: () => true })]);
		assert.deepEqual(totalsText(blocked, s), {
			headline: 'No sensitive item would leave this machine.',
			sensitive: false,
			detail: 'Items that would be sent in all: 0 (about 0 tokens).',
			destinations: [],
		});
		assert.equal(totalsText(sampleModel(0, []), s).headline, 'No AI assistant was detected in this window.');
	});
});

describe('exposure view model: the whole view', () => {
	it('puts the most exposed assistant first and "Any assistant" last, localised', () => {
		const m = sampleModel(2, [
			assistant({ id: 'quiet', name: 'A Quiet One', blockedByWarden: (p) => p === '.env' || p === XSS_NAME }),
			assistant({ id: 'copilot', name: 'GitHub Copilot' }),
			assistant({ id: 'off', name: 'Off', disabled: true, unverified: true }),
		]);
		const v = buildExposureView(m, s);
		assert.deepEqual(v.assistants.map((a) => a.key), ['assistant:copilot', 'assistant:quiet', 'assistant:off', 'any']);
		const any = v.assistants.at(-1);
		assert.equal(any?.name, 'Any assistant');
		assert.equal(any?.isAny, true);
		assert.equal(any?.subtitle, undefined);
		// Ties on exposure (nothing sensitive sent) go by name.
		const off = v.assistants[2];
		assert.equal(off?.statusBadge, 'Disabled in this workspace.');
		assert.deepEqual(off?.notes, ['Some facts about this assistant are unverified.']);
		assert.ok(off?.surfaces.every((sv) => [...sv.items, ...(sv.publicItems?.items ?? [])].every((i) => i.verdictLabel === 'Assistant disabled here')));
		assert.equal(v.assistants[0]?.subtitle, 'GitHub · sends context to GitHub cloud (US)');
		assert.equal(v.generatedAt, `Computed at ${new Date('2026-11-24T10:00:00Z').toLocaleTimeString('en')}`);
	});

	it('builds rows with level, top reasons with lines, size, tokens and the active editor part', () => {
		const v = buildExposureView(sampleModel(0), s);
		const copilot = v.assistants[0];
		const tabs = copilot?.surfaces.find((x) => x.surface === 'openTabs');
		assert.deepEqual(tabs?.items.map((i) => [i.path, i.levelLabel, i.verdictLabel]), [
			['.env', 'Restricted', 'Would be sent'],
			[XSS_NAME, 'Confidential', 'Would be sent'],
		]);
		assert.deepEqual(tabs?.items[0]?.reasons, ['AWS access key (line 3)', 'environment file']);
		assert.equal(tabs?.items[1]?.size, '2 KB');
		assert.equal(tabs?.items[1]?.tokens, 'about 512 tokens');
		const active = copilot?.surfaces.find((x) => x.surface === 'activeEditor');
		assert.deepEqual(active?.items.map((i) => i.part), ['Whole file', 'Around the cursor']);
		assert.equal(tabs?.key, 'assistant:copilot/openTabs');
	});

	it('keeps a file name as data: the view never interprets it', () => {
		const v = buildExposureView(sampleModel(0), s);
		const paths = v.assistants.flatMap((a) => a.surfaces.flatMap((x) => x.items.map((i) => i.path)));
		assert.ok(paths.includes(XSS_NAME));
	});
});

describe('exposure view model: agent hooks', () => {
	it('gives each installed agent its own row (name, state, hook file), in the tooltip\'s order', () => {
		const lines = ['VS Code: hooks installed, not run yet', 'Claude Code: hooks active (last run 10:42)', 'Hooks: not installed in .gemini/settings.json: not JSON'];
		const v = buildHooksView({
			lines,
			agents: [
				{ agent: 'claude', config: '.claude/settings.json', notes: [lines[1] ?? ''] },
				{ agent: 'vscode', config: '.github/hooks/context-warden.json', notes: [lines[0] ?? ''] },
			],
		});
		assert.deepEqual(v.agents, [
			{ id: 'vscode', name: 'VS Code', state: 'hooks installed, not run yet', config: '.github/hooks/context-warden.json' },
			{ id: 'claude', name: 'Claude Code', state: 'hooks active (last run 10:42)', config: '.claude/settings.json' },
		]);
		assert.deepEqual(v.notes, ['Hooks: not installed in .gemini/settings.json: not JSON']);
	});

	it('says why no hook is installed as a note, with no agent row (the tooltip\'s single line)', () => {
		const v = buildHooksView({ lines: ['Hooks: not installed (the workspace is not restricted)'], agents: [] });
		assert.deepEqual(v, { agents: [], notes: ['Hooks: not installed (the workspace is not restricted)'] });
	});

	it('matches an agent by its name prefix, so a state that moved on since (a heartbeat) stays on its row', () => {
		const v = buildHooksView({
			lines: ['Cursor: hooks active (last run 11:05)'],
			agents: [{ agent: 'cursor', config: '.cursor/hooks.json', notes: ['Cursor: hooks installed, not run yet'] }],
		});
		assert.deepEqual(v.agents, [{ id: 'cursor', name: 'Cursor', state: 'hooks active (last run 11:05)', config: '.cursor/hooks.json' }]);
		assert.deepEqual(v.notes, []);
	});

	it('keeps translated lines: an agent name followed by a full-width colon is a row; the general lines are notes', () => {
		const v = buildHooksView({
			lines: ['VS Code：钩子无法运行：chat.useHooks 已关闭', '钩子：未安装到 .codex/hooks.json'],
			agents: [{ agent: 'vscode', notes: ['VS Code：钩子无法运行：chat.useHooks 已关闭'] }],
		});
		assert.deepEqual(v.agents, [{ id: 'vscode', name: 'VS Code', state: '钩子无法运行：chat.useHooks 已关闭' }]);
		assert.deepEqual(v.notes, ['钩子：未安装到 .codex/hooks.json']);
	});

	it('never drops or duplicates a line: every line is a row or a note, once', () => {
		const lines = ['Hooks: status unknown (see the log)', 'Windsurf: hooks installed, not run yet', `${XSS_NAME}: x`];
		const v = buildHooksView({ lines, agents: [{ agent: 'windsurf', notes: ['Windsurf: hooks installed, not run yet'] }] });
		assert.deepEqual([...v.agents.map((a) => `${a.name}: ${a.state}`), ...v.notes].sort(), [...lines].sort());
		assert.equal(v.agents.length, 1);
	});
});
