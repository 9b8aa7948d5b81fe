/**
 * Adapter: Yelp/detect-secrets' `test_data`, labelled by its own baseline (`test_data/baseline.file`: the
 * results of all its plugins over these files).
 *
 * Labels (decided here, documented in docs/accuracy.md):
 * - positive: a line a credential plugin reports (Secret Keyword, Basic Auth, Private Key, AWS, Slack, Stripe…);
 *   `Private Key` lines are `private-key`;
 * - unlabelled: lines only the entropy plugins (Base64/Hex High Entropy String) report: they flag any random
 *   string, whatever it is, so they are not a label of a credential; lines carrying `pragma: allowlist secret`;
 * - negative: every other non-blank line of the baselined files (exhaustive).
 * The performance files, the word list and the baseline itself are left out. The baseline's line numbers have
 * drifted from the files since it was written: each label goes to the line holding the secret its hash names
 * (a result whose secret is in no line is left out). AWS's documentation keys (`…EXAMPLE`) are left out.
 */
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { CorpusWriter, Label } from '../../../src/tools/accuracy/corpus';

interface Baseline {
	results: Record<string, { line_number: number; type: string; hashed_secret: string }[]>;
}

export function buildDetectSecretsCorpus(repo: string, out: CorpusWriter): void {
	const root = path.join(repo, 'test_data');
	const baseline = JSON.parse(fs.readFileSync(path.join(root, 'baseline.file'), 'utf8')) as Baseline;
	let positives = 0;
	let unmatched = 0;
	for (const [file, results] of Object.entries(baseline.results).sort()) {
		const abs = path.join(root, ...file.split('/'));
		if (!fs.existsSync(abs)) continue;
		const bytes = fs.readFileSync(abs);
		const text = bytes.toString('utf8').split(/\r\n|\r|\n/);
		const byLine = new Map<number, string[]>();
		for (const r of results) {
			const line = lineOf(text, r.hashed_secret);
			if (line === undefined) {
				unmatched++;
				continue;
			}
			// AWS's documentation key pair (AKIAIOSFODNN7EXAMPLE, …EXAMPLEKEY) is an example, not a credential.
			byLine.set(line, [...(byLine.get(line) ?? []), /EXAMPLE/.test(text[line - 1] ?? '') ? 'Example (unlabelled)' : r.type]);
		}
		const lines: { line: number; label: Label; category?: string }[] = [];
		text.forEach((t, i) => {
			const types = byLine.get(i + 1) ?? [];
			const credential = types.filter((x) => !/High Entropy String|unlabelled/.test(x));
			if (types.some((x) => /unlabelled/.test(x))) return;
			if (credential.length > 0) {
				positives++;
				lines.push({ line: i + 1, label: credential.includes('Private Key') ? 'private-key' : 'secret', category: credential.join('+') });
			} else if (types.length === 0 && t.trim() !== '' && !/pragma: ?allowlist secret/.test(t)) {
				lines.push({ line: i + 1, label: 'none' });
			}
		});
		out.lines(file, bytes, lines);
	}
	out.note(`detect-secrets test_data: ${positives} positive lines; ${unmatched} baseline results whose secret is no longer in the file left out`);
}

/**
 * The line holding the secret whose SHA-1 the baseline records: the baseline is older than some of the files,
 * so its line numbers drift; the hash does not. Candidates are the line's tokens between delimiters.
 */
function lineOf(lines: readonly string[], sha1: string): number | undefined {
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] as string;
		const candidates = new Set([line, line.trim(), ...line.split(/[\s'"`=:,;()[\]{}@/]+/)]);
		for (const c of candidates) {
			if (c !== '' && createHash('sha1').update(c).digest('hex') === sha1) return i + 1;
		}
	}
	return undefined;
}
