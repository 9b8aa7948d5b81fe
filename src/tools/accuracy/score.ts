/**
 * Scoring a classifier against a labelled corpus (see corpus.ts): line-level (or sample-level, for whole-file
 * labels) precision and recall of the credential families (secrets and private keys), per family and per
 * source category, and file-level recall (a file holding a credential classified confidential or above).
 *
 * Decisions:
 * - Only `secret` and `private-key` findings count as credential predictions; PII, markers and path rules do
 *   not, except that file-level recall looks at the file's level, whatever raised it (that is what the
 *   levers act on).
 * - A positive line is found when a credential finding spans it (a private key's BEGIN line, or any line of a
 *   multi-line finding). A negative line is a false positive when a credential finding starts on it and the
 *   finding spans no positive line.
 * - A whole-file unit is found (or, negative, falsely flagged) when any credential finding is in the file.
 * - Precision per family: true positives by the label's family, false positives by the finding's family.
 */
import { levelRank } from '../../core/policy/levels';
import type { Classifier } from '../../core/classify/classifier';
import type { FileClassification, Reason } from '../../core/classify/types';
import type { Corpus, Label, LabelRecord } from './corpus';

export type Family = 'secret' | 'private-key';
const FAMILIES: readonly Family[] = ['secret', 'private-key'];

export interface Counts {
	tp: number;
	fp: number;
	fn: number;
}

export interface Miss {
	file: string;
	line?: number;
	category?: string;
	/** For a false positive: the rule that fired. */
	rule?: string;
}

export interface Score {
	corpus: string;
	files: number;
	units: { positive: number; negative: number };
	all: Counts;
	byFamily: Record<Family, Counts>;
	byCategory: Map<string, Counts>;
	/** False positives by the rule that fired. */
	fpByRule: Map<string, number>;
	fileRecall: { files: number; sensitive: number; anyFinding: number };
	misses: Miss[];
	falsePositives: Miss[];
}

export const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

