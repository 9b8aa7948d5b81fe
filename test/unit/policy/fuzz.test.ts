import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type EffectivePolicy, resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { parseOrgPolicy, parsePolicyLayer, salvagePolicyLayer } from '../../../src/core/policy/parse';
import { renderEffectivePolicy, renderEffectivePolicyJson } from '../../../src/core/policy/render';
import { levelRank, type Policy, PolicySchema, RESTRICTED_AT } from '../../../src/core/policy/schema';
import { settingsToLayer } from '../../../src/core/policy/settingsLayer';
import { prng } from '../../support/prng';


const ROOT = path.join(__dirname, '..', '..', '..');
const SEEDS = [
	...['default.json', 'sovereign-cn.json', 'eu-gdpr.json', 'strict.json'].map((f) => fs.readFileSync(path.join(ROOT, 'policies', f), 'utf8')),
	...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'policies')).map((f) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'policies', f), 'utf8')),
];
const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '//', '/*', '*/', '\n', '\uFEFF', '\u0000', '\\', '\\u12', 'null', 'true', '-', '1e400', '0x1F', '"__proto__"', '"constructor"', '"version"', '"restrictedAt"', '"never"', '"*"', '\u2028', '𝄞', '机密'];
const NOW = new Date('2026-06-15T12:00:00Z');

function pick<T>(rnd: () => number, xs: readonly T[]): T {
	return xs[Math.floor(rnd() * xs.length)] as T;
}

function mutateText(rnd: () => number, text: string): string {
	let t = text;
	const n = 1 + Math.floor(rnd() * 6);
	for (let i = 0; i < n; i++) {
		const at = Math.floor(rnd() * (t.length + 1));
		const op = rnd();
		if (op < 0.25) {
			t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 8));
		} else if (op < 0.5) {
			t = t.slice(0, at) + pick(rnd, TOKENS) + t.slice(at);
		} else if (op < 0.6) {
			t = t.slice(0, at);
		} else if (op < 0.7) {
			const from = Math.floor(rnd() * t.length);
			t = t.slice(0, at) + t.slice(from, from + Math.floor(rnd() * 40)) + t.slice(at);
		} else if (op < 0.8) {
			t = t.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x10000)) + t.slice(at + 1);
		} else {
			t = t.slice(0, at) + pick(rnd, ['[', '{"a":']).repeat(Math.floor(rnd() * 60)) + t.slice(at);
		}
	}
	return t;
}

function randomValue(rnd: () => number, depth = 0): unknown {
	const r = rnd();
	if (depth > 3 || r < 0.5) {
		return pick(rnd, [null, true, false, 0, -1, 1.5, 2 ** 60, '', 'x', 'never', 'always', 'public', 'restricted', 'disable', 'warn', '*', '2026-06-20', '[', '__proto__']);
	}
	if (r < 0.75) {
		return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
	}
	const o: Record<string, unknown> = {};
	for (let i = 0; i < Math.floor(rnd() * 4); i++) {
		o[pick(rnd, ['id', 'globs', 'level', 'path', 'expires', 'reason', 'enabled', 'allow', 'block', 'restrictedAt', 'x'])] = randomValue(rnd, depth + 1);
	}
	return o;
}

/** Replaces, deletes or adds values at random places of a parsed policy. */
function mutateValue(rnd: () => number, value: unknown): unknown {
	const clone = structuredClone(value);
	const n = 1 + Math.floor(rnd() * 4);
	for (let i = 0; i < n; i++) {
		let cur: unknown = clone;
		for (let d = 0; d < 5; d++) {
			if (cur === null || typeof cur !== 'object') {
				break;
			}
			const keys = Object.keys(cur);
			if (keys.length === 0) {
				break;
			}
			const key = pick(rnd, keys);
			const r = rnd();
			const obj = cur as Record<string, unknown>;
			if (r < 0.2) {
				obj[key] = randomValue(rnd);
				break;
			} else if (r < 0.3) {
				delete obj[key];
				break;
			} else if (r < 0.35 && !Array.isArray(cur)) {
				obj[pick(rnd, ['pathRule', 'extra', 'overrides', 'exceptions', '$schema'])] = randomValue(rnd);
				break;
			}
			cur = obj[key];
		}
	}
	return clone;
}

