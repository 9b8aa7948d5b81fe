import * as assert from 'node:assert/strict';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { SETTINGS_LAYER_KEYS, settingsToLayer, wellKnownOrgPolicyPath } from '../../../src/core/policy/settingsLayer';

describe('settings layer', () => {
	it('maps every contextWarden.* override setting to its layer key', () => {
		const rule = { id: 'r', globs: ['x/**'], level: 'restricted' };
		const exception = { path: 'a', reason: 'r', expires: '2026-01-01' };
		const layer = settingsToLayer({
			'contextWarden.restrictedAt': 'internal',
			'contextWarden.sensitiveLevel': 'internal',
			'contextWarden.additionalPathRules': [rule],
			'contextWarden.blockAssistants': ['a.b'],
			'contextWarden.restrictedAction': 'disable',
			'contextWarden.additionalMarkers': ['X'],
			'contextWarden.exceptions': [exception],
			'contextWarden.policyFile': '/tmp/evil.json',
			'editor.tabSize': 4,
		});
		assert.deepEqual(layer, {
			workspace: { restrictedAt: 'internal', sensitiveLevel: 'internal' },
			pathRules: [rule],
			assistants: { block: ['a.b'], restrictedAction: 'disable' },
			content: { markers: ['X'] },
			exceptions: [exception],
		});
		assert.equal(SETTINGS_LAYER_KEYS.length, 7);
	});

	it('skips unset values and leaves validation to the layering', () => {
		assert.deepEqual(settingsToLayer({ 'contextWarden.restrictedAt': undefined, 'contextWarden.sensitiveLevel': null }), {});
		const eff = resolveEffectivePolicy({
			settings: { source: 'settings', layer: settingsToLayer({ 'contextWarden.restrictedAt': 'sometimes', 'contextWarden.blockAssistants': ['a.b'] }) },
			now: new Date('2026-01-01T00:00:00Z'),
		});
		assert.deepEqual(eff.policy.assistants.block, ['a.b']);
		assert.equal(eff.policy.workspace.restrictedAt, 'restricted');
		assert.deepEqual(eff.diagnostics.map((d) => d.path), ['workspace.restrictedAt']);
	});

	it('knows the well-known org policy path of each OS', () => {
		assert.equal(wellKnownOrgPolicyPath('linux', {}), '/etc/context-warden/policy.json');
		assert.equal(wellKnownOrgPolicyPath('freebsd', {}), '/etc/context-warden/policy.json');
		assert.equal(wellKnownOrgPolicyPath('darwin', {}), '/Library/Application Support/ContextWarden/policy.json');
		assert.equal(wellKnownOrgPolicyPath('win32', { ProgramData: 'D:\\PD' }), 'D:\\PD\\ContextWarden\\policy.json');
		assert.equal(wellKnownOrgPolicyPath('win32', {}), 'C:\\ProgramData\\ContextWarden\\policy.json');
	});
});
