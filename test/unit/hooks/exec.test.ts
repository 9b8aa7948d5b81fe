/**
 * The execution-labelled corpus: every command is run (bash, under strace) in a fresh copy of the fixture
 * workspace, and labelled by what happened: it reads a sensitive file when strace saw that file opened for
 * reading (through any path, symlink or /proc alias: strace -y prints the file the descriptor really is), or a
 * canary planted in a sensitive file came out on its output or into a file it wrote. A label cannot be wrong.
 *
 * Then the hook (the real CLI path, the built-in default policy) judges each command twice: without a snapshot
 * (it walks the workspace) and with one built from the same classifier. Done when: no sensitive read is allowed
 * in either mode, and fewer than 3 % of the harmless commands are stopped (denied or asked).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { loadEffectivePolicy } from '../../../src/cli/policyInputs';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { walkWorkspace } from '../../../src/core/classify/walk';
import { rankOf } from '../../../src/core/hooks/levels';
import { buildSnapshot } from '../../../src/core/hooks/snapshot';
import type { Level } from '../../../src/core/policy/schema';
import { corpusCommands } from './exec/commands';
import { CANARIES, makeFixture, SENSITIVE } from './exec/fixture';

const MIN_COMMANDS = 600;
const FALSE_STOP_BOUND = 0.03;
const PARALLEL = 3;

interface Labelled {
	command: string;
	reads: string[];
	/** bash exited 127: a program is not installed here, so the run says nothing (left out of the rates). */
	missing?: boolean;
}

