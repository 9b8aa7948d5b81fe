/**
 * The per-level agent read action (`workspace.agentReads`): deny by default, set by the org, tightened only by
 * workspace layers.
 */
import * as assert from 'node:assert/strict';
import { agentReadAction } from '../../../src/core/policy/agentReads';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { PolicyLayerSchema, PolicySchema } from '../../../src/core/policy/schema';

const NOW = new Date('2026-06-15T12:00:00Z');

function effective(orgReads: Record<string, string> | undefined, layerReads?: Record<string, string>) {
	return resolveEffectivePolicy({
		org: { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme', ...(orgReads ? { workspace: { agentReads: orgReads } } : {}) }) },
		...(layerReads ? { workspace: { file: 'ws/.vscode/context-policy.json', text: JSON.stringify({ workspace: { agentReads: layerReads } }) } } : {}),
		now: NOW,
	});
}

describe('agent read actions per level', () => {
	it('denies every level when the policy says nothing (the built-in default is unchanged)', () => {
		for (const level of ['public', 'internal', 'confidential', 'restricted'] as const) {
			assert.equal(agentReadAction(DEFAULT_POLICY.workspace.agentReads, level), 'deny');
		}
		assert.equal(agentReadAction({ confidential: 'bogus' } as never, 'confidential'), 'deny');
	});

	it('takes the org\'s actions, level by level', () => {
		const e = effective({ confidential: 'redact', internal: 'allow' });
		assert.equal(e.state, 'org');
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'confidential'), 'redact');
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'internal'), 'allow');
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'restricted'), 'deny');
		assert.ok(PolicySchema.safeParse(e.policy).success);
	});

	it('lets a workspace layer tighten (allow → redact → deny) and refuses loosening', () => {
		const e = effective({ confidential: 'redact', internal: 'allow' }, { internal: 'redact', confidential: 'allow', restricted: 'redact' });
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'internal'), 'redact');
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'confidential'), 'redact');
		assert.equal(agentReadAction(e.policy.workspace.agentReads, 'restricted'), 'deny');
		assert.deepEqual(e.refused.map((r) => r.key).sort(), ['workspace.agentReads.confidential', 'workspace.agentReads.restricted']);
		assert.equal(e.origins.get('workspace.agentReads.internal'), 'workspace');
	});

	it('rejects unknown actions and levels (a typo must not loosen)', () => {
		assert.equal(PolicyLayerSchema.safeParse({ workspace: { agentReads: { confidential: 'mask' } } }).success, false);
		assert.equal(PolicyLayerSchema.safeParse({ workspace: { agentReads: { secret: 'deny' } } }).success, false);
	});
});
