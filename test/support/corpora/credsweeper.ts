/**
 * Adapter: Samsung/CredSweeper's `tests/samples` with the labels its own test suite expects
 * (`tests/data/output.json`: CredSweeper's default run, ML on, over the samples).
 *
 * Labels (decided here, documented in docs/accuracy.md):
 * - positive: a line CredSweeper reports at severity high or medium (its "Password", "Token", "PEM Private
 *   Key", provider rules…), except rules that report identifiers, not credentials ("Tencent WeChat API App
 *   ID"); "PEM Private Key" and "BASE64 … Private Key" lines are `private-key`, the rest `secret`;
 * - unlabelled (neither way): lines reported only at severity info or low (UUID, Nonce, Salt, S3 bucket,
 *   Firebase domain, OTP secret): CredSweeper itself does not call them credentials;
 * - negative: every other non-blank line of a text sample (the corpus is exhaustive), including the lines its
 *   filters and ML model turned away; binary samples (archives, documents, class files) are left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusWriter, Label } from '../../../src/tools/accuracy/corpus';

interface Finding {
	rule: string;
	severity: string;
	line_data_list: { line_num: number; path: string }[];
}

const NOT_CREDENTIALS = new Set(['Tencent WeChat API App ID']);

export function buildCredSweeperCorpus(repo: string, out: CorpusWriter): void {
	const findings = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'data', 'output.json'), 'utf8')) as Finding[];
	const labels = new Map<string, Map<number, { label: Label | 'skip'; category: string }>>();
	for (const f of findings) {
		const positive = (f.severity === 'high' || f.severity === 'medium') && !NOT_CREDENTIALS.has(f.rule);
		const label: Label | 'skip' = !positive ? 'skip' : /Private Key/.test(f.rule) ? 'private-key' : 'secret';
		for (const l of f.line_data_list) {
			const rel = path.posix.normalize(l.path.replace(/^\.\//, '')).replace(/^tests\/samples\//, '');
			let m = labels.get(rel);
			if (!m) labels.set(rel, (m = new Map()));
			const prev = m.get(l.line_num);
			// A positive outranks "skip" on the same line.
			if (!prev || (prev.label === 'skip' && label !== 'skip')) m.set(l.line_num, { label, category: f.rule });
		}
	}
	const dir = path.join(repo, 'tests', 'samples');
	let binary = 0;
	let positives = 0;
	for (const name of fs.readdirSync(dir).sort()) {
		const abs = path.join(dir, name);
		if (!fs.statSync(abs).isFile()) continue;
		const bytes = fs.readFileSync(abs);
		if (bytes.includes(0) || /\.(?:zip|gz|bz2|tar|xz|docx|xlsx|pptx|pdf|class|jks|p12|pfx|png|jpg|deb|apk|eml|msg)$/i.test(name)) {
			binary++;
			continue;
		}
		const m = labels.get(name) ?? new Map();
		const lines: { line: number; label: Label; category?: string }[] = [];
		const text = bytes.toString('utf8').split(/\r\n|\r|\n/);
		text.forEach((t, i) => {
			const l = m.get(i + 1);
			if (l?.label === 'skip') return;
			if (l) {
				positives++;
				lines.push({ line: i + 1, label: l.label as Label, category: l.category });
			} else if (t.trim() !== '') {
				lines.push({ line: i + 1, label: 'none' });
			}
		});
		out.lines(`samples/${name}`, bytes, lines);
	}
	out.note(`CredSweeper samples: ${positives} positive lines; ${binary} binary samples left out`);
}
