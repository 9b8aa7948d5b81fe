/**
 * The labelled-corpus format read by `npm run accuracy` (documented in docs/accuracy.md):
 *
 *     <corpus>/corpus.json    { "name": "...", "source": "...", "exhaustive": true|false, "notes": [...] }
 *     <corpus>/labels.jsonl   one label per line:
 *                             { "file": "a/b.env", "line": 3, "label": "secret", "category": "Password" }
 *     <corpus>/<file>         the labelled files, at the paths the labels name
 *
 * - `label` is `secret`, `private-key` or `none` (a labelled negative).
 * - `line` (1-based) labels one line; without it the label is for the whole file, scored as one unit (a
 *   sample whose secret may sit on any of its lines).
 * - `exhaustive: true`: in a file with at least one label, every other non-blank line is a negative.
 * - `category` (optional): the source's own class (a rule id), for the per-category breakdown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LABELS = ['secret', 'private-key', 'none'] as const;
export type Label = (typeof LABELS)[number];

export interface LabelRecord {
	file: string;
	line?: number;
	label: Label;
	category?: string;
}

export interface CorpusInfo {
	name: string;
	source?: string;
	exhaustive: boolean;
	notes?: string[];
}

export interface Corpus {
	dir: string;
	info: CorpusInfo;
	labels: LabelRecord[];
}

/** Parses labels.jsonl; a malformed line is an error naming its line number. */
export function parseLabels(text: string): LabelRecord[] {
	const out: LabelRecord[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		if (raw.trim() === '') return;
		let v: unknown;
		try {
			v = JSON.parse(raw);
		} catch {
			throw new Error(`labels.jsonl:${i + 1}: not JSON`);
		}
		const r = v as Partial<LabelRecord>;
		if (typeof r.file !== 'string' || r.file === '' || !LABELS.includes(r.label as Label)) {
			throw new Error(`labels.jsonl:${i + 1}: needs "file" and a "label" of ${LABELS.join(', ')}`);
		}
		if (r.line !== undefined && (!Number.isInteger(r.line) || r.line < 1)) {
			throw new Error(`labels.jsonl:${i + 1}: "line" is a 1-based line number`);
		}
		if (r.file.split(/[\\/]/).includes('..') || path.isAbsolute(r.file)) {
			throw new Error(`labels.jsonl:${i + 1}: "file" must stay inside the corpus`);
		}
		out.push({ file: r.file, label: r.label as Label, ...(r.line !== undefined ? { line: r.line } : {}), ...(r.category ? { category: String(r.category) } : {}) });
	});
	return out;
}

/** Reads a corpus directory. */
export function readCorpus(dir: string): Corpus {
	const infoPath = path.join(dir, 'corpus.json');
	const info: CorpusInfo = fs.existsSync(infoPath)
		? { exhaustive: false, ...(JSON.parse(fs.readFileSync(infoPath, 'utf8')) as Partial<CorpusInfo>), name: '' }
		: { name: '', exhaustive: false };
	const named = fs.existsSync(infoPath) ? (JSON.parse(fs.readFileSync(infoPath, 'utf8')) as Partial<CorpusInfo>).name : undefined;
	info.name = named ?? path.basename(dir);
	return { dir, info, labels: parseLabels(fs.readFileSync(path.join(dir, 'labels.jsonl'), 'utf8')) };
}

/** Writes a corpus: files and their labels (used by the adapters). */
export class CorpusWriter {
	private readonly labels: LabelRecord[] = [];
	private readonly notes: string[] = [];

	constructor(private readonly dir: string, private readonly info: Omit<CorpusInfo, 'notes'>) {
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
	}

	/** A file labelled as one unit. */
	file(rel: string, content: string | Uint8Array, label: { label: Label; category?: string }): void {
		this.write(rel, content);
		this.labels.push({ file: rel, ...label });
	}

	/** A file with per-line labels. */
	lines(rel: string, content: string | Uint8Array, labels: readonly { line: number; label: Label; category?: string }[]): void {
		this.write(rel, content);
		for (const l of labels) this.labels.push({ file: rel, ...l });
	}

	note(text: string): void {
		this.notes.push(text);
	}

	finish(): { files: number; labels: number } {
		fs.writeFileSync(path.join(this.dir, 'labels.jsonl'), this.labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
		fs.writeFileSync(path.join(this.dir, 'corpus.json'), JSON.stringify({ ...this.info, notes: this.notes }, null, 2) + '\n');
		return { files: new Set(this.labels.map((l) => l.file)).size, labels: this.labels.length };
	}

	private write(rel: string, content: string | Uint8Array): void {
		const abs = path.join(this.dir, ...rel.split('/'));
		fs.mkdirSync(path.dirname(abs), { recursive: true });
		fs.writeFileSync(abs, content);
	}
}
