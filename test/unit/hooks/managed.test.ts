// Machine-wide hook files (`context-warden install-hooks --managed`): installed into a temporary root (the paths
// redirected), each file has the shape its vendor documents, other keys and other hooks in it are kept byte for
// byte, installing twice changes nothing, --remove gives the file back; and the installed command, run through the
// shell as the agent runs it, denies `cat .env` in a terminal-only workspace (no editor, no snapshot).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installHooksCommand } from '../../../src/cli/installHooks';
import type { CliIo } from '../../../src/cli/io';
import { editManagedFile, MANAGED_HOOK_TARGETS, MANAGED_MARKER, managedCommand, managedHookContent } from '../../../src/core/hooks/managed';

const ROOT = path.join(__dirname, '..', '..', '..');

function captureIo(cwd: string): { io: CliIo; out: () => string; err: () => string } {
	let out = '';
	let err = '';
	return {
		io: { stdout: { write: (s: string) => void (out += s) }, stderr: { write: (s: string) => void (err += s) }, cwd, env: {} },
		out: () => out,
		err: () => err,
	};
}

/** A CLI entry the installed command can run in a unit test: the TypeScript sources through tsx (no build needed). */
function sourceCli(dir: string): string {
	const file = path.join(dir, 'cw-cli.js');
	const tsx = require.resolve('tsx/cjs', { paths: [ROOT] });
	fs.writeFileSync(
		file,
		`require(${JSON.stringify(tsx)});\nconst { runCli } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'main.ts'))});\n` +
			`runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then((c) => { process.exitCode = c; });\n`,
	);
	return file;
}

type Json = Record<string, unknown>;
const read = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;

