/**
 * The redaction core. A seeded property test over generated files (filler code and prose, planted secrets, keys
 * and personal data, LF or CRLF): no planted value and no finding's value survives, and removing the placeholders
 * from the output gives exactly the input without the findings' text (line breaks kept). Then the placeholder
 * contract: stable within a session, distinct for distinct values, silent about length and prefix.
 */
import * as assert from 'node:assert/strict';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { newSessionState, parseSessionState, PLACEHOLDER_PATTERN, PlaceholderSession, placeholderText } from '../../../src/core/redact/placeholders';
import { REDACTED_KINDS, redactFindings, redactText } from '../../../src/core/redact/redact';

/** mulberry32: a small seeded PRNG, so a failing case is reproduced by its seed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const FILLER = [
	'const port = 8080;',
	'# settings for the staging cluster',
	'server:',
	'  timeout: 30s',
	'def handler(event, context):',
	'    return {"ok": True}',
	'用户名 = "张三" # 中文注释',
	'',
	'  ',
	'TODO: tidy this up before release',
	'import { readFile } from "node:fs";',
	'SELECT id, name FROM accounts WHERE active = 1;',
	'emoji line 🚀 with text',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
	return xs[Math.floor(r() * xs.length)] as T;
}
function chars(r: () => number, alphabet: string, n: number): string {
	let s = '';
	for (let i = 0; i < n; i++) {
		s += alphabet[Math.floor(r() * alphabet.length)];
	}
	return s;
}

interface Planted {
	line: string;
	value: string;
}

/** One planted sensitive value in its usual context, and the value itself. */
function plant(r: () => number, eol: string): Planted {
	switch (Math.floor(r() * 6)) {
		case 0: {
			const v = `AKIA${chars(r, UPPER32, 16)}`;
			return { line: `aws_access_key_id = ${v}`, value: v };
		}
		case 1: {
			const v = `ghp_${chars(r, ALNUM, 36)}`;
			return { line: `GITHUB_TOKEN="${v}"`, value: v };
		}
		case 2: {
			const v = `npm_${chars(r, ALNUM, 36)}`;
			return { line: `//registry.npmjs.org/:_authToken=${v}`, value: v };
		}
		case 3: {
			const v = `${chars(r, 'abcdefghijklmnopqrstuvwxyz', 5 + Math.floor(r() * 6))}.${chars(r, 'abcdefghijklmnopqrstuvwxyz', 4)}@acme-corp.io`;
			return { line: `owner: ${v}`, value: v };
		}
		case 4: {
			const body = Array.from({ length: 3 + Math.floor(r() * 4) }, () => chars(r, B64, 64)).join(eol);
			const v = `-----BEGIN RSA PRIVATE KEY-----${eol}${body}${eol}-----END RSA PRIVATE KEY-----`;
			return { line: v, value: body.split(eol)[1] ?? body };
		}
		default: {
			const v = `glpat-${chars(r, ALNUM, 20)}`;
			return { line: `gitlab: ${v}`, value: v };
		}
	}
}

function generate(seed: number): { text: string; planted: string[] } {
	const r = prng(seed);
	const eol = r() < 0.5 ? '\n' : '\r\n';
	const lines: string[] = [];
	const planted: string[] = [];
	const n = 5 + Math.floor(r() * 40);
	for (let i = 0; i < n; i++) {
		if (r() < 0.25) {
			const p = plant(r, eol);
			lines.push(p.line);
			planted.push(p.value);
			if (r() < 0.2) {
				lines.push(`again: ${p.line}`); // the same value twice
			}
		} else {
			lines.push(pick(r, FILLER));
		}
	}
	return { text: lines.join(eol) + (r() < 0.5 ? eol : ''), planted };
}

const { classifier } = compileClassifier(DEFAULT_POLICY);

