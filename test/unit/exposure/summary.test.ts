import * as assert from 'node:assert/strict';
import type { FileClassification } from '../../../src/core/classify/types';
import { isRestricted, summarizeWorkspace } from '../../../src/core/exposure/summary';
import type { Policy, RestrictedAt } from '../../../src/core/policy/schema';

function policy(restrictedAt: RestrictedAt, sensitiveLevel: Policy['workspace']['sensitiveLevel'] = 'confidential'): Policy {
	return { workspace: { restrictedAt, sensitiveLevel } } as Policy;
}

const f = (path: string, level: FileClassification['level']): FileClassification => ({ path, level, reasons: [] });

describe('workspace summary', () => {
	it('takes the highest level, counts per level and sensitive files at or above the threshold', () => {
		const s = summarizeWorkspace(policy('restricted'), [f('a', 'public'), f('b', 'internal'), f('c', 'confidential'), f('d', 'confidential')]);
		assert.equal(s.level, 'confidential');
		assert.deepEqual(s.counts, { public: 1, internal: 1, confidential: 2, restricted: 0 });
		assert.equal(s.sensitive, 2);
		assert.equal(s.total, 4);
		assert.equal(s.restricted, false, 'confidential is below a restricted threshold');
	});

	it('restricts at the threshold, always, or never', () => {
		assert.equal(isRestricted(policy('confidential'), 'confidential'), true);
		assert.equal(isRestricted(policy('confidential'), 'internal'), false);
		assert.equal(isRestricted(policy('always'), 'public'), true);
		assert.equal(isRestricted(policy('never'), 'restricted'), false);
		assert.equal(summarizeWorkspace(policy('always'), []).restricted, true);
		assert.equal(summarizeWorkspace(policy('public'), []).level, 'public');
	});

	it('counts sensitive files against the policy threshold', () => {
		assert.equal(summarizeWorkspace(policy('restricted', 'internal'), [f('a', 'internal'), f('b', 'public')]).sensitive, 1);
	});
});
