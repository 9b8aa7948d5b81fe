// Setting levers in a multi-root workspace: VS Code reads the workspace settings from the `.code-workspace` file's
// `settings`, so that is where Context Warden writes them (they used to be dropped in a multi-root workspace). The
// restricted `multiroot-settings` workspace (policy: disable) with the Continue stand-in: Continue's settings land
// in the workspace file next to the user's setting, with its comments and folders kept, and count as applied in the
// coverage; a user setting one back is drift, logged and applied again; a managed file caught half-written (empty
// for a moment, then whole again) is no drift; restore gives the file back as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { WORKSPACE_FILE_KEY } from '../../src/core/assistants/compile';
import { getJsonValue } from '../../src/core/assistants/managedJson';
import type { AuditEntry } from '../../src/core/audit/log';
import type { ContextWardenApi } from '../../src/extension';
import { auditEntries, waitFor, waitForAuditEntry } from './helpers';
import { runConfig } from './runConfig';

const KEY = 'continue.enableTabAutocomplete';
const POINTER = `/settings/${KEY}`;
const COMMENT = '// Two services in one window. Context Warden must keep this comment byte for byte.';
/** The fixture's `settings.code-workspace`, byte for byte (the levers may be applied before the suite reads it). */
const BEFORE = [
	'{',
	`\t${COMMENT}`,
	'\t"folders": [',
	'\t\t{ "path": "alpha" }, // the API',
	'\t\t{ "path": "beta" }',
	'\t],',
	'\t"settings": {',
	"\t\t/* the team's tab size */",
	'\t\t"editor.tabSize": 2',
	'\t},',
	'\t"extensions": { "recommendations": ["dbaeumer.vscode-eslint"] }',
	'}',
	'',
].join('\n');

function workspaceFile(): vscode.Uri {
	const uri = vscode.workspace.workspaceFile;
	assert.ok(uri, 'no workspace file is open');
	return uri;
}

async function readWorkspaceFile(): Promise<string> {
	return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(workspaceFile()));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

