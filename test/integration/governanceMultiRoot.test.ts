// Assistant governance in a multi-root workspace: every folder is a project root for the assistants, so each gets
// its own managed ignore file, with paths relative to that folder. The sensitive file is in the second folder, which
// used to get nothing (only the first folder was governed). Restore removes both blocks and leaves the user's lines.
import * as assert from 'node:assert/strict';
import ignore from 'ignore';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import type { GovernanceService } from '../../src/vscode/assistants/governanceService';
import { runCommand, waitFor } from './helpers';
import { runConfig } from './runConfig';

const RESTORE_COMMAND = 'contextWarden.restoreAssistantSettings';
const MANAGED = /# >>> context-warden managed/;
const VSCODE_HOOKS = '.github/hooks/context-warden.json';

function folder(name: string): vscode.Uri {
	const f = vscode.workspace.workspaceFolders?.find((x) => x.name === name);
	assert.ok(f, `no workspace folder ${name}`);
	return f.uri;
}

async function read(folderName: string, rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(folderName), rel)));
	} catch {
		return undefined;
	}
}

suite('governance in a multi-root workspace', () => {
	const config = runConfig();
	let service: GovernanceService;
	let betaBefore: string | undefined;

	suiteSetup(async function () {
		this.timeout(60_000);
		betaBefore = await read('beta', '.clineignore');
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		service = (await ext.activate()).governance();
	});

	test('the run opens a workspace file with two folders, trusted, with the Cline stand-in', () => {
		assert.equal(config.trusted, true);
		assert.ok(vscode.workspace.workspaceFile, 'no workspace file is open');
		assert.deepEqual(
			vscode.workspace.workspaceFolders?.map((f) => f.name),
			['alpha', 'beta'],
		);
		assert.ok(vscode.extensions.getExtension('saoudrizwan.claude-dev'), 'the Cline stand-in is not loaded');
		assert.ok(betaBefore?.startsWith('# My own Cline exclusions in beta'), 'the fixture has its own beta/.clineignore');
	});

	test('each folder gets its own managed ignore file, the second one included', async function () {
		this.timeout(60_000);
		const applied = await waitFor(async () => MANAGED.test((await read('beta', '.clineignore')) ?? '') && MANAGED.test((await read('alpha', '.clineignore')) ?? ''), 45_000, 250);
		assert.ok(applied, `not applied in 45 s; beta/.clineignore:\n${(await read('beta', '.clineignore')) ?? '(missing)'}\nalpha/.clineignore:\n${(await read('alpha', '.clineignore')) ?? '(missing)'}`);
		const beta = (await read('beta', '.clineignore')) ?? '';
		assert.ok(betaBefore !== undefined && beta.startsWith(betaBefore), `the user's lines in beta were changed:\n${beta}`);
		assert.ok(ignore().add(beta).ignores('.env'), `beta/.clineignore does not exclude its .env:\n${beta}`);
		assert.doesNotMatch(beta, /beta\//, 'paths are relative to the folder, not prefixed with its name');
		assert.ok(!ignore().add(beta).ignores('src/lib.ts'));
		// Nothing in the workspace root of the first folder alone, and no settings file in any folder.
		assert.equal(await read('alpha', '.vscode/settings.json'), undefined);
		assert.equal(await read('beta', '.vscode/settings.json'), undefined);
	});

	test('the exposure views match each folder against its own files', () => {
		const cline = service.views().find((v) => v.id === 'cline');
		assert.ok(cline, 'no Cline view');
		assert.ok(cline.blockedByWarden('beta/.env'), 'beta/.env is blocked');
		assert.ok(!cline.blockedByWarden('beta/src/lib.ts'));
		assert.ok(!cline.blockedByWarden('alpha/src/app.ts'));
		assert.ok(cline.excludedByOwnControls('beta/node_modules/x.js'), "beta's own .clineignore line");
		assert.ok(!cline.excludedByOwnControls('alpha/node_modules/x.js'), "alpha has no line of its own");
	});

	test('every folder gets the agent hook files, and restoring the hooks removes them from every folder', async function () {
		this.timeout(45_000);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext);
		const api = await ext.activate();
		const both = async (): Promise<[string | undefined, string | undefined]> => [await read('alpha', VSCODE_HOOKS), await read('beta', VSCODE_HOOKS)];
		const installed = await waitFor(async () => (await both()).every((t) => t !== undefined), 30_000, 250);
		assert.ok(installed, `hook files: ${JSON.stringify(await both())}; status: ${JSON.stringify(api.hooks.statusLines())}`);
		const [alpha, beta] = await both();
		assert.ok(alpha?.includes(folder('alpha').fsPath), 'the alpha hook names its own folder');
		assert.ok(beta?.includes(folder('beta').fsPath), 'the beta hook names its own folder');
		// The second folder's hook denies reading its secret, by a path relative to that folder.
		const command = (JSON.parse(beta ?? '{}') as { hooks?: { PreToolUse?: { command?: string }[] } }).hooks?.PreToolUse?.[0]?.command;
		assert.ok(command, 'no PreToolUse command in beta');
		const cwd = folder('beta').fsPath;
		const payload = { session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'read_file', tool_input: { filePath: `${cwd}/.env` }, tool_use_id: 'toolu_1' };
		const r = await runCommand(command, payload, cwd);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /"permissionDecision":\s*"deny"/, `${r.stdout}${r.stderr}`);
		const ok = await runCommand(command, { ...payload, tool_input: { filePath: `${cwd}/src/lib.ts` } }, cwd);
		assert.equal(ok.stdout, '', 'a public file of beta is allowed');
		await api.hooks.restore();
		const removed = await waitFor(async () => (await both()).every((t) => t === undefined), 15_000, 250);
		assert.ok(removed, `hook files after restore: ${JSON.stringify(await both())}`);
		for (const name of ['alpha', 'beta']) {
			const dirs = await vscode.workspace.fs.readDirectory(folder(name));
			assert.ok(!dirs.some(([n]) => n === '.github'), `${name}/.github is left behind`);
		}
	});

	test('restore removes the managed blocks from every folder', async function () {
		this.timeout(30_000);
		await vscode.commands.executeCommand(RESTORE_COMMAND);
		let alpha: string | undefined;
		let beta: string | undefined;
		const restored = await waitFor(async () => {
			alpha = await read('alpha', '.clineignore');
			beta = await read('beta', '.clineignore');
			return alpha === undefined && beta === betaBefore;
		}, 15_000, 250);
		assert.ok(restored, `alpha/.clineignore: ${JSON.stringify(alpha)}; beta/.clineignore: ${JSON.stringify(beta)}`);
	});
});
