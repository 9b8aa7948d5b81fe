// Setting levers in a window with a workspace file: they are compiled into the `.code-workspace` file's `settings`
// (ledger key WORKSPACE_FILE_KEY), written there with the user's comments and other content kept, and restored exactly.
import * as assert from 'node:assert/strict';
import {
	type DesiredChange,
	settingKeyOf,
	settingPointer,
	WORKSPACE_FILE_KEY,
	WORKSPACE_SETTINGS_FILE,
} from '../../../src/core/assistants/compile';
import { detectDrift } from '../../../src/core/assistants/drift';
import { compileForFolders, uniqueFolderKeys } from '../../../src/core/assistants/folders';
import { type FileTexts, type LedgerRecord, appliedLeverIds, applyFileEdits, planApply, restore } from '../../../src/core/assistants/ledger';
import { getJsonValue } from '../../../src/core/assistants/managedJson';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';
import { file, target } from '../../support/assistantTargets';

const NOW = new Date('2026-11-24T10:00:00Z');
const POLICY: Policy = {
	...DEFAULT_POLICY,
	pathRules: [{ id: 'secrets', globs: ['secrets/**'], level: 'restricted' }],
	workspace: { restrictedAt: 'restricted', sensitiveLevel: 'confidential' },
};

const POINTER = '/settings/continue.enableTabAutocomplete';

/** A workspace file as people write them: comments, folders, other settings, extensions and launch. */
const WORKSPACE = `{
	// Our two services. Context Warden must keep this comment byte for byte.
	"folders": [
		{ "path": "alpha" }, // the API
		{ "path": "beta" }
	],
	"settings": {
		/* the team's tab size */
		"editor.tabSize": 2
	},
	"extensions": { "recommendations": ["dbaeumer.vscode-eslint"] },
	"launch": { "version": "0.2.0", "configurations": [] }
}
`;

const NO_SETTINGS = `{
	// no settings yet
	"folders": [{ "path": "alpha" }, { "path": "beta" }]
}
`;

function apply(desired: readonly DesiredChange[], ledger: readonly LedgerRecord[], files: FileTexts): { files: Record<string, string | undefined>; ledger: LedgerRecord[] } {
	const plan = planApply(desired, ledger, files, NOW);
	assert.deepEqual(plan.problems, []);
	return { files: applyFileEdits(files, plan.edits), ledger: [...ledger, ...plan.records] };
}

/** Continue's tab-autocomplete lever as compiled for a workspace file (its other levers left out, to keep the texts short). */
function disableContinue(): DesiredChange[] {
	const changes = compileForFolders(POLICY, [file('beta/.env', 'restricted')], [target('continue', 'disable')], ['alpha', 'beta'], { workspaceFile: true }).changes;
	return changes.filter((c) => c.file === WORKSPACE_FILE_KEY && 'key' in c && c.key === POINTER);
}

