// Each sample policy in policies/ does what its description says, for every assistant of the catalogue: the
// decision in a restricted and in an unrestricted workspace, and, where a destination decides, Why names it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE } from '../../../src/core/assistants/catalogue';
import { type AssistantDecision, decideAssistant } from '../../../src/core/assistants/decide';
import type { CatalogueEntry, Jurisdiction } from '../../../src/core/assistants/types';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import type { Policy } from '../../../src/core/policy/schema';

const POLICIES = path.join(__dirname, '..', '..', '..', 'policies');
const NOW = new Date('2026-06-15T00:00:00Z');

function load(name: string): Policy {
	const eff = resolveEffectivePolicy({ org: { file: name, text: fs.readFileSync(path.join(POLICIES, name), 'utf8') }, now: NOW });
	assert.equal(eff.state, 'org', `${name} loads as the org policy`);
	return eff.policy;
}

/** Whether every place the entry may send context to is in one of the jurisdictions. */
function staysIn(entry: CatalogueEntry, jurisdictions: readonly Jurisdiction[]): boolean {
	return entry.destinations.length > 0 && entry.destinations.every((d) => jurisdictions.includes(d.jurisdiction));
}

/** What each sample promises, per catalogue entry: the decision in a restricted and in an unrestricted workspace. */
const SAMPLES: { file: string; promise: string; expect: (e: CatalogueEntry) => { restricted: AssistantDecision; unrestricted: AssistantDecision } }[] = [
	{
		file: 'default.json',
		promise: 'AI assistants get a warning in restricted workspaces',
		expect: () => ({ restricted: 'warn', unrestricted: 'allowed' }),
	},
	{
		file: 'sovereign-cn.json',
		promise: 'context may only go to assistants whose data stays in mainland China or on our own servers',
		expect: (e) => ({ restricted: staysIn(e, ['cn-mainland', 'self-hosted']) ? 'allowed' : 'disable', unrestricted: 'allowed' }),
	},
	{
		file: 'eu-gdpr.json',
		promise: 'context stays in the EU (or on our own servers)',
		expect: (e) => ({ restricted: staysIn(e, ['eu', 'self-hosted']) ? 'allowed' : 'disable', unrestricted: 'allowed' }),
	},
	{
		file: 'strict.json',
		promise: 'every AI assistant is blocked, in every workspace',
		expect: () => ({ restricted: 'disable', unrestricted: 'disable' }),
	},
];

describe('sample policies over the catalogue', () => {
	it('every sample in policies/ is covered here', () => {
		const samples = fs.readdirSync(POLICIES).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
		assert.deepEqual(samples.sort(), SAMPLES.map((s) => s.file).sort());
	});

	for (const sample of SAMPLES) {
		it(`${sample.file}: ${sample.promise}`, () => {
			const policy = load(sample.file);
			for (const entry of CATALOGUE) {
				const want = sample.expect(entry);
				assert.equal(decideAssistant(policy, entry, true).decision, want.restricted, `${entry.id} in a restricted workspace`);
				assert.equal(decideAssistant(policy, entry, false).decision, want.unrestricted, `${entry.id} in an unrestricted workspace`);
			}
		});
	}

	it('sovereign-cn allows Tongyi Lingma, and Why names its destination and jurisdiction', () => {
		const policy = load('sovereign-cn.json');
		const lingma = CATALOGUE.find((e) => e.id === 'tongyi-lingma');
		assert.ok(lingma);
		const d = decideAssistant(policy, lingma, true);
		assert.equal(d.decision, 'allowed');
		const why = d.why.join(' ');
		assert.match(why, /alibaba-cloud, cn-mainland/, why);
		assert.match(why, /allowedDestinations allows each \(cn-mainland, self-hosted\)/, why);
		assert.deepEqual(d.whyTemplates[0]?.places?.map((p) => p.jurisdiction), ['cn-mainland']);
	});

	it('sovereign-cn refuses an assistant that may send elsewhere, naming where', () => {
		const policy = load('sovereign-cn.json');
		const cody = CATALOGUE.find((e) => e.id === 'sourcegraph-cody');
		assert.ok(cody);
		const d = decideAssistant(policy, cody, true);
		assert.equal(d.decision, 'disable');
		assert.match(d.why.join(' '), /sourcegraph-cloud, global/);
		assert.doesNotMatch(d.why.join(' '), /self-hosted, self-hosted/, 'an allowed destination is not listed as refused');
	});
});
