/**
 * The hook's snapshot: it carries the policy's path rules whole (negations included) and the hook matches them as the
 * classifier does; old (version 1) snapshots are still read; a damaged or hostile snapshot is refused, never a crash.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { compilePathRules } from '../../../src/core/classify/pathRules';
import type { HookClassifier } from '../../../src/core/hooks/classifierPort';
import { compileHookPathRules, type HookPathRule } from '../../../src/core/hooks/pathRuleMatch';
import { buildSnapshot, parseSnapshot, snapshotLookup } from '../../../src/core/hooks/snapshot';
import type { Level, PathRule } from '../../../src/core/policy/schema';
import { prng } from '../../support/prng';
import { tempDirs } from '../../support/tempDir';

const DOTENV: HookPathRule = { id: 'secrets.dotenv', level: 'restricted', globs: ['.env*', '!.env.example', '!**/.env.sample'] };
const KEYS: HookPathRule = { id: 'keys', level: 'confidential', globs: ['*.pem', 'id_rsa*', '!*.pub'] };
const DOCS: HookPathRule = { id: 'docs.internal', level: 'internal', globs: ['/docs/internal/'] };

/** A classifier that finds nothing: whatever is denied below was denied by the snapshot. */
const NOTHING: HookClassifier = { classifyPath: () => ({ level: 'public' }), classifyBytes: () => ({ level: 'public' }) };

const hourAgo = (): Date => new Date(Date.now() - 3_600_000);

async function read(dir: string, snap: string, rel: string, classifier: HookClassifier = NOTHING): Promise<{ out: string; err: string; code: number }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: dir,
		env: { HOME: '/home/nobody' },
		stdin: () => Promise.resolve(JSON.stringify({ cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: join(dir, rel) } })),
	};
	const code = await runHook(['--agent', 'claude', '--snapshot', snap], io, { classifier });
	return { out, err, code };
}

