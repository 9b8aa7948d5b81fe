/**
 * The shell corpus: every labelled command through the analysis and the decision, against a workspace whose
 * sensitive files are known. Zero sensitive reads may be allowed; the false-deny rate on harmless commands
 * is printed and must stay at or below FALSE_DENY_BOUND.
 *
 * FALSE_DENY_BOUND (5 %) is the price of soundness we accept: an unknown program given a sensitive path, a
 * literal in interpreter code that names one, or a list of names read from a pipe is asked about, not allowed.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Level } from '../../../src/core/policy/schema';
import { decideReads } from '../../../src/core/hooks/decide';
import { analyzeShellCommand } from '../../../src/core/hooks/shell/analyze';
import { buildSnapshot, snapshotLookup } from '../../../src/core/hooks/snapshot';

interface Corpus {
	workspace: { root: string; home: string; threshold: Level; files: Record<string, Level> };
	commands: { command: string; expect: 'sensitive' | 'harmless' | 'uncertain' }[];
}

const FALSE_DENY_BOUND = 0.05;
const corpus = JSON.parse(readFileSync(join(__dirname, '../../fixtures/hooks/commands.json'), 'utf8')) as Corpus;
const ws = corpus.workspace;
const snapshot = buildSnapshot({
	root: ws.root,
	policySha256: '0'.repeat(64),
	threshold: ws.threshold,
	files: Object.entries(ws.files).map(([path, level]) => ({ path, level })),
	pathRules: [],
});
const lookup = snapshotLookup(snapshot);

function decide(command: string): ReturnType<typeof decideReads> {
	const analysis = analyzeShellCommand(command, { cwd: ws.root, home: ws.home });
	return decideReads(analysis, { root: ws.root, threshold: ws.threshold, lookup, supportsAsk: true, tool: 'Bash' });
}

describe('hooks: shell corpus', () => {
	it(`has at least 200 labelled commands (${corpus.commands.length})`, () => {
		assert.ok(corpus.commands.length >= 200);
	});

	it('misses no read of a sensitive file, and resolves nothing uncertain to allow', () => {
		const missed = corpus.commands.filter((c) => c.expect !== 'harmless' && decide(c.command).decision === 'allow').map((c) => c.command);
		assert.deepEqual(missed, []);
	});

	it(`keeps the false-deny rate on harmless commands at or below ${FALSE_DENY_BOUND * 100} %`, () => {
		const harmless = corpus.commands.filter((c) => c.expect === 'harmless');
		const denied = harmless.filter((c) => decide(c.command).decision !== 'allow');
		const rate = denied.length / harmless.length;
		const sensitive = corpus.commands.filter((c) => c.expect === 'sensitive');
		const asked = sensitive.filter((c) => decide(c.command).decision === 'ask').length;
		console.log(
			`      corpus: ${corpus.commands.length} commands (${sensitive.length} sensitive, ${harmless.length} harmless, ${corpus.commands.length - sensitive.length - harmless.length} uncertain); ` +
				`missed 0; sensitive answered ask rather than deny: ${asked}; false denies ${denied.length}/${harmless.length} = ${(rate * 100).toFixed(1)} %` +
				(denied.length > 0 ? `\n        ${denied.map((d) => `${JSON.stringify(d.command)} → ${decide(d.command).decision}`).join('\n        ')}` : ''),
		);
		assert.ok(rate <= FALSE_DENY_BOUND, `false-deny rate ${(rate * 100).toFixed(1)} %`);
	});
});
