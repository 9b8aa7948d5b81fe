import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanDirectoryParallel } from '../../../src/core/classify/parallel';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { Rand, SECRET_SAMPLES } from '../../support/genCorpus';

const FIXTURE = path.join(__dirname, '../../fixtures/classify');
const PARALLEL = path.join(__dirname, '../../../src/core/classify/parallel.ts');

describe('scanDirectoryParallel', () => {
	let dir: string;
	let ws: string;
	let workerFile: string;

	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-parallel-'));
		ws = path.join(dir, 'ws');
		fs.cpSync(path.join(FIXTURE, 'workspace'), ws, { recursive: true });
		// Enough files (over the small-tree threshold) with secrets, PII-free filler, a binary, a file too large,
		// a gitignored file, a symbolic link and a .env: every path of the scan.
		const r = new Rand(7);
		const samples = Object.values(SECRET_SAMPLES);
		for (let i = 0; i < 300; i++) {
			const sub = path.join(ws, 'gen', `d${i % 7}`);
			fs.mkdirSync(sub, { recursive: true });
			const gen = samples[i % samples.length] as (r: Rand) => string;
			const body = i % 3 === 0 ? `// file ${i}\nconst x = 1;\n${gen(r)}\n` : `export const v${i} = '${r.b62(20)}';\n`;
			fs.writeFileSync(path.join(sub, `f${i}.ts`), body);
		}
		fs.writeFileSync(path.join(ws, 'gen', 'blob.bin'), Buffer.from([0, 1, 2, 0, 255, 0, 3, 0]));
		fs.writeFileSync(path.join(ws, 'gen', 'big.txt'), 'a'.repeat(70_000));
		fs.writeFileSync(path.join(ws, '.gitignore'), 'ignored.txt\n');
		fs.writeFileSync(path.join(ws, 'ignored.txt'), 'nothing\n');
		fs.writeFileSync(path.join(ws, '.env'), `DB_PASSWORD=${r.b62(12)}\n`);
		fs.symlinkSync('/etc/hostname', path.join(ws, 'outside-link'));
		// The workers run TypeScript sources here: a CommonJS shim registers tsx, then serves the scan.
		workerFile = path.join(dir, 'worker.cjs');
		fs.writeFileSync(
			workerFile,
			`require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(PARALLEL)}).runScanWorkerIfWorker();\n`,
		);
	});

	after(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('gives the same files, levels, reasons, skipped entries and byte count with 1 and 2 jobs', async () => {
		const maxBytes = 64 * 1024;
		const exceptions = [{ path: 'gen/d3/**', reason: 'test data' }];
		const one = await scanDirectoryParallel(ws, DEFAULT_POLICY, exceptions, maxBytes, { jobs: 1 });
		const two = await scanDirectoryParallel(ws, DEFAULT_POLICY, exceptions, maxBytes, { jobs: 2, workerFile });
		assert.ok(one.files.length > 300);
		assert.ok(one.files.some((f) => f.level !== 'public' && f.reasons.some((x) => x.kind === 'secret')));
		assert.ok(one.files.some((f) => f.exception));
		const reasons = new Set(one.skipped.map((s) => s.reason));
		for (const want of ['binary', 'too-large', 'excluded', 'symlink']) {
			assert.ok(reasons.has(want as never), `a ${want} entry`);
		}
		assert.deepEqual(two.files, one.files);
		assert.deepEqual(two.skipped, one.skipped);
		assert.deepEqual({ ...two.stats, ms: 0 }, { ...one.stats, ms: 0 });
	});

	it('scans a small tree on the calling thread and forces workers when asked', async () => {
		const small = path.join(dir, 'small');
		fs.mkdirSync(small);
		fs.writeFileSync(path.join(small, 'a.txt'), 'CONFIDENTIAL\n');
		const one = await scanDirectoryParallel(small, DEFAULT_POLICY, [], 1024, { jobs: 1 });
		// A worker file that cannot be started proves the small tree never reached a worker.
		const seq = await scanDirectoryParallel(small, DEFAULT_POLICY, [], 1024, { jobs: 2, workerFile: path.join(dir, 'missing.cjs') });
		const forced = await scanDirectoryParallel(small, DEFAULT_POLICY, [], 1024, { jobs: 2, workerFile, forceParallel: true });
		assert.deepEqual(seq.files, one.files);
		assert.deepEqual(forced.files, one.files);
	});

	it('the scan worker bundle (dist/scanWorker.js) carries no zod and no CLI, and serves the same scan', async () => {
		// Built as esbuild.mjs builds it. A worker starts once per scan and per thread: what it loads is paid each time.
		const esbuild = await import('esbuild');
		const bundle = path.join(dir, 'scanWorker.js');
		await esbuild.build({ entryPoints: [path.join(__dirname, '../../../src/worker/scanWorker.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
		const code = fs.readFileSync(bundle, 'utf8');
		assert.ok(!/\bzod\b|ZodError/.test(code), 'the scan worker bundles zod');
		assert.ok(!code.includes('Usage: context-warden'), 'the scan worker bundles the CLI');
		const one = await scanDirectoryParallel(ws, DEFAULT_POLICY, [], 64 * 1024, { jobs: 1 });
		const two = await scanDirectoryParallel(ws, DEFAULT_POLICY, [], 64 * 1024, { jobs: 2, workerFile: bundle });
		assert.deepEqual(two.files, one.files);
	});

	it('rejects when a worker cannot start', async () => {
		await assert.rejects(scanDirectoryParallel(ws, DEFAULT_POLICY, [], 1024, { jobs: 2, workerFile: path.join(dir, 'missing.cjs') }));
	});
});
