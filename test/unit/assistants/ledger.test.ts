import * as assert from 'node:assert/strict';
import type { DesiredChange } from '../../../src/core/assistants/compile';
import { fillTemplate } from '../../../src/core/assistants/decide';
import {
	type FileTexts,
	LEDGER_TEXT,
	type LedgerRecord,
	appliedLeverIds,
	applyFileEdits,
	forgetFiles,
	planApply,
	restore,
	untouchedSinceUs,
} from '../../../src/core/assistants/ledger';
import { BLOCK_BEGIN_PREFIX, MANAGED_BLOCK_TEXT, applyBlock, readBlock } from '../../../src/core/assistants/managedBlock';
import { MANAGED_JSON_TEXT, getJsonValue } from '../../../src/core/assistants/managedJson';

const NOW = new Date('2026-11-24T10:00:00Z');

function run(desired: DesiredChange[], ledger: LedgerRecord[], files: FileTexts): { files: Record<string, string | undefined>; ledger: LedgerRecord[] } {
	const plan = planApply(desired, ledger, files, NOW);
	assert.deepEqual(plan.problems, []);
	return { files: applyFileEdits(files, plan.edits), ledger: [...ledger, ...plan.records] };
}

const SETTINGS = `{
	// my settings
	"editor.fontSize": 14, // big
	"files.exclude": { "**/.git": true }
}
`;

