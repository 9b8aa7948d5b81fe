import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedPolicyFiles } from '../../../src/core/policy/artifacts';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { layerJsonSchema, policyJsonSchema } from '../../../src/core/policy/jsonSchema';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { parseOrgPolicy } from '../../../src/core/policy/parse';

const ROOT = path.join(__dirname, '..', '..', '..');
const POLICIES = path.join(ROOT, 'policies');
const NOW = new Date('2026-06-15T00:00:00Z');

function sample(name: string): { file: string; text: string } {
	return { file: name, text: fs.readFileSync(path.join(POLICIES, name), 'utf8') };
}

describe('policy artifacts', () => {
	it('the committed generated files are up to date (run `npm run schema`)', () => {
		for (const f of generatedPolicyFiles()) {
			const committed = fs.readFileSync(path.join(ROOT, ...f.path.split('/')), 'utf8');
			assert.ok(committed === f.content, `${f.path} is stale: run \`npm run schema\``);
		}
	});

	it('generates draft-07 schemas: org policy and workspace layer', () => {
		const org = policyJsonSchema();
		const layer = layerJsonSchema();
		assert.equal(org.$schema, 'http://json-schema.org/draft-07/schema#');
		assert.deepEqual(org.required, ['version', 'name']);
		assert.equal(org.additionalProperties, false);
		assert.ok('overrides' in (org.properties as object));
		assert.equal(layer.required, undefined);
		assert.ok(!('overrides' in (layer.properties as object)));
		assert.equal(org.allowComments, true);
	});

	it('default.json is the built-in default', () => {
		const r = parseOrgPolicy(sample('default.json').text, 'default.json');
		assert.ok(r.ok);
		const { $schema, ...rest } = r.value;
		assert.equal($schema, './org-policy.schema.json');
		assert.deepEqual(rest, DEFAULT_POLICY);
	});

	for (const name of ['default.json', 'sovereign-cn.json', 'eu-gdpr.json', 'strict.json']) {
		it(`${name} is a valid org policy with $schema`, () => {
			const r = parseOrgPolicy(sample(name).text, name);
			assert.deepEqual(r.diagnostics, []);
			assert.ok(r.ok);
			assert.equal(r.value.$schema, './org-policy.schema.json');
		});
	}

	it('sovereign-cn keeps context in approved destinations and marks Chinese classifications', () => {
		const eff = resolveEffectivePolicy({ org: sample('sovereign-cn.json'), now: NOW });
		assert.equal(eff.state, 'org');
		const p = eff.policy;
		assert.deepEqual(p.assistants.allowedDestinations, ['cn-mainland', 'self-hosted']);
		assert.equal(p.workspace.restrictedAt, 'internal');
		assert.equal(p.assistants.restrictedAction, 'disable');
		assert.equal(p.content.detectors.pii.level, 'restricted');
		assert.ok(p.content.detectors.pii.kinds?.includes('cnResidentId'));
		assert.ok(p.content.detectors.pii.kinds?.includes('phone'));
		for (const m of ['机密', '绝密', '秘密', '内部资料', '仅供内部使用']) {
			assert.ok(p.content.markers.includes(m), m);
		}
		// The secret-file rules come from the default.
		assert.deepEqual(p.pathRules, DEFAULT_POLICY.pathRules);
	});

	it('eu-gdpr and strict say what they promise', () => {
		const eu = resolveEffectivePolicy({ org: sample('eu-gdpr.json'), now: NOW }).policy;
		assert.deepEqual(eu.assistants.allowedDestinations, ['eu', 'self-hosted']);
		assert.ok(['confidential', 'restricted'].includes(eu.content.detectors.pii.level));
		const strict = resolveEffectivePolicy({ org: sample('strict.json'), now: NOW }).policy;
		assert.equal(strict.workspace.restrictedAt, 'always');
		assert.deepEqual(strict.assistants.block, ['*']);
		assert.equal(strict.assistants.restrictedAction, 'disable');
	});

	it('REFERENCE.md documents every key of both schemas', () => {
		const ref = fs.readFileSync(path.join(POLICIES, 'REFERENCE.md'), 'utf8');
		for (const key of ['overrides.exceptions.maxDays', 'content.detectors.pii.kinds', 'assistants.allowedDestinations', 'exceptions[].expires', 'contextWarden.blockAssistants']) {
			assert.ok(ref.includes(`\`${key}\``), key);
		}
		assert.match(ref, /\| `content\.maxFileSizeBytes` \| integer \|  \| `2097152` \|/);
	});
});
