// The core's English in the editor's display language (src/vscode/coreText.ts). Every text the core shows (secret
// rule descriptions, the other detectors' messages, the built-in path rules' reasons, decision sentences, skip
// reasons, policy sources) must have an entry whose l10n key is that very text, so that a new rule cannot stay
// English in a zh-cn editor unnoticed; what a policy's author wrote is shown as written.
// coreText.ts reaches the editor only through `vscode.l10n.t`, so it runs here against the shared stand-in
// (test/support/l10nStandIn.ts): a shown text equals «the core's English» only when it was translated under exactly
// the key the core's text has.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { DECISION_TEXT, decideAssistant, type DecisionPlace, type DecisionSentence, fillTemplate, placesText } from '../../src/core/assistants/decide';
import { CATALOGUE, getEntry } from '../../src/core/assistants/catalogue';
import { COVERAGE_TEXT, type CoveragePhrase, coverageFor } from '../../src/core/assistants/coverage';
import { DRIFT_TEXT } from '../../src/core/assistants/drift';
import { LEDGER_TEXT, planApply, type ProblemTemplate } from '../../src/core/assistants/ledger';
import { MANAGED_BLOCK_TEXT } from '../../src/core/assistants/managedBlock';
import { MANAGED_JSON_TEXT } from '../../src/core/assistants/managedJson';
import { COVERAGE_SURFACES, JURISDICTIONS } from '../../src/core/assistants/types';
import { HOOK_PLACEMENT_TEXT } from '../../src/core/hooks/installPlan';
import { compileClassifier } from '../../src/core/classify/classifier';
import { cnIdCheckChar, luhnValid } from '../../src/core/classify/detectors/pii';
import { SECRET_RULES } from '../../src/core/classify/detectors/secretRules';
import { REASON_KINDS, type Reason, SKIP_REASONS } from '../../src/core/classify/types';
import { DEFAULT_POLICY } from '../../src/core/policy/defaultPolicy';
import { resolveEffectivePolicy } from '../../src/core/policy/layering';
import { LAYER_KINDS } from '../../src/core/policy/schema';
import type * as CatalogueText from '../../src/vscode/assistants/catalogueText';
import type * as CoreText from '../../src/vscode/coreText';
import { testPolicy } from '../support/classifyPolicy';
import { requireWithL10nStandIn, translated } from '../support/l10nStandIn';
import { prng } from '../support/prng';

