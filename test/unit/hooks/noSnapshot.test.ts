/**
 * The hook with no snapshot: the effective policy (org policy, workspace layers) is loaded and the real classifier
 * decides. With no org policy on the machine, the built-in default policy is in force.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { verifyLog } from '../../../src/core/audit/log';
import { fsLogStore } from '../../../src/core/audit/logStore';
import { buildSnapshot } from '../../../src/core/hooks/snapshot';
import { tempDirs } from '../../support/tempDir';

async function hook(dir: string, payload: unknown, extra: string[] = []): Promise<{ out: string; err: string; code: number }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: dir,
		env: { HOME: '/home/nobody' },
		stdin: () => Promise.resolve(JSON.stringify(payload)),
	};
	const code = await runHook(['--agent', 'claude', ...extra], io);
	return { out, err, code };
}

const bash = (dir: string, command: string): unknown => ({ cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

describe('hook without a snapshot: the effective policy decides', () => {
	const tempDir = tempDirs(afterEach);

	const workspace = (): string => {
		const dir = tempDir('cw-hook-nosnap-');
		writeFileSync(join(dir, '.env'), 'DB_PASSWORD=made-up-not-a-secret\n');
		writeFileSync(join(dir, 'README.md'), '# hello\n');
		return dir;
	};

	it('records a denial in the hash-chained audit log given by --log, without content, and the chain verifies', async function () {
		this.timeout(20_000);
		const dir = workspace();
		const logDir = tempDir('cw-hook-log-');
		const r = await hook(dir, bash(dir, 'cat .env'), ['--workspace', dir, '--log', join(logDir, 'audit.jsonl')]);
		assert.match(r.out, /"deny"/);
		assert.match((await hook(dir, bash(dir, 'cat README.md'), ['--workspace', dir, '--log', join(logDir, 'audit.jsonl')])).out, /^$/);
		const verified = await verifyLog(fsLogStore(logDir), 'audit.jsonl');
		assert.equal(verified.ok, true);
		assert.deepEqual(
			verified.entries.map((e) => [e.type, (e.data as { agent?: string }).agent, (e.data as { paths?: string[] }).paths]),
			[['hook.deny', 'claude-code', ['.env']]],
			'one entry: the denial (an allow is not recorded)',
		);
		assert.ok(!readFileSync(join(logDir, 'audit.jsonl'), 'utf8').includes('made-up-not-a-secret'));
	});

	it('denies `cat .env` under the built-in default policy', async function () {
		this.timeout(20_000);
		const dir = workspace();
		const r = await hook(dir, bash(dir, 'cat .env'), ['--workspace', dir]);
		assert.equal(r.code, 0);
		const out = JSON.parse(r.out) as { hookSpecificOutput: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string } };
		assert.equal(out.hookSpecificOutput.hookEventName, 'PreToolUse');
		assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
		assert.match(out.hookSpecificOutput.permissionDecisionReason, /\.env \(restricted, rule /);
		assert.ok(!r.out.includes('made-up-not-a-secret'), 'the secret never appears in the output');
	});

	it('takes the workspace root from the payload when --workspace is absent, and allows a public file', async () => {
		const dir = workspace();
		assert.match((await hook(dir, bash(dir, 'cat .env'))).out, /"deny"/);
		const r = await hook(dir, bash(dir, 'cat README.md'));
		assert.equal(r.out, '');
		assert.equal(r.code, 0);
	});

	it('classifies content: a secret in an innocently named file is denied', async () => {
		const dir = workspace();
		writeFileSync(join(dir, 'notes.txt'), 'aws_access_key_id = AKIAIOSFODNN7EXAMPLF\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\n');
		const r = await hook(dir, { cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: join(dir, 'notes.txt') } });
		assert.match(r.out, /"deny"/);
	});

	it('honours the workspace layer: a path rule added there makes a file sensitive', async () => {
		const dir = workspace();
		mkdirSync(join(dir, '.vscode'));
		writeFileSync(join(dir, '.vscode', 'context-policy.json'), JSON.stringify({ version: 1, pathRules: [{ id: 'ws.plans', globs: ['plans/**'], level: 'restricted', reason: 'plans' }] }));
		mkdirSync(join(dir, 'plans'));
		writeFileSync(join(dir, 'plans', 'q3.md'), 'nothing special\n');
		const r = await hook(dir, bash(dir, 'head -5 plans/q3.md'));
		assert.match(r.out, /"deny"/);
		assert.match(r.out, /ws\.plans/);
	});

	it('with a snapshot, a file changed after it is classified by the policy on demand', async () => {
		const dir = workspace();
		const snap = join(dir, 'snap.json');
		writeFileSync(snap, JSON.stringify(buildSnapshot({ root: dir, policySha256: 'f'.repeat(64), threshold: 'confidential', files: [], pathRules: [], generatedAt: new Date(Date.now() - 60_000) })));
		writeFileSync(join(dir, 'later.txt'), '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n');
		const old = new Date(Date.now() - 120_000);
		utimesSync(join(dir, '.env'), old, old);
		const changed = await hook(dir, bash(dir, 'cat later.txt'), ['--snapshot', snap]);
		assert.match(changed.out, /"deny"/);
		// .env is older than the snapshot, which does not list it: the snapshot is trusted (it says public).
		const trusted = await hook(dir, bash(dir, 'cat .env'), ['--snapshot', snap]);
		assert.equal(trusted.out, '');
	});
});
