/**
 * `npm run accuracy -- <corpus-dir>… [--misses N]`: scores the default policy's classifier on labelled corpora
 * (format: src/tools/accuracy/corpus.ts, docs/accuracy.md): precision and recall of secrets and private keys,
 * per family and per source category, and file-level recall.
 *
 * `npm run accuracy -- --clean <dir> [--examples N]`: the false-positive benchmark on a tree that holds no
 * secrets (e.g. node_modules): every file is classified (nothing excluded, .gitignore ignored) and the report
 * says how many files each family flags, at which level, and by which rules.
 *
 * Reports name files, lines and rule ids only, never a sample's content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileClassifier } from '../core/classify/classifier';
import { classifyEntry, newReadScratch } from '../core/classify/fileSource';
import type { FileClassification } from '../core/classify/types';
import { walkWorkspace } from '../core/classify/walk';
import { DEFAULT_POLICY } from '../core/policy/defaultPolicy';
import { levelRank, type Level } from '../core/policy/levels';
import { readCorpus } from './accuracy/corpus';
import { classifyWith, formatScore, scoreCorpus } from './accuracy/score';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
	const i = args.indexOf(`--${name}`);
	if (i === -1) return dflt;
	const v = Number(args[i + 1]);
	args.splice(i, 2);
	return Number.isFinite(v) ? v : dflt;
};
const misses = flag('misses', 0);
const examples = flag('examples', 3);
const cleanAt = args.indexOf('--clean');
const { classifier } = compileClassifier(DEFAULT_POLICY);

if (cleanAt !== -1) {
	const dir = args[cleanAt + 1];
	if (!dir) usage();
	clean(path.resolve(dir as string));
} else {
	if (args.length === 0) usage();
	for (const dir of args) {
		const corpus = readCorpus(path.resolve(dir));
		const score = scoreCorpus(corpus, classifyWith(classifier), (f) => fs.readFileSync(path.join(corpus.dir, ...f.split('/'))));
		process.stdout.write(`${formatScore(score, { misses })}\n\n`);
	}
}

function usage(): never {
	process.stderr.write('usage: npm run accuracy -- <corpus-dir>… [--misses N]\n       npm run accuracy -- --clean <dir> [--examples N]\n');
	process.exit(2);
}

function clean(root: string): void {
	const max = DEFAULT_POLICY.content.maxFileSizeBytes;
	const scratch = newReadScratch(max);
	const levels = new Map<Level, number>();
	const byKind = new Map<string, { files: number; sensitive: number; rules: Map<string, { files: number; examples: string[] }> }>();
	let files = 0;
	let sensitive = 0;
	for (const entry of walkWorkspace(root, { excludeDirs: ['.git'], gitignore: false })) {
		const { file } = classifyEntry(classifier, entry, max, scratch);
		files++;
		levels.set(file.level, (levels.get(file.level) ?? 0) + 1);
		const isSensitive = levelRank(file.level) >= levelRank('confidential');
		if (isSensitive) sensitive++;
		tallyKinds(file, isSensitive, byKind);
	}
	const share = (n: number): string => `${n} (${((100 * n) / Math.max(1, files)).toFixed(2)} %)`;
	const out = [`${root}: ${files} files; confidential or restricted: ${share(sensitive)}`];
	out.push(`  by level: ${['public', 'internal', 'confidential', 'restricted'].map((l) => `${l} ${levels.get(l as Level) ?? 0}`).join(', ')}`);
	for (const [kind, k] of [...byKind].sort((a, b) => b[1].files - a[1].files)) {
		out.push(`  ${kind}: ${k.files} files with a finding, ${share(k.sensitive)} confidential or above because of it`);
		for (const [rule, r] of [...k.rules].sort((a, b) => b[1].files - a[1].files).slice(0, 15)) {
			out.push(`    ${rule}: ${r.files} files${r.examples.length ? `, e.g. ${r.examples.join(', ')}` : ''}`);
		}
	}
	process.stdout.write(`${out.join('\n')}\n`);
}

function tallyKinds(file: FileClassification, isSensitive: boolean, byKind: Map<string, { files: number; sensitive: number; rules: Map<string, { files: number; examples: string[] }> }>): void {
	const seenKinds = new Set<string>();
	const seenRules = new Set<string>();
	for (const r of file.reasons) {
		let k = byKind.get(r.kind);
		if (!k) byKind.set(r.kind, (k = { files: 0, sensitive: 0, rules: new Map() }));
		if (!seenKinds.has(r.kind)) {
			seenKinds.add(r.kind);
			k.files++;
			if (isSensitive && levelRank(r.level) >= levelRank('confidential')) k.sensitive++;
		}
		const key = `${r.kind}/${r.rule}`;
		if (seenRules.has(key)) continue;
		seenRules.add(key);
		let rr = k.rules.get(r.rule);
		if (!rr) k.rules.set(r.rule, (rr = { files: 0, examples: [] }));
		rr.files++;
		if (rr.examples.length < examples) rr.examples.push(`${file.path}${r.line ? `:${r.line}` : ''}`);
	}
}
