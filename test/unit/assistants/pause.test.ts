// Pausing enforcement is the org's decision: off by default, optionally time-boxed, over when the policy changes.
import * as assert from 'node:assert/strict';
import { pauseEnded, startPause } from '../../../src/core/assistants/pause';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { completeOrgPolicy } from '../../../src/core/policy/layering';

const NOW = new Date('2026-12-08T01:00:00.000Z');

describe('pausing enforcement (overrides.pause)', () => {
	it('is not allowed by the built-in default', () => {
		assert.equal(DEFAULT_POLICY.overrides.pause.allowed, false);
		assert.equal(startPause(DEFAULT_POLICY, 'sha', 'alice', 'restoreAssistantSettings', NOW), undefined);
	});

	it('starts where the org allows it, and ends at maxMinutes', () => {
		const policy = structuredClone(DEFAULT_POLICY);
		policy.overrides.pause = { allowed: true, maxMinutes: 60 };
		const state = startPause(policy, 'sha', 'alice', 'restoreHooks', NOW);
		assert.deepEqual(state, { since: NOW.toISOString(), until: '2026-12-08T02:00:00.000Z', by: 'alice', command: 'restoreHooks', policySha256: 'sha' });
		assert.equal(pauseEnded(state, 'sha', new Date('2026-12-08T01:59:59.000Z')), undefined);
		assert.equal(pauseEnded(state, 'sha', new Date('2026-12-08T02:00:00.000Z')), 'expired');
	});

	it('without maxMinutes lasts until resumed or the policy changes', () => {
		const policy = structuredClone(DEFAULT_POLICY);
		policy.overrides.pause = { allowed: true };
		const state = startPause(policy, 'sha', 'alice', 'restoreAssistantSettings', NOW);
		assert.ok(state && state.until === undefined);
		assert.equal(pauseEnded(state, 'sha', new Date('2030-01-01T00:00:00.000Z')), undefined);
		assert.equal(pauseEnded(state, 'other', NOW), 'policy changed');
	});

	it('an org policy file turns it on with overrides.pause, the rest of overrides kept from the default', () => {
		const org = completeOrgPolicy({ version: 1, name: 'org', overrides: { pause: { allowed: true, maxMinutes: 30 } } });
		assert.deepEqual(org.overrides.pause, { allowed: true, maxMinutes: 30 });
		assert.equal(org.overrides.allowWorkspaceLayers, DEFAULT_POLICY.overrides.allowWorkspaceLayers);
	});
});
