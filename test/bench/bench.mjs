// Benchmark of `context-warden scan` (not part of npm test).
//   npm run bench -- [--files 50000] [--mb 500] [--rss-files 100000] [--runs 3] [--node <path>] [--keep]
//                    [--skip-secretlint] [--skip-real]
// Every timed command is run once untimed first (so that both tools read from the page cache) and then `--runs`
// times; the best (and the median) wall time is printed, the same for ours and ripgrep. The CLI runs under
// `--node`, by default the Node 24 the test setup installs for code-server (.vscode-test/node24: the runtime
// the editor's extension host has), else this Node; the version is printed.
// 1. A seeded generated tree (source-like text where most lines hold a secret keyword, some secrets/PII/markers,
//    a few binaries): `scan --json` under /usr/bin/time -v (peak RSS), single-threaded and with the default
//    workers, against ripgrep (`rg -c -i -F -f keywords`, its default threads) on the same tree.
// 2. A real tree: a copy of this project's node_modules (nested node_modules renamed, so that both tools see the
//    same files): `scan --no-gitignore` with no size cap against `rg --no-ignore --hidden`.
// 3. secretlint on a sample of the generated tree; 4. re-classifying one edited 100 KB file; 5. peak RSS of a
//    scan of a tree of `--rss-files` files.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { prng } from '../support/prng.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
	const i = args.indexOf(`--${name}`);
	return i === -1 ? dflt : Number(args[i + 1]);
};
const FILES = opt('files', 50000);
const MB = opt('mb', 500);
const keep = args.includes('--keep');
const skipSecretlint = args.includes('--skip-secretlint');
const skipReal = args.includes('--skip-real');
const RSS_FILES = opt('rss-files', 100000);
const RUNS = Math.max(1, opt('runs', 3));
const nodeArg = args.indexOf('--node');
const NODE24 = path.join('.vscode-test', 'node24', 'bin', 'node');
const NODE = nodeArg !== -1 ? args[nodeArg + 1] : fs.existsSync(NODE24) ? path.resolve(NODE24) : process.execPath;
// secretlint runs at about 0.1 MB/s: it is compared on a fixed sample of the tree (both tools, the same files).
const SECRETLINT_FILES = opt('secretlint-files', 5000);

const rnd = prng(42);
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const str = (n, cs = B62) => Array.from({ length: n }, () => cs[Math.floor(rnd() * cs.length)]).join('');
const LINES = [
	(i) => `export function handler${i}(req, res) { const token = req.headers.authorization; return res.json({ ok: true, id: ${i} }); }`,
	(i) => `  const password = await getPassword(user${i});`,
	(i) => `// TODO(${i}): refactor the key handling in this module before release`,
	(i) => `import { api${i} } from '../lib/api';`,
	(i) => `    if (items[${i}].price > 100) { discount = 0.1 * items[${i}].price; }`,
	(i) => `const url = "https://api.example.com/v1/resource/${i}?page=2";`,
	(i) => `  secret_name: "service-${i}"   # reference, not a value`,
];
const SPECIAL = [
	() => `GITHUB_TOKEN=gh${'p'}_${str(36)}`,
	() => `aws_access_key_id = AK${'IA'}${str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
	() => `contact: ${str(6).toLowerCase()}@acme-corp.cn`,
	() => '// CONFIDENTIAL - internal design',
	() => `DB_PASSWORD=${str(10)}#${str(4)}`,
];

