import * as assert from 'node:assert/strict';
import type { DesiredChange } from '../../../src/core/assistants/compile';
import { fillTemplate } from '../../../src/core/assistants/decide';
import { detectDrift, DRIFT_TEXT } from '../../../src/core/assistants/drift';
import { applyFileEdits, planApply } from '../../../src/core/assistants/ledger';
import { getJsonValue } from '../../../src/core/assistants/managedJson';

const NOW = new Date('2026-11-24T10:00:00Z');
const DESIRED: DesiredChange[] = [
	{ kind: 'ignoreBlock', file: '.cursorignore', lines: ['/.env'], leverIds: ['cursor.cursorignore'] },
	{ kind: 'jsonValue', file: '.vscode/settings.json', key: '/chat.disableAIFeatures', value: true, leverIds: ['vscode-chat.disableAIFeatures'] },
	{ kind: 'jsonArrayItems', file: '.claude/settings.json', key: '/permissions/deny', items: ['Read(./.env)'], leverIds: ['claude-code.denyRead'] },
];

function applied(): { files: Record<string, string | undefined>; ledger: ReturnType<typeof planApply>['records'] } {
	const plan = planApply(DESIRED, [], { '.vscode/settings.json': '{\n\t"a": 1\n}\n' }, NOW);
	return { files: applyFileEdits({ '.vscode/settings.json': '{\n\t"a": 1\n}\n' }, plan.edits), ledger: plan.records };
}

describe('assistants/drift', () => {
	it('reports nothing when the files hold what was applied', () => {
		const { files, ledger } = applied();
		assert.deepEqual(detectDrift(ledger, files).events, []);
	});

	it('reports a value VS Code wrote back, an edited block, a removed entry and a deleted file', () => {
		const { files, ledger } = applied();
		const changed = {
			...files,
			'.vscode/settings.json': files['.vscode/settings.json']?.replace('true', 'false'),
			'.cursorignore': files['.cursorignore']?.replace('/.env\n', '/.env\n!/.env\n'),
			'.claude/settings.json': '{ "permissions": { "deny": [] } }',
		};
		const kinds = detectDrift(ledger, changed).events.map((e) => `${e.kind} ${e.file}`).sort();
		assert.deepEqual(kinds, ['blockEdited .cursorignore', 'itemRemoved .claude/settings.json', 'valueChanged .vscode/settings.json']);
		const v = detectDrift(ledger, changed).events.find((e) => e.kind === 'valueChanged');
		assert.equal(v?.expected, true);
		assert.equal(v?.actual, false);
		assert.deepEqual(v?.leverIds, ['vscode-chat.disableAIFeatures']);
		const gone = detectDrift(ledger, { ...files, '.cursorignore': undefined }).events;
		assert.deepEqual(gone.map((e) => e.kind), ['fileDeleted']);
		const removed = detectDrift(ledger, { ...files, '.cursorignore': 'build/\n' }).events;
		assert.deepEqual(removed.map((e) => e.kind), ['blockRemoved']);
		const broken = detectDrift(ledger, { ...files, '.vscode/settings.json': '{ "a": ' }).events;
		assert.deepEqual(broken.map((e) => e.kind), ['unparseable']);
	});

	it('gives the re-apply plan when the policy requires it, keeping the user\'s content', () => {
		const { files, ledger } = applied();
		const changed = { ...files, '.vscode/settings.json': files['.vscode/settings.json']?.replace('true', 'false').replace('"a": 1', '"a": 2') };
		const report = detectDrift(ledger, changed, DESIRED, NOW);
		assert.ok(report.reapply);
		const fixed = applyFileEdits(changed, report.reapply.edits);
		assert.equal(getJsonValue(fixed['.vscode/settings.json'], '/chat.disableAIFeatures').value, true);
		assert.equal(getJsonValue(fixed['.vscode/settings.json'], '/a').value, 2);
		assert.deepEqual(detectDrift([...ledger, ...report.reapply.records], fixed).events, []);
	});

	it('says each kind of drift in the same English sentences, and gives each as a template of DRIFT_TEXT', () => {
		const { files, ledger } = applied();
		const damaged = `${files['.cursorignore'] ?? ''}`.replace(/^# <<< .*$/m, '');
		const cases: Record<string, string | undefined>[] = [
			{ ...files, '.cursorignore': undefined },
			{ ...files, '.cursorignore': 'build/\n' },
			{ ...files, '.cursorignore': files['.cursorignore']?.replace('/.env\n', '/.env\n!/.env\n') },
			{ ...files, '.cursorignore': damaged },
			{ ...files, '.vscode/settings.json': '{ "a": ' },
			{ ...files, '.vscode/settings.json': '{ "chat.disableAIFeatures": false }' },
			{ ...files, '.vscode/settings.json': '{}' },
			{ ...files, '.claude/settings.json': '{ "permissions": { "deny": [] } }' },
		];
		const events = cases.flatMap((c) => detectDrift(ledger, c).events);
		assert.deepEqual(
			events.map((e) => e.message),
			[
				'.cursorignore was deleted; Context Warden had written to it.',
				'The Context Warden block in .cursorignore was removed.',
				'The Context Warden block in .cursorignore was edited.',
				'The Context Warden block in .cursorignore lost its end marker (line 1).',
				'.vscode/settings.json is not valid JSON now; Context Warden cannot check its entries.',
				'chat.disableAIFeatures in .vscode/settings.json is false; Context Warden set true.',
				'chat.disableAIFeatures was removed from .vscode/settings.json; Context Warden set true.',
				'"Read(./.env)" was removed from /permissions/deny in .claude/settings.json.',
			],
		);
		assert.deepEqual(new Set(events.map((e) => e.messageTemplate.template)), new Set(Object.values(DRIFT_TEXT)));
		for (const e of events) {
			assert.equal(fillTemplate(e.messageTemplate.template, e.messageTemplate.args), e.message);
		}
	});
});
