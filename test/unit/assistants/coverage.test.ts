import * as assert from 'node:assert/strict';
import { getEntry } from '../../../src/core/assistants/catalogue';
import { coverageFor, fillCoverage } from '../../../src/core/assistants/coverage';
import type { CatalogueEntry } from '../../../src/core/assistants/types';

function entry(id: string): CatalogueEntry {
	const e = getEntry(id);
	assert.ok(e);
	return e;
}

describe('assistants/coverage', () => {
	it('says what stays open with no lever applied, in plain words', () => {
		const c = coverageFor(entry('cursor'), [], { examplePath: '.env' });
		assert.deepEqual(c.surfaces.map((s) => s.state), ['open', 'open', 'open', 'open', 'open']);
		assert.ok(c.gaps.includes('terminal commands not covered: an agent can `cat .env`'));
		assert.ok(c.available.some((a) => a.leverId === 'cursor.hook'));
	});

	it('counts a lever with a stated weakness as partial, and the terminal gap stays', () => {
		const c = coverageFor(entry('cursor'), ['cursor.cursorignore'], { examplePath: '.env' });
		const state = Object.fromEntries(c.surfaces.map((s) => [s.surface, s.state]));
		assert.deepEqual(state, { completions: 'partial', chat: 'partial', agentFileTools: 'partial', terminal: 'open', indexing: 'partial' });
		assert.ok(c.gaps.some((g) => g.startsWith('terminal commands not covered')));
	});

	it('a verified full lever covers; a disabled assistant covers everything', () => {
		const c = coverageFor(entry('github-copilot-chat'), new Set(['github-copilot-chat.disableAIFeatures']));
		assert.ok(c.surfaces.every((s) => s.state === 'covered'));
		assert.deepEqual(coverageFor(entry('supermaven'), [], { disabled: true }).gaps, []);
	});

	it('marks conditional and unverified levers as partial and says why', () => {
		const copilot = coverageFor(entry('github-copilot-chat'), ['github-copilot-chat.copilotignore']);
		assert.ok(copilot.gaps.some((g) => g.includes('only honoured when the Copilot account has content exclusion')));
		assert.ok(!copilot.gaps.some((g) => g.includes('only only')), 'the condition is said once');
		const kilo = coverageFor(entry('kilo-code'), ['kilo-code.kilocodeignore']);
		assert.ok(kilo.gaps.some((g) => g.includes('not verified')));
	});

	it('explains levers that need an admin', () => {
		const q = coverageFor(entry('amazon-q'), []);
		assert.ok(q.available.some((a) => a.note.includes('only be set in user settings or by an admin')));
	});

	it('keeps its English sentences, and gives each as templates that fill to exactly that English', () => {
		const kilo = coverageFor(entry('kilo-code'), ['kilo-code.kilocodeignore']);
		assert.deepEqual(kilo.gaps, [
			'completions partly covered by .kilocodeignore: its effect is not verified',
			'chat not covered: a sensitive file can be attached, mentioned or sent as the open editor',
			'agentFileTools partly covered by .kilocodeignore: its effect is not verified',
			'terminal commands not covered: an agent can `cat a sensitive file`',
			'indexing not covered: a sensitive file can be indexed and uploaded with the workspace',
		]);
		const copilot = coverageFor(entry('github-copilot-chat'), ['github-copilot-chat.copilotignore']);
		assert.deepEqual(copilot.available.map((a) => a.note).slice(-2), [
			'github.copilot.chat.codesearch.enabled is set only when the policy disables this assistant',
			'install the Context Warden hook (.github/hooks/context-warden.json)',
		]);
		for (const c of [kilo, copilot, coverageFor(entry('cursor'), [], { examplePath: '.env' })]) {
			assert.deepEqual(c.gapTemplates.map(fillCoverage), c.gaps);
			assert.deepEqual(c.surfaces.flatMap((s) => s.gapTemplates.map(fillCoverage)), c.gaps);
			assert.deepEqual(c.available.map((a) => fillCoverage(a.noteTemplate)), c.available.map((a) => a.note));
		}
	});
});
