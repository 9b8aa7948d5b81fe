// The assistant catalogue in the display language (src/vscode/assistants/catalogueText.ts): every assistant name, every
// destination, every jurisdiction and every lever text coverage says (condition, weakness, a permission file's how, a
// remedy) has an entry under its English text, so a new assistant cannot stay English in a zh-cn Exposure Preview,
// status bar tooltip, coverage sentence or decision unnoticed; brand names may stay as they are, and unknown
// assistants are shown as they are.
import * as assert from 'node:assert/strict';
import { CATALOGUE } from '../../src/core/assistants/catalogue';
import { placesText } from '../../src/core/assistants/decide';
import { JURISDICTIONS } from '../../src/core/assistants/types';
import type { AssistantView } from '../../src/core/exposure/model';
import type * as CatalogueText from '../../src/vscode/assistants/catalogueText';
import { requireWithL10nStandIn, translated } from '../support/l10nStandIn';

describe('catalogueText: assistant names and destinations in the display language', () => {
	let text: typeof CatalogueText;
	let restore: () => void;
	before(() => {
		({ module: text, restore } = requireWithL10nStandIn<typeof CatalogueText>(__filename, '../../src/vscode/assistants/catalogueText'));
	});
	after(() => restore());

	it('has an entry for every catalogue name and destination, under its English text', () => {
		const names = text.catalogueNames();
		const regions = text.catalogueDestinations();
		const missing = [
			...CATALOGUE.filter((e) => !names[e.name]).map((e) => `name: ${e.name}`),
			...CATALOGUE.flatMap((e) => e.destinations.filter((d) => !regions[d.region]).map((d) => `destination: ${d.region}`)),
		];
		assert.deepEqual([...new Set(missing)], [], 'add these to src/vscode/assistants/catalogueText.ts, then `npm run l10n` and translate');
		// An entry translates its own text (or keeps a brand name as it is), never another one's.
		for (const [english, shown] of [...Object.entries(names), ...Object.entries(regions)]) {
			assert.ok([english, translated(english)].includes(shown()), `${english} -> ${shown()}`);
		}
	});

	it('has an entry for every jurisdiction, under the English a decision lists a place with', () => {
		const jurisdictions = text.catalogueJurisdictions();
		assert.deepEqual(
			JURISDICTIONS.filter((j) => !Object.hasOwn(jurisdictions, j)),
			[],
			'add these to catalogueJurisdictions in src/vscode/assistants/catalogueText.ts, then `npm run l10n` and translate',
		);
		assert.deepEqual(Object.keys(jurisdictions).sort(), [...JURISDICTIONS].sort(), 'no entry for a jurisdiction the core does not have');
		for (const j of JURISDICTIONS) {
			// The key is exactly what the core writes for the place (placesText), so English shows what it always did.
			assert.equal(jurisdictions[j]('Somewhere', 'some-id'), translated(placesText([{ region: 'Somewhere', id: 'some-id', jurisdiction: j }])), j);
		}
	});

	it('lists refused destinations with each catalogue region and jurisdiction in the display language, ids as they are', () => {
		const places = CATALOGUE.flatMap((e) => e.destinations);
		for (const d of places) {
			const region = text.destinationRegionText(d.region);
			assert.ok([d.region, translated(d.region)].includes(region), d.region);
			assert.equal(text.destinationPlacesText([d]), translated(placesText([{ ...d, region }])), d.id);
		}
		const [a, b] = places;
		assert.ok(a && b);
		assert.equal(text.destinationPlacesText([a, b]), [a, b].map((d) => text.destinationPlacesText([d])).join(translated('; ')));
		// A destination outside the catalogue (configured by its name): the name as it is, the jurisdiction translated.
		assert.equal(text.destinationPlacesText([{ region: 'llm.acme.internal', id: 'llm.acme.internal', jurisdiction: 'global' }]), '«llm.acme.internal (llm.acme.internal, global)»');
		assert.equal(text.destinationRegionText('constructor'), 'constructor');
	});

	it("names a catalogue assistant in the display language (the status bar tooltip's lines), and anything else as it is", () => {
		for (const e of CATALOGUE) {
			assert.ok([e.name, translated(e.name)].includes(text.assistantNameText(e.name)), e.name);
		}
		const chat = CATALOGUE.find((e) => e.id === 'vscode-chat');
		assert.ok(chat);
		assert.equal(text.assistantNameText(chat.name), translated(chat.name));
		assert.equal(text.assistantNameText('Claude Code'), 'Claude Code', 'a brand name stays as it is');
		assert.equal(text.assistantNameText('acme.helper'), 'acme.helper');
		assert.equal(text.assistantNameText('constructor'), 'constructor');
	});

	it('has an entry for every lever condition, under its English text', () => {
		const conditions = text.catalogueConditions();
		const all = [...new Set(CATALOGUE.flatMap((e) => e.levers.flatMap((l) => (l.condition === undefined ? [] : [l.condition]))))];
		assert.ok(all.length > 0);
		assert.deepEqual(
			all.filter((c) => !Object.hasOwn(conditions, c)),
			[],
			'add these to catalogueConditions in src/vscode/assistants/catalogueText.ts, then `npm run l10n` and translate',
		);
		for (const c of all) {
			assert.equal(text.leverConditionText(c), translated(c));
		}
		for (const [english, shown] of Object.entries(conditions)) {
			assert.equal(shown(), translated(english));
		}
		assert.equal(text.leverConditionText('when the moon is full'), 'when the moon is full');
		assert.equal(text.leverConditionText('constructor'), 'constructor');
	});

	it("has an entry for every lever's weakness, every permission file's how and every remedy, under its English text", () => {
		const levers = CATALOGUE.flatMap((e) => e.levers);
		const tables = [
			{ field: 'partial', entries: text.cataloguePartials(), shown: text.leverPartialText, all: levers.flatMap((l) => (l.partial === undefined ? [] : [l.partial])) },
			{ field: 'how', entries: text.catalogueHows(), shown: text.leverHowText, all: levers.flatMap((l) => (l.kind === 'permissionFile' ? [l.how] : [])) },
			{ field: 'remedy', entries: text.catalogueRemedies(), shown: text.leverRemedyText, all: levers.flatMap((l) => (l.kind === 'none' ? [l.remedy] : [])) },
		];
		for (const { field, entries, shown, all } of tables) {
			assert.ok(all.length > 0, field);
			assert.deepEqual(
				[...new Set(all)].filter((t) => !Object.hasOwn(entries, t)),
				[],
				`add these lever ${field} texts to src/vscode/assistants/catalogueText.ts, then \`npm run l10n\` and translate`,
			);
			for (const t of all) {
				assert.equal(shown(t), translated(t), t);
			}
			// No entry left over from a text the catalogue no longer has.
			assert.deepEqual(
				Object.keys(entries).filter((t) => !all.includes(t)),
				[],
				`${field}: entries for texts the catalogue does not have`,
			);
			assert.equal(shown('.env'), '.env');
			assert.equal(shown('constructor'), 'constructor');
		}
	});

	it('localizes a catalogue assistant for the preview and leaves an unknown one as it is', () => {
		const view = (id: string, name: string, destination: string): AssistantView =>
			({ id, name, vendor: 'v', destination, disabled: false, surfaces: [], excludedByOwnControls: () => false, blockedByWarden: () => false, instructionFiles: [] }) as AssistantView;
		const chat = CATALOGUE.find((e) => e.id === 'vscode-chat');
		assert.ok(chat && chat.destinations.length > 1);
		const shown = text.localizedAssistant(view('vscode-chat', chat.name, 'ignored'));
		assert.equal(shown.name, translated(chat.name));
		assert.equal(shown.destination, chat.destinations.map((d) => translated(d.region)).join(translated('; ')));
		const unknown = view('acme.helper', 'Acme Helper', 'somewhere');
		assert.deepEqual(text.localizedAssistant(unknown), unknown);
	});
});
