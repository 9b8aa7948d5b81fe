import * as assert from 'node:assert/strict';
import { minimatch } from 'minimatch';
import type { FileClassification } from '../../../src/core/classify/types';
import { type AssistantView, computeExposure, type ExposureInput } from '../../../src/core/exposure/model';

function file(path: string, level: FileClassification['level'], size = 100): FileClassification {
	return {
		path,
		level,
		size,
		reasons: level === 'public' ? [] : [{ kind: 'path', rule: 'dotenv', level, message: 'environment file' }],
	};
}

function assistant(over: Partial<AssistantView> = {}): AssistantView {
	return {
		id: 'copilot',
		name: 'GitHub Copilot',
		vendor: 'GitHub',
		destination: 'GitHub cloud (US)',
		disabled: false,
		surfaces: ['activeEditor', 'openTabs', 'index', 'instructions'],
		excludedByOwnControls: () => false,
		blockedByWarden: () => false,
		instructionFiles: ['.github/copilot-instructions.md', 'AGENTS.md'],
		...over,
	};
}

function input(over: Partial<ExposureInput> = {}): ExposureInput {
	const files = new Map<string, FileClassification>([
		['.env', file('.env', 'restricted', 40)],
		['src/app.ts', file('src/app.ts', 'public', 500)],
		['AGENTS.md', file('AGENTS.md', 'public', 60)],
		['CLAUDE.md', file('CLAUDE.md', 'internal', 70)],
	]);
	return {
		editor: { active: { path: 'src/app.ts', size: 500 }, openTabs: [{ path: '.env', size: 40 }] },
		files,
		sensitiveLevel: 'confidential',
		assistants: [assistant()],
		instructionFilesPresent: [
			{ path: 'AGENTS.md', size: 60 },
			{ path: 'CLAUDE.md', size: 70 },
		],
		matchGlob: (p, g) => minimatch(p, g, { dot: true, nocase: true }),
		now: new Date('2026-11-24T10:00:00Z'),
		...over,
	};
}

describe('exposure model', () => {
	it('reports an open sensitive tab as sent for an assistant with no controls', () => {
		const m = computeExposure(input());
		const tabs = m.assistants[0]?.surfaces.find((s) => s.surface === 'openTabs');
		assert.deepEqual(
			tabs?.items.map((i) => [i.path, i.level, i.sensitive, i.verdict]),
			[['.env', 'restricted', true, 'sent']],
		);
		assert.equal(m.estimate, true);
		assert.ok(m.totals.sensitiveItems >= 2, 'the tab and the index entry of .env');
		assert.deepEqual(m.totals.destinations, ['GitHub: GitHub cloud (US)']);
	});

	it('distinguishes the assistant\'s own exclusion, Warden blocking and a disabled assistant', () => {
		const own = computeExposure(input({ assistants: [assistant({ excludedByOwnControls: (p) => p === '.env' })] }));
		const blocked = computeExposure(input({ assistants: [assistant({ blockedByWarden: (p) => p === '.env' })] }));
		const disabled = computeExposure(input({ assistants: [assistant({ disabled: true })] }));
		const verdict = (m: ReturnType<typeof computeExposure>) =>
			m.assistants[0]?.surfaces.find((s) => s.surface === 'openTabs')?.items[0]?.verdict;
		assert.equal(verdict(own), 'excluded-by-assistant');
		assert.equal(verdict(blocked), 'blocked-by-warden');
		assert.equal(verdict(disabled), 'assistant-disabled');
		assert.equal(disabled.assistants[0]?.totals.sentItems, 0);
		assert.equal(disabled.totals.destinations.length, 0);
		// "Any assistant" ignores every control.
		assert.equal(blocked.any.surfaces.find((s) => s.surface === 'openTabs')?.items[0]?.verdict, 'sent');
	});

	it('closing the sensitive tab removes it from the open-tabs surface', () => {
		const m = computeExposure(input({ editor: { active: { path: 'src/app.ts', size: 500 }, openTabs: [] } }));
		assert.deepEqual(m.assistants[0]?.surfaces.find((s) => s.surface === 'openTabs')?.items, []);
	});

	it('sends the selection when there is one, else the cursor neighbourhood, and estimates tokens', () => {
		const sel = computeExposure(
			input({ editor: { active: { path: 'src/app.ts', size: 500, selection: { startLine: 1, endLine: 2, size: 40 } }, openTabs: [] } }),
		);
		const active = sel.assistants[0]?.surfaces.find((s) => s.surface === 'activeEditor')?.items;
		assert.deepEqual(
			active?.map((i) => [i.part, i.bytes, i.tokens]),
			[
				['whole file', 500, 125],
				['selection', 40, 10],
			],
		);
		const big = computeExposure(input({ editor: { active: { path: 'src/app.ts', size: 100_000 }, openTabs: [] } }));
		const part = big.assistants[0]?.surfaces.find((s) => s.surface === 'activeEditor')?.items[1];
		assert.equal(part?.part, 'cursor neighbourhood');
		assert.equal(part?.bytes, 8192);
	});

	it('includes only the instruction files an assistant reads on its own', () => {
		const m = computeExposure(input());
		assert.deepEqual(
			m.assistants[0]?.surfaces.find((s) => s.surface === 'instructions')?.items.map((i) => i.path),
			['AGENTS.md'],
		);
		assert.deepEqual(
			m.any.surfaces.find((s) => s.surface === 'instructions')?.items.map((i) => i.path),
			['CLAUDE.md', 'AGENTS.md'],
			'any assistant: every instruction file, riskiest first',
		);
	});

	it('lists indexed files riskiest first and skips untitled buffers in the index', () => {
		const files = new Map(input().files);
		files.set('untitled:Untitled-1', file('untitled:Untitled-1', 'restricted'));
		const m = computeExposure(input({ files }));
		const index = m.assistants[0]?.surfaces.find((s) => s.surface === 'index')?.items.map((i) => i.path);
		assert.deepEqual(index, ['.env', 'CLAUDE.md', 'AGENTS.md', 'src/app.ts']);
	});
});
