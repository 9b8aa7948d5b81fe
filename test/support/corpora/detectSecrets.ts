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
 * The performance files, the word list and the baseline itself are left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusWriter, Label } from '../../../src/tools/accuracy/corpus';

interface Baseline {
	results: Record<string, { line_number: number; type: string }[]>;
}

export function buildDetectSecretsCorpus(repo: string, out: CorpusWriter): void {
	const root = path.join(repo, 'test_data');
	const baseline = JSON.parse(fs.readFileSync(path.join(root, 'baseline.file'), 'utf8')) as Baseline;
	let positives = 0;
	for (const [file, results] of Object.entries(baseline.results).sort()) {
		const abs = path.join(root, ...file.split('/'));
		if (!fs.existsSync(abs)) continue;
		const bytes = fs.readFileSync(abs);
		const byLine = new Map<number, string[]>();
		for (const r of results) byLine.set(r.line_number, [...(byLine.get(r.line_number) ?? []), r.type]);
		const lines: { line: number; label: Label; category?: string }[] = [];
		bytes.toString('utf8').split(/\r\n|\r|\n/).forEach((t, i) => {
			const types = byLine.get(i + 1) ?? [];
			const credential = types.filter((x) => !/High Entropy String/.test(x));
			if (credential.length > 0) {
				positives++;
				lines.push({ line: i + 1, label: credential.includes('Private Key') ? 'private-key' : 'secret', category: credential.join('+') });
			} else if (types.length === 0 && t.trim() !== '' && !/pragma: ?allowlist secret/.test(t)) {
				lines.push({ line: i + 1, label: 'none' });
			}
		});
		out.lines(file, bytes, lines);
	}
	out.note(`detect-secrets test_data: ${positives} positive lines`);
}