describe('managed (machine-wide) agent hooks', function () {
	this.timeout(60_000);
	let tmp = '';
	let root = '';
	let cli = '';
	beforeEach(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-managed-'));
		root = path.join(tmp, 'root');
		cli = sourceCli(tmp);
	});
	afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

	const install = async (...extra: string[]): Promise<{ code: number; out: string; err: string }> => {
		const c = captureIo(tmp);
		const code = await installHooksCommand.run(['--managed', '--root', root, '--platform', 'linux', '--cli', cli, '--node', process.execPath, ...extra], c.io);
		return { code, out: c.out(), err: c.err() };
	};

	it("writes each agent's file where its vendor documents it, in its documented shape", async () => {
		const r = await install();
		assert.equal(r.code, 0, r.err);
		// Claude Code: managed-settings.json, hooks.<Event>[].{matcher, hooks[].{type: command, command}}.
		const claude = read(path.join(root, 'etc/claude-code/managed-settings.json'));
		const pre = (claude.hooks as Json).PreToolUse as { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[];
		assert.match(pre[0]?.matcher ?? '', /Read/);
		assert.match(pre[0]?.matcher ?? '', /Bash/);
		assert.equal(pre[0]?.hooks[0]?.type, 'command');
		assert.ok(pre[0]?.hooks[0]?.command.includes(MANAGED_MARKER));
		assert.ok((claude.hooks as Json).UserPromptSubmit);
		// Gemini CLI: the system settings file, hooks.BeforeTool[].{matcher, hooks[].{name, type, command, timeout ms}}.
		const gemini = read(path.join(root, 'etc/gemini-cli/settings.json'));
		const before = (gemini.hooks as Json).BeforeTool as { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[];
		assert.match(before[0]?.matcher ?? '', /run_shell_command/);
		assert.equal(before[0]?.hooks[0]?.type, 'command');
		assert.ok((before[0]?.hooks[0]?.timeout ?? 0) >= 1000, 'Gemini timeouts are milliseconds');
		// Cursor: the enterprise hooks.json, { version: 1, hooks: { beforeShellExecution: [{ command }] } }.
		const cursor = read(path.join(root, 'etc/cursor/hooks.json'));
		assert.equal(cursor.version, 1);
		assert.ok(((cursor.hooks as Json).beforeShellExecution as { command: string }[])[0]?.command.includes(MANAGED_MARKER));
		assert.deepEqual(MANAGED_HOOK_TARGETS.map((t) => t.agent).sort(), ['claude-code', 'cursor', 'gemini-cli-companion']);
		for (const t of MANAGED_HOOK_TARGETS) {
			assert.match(r.out, new RegExp(`${t.paths.linux.replace(/[.]/g, '\\.')}: .*hook written`));
		}
	});

	it("keeps the admin's own keys, comments and hooks; a second install changes nothing; --remove gives the file back", async () => {
		const file = path.join(root, 'etc/claude-code/managed-settings.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const original = `{\n  // set by IT\n  "permissions": { "deny": ["Read(./secrets/**)"] },\n  "hooks": {\n    "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "/opt/it/audit.sh" } ] } ]\n  }\n}\n`;
		fs.writeFileSync(file, original);
		assert.equal((await install('--agents', 'claude-code')).code, 0);
		const installed = fs.readFileSync(file, 'utf8');
		assert.ok(installed.includes('// set by IT'));
		const pre = ((JSON.parse(installed.replace('// set by IT', '')) as Json).hooks as Json).PreToolUse as { hooks: { command: string }[] }[];
		assert.equal(pre[0]?.hooks[0]?.command, '/opt/it/audit.sh', "IT's own hook is kept, first");
		assert.ok(pre[1]?.hooks[0]?.command.includes(MANAGED_MARKER));
		const again = await install('--agents', 'claude-code');
		assert.match(again.out, /already up to date/);
		assert.equal(fs.readFileSync(file, 'utf8'), installed);
		assert.equal((await install('--agents', 'claude', '--remove')).code, 0, 'the old id is accepted too');
		const removed = fs.readFileSync(file, 'utf8');
		assert.ok(!removed.includes(MANAGED_MARKER));
		assert.equal(removed, original, 'byte for byte');
	});

	it('a file that is not valid JSON, or not a file, is left as it is and the exit code says so', async () => {
		const file = path.join(root, 'etc/gemini-cli/settings.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, '{ "ui": ');
		const r = await install('--agents', 'gemini-cli-companion');
		assert.equal(r.code, 1);
		assert.match(r.err, /not valid JSON/);
		assert.equal(fs.readFileSync(file, 'utf8'), '{ "ui": ');
		assert.equal(editManagedFile('[1]', {}).ok, false);
	});

	it('refuses an agent without a machine-wide file, and Windows, saying why', async () => {
		const c = captureIo(tmp);
		assert.equal(await installHooksCommand.run(['--managed', '--agents', 'openai-codex', '--root', root], c.io), 2);
		assert.match(c.err(), /no machine-wide hook file/);
		const w = captureIo(tmp);
		assert.equal(await installHooksCommand.run(['--managed', '--platform', 'win32', '--root', root], w.io), 2);
		assert.match(w.err(), /only linux and darwin/);
	});

	it('the installed Claude Code command denies `cat .env` in a terminal-only workspace (no editor, no snapshot)', async () => {
		assert.equal((await install('--agents', 'claude-code')).code, 0);
		const claude = read(path.join(root, 'etc/claude-code/managed-settings.json'));
		const command = (((claude.hooks as Json).PreToolUse as { hooks: { command: string }[] }[])[0]?.hooks[0]?.command) ?? '';
		const ws = path.join(tmp, 'project');
		fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
		fs.writeFileSync(path.join(ws, '.env'), 'DB_PASSWORD=hunter2-but-longer-than-that\n');
		fs.writeFileSync(path.join(ws, 'src', 'app.ts'), 'export {};\n');
		const payload = { hook_event_name: 'PreToolUse', session_id: 's', cwd: ws, tool_name: 'Bash', tool_input: { command: 'cat .env' } };
		const env = { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache') };
		const r = spawnSync('sh', ['-c', command], { cwd: ws, input: JSON.stringify(payload), encoding: 'utf8', env, timeout: 30_000 });
		assert.equal(r.status, 0, r.stderr);
		const answer = JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string } };
		assert.equal(answer.hookSpecificOutput?.permissionDecision, 'deny', r.stdout);
		// A harmless read is allowed (no output).
		const ok = spawnSync('sh', ['-c', command], { cwd: ws, input: JSON.stringify({ ...payload, tool_input: { command: 'cat src/app.ts' } }), encoding: 'utf8', env, timeout: 30_000 });
		assert.equal(ok.status, 0, ok.stderr);
		assert.equal(ok.stdout.trim(), '');
	});

	it('an uninstalled CLI leaves a command that allows and says so (Cursor gets its explicit allow)', () => {
		const gone = { node: process.execPath, cli: path.join(tmp, 'nowhere', 'cli.js') };
		for (const agent of ['claude-code', 'cursor'] as const) {
			const r = spawnSync('sh', ['-c', managedCommand(gone, agent)], { input: '{}', encoding: 'utf8' });
			assert.equal(r.status, 0);
			assert.match(r.stderr, /not installed/);
			assert.equal(r.stdout.trim(), agent === 'cursor' ? '{"permission":"allow"}' : '');
		}
		assert.ok(JSON.stringify(managedHookContent(gone, 'claude-code')).includes(MANAGED_MARKER));
	});
});
