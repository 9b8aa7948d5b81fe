// The hook launcher at a stable path: it runs the installed version's hook, finds the newest version after an
// update moved the recorded one away, and allows (saying so) once Context Warden is gone; the command written into
// the agents' files allows too when the launcher itself is gone.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hookCommandLine } from '../../../src/core/hooks/install';
import { guardedCommand, LAUNCHER_FILE, launcherScript } from '../../../src/core/hooks/launcher';
import { tempDirs } from '../../support/tempDir';

/** A fake installed version whose hook prints which version answered and the arguments it got. */
function installVersion(exts: string, version: string): string {
	const dir = join(exts, `context-warden.context-warden-${version}`, 'dist');
	mkdirSync(dir, { recursive: true });
	const hook = join(dir, 'hook.js');
	writeFileSync(hook, `process.stdout.write(JSON.stringify({ version: ${JSON.stringify(version)}, args: process.argv.slice(2) }));\n`);
	return hook;
}

function run(command: string): { code: number | null; stdout: string; stderr: string } {
	const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', input: '{}' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hooks: the launcher at a stable path', function () {
	this.timeout(20_000);
	const tempDir = tempDirs(afterEach);
	let root = '';
	let exts = '';
	let launcher = '';

	beforeEach(() => {
		root = tempDir('cw-launcher-');
		exts = join(root, 'extensions with space');
		launcher = join(root, "global storage's", 'hooks', 'bin', LAUNCHER_FILE);
		mkdirSync(join(launcher, '..'), { recursive: true });
	});

	function writeLauncher(hook: string, node = process.execPath): void {
		writeFileSync(launcher, launcherScript({ node, electronRunAsNode: false, hook, extensionsDir: exts, folderPrefix: 'context-warden.context-warden-', version: '0.1.0' }));
		chmodSync(launcher, 0o755);
	}

	const command = (agent: 'claude-code' | 'cursor' = 'claude-code'): string =>
		hookCommandLine({ node: '/nowhere/node', cli: '/nowhere/hook.js', launcher, agent, snapshot: join(root, 'snap one.json') });

	it('runs the hook of the version that wrote it, with the agent\'s arguments, and the command names no versioned path', () => {
		writeLauncher(installVersion(exts, '0.1.0'));
		const cmd = command();
		assert.ok(!cmd.includes('0.1.0') && !cmd.includes('/nowhere/'), cmd);
		const r = run(cmd);
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(JSON.parse(r.stdout), { version: '0.1.0', args: ['hook', '--agent', 'claude-code', '--snapshot', join(root, 'snap one.json')] });
	});

	it('after an update removed the recorded version, runs the newest installed one (0.10.0 after 0.9.0)', () => {
		const old = installVersion(exts, '0.1.0');
		writeLauncher(old);
		installVersion(exts, '0.9.0');
		installVersion(exts, '0.10.0');
		rmSync(join(old, '..', '..'), { recursive: true });
		const r = run(command());
		assert.equal(r.code, 0, r.stderr);
		assert.equal((JSON.parse(r.stdout) as { version: string }).version, '0.10.0');
	});

	it('falls back to node on the PATH when the recorded runtime is gone (a remote server updated)', () => {
		writeLauncher(installVersion(exts, '0.1.0'), join(root, 'old-server', 'node'));
		const r = spawnSync('sh', ['-c', command()], { encoding: 'utf8', input: '{}', env: { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}` } });
		assert.equal(r.status, 0, r.stderr);
		assert.equal((JSON.parse(r.stdout) as { version: string }).version, '0.1.0');
	});

	it('allows and says so once Context Warden is uninstalled; Cursor gets its explicit allow', () => {
		const hook = installVersion(exts, '0.1.0');
		writeLauncher(hook);
		rmSync(exts, { recursive: true });
		const r = run(command());
		assert.deepEqual([r.code, r.stdout], [0, '']);
		assert.match(r.stderr, /Context Warden is not installed any more, so this hook allows everything/);
		assert.deepEqual(JSON.parse(run(command('cursor')).stdout), { permission: 'allow' });
	});

	it('allows and says so when the launcher itself is gone (the global storage was removed with the extension)', () => {
		const cmd = guardedCommand(launcher, 'hook --agent claude-code', 'claude-code');
		const r = run(cmd);
		assert.deepEqual([r.code, r.stdout], [0, '']);
		assert.match(r.stderr, /not installed any more/);
		assert.deepEqual(JSON.parse(run(guardedCommand(launcher, 'hook --agent cursor', 'cursor')).stdout), { permission: 'allow' });
	});
});
