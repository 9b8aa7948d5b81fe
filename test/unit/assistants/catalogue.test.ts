import * as assert from 'node:assert/strict';
import { CATALOGUE, allLevers, findByExtensionId, getEntry, instructionGlobs } from '../../../src/core/assistants/catalogue';
import { COVERAGE_SURFACES, JURISDICTIONS } from '../../../src/core/assistants/types';

describe('assistants/catalogue', () => {
	it('has at least 20 assistants, each the brief names', () => {
		assert.ok(CATALOGUE.length >= 20);
		for (const id of [
			'github-copilot', 'github-copilot-chat', 'vscode-chat', 'claude-code', 'openai-codex', 'continue', 'cline', 'roo-code',
			'kilo-code', 'gemini-code-assist', 'gemini-cli-companion', 'amazon-q', 'sourcegraph-cody', 'tabnine', 'windsurf', 'augment',
			'supermaven', 'qodo', 'tongyi-lingma', 'codegeex', 'baidu-comate', 'marscode-trae', 'tencent-codebuddy', 'cursor',
		]) {
			assert.ok(getEntry(id), id);
		}
	});

	it('has unique ids, unique lever ids and unique lower-case extension ids', () => {
		const ids = CATALOGUE.map((e) => e.id);
		assert.equal(new Set(ids).size, ids.length);
		const levers = allLevers().map((l) => l.lever.id);
		assert.equal(new Set(levers).size, levers.length);
		const exts = CATALOGUE.flatMap((e) => e.extensionIds);
		assert.equal(new Set(exts).size, exts.length);
		for (const x of exts) {
			assert.equal(x, x.toLowerCase());
			assert.match(x, /^[a-z0-9-]+\.[a-z0-9-]+$/);
		}
	});

	it('gives every entry destinations, surfaces and levers with evidence', () => {
		for (const e of CATALOGUE) {
			assert.ok(e.destinations.length > 0, e.id);
			for (const d of e.destinations) {
				assert.ok((JURISDICTIONS as readonly string[]).includes(d.jurisdiction), `${e.id} ${d.id}`);
				assert.ok(d.evidence.source.length > 0);
			}
			assert.ok(e.surfaces.every((s) => (COVERAGE_SURFACES as readonly string[]).includes(s)), e.id);
			assert.ok(e.levers.length > 0, `${e.id} must say what controls exist, or that none do`);
			for (const l of e.levers) {
				assert.ok(l.evidence.source.length > 0, l.id);
				assert.ok(l.covers.every((s) => e.surfaces.includes(s) || e.host === 'editor'), `${l.id} covers a surface ${e.id} does not have`);
				assert.ok(l.id.startsWith(`${e.id}.`), l.id);
			}
			assert.ok(e.extensionIds.length > 0 || e.host !== undefined, e.id);
		}
	});

	it('finds entries by extension id whatever the case', () => {
		assert.equal(findByExtensionId('GitHub.copilot-chat')?.id, 'github-copilot-chat');
		assert.equal(findByExtensionId('RooVeterinaryInc.roo-cline')?.id, 'roo-code');
		assert.equal(findByExtensionId('kilocode.Kilo-Code')?.id, 'kilo-code');
		assert.equal(findByExtensionId('someone.else'), undefined);
	});

	it('records the verified levers the research found', () => {
		const disable = allLevers().find((l) => l.lever.id === 'github-copilot-chat.disableAIFeatures')?.lever;
		assert.ok(disable?.kind === 'setting' && disable.key === 'chat.disableAIFeatures' && disable.value === true && disable.evidence.verified);
		const claude = getEntry('claude-code')?.levers.find((l) => l.kind === 'permissionFile');
		assert.ok(claude?.kind === 'permissionFile' && claude.path === '.claude/settings.json' && claude.format === 'claudePermissions');
		const cursor = getEntry('cursor')?.levers.find((l) => l.kind === 'ignoreFile');
		assert.ok(cursor?.kind === 'ignoreFile' && cursor.path === '.cursorignore' && !cursor.covers.includes('terminal'));
		// facts only seen in third-party material are marked unverified
		const gemini = getEntry('gemini-code-assist')?.levers.find((l) => l.id === 'gemini-code-assist.enableOff');
		assert.equal(gemini?.evidence.verified, false);
		assert.equal(getEntry('tabnine')?.restrictedMode.support, 'runs');
	});

	it('lists instruction files for the exposure preview', () => {
		assert.ok(instructionGlobs(getEntry('github-copilot-chat') ?? CATALOGUE[0]!).includes('.github/copilot-instructions.md'));
		assert.ok(instructionGlobs(getEntry('claude-code') ?? CATALOGUE[0]!).includes('CLAUDE.md'));
		assert.ok(instructionGlobs(getEntry('cursor') ?? CATALOGUE[0]!).includes('.cursor/rules/**'));
		assert.ok(instructionGlobs(getEntry('cline') ?? CATALOGUE[0]!).includes('.clinerules'));
		assert.ok(instructionGlobs(getEntry('gemini-cli-companion') ?? CATALOGUE[0]!).includes('GEMINI.md'));
	});

	it('counts verified and unverified facts (printed for the report)', () => {
		const levers = allLevers().map((l) => l.lever);
		const verified = levers.filter((l) => l.evidence.verified).length;
		const destinations = CATALOGUE.flatMap((e) => e.destinations);
		assert.ok(verified > 0 && verified < levers.length);
		console.log(`      catalogue: ${CATALOGUE.length} assistants, ${levers.length} levers (${verified} verified, ${levers.length - verified} unverified), ${destinations.length} destinations (${destinations.filter((d) => d.evidence.verified).length} verified)`);
	});
});