function generate(root, files = FILES, mbTotal = MB) {
	const avg = (mbTotal * 1e6) / files;
	let bytes = 0;
	for (let i = 0; i < files; i++) {
		const dir = path.join(root, `pkg${i % 100}`, `mod${i % 37}`);
		fs.mkdirSync(dir, { recursive: true });
		if (i % 500 === 7) {
			const bin = Buffer.alloc(Math.round(avg));
			for (let k = 0; k < bin.length; k += 97) bin[k] = Math.floor(rnd() * 256);
			fs.writeFileSync(path.join(dir, `blob${i}.bin`), bin);
			bytes += bin.length;
			continue;
		}
		const target = avg * (0.3 + rnd() * 1.4);
		const parts = [];
		let n = 0;
		while (n < target) {
			const line = rnd() < 0.001 ? SPECIAL[Math.floor(rnd() * SPECIAL.length)]() : LINES[Math.floor(rnd() * LINES.length)](n);
			parts.push(line);
			n += line.length + 1;
		}
		const text = parts.join('\n');
		fs.writeFileSync(path.join(dir, `file${i}.${['ts', 'js', 'py', 'yaml', 'md'][i % 5]}`), text);
		bytes += text.length;
	}
	return bytes;
}

/** Best (and median) of RUNS timed runs after one untimed warm-up run; RSS and stdout of the best one. */
function best(cmd, argv, opts = {}) {
	timeV(cmd, argv, opts);
	const runs = Array.from({ length: RUNS }, () => timeV(cmd, argv, opts)).sort((a, b) => a.ms - b.ms);
	return { ...runs[0], median: runs[Math.floor(runs.length / 2)].ms };
}

const secs = (r) => `${(r.ms / 1000).toFixed(2)} s${RUNS > 1 ? ` (best of ${RUNS}; median ${(r.median / 1000).toFixed(2)} s)` : ''}`;

function timeV(cmd, argv, opts = {}) {
	const t0 = performance.now();
	const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { maxBuffer: 1 << 30, ...opts });
	const ms = performance.now() - t0;
	const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr.toString());
	return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-'));
// Removed however the run ends (unless --keep), also when a step throws.
process.on('exit', () => {
	if (!keep) fs.rmSync(work, { recursive: true, force: true });
});
const tree = path.join(work, 'tree');
console.log(`generating ${FILES} files / ${MB} MB in ${tree} (seed 42)…`);
const bytes = generate(tree);
const mb = bytes / 1e6;

const cli = path.join(work, 'cli.js');
const bundle = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'error', define: { __VERSION__: '"bench"' } };
await esbuild.build({ ...bundle, entryPoints: ['src/cli.ts'], outfile: cli });
// The scan workers' own bundle beside the CLI, as in dist/ (without it the workers would load the whole CLI).
await esbuild.build({ ...bundle, entryPoints: ['src/worker/scanWorker.ts'], outfile: path.join(work, 'scanWorker.js') });
spawnSync('sync');
const policy = path.join(work, 'policy.json');
fs.writeFileSync(policy, JSON.stringify({ version: 1, name: 'bench' }));

const nodeVersion = spawnSync(NODE, ['--version']).stdout.toString().trim();
console.log(`the CLI runs under Node ${nodeVersion} (${NODE})`);
const single = best(NODE, [cli, 'scan', tree, '--json', '--policy', policy, '--jobs', '1']);
const ours = best(NODE, [cli, 'scan', tree, '--json', '--policy', policy]);
const json = JSON.parse(ours.stdout.toString());
const sensitive = json.files.filter((f) => f.level !== 'public').length;
const jobs = os.availableParallelism?.() ?? os.cpus().length;
console.log(`context-warden scan, 1 thread: ${secs(single)} wall, ${(mb / (single.ms / 1000)).toFixed(1)} MB/s; peak RSS ${single.rssMb.toFixed(0)} MB`);
console.log(`context-warden scan, ${jobs} workers: ${json.stats.files} files, ${mb.toFixed(0)} MB in ${secs(ours)} wall -> ${(json.stats.files / (ours.ms / 1000)).toFixed(0)} files/s, ${(mb / (ours.ms / 1000)).toFixed(1)} MB/s; peak RSS ${ours.rssMb.toFixed(0)} MB; ${sensitive} non-public files`);