const decision = (out: string): string | undefined => (out === '' ? undefined : (JSON.parse(out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision);

describe('hooks: snapshot path rules', () => {
	const tempDir = tempDirs(afterEach);

	/** A workspace with a `.env` older than its snapshot (made a minute ago, with DOTENV and KEYS). */
	const workspace = (snapshotJson?: unknown): { dir: string; snap: string } => {
		const dir = tempDir('cw-hook-snap-');
		writeFileSync(join(dir, '.env'), 'A=1\n');
		utimesSync(join(dir, '.env'), hourAgo(), hourAgo());
		const snap = join(dir, 'snap.json');
		const made = new Date(Date.now() - 60_000);
		const snapshot = snapshotJson ?? buildSnapshot({ root: dir, policySha256: 'f'.repeat(64), threshold: 'confidential', files: [{ path: '.env', level: 'restricted', rule: 'secrets.dotenv' }], pathRules: [DOTENV, KEYS, DOCS], generatedAt: made });
		writeFileSync(snap, typeof snapshotJson === 'string' ? snapshotJson : JSON.stringify(snapshot));
		return { dir, snap };
	};

	it('keeps the rules at or above the threshold whole, negations included', () => {
		const s = buildSnapshot({ root: '/w', policySha256: 'f'.repeat(64), threshold: 'confidential', files: [], pathRules: [DOTENV, KEYS, DOCS] });
		assert.equal(s.version, 2);
		assert.deepEqual(s.pathRules, [DOTENV, KEYS]);
		const parsed = parseSnapshot(JSON.stringify(s));
		assert.ok('snapshot' in parsed, JSON.stringify(parsed));
		assert.deepEqual(parsed.snapshot.pathRules, [DOTENV, KEYS]);
	});

	it('a file made after the snapshot that a negation takes out (.env.example) is not denied by the snapshot', async () => {
		const { dir, snap } = workspace();
		writeFileSync(join(dir, '.env.example'), 'A=\n');
		mkdirSync(join(dir, 'svc'));
		writeFileSync(join(dir, 'svc', '.env.sample'), 'A=\n');
		const r = await read(dir, snap, '.env.example');
		assert.equal(r.out, '', r.out);
		assert.equal(r.code, 0);
		assert.equal((await read(dir, snap, 'svc/.env.sample')).out, '');
		// and the on-demand classifier still has the last word on its content
		const secret: HookClassifier = { classifyPath: () => ({ level: 'public' }), classifyBytes: () => ({ level: 'restricted', reasons: [{ rule: 'aws.key', level: 'restricted' }] }) };
		assert.equal(decision((await read(dir, snap, '.env.example', secret)).out), 'deny');
	});

	it('a file the snapshot does not list is denied by the rule that matches it, at that rule\'s level, at any depth', async () => {
		const { dir, snap } = workspace();
		mkdirSync(join(dir, 'config'));
		writeFileSync(join(dir, 'config', '.env.local'), 'A=1\n');
		const r = await read(dir, snap, 'config/.env.local');
		assert.equal(decision(r.out), 'deny');
		assert.match(r.out, /config\/\.env\.local \(restricted, rule secrets\.dotenv\)/);
		const key = await read(dir, snap, 'deploy/Server.PEM');
		assert.match(key.out, /deploy\/Server\.PEM \(confidential, rule keys\)/);
		assert.equal((await read(dir, snap, '.ssh/id_rsa.pub')).out, '');
		// a rule below the threshold makes nothing sensitive
		assert.equal((await read(dir, snap, 'docs/internal/plan.md')).out, '');
	});

	it('reads a version 1 snapshot (globs without negations) as rules at its threshold', async () => {
		const dir0 = tempDir('cw-hook-v1-');
		const v1 = { version: 1, root: dir0, policySha256: 'f'.repeat(64), threshold: 'confidential', generatedAt: new Date(Date.now() - 60_000).toISOString(), files: { '.env': 'restricted' }, sensitiveGlobs: ['**/*.pem', '!**/x.pem'] };
		const parsed = parseSnapshot(JSON.stringify(v1));
		assert.ok('snapshot' in parsed, JSON.stringify(parsed));
		assert.deepEqual(parsed.snapshot.pathRules, [{ id: 'glob:**/*.pem', level: 'confidential', globs: ['**/*.pem'] }]);
		const lookup = snapshotLookup(parsed.snapshot);
		assert.equal(lookup.levelOf('a/b.pem'), 'confidential');
		assert.equal(lookup.ruleOf?.('a/b.pem'), 'glob:**/*.pem');
		assert.equal(lookup.levelOf('.env'), 'restricted');
		assert.equal(lookup.levelOf('README.md'), 'public');
	});

	it('a path named like an Object.prototype member is an ordinary path', () => {
		const parsed = parseSnapshot(`{"version":2,"root":"/w","policySha256":"x","threshold":"confidential","generatedAt":"2026-11-24T00:00:00Z","files":{"__proto__":"restricted",".env":"restricted"},"rules":{},"pathRules":[]}`);
		assert.ok('snapshot' in parsed);
		const lookup = snapshotLookup(parsed.snapshot);
		for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
			assert.equal(lookup.levelOf(name), 'public', name);
			assert.equal(lookup.ruleOf?.(name), undefined, name);
		}
		assert.equal(lookup.levelOf('__proto__'), 'restricted');
	});

	it('refuses damaged or hostile snapshots with a reason, and the hook then classifies on demand', async () => {
		const base = { version: 2, root: '/w', policySha256: 'x', threshold: 'confidential', generatedAt: new Date().toISOString(), files: {}, pathRules: [] };
		const bad: unknown[] = [
			{ ...base, version: 3 },
			{ ...base, pathRules: undefined },
			{ ...base, pathRules: 'x' },
			{ ...base, pathRules: [{ id: 'a', level: 'secret', globs: ['x'] }] },
			{ ...base, pathRules: [{ id: 'a', level: 'restricted', globs: [1] }] },
			{ ...base, pathRules: [{ id: 'a', level: 'restricted', globs: ['x'.repeat(5000)] }] },
			{ ...base, pathRules: Array.from({ length: 10_001 }, () => ({ id: 'a', level: 'restricted', globs: ['x'] })) },
			{ ...base, pathRules: [null] },
			{ ...base, files: { a: 'secret' } },
			{ ...base, files: [] },
			{ ...base, rules: { a: 1 } },
			{ ...base, version: 1, pathRules: undefined },
			{ ...base, root: 'relative' },
			[],
			null,
		];
		for (const b of bad) {
			const parsed = parseSnapshot(JSON.stringify(b));
			assert.ok('error' in parsed, JSON.stringify(b).slice(0, 200));
		}
		const { dir, snap } = workspace('{"version":2,"root":');
		const r = await read(dir, snap, '.env', { classifyPath: () => ({ level: 'restricted' }), classifyBytes: () => ({ level: 'restricted', reasons: [{ rule: 'by.policy', level: 'restricted' }] }) });
		assert.equal(decision(r.out), 'deny');
		assert.match(r.err, /snapshot .*not JSON/);
	});

	it('never throws on mutated snapshots (seeded fuzz), and what it accepts it can answer', () => {
		const rand = prng(20261124);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
		const values: unknown[] = [null, 0, -1, 1e308, '', 'restricted', '**', '!', '{a,b}'.repeat(8), '[', '@(', [], {}, [null], { id: 'x' }, true, '\u0000', 'constructor'];
		const valid = buildSnapshot({ root: '/w', policySha256: 'f'.repeat(64), threshold: 'internal', files: [{ path: '.env', level: 'restricted' }], pathRules: [DOTENV, KEYS, DOCS] });
		let accepted = 0;
		for (let i = 0; i < 500; i++) {
			const doc = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
			for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
				const rule = Array.isArray(doc.pathRules) ? (doc.pathRules as unknown[])[Math.floor(rand() * 3)] : undefined;
				const target = rand() < 0.5 || typeof rule !== 'object' || rule === null || Array.isArray(rule) ? doc : (rule as Record<string, unknown>);
				const keys = [...Object.keys(target), 'globs', 'level', 'id', 'extra'];
				const key = pick(keys);
				if (Array.isArray(target[key]) && rand() < 0.5) {
					(target[key] as unknown[]).push(pick(values));
				} else {
					target[key] = pick(values);
				}
			}
			const parsed = parseSnapshot(JSON.stringify(doc));
			if ('snapshot' in parsed) {
				accepted++;
				const lookup = snapshotLookup(parsed.snapshot, () => false);
				for (const p of ['.env', '.env.example', 'a/id_rsa', 'constructor', 'docs/internal/x', '']) {
					const level = lookup.levelOf(p);
					assert.ok(level === undefined || ['public', 'internal', 'confidential', 'restricted'].includes(level), String(level));
					lookup.ruleOf?.(p);
				}
				lookup.sensitiveUnder('');
			}
		}
		assert.ok(accepted > 20 && accepted < 500, `accepted ${accepted} of 500`);
	});
});

