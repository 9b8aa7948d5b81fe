import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY, strictestDefault } from '../../../src/core/policy/defaultPolicy';
import {
	canonicalJson,
	completeOrgPolicy,
	type EffectivePolicy,
	type PolicyInputs,
	resolveEffectivePolicy,
	sha256Hex,
} from '../../../src/core/policy/layering';
import { parseJsonc } from '../../../src/core/policy/parse';
import { PolicySchema } from '../../../src/core/policy/schema';

const NOW = new Date('2026-06-15T12:00:00Z');
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'policies');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function org(body: Record<string, unknown>): { file: string; text: string } {
	return { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme', ...body }) };
}

function withLayer(orgBody: Record<string, unknown>, layer: Record<string, unknown>, via: 'workspace' | 'settings' = 'workspace'): EffectivePolicy {
	const inputs: PolicyInputs = { org: org(orgBody), now: NOW };
	if (via === 'workspace') {
		inputs.workspace = { file: 'ws/.vscode/context-policy.json', text: JSON.stringify(layer) };
	} else {
		inputs.settings = { source: 'workspace settings', layer };
	}
	return resolveEffectivePolicy(inputs);
}

function refusedKeys(eff: EffectivePolicy): string[] {
	return eff.refused.map((r) => r.key).sort();
}

describe('policy layering', () => {
	describe('the built-in default', () => {
		it('is a valid policy, and the strictest fallback too', () => {
			assert.ok(PolicySchema.safeParse(DEFAULT_POLICY).success);
			const strict = strictestDefault();
			assert.ok(PolicySchema.safeParse(strict).success);
			assert.equal(strict.workspace.restrictedAt, 'always');
			assert.equal(strict.workspace.sensitiveLevel, 'internal');
			assert.equal(strict.assistants.restrictedAction, 'disable');
			assert.equal(strict.overrides.exceptions.allowed, false);
			assert.equal(strict.overrides.allowWorkspaceLayers, true);
			// Not an alias of the default.
			assert.equal(DEFAULT_POLICY.workspace.restrictedAt, 'restricted');
		});

		it('is in force without an org policy, with every value from the default', () => {
			const eff = resolveEffectivePolicy({ now: NOW });
			assert.equal(eff.state, 'default');
			assert.deepEqual(eff.policy, DEFAULT_POLICY);
			assert.ok([...eff.origins.values()].every((v) => v === 'default'));
			assert.equal(eff.origins.get('workspace.restrictedAt'), 'default');
			assert.equal(eff.origins.get('pathRules[0]'), 'default');
			assert.equal(eff.sources.length, 1);
			assert.equal(eff.sources[0]?.sha256, sha256Hex(canonicalJson(DEFAULT_POLICY)));
			assert.equal(eff.sha256, sha256Hex(canonicalJson(eff.policy)));
		});
	});

	describe('the org policy', () => {
		it('fills omitted fields from the default, field by field', () => {
			const eff = resolveEffectivePolicy({
				org: org({ workspace: { sensitiveLevel: 'internal' }, content: { detectors: { pii: { level: 'restricted' } } }, assistants: { block: ['x.y'] } }),
				now: NOW,
			});
			assert.equal(eff.state, 'org');
			const p = eff.policy;
			assert.equal(p.name, 'Acme');
			assert.equal(p.workspace.sensitiveLevel, 'internal');
			assert.equal(p.workspace.restrictedAt, 'restricted');
			assert.deepEqual(p.content.detectors.pii, { enabled: true, level: 'restricted' });
			assert.deepEqual(p.pathRules, DEFAULT_POLICY.pathRules);
			assert.equal(p.description, undefined);
			assert.equal(eff.origins.get('workspace.sensitiveLevel'), 'org');
			assert.equal(eff.origins.get('workspace.restrictedAt'), 'default');
			assert.equal(eff.origins.get('content.detectors.pii.level'), 'org');
			assert.equal(eff.origins.get('content.detectors.pii.enabled'), 'default');
			assert.equal(eff.origins.get('assistants.block[0]'), 'org');
			assert.equal(eff.origins.get('name'), 'org');
		});

		it('may loosen the default (it is the authority) and replace its lists', () => {
			const p = completeOrgPolicy({ version: 1, name: 'Lax', pathRules: [], pathRulesMode: 'replace', workspace: { restrictedAt: 'never' }, content: { detectors: { secrets: { enabled: false } } } });
			assert.deepEqual(p.pathRules, []);
			assert.equal(p.workspace.restrictedAt, 'never');
			assert.equal(p.content.detectors.secrets.enabled, false);
			assert.equal(p.content.detectors.secrets.level, 'restricted');
		});

		it('does not share state with DEFAULT_POLICY', () => {
			const eff = withLayer({}, { pathRules: [{ id: 'x', globs: ['x'], level: 'restricted' }], assistants: { block: ['a.b'] } });
			assert.equal(eff.policy.pathRules.length, DEFAULT_POLICY.pathRules.length + 1);
			assert.equal(DEFAULT_POLICY.assistants.block.length, 0);
			assert.ok(!DEFAULT_POLICY.pathRules.some((r) => r.id === 'x'));
		});
	});

	describe('fallback', () => {
		const broken = { file: 'org.json', text: '{"version": 1, "name": "Acme", "workspace": {"restrictedAt": "sometimes"}}' };
		const lastValid = { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme (last good)', workspace: { restrictedAt: 'internal' } }) };

		it('keeps the last valid org policy when the org policy is invalid', () => {
			const eff = resolveEffectivePolicy({ org: broken, lastValidOrg: lastValid, now: NOW });
			assert.equal(eff.state, 'org-last-valid');
			assert.equal(eff.policy.name, 'Acme (last good)');
			assert.equal(eff.policy.workspace.restrictedAt, 'internal');
			assert.ok(eff.diagnostics.some((d) => d.severity === 'error' && d.path === 'workspace.restrictedAt' && d.line === 1));
			assert.ok(eff.diagnostics.some((d) => /last valid org policy stays in force/.test(d.message)));
			const orgSources = eff.sources.filter((s) => s.kind === 'org');
			assert.deepEqual(orgSources.map((s) => s.used), [false, true]);
			assert.equal(orgSources[0]?.sha256, sha256Hex(broken.text));
			assert.equal(orgSources[1]?.sha256, sha256Hex(lastValid.text));
		});

		it('falls back to the strictest default when there is no valid last policy', () => {
			for (const inputs of [
				{ org: broken, now: NOW },
				{ org: broken, lastValidOrg: { file: 'x', text: 'not json' }, now: NOW },
				{ org: { file: '/etc/context-warden/policy.json', error: 'EACCES: permission denied' }, now: NOW },
			] satisfies PolicyInputs[]) {
				const eff = resolveEffectivePolicy(inputs);
				assert.equal(eff.state, 'strict-fallback');
				assert.deepEqual(eff.policy, strictestDefault());
				assert.ok(eff.diagnostics.some((d) => /strictest built-in policy is in force/.test(d.message)));
				assert.equal(eff.sources[0]?.label, 'built-in strictest policy');
				assert.equal(eff.sources[0]?.sha256, sha256Hex(canonicalJson(strictestDefault())));
			}
			const unreadable = resolveEffectivePolicy({ org: { file: 'p.json', error: 'EACCES' }, now: NOW });
			assert.ok(unreadable.diagnostics.some((d) => d.message === 'cannot read the org policy: EACCES'));
			assert.equal(unreadable.sources.find((s) => s.kind === 'org')?.sha256, null);
		});

		it('uses the last valid policy when the org policy is unreadable', () => {
			const eff = resolveEffectivePolicy({ org: { file: 'p.json', error: 'EIO' }, lastValidOrg: lastValid, now: NOW });
			assert.equal(eff.state, 'org-last-valid');
		});

		it('still lets workspace layers tighten the strict fallback', () => {
			const eff = resolveEffectivePolicy({
				org: broken,
				workspace: { file: 'ctx.json', text: '{"assistants":{"block":["a.b"]},"workspace":{"sensitiveLevel":"public"}}' },
				now: NOW,
			});
			assert.equal(eff.state, 'strict-fallback');
			assert.deepEqual(eff.policy.assistants.block, ['a.b']);
			assert.equal(eff.policy.workspace.sensitiveLevel, 'public');
		});
	});

	describe('workspace layers tighten', () => {
		it('accepts every tightening, from the file and from settings', () => {
			for (const via of ['workspace', 'settings'] as const) {
				const eff = withLayer(
					{ content: { detectors: { patterns: { enabled: false } } }, assistants: { allow: ['a.one', 'a.two'], allowedDestinations: ['us', 'eu'], unrecognised: 'ignore' } },
					{
						pathRules: [{ id: 'customers', globs: ['data/**'], level: 'restricted' }],
						content: {
							maxFileSizeBytes: 8 * 1024 * 1024,
							detectors: { pii: { level: 'restricted' }, patterns: { enabled: true } },
							markers: ['PROJECT-X'],
							patterns: [{ id: 'ticket', regex: 'ACME-\\d+', level: 'internal' }],
						},
						workspace: { restrictedAt: 'internal', sensitiveLevel: 'internal' },
						assistants: { allow: ['A.ONE'], block: ['x.y'], restrictedAction: 'disable', allowedDestinations: ['eu'], unrecognised: 'warn' },
					},
					via,
				);
				const p = eff.policy;
				assert.deepEqual(eff.refused, [], via);
				assert.equal(p.pathRules.at(-1)?.id, 'customers');
				assert.equal(p.content.maxFileSizeBytes, 8 * 1024 * 1024);
				assert.equal(p.content.detectors.pii.level, 'restricted');
				assert.equal(p.content.detectors.patterns.enabled, true);
				assert.deepEqual(p.content.markers, ['PROJECT-X']);
				assert.deepEqual(p.content.patterns.map((x) => x.id), ['ticket']);
				assert.equal(p.workspace.restrictedAt, 'internal');
				assert.equal(p.workspace.sensitiveLevel, 'internal');
				assert.deepEqual(p.assistants.allow, ['A.ONE']);
				assert.deepEqual(p.assistants.block, ['x.y']);
				assert.equal(p.assistants.restrictedAction, 'disable');
				assert.deepEqual(p.assistants.allowedDestinations, ['eu']);
				assert.equal(p.assistants.unrecognised, 'warn');
				for (const key of [
					`pathRules[${p.pathRules.length - 1}]`,
					'content.maxFileSizeBytes',
					'content.detectors.pii.level',
					'content.detectors.patterns.enabled',
					'content.markers[0]',
					'content.patterns[0]',
					'workspace.restrictedAt',
					'workspace.sensitiveLevel',
					'assistants.allow',
					'assistants.block[0]',
					'assistants.restrictedAction',
					'assistants.allowedDestinations',
					'assistants.unrecognised',
				]) {
					assert.equal(eff.origins.get(key), via, `${via}: ${key}`);
				}
				assert.equal(eff.origins.get('pathRules[0]'), 'default');
				assert.equal(eff.sources.find((s) => s.kind === via)?.used, true);
			}
		});

		it('refuses every loosening and keeps the org value', () => {
			const orgBody = {
				content: { detectors: { secrets: { enabled: true, level: 'restricted' } } },
				workspace: { restrictedAt: 'confidential', sensitiveLevel: 'internal' },
				assistants: { allow: ['a.one'], allowedDestinations: ['eu'], restrictedAction: 'disable', unrecognised: 'warn' },
			};
			const eff = withLayer(orgBody, parseJsonc(fixture('layer-loosen.json'), 'l.json').value as Record<string, unknown>);
			const before = resolveEffectivePolicy({ org: org(orgBody), now: NOW }).policy;
			assert.deepEqual(eff.policy, before);
			assert.deepEqual(refusedKeys(eff), [
				'assistants.allow',
				'assistants.allowedDestinations',
				'assistants.restrictedAction',
				'assistants.unrecognised',
				'content.detectors.secrets.enabled',
				'content.detectors.secrets.level',
				'content.maxFileSizeBytes',
				'workspace.restrictedAt',
				'workspace.sensitiveLevel',
			]);
			const at = eff.refused.find((r) => r.key === 'workspace.restrictedAt');
			assert.deepEqual(
				{ layer: at?.layer, source: at?.source, attempted: at?.attempted, kept: at?.kept },
				{ layer: 'workspace', source: 'ws/.vscode/context-policy.json', attempted: 'never', kept: 'confidential' },
			);
			const allow = eff.refused.find((r) => r.key === 'assistants.allow');
			assert.deepEqual(allow?.attempted, ['*']);
			assert.deepEqual(allow?.kept, ['a.one']);
			assert.equal(eff.origins.get('workspace.restrictedAt'), 'org');
		});

		it('reads the loosening workspace fixture from disk through the same rules', () => {
			const eff = resolveEffectivePolicy({ workspace: { file: 'ctx.json', text: fixture('layer-loosen.json') }, now: NOW });
			assert.equal(eff.policy.workspace.restrictedAt, 'restricted');
			// Against the default, restrictedAction "warn" changes nothing: not a refusal. allowedDestinations ["*"] is one:
			// the default allows no destination.
			assert.deepEqual(refusedKeys(eff), [
				'assistants.allow',
				'assistants.allowedDestinations',
				'assistants.unrecognised',
				'content.detectors.secrets.enabled',
				'content.detectors.secrets.level',
				'content.maxFileSizeBytes',
				'workspace.restrictedAt',
				'workspace.sensitiveLevel',
			]);
		});

		it('accepts the tightening fixture whole', () => {
			const eff = resolveEffectivePolicy({ workspace: { file: 'ctx.json', text: fixture('layer-tighten.json') }, now: NOW });
			assert.deepEqual(eff.refused, []);
			assert.equal(eff.policy.workspace.restrictedAt, 'confidential');
			assert.deepEqual(eff.policy.content.markers, ['PROJECT-X']);
		});

		it('treats equal values as no change, not as a refusal', () => {
			const eff = withLayer({}, { workspace: { restrictedAt: 'restricted' }, assistants: { restrictedAction: 'warn', allowedDestinations: [] }, content: { maxFileSizeBytes: 2 * 1024 * 1024 } });
			assert.deepEqual(eff.refused, []);
			assert.equal(eff.origins.get('workspace.restrictedAt'), 'default');
		});

		it('intersects allow lists: removing is accepted, adding is refused, "*" covers all', () => {
			const eff = withLayer({ assistants: { allow: ['*'] } }, { assistants: { allow: ['a.one', 'a.two'] } });
			assert.deepEqual(eff.policy.assistants.allow, ['a.one', 'a.two']);
			assert.deepEqual(eff.refused, []);
			const mixed = withLayer({ assistants: { allow: ['a.one', 'a.two'] } }, { assistants: { allow: ['a.two', 'a.three'] } });
			assert.deepEqual(mixed.policy.assistants.allow, ['a.two']);
			assert.deepEqual(mixed.refused.map((r) => r.attempted), [['a.three']]);
			const none = withLayer({ assistants: { allowedDestinations: ['eu', 'self-hosted'] } }, { assistants: { allowedDestinations: [] } });
			assert.deepEqual(none.policy.assistants.allowedDestinations, []);
		});

		it('adds PII kinds to an org list, never removes them', () => {
			const eff = withLayer({ content: { detectors: { pii: { kinds: ['email'] } } } }, { content: { detectors: { pii: { kinds: ['phone'] } } } });
			assert.deepEqual(eff.policy.content.detectors.pii.kinds, ['email', 'phone']);
			const all = withLayer({}, { content: { detectors: { pii: { kinds: ['phone'] } } } });
			assert.equal(all.policy.content.detectors.pii.kinds, undefined);
		});

		it('de-duplicates markers and blocked ids case-insensitively', () => {
			const eff = withLayer({ content: { markers: ['Secret'] }, assistants: { block: ['A.B'] } }, { content: { markers: ['SECRET', 'New'] }, assistants: { block: ['a.b', 'c.d'] } });
			assert.deepEqual(eff.policy.content.markers, ['Secret', 'New']);
			assert.deepEqual(eff.policy.assistants.block, ['A.B', 'c.d']);
			assert.equal(eff.origins.get('content.markers[0]'), 'org');
			assert.equal(eff.origins.get('content.markers[1]'), 'workspace');
		});

		it('applies settings after the workspace file (settings are strongest)', () => {
			const eff = resolveEffectivePolicy({
				workspace: { file: 'ctx.json', text: '{"workspace":{"restrictedAt":"confidential"}}' },
				settings: { source: 'settings', layer: { workspace: { restrictedAt: 'internal' } } },
				now: NOW,
			});
			assert.equal(eff.policy.workspace.restrictedAt, 'internal');
			assert.equal(eff.origins.get('workspace.restrictedAt'), 'settings');
			const back = resolveEffectivePolicy({
				workspace: { file: 'ctx.json', text: '{"workspace":{"restrictedAt":"internal"}}' },
				settings: { source: 'settings', layer: { workspace: { restrictedAt: 'confidential' } } },
				now: NOW,
			});
			assert.equal(back.policy.workspace.restrictedAt, 'internal');
			assert.deepEqual(back.refused.map((r) => [r.layer, r.key, r.kept]), [['settings', 'workspace.restrictedAt', 'internal']]);
		});

		it('ignores workspace layers when the org does not allow them, and says so', () => {
			const eff = resolveEffectivePolicy({
				org: org({ overrides: { allowWorkspaceLayers: false } }),
				workspace: { file: 'ctx.json', text: '{"assistants":{"block":["a.b"]}}' },
				settings: { source: 'settings', layer: { workspace: { restrictedAt: 'always' } } },
				now: NOW,
			});
			assert.deepEqual(eff.policy.assistants.block, []);
			assert.equal(eff.policy.workspace.restrictedAt, 'restricted');
			assert.deepEqual(eff.sources.map((s) => [s.kind, s.used]), [['default', true], ['org', true], ['workspace', false], ['settings', false]]);
			assert.equal(eff.diagnostics.filter((d) => /does not allow workspace layers/.test(d.message)).length, 2);
		});

		it('applies the valid parts of an invalid layer and reports the rest', () => {
			const eff = resolveEffectivePolicy({
				settings: { source: 'settings', layer: { workspace: { restrictedAt: 'internal', sensitiveLevel: 7 }, pathRules: 'nope' } },
				now: NOW,
			});
			assert.equal(eff.policy.workspace.restrictedAt, 'internal');
			assert.deepEqual(eff.diagnostics.map((d) => d.path).sort(), ['pathRules', 'workspace.sensitiveLevel']);
			assert.ok(eff.diagnostics.every((d) => d.file === 'settings'));
		});

		it('ignores an unreadable or unparsable workspace file', () => {
			const a = resolveEffectivePolicy({ workspace: { file: 'ctx.json', error: 'EACCES' }, now: NOW });
			assert.deepEqual(a.policy, DEFAULT_POLICY);
			assert.equal(a.sources.find((s) => s.kind === 'workspace')?.sha256, null);
			const b = resolveEffectivePolicy({ workspace: { file: 'ctx.json', text: '{"assistants": {"block": ["a"' }, now: NOW });
			assert.deepEqual(b.policy, DEFAULT_POLICY);
			assert.equal(b.sources.find((s) => s.kind === 'workspace')?.used, false);
		});
	});

	describe('hashes', () => {
		it('hashes the raw text of each file, and the canonical JSON of the effective policy', () => {
			const text = '{ "version": 1, "name": "Acme" }';
			const eff = resolveEffectivePolicy({ org: { file: 'o.json', text }, settings: { source: 's', layer: { content: { markers: ['X'] } } }, now: NOW });
			assert.equal(eff.sources.find((s) => s.kind === 'org')?.sha256, sha256Hex(text));
			assert.equal(eff.sources.find((s) => s.kind === 'settings')?.sha256, sha256Hex('{"content":{"markers":["X"]}}'));
			assert.equal(eff.sha256, sha256Hex(canonicalJson(eff.policy)));
			// Formatting of the org file changes its hash, not the effective policy's.
			const eff2 = resolveEffectivePolicy({ org: { file: 'o.json', text: '{"name":"Acme","version":1}' }, settings: { source: 's', layer: { content: { markers: ['X'] } } }, now: NOW });
			assert.notEqual(eff2.sources.find((s) => s.kind === 'org')?.sha256, sha256Hex(text));
			assert.equal(eff2.sha256, eff.sha256);
			// A change in the policy changes the effective hash.
			const eff3 = resolveEffectivePolicy({ org: { file: 'o.json', text }, now: NOW });
			assert.notEqual(eff3.sha256, eff.sha256);
		});

		it('sorts keys canonically', () => {
			assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
		});
	});
});