const kw = path.join(work, 'keywords.txt');
const { SECRET_RULES } = await import('../../src/core/classify/detectors/secretRules.ts').catch(() => ({ SECRET_RULES: [] }));
const keywords = SECRET_RULES.length ? [...new Set(SECRET_RULES.flatMap((r) => r.keywords))] : ['ghp_', 'akia', 'password', 'secret', 'token'];
fs.writeFileSync(kw, keywords.join('\n'));
const hasRg = spawnSync('rg', ['--version']).status === 0;
const rg = hasRg ? best('rg', ['-c', '-i', '-F', '-f', kw, tree]) : undefined;
if (rg) console.log(`ripgrep -c -i -F (${keywords.length} keywords): ${secs(rg)}, ${(mb / (rg.ms / 1000)).toFixed(1)} MB/s, peak RSS ${rg.rssMb.toFixed(0)} MB; ours (default: ${jobs} workers)/rg time ratio ${(ours.ms / rg.ms).toFixed(1)}x (target: at most 3x); 1 thread/rg ${(single.ms / rg.ms).toFixed(1)}x`);
else console.log('ripgrep: not installed (apt-get install -y ripgrep)');

// The real tree: this project's node_modules, nested node_modules directories renamed (our walker skips them).
if (!skipReal && hasRg && fs.existsSync('node_modules')) {
	const real = path.join(work, 'real');
	fs.cpSync('node_modules', real, { recursive: true, verbatimSymlinks: true });
	(function rename(d) {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			if (!e.isDirectory()) continue;
			let p = path.join(d, e.name);
			if (e.name === 'node_modules') {
				fs.renameSync(p, path.join(d, 'nm_'));
				p = path.join(d, 'nm_');
			}
			rename(p);
		}
	})(real);
	let realBytes = 0;
	let realFiles = 0;
	(function count(d) {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) count(p);
			else if (e.isFile()) {
				realFiles++;
				realBytes += fs.statSync(p).size;
			}
		}
	})(real);
	const uncapped = path.join(work, 'uncapped.json');
	fs.writeFileSync(uncapped, JSON.stringify({ version: 1, name: 'bench', content: { maxFileSizeBytes: 256 * 1024 * 1024 } }));
	spawnSync('sync');
	const rmb = realBytes / 1e6;
	const oursReal = best(NODE, [cli, 'scan', real, '--json', '--no-gitignore', '--policy', uncapped]);
	const oursReal1 = best(NODE, [cli, 'scan', real, '--json', '--no-gitignore', '--policy', uncapped, '--jobs', '1']);
	const rgReal = best('rg', ['-c', '-i', '-F', '--no-ignore', '--hidden', '-f', kw, real]);
	console.log(`real tree (node_modules copy): ${realFiles} files, ${rmb.toFixed(0)} MB`);
	console.log(`  context-warden scan, 1 thread: ${secs(oursReal1)}, ${(rmb / (oursReal1.ms / 1000)).toFixed(1)} MB/s, peak RSS ${oursReal1.rssMb.toFixed(0)} MB`);
	console.log(`  context-warden scan, ${jobs} workers: ${secs(oursReal)}, ${(rmb / (oursReal.ms / 1000)).toFixed(1)} MB/s, peak RSS ${oursReal.rssMb.toFixed(0)} MB`);
	console.log(`  ripgrep --no-ignore --hidden: ${secs(rgReal)}, ${(rmb / (rgReal.ms / 1000)).toFixed(1)} MB/s; ours (default: ${jobs} workers)/rg time ratio ${(oursReal.ms / rgReal.ms).toFixed(1)}x (target: at most 3x); 1 thread/rg ${(oursReal1.ms / rgReal.ms).toFixed(1)}x`);
}

