/**
 * Never stall, never fail open: no input (a workspace layer, a policy, a file type, a payload) keeps the hook past
 * its budget, and when the budget runs out the answer is ask (deny where the agent cannot ask), not silence.
 * Each test would hang (mocha's timeout fails it) or allow on the code before this change.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Budget, BudgetExceeded } from '../../../src/cli/hookBudget';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { POLICY_FILE_MAX_BYTES } from '../../../src/cli/regularFile';
import { compileOrgPatterns } from '../../../src/core/classify/detectors/patterns';
import { MAX_POLICY_CHARS } from '../../../src/core/policy/parse';
import { tempDirs } from '../../support/tempDir';

async function hook(dir: string, payload: unknown, extra: string[] = [], agent = 'claude'): Promise<{ out: string; err: string; code: number }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: dir,
		env: { HOME: dir },
		stdin: () => Promise.resolve(typeof payload === 'string' ? payload : JSON.stringify(payload)),
	};
	const code = await runHook(['--agent', agent, '--workspace', dir, '--cache-dir', join(dir, '.cache'), ...extra], io);
	return { out, err, code };
}

const bash = (dir: string, command: string): unknown => ({ cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
const decisionOf = (out: string): string | undefined => (out === '' ? undefined : (JSON.parse(out) as { hookSpecificOutput?: { permissionDecision?: string } }).hookSpecificOutput?.permissionDecision);

describe('hook budget: never stall, never fail open', function () {
	this.timeout(30_000);
	const tempDir = tempDirs(afterEach);

	const workspace = (): string => {
		const dir = tempDir('cw-hook-budget-');
		writeFileSync(join(dir, '.env'), 'DB_PASSWORD=made-up-not-a-secret\n');
		writeFileSync(join(dir, 'README.md'), '# hello\n');
		mkdirSync(join(dir, '.vscode'));
		return dir;
	};

	it('rejects the backtracking pattern (a|aa)+$ by analysis, in the classifier, validate --layer and the hook', async () => {
		// The static nested-quantifier test alone passed it.
		assert.match(compileOrgPatterns([{ id: 'evil', regex: '(a|aa)+$', level: 'restricted' }]).errors[0]?.message ?? '', /catastrophic backtracking: exponential/);
		assert.deepEqual(compileOrgPatterns([{ id: 'ok', regex: 'PROJ-\\d{4,6}', level: 'restricted' }]).errors, []);
		const dir = workspace();
		const layer = join(dir, '.vscode', 'context-policy.json');
		writeFileSync(layer, JSON.stringify({ version: 1, content: { patterns: [{ id: 'evil', regex: '(a|aa)+$', level: 'restricted' }] } }));
		writeFileSync(join(dir, 'notes.txt'), `${'a'.repeat(5000)}b\n`);
		let err = '';
		const code = await runCli(['validate', '--layer', layer], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} });
		assert.equal(code, 2);
		assert.match(err, /content\.patterns 'evil': unsafe regular expression rejected: catastrophic backtracking/);
		// A generous budget here: this test is about the analysis rejecting the pattern, not about time.
		const r = await hook(dir, bash(dir, 'cat notes.txt'), ['--budget-ms', '60000']);
		assert.match(r.err, /evil.*catastrophic backtracking/);
		assert.equal(r.out, '', 'decided (notes.txt is public), not cut off by the budget');
	});

	it('caps policy files at the size the parser accepts', () => {
		assert.equal(POLICY_FILE_MAX_BYTES, MAX_POLICY_CHARS);
	});

	it('interrupts a running catastrophic regex at the budget (the backstop when analysis says nothing)', () => {
		const budget = new Budget(200);
		assert.throws(() => budget.run('matching', () => /(a|aa)+$/.test(`${'a'.repeat(60)}b`)), (e: unknown) => BudgetExceeded.is(e) && e.phase === 'matching');
	});

	it('answers ask, not silence, when the budget runs out (deny for an agent that cannot ask)', async () => {
		const dir = workspace();
		const r = await hook(dir, bash(dir, 'cat README.md'), ['--budget-ms', '0']);
		assert.equal(decisionOf(r.out), 'ask');
		assert.match(r.out, /could not finish checking this Bash within 0 ms/);
		const cursor = await hook(dir, { hook_event_name: 'beforeReadFile', file_path: join(dir, 'README.md'), content: '# hello\n', workspace_roots: [dir] }, ['--budget-ms', '0'], 'cursor');
		assert.match(cursor.out, /"permission":\s*"deny"/);
	});

	it('reads a layer that is a symlink to a FIFO without blocking: refused, and the hook answers', async () => {
		const dir = workspace();
		execFileSync('mkfifo', [join(dir, 'pipe')]);
		symlinkSync(join(dir, 'pipe'), join(dir, '.vscode', 'context-policy.json'));
		const r = await hook(dir, bash(dir, 'cat .env'));
		assert.equal(decisionOf(r.out), 'deny');
		assert.match(r.err, /named pipe, not a regular file/);
	});

	it('judges a .env that is a named pipe by its path: denied', async () => {
		const dir = workspace();
		execFileSync('mkfifo', [join(dir, '.env.local')]);
		assert.equal(decisionOf((await hook(dir, bash(dir, 'cat .env.local'))).out), 'deny');
	});

	it('reads a layer that is a symlink to /dev/urandom not at all: refused as a device', async () => {
		const dir = workspace();
		symlinkSync('/dev/urandom', join(dir, '.vscode', 'context-policy.json'));
		const r = await hook(dir, bash(dir, 'cat .env'));
		assert.equal(decisionOf(r.out), 'deny');
		assert.match(r.err, /a device, not a regular file/);
	});

	it('answers a 10 MB payload within the budget, and still denies the read hidden at its end', async () => {
		const dir = workspace();
		const command = `${'echo hello; '.repeat(900_000)}cat .env`;
		assert.ok(command.length > 10_000_000);
		const r = await hook(dir, bash(dir, command));
		// Either decided (deny: the read at the end) or cut off by the budget (ask): never silence.
		assert.ok(['deny', 'ask'].includes(decisionOf(r.out) ?? ''), r.out || r.err);
	});
});