/** Whether `eff` is at least as tight as `base` on every key a workspace layer may touch. */
function assertNoLooser(eff: Policy, base: Policy, context: string): void {
	const rankAt = (r: string): number => RESTRICTED_AT.indexOf(r as (typeof RESTRICTED_AT)[number]);
	assert.ok(rankAt(eff.workspace.restrictedAt) <= rankAt(base.workspace.restrictedAt), `${context}: restrictedAt`);
	assert.ok(levelRank(eff.workspace.sensitiveLevel) <= levelRank(base.workspace.sensitiveLevel), `${context}: sensitiveLevel`);
	assert.ok(eff.content.maxFileSizeBytes >= base.content.maxFileSizeBytes, `${context}: maxFileSizeBytes`);
	for (const f of ['secrets', 'privateKeys', 'pii', 'markers', 'patterns'] as const) {
		assert.ok(eff.content.detectors[f].enabled || !base.content.detectors[f].enabled, `${context}: ${f}.enabled`);
		assert.ok(levelRank(eff.content.detectors[f].level) >= levelRank(base.content.detectors[f].level), `${context}: ${f}.level`);
	}
	const covers = (list: string[], x: string): boolean => list.includes('*') || list.some((y) => y.toLowerCase() === x.toLowerCase());
	assert.ok(eff.assistants.allow.every((x) => covers(base.assistants.allow, x)), `${context}: allow`);
	assert.ok(eff.assistants.allowedDestinations.every((x) => covers(base.assistants.allowedDestinations, x)), `${context}: destinations`);
	assert.ok(base.assistants.block.every((x) => covers(eff.assistants.block, x)), `${context}: block`);
	assert.ok(base.content.markers.every((x) => covers(eff.content.markers, x)), `${context}: markers`);
	assert.ok(eff.assistants.restrictedAction === 'disable' || base.assistants.restrictedAction === 'warn', `${context}: restrictedAction`);
	assert.ok(eff.assistants.unrecognised === 'warn' || base.assistants.unrecognised === 'ignore', `${context}: unrecognised`);
	assert.ok(eff.pathRules.length >= base.pathRules.length, `${context}: pathRules`);
	assert.deepEqual(eff.pathRules.slice(0, base.pathRules.length), base.pathRules, `${context}: pathRules kept`);
	assert.deepEqual(eff.overrides, base.overrides, `${context}: overrides`);
}

function checkEffective(eff: EffectivePolicy, context: string): void {
	assert.ok(PolicySchema.safeParse(eff.policy).success, `${context}: the effective policy is valid`);
	assert.match(eff.sha256, /^[0-9a-f]{64}$/, context);
	for (const d of eff.diagnostics) {
		assert.ok(d.line >= 0 && d.column >= 0 && typeof d.message === 'string', context);
	}
	renderEffectivePolicy(eff);
	renderEffectivePolicyJson(eff);
}

describe('policy fuzz', function () {
	this.timeout(120_000);

	it('never throws on garbled policy text, and any org policy it accepts is valid', () => {
		const rnd = prng(0xc0ffee);
		for (let i = 0; i < 3000; i++) {
			const text = mutateText(rnd, pick(rnd, SEEDS));
			const context = `case ${i}: ${JSON.stringify(text.slice(0, 200))}`;
			const org = parseOrgPolicy(text, 'org.json');
			const layer = parsePolicyLayer(text, 'ctx.json');
			const salvaged = salvagePolicyLayer(text, 'ctx.json');
			if (!org.ok || !layer.ok) {
				assert.ok(org.ok || org.diagnostics.some((d) => d.severity === 'error'), context);
			}
			if (layer.ok) {
				assert.deepEqual(salvaged.layer, layer.value, context);
			}
			const eff = resolveEffectivePolicy({ org: { file: 'org.json', text }, workspace: { file: 'ctx.json', text }, now: NOW });
			assert.equal(eff.state === 'org', org.ok, context);
			checkEffective(eff, context);
		}
	});

	it('never throws on random values as layers, and layers never loosen', () => {
		const rnd = prng(42);
		const seedValues = SEEDS.map((t) => {
			const r = parseOrgPolicy(t, 'x');
			return r.ok ? r.value : undefined;
		}).filter((v) => v !== undefined);
		for (let i = 0; i < 2000; i++) {
			const orgValue = mutateValue(rnd, pick(rnd, seedValues));
			const orgText = JSON.stringify(orgValue);
			const wsValue = rnd() < 0.5 ? mutateValue(rnd, pick(rnd, seedValues)) : randomValue(rnd);
			const settings = rnd() < 0.5 ? settingsToLayer({ 'contextWarden.restrictedAt': randomValue(rnd), 'contextWarden.blockAssistants': randomValue(rnd), 'contextWarden.exceptions': randomValue(rnd) }) : randomValue(rnd);
			const context = `case ${i}: org ${orgText.slice(0, 300)} ws ${JSON.stringify(wsValue)?.slice(0, 300)}`;
			const base = resolveEffectivePolicy({ org: { file: 'org.json', text: orgText }, now: NOW });
			const eff = resolveEffectivePolicy({
				org: { file: 'org.json', text: orgText },
				workspace: { file: 'ctx.json', text: JSON.stringify(wsValue) ?? 'undefined' },
				settings: { source: 'settings', layer: settings },
				now: NOW,
			});
			checkEffective(eff, context);
			assert.equal(eff.state, base.state, context);
			assertNoLooser(eff.policy, base.policy, context);
		}
	});

	it('never throws on pure noise', () => {
		const rnd = prng(7);
		for (let i = 0; i < 1000; i++) {
			const text = Array.from({ length: Math.floor(rnd() * 300) }, () => (rnd() < 0.5 ? pick(rnd, TOKENS) : String.fromCharCode(Math.floor(rnd() * 0x300)))).join('');
			const eff = resolveEffectivePolicy({ org: { file: 'o', text }, lastValidOrg: { file: 'l', text: mutateText(rnd, text) }, workspace: { file: 'w', text }, settings: { source: 's', layer: text }, now: NOW });
			checkEffective(eff, `noise ${i}`);
		}
	});
});
