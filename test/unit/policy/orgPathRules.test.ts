// An org policy's path rules extend the built-in default groups unless it says otherwise, and every default group
// it drops is said (Show Effective Policy, validate).
import * as assert from 'node:assert/strict';
import { compilePathRules } from '../../../src/core/classify/pathRules';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';

const NOW = new Date('2026-06-15T12:00:00Z');
const RULE = { id: 'acme-designs', globs: ['**/*.acme'], level: 'restricted' };
const DEFAULT_IDS = DEFAULT_POLICY.pathRules.map((r) => r.id);

function resolve(body: Record<string, unknown>) {
	return resolveEffectivePolicy({ org: { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme', ...body }) }, now: NOW });
}

describe('org policy path rules', () => {
	it('one org rule keeps every default group, and adds itself after them', () => {
		const eff = resolve({ pathRules: [RULE] });
		assert.equal(eff.state, 'org');
		assert.deepEqual(eff.policy.pathRules.map((r) => r.id), [...DEFAULT_IDS, 'acme-designs']);
		assert.equal(compilePathRules(eff.policy.pathRules).level('infra/terraform.tfstate'), 'restricted');
		assert.equal(eff.diagnostics.filter((d) => d.severity === 'warning').length, 0, 'nothing is dropped: no warning');
		assert.equal(eff.origins.get('pathRules[0]'), 'default');
		assert.equal(eff.origins.get(`pathRules[${DEFAULT_IDS.length}]`), 'org');
	});

	it('a rule with a default group\'s id takes its place', () => {
		const eff = resolve({ pathRules: [{ id: 'databases-and-dumps', globs: ['**/*.db'], level: 'restricted' }] });
		assert.deepEqual(eff.policy.pathRules.map((r) => r.id), DEFAULT_IDS);
		const db = eff.policy.pathRules.find((r) => r.id === 'databases-and-dumps');
		assert.deepEqual(db?.globs, ['**/*.db']);
		assert.equal(db?.level, 'restricted');
	});

	it('dropDefaultPathRules drops the groups it names, and says so once', () => {
		const eff = resolve({ dropDefaultPathRules: ['shell-history', 'nope'] });
		assert.deepEqual(eff.policy.pathRules.map((r) => r.id), DEFAULT_IDS.filter((id) => id !== 'shell-history'));
		const warnings = eff.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
		assert.equal(warnings.filter((m) => m.includes('drops 1 of the 16 built-in path rule groups')).length, 1, warnings.join('\n'));
		assert.ok(warnings.some((m) => m.includes('shell-history')));
		assert.ok(warnings.some((m) => m.includes('names no built-in group: nope')), warnings.join('\n'));
	});

	it('pathRulesMode "replace" keeps only the org\'s rules, and warns naming every dropped group', () => {
		const eff = resolve({ pathRulesMode: 'replace', pathRules: [RULE] });
		assert.deepEqual(eff.policy.pathRules.map((r) => r.id), ['acme-designs']);
		assert.equal(compilePathRules(eff.policy.pathRules).level('infra/terraform.tfstate'), undefined);
		const warning = eff.diagnostics.find((d) => d.severity === 'warning' && d.path === 'pathRulesMode');
		assert.ok(warning, 'a warning on pathRulesMode');
		for (const id of DEFAULT_IDS) {
			assert.ok(warning.message.includes(id), id);
		}
		assert.equal([...eff.origins.keys()].filter((k) => k.startsWith('pathRules[')).length, 1);
	});

	it('the full default list given again changes nothing (policies/default.json)', () => {
		const eff = resolve({ pathRules: DEFAULT_POLICY.pathRules });
		assert.deepEqual(eff.policy.pathRules, DEFAULT_POLICY.pathRules);
		assert.equal(eff.diagnostics.length, 0);
	});
});