describe('hooks: path rules match as the classifier\'s', () => {
	const GLOBS = [
		'.env', '.env*', '.env.*', '*.pem', 'id_rsa*', '*.pub', 'secrets', 'secrets/', '/secrets', './config/prod.yml', 'config/**', '**/node_modules/**',
		'docs/internal/', '*.{key,pem}', '**/*.p12', '[Cc]redentials.json', 'a?c.txt', '@(foo|bar).yml', '+(x).md', '!(keep).log', 'deep/*/x.md',
		'**/build', 'src/**/*.secret', '*', '**', '.ssh/', 'Secrets/ID_RSA', 'a[!b]c.txt', 'x/**/y', '\\*.lit',
	];
	const DIRS = ['', 'a', 'B', 'config', 'secrets', 'Secrets', 'docs', 'docs/internal', 'src', 'src/deep', 'node_modules/pkg', '.ssh', 'deep/er', 'x/m/y', 'build'];
	const NAMES = ['.env', '.ENV', '.env.local', '.env.example', 'x.pem', 'X.PEM', 'id_rsa', 'ID_RSA', 'id_rsa.pub', 'prod.yml', 'credentials.json', 'Credentials.json', 'abc.txt', 'acc.txt', 'abbc.txt', 'foo.yml', 'keep.log', 'a.log', 'x.md', 'server.key', 'cert.p12', 'readme.md', 'secrets', 'y', 'z.secret', '*.lit', 'build'];
	const LEVELS: Level[] = ['public', 'internal', 'confidential', 'restricted'];

	it('agrees with PathRuleSet on 300 seeded rule sets of 1 to 6 rules, 200 paths each', () => {
		const rand = prng(7);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
		const mismatches: string[] = [];
		let matched = 0;
		let unmatched = 0;
		let negatedOut = 0;
		for (let set = 0; set < 300; set++) {
			const rules: PathRule[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => ({
				id: `r${i}`,
				level: pick(LEVELS),
				globs: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
					const g = pick(GLOBS);
					const cased = rand() < 0.2 ? g.toUpperCase() : g;
					return rand() < 0.3 ? `!${cased}` : cased;
				}),
			}));
			const reference = compilePathRules(rules);
			const ours = compileHookPathRules(rules);
			for (let k = 0; k < 200; k++) {
				const dir = pick(DIRS);
				let p = dir === '' ? pick(NAMES) : `${dir}/${pick(NAMES)}`;
				const r = rand();
				if (r < 0.05) p = `./${p}`;
				else if (r < 0.1) p = `/${p}`;
				else if (r < 0.15) p = p.replace(/\//g, '\\');
				const want = reference.match(p)[0];
				const got = ours.match(p);
				const a = want ? `${want.rule}:${want.level}` : '-';
				const b = got ? `${got.rule}:${got.level}` : '-';
				if (want) matched++;
				else unmatched++;
				if (!want && compilePathRules(rules.map((x) => ({ ...x, globs: x.globs.filter((g) => !g.startsWith('!')) }))).match(p).length > 0) negatedOut++;
				if (a !== b) {
					mismatches.push(`${JSON.stringify(rules.map((x) => x.globs))} ${p}: classifier ${a}, hook ${b}`);
				}
			}
		}
		assert.deepEqual(mismatches.slice(0, 10), []);
		// the corpus exercises both answers, and negations that decide
		assert.ok(matched > 5_000 && unmatched > 5_000 && negatedOut > 500, `matched ${matched}, unmatched ${unmatched}, taken out by a negation ${negatedOut}`);
	});
});
