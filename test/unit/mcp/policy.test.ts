import * as assert from 'node:assert/strict';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { OrgPolicyFileSchema, PolicyLayerSchema } from '../../../src/core/policy/schema';

const NOW = new Date('2026-12-08T00:00:00Z');
const FS = { package: '@modelcontextprotocol/server-filesystem' };
const GH = { url: 'https://api.githubcopilot.com/mcp' };

function resolve(orgMcp: Record<string, unknown>, layerMcp: Record<string, unknown>): ReturnType<typeof resolveEffectivePolicy> {
	return resolveEffectivePolicy({
		org: { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme', mcp: orgMcp }) },
		workspace: { file: '.vscode/context-policy.json', text: JSON.stringify({ mcp: layerMcp }) },
		now: NOW,
	});
}

describe('policy: the mcp section', () => {
	it('an org policy may leave it out or give part of it; the default fills the rest', () => {
		const eff = resolve({ block: [FS] }, {});
		assert.deepEqual(eff.policy.mcp, { allow: [], block: [FS], allowedDestinations: ['*'], restrictedAction: 'warn' });
	});

	it('a matcher must name a command, package or URL: a display name alone is refused', () => {
		assert.equal(OrgPolicyFileSchema.safeParse({ version: 1, name: 'x', mcp: { block: [{ reason: 'only a reason' }] } }).success, false);
		assert.equal(PolicyLayerSchema.safeParse({ mcp: { block: [{ name: 'github' }] } }).success, false, 'no "name" key at all');
		assert.equal(PolicyLayerSchema.safeParse({ mcp: { restrictedAction: 'sandbox', block: [FS] } }).success, true);
	});

	it('a workspace layer only tightens: block added, allow and destinations narrowed, action only raised', () => {
		const eff = resolve(
			{ allow: [FS, GH], allowedDestinations: ['*.githubcopilot.com', 'localhost'], restrictedAction: 'sandbox' },
			{ allow: [GH, { command: 'evil' }], block: [{ command: 'docker' }], allowedDestinations: ['localhost', 'evil.example'], restrictedAction: 'warn' },
		);
		assert.deepEqual(eff.policy.mcp.allow, [GH]);
		assert.deepEqual(eff.policy.mcp.block, [{ command: 'docker' }]);
		assert.deepEqual(eff.policy.mcp.allowedDestinations, ['localhost']);
		assert.equal(eff.policy.mcp.restrictedAction, 'sandbox');
		assert.deepEqual(eff.refused.map((r) => r.key).sort(), ['mcp.allow', 'mcp.allowedDestinations', 'mcp.restrictedAction']);
		assert.equal(resolve({ restrictedAction: 'warn' }, { restrictedAction: 'sandbox' }).policy.mcp.restrictedAction, 'sandbox');
		assert.equal(resolve({ restrictedAction: 'sandbox' }, { restrictedAction: 'disable' }).policy.mcp.restrictedAction, 'disable');
	});
});