const sl = path.join(work, 'secretlint');
try {
	if (skipSecretlint) throw new Error('skipped (--skip-secretlint)');
	execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', sl, '@secretlint/core', '@secretlint/secretlint-rule-preset-recommend'], { stdio: 'ignore' });
	const script = path.join(sl, 'run.cjs');
	fs.writeFileSync(script, `
const fs = require('fs'), path = require('path');
const { lintSource } = require('@secretlint/core');
const { creator } = require('@secretlint/secretlint-rule-preset-recommend');
const files = [];
(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); e.isDirectory() ? walk(p) : files.push(p); } })(process.argv[2]);
(async () => { let n = 0; for (const f of files) { const content = fs.readFileSync(f, 'utf8'); const r = await lintSource({ source: { filePath: f, content, contentType: 'text' }, options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] } } }); n += r.messages.length; } console.log(n); })();
`);
	// The sample: the first SECRETLINT_FILES files of the tree in path order, copied with their paths.
	const sample = path.join(work, 'sample');
	const all = [];
	(function walk(d) {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else all.push(p);
		}
	})(tree);
	all.sort();
	let sampleBytes = 0;
	for (const f of all.slice(0, SECRETLINT_FILES)) {
		const to = path.join(sample, path.relative(tree, f));
		fs.mkdirSync(path.dirname(to), { recursive: true });
		fs.copyFileSync(f, to);
		sampleBytes += fs.statSync(f).size;
	}
	const smb = sampleBytes / 1e6;
	const oursSample = timeV(NODE, [cli, 'scan', sample, '--json', '--policy', policy]);
	const s = timeV('node', [script, sample], { cwd: sl });
	console.log(`sample for secretlint: ${Math.min(SECRETLINT_FILES, all.length)} files, ${smb.toFixed(0)} MB`);
	console.log(`  context-warden scan: ${(oursSample.ms / 1000).toFixed(2)} s, ${(smb / (oursSample.ms / 1000)).toFixed(1)} MB/s`);
	console.log(`  secretlint (in-process lintSource, preset-recommend): ${(s.ms / 1000).toFixed(2)} s, ${(smb / (s.ms / 1000)).toFixed(1)} MB/s, peak RSS ${s.rssMb.toFixed(0)} MB, ${String(s.stdout).trim()} findings`);
	console.log(`  secretlint/ours time ratio: ${(s.ms / oursSample.ms).toFixed(1)}x (target: at least 10x)`);
} catch (err) {
	console.log(`secretlint: not available (${err.message.split('\n')[0]})`);
}

// Re-classification of one edited 100 KB file, in-process through the bundle's core.
const core = path.join(work, 'core.js');
await esbuild.build({ stdin: { contents: "export { compileClassifier } from './src/core/classify/classifier'; export { DEFAULT_POLICY } from './src/core/policy/defaultPolicy';", resolveDir: process.cwd(), loader: 'ts' }, outfile: core, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
const { compileClassifier, DEFAULT_POLICY } = await import(core);
const { classifier } = compileClassifier(DEFAULT_POLICY);
let text = '';
for (let i = 0; text.length < 100_000; i++) text += `${LINES[i % LINES.length](i)}\n`;
for (let i = 0; i < 20; i++) classifier.classifyText('src/edit.ts', text + i);
const runs = 500;
const t0 = performance.now();
for (let i = 0; i < runs; i++) classifier.classifyText('src/edit.ts', `${text}// edit ${i}\n`);
console.log(`re-classify one edited 100 KB file: ${((performance.now() - t0) / runs).toFixed(2)} ms per call`);

// Peak RSS at RSS_FILES files (small ones: the count, not the bytes, is what the results' memory grows with).
if (RSS_FILES > 0) {
	const many = path.join(work, 'many');
	generate(many, RSS_FILES, RSS_FILES * 0.002);
	const r = timeV(NODE, [cli, 'scan', many, '--json', '--policy', policy]);
	const n = JSON.parse(r.stdout.toString()).stats.files;
	console.log(`peak RSS scanning ${n} files (${jobs} workers, --json): ${r.rssMb.toFixed(0)} MB (target: under 300 MB at 100k files); ${(r.ms / 1000).toFixed(2)} s`);
}

if (keep) console.log(`kept ${work}`);