function familyOf(r: Reason): Family | undefined {
	return r.kind === 'secret' ? 'secret' : r.kind === 'private-key' ? 'private-key' : undefined;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** Scores `classify` (a path and its bytes to a classification) on a corpus whose file bytes `read` returns. */
export function scoreCorpus(corpus: Corpus, classify: (file: string, bytes: Uint8Array) => FileClassification, read: (file: string) => Uint8Array): Score {
	const byFile = new Map<string, LabelRecord[]>();
	for (const l of corpus.labels) {
		const list = byFile.get(l.file) ?? [];
		list.push(l);
		byFile.set(l.file, list);
	}
	const s: Score = {
		corpus: corpus.info.name,
		files: byFile.size,
		units: { positive: 0, negative: 0 },
		all: zero(),
		byFamily: { secret: zero(), 'private-key': zero() },
		byCategory: new Map(),
		fpByRule: new Map(),
		fileRecall: { files: 0, sensitive: 0, anyFinding: 0 },
		misses: [],
		falsePositives: [],
	};
	const cat = (c: string | undefined): Counts => {
		const key = c ?? '(none)';
		let v = s.byCategory.get(key);
		if (!v) s.byCategory.set(key, (v = zero()));
		return v;
	};
	for (const [file, labels] of byFile) {
		const bytes = read(file);
		const c = classify(file, bytes);
		const findings = c.reasons.filter((r) => familyOf(r) !== undefined && r.line !== undefined);
		const spans = (line: number): Reason[] => findings.filter((r) => (r.line as number) <= line && line <= (r.endLine ?? r.line ?? 0));
		const positiveLines = new Set(labels.filter((l) => l.line !== undefined && l.label !== 'none').map((l) => l.line as number));
		const hasPositive = labels.some((l) => l.label !== 'none');
		if (hasPositive) {
			s.fileRecall.files++;
			if (levelRank(c.level) >= levelRank('confidential')) s.fileRecall.sensitive++;
			if (findings.length > 0) s.fileRecall.anyFinding++;
		}
		const units: { line?: number; label: Label; category?: string }[] = [...labels];
		if (corpus.info.exhaustive) {
			const labelled = new Set(labels.map((l) => l.line));
			if (!labelled.has(undefined)) {
				const text = Buffer.from(bytes).toString('utf8');
				text.split(/\r\n|\r|\n/).forEach((t, i) => {
					if (t.trim() !== '' && !labelled.has(i + 1)) units.push({ line: i + 1, label: 'none' });
				});
			}
		}
		for (const u of units) {
			const fam: Family | undefined = u.label === 'none' ? undefined : u.label;
			if (u.line === undefined) {
				// A whole-file unit.
				if (fam) {
					s.units.positive++;
					const hit = findings.length > 0;
					tally(s, fam, cat(u.category), hit, { file, ...(u.category ? { category: u.category } : {}) });
				} else {
					s.units.negative++;
					const f = findings[0];
					if (f) falsePositive(s, f, cat(u.category), { file, ...(u.category ? { category: u.category } : {}) });
				}
				continue;
			}
			if (fam) {
				s.units.positive++;
				tally(s, fam, cat(u.category), spans(u.line).length > 0, { file, line: u.line, ...(u.category ? { category: u.category } : {}) });
			} else {
				s.units.negative++;
				const line = u.line;
				const f = findings.find((r) => r.line === line && ![...positiveLines].some((p) => (r.line as number) <= p && p <= (r.endLine ?? line)));
				if (f) falsePositive(s, f, cat(u.category), { file, line, ...(u.category ? { category: u.category } : {}) });
			}
		}
	}
	return s;
}

function tally(s: Score, fam: Family, c: Counts, hit: boolean, where: Miss): void {
	if (hit) {
		s.all.tp++;
		s.byFamily[fam].tp++;
		c.tp++;
	} else {
		s.all.fn++;
		s.byFamily[fam].fn++;
		c.fn++;
		s.misses.push(where);
	}
}

function falsePositive(s: Score, f: Reason, c: Counts, where: Miss): void {
	const fam = familyOf(f) as Family;
	s.all.fp++;
	s.byFamily[fam].fp++;
	c.fp++;
	s.fpByRule.set(f.rule, (s.fpByRule.get(f.rule) ?? 0) + 1);
	s.falsePositives.push({ ...where, rule: f.rule });
}

/** A classifier as `scoreCorpus` wants it. */
export function classifyWith(classifier: Classifier): (file: string, bytes: Uint8Array) => FileClassification {
	return (file, bytes) => classifier.classifyBytes(file, bytes);
}

const pct = (x: number): string => x.toFixed(3);

/** The score as a text report (no sample content: file paths, line numbers and rule ids only). */
export function formatScore(s: Score, options: { misses?: number } = {}): string {
	const out: string[] = [];
	const row = (name: string, c: Counts): string =>
		`  ${name.padEnd(44)} tp ${String(c.tp).padStart(5)}  fp ${String(c.fp).padStart(5)}  fn ${String(c.fn).padStart(5)}  precision ${pct(precision(c))}  recall ${pct(recall(c))}`;
	out.push(`${s.corpus}: ${s.files} files, ${s.units.positive} positive and ${s.units.negative} negative units`);
	out.push(row('secrets + private keys', s.all));
	for (const f of FAMILIES) out.push(row(f, s.byFamily[f]));
	const fr = s.fileRecall;
	out.push(`  file-level recall (confidential or above): ${fr.sensitive}/${fr.files} = ${pct(fr.files ? fr.sensitive / fr.files : 1)}; with any credential finding ${fr.anyFinding}/${fr.files}`);
	const weak = [...s.byCategory].filter(([, c]) => c.fn > 0 || c.fp > 0).sort((a, b) => b[1].fn + b[1].fp - (a[1].fn + a[1].fp));
	if (weak.length > 0) {
		out.push('  categories with misses or false positives:');
		for (const [name, c] of weak.slice(0, 40)) out.push(row(`  ${name}`, c));
	}
	if (s.fpByRule.size > 0) {
		out.push(`  false positives by rule: ${[...s.fpByRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}`);
	}
	const n = options.misses ?? 0;
	if (n > 0) {
		const where = (m: Miss): string => `${m.file}${m.line ? `:${m.line}` : ''}${m.category ? ` [${m.category}]` : ''}${m.rule ? ` ${m.rule}` : ''}`;
		out.push('  missed:', ...s.misses.slice(0, n).map((m) => `    ${where(m)}`));
		out.push('  false positives:', ...s.falsePositives.slice(0, n).map((m) => `    ${where(m)}`));
	}
	return out.join('\n');
}
