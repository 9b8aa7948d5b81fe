/**
 * The accuracy suite: a seeded labelled corpus (see test/support/genCorpus.ts) classified end to end; precision
 * and recall per detector family must both reach 0.95, and every secret rule must find its own samples.
 */
import * as assert from 'node:assert/strict';
import { compileClassifier } from '../../../src/core/classify/classifier';
import type { ReasonKind } from '../../../src/core/classify/types';
import type { DetectorFamily } from '../../../src/core/policy/schema';
import { SECRET_RULES } from '../../../src/core/classify/detectors/secretRules';
import { labelledCorpus, Rand, RULE_NEAR_MISSES, ruleNearMisses, SECRET_SAMPLES } from '../../support/genCorpus';
import { testPolicy } from '../../support/classifyPolicy';

const FAMILY_OF: Partial<Record<ReasonKind, DetectorFamily>> = { secret: 'secrets', 'private-key': 'privateKeys', pii: 'pii', marker: 'markers' };
const FAMILIES: DetectorFamily[] = ['secrets', 'privateKeys', 'pii', 'markers'];
const THRESHOLD = 0.95;

describe('classification accuracy (seeded labelled corpus)', function () {
	this.timeout(120_000);
	const corpus = labelledCorpus(20261124, 20);
	const { classifier } = compileClassifier(testPolicy());
	const stats = new Map(FAMILIES.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
	const ruleHits = new Map<string, { found: number; total: number }>();
	const misses: string[] = [];

	before(() => {
		for (const sample of corpus) {
			const c = classifier.classifyText('sample.txt', sample.text);
			const fired = new Set(c.reasons.map((r) => FAMILY_OF[r.kind]).filter((f): f is DetectorFamily => f !== undefined));
			for (const f of FAMILIES) {
				const s = stats.get(f) as { tp: number; fp: number; fn: number };
				const expected = sample.families.includes(f);
				if (expected && fired.has(f)) s.tp++;
				else if (expected) {
					s.fn++;
					misses.push(`FN ${f} ${sample.rule ?? ''}: ${mask(sample.text)}`);
				} else if (fired.has(f)) {
					s.fp++;
					misses.push(`FP ${f} ${c.reasons.map((r) => r.rule).join(',')}: ${mask(sample.text)}`);
				}
			}
			if (sample.rule && sample.families.includes('secrets')) {
				const h = ruleHits.get(sample.rule) ?? { found: 0, total: 0 };
				h.total++;
				if (c.reasons.some((r) => r.rule === sample.rule)) h.found++;
				ruleHits.set(sample.rule, h);
			}
		}
	});

	for (const family of FAMILIES) {
		it(`${family}: precision and recall >= ${THRESHOLD}`, () => {
			const s = stats.get(family) as { tp: number; fp: number; fn: number };
			const precision = s.tp / Math.max(1, s.tp + s.fp);
			const recall = s.tp / Math.max(1, s.tp + s.fn);
			if (process.env.CW_ACCURACY_REPORT) {
				console.log(`      ${family}: tp=${s.tp} fp=${s.fp} fn=${s.fn} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`);
			}
			assert.ok(s.tp > 0, `${family} has positives`);
			const detail = misses.filter((m) => m.includes(` ${family} `)).slice(0, 10).join('\n');
			assert.ok(precision >= THRESHOLD, `${family} precision ${precision.toFixed(3)}\n${detail}`);
			assert.ok(recall >= THRESHOLD, `${family} recall ${recall.toFixed(3)}\n${detail}`);
		});
	}

	it('every secret rule has true positives and near misses beside it, and each behaves', () => {
		const ids = SECRET_RULES.map((x) => x.id).sort();
		assert.deepEqual(Object.keys(SECRET_SAMPLES).sort(), ids, 'a true-positive sample per rule');
		assert.deepEqual(Object.keys(RULE_NEAR_MISSES).filter((k) => !ids.includes(k)), [], 'near misses only for rules that exist');
		const r = new Rand(4242);
		const bad: string[] = [];
		for (const id of ids) {
			for (let k = 0; k < 3; k++) {
				const tp = (SECRET_SAMPLES[id] as (r: Rand) => string)(r);
				const fired = classifier.classifyText('sample.txt', `${tp}\n`).reasons.map((x) => x.rule);
				if (!fired.includes(id)) bad.push(`${id}: true positive not found (${fired.join(',')}): ${mask(tp)}`);
				const near = ruleNearMisses(id, r);
				if (near.length === 0) bad.push(`${id}: no near miss`);
				for (const line of near) {
					const f = classifier.classifyText('sample.txt', `${line}\n`).reasons.filter((x) => x.kind === 'secret').map((x) => x.rule);
					if (f.length > 0) bad.push(`${id}: near miss fires ${f.join(',')}: ${mask(line)}`);
				}
			}
		}
		assert.deepEqual(bad, []);
	});

	it('every secret rule finds its own samples (by rule id)', () => {
		const weak = [...ruleHits].filter(([, h]) => h.found / h.total < THRESHOLD).map(([id, h]) => `${id} ${h.found}/${h.total}`);
		assert.deepEqual(weak, []);
		assert.equal(ruleHits.size, Object.keys(SECRET_SAMPLES).length);
	});
});

/** Test output never shows a generated secret in full either. */
function mask(text: string): string {
	return text.replace(/\s+/g, ' ').replace(/[A-Za-z0-9+/_-]{12,}/g, (m) => `${m.slice(0, 4)}…${m.length}`).slice(0, 140);
}
