import * as assert from 'node:assert/strict';
import { type EffectivePolicy, resolveEffectivePolicy } from '../../../src/core/policy/layering';
import type { PolicyException } from '../../../src/core/policy/schema';

const ALLOWING = { exceptions: { allowed: true, maxDays: 30, requireReason: true } };

function resolve(now: string, opts: { overrides?: unknown; orgExceptions?: PolicyException[]; workspace?: PolicyException[]; settings?: PolicyException[] }): EffectivePolicy {
	return resolveEffectivePolicy({
		org: {
			file: 'org.json',
			text: JSON.stringify({ version: 1, name: 'Acme', overrides: opts.overrides ?? ALLOWING, ...(opts.orgExceptions ? { exceptions: opts.orgExceptions } : {}) }),
		},
		...(opts.workspace ? { workspace: { file: 'ctx.json', text: JSON.stringify({ exceptions: opts.workspace }) } } : {}),
		...(opts.settings ? { settings: { source: 'settings', layer: { exceptions: opts.settings } } } : {}),
		now: new Date(now),
	});
}

function why(eff: EffectivePolicy): string[] {
	return eff.exceptions.rejected.map((x) => x.why);
}

describe('policy exceptions', () => {
	it('accepts a workspace exception within the org limits', () => {
		const x = { path: 'fixtures/**', reason: 'synthetic data', granted: '2026-06-01', expires: '2026-06-30' };
		const eff = resolve('2026-06-15T08:00:00Z', { workspace: [x] });
		assert.deepEqual(eff.exceptions.active, [{ ...x, layer: 'workspace' }]);
		assert.deepEqual(eff.policy.exceptions, [x]);
		assert.equal(eff.origins.get('exceptions[0]'), 'workspace');
	});

	it('is in force through the whole expiry day (UTC), and not after', () => {
		const x = { path: 'a/**', reason: 'r', granted: '2026-06-01', expires: '2026-06-15' };
		assert.equal(resolve('2026-06-15T00:00:00Z', { workspace: [x] }).exceptions.active.length, 1);
		assert.equal(resolve('2026-06-15T23:59:59.999Z', { workspace: [x] }).exceptions.active.length, 1);
		const after = resolve('2026-06-16T00:00:00Z', { workspace: [x] });
		assert.equal(after.exceptions.active.length, 0);
		assert.deepEqual(why(after), ['expired on 2026-06-15']);
		assert.deepEqual(after.policy.exceptions, []);
	});

	it('uses UTC, not local time, for the day', () => {
		// 23:30 UTC on the 15th is already the 16th in UTC+8, but the day is UTC's.
		const x = { path: 'a/**', reason: 'r', expires: '2026-06-15' };
		assert.equal(resolve('2026-06-15T23:30:00Z', { workspace: [x] }).exceptions.active.length, 1);
		assert.equal(resolve('2026-06-16T00:30:00+08:00', { workspace: [x] }).exceptions.active.length, 1);
	});

	it('rejects workspace exceptions when the org does not allow them', () => {
		const eff = resolve('2026-06-15T00:00:00Z', { overrides: { exceptions: { allowed: false } }, workspace: [{ path: 'a', reason: 'r', expires: '2026-06-20' }] });
		assert.deepEqual(why(eff), ['the org policy does not allow workspace exceptions']);
		assert.equal(eff.exceptions.rejected[0]?.layer, 'workspace');
	});

	it('requires a reason when the org says so', () => {
		const eff = resolve('2026-06-15T00:00:00Z', { workspace: [{ path: 'a', expires: '2026-06-20' }, { path: 'b', reason: '   ', expires: '2026-06-20' }] });
		assert.deepEqual(why(eff), ['the org policy requires a reason', 'the org policy requires a reason']);
		const lax = resolve('2026-06-15T00:00:00Z', { overrides: { exceptions: { allowed: true, requireReason: false } }, workspace: [{ path: 'a', expires: '2026-06-20' }] });
		assert.equal(lax.exceptions.active.length, 1);
	});

	it('limits the duration to maxDays, counted from granted or from today', () => {
		const ok = { path: 'a', reason: 'r', granted: '2026-06-01', expires: '2026-07-01' }; // 30 days
		const long = { path: 'b', reason: 'r', granted: '2026-06-01', expires: '2026-07-02' }; // 31 days
		const fromToday = { path: 'c', reason: 'r', expires: '2026-07-16' }; // 31 days from 2026-06-15
		const eff = resolve('2026-06-15T00:00:00Z', { workspace: [ok, long], settings: [fromToday] });
		assert.deepEqual(eff.exceptions.active.map((x) => x.path), ['a']);
		assert.deepEqual(why(eff), ['it lasts 31 days, more than the 30 the org policy allows', 'it lasts 31 days, more than the 30 the org policy allows']);
		assert.deepEqual(eff.exceptions.rejected.map((x) => x.layer), ['workspace', 'settings']);
	});

	it('rejects exceptions that end before they start, or have not started', () => {
		const eff = resolve('2026-06-15T00:00:00Z', {
			workspace: [
				{ path: 'a', reason: 'r', granted: '2026-06-10', expires: '2026-06-09' },
				{ path: 'b', reason: 'r', granted: '2026-06-20', expires: '2026-06-25' },
			],
		});
		assert.deepEqual(why(eff), ['it expires (2026-06-09) before it starts (2026-06-10)', 'not in force before 2026-06-20']);
	});

	it('accepts org exceptions whatever the workspace limits, unless expired', () => {
		const eff = resolve('2026-06-15T00:00:00Z', {
			overrides: { exceptions: { allowed: false, maxDays: 1 } },
			orgExceptions: [
				{ path: 'long', expires: '2027-06-15' },
				{ path: 'old', reason: 'r', expires: '2026-06-14' },
			],
		});
		assert.deepEqual(eff.exceptions.active.map((x) => [x.path, x.layer]), [['long', 'org']]);
		assert.deepEqual(eff.exceptions.rejected.map((x) => [x.path, x.why]), [['old', 'expired on 2026-06-14']]);
		assert.equal(eff.origins.get('exceptions[0]'), 'org');
	});

	it('takes no exceptions from workspaces in the strict fallback', () => {
		const eff = resolveEffectivePolicy({
			org: { file: 'o.json', text: '{' },
			workspace: { file: 'ctx.json', text: JSON.stringify({ exceptions: [{ path: 'a', reason: 'r', expires: '2026-06-20' }] }) },
			now: new Date('2026-06-15T00:00:00Z'),
		});
		assert.equal(eff.state, 'strict-fallback');
		assert.deepEqual(eff.policy.exceptions, []);
		assert.deepEqual(why(eff), ['the org policy does not allow workspace exceptions']);
	});

	it('survives an invalid clock', () => {
		const eff = resolveEffectivePolicy({ now: new Date('nonsense') });
		assert.equal(eff.state, 'default');
		assert.ok(eff.diagnostics.some((d) => /invalid clock/.test(d.message)));
	});
});