describe('assistants/workspace file settings', () => {
	it('the workspace file key is no folder key and no folder-relative path', () => {
		assert.ok(WORKSPACE_FILE_KEY.startsWith('/'));
		for (const name of ['', '/', '.code-workspace', '/.code-workspace', '.']) {
			const [key] = uniqueFolderKeys([name]);
			assert.notEqual(`${key}/x`.slice(0, WORKSPACE_FILE_KEY.length), WORKSPACE_FILE_KEY, name);
			assert.ok(!(key ?? '').startsWith('/'), name);
		}
		assert.equal(settingPointer(WORKSPACE_FILE_KEY, 'chat.disableAIFeatures'), '/settings/chat.disableAIFeatures');
		assert.equal(settingPointer(WORKSPACE_SETTINGS_FILE, 'chat.disableAIFeatures'), '/chat.disableAIFeatures');
		assert.equal(settingKeyOf(WORKSPACE_FILE_KEY, '/settings/a~1b.c'), 'a/b.c');
		assert.equal(settingKeyOf(WORKSPACE_SETTINGS_FILE, '/a.b'), 'a.b');
		assert.equal(settingKeyOf(WORKSPACE_FILE_KEY, '/folders'), undefined);
		assert.equal(settingKeyOf(WORKSPACE_FILE_KEY, '/a.b'), undefined);
		assert.equal(settingKeyOf('alpha/.claude/settings.json', '/permissions/deny'), undefined);
	});

	it('compiles the setting levers of several folders into the workspace file, once', () => {
		const r = compileForFolders(POLICY, [file('alpha/.env', 'restricted'), file('beta/.env', 'restricted')], [target('continue', 'disable')], ['alpha', 'beta'], { workspaceFile: true });
		assert.ok(!r.changes.some((c) => c.file.endsWith(WORKSPACE_SETTINGS_FILE)), JSON.stringify(r.changes.map((c) => c.file)));
		const settings = r.changes.filter((c) => c.file === WORKSPACE_FILE_KEY);
		const value = settings.find((c) => c.kind === 'jsonValue' && c.key === POINTER);
		assert.ok(value?.kind === 'jsonValue', JSON.stringify(settings));
		assert.equal(value.value, false);
		assert.deepEqual(value.leverIds, ['continue.tabAutocompleteOff']);
		assert.equal(settings.filter((c) => 'key' in c && c.key === POINTER).length, 1, 'one change per key, not one per folder');
		assert.ok(!r.skipped.some((s) => s.leverId === 'continue.tabAutocompleteOff'), JSON.stringify(r.skipped));
		// the folders' own files are as before
		assert.ok(r.changes.some((c) => c.file === 'alpha/.continueignore') && r.changes.some((c) => c.file === 'beta/.continueignore'));
	});

	it('one folder in a workspace file: its settings go to the workspace file too, not to .vscode/settings.json', () => {
		const r = compileForFolders(POLICY, [file('.env', 'restricted')], [target('continue', 'disable')], ['app'], { workspaceFile: true });
		assert.ok(r.changes.some((c) => c.file === WORKSPACE_FILE_KEY && 'key' in c && c.key === POINTER));
		assert.ok(!r.changes.some((c) => c.file === WORKSPACE_SETTINGS_FILE));
		assert.ok(r.changes.some((c) => c.file === '.continueignore'));
	});

	it('an array setting gets every folder\'s items', () => {
		const r = compileForFolders(POLICY, [file('alpha/a.key', 'restricted'), file('beta/b.key', 'restricted')], [target('tabnine', 'allowed')], ['alpha', 'beta'], { workspaceFile: true });
		const regexes = r.changes.find((c) => c.file === WORKSPACE_FILE_KEY && c.kind === 'jsonArrayItems');
		assert.ok(regexes?.kind === 'jsonArrayItems', JSON.stringify(r.changes));
		assert.equal(regexes.key, '/settings/tabnine.disableFileRegex');
		assert.ok(regexes.items.some((i) => i.includes('a\\.key')) && regexes.items.some((i) => i.includes('b\\.key')), JSON.stringify(regexes.items));
	});

	it('without a saved workspace file, several folders have nowhere to put settings: skipped, with why', () => {
		const r = compileForFolders(POLICY, [file('beta/.env', 'restricted')], [target('continue', 'disable')], ['alpha', 'beta']);
		assert.ok(!r.changes.some((c) => c.file === WORKSPACE_FILE_KEY || c.file.endsWith(WORKSPACE_SETTINGS_FILE)));
		assert.match(r.skipped.find((s) => s.leverId === 'continue.tabAutocompleteOff')?.reason ?? '', /not saved/);
	});

	it('writes the value inside "settings", keeping comments, folders and the rest; restore gives the bytes back', () => {
		const desired = disableContinue();
		const applied = apply(desired, [], { [WORKSPACE_FILE_KEY]: WORKSPACE });
		const text = applied.files[WORKSPACE_FILE_KEY] ?? '';
		assert.equal(getJsonValue(text, POINTER).value, false);
		assert.equal(getJsonValue(text, '/continue.enableTabAutocomplete').exists, false, 'not at the top level');
		assert.equal(getJsonValue(text, '/settings/editor.tabSize').value, 2);
		for (const kept of ['// Our two services. Context Warden must keep this comment byte for byte.', '{ "path": "alpha" }, // the API', '/* the team\'s tab size */', '"extensions": { "recommendations": ["dbaeumer.vscode-eslint"] },', '"launch": { "version": "0.2.0", "configurations": [] }']) {
			assert.ok(text.includes(kept), `lost: ${kept}\n${text}`);
		}
		assert.ok(appliedLeverIds(applied.ledger).has('continue.tabAutocompleteOff'));
		// applying again changes nothing
		assert.deepEqual(planApply(desired, applied.ledger, applied.files, NOW).edits, []);
		const back = restore(applied.ledger, applied.files);
		assert.deepEqual(back.drift, []);
		assert.equal(applyFileEdits(applied.files, back.edits)[WORKSPACE_FILE_KEY], WORKSPACE);
	});

	it('creates "settings" when the file has none, and takes it away again on restore after the user edited elsewhere', () => {
		const applied = apply(disableContinue(), [], { [WORKSPACE_FILE_KEY]: NO_SETTINGS });
		const text = applied.files[WORKSPACE_FILE_KEY] ?? '';
		assert.deepEqual(getJsonValue(text, '/settings').value, { 'continue.enableTabAutocomplete': false });
		assert.ok(text.includes('// no settings yet'));
		// the user adds a folder: no exact undo now, the managed value and the "settings" we created go, their edit stays
		const edited = text.replace('{ "path": "beta" }]', '{ "path": "beta" }, { "path": "gamma" }]');
		assert.notEqual(edited, text);
		const back = restore(applied.ledger, { [WORKSPACE_FILE_KEY]: edited });
		assert.deepEqual(back.drift, []);
		assert.equal(applyFileEdits({}, back.edits)[WORKSPACE_FILE_KEY], NO_SETTINGS.replace('{ "path": "beta" }]', '{ "path": "beta" }, { "path": "gamma" }]'));
	});

	it('keeps "settings" on restore when the user added a setting of their own to the one we created', () => {
		const applied = apply(disableContinue(), [], { [WORKSPACE_FILE_KEY]: NO_SETTINGS });
		const text = applied.files[WORKSPACE_FILE_KEY] ?? '';
		const edited = text.replace('"continue.enableTabAutocomplete": false', '"continue.enableTabAutocomplete": false,\n\t\t"editor.tabSize": 4');
		const out = applyFileEdits({}, restore(applied.ledger, { [WORKSPACE_FILE_KEY]: edited }).edits)[WORKSPACE_FILE_KEY] ?? '';
		assert.deepEqual(getJsonValue(out, '/settings').value, { 'editor.tabSize': 4 });
		assert.ok(out.includes('// no settings yet'));
	});

	it('a managed value the user changed in the workspace file is drift and applied again; restore then undoes it item by item', () => {
		const applied = apply(disableContinue(), [], { [WORKSPACE_FILE_KEY]: WORKSPACE });
		const changed = (applied.files[WORKSPACE_FILE_KEY] ?? '').replace('"continue.enableTabAutocomplete": false', '"continue.enableTabAutocomplete": true');
		const report = detectDrift(applied.ledger, { [WORKSPACE_FILE_KEY]: changed });
		assert.equal(report.events.length, 1);
		assert.equal(report.events[0]?.file, WORKSPACE_FILE_KEY);
		assert.equal(report.events[0]?.kind, 'valueChanged');
		assert.equal(report.events[0]?.key, POINTER);
		assert.deepEqual(report.events[0]?.leverIds, ['continue.tabAutocompleteOff']);
		// The sentence names the setting by its id and the file without the ledger key's slash.
		assert.equal(report.events[0]?.message, 'continue.enableTabAutocomplete in .code-workspace is true; Context Warden set false.');
		const again = apply(disableContinue(), applied.ledger, { [WORKSPACE_FILE_KEY]: changed });
		assert.equal(getJsonValue(again.files[WORKSPACE_FILE_KEY], POINTER).value, false);
		assert.deepEqual(detectDrift(again.ledger, again.files).events, []);
		// someone else wrote the file in between, so restore undoes item by item: the value was absent before us
		const back = restore(again.ledger, again.files);
		assert.deepEqual(back.drift, []);
		assert.equal(applyFileEdits(again.files, back.edits)[WORKSPACE_FILE_KEY], WORKSPACE);
	});

	it('refuses to edit a workspace file it cannot parse', () => {
		const broken = '{ "folders": [ , }';
		const plan = planApply(disableContinue(), [], { [WORKSPACE_FILE_KEY]: broken }, NOW);
		assert.ok(!plan.edits.some((e) => e.file === WORKSPACE_FILE_KEY));
		assert.ok(plan.problems.some((p) => p.file === WORKSPACE_FILE_KEY), JSON.stringify(plan.problems));
	});
});
