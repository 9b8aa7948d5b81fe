import * as assert from 'node:assert/strict';
import { compilePathRules, expandGlob } from '../../../src/core/classify/pathRules';
import type { PathRule } from '../../../src/core/policy/schema';

const rules: PathRule[] = [
	{ id: 'dotenv', globs: ['.env', '.env.*', '!.env.example', '!**/.env.sample'], level: 'restricted', reason: 'Environment files' },
	{ id: 'keys', globs: ['*.pem', 'id_rsa*', '!*.pub'], level: 'restricted' },
	{ id: 'secrets-dir', globs: ['secrets'], level: 'confidential' },
	{ id: 'docs', globs: ['/docs/internal/'], level: 'internal' },
	{ id: 'config-public', globs: ['config/**'], level: 'public' },
	{ id: 'config-prod', globs: ['config/prod.yml'], level: 'confidential' },
];

describe('path rules', () => {
	const set = compilePathRules(rules);
	const ids = (p: string): string[] => set.match(p).map((r) => r.rule);

	it('matches dot files and is case-insensitive (.ENV is .env)', () => {
		assert.deepEqual(ids('.env'), ['dotenv']);
		assert.deepEqual(ids('.ENV'), ['dotenv']);
		assert.deepEqual(ids('App/.Env.Local'), ['dotenv']);
		assert.deepEqual(ids('deploy/SERVER.PEM'), ['keys']);
	});

	it('matches slash-less globs at any depth, slashed globs from the root', () => {
		assert.deepEqual(ids('a/b/c/.env'), ['dotenv']);
		assert.deepEqual(ids('docs/internal/plan.md'), ['docs']);
		assert.deepEqual(ids('x/docs/internal/plan.md'), []);
	});

	it('a glob matches a directory and everything under it', () => {
		assert.deepEqual(ids('secrets/db/password.txt'), ['secrets-dir']);
		assert.deepEqual(ids('svc/secrets/a.json'), ['secrets-dir']);
		assert.deepEqual(ids('secretsauce.md'), []);
	});

	it('! excludes within its own rule only', () => {
		assert.deepEqual(ids('.env.example'), []);
		assert.deepEqual(ids('x/.env.sample'), []);
		assert.deepEqual(ids('.ssh/id_rsa'), ['keys']);
		assert.deepEqual(ids('.ssh/id_rsa.pub'), []);
		assert.deepEqual(ids('.ssh/ID_RSA.PUB'), []);
	});

	it('the highest level of all matching rules wins, whatever the order; every match is a reason', () => {
		const reasons = set.match('config/prod.yml');
		assert.deepEqual(reasons.map((r) => [r.rule, r.level]), [['config-prod', 'confidential'], ['config-public', 'public']]);
		assert.equal(set.level('config/prod.yml'), 'confidential');
		const reversed = compilePathRules([...rules].reverse());
		assert.equal(reversed.level('config/prod.yml'), 'confidential');
		assert.equal(set.match('.env')[0]?.message, 'Environment files');
	});

	it('accepts backslashes and ./ in the path', () => {
		assert.deepEqual(ids('.\\app\\.env'), ['dotenv']);
		assert.deepEqual(ids('./app/.env'), ['dotenv']);
	});

	it('reports a rule with only negations', () => {
		const s = compilePathRules([{ id: 'neg', globs: ['!*.md'], level: 'internal' }]);
		assert.equal(s.errors.length, 1);
		assert.equal(s.size, 0);
	});

	it('expands globs as documented', () => {
		assert.deepEqual(expandGlob('.env'), ['**/.env', '**/.env/**']);
		assert.deepEqual(expandGlob('/docs/'), ['docs/**']);
		assert.deepEqual(expandGlob('**/x/**'), ['**/x/**']);
	});

	it('matches none of 100k ordinary paths against 20 extra rules (speed: npm run bench)', () => {
		const many = compilePathRules([
			...rules,
			...Array.from({ length: 20 }, (_, i): PathRule => ({ id: `r${i}`, globs: [`**/*.ext${i}`, `dir${i}/**`], level: 'internal' })),
		]);
		const paths = Array.from({ length: 100_000 }, (_, i) => `src/module${i % 300}/sub${i % 7}/file${i}.${['ts', 'js', 'md', 'json', 'env'][i % 5]}`);
		many.match(paths[0] as string); // warm up
		let n = 0;
		for (const p of paths) n += many.match(p).length;
		assert.equal(n, 0);
	});
});