function have(program: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * strace labels the corpus; cpio is one of the archivers it runs. Both come from Debian and are installed here when
 * missing (CI runs as root with Debian's packages reachable), so the labels do not depend on the machine.
 */
function ensureTools(): void {
	const missing = ['strace', 'cpio'].filter((p) => !have(p));
	if (missing.length > 0) {
		execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	}
	assert.ok(have('strace'), 'strace is needed to label the corpus (apt-get install strace)');
}

function filesUnder(dir: string, skip: Set<string>): string[] {
	const out: string[] = [];
	const walk = (d: string): void => {
		for (const e of readdirSync(d, { withFileTypes: true })) {
			const p = join(d, e.name);
			if (e.isDirectory() && !skip.has(e.name)) {
				walk(p);
			} else if (e.isFile()) {
				out.push(p);
			}
		}
	};
	walk(dir);
	return out;
}

/** Runs one command in a fresh copy of the template and says which sensitive files it read. */
function label(template: string, scratchRoot: string, index: number, command: string): Promise<Labelled> {
	const dir = join(scratchRoot, `w${index}`);
	cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
	const real = realpathSync(dir);
	const trace = join(scratchRoot, `t${index}.trace`);
	const before = new Set(filesUnder(dir, new Set(['.git'])));
	return new Promise((resolve) => {
		const child = spawn('strace', ['-f', '-qq', '-y', '-e', 'trace=open,openat,openat2', '-e', 'signal=none', '-o', trace, 'bash', '-c', command], {
			cwd: dir,
			env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C', GIT_CONFIG_NOSYSTEM: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 15_000,
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
		child.stderr.on('data', (d: Buffer) => (out += d.toString('latin1')));
		child.on('close', (code) => {
			const reads = new Set<string>();
			const sensitiveAbs = new Map(Object.keys(SENSITIVE).map((rel) => [join(real, rel), rel]));
			let text = '';
			try {
				text = readFileSync(trace, 'utf8');
			} catch {
				// no trace: nothing opened
			}
			for (const m of text.matchAll(/open(?:at2?)?\(([^\n]*?)\)\s*=\s*\d+<([^>\n]+)>/g)) {
				const args = m[1] ?? '';
				const file = m[2] ?? '';
				if (!/O_WRONLY/.test(args) && sensitiveAbs.has(file)) {
					reads.add(sensitiveAbs.get(file) ?? file);
				}
			}
			const leaked = (s: string): void => {
				CANARIES.forEach((c, i) => {
					if (c && s.includes(c)) {
						reads.add(Object.keys(SENSITIVE)[i] ?? c);
					}
				});
			};
			leaked(out);
			for (const f of filesUnder(dir, new Set(['.git']))) {
				const rel = relative(dir, f);
				if (!before.has(f) || !(rel in SENSITIVE)) {
					try {
						if (statSync(f).size < 4 * 1024 * 1024) {
							leaked(readFileSync(f, 'latin1'));
						}
					} catch {
						// gone
					}
				}
			}
			// Public files that the command changed do not count; only what left a sensitive file.
			rmSync(dir, { recursive: true, force: true });
			rmSync(trace, { force: true });
			resolve({ command, reads: [...reads].sort(), ...(code === 127 && reads.size === 0 ? { missing: true } : {}) });
		});
	});
}

async function decide(root: string, command: string, extra: string[]): Promise<string> {
	let out = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: () => true },
		cwd: root,
		env: { HOME: join(root, '..', 'home') },
		stdin: () => Promise.resolve(JSON.stringify({ cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } })),
	};
	await runHook(['--agent', 'claude', '--workspace', root, ...extra], io);
	return out === '' ? 'allow' : (JSON.parse(out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision;
}

describe('hooks: the execution-labelled corpus', function () {
	this.timeout(600_000);
	const base = join(tmpdir(), `cw-exec-corpus-${process.pid}`);
	const template = join(base, 'ws');
	const commands = corpusCommands();
	let labelled: Labelled[] = [];
	const verdicts: { command: string; reads: string[]; noSnapshot: string; snapshot: string }[] = [];

	before(async () => {
		ensureTools();
		rmSync(base, { recursive: true, force: true });
		mkdirSync(template, { recursive: true });
		mkdirSync(join(base, 'home'));
		makeFixture(template);
		const scratch = join(base, 'scratch');
		mkdirSync(scratch);
		// CW_EXEC_LABELS=<file> reuses the labels of an earlier run (a developer's loop; CI always runs them).
		const queue = process.env.CW_EXEC_LABELS ? [] : commands.map((c, i) => [c, i] as const);
		const results: Labelled[] = new Array<Labelled>(commands.length);
		await Promise.all(
			Array.from({ length: PARALLEL }, async () => {
				for (let next = queue.shift(); next; next = queue.shift()) {
					results[next[1]] = await label(template, scratch, next[1], next[0]);
				}
			}),
		);
		const all = process.env.CW_EXEC_LABELS ? (JSON.parse(readFileSync(process.env.CW_EXEC_LABELS, 'utf8')) as Labelled[]) : results;
		labelled = all.filter((l) => !l.missing);
		if (labelled.length < all.length) {
			console.log(`      left out (a program not installed here): ${all.filter((l) => l.missing).map((l) => l.command).join('; ')}`);
		}
		// The snapshot the extension would write: the same policy and classifier over the same files.
		const { effective } = await loadEffectivePolicy({ workspaceDir: template, cwd: template, env: {} });
		const { classifier } = compileClassifier(effective.policy, effective.exceptions.active);
		const files: { path: string; level: Level }[] = [];
		for (const e of walkWorkspace(template)) {
			const c = e.kind === 'file' ? classifier.classifyBytes(e.rel, readFileSync(e.abs)) : { level: classifier.classifyPath(e.rel).reduce<Level>((l, r) => (rankOf(r.level) > rankOf(l) ? r.level : l), 'public') };
			files.push({ path: e.rel, level: c.level });
		}
		const snapFile = join(base, 'snapshot.json');
		writeFileSync(snapFile, JSON.stringify(buildSnapshot({ root: template, policySha256: '0'.repeat(64), threshold: effective.policy.workspace.sensitiveLevel, files, pathRules: effective.policy.pathRules })));
		const cacheDir = join(base, 'cache');
		for (const l of labelled) {
			verdicts.push({
				...l,
				noSnapshot: await decide(template, l.command, ['--cache-dir', cacheDir]),
				snapshot: await decide(template, l.command, ['--snapshot', snapFile, '--cache-dir', cacheDir]),
			});
		}
	});

	after(() => {
		if (process.env.CW_EXEC_DUMP) {
			writeFileSync(process.env.CW_EXEC_DUMP, JSON.stringify(verdicts, null, 1));
		}
		rmSync(base, { recursive: true, force: true });
	});

	it(`has at least ${MIN_COMMANDS} commands, each labelled by running it`, () => {
		assert.ok(labelled.length >= MIN_COMMANDS, `${labelled.length} commands`);
		const sensitive = labelled.filter((l) => l.reads.length > 0).length;
		assert.ok(sensitive > 100 && labelled.length - sensitive > 100, `${sensitive} sensitive, ${labelled.length - sensitive} harmless`);
	});

	for (const mode of ['noSnapshot', 'snapshot'] as const) {
		it(`misses no sensitive read (${mode === 'snapshot' ? 'with' : 'without'} a snapshot)`, () => {
			const missed = verdicts.filter((v) => v.reads.length > 0 && v[mode] === 'allow').map((v) => `${v.command}  [reads ${v.reads.join(', ')}]`);
			assert.deepEqual(missed, []);
		});

		it(`stops fewer than ${FALSE_STOP_BOUND * 100} % of the harmless commands (${mode === 'snapshot' ? 'with' : 'without'} a snapshot)`, () => {
			const harmless = verdicts.filter((v) => v.reads.length === 0);
			const stopped = harmless.filter((v) => v[mode] !== 'allow');
			const sensitive = verdicts.filter((v) => v.reads.length > 0);
			const rate = stopped.length / harmless.length;
			console.log(
				`      ${mode === 'snapshot' ? 'with' : 'without'} a snapshot: ${verdicts.length} commands (${sensitive.length} read a sensitive file, ${harmless.length} harmless); ` +
					`missed ${sensitive.filter((v) => v[mode] === 'allow').length}; false stops ${stopped.length}/${harmless.length} = ${(rate * 100).toFixed(1)} %` +
					(stopped.length > 0 ? `\n        ${stopped.map((s) => `${s.command} → ${s[mode]}`).join('\n        ')}` : ''),
			);
			assert.ok(rate < FALSE_STOP_BOUND, `false-stop rate ${(rate * 100).toFixed(1)} %`);
		});
	}
});