describe('assistants/ledger', () => {
	it('never re-includes in the managed block what the user\'s own lines exclude', () => {
		const desired: DesiredChange[] = [{ kind: 'ignoreBlock', file: '.cursorignore', lines: ['**/.env.*', '!/.env.example', '!/config/.env.sample'], leverIds: ['c'] }];
		const mine = run(desired, [], { '.cursorignore': '# mine\n.env*\n' });
		const block = readBlock(mine.files['.cursorignore']);
		assert.deepEqual(block.state === 'present' ? block.lines : [], ['**/.env.*'], 'both re-includes would undo the user\'s .env*');
		const theirs = run(desired, [], { '.cursorignore': 'dist/\n' });
		const kept = readBlock(theirs.files['.cursorignore']);
		assert.deepEqual(kept.state === 'present' ? kept.lines : [], ['**/.env.*', '!/.env.example', '!/config/.env.sample'], 'nothing of the user\'s is undone: kept');
		// The restore still gives the user's file back byte for byte.
		const back = restore(mine.ledger, mine.files);
		assert.equal(applyFileEdits(mine.files, back.edits)['.cursorignore'], '# mine\n.env*\n');
	});

	it('records every change and restores the exact original bytes', () => {
		const files = { '.vscode/settings.json': SETTINGS, '.cursorignore': 'dist/\r\n' };
		const desired: DesiredChange[] = [
			{ kind: 'jsonValue', file: '.vscode/settings.json', key: '/chat.disableAIFeatures', value: true, leverIds: ['a'] },
			{ kind: 'ignoreBlock', file: '.cursorignore', lines: ['/.env'], leverIds: ['c'] },
			{ kind: 'jsonArrayItems', file: '.claude/settings.json', key: '/permissions/deny', items: ['Read(./.env)'], leverIds: ['d'] },
		];
		const s = run(desired, [], files);
		assert.equal(getJsonValue(s.files['.vscode/settings.json'], '/chat.disableAIFeatures').value, true);
		assert.ok(s.files['.vscode/settings.json']?.includes('// big'));
		assert.equal(readBlock(s.files['.cursorignore']).state, 'present');
		assert.deepEqual(getJsonValue(s.files['.claude/settings.json'], '/permissions/deny').value, ['Read(./.env)']);
		assert.ok(s.ledger.some((r) => r.kind === 'jsonValue' && r.key === '/chat.disableAIFeatures' && !r.previous.existed));
		assert.deepEqual([...appliedLeverIds(s.ledger)].sort(), ['a', 'c', 'd']);

		const r = restore(s.ledger, s.files);
		assert.deepEqual(r.drift, []);
		const back = applyFileEdits(s.files, r.edits);
		assert.deepEqual(back, { ...files, '.claude/settings.json': undefined });
		assert.deepEqual(forgetFiles(s.ledger, r.restoredFiles), []);
	});

	it('applying the same desired state twice changes nothing', () => {
		const desired: DesiredChange[] = [{ kind: 'ignoreBlock', file: '.rooignore', lines: ['/a'], leverIds: ['r'] }];
		const s = run(desired, [], {});
		const again = planApply(desired, s.ledger, s.files, NOW);
		assert.deepEqual(again.edits, []);
		assert.deepEqual(again.records, []);
	});

	it('a user edit to an unrelated key survives the restore', () => {
		const s = run([{ kind: 'jsonValue', file: 'f.json', key: '/x', value: false, leverIds: ['x'] }], [], { 'f.json': SETTINGS });
		const edited = s.files['f.json']?.replace('"editor.fontSize": 14', '"editor.fontSize": 16');
		const r = restore(s.ledger, { 'f.json': edited });
		const out = applyFileEdits({ 'f.json': edited }, r.edits)['f.json'] ?? '';
		assert.equal(getJsonValue(out, '/editor.fontSize').value, 16);
		assert.equal(getJsonValue(out, '/x').exists, false);
		assert.ok(out.includes('// my settings') && out.includes('// big'));
	});

	it('a managed value the user changed since is reported as drift, not clobbered', () => {
		const s = run([{ kind: 'jsonValue', file: 'f.json', key: '/chat.disableAIFeatures', value: true, leverIds: ['x'] }], [], { 'f.json': '{}\n' });
		const edited = s.files['f.json']?.replace('true', 'false');
		const r = restore(s.ledger, { 'f.json': edited });
		assert.equal(r.drift.length, 1);
		assert.match(r.drift[0]?.message ?? '', /changed since/);
		assert.deepEqual(r.edits, []);
	});

	it('restores the previous value of a key that existed before', () => {
		const s = run([{ kind: 'jsonValue', file: 'f.json', key: '/github.copilot.enable', value: { '*': false }, leverIds: ['x'] }], [], {
			'f.json': '{ "github.copilot.enable": { "markdown": false }, "a": 1 }',
		});
		const touched = `${s.files['f.json'] ?? ''} `;
		const r = restore(s.ledger, { 'f.json': touched });
		const out = applyFileEdits({ 'f.json': touched }, r.edits)['f.json'];
		assert.deepEqual(getJsonValue(out, '/github.copilot.enable').value, { markdown: false });
	});

	it('deletes a file it created when only its own content is left, keeps it when the user added some', () => {
		const s = run([{ kind: 'ignoreBlock', file: '.aiexclude', lines: ['/.env'], leverIds: ['g'] }], [], {});
		assert.deepEqual(restore(s.ledger, s.files).edits, [{ file: '.aiexclude', action: 'delete' }]);
		const withUser = `${s.files['.aiexclude'] ?? ''}build/\n`;
		const r = restore(s.ledger, { '.aiexclude': withUser });
		assert.deepEqual(r.edits, [{ file: '.aiexclude', action: 'write', text: 'build/\n' }]);
	});

	it('keeps the user\'s own array entries and removes only ours, and the containers it created', () => {
		const s = run([{ kind: 'jsonArrayItems', file: 'c.json', key: '/permissions/deny', items: ['Read(./.env)', 'Read(./secrets/**)'], leverIds: ['d'] }], [], {
			'c.json': '{\n  "model": "opus"\n}\n',
		});
		const withUser = s.files['c.json']?.replace('"Read(./.env)"', '"Bash(rm:*)", "Read(./.env)"');
		const r = restore(s.ledger, { 'c.json': withUser });
		const out = applyFileEdits({ 'c.json': withUser }, r.edits)['c.json'];
		assert.deepEqual(getJsonValue(out, '/permissions/deny').value, ['Bash(rm:*)']);
		const clean = restore(s.ledger, { 'c.json': `${s.files['c.json'] ?? ''}` });
		assert.equal(applyFileEdits(s.files, clean.edits)['c.json'], '{\n  "model": "opus"\n}\n');
	});

	it('an entry the user already had is not ours: never removed', () => {
		const files = { 'c.json': '{ "permissions": { "deny": ["Read(./.env)"] } }' };
		const plan = planApply([{ kind: 'jsonArrayItems', file: 'c.json', key: '/permissions/deny', items: ['Read(./.env)'], leverIds: ['d'] }], [], files, NOW);
		assert.deepEqual(plan.edits, []);
		assert.deepEqual(plan.records, []);
	});

	it('prunes what is no longer desired (a decision changed) and takes back array entries no longer sensitive', () => {
		const s1 = run(
			[
				{ kind: 'jsonValue', file: 's.json', key: '/chat.disableAIFeatures', value: true, leverIds: ['v'] },
				{ kind: 'jsonArrayItems', file: 's.json', key: '/tabnine.disableFileRegex', items: ['a', 'b'], leverIds: ['t'] },
			],
			[],
			{ 's.json': '{\n\t"x": 1\n}\n' },
		);
		const s2 = run([{ kind: 'jsonArrayItems', file: 's.json', key: '/tabnine.disableFileRegex', items: ['b'], leverIds: ['t'] }], s1.ledger, s1.files);
		assert.equal(getJsonValue(s2.files['s.json'], '/chat.disableAIFeatures').exists, false);
		assert.deepEqual(getJsonValue(s2.files['s.json'], '/tabnine.disableFileRegex').value, ['b']);
		const s3 = run([], s2.ledger, s2.files);
		assert.equal(s3.files['s.json'], '{\n\t"x": 1\n}\n');
		assert.ok(untouchedSinceUs(s3.ledger, 's.json', s3.files['s.json']));
	});

	it('refuses to edit a JSON file it cannot parse, and says so', () => {
		const plan = planApply([{ kind: 'jsonValue', file: 'bad.json', key: '/a', value: 1, leverIds: ['x'] }], [], { 'bad.json': '{ "a": ' }, NOW);
		assert.deepEqual(plan.edits, []);
		assert.equal(plan.problems.length, 1);
	});

	it('says why it leaves a file as it is in English, and as a template for display', () => {
		const plan = planApply(
			[
				{ kind: 'jsonValue', file: 'bad.json', key: '/a', value: 1, leverIds: ['x'] },
				{ kind: 'jsonValue', file: 'list.json', key: '/a', value: 1, leverIds: ['x'] },
				{ kind: 'jsonArrayItems', file: 'deny.json', key: '/permissions/deny', items: ['Read(.env)'], leverIds: ['x'] },
				{ kind: 'ignoreBlock', file: '.rooignore', lines: ['/a'], leverIds: ['r'] },
			],
			[],
			{ 'bad.json': '{ "a": ', 'list.json': '[1]', 'deny.json': '{ "permissions": { "deny": "all" } }', '.rooignore': `top\n${BLOCK_BEGIN_PREFIX} sha256=0 >>>\n/a\n` },
			NOW,
		);
		assert.deepEqual(plan.edits, []);
		assert.deepEqual(
			plan.problems.map((p) => [p.file, p.message]),
			[
				['bad.json', 'not valid JSON with comments (error 4 at offset 7)'],
				['list.json', 'the top level is not an object'],
				['deny.json', '/permissions/deny is not an array'],
				['.rooignore', 'the managed block at line 2 has lost its end marker; fix or remove it by hand'],
			],
		);
		assert.deepEqual(
			plan.problems.map((p) => p.messageTemplate?.template),
			[MANAGED_JSON_TEXT.invalid, MANAGED_JSON_TEXT.notAnObject, LEDGER_TEXT.notAnArray, LEDGER_TEXT.blockDamaged],
		);
		for (const p of plan.problems) {
			assert.ok(p.messageTemplate);
			assert.equal(fillTemplate(p.messageTemplate.template, p.messageTemplate.args), p.message);
		}
		const damaged = applyBlock(`${BLOCK_BEGIN_PREFIX} sha256=0 >>>\n`, ['/a']);
		assert.ok(!damaged.ok);
		assert.equal(damaged.message, 'the managed block starting at line 1 has no end marker; fix or remove it by hand');
		assert.deepEqual(damaged.messageTemplate, { template: MANAGED_BLOCK_TEXT.noEndMarker, args: ['1'] });
	});

	it('moves lines typed into the block out of it when re-applying', () => {
		const s = run([{ kind: 'ignoreBlock', file: '.rooignore', lines: ['/a'], leverIds: ['r'] }], [], { '.rooignore': 'top\n' });
		const edited = s.files['.rooignore']?.replace('/a\n', '/a\nmine\n');
		const s2 = run([{ kind: 'ignoreBlock', file: '.rooignore', lines: ['/a', '/b'], leverIds: ['r'] }], s.ledger, { '.rooignore': edited });
		const text = s2.files['.rooignore'] ?? '';
		assert.ok(text.startsWith('top\nmine\n# >>>'));
		const r = restore(s2.ledger, s2.files);
		assert.equal(applyFileEdits(s2.files, r.edits)['.rooignore'], 'top\nmine\n');
	});

	it('reports a deleted file as drift and writes nothing', () => {
		const s = run([{ kind: 'ignoreBlock', file: '.rooignore', lines: ['/a'], leverIds: ['r'] }], [], { '.rooignore': 'x\n' });
		const r = restore(s.ledger, {});
		assert.deepEqual(r.edits, []);
		assert.equal(r.drift.length, 1);
	});
});
