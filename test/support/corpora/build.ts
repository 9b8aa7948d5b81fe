/**
 * `npm run corpora -- <adapter> <source-checkout> <out-dir>`: turns a public repository's labelled samples into
 * a corpus for `npm run accuracy` (format: src/tools/accuracy/corpus.ts). Adapters: gitleaks
 * (gitleaks/gitleaks), credsweeper (Samsung/CredSweeper), detect-secrets (Yelp/detect-secrets). The sources
 * and the corpora stay outside the repository (e.g. under /work/corpora); nothing here is committed data.
 */
import * as path from 'node:path';
import { CorpusWriter } from '../../../src/tools/accuracy/corpus';
import { buildCredSweeperCorpus } from './credsweeper';
import { buildDetectSecretsCorpus } from './detectSecrets';
import { buildGitleaksCorpus } from './gitleaks';

const [adapter, source, outDir] = process.argv.slice(2);
const adapters: Record<string, { build: (repo: string, out: CorpusWriter) => void; exhaustive: boolean; source: string }> = {
	gitleaks: { build: buildGitleaksCorpus, exhaustive: false, source: 'gitleaks/gitleaks cmd/generate/config/rules (tps, fps)' },
	credsweeper: { build: buildCredSweeperCorpus, exhaustive: false, source: 'Samsung/CredSweeper tests/samples, labels tests/data/output.json' },
	'detect-secrets': { build: buildDetectSecretsCorpus, exhaustive: false, source: 'Yelp/detect-secrets test_data, labels test_data/baseline.file' },
};
const a = adapter ? adapters[adapter] : undefined;
if (!a || !source || !outDir) {
	process.stderr.write(`usage: npm run corpora -- <${Object.keys(adapters).join('|')}> <source-checkout> <out-dir>\n`);
	process.exit(2);
}
const out = new CorpusWriter(path.resolve(outDir), { name: adapter as string, source: a.source, exhaustive: a.exhaustive });
a.build(path.resolve(source), out);
const n = out.finish();
process.stdout.write(`${adapter}: ${n.files} files, ${n.labels} labels -> ${outDir}\n`);
