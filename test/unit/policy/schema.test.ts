import * as assert from 'node:assert/strict';
import {
	isValidRegex,
	LEVELS,
	levelRank,
	maxLevel,
	OrgPolicyFileSchema,
	PolicyLayerSchema,
	PolicySchema,
	RESTRICTED_AT,
} from '../../../src/core/policy/schema';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';

describe('policy schema', () => {
	it('orders levels and restriction thresholds weakest first', () => {
		assert.deepEqual([...LEVELS], ['public', 'internal', 'confidential', 'restricted']);
		assert.ok(levelRank('public') < levelRank('restricted'));
		assert.equal(maxLevel('internal', 'confidential'), 'confidential');
		assert.equal(maxLevel('restricted', 'public'), 'restricted');
		assert.deepEqual([...RESTRICTED_AT], ['always', 'public', 'internal', 'confidential', 'restricted', 'never']);
	});

	it('requires version 1 and a name in an org policy, nothing else', () => {
		assert.ok(OrgPolicyFileSchema.safeParse({ version: 1, name: 'x' }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ version: 2, name: 'x' }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ version: 1 }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ version: 1, name: '' }).success);
	});

	it('rejects unknown keys at every depth', () => {
		assert.ok(!OrgPolicyFileSchema.safeParse({ version: 1, name: 'x', extra: 1 }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ version: 1, name: 'x', content: { detectors: { secrets: { on: true } } } }).success);
		assert.ok(!PolicySchema.safeParse({ ...DEFAULT_POLICY, assistants: { ...DEFAULT_POLICY.assistants, allowAll: true } }).success);
	});

	it('checks rule ids, globs, regexes and dates', () => {
		const base = { version: 1, name: 'x' };
		assert.ok(!OrgPolicyFileSchema.safeParse({ ...base, pathRules: [{ id: 'has space', globs: ['a'], level: 'internal' }] }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ ...base, pathRules: [{ id: 'a', globs: [], level: 'internal' }] }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ ...base, content: { patterns: [{ id: 'p', regex: '[', level: 'internal' }] } }).success);
		assert.ok(OrgPolicyFileSchema.safeParse({ ...base, content: { patterns: [{ id: 'p', regex: 'ACME-\\d+', level: 'internal' }] } }).success);
		assert.ok(!OrgPolicyFileSchema.safeParse({ ...base, exceptions: [{ path: 'a', expires: '2026-02-30' }] }).success);
		assert.ok(OrgPolicyFileSchema.safeParse({ ...base, exceptions: [{ path: 'a', expires: '2028-02-29' }] }).success);
		assert.equal(isValidRegex('(a|b'), false);
		assert.equal(isValidRegex('(a|b)'), true);
	});

	it('keeps overrides out of a workspace layer', () => {
		assert.ok(PolicyLayerSchema.safeParse({}).success);
		assert.ok(!PolicyLayerSchema.safeParse({ overrides: {} }).success);
		assert.ok(PolicyLayerSchema.safeParse({ name: 'ignored', version: 1, workspace: { restrictedAt: 'always' } }).success);
	});
});
