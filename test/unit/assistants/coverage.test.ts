import * as assert from 'node:assert/strict';
import { getEntry } from '../../../src/core/assistants/catalogue';
import { coverageFor } from '../../../src/core/assistants/coverage';
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
		const kilo = coverageFor(entry('kilo-code'), ['kilo-code.kilocodeignore']);
		assert.ok(kilo.gaps.some((g) => g.includes('not verified')));
	});

	it('explains levers that need an admin', () => {
		const q = coverageFor(entry('amazon-q'), []);
		assert.ok(q.available.some((a) => a.note.includes('only be set in user settings or by an admin')));
	});
});
