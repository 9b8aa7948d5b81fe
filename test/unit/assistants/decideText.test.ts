// A decision's sentences as templates: `why` (English, for logs, the audit log and reports) is exactly the
// templates of `whyTemplates` filled in, sentence for sentence, so an adapter that shows `whyTemplates` in another
// language says the same thing; every template of DECISION_TEXT is one some decision really uses.
import * as assert from 'node:assert/strict';
import { CATALOGUE } from '../../../src/core/assistants/catalogue';
import { DECISION_TEXT, decideAssistant, type DecisionResult, fillTemplate, unrecognisedSubject } from '../../../src/core/assistants/decide';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';

/** Decisions over a grid of policies, workspaces and assistants (catalogued, configured, unrecognised). */
function decisions(): DecisionResult[] {
	const out: DecisionResult[] = [];
	const subjects = [...CATALOGUE, unrecognisedSubject('acme.ai-helper'), unrecognisedSubject('acme.ai-helper', 'Acme AI')];
	for (const allow of [[], ['*'], ['continue', 'github.copilot-chat']]) {
		for (const block of [[], ['*'], ['Anthropic.Claude-Code']]) {
			for (const allowedDestinations of [[], ['*'], ['cn-mainland', 'self-hosted']]) {
				for (const restrictedAction of ['warn', 'disable'] as const) {
					for (const unrecognised of ['warn', 'ignore'] as const) {
						const p: Policy = { ...DEFAULT_POLICY, assistants: { allow, block, allowedDestinations, restrictedAction, unrecognised } };
						for (const restricted of [false, true]) {
							for (const s of subjects) {
								out.push(decideAssistant(p, s, restricted));
								out.push(decideAssistant(p, s, restricted, { configuredDestinations: ['self-hosted', 'gpu-box.internal'] }));
							}
						}
					}
				}
			}
		}
	}
	return out;
}

describe('assistants/decide: sentences as templates', () => {
	const all = decisions();

	it('why is whyTemplates filled in, sentence for sentence', () => {
		for (const d of all) {
			assert.deepEqual(
				d.why,
				d.whyTemplates.map((s) => fillTemplate(s.template, s.args)),
			);
		}
	});

	it('every template is one of DECISION_TEXT, and each is used by some decision', () => {
		const known = new Set<string>(Object.values(DECISION_TEXT));
		const used = new Set<string>(all.flatMap((d) => d.whyTemplates.map((s) => s.template)));
		assert.deepEqual([...used].filter((t) => !known.has(t)), []);
		assert.deepEqual([...known].filter((t) => !used.has(t)), [], 'templates no decision uses');
	});

	it('fills placeholders with the arguments as they are, never reading an argument as a template', () => {
		assert.equal(fillTemplate('{1} after {0}', ['a', 'b']), 'b after a');
		assert.equal(fillTemplate('{0} and {1}', ['{1}', '$&']), '{1} and $&');
		assert.equal(fillTemplate('only {0}, not {2}', ['x']), 'only x, not {2}');
	});
});
