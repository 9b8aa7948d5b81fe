import * as assert from 'node:assert/strict';
import type { FileClassification } from '../../../src/core/classify/types';
import { summarizeWorkspace } from '../../../src/core/exposure/summary';
import { InvalidatingMap, SummaryCache } from '../../../src/core/exposure/summaryCache';
import { LEVELS, type Level, type Policy, type RestrictedAt } from '../../../src/core/policy/schema';
import { prng } from '../../support/prng';

function policy(restrictedAt: RestrictedAt, sensitiveLevel: Policy['workspace']['sensitiveLevel'] = 'confidential'): Policy {
	return { workspace: { restrictedAt, sensitiveLevel } } as Policy;
}

const f = (path: string, level: Level): FileClassification => ({ path, level, reasons: [] });

/** The index's wiring in small: classifications in an InvalidatingMap that drops the cache, and a count of computations. */
function setup() {
	let computed = 0;
	const cache = new SummaryCache(() => {
		computed++;
		return files.values();
	});
	const files: Map<string, FileClassification> = new InvalidatingMap<string, FileClassification>(() => cache.invalidate());
	return { cache, files, computed: () => computed };
}

describe('summary cache', () => {
	it('is undefined before a policy, then computed once for any number of reads', () => {
		const { cache, files, computed } = setup();
		files.set('.env', f('.env', 'restricted'));
		assert.equal(cache.get(), undefined);
		cache.setPolicy(policy('confidential'));
		const first = cache.get();
		assert.equal(first?.level, 'restricted');
		assert.equal(cache.get(), first);
		assert.equal(cache.get(), first);
		assert.equal(computed(), 1);
	});

	it('recomputes after a classification is added, changed, removed or all cleared', () => {
		const { cache, files, computed } = setup();
		cache.setPolicy(policy('confidential'));
		assert.deepEqual(cache.get(), summarizeWorkspace(policy('confidential'), []));

		files.set('a.ts', f('a.ts', 'public'));
		assert.equal(cache.get()?.total, 1);
		assert.equal(cache.get()?.restricted, false);

		files.set('a.ts', f('a.ts', 'confidential'));
		assert.equal(cache.get()?.restricted, true);
		assert.equal(cache.get()?.sensitive, 1);

		files.delete('a.ts');
		assert.equal(cache.get()?.total, 0);
		assert.equal(cache.get()?.restricted, false);

		files.set('b.ts', f('b.ts', 'internal'));
		assert.equal(cache.get()?.counts.internal, 1);
		files.clear();
		assert.equal(cache.get()?.counts.internal, 0);
		assert.equal(computed(), 6);
	});

	it('recomputes after a policy change, with the new threshold and restriction', () => {
		const { cache, files, computed } = setup();
		files.set('doc.md', f('doc.md', 'internal'));
		cache.setPolicy(policy('confidential', 'confidential'));
		assert.equal(cache.get()?.restricted, false);
		assert.equal(cache.get()?.sensitive, 0);

		cache.setPolicy(policy('internal', 'internal'));
		assert.equal(cache.get()?.restricted, true);
		assert.equal(cache.get()?.sensitive, 1);

		cache.setPolicy(policy('never', 'internal'));
		assert.equal(cache.get()?.restricted, false);
		assert.equal(computed(), 3);
	});

	it('a delete of a missing path or a clear of nothing changes nothing and keeps the summary', () => {
		const { cache, files, computed } = setup();
		files.set('a.ts', f('a.ts', 'public'));
		cache.setPolicy(policy('confidential'));
		const s = cache.get();
		assert.equal(files.delete('missing'), false);
		assert.equal(cache.get(), s);
		assert.equal(computed(), 1);
		files.clear();
		new InvalidatingMap<string, number>(() => assert.fail('an empty map was cleared')).clear();
		assert.equal(cache.get()?.total, 0);
	});

	it('never hands out a stale summary across random changes and policy changes', () => {
		const rand = prng(7);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
		const thresholds: RestrictedAt[] = ['always', 'never', ...LEVELS];
		const { cache, files } = setup();
		let p = policy('confidential');
		cache.setPolicy(p);
		for (let step = 0; step < 2000; step++) {
			const r = rand();
			const path = `f${Math.floor(rand() * 20)}`;
			if (r < 0.5) {
				files.set(path, f(path, pick(LEVELS)));
			} else if (r < 0.75) {
				files.delete(path);
			} else if (r < 0.78) {
				files.clear();
			} else if (r < 0.85) {
				p = policy(pick(thresholds), pick(LEVELS));
				cache.setPolicy(p);
			}
			// Reads are interleaved with changes, as the status bar, governance and the audit read between events.
			if (rand() < 0.6) {
				assert.deepEqual(cache.get(), summarizeWorkspace(p, files.values()), `step ${step}`);
			}
		}
	});
});