/** Key-shaped text made at run time from a seeded generator, so none is committed. */
function randomText(seed: number, length: number, alphabet: string): string {
	const next = prng(seed);
	return Array.from({ length }, () => alphabet.charAt(Math.floor(next() * alphabet.length))).join('');
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;

function keyBlock(label: string, seed: number): string {
	const body = randomText(seed, 320, BASE64).replace(/(.{64})/g, '$1\n');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/** The first 17 digits of a Chinese resident ID (Beijing, born 1949-12-31); the check digit is computed. */
const CN_ID = '11010519491231002';

/** A Luhn-valid Visa number made from a prefix (not one of the documented test numbers). */
function cardNumber(prefix: string): string {
	for (let d = 0; d < 10; d++) {
		if (luhnValid(`${prefix}${d}`)) {
			return `${prefix}${d}`;
		}
	}
	throw new Error('unreachable');
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `use` with a fresh copy of coreText.ts whose `vscode.l10n.t` translates by `bundle` as the editor does (a key
 * without an entry is shown as it is), then forgets that copy.
 */
function withBundle<T>(bundle: Readonly<Record<string, string>>, use: (core: typeof CoreText) => T): T {
	const t = (message: string, ...args: unknown[]): string =>
		(Object.hasOwn(bundle, message) ? (bundle[message] ?? message) : message).replace(/\{(\d+)\}/g, (whole, i: string) =>
			args[Number(i)] === undefined ? whole : String(args[Number(i)]),
		);
	const local = createRequire(__filename);
	const fresh = ['../../src/vscode/coreText', '../../src/vscode/assistants/catalogueText'].map((m) => local.resolve(m));
	const forget = (): void => fresh.forEach((f) => delete require.cache[f]);
	const cached = fresh.map((f) => require.cache[f]);
	const standIn = path.join(__dirname, 'vscode-bundle-stand-in.js');
	const moduleStatics = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
	const original = moduleStatics._resolveFilename;
	moduleStatics._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
		return request === 'vscode' ? standIn : original.call(this, request, ...rest);
	};
	const stand = new Module(standIn);
	stand.filename = standIn;
	stand.loaded = true;
	stand.exports = { l10n: { t } };
	require.cache[standIn] = stand;
	forget();
	try {
		return use(local('../../src/vscode/coreText') as typeof CoreText);
	} finally {
		moduleStatics._resolveFilename = original;
		delete require.cache[standIn];
		forget();
		fresh.forEach((f, i) => {
			const m = cached[i];
			if (m) {
				require.cache[f] = m;
			}
		});
	}
}

describe("coreText: the core's texts in the display language", () => {
	let core: typeof CoreText;
	let catalogueText: typeof CatalogueText;
	let restore: () => void;
	before(() => {
		({ module: core, restore } = requireWithL10nStandIn<typeof CoreText>(__filename, '../../src/vscode/coreText'));
		// Loaded with coreText, against the same stand-in.
		catalogueText = createRequire(__filename)('../../src/vscode/assistants/catalogueText') as typeof CatalogueText;
	});
	after(() => restore());

	it('has an entry for every secret rule, under its description', () => {
		const untranslated = SECRET_RULES.filter(
			(r) => core.reasonMessage({ kind: 'secret', rule: r.id, message: r.description }) !== translated(r.description),
		).map((r) => `${r.id}: ${r.description}`);
		assert.deepEqual(untranslated, [], 'add these to SECRET_RULE_TEXT in src/vscode/coreText.ts, then `npm run l10n` and translate');
	});

	it("translates what every detector reports; the org's markers, pattern descriptions and rule reasons stay as written", () => {
		const base = testPolicy();
		const policy = testPolicy({
			pathRules: [
				{ id: 'ops-notes', globs: ['ops/**'], level: 'internal' },
				{ id: 'contracts', globs: ['contracts/**'], level: 'confidential', reason: 'Vendor contracts under NDA.' },
				{ id: 'dotenv', globs: ['**/.env'], level: 'restricted', reason: 'Our own words for env files.' },
			],
			content: {
				...base.content,
				markers: ['Project Falcon'],
				patterns: [
					{ id: 'ticket', regex: 'FALCON-[0-9]+', level: 'internal' },
					{ id: 'codename', regex: 'Bluebird', level: 'internal', description: 'Our codename for the merger' },
				],
			},
		});
		const { classifier, errors } = compileClassifier(policy);
		assert.deepEqual(errors, []);
		const text = [
			'CONFIDENTIAL: Project Falcon notes (FALCON-1234, Bluebird)',
			'本文件为机密文件',
			`token = ghp_${randomText(1, 36, ALNUM)}`,
			'contact li.wei@corp-mail.cn or 13957218846',
			`id ${CN_ID}${cnIdCheckChar(CN_ID)}`,
			`card ${cardNumber('453201511283036')}`,
			'iban GB82WEST12345698765432',
			keyBlock('RSA PRIVATE KEY', 2),
			keyBlock('OPENSSH PRIVATE KEY', 3),
			keyBlock('PGP PRIVATE KEY BLOCK', 4),
			`PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n${randomText(5, 64, BASE64)}\nPrivate-Lines: 1\n${randomText(6, 64, BASE64)}`,
		].join('\n');
		const reasons: Reason[] = [
			...classifier.classifyText('notes.txt', text).reasons,
			...classifier.classifyPath('ops/runbook.md'),
			...classifier.classifyPath('contracts/acme.pdf'),
			...classifier.classifyPath('.env'),
		];
		const rules = new Set(reasons.map((r) => r.rule));
		for (const expected of [
			'marker:CONFIDENTIAL',
			'marker:机密',
			'marker:Project Falcon',
			'ticket',
			'codename',
			'github-pat',
			'pii-email',
			'pii-phone',
			'pii-cn-resident-id',
			'pii-payment-card',
			'pii-iban',
			'pem-private-key',
			'openssh-private-key',
			'pgp-private-key-block',
			'putty-private-key',
			'ops-notes',
			'contracts',
			'dotenv',
		]) {
			assert.ok(rules.has(expected), `the sample has no ${expected} finding: ${[...rules].join(', ')}`);
		}
		const writtenByTheOrg = new Set(['codename', 'contracts', 'dotenv']);
		for (const r of reasons) {
			assert.equal(core.reasonMessage(r), writtenByTheOrg.has(r.rule) ? r.message : translated(r.message), `${r.kind} ${r.rule}`);
		}
		// An org marker is shown as the policy spells it, inside the translated sentence.
		const falcon = reasons.find((r) => r.rule === 'marker:Project Falcon');
		assert.equal(falcon && core.reasonMessage(falcon), '«Confidentiality marker "Project Falcon"»');
	});

	it("translates the built-in default policy's path rule reasons, and only those", () => {
		for (const rule of DEFAULT_POLICY.pathRules) {
			assert.ok(rule.reason, rule.id);
			assert.equal(core.reasonMessage({ kind: 'path', rule: rule.id, message: rule.reason }), translated(rule.reason), rule.id);
		}
		assert.equal(core.reasonMessage({ kind: 'path', rule: 'my-env', message: 'Environment files hold credentials and connection strings.' }), 'Environment files hold credentials and connection strings.');
		assert.equal(core.reasonMessage({ kind: 'secret', rule: 'aws-access-key-id', message: 'An older description' }), 'An older description');
		assert.equal(core.reasonMessage({ kind: 'pii', rule: 'pii-email', message: 'Something else' }), 'Something else');
	});

	it('translates every decision sentence; a catalogue name in the display language, ids and lists as they are', () => {
		for (const template of Object.values(DECISION_TEXT)) {
			const s: DecisionSentence = { template, args: ['GitHub Copilot', 'US (github-copilot-cloud, us)', 'cn-mainland, self-hosted'] };
			assert.equal(core.decisionSentence(s), translated(fillTemplate(s.template, s.args)), template);
		}
		const p = { ...DEFAULT_POLICY, assistants: { ...DEFAULT_POLICY.assistants, allowedDestinations: ['cn-mainland'], restrictedAction: 'disable' as const } };
		const entry = getEntry('github-copilot-chat');
		assert.ok(entry);
		const d = decideAssistant(p, entry, true);
		assert.ok(d.why.length >= 2);
		// The assistant ({0}) by its catalogue name in the display language, the refused places ({1}) region by region
		// and jurisdiction by jurisdiction, everything else as it is.
		const place = (p: DecisionPlace): string => translated(placesText([{ ...p, region: translated(p.region) }]));
		const shownArg = (w: DecisionSentence, a: string, i: number): string =>
			i === 0 ? translated(a) : i === 1 && w.places ? w.places.map(place).join(translated('; ')) : a;
		const named = d.whyTemplates.map((w) => translated(fillTemplate(w.template, w.args.map((a, i) => shownArg(w, a, i)))));
		assert.deepEqual(core.decisionWhy(d), named);
		assert.ok(d.whyTemplates.some((w) => w.places && w.places.length > 0), 'a sentence lists refused places');
		assert.ok(
			core.decisionWhy(d).some((w) => w.includes(translated(entry.name))),
			'a sentence names Copilot Chat',
		);
		// Sentences the lists do not account for: the English, untouched.
		assert.deepEqual(core.decisionWhy({ why: [...d.why, 'Extra.'], whyTemplates: d.whyTemplates }), [...d.why, 'Extra.']);
	});

	it('lists every refused catalogue destination with its region and jurisdiction in the display language, ids as they are', () => {
		const policy = { ...DEFAULT_POLICY, assistants: { ...DEFAULT_POLICY.assistants, allowedDestinations: ['nowhere'] } };
		const jurisdictionsSeen = new Set<string>();
		for (const entry of CATALOGUE) {
			const d = decideAssistant(policy, entry, true);
			const refused = d.whyTemplates.find((w) => w.template === DECISION_TEXT.destinationsRefused);
			assert.ok(refused?.places, entry.id);
			assert.deepEqual(
				refused.places,
				entry.destinations.map(({ region, id, jurisdiction }) => ({ region, id, jurisdiction })),
				entry.id,
			);
			assert.equal(refused.args[1], placesText(refused.places), 'the English lists the places as before');
			const shown = core.decisionSentence(refused);
			for (const p of refused.places) {
				jurisdictionsSeen.add(p.jurisdiction);
				// Each place is said whole in the display language, its region through the catalogue's entry for it.
				const region = catalogueText.destinationRegionText(p.region);
				assert.ok(shown.includes(translated(placesText([{ ...p, region }]))), `${entry.id}: ${p.id} in ${shown}`);
				assert.ok(region === p.region || region === translated(p.region), p.region);
			}
		}
		assert.ok(jurisdictionsSeen.size >= 5, [...jurisdictionsSeen].join(', '));
		// A configured destination the catalogue does not know: its name as the region, as it is.
		const tabnine = getEntry('tabnine');
		assert.ok(tabnine);
		const configured = decideAssistant(policy, tabnine, true, { configuredDestinations: ['tabnine.acme.internal'] });
		const refused = configured.whyTemplates.find((w) => w.template === DECISION_TEXT.destinationsRefused);
		assert.ok(refused);
		assert.equal(
			core.decisionSentence(refused),
			translated(fillTemplate(refused.template, [catalogueText.assistantNameText(tabnine.name), translated('tabnine.acme.internal (tabnine.acme.internal, global)'), 'nowhere'])),
		);
	});

	it('says the refused-destination sentences wholly in Chinese under the zh-cn bundle, and as the core does in English', () => {
		const zh = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
		const policies = [['nowhere'], []].map((allowedDestinations) => ({ ...DEFAULT_POLICY, assistants: { ...DEFAULT_POLICY.assistants, allowedDestinations } }));
		/** The catalogue's regions that are kept as they are in every language (brand and product names). */
		const brands = new Set(Object.entries(catalogueText.catalogueDestinations()).filter(([english, shown]) => shown() === english).map(([english]) => english));
		const english = withBundle({}, (coreEn) => CATALOGUE.flatMap((e) => policies.map((p) => ({ d: decideAssistant(p, e, true), shown: coreEn.decisionWhy(decideAssistant(p, e, true)) }))));
		for (const { d, shown } of english) {
			assert.deepEqual(shown, d.why, 'an English editor shows the English the core writes');
		}
		const jurisdictionWords = new RegExp(`(?<![\\w-])(${JURISDICTIONS.join('|')})(?![\\w-])`);
		let sentences = 0;
		withBundle(zh, (coreZh) => {
			for (const entry of CATALOGUE) {
				for (const p of policies) {
					const refusing = [DECISION_TEXT.destinationsRefused, DECISION_TEXT.destinationsRefusedNoneAllowed] as string[];
					for (const w of decideAssistant(p, entry, true).whyTemplates.filter((s) => refusing.includes(s.template))) {
						sentences++;
						let shown = coreZh.decisionSentence(w);
						assert.ok(/[\u4e00-\u9fff]/.test(shown), shown);
						// Nothing is allowed, so every destination of the entry is refused.
						for (const place of entry.destinations) {
							if (!brands.has(place.region)) {
								assert.ok(!shown.includes(place.region), `English region in: ${shown}`);
							}
							// The ids stay: they are what a policy names.
							assert.ok(shown.includes(place.id), `${place.id} in: ${shown}`);
							shown = shown.split(place.id).join('');
						}
						assert.doesNotMatch(shown, jurisdictionWords, 'an English jurisdiction word is left');
						assert.doesNotMatch(shown, /; /, 'the places are separated the Chinese way');
					}
				}
			}
		});
		assert.equal(sentences, CATALOGUE.length * policies.length);
	});

	it('labels every reason kind, skip reason, decision and policy layer', () => {
		const labels = [
			...REASON_KINDS.map(core.reasonKindLabel),
			...SKIP_REASONS.map(core.skipReasonLabel),
			...(['allowed', 'warn', 'disable'] as const).map(core.decisionLabel),
			...LAYER_KINDS.map(core.layerKindLabel),
		];
		assert.deepEqual(labels.filter((l) => !/^«.+»$/.test(l)), []);
	});

	it("translates the policy sources the core names; an org policy's file name stays as it is", () => {
		const now = new Date('2025-01-01T00:00:00Z');
		const valid = JSON.stringify({ version: 1, name: 'Acme' });
		const sources = [
			...resolveEffectivePolicy({ now }).sources,
			...resolveEffectivePolicy({ now, org: { file: '/etc/context-warden/policy.json', text: '{' } }).sources,
			...resolveEffectivePolicy({ now, org: { file: '/etc/context-warden/policy.json', text: '{' }, lastValidOrg: { file: '/etc/context-warden/policy.json', text: valid } }).sources,
		];
		assert.deepEqual(
			sources.map((s) => core.policySourceLabel(s)),
			[
				'«built-in default»',
				'«built-in strictest policy»',
				'/etc/context-warden/policy.json',
				'«built-in default»',
				'/etc/context-warden/policy.json',
				'«/etc/context-warden/policy.json (last valid)»',
			],
		);
		assert.equal(core.policySourceLabel({ label: 'workspace settings' }), '«workspace settings»');
	});

	it('translates every coverage template; keys, paths and catalogue prose go in as they are', () => {
		for (const template of Object.values(COVERAGE_TEXT)) {
			const args = ['.env', 'github.copilot.enable', 'automatic completions only'];
			assert.equal(core.coverageText({ template, args }), translated(fillTemplate(template, args)), template);
		}
		// The surface a partial lever bears on is named by its label, not its id.
		assert.deepEqual(COVERAGE_SURFACES.map(core.surfaceLabel).filter((l) => !/^«.+»$/.test(l)), []);
		assert.equal(
			core.coverageText({ template: COVERAGE_TEXT.partlyCovered, args: ['agentFileTools', '.cursorignore', 'x'] }),
			'««agent file tools» partly covered by .cursorignore: x»',
		);
	});

	it("shows every catalogue assistant's gaps and notes translated, phrase by phrase, catalogue prose included", () => {
		/** The catalogue's prose that coverage says: levers' weaknesses, conditions, and how permission files restrict. */
		const prose = new Set(
			CATALOGUE.flatMap((e) => e.levers.flatMap((l) => [l.partial, l.condition, l.kind === 'permissionFile' ? l.how : undefined].filter((t) => t !== undefined))),
		);
		/** The English with each translated phrase marked, as the stand-in would give it; keys and paths as they are. */
		const marked = (p: CoveragePhrase): string => {
			if (typeof p === 'string') {
				return prose.has(p) ? translated(p) : p;
			}
			const args = p.args.map((a, i) =>
				p.template === COVERAGE_TEXT.partlyCovered && i === 0 && typeof a === 'string' ? core.surfaceLabel(a as (typeof COVERAGE_SURFACES)[number]) : marked(a),
			);
			return translated(fillTemplate(p.template, args));
		};
		let gaps = 0;
		let notes = 0;
		for (const entry of CATALOGUE) {
			for (const applied of [[], ...entry.levers.map((l) => [l.id])]) {
				const cov = coverageFor(entry, applied);
				assert.equal(cov.gapTemplates.length, cov.gaps.length, entry.id);
				for (const g of cov.gapTemplates) {
					assert.equal(core.coverageText(g), marked(g), entry.id);
					assert.match(core.coverageText(g), /^«/);
					gaps++;
				}
				for (const a of cov.available) {
					// A plain-text note is a remedy (a lever of kind `none`), translated whole.
					const expected = typeof a.noteTemplate === 'string' ? translated(a.noteTemplate) : marked(a.noteTemplate);
					assert.equal(core.coverageText(a.noteTemplate), expected, entry.id);
					notes++;
				}
			}
		}
		assert.ok(gaps > 100 && notes > 50, `${gaps} gaps, ${notes} notes`);
		const copilot = getEntry('github-copilot-chat');
		assert.ok(copilot);
		const condition = copilot.levers.find((l) => l.id === 'github-copilot-chat.copilotignore')?.condition;
		assert.ok(condition);
		assert.ok(
			coverageFor(copilot, ['github-copilot-chat.copilotignore'])
				.gapTemplates.map(core.coverageText)
				.some((g) => g.includes(`«only «${condition}»»`)),
			'the condition inside a coverage sentence is translated',
		);
		const claude = getEntry('claude-code');
		const denyRead = claude?.levers.find((l) => l.id === 'claude-code.denyRead');
		assert.ok(claude && denyRead?.kind === 'permissionFile' && denyRead.partial);
		assert.ok(
			coverageFor(claude, [])
				.available.map((a) => core.coverageText(a.noteTemplate))
				.includes(`«${denyRead.path} is not applied: «${denyRead.how}»»`),
			'how the permission file restricts is translated',
		);
		assert.ok(
			coverageFor(claude, [denyRead.id])
				.gapTemplates.map(core.coverageText)
				.some((g) => g.endsWith(`: «${denyRead.partial}»»`)),
			"the lever's weakness is translated",
		);
		const tabnine = getEntry('tabnine');
		const ignoreFile = tabnine?.levers.find((l) => l.id === 'tabnine.tabnineignore');
		assert.ok(tabnine && ignoreFile?.partial && !ignoreFile.evidence.verified);
		assert.ok(
			coverageFor(tabnine, [ignoreFile.id])
				.gapTemplates.map(core.coverageText)
				.some((g) => g.endsWith(`: ««${ignoreFile.partial}»; «its effect is not verified»»»`)),
			'a weakness joined with another part is translated',
		);
		// Where no lever exists, the remedy the catalogue gives, translated whole.
		for (const l of CATALOGUE.flatMap((e) => e.levers)) {
			if (l.kind === 'none') {
				assert.equal(core.coverageText(l.remedy), translated(l.remedy), l.id);
			}
		}
		assert.equal(core.coverageText('Ask the admin.'), 'Ask the admin.', 'a plain note that is no catalogue remedy is shown as it is');
		const cursor = getEntry('cursor');
		assert.ok(cursor);
		assert.ok(
			coverageFor(cursor, []).gapTemplates.map(core.coverageText).includes('«terminal commands not covered: an agent can `cat «a sensitive file»`»'),
		);
	});

	it('translates every drift sentence; files, keys and values go in as they are', () => {
		for (const template of Object.values(DRIFT_TEXT)) {
			const args = ['chat.disableAIFeatures', '.vscode/settings.json', 'false', 'true'];
			assert.equal(core.driftMessage({ messageTemplate: { template, args } }), translated(fillTemplate(template, args)), template);
		}
	});

	it('translates why a hook file is not written; a reason from elsewhere is shown as it is', () => {
		for (const message of Object.values(HOOK_PLACEMENT_TEXT)) {
			assert.equal(core.hookProblemText({ file: '.cursor/hooks.json', message }), `«.cursor/hooks.json: ${translated(message)}»`);
		}
		assert.equal(
			core.hookProblemText({ file: '.cursor/hooks.json', message: "EACCES: permission denied, open '.cursor/hooks.json'" }),
			"«.cursor/hooks.json: EACCES: permission denied, open '.cursor/hooks.json'»",
		);
	});

	it('translates every reason the ledger gives for leaving a hook file as it is; pointers and numbers go in as they are', () => {
		const templates: ProblemTemplate[] = [...Object.values(LEDGER_TEXT), ...Object.values(MANAGED_JSON_TEXT), ...Object.values(MANAGED_BLOCK_TEXT)];
		for (const template of templates) {
			const args = ['/hooks', '12'];
			const message = fillTemplate(template, args);
			assert.equal(core.hookProblemText({ file: '.cursor/hooks.json', message, messageTemplate: { template, args } }), `«.cursor/hooks.json: ${translated(message)}»`, template);
		}
		// As planApply reports them for a hook file it cannot edit.
		const plan = planApply([{ kind: 'jsonValue', file: '.cursor/hooks.json', key: '/hooks', value: {}, leverIds: ['cursor.hook'] }], [], { '.cursor/hooks.json': '[]' }, new Date());
		assert.deepEqual(plan.problems.map(core.hookProblemText), ['«.cursor/hooks.json: «the top level is not an object»»']);
	});
});