describe('redaction core', () => {
	it('removes every finding and keeps every other byte (seeded, 300 generated files)', () => {
		let findingsSeen = 0;
		for (let seed = 1; seed <= 300; seed++) {
			const { text, planted } = generate(seed);
			const session = new PlaceholderSession();
			const { findings, complete } = classifier.contentFindings(text);
			assert.ok(complete, `seed ${seed}: complete`);
			const redacted = redactFindings(text, findings, session).text;
			const redactable = findings.filter((f) => REDACTED_KINDS.has(f.kind));
			findingsSeen += redactable.length;
			for (const v of planted) {
				assert.ok(!redacted.includes(v), `seed ${seed}: a planted value survived`);
			}
			for (const f of redactable) {
				assert.ok(!redacted.includes(text.slice(f.start, f.end)), `seed ${seed}: the value of a ${f.rule} finding survived`);
			}
			// Nothing else changed: the input minus the findings' text (line breaks kept) is the output minus its placeholders.
			const merged = mergeRanges(redactable.map((f) => [f.start, f.end] as [number, number]));
			let expected = '';
			let pos = 0;
			for (const [s, e] of merged) {
				expected += text.slice(pos, s) + (text.slice(s, e).match(/\r\n|\n|\r/g) ?? []).join('');
				pos = e;
			}
			expected += text.slice(pos);
			assert.equal(redacted.replace(PLACEHOLDER_PATTERN, ''), expected, `seed ${seed}: bytes outside the findings changed`);
			assert.equal(redacted.split(/\r\n|\n|\r/).length, text.split(/\r\n|\n|\r/).length, `seed ${seed}: line count`);
			assert.equal((redacted.match(PLACEHOLDER_PATTERN) ?? []).length, merged.length, `seed ${seed}: one placeholder per merged finding`);
		}
		assert.ok(findingsSeen > 300, `the generated files hold findings (${findingsSeen})`);
	});

	it('gives the same value the same placeholder within a session, across texts, and distinct values distinct ones', () => {
		const session = new PlaceholderSession();
		const a = 'AKIAQWERTYUIOPASDFGH';
		const b = 'AKIAZXCVBNMQWERTYUIO';
		const one = redactText(`k1 = ${a}\nk2 = ${b}\nk3 = ${a}\n`, classifier, session).text;
		assert.equal(one, 'k1 = «secret:aws-access-key-id#1»\nk2 = «secret:aws-access-key-id#2»\nk3 = «secret:aws-access-key-id#1»\n');
		// A later text in the same session (a later hook run, through the stored state).
		const again = new PlaceholderSession(parseSessionState(JSON.parse(JSON.stringify(session.state()))));
		assert.equal(redactText(`id=${b}`, classifier, again).text, 'id=«secret:aws-access-key-id#2»');
		// Another session numbers afresh.
		assert.equal(redactText(`id=${b}`, classifier, new PlaceholderSession()).text, 'id=«secret:aws-access-key-id#1»');
	});

	it('says nothing of a value\'s length or prefix, and stores no value', () => {
		const session = new PlaceholderSession();
		const short = redactFindings('pw: hunter2!', [{ kind: 'secret', rule: 'generic-password', start: 4, end: 12 }], session);
		const long = redactFindings(`pw: ${'x'.repeat(300)}`, [{ kind: 'secret', rule: 'generic-password', start: 4, end: 304 }], session);
		assert.equal(short.text, 'pw: «secret:generic-password#1»');
		assert.equal(long.text, 'pw: «secret:generic-password#2»');
		const stored = JSON.stringify(session.state());
		assert.ok(!stored.includes('hunter2') && !stored.includes('xxxxxxxx'), 'the state holds no value');
	});

	it('keeps a multi-line finding\'s line breaks, and merges overlapping findings into one placeholder', () => {
		const s = new PlaceholderSession();
		const text = 'a\r\nKEY-1\r\nKEY-2\r\nb';
		const r = redactFindings(text, [{ kind: 'private-key', rule: 'pem-private-key', start: 3, end: 15 }, { kind: 'secret', rule: 'x', start: 5, end: 8 }], s);
		assert.equal(r.text, 'a\r\n«private-key:pem-private-key#1»\r\n\r\nb');
		assert.deepEqual(r.replacements, [{ kind: 'private-key', rule: 'pem-private-key', placeholder: '«private-key:pem-private-key#1»', line: 2 }]);
		// Markers are labels and stay; out-of-range offsets are clamped, empty ranges ignored.
		assert.equal(redactFindings('CONFIDENTIAL x', [{ kind: 'marker', rule: 'm', start: 0, end: 12 }, { kind: 'pii', rule: 'email', start: 13, end: 99 }, { kind: 'pii', rule: 'email', start: 5, end: 5 }], s).text, 'CONFIDENTIAL «pii:email#1»');
	});

	it('refuses a damaged stored state rather than trusting it', () => {
		assert.equal(parseSessionState({ version: 1, key: 'nothex', entries: {}, counters: {} }), undefined);
		assert.equal(parseSessionState({ ...newSessionState(), entries: { ['a'.repeat(32)]: 'plain text, not a placeholder' } }), undefined);
		assert.equal(parseSessionState(null), undefined);
		assert.ok(parseSessionState(newSessionState()));
		assert.equal(placeholderText('secret', 'a b»c', 3), '«secret:a-b-c#3»');
	});
});

function mergeRanges(ranges: [number, number][]): [number, number][] {
	const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	const out: [number, number][] = [];
	for (const [s, e] of sorted) {
		const last = out[out.length - 1];
		if (last && s < last[1]) {
			last[1] = Math.max(last[1], e);
		} else {
			out.push([s, e]);
		}
	}
	return out;
}
