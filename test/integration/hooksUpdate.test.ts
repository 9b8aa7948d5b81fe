// Hooks across an extension update, with Context Warden installed as a user installs it (copied into the
// extensions folder, not loaded as the development extension): the hook files name only the launcher at a stable
// path in the global storage; after a second version is installed and the first one's folder removed (what the
// editor does once it has updated), the installed Claude Code command still denies `cat .env`; after an uninstall
// it allows and says so.
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import { runCommand, waitFor, workspaceRoot } from './helpers';

interface HooksApi {
	install(): Promise<void>;
}

const CLAUDE = '.claude/settings.local.json';

type ClaudeSettings = { hooks?: Record<string, { matcher?: string; hooks: { type: string; command: string }[] }[]> };

async function claudeCommand(): Promise<string | undefined> {
	try {
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), CLAUDE)));
		return (parse(text) as ClaudeSettings).hooks?.PreToolUse?.[0]?.hooks[0]?.command;
	} catch {
		return undefined;
	}
}

function catEnv(): Record<string, unknown> {
	const root = workspaceRoot().fsPath;
	return { session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat .env' }, tool_use_id: 'toolu_1' };
}

async function decision(command: string): Promise<{ code: number | null; decision?: string; stderr: string; stdout: string }> {
	const r = await runCommand(command, catEnv(), workspaceRoot().fsPath);
	const out = r.stdout === '' ? {} : (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string } });
	return { code: r.code, stderr: r.stderr, stdout: r.stdout, ...(out.hookSpecificOutput?.permissionDecision ? { decision: out.hookSpecificOutput.permissionDecision } : {}) };
}

suite('hooks survive an extension update', () => {
	let ext: vscode.Extension<ContextWardenApi> | undefined;
	let command = '';

	suiteSetup(async function () {
		this.timeout(60_000);
		ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		assert.match(path.basename(ext.extensionPath), /^context-warden\.context-warden-\d/, `installed as a user installs it, not as the development extension: ${ext.extensionPath}`);
		const api = await ext.activate();
		assert.ok(await waitFor(() => !api.isScanning() && api.summary()?.restricted === true, 45_000, 200), 'the workspace did not become restricted');
		const hooks = (api as ContextWardenApi & { hooks?: HooksApi }).hooks;
		assert.ok(hooks);
		await hooks.install();
		assert.ok(await waitFor(async () => (await claudeCommand()) !== undefined, 20_000, 200), `${CLAUDE} has no hook`);
		command = (await claudeCommand()) ?? '';
	});

	test('the installed command names the launcher at a stable path, not the versioned extension folder', () => {
		assert.match(command, /context-warden-hook/);
		assert.ok(ext && !command.includes(ext.extensionPath), command);
		assert.ok(!command.includes(process.execPath), `the command names the runtime: ${command}`);
	});

	test('it denies `cat .env` with the version that installed it', async function () {
		this.timeout(20_000);
		const r = await decision(command);
		assert.deepEqual([r.code, r.decision], [0, 'deny'], r.stderr);
	});

	test('after a second version is installed and the first removed, the same command still denies', async function () {
		this.timeout(30_000);
		assert.ok(ext);
		const first = ext.extensionPath;
		const second = path.join(path.dirname(first), `${path.basename(first).replace(/-[^-]+$/, '')}-99.0.0`);
		cpSync(first, second, { recursive: true });
		const manifest = JSON.parse(readFileSync(path.join(second, 'package.json'), 'utf8')) as { version: string };
		writeFileSync(path.join(second, 'package.json'), JSON.stringify({ ...manifest, version: '99.0.0' }));
		rmSync(first, { recursive: true, force: true });
		const r = await decision(command);
		assert.deepEqual([r.code, r.decision], [0, 'deny'], `${r.stderr}\n${r.stdout}`);
	});

	test('after an uninstall (no version left), the command allows and says why', async function () {
		this.timeout(20_000);
		assert.ok(ext);
		for (const dir of [path.dirname(ext.extensionPath)]) {
			for (const name of ['99.0.0']) {
				rmSync(path.join(dir, `${path.basename(ext.extensionPath).replace(/-[^-]+$/, '')}-${name}`), { recursive: true, force: true });
			}
		}
		const r = await decision(command);
		assert.deepEqual([r.code, r.stdout], [0, ''], r.stderr);
		assert.match(r.stderr, /Context Warden is not installed any more, so this hook allows everything/);
	});
});