suite('governance: setting levers in the workspace file', () => {
	const config = runConfig();
	let api: ContextWardenApi;

	const entries = (type?: string): Promise<AuditEntry[]> => auditEntries(api, type);
	const waitForEntry = (type: string, match: (e: AuditEntry) => boolean, timeoutMs?: number): Promise<AuditEntry | undefined> =>
		waitForAuditEntry(api, type, match, timeoutMs);

	suiteSetup(async function () {
		this.timeout(60_000);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		api = await ext.activate();
	});

	test('the run opens a saved workspace file with two folders, trusted, with the Continue stand-in', () => {
		assert.equal(config.trusted, true);
		assert.equal(vscode.workspace.isTrusted, true);
		assert.notEqual(workspaceFile().scheme, 'untitled');
		assert.deepEqual(
			vscode.workspace.workspaceFolders?.map((f) => f.name),
			['alpha', 'beta'],
		);
		assert.ok(vscode.extensions.getExtension('continue.continue'), 'the Continue stand-in is not loaded');
		assert.equal(getJsonValue(BEFORE, POINTER).exists, false, 'the fixture has no managed setting');
	});

	test("the setting levers land in the workspace file's settings, with the user's comments, folders and settings kept", async function () {
		this.timeout(60_000);
		// The editor writes the keys one by one: wait for all three of Continue's.
		const applied = await waitFor(async () => {
			const text = await readWorkspaceFile();
			return getJsonValue(text, POINTER).value === false && getJsonValue(text, '/settings/continue.enableNextEdit').exists && getJsonValue(text, '/settings/continue.pauseCodebaseIndexOnStart').exists;
		}, 45_000, 250);
		assert.ok(applied, `not applied in 45 s; the workspace file is now:\n${await readWorkspaceFile()}`);
		const text = await readWorkspaceFile();
		assert.equal(getJsonValue(text, '/settings/continue.enableNextEdit').value, false, text);
		assert.equal(getJsonValue(text, '/settings/continue.pauseCodebaseIndexOnStart').value, true, text);
		assert.equal(getJsonValue(text, `/${KEY}`).exists, false, 'not at the top level of the file');
		for (const kept of [COMMENT, '{ "path": "alpha" }, // the API', "/* the team's tab size */", '"extensions": { "recommendations": ["dbaeumer.vscode-eslint"] }']) {
			assert.ok(text.includes(kept), `lost: ${kept}\n${text}`);
		}
		assert.deepEqual(getJsonValue(text, '/folders').value, [{ path: 'alpha' }, { path: 'beta' }]);
		assert.equal(getJsonValue(text, '/settings/editor.tabSize').value, 2);
		// The editor reads it as a workspace setting; no folder got a settings file.
		assert.equal(vscode.workspace.getConfiguration().inspect<boolean>(KEY)?.workspaceValue, false);
		for (const f of vscode.workspace.workspaceFolders ?? []) {
			assert.equal(await exists(vscode.Uri.joinPath(f.uri, '.vscode/settings.json')), false, `${f.name}/.vscode/settings.json was written`);
		}
	});

	test('the coverage counts them as applied: Continue is disabled with its settings, completions no longer a gap', async function () {
		this.timeout(30_000);
		const disabled = await waitForEntry('assistant.disabled', (e) => e.data.assistantId === 'continue');
		assert.ok(disabled, 'no assistant.disabled entry for Continue');
		assert.ok(Array.isArray(disabled.data.levers) && disabled.data.levers.includes('continue.tabAutocompleteOff'), JSON.stringify(disabled.data));
		const input = api
			.governance()
			.auditAssistants()
			.find((a) => a.id === 'continue');
		assert.ok(input, 'Continue is not in the audit input');
		assert.equal(input.decision, 'disable');
		for (const id of ['continue.tabAutocompleteOff', 'continue.nextEditOff', 'continue.pauseIndexing', 'continue.continueignore']) {
			assert.ok(input.leversApplied.includes(id), `${id} is not applied: ${JSON.stringify(input.leversApplied)}`);
		}
		assert.ok(!input.coverageGaps.some((g) => g.startsWith('inline completions not covered')), JSON.stringify(input.coverageGaps));
		assert.ok(!(input.why ?? []).some((w) => w.includes('not registered')), JSON.stringify(input.why));
	});

	test('a managed setting set back by the user is drift: logged once and applied again', async function () {
		this.timeout(60_000);
		await vscode.workspace.getConfiguration().update(KEY, true, vscode.ConfigurationTarget.Workspace);
		const entry = await waitForEntry('drift.detected', (e) => e.data.file === WORKSPACE_FILE_KEY);
		assert.ok(entry, `no drift.detected entry for the workspace file: ${JSON.stringify(await entries('drift.detected'))}`);
		assert.equal(entry.data.kind, 'valueChanged');
		assert.ok(Array.isArray(entry.data.levers) && entry.data.levers.includes('continue.tabAutocompleteOff'), JSON.stringify(entry.data));
		assert.equal(entry.data.reapplied, true);
		for (const k of ['expected', 'actual', 'message']) {
			assert.ok(!(k in entry.data), `the entry carries ${k}: ${JSON.stringify(entry.data)}`);
		}
		const back = await waitFor(async () => getJsonValue(await readWorkspaceFile(), POINTER).value === false, 15_000, 100);
		assert.ok(back, `not applied again:\n${await readWorkspaceFile()}`);
		await new Promise((r) => setTimeout(r, 2_500));
		assert.equal((await entries('drift.detected')).filter((e) => e.data.file === WORKSPACE_FILE_KEY).length, 1);
		const text = await readWorkspaceFile();
		assert.equal(getJsonValue(text, POINTER).value, false);
		assert.ok(text.includes(COMMENT), text);
		const drift = api
			.governance()
			.auditAssistants()
			.find((a) => a.id === 'continue')?.drift;
		assert.ok(drift?.some((d) => d.file === WORKSPACE_FILE_KEY), JSON.stringify(drift));
	});

	test('a managed file caught half-written is judged once it has settled: written back whole, it is no drift', async function () {
		this.timeout(30_000);
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder, 'no first folder');
		const file = vscode.Uri.joinPath(folder.uri, '.continueignore');
		const whole = await vscode.workspace.fs.readFile(file);
		assert.ok(whole.length > 0, '.continueignore is empty');
		const before = (await entries('drift.detected')).length;
		// As an editor saving in two steps would: the file is empty for a moment, then whole again.
		await vscode.workspace.fs.writeFile(file, new Uint8Array());
		await new Promise((r) => setTimeout(r, 120));
		await vscode.workspace.fs.writeFile(file, whole);
		await new Promise((r) => setTimeout(r, 3_000));
		const after = await entries('drift.detected');
		assert.equal(after.length, before, `drift logged for a file that was written back whole: ${JSON.stringify(after.slice(before).map((e) => e.data))}`);
	});

	test('restore takes the settings out: the workspace file is as it was', async function () {
		this.timeout(30_000);
		await api.governance().restore();
		const restored = await waitFor(async () => (await readWorkspaceFile()) === BEFORE, 15_000, 250);
		assert.ok(restored, `the workspace file after restore:\n${await readWorkspaceFile()}`);
		const entry = await waitForEntry('assistant.restored', (e) => e.data.assistantId === 'continue');
		assert.ok(entry && Array.isArray(entry.data.levers) && entry.data.levers.includes('continue.tabAutocompleteOff'), JSON.stringify(entry?.data));
		assert.equal(await waitFor(() => vscode.workspace.getConfiguration().inspect(KEY)?.workspaceValue === undefined, 10_000, 100), true);
	});
});
