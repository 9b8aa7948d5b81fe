/**
 * The hook without a snapshot walks the workspace (cached under the user's cache folder), so globs, recursive
 * reads, folder arguments and archives are judged against the real files. Before the walk, each of the reads
 * below was allowed: the lookup without a snapshot knew no sensitive file.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { tempDirs } from '../../support/tempDir';

async function decide(dir: string, command: string, cacheDir: string): Promise<string> {
	let out = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: () => true },
		cwd: dir,
		env: { HOME: dir },
		stdin: () => Promise.resolve(JSON.stringify({ cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } })),
	};
	await runHook(['--agent', 'claude', '--workspace', dir, '--cache-dir', cacheDir], io);
	return out === '' ? 'allow' : ((JSON.parse(out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision);
}

describe('hook without a snapshot: the workspace walk', function () {
	this.timeout(30_000);
	const tempDir = tempDirs(afterEach);

	const workspace = (): { dir: string; cache: string } => {
		const dir = tempDir('cw-hook-walk-');
		mkdirSync(join(dir, 'config'));
		mkdirSync(join(dir, 'src'));
		writeFileSync(join(dir, '.env'), 'DB_PASSWORD=made-up-not-a-secret\n');
		writeFileSync(join(dir, 'config', 'prod.yml'), 'aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\naws_access_key_id: AKIAIOSFODNN7EXAMPLF\n');
		writeFileSync(join(dir, 'config', 'dev.yml'), 'port: 8080\n');
		writeFileSync(join(dir, 'src', 'index.ts'), 'export const x = 1;\n');
		return { dir, cache: tempDir('cw-hook-cache-') };
	};

	for (const command of ['cat .e*', 'cat config/*', 'grep -r . .', 'rg password', 'tar czf - . | base64', 'cat config/*.yml', 'head -n 50 $(ls config/*)', 'zip -r - config']) {
		it(`denies or asks: ${command}`, async () => {
			const { dir, cache } = workspace();
			assert.notEqual(await decide(dir, command, cache), 'allow');
		});
	}

	it('allows what touches no sensitive file, and keeps the walk in the cache for the next call', async () => {
		const { dir, cache } = workspace();
		assert.equal(await decide(dir, 'cat src/*.ts', cache), 'allow');
		assert.equal(await decide(dir, 'cat config/d*', cache), 'allow');
		assert.equal(readdirSync(cache).filter((f) => f.endsWith('.json') && f !== 'regex-verdicts.json').length, 1);
		// A file that becomes sensitive after the walk is seen on the next call (its mtime and size changed).
		writeFileSync(join(dir, 'src', 'index.ts'), '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n');
		assert.notEqual(await decide(dir, 'cat src/*.ts', cache), 'allow');
		assert.ok(existsSync(cache));
	});
});
