// Enforcement is the one account of what Context Warden does to an assistant: the status words, the audit's
// coverage gaps, the Why's coverage and the preview's verdicts all derive from it, and here they are checked to agree
// for every catalogue entry under every set of levers that can be applied.
import * as assert from 'node:assert/strict';
import { CATALOGUE, getEntry } from '../../../src/core/assistants/catalogue';
import { EXPOSURE_SURFACE_COVERAGE, enforcementFor, enforcementWords, hookLeverIds, wardenBlocksSurface } from '../../../src/core/assistants/enforcement';
import type { CatalogueEntry } from '../../../src/core/assistants/types';
import { computeExposure } from '../../../src/core/exposure/model';

function entry(id: string): CatalogueEntry {
	const e = getEntry(id);
	assert.ok(e, id);
	return e;
}

/** The lever sets to try: none, each lever alone, the exclusion levers, every lever. */
function leverSets(e: CatalogueEntry): string[][] {
	const ids = e.levers.map((l) => l.id);
	return [[], ...ids.map((id) => [id]), e.levers.filter((l) => l.purpose === 'exclude').map((l) => l.id), ids];
}

describe('assistants/enforcement', () => {
	it('says "disabled" only where an off switch is applied and nothing is left open', () => {
		const cody = entry('sourcegraph-cody');
		const all = enforcementFor({ entry: cody, decision: 'disable', applied: cody.levers.map((l) => l.id) });
		assert.notEqual(all.state, 'disabled', 'Cody\'s settings leave chat context open');
		assert.match(enforcementWords(all), /^restricted: .*; not covered: .*chat/);
		const lingma = entry('tongyi-lingma');
		const ignores = enforcementFor({ entry: lingma, decision: 'disable', applied: lingma.levers.map((l) => l.id) });
		assert.equal(ignores.state, 'restricted', 'ignore files hide files from the index; they switch nothing off');
		assert.deepEqual(ignores.open, ['completions', 'chat', 'agentFileTools']);
		const chat = entry('vscode-chat');
		assert.equal(enforcementFor({ entry: chat, decision: 'disable', applied: ['vscode-chat.disableAIFeatures'] }).state, 'disabled');
		assert.equal(enforcementFor({ entry: cody, decision: 'disable', applied: [] }).state, 'pending');
		assert.equal(enforcementFor({ entry: cody, decision: 'disable', applied: [], extensionDisabled: true }).state, 'disabled');
	});

	it('counts an installed hook as an applied lever', () => {
		const claude = entry('claude-code');
		const without = enforcementFor({ entry: claude, decision: 'disable', applied: [] });
		const withHook = enforcementFor({ entry: claude, decision: 'disable', applied: hookLeverIds(['claude-code']) });
		assert.ok(without.open.includes('terminal') && without.open.includes('agentFileTools'));
		assert.ok(!withHook.open.includes('terminal') && !withHook.open.includes('agentFileTools'), enforcementWords(withHook));
		assert.ok(!withHook.coverage.gaps.some((g) => g.startsWith('terminal commands not covered')), 'the audit no longer reports the terminal as a gap');
	});

	it('an index-only ignore file blocks nothing in the open tabs or the active editor', () => {
		const lingma = entry('tongyi-lingma');
		const applied = lingma.levers.map((l) => l.id);
		assert.equal(wardenBlocksSurface(lingma, applied, 'openTabs'), false);
		assert.equal(wardenBlocksSurface(lingma, applied, 'activeEditor'), false);
		assert.equal(wardenBlocksSurface(lingma, applied, 'index'), true);
		// Roo Code's .rooignore is read by its chat mentions as well (its source says so): the open tabs are covered.
		const roo = entry('roo-code');
		assert.equal(wardenBlocksSurface(roo, roo.levers.map((l) => l.id), 'openTabs'), true);
	});

	it('status words, audit gaps, Why coverage and preview verdicts agree for every catalogue assistant', () => {
		for (const e of CATALOGUE) {
			for (const applied of leverSets(e)) {
				for (const decision of ['disable', 'warn', 'allowed'] as const) {
					const enf = enforcementFor({ entry: e, decision, applied });
					const words = enforcementWords(enf);
					const at = `${e.id} [${applied.join(', ')}] ${decision}: ${words}`;
					// "disabled" in the words iff the audit has no gap, an off switch is applied and the preview sends nothing.
					assert.equal(words === 'disabled', enf.state === 'disabled', at);
					if (enf.state === 'disabled') {
						assert.ok(enf.offSwitch, at);
						assert.deepEqual(enf.coverage.gaps, [], at);
					}
					// Every surface the words call not covered is an open gap the audit (and the Why) reports, and back.
					const openGaps = enf.coverage.surfaces.filter((s) => s.state === 'open').map((s) => s.surface);
					assert.deepEqual(enf.open, openGaps, at);
					if (enf.state === 'restricted') {
						for (const s of enf.open) {
							assert.ok(words.split('not covered: ')[1]?.includes(s), `${at}: ${s} named as not covered`);
						}
						assert.ok(!words.includes('not covered') || enf.open.length > 0, at);
					}
					// The preview blocks a file through a surface only when none of what that surface stands for is open.
					const exposure = computeExposure({
						editor: { active: { path: '.env', size: 10 }, openTabs: [{ path: '.env', size: 10 }] },
						files: new Map([['.env', { path: '.env', level: 'restricted', reasons: [], size: 10 } as never]]),
						sensitiveLevel: 'confidential',
						assistants: [
							{
								id: e.id,
								name: e.name,
								vendor: e.vendor,
								destination: '',
								disabled: enf.state === 'disabled',
								surfaces: e.exposureSurfaces,
								excludedByOwnControls: () => false,
								blockedByWarden: (_path, surface) => surface === undefined || wardenBlocksSurface(e, applied, surface),
								instructionFiles: [],
							},
						],
						instructionFilesPresent: [],
						matchGlob: () => false,
						now: new Date(0),
					});
					for (const s of exposure.assistants[0]?.surfaces ?? []) {
						for (const item of s.items) {
							if (item.verdict === 'blocked-by-warden') {
								const stands = EXPOSURE_SURFACE_COVERAGE[s.surface].filter((c) => e.surfaces.includes(c));
								assert.ok(stands.every((c) => !enf.open.includes(c)), `${at}: ${s.surface} blocked while ${stands.join(', ')} open`);
							}
							if (enf.state === 'disabled') {
								assert.equal(item.verdict, 'assistant-disabled', at);
							}
						}
					}
				}
			}
		}
	});
});
