// The classifier's shortcuts must not change what it finds. Each prefilter or fast path is checked against its
// plain reference on seeded random texts built to hit the edges: separators, line breaks (\n, \r\n, \r),
// letters next to digits, valid and invalid check digits, case variants.
import * as assert from 'node:assert/strict';
import { KeywordAutomaton } from '../../../src/core/classify/ahoCorasick';
import { decodeBytes, SNIFF_BYTES } from '../../../src/core/classify/decode';
import { cnIdCheckChar, ibanRemainder, isDomainChar, isLocalChar, PiiDetector } from '../../../src/core/classify/detectors/pii';
import type { Finding } from '../../../src/core/classify/detectors/finding';
import { LineIndex, shannonEntropy } from '../../../src/core/classify/textIndex';
import { HIT_RADIUS, MAX_LINE_WINDOW } from '../../../src/core/classify/detectors/finding';
import { type Span, windowAround } from '../../../src/core/classify/detectors/window';
import { isReference } from '../../../src/core/classify/detectors/placeholders';
import { keyNameEnd, SecretsDetector, valueSpan } from '../../../src/core/classify/detectors/secrets';
import { SECRET_RULES } from '../../../src/core/classify/detectors/secretRules';
import { Rand, SECRET_SAMPLES, secretNearMisses } from '../../support/genCorpus';
import { prng } from '../../support/prng';

function findings(detector: PiiDetector, text: string): Finding[] {
	const out: Finding[] = [];
	detector.detect(text, [], (f) => out.push(f), new LineIndex(text));
	return out;
}

function luhnComplete(body: string): string {
	for (let d = 0; d <= 9; d++) {
		const pan = body + d;
		let sum = 0;
		for (let i = 0; i < pan.length; i++) {
			let v = pan.charCodeAt(pan.length - 1 - i) - 48;
			if (i % 2 === 1) {
				v *= 2;
				if (v > 9) v -= 9;
			}
			sum += v;
		}
		if (sum % 10 === 0) return pan;
	}
	throw new Error('unreachable');
}

describe('prefilters and fast paths find exactly what the plain path finds', () => {
	it('PII: the line prefilter gives the same findings as the regexes over the whole text (3,000 seeded texts)', () => {
		const rnd = prng(20261124);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
		const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
		const seps = ['', ' ', '-', '.', '(', ')', ' (', ') ', '+', ''];
		const pieces: (() => string)[] = [
			() => digits(1 + Math.floor(rnd() * 20)),
			() => Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => digits(1 + Math.floor(rnd() * 4))).join(pick(seps)),
			() => {
				const first17 = `11010${1 + Math.floor(rnd() * 8)}19${digits(2)}0${1 + Math.floor(rnd() * 9)}1${Math.floor(rnd() * 9)}${digits(3)}`;
				return first17 + (rnd() < 0.8 ? cnIdCheckChar(first17) : 'X');
			},
			() => {
				const pan = luhnComplete(`4${digits(14)}`);
				return rnd() < 0.5 ? pan : pan.replace(/(\d{4})(?=\d)/g, `$1${pick([' ', '-'])}`);
			},
			() => {
				const bban = `${digits(8)}${digits(10)}`;
				const check = 98 - ibanRemainder(`DE00${bban}`);
				const iban = `DE${String(check).padStart(2, '0')}${bban}`;
				return rnd() < 0.5 ? iban : iban.replace(/(.{4})(?=.)/g, '$1 ');
			},
			() => {
				// Malta: letters after the check digits leave a long tail with no candidate in it.
				const bban = `MALT${digits(5)}${digits(4)}MTLCASTABCDEF${'GHJK'.charAt(Math.floor(rnd() * 4))}`;
				const check = 98 - ibanRemainder(`MT00${bban}`);
				const iban = `MT${String(check).padStart(2, '0')}${bban}`;
				return rnd() < 0.5 ? iban : iban.replace(/(.{4})(?=.)/g, '$1 ');
			},
			() => `+86 13${digits(1)} ${digits(4)} ${digits(4)}`,
			() => `+${1 + Math.floor(rnd() * 9)}${digits(10)}`,
			// The fewest digits a match can have: a formatted E.164 number with six, two-character separators.
			() => ` +${1 + Math.floor(rnd() * 9)} (${digits(1)}) ${digits(2)}${pick([' ', '.', '-'])}${digits(2)} `,
			() => ` +${1 + Math.floor(rnd() * 9)}${pick([' ', '.', '-'])}${digits(1)}${pick([' ', '.', '-'])}${digits(2)}${pick([' ', '.', '-'])}${digits(2)} `,
			() => `(${2 + Math.floor(rnd() * 7)}${digits(2)}) ${2 + Math.floor(rnd() * 7)}${digits(2)}-${digits(4)}`,
			() => `${2 + Math.floor(rnd() * 7)}${digits(2)}.${2 + Math.floor(rnd() * 7)}${digits(2)}.${digits(4)}`,
			() => pick(['id', 'x', '_', 'GB', 'AB', 'user', 'v', 'a.b', 'mail@example.cn', 'bob@acme-corp.cn']),
			// Long stretches without line breaks, so candidates fall into separate windows of one line (minified code).
			() => 'x'.repeat(100 + Math.floor(rnd() * 200)),
			() => `${digits(4)}${'y'.repeat(118 + Math.floor(rnd() * 20))}`,
			() => ';a=1.5,b=22,c=(3),'.repeat(1 + Math.floor(rnd() * 12)),
			() => pick([' ', ' ', ', ', ': ', '=', '"', "'", '\n', '\r\n', '\r', '\t', '/']),
		];
		const plain = new PiiDetector(undefined, { prefilter: false });
		const fast = new PiiDetector();
		let total = 0;
		for (let n = 0; n < 3000; n++) {
			let text = '';
			const len = 1 + Math.floor(rnd() * 30);
			for (let i = 0; i < len; i++) text += pick(pieces)();
			const expected = findings(plain, text);
			total += expected.length;
			assert.deepEqual(findings(fast, text), expected, `seeded text #${n}: ${JSON.stringify(text)}`);
		}
		// The generator must reach the interesting cases, or the comparison proves little.
		assert.ok(total > 3000, `only ${total} findings over all texts`);
	});

	it('keyword automaton: every occurrence, case-insensitive for ASCII, as a naive search finds them (2,000 seeded texts)', () => {
		const rnd = prng(7);
		const keywords = ['sk', 'sk-', 'sk-ant-', 'key', 'token', 'ghp_', '://', 'password', 'pwd', 'q~', '机密', '绝密', 'confidential', 'aa', 'aaa'];
		const automaton = new KeywordAutomaton(keywords);
		const alphabet = ['s', 'S', 'k', 'K', '-', 'a', 'A', 'n', 't', 'e', 'y', 'o', 'T', 'g', 'h', 'p', '_', ':', '/', 'q', '~', '机', '密', '绝', 'é', '\n', ' ', 'w', 'd', 'P', 'W'];
		for (let n = 0; n < 2000; n++) {
			let text = '';
			const len = Math.floor(rnd() * 120);
			for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
			if (rnd() < 0.5) text += keywords[Math.floor(rnd() * keywords.length)]?.toUpperCase();
			const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
			const expected: string[] = [];
			for (let at = 0; at < text.length; at++) {
				keywords.forEach((k, id) => {
					if (lower.startsWith(k, at)) expected.push(`${id}@${at}`);
				});
			}
			const actual = automaton.find(text).map((h) => `${h.keyword}@${h.start}`);
			assert.deepEqual(actual.sort(), expected.sort(), `seeded text #${n}: ${JSON.stringify(text)}`);
		}
	});

	it('entropy: the counting-array version equals the plain Map definition, bit for bit (5,000 seeded strings)', () => {
		const plain = (v: string): number => {
			const counts = new Map<number, number>();
			for (let i = 0; i < v.length; i++) counts.set(v.charCodeAt(i), (counts.get(v.charCodeAt(i)) ?? 0) + 1);
			let h = 0;
			for (const n of counts.values()) h -= (n / v.length) * Math.log2(n / v.length);
			return h;
		};
		const rnd = prng(99);
		const alphabets = ['ab', 'abcdefghijklmnopqrstuvwxyz0123456789', 'ABCDEF0123456789+/=', 'é机密😀a1', '\u0000\u007f\u0080\uffff'];
		for (let n = 0; n < 5000; n++) {
			const alphabet = alphabets[n % alphabets.length] as string;
			let v = '';
			const len = Math.floor(rnd() * 80);
			for (let i = 0; i < len; i++) v += alphabet.charAt(Math.floor(rnd() * alphabet.length));
			assert.equal(shannonEntropy(v), plain(v), JSON.stringify(v));
		}
		assert.equal(shannonEntropy('aaaa'), 0);
		assert.equal(shannonEntropy('ab'), 1);
	});

	it('line index and rule windows: the table and its lookups agree with a character scan (1,500 seeded texts, \\n, \\r\\n, \\r, long lines)', () => {
		// The reference: scan outwards from the hit for a line break, at most MAX_LINE_WINDOW characters.
		const isBreak = (t: string, i: number): boolean => t.charCodeAt(i) === 10 || t.charCodeAt(i) === 13;
		const scanWindow = (t: string, start: number, end: number): Span => {
			let ls = start;
			while (ls > Math.max(0, start - MAX_LINE_WINDOW) && !isBreak(t, ls - 1)) ls--;
			let le = end;
			while (le < Math.min(t.length, end + MAX_LINE_WINDOW) && !isBreak(t, le)) le++;
			const full = (ls === 0 || isBreak(t, ls - 1)) && (le === t.length || isBreak(t, le));
			return full ? { start: ls, end: le, full } : { start: Math.max(ls, start - HIT_RADIUS), end: Math.min(le, end + HIT_RADIUS), full };
		};
		const rnd = prng(4096);
		const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', '\r\r\n', '\n\n', 'x'.repeat(700), 'y'.repeat(3000)];
		for (let n = 0; n < 1500; n++) {
			let text = '';
			const len = Math.floor(rnd() * 40);
			for (let i = 0; i < len; i++) text += pieces[Math.floor(rnd() * pieces.length)];
			const lines = new LineIndex(text);
			const offsets = Array.from({ length: 25 }, () => Math.floor(rnd() * (text.length + 1))).sort((a, b) => a - b);
			for (const at of offsets) {
				// A keyword hit never starts on a line break.
				if (at < text.length && !isBreak(text, at)) {
					assert.deepEqual(windowAround(lines, at, at + 1), scanWindow(text, at, at + 1), `text #${n}, offset ${at}`);
				}
				let line = 1;
				let column = 1;
				for (let i = 0; i < at; i++) {
					const c = text.charCodeAt(i);
					if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
						line++;
						column = 1;
					} else {
						column++;
					}
				}
				assert.deepEqual(lines.position(at), { line, column }, `text #${n}, offset ${at}`);
			}
		}
	});

	describe('secrets: rules with a lead are tried only near their keywords', () => {
		const pieces = (r: Rand): string[] => {
			const samples = Object.values(SECRET_SAMPLES).map((gen) => gen(r));
			const keys = ['token', 'TOKEN', 'api.key', 'Auth-Key', 'access_key', 'credentials', 'secret', 'client_secret', 'DB_PASSWORD', 'pwd', 'passphrase', 'aws_secret_access_key', 'AZURE_OPENAI_KEY', 'aoai_key', 'dd-app-key', 'okta_token', 'vault_token', 'heroku_key', 'cloudflare_api'];
			const ops = [' = ', '=', ': ', ' := ', ' => ', '?=', '"]: ', ' '];
			const values = [r.b62(12), r.b62(40), `"${r.b62(24)}"`, `'${r.hex(32)}'`, 'req.headers.authorization', 'await getToken()', '${TOKEN}', r.hex(40)];
			return [
				...samples,
				...secretNearMisses(r),
				`${r.pick(keys)}${r.pick(ops)}${r.pick(values)}`,
				`${r.pick(keys)}${r.pick(ops)}${r.pick(values)}; ${r.pick(keys)}${r.pick(ops)}${r.pick(values)}`,
				`postgres://app:${r.b62(10)}@db:5432/x https://u:${r.b62(9)}@h.io jdbc:mysql://root:${r.b62(12)}@m/db`,
				`Authorization: Bearer ${r.b62(30)} sk${r.hex(32)} SK${r.hex(32)} key-${r.hex(32)} ${r.hex(32)}-us${r.int(20)}`,
				'export function handler1(req, res) { const token = req.headers.authorization; return res.json({ ok: true }); }',
				'  secret_name: "service-12"   # reference, not a value',
			];
		};
		const text = (r: Rand): string => {
			const all = pieces(r);
			const n = 1 + r.int(6);
			let t = '';
			for (let i = 0; i < n; i++) t += `${r.pick(['', '  ', 'const x = 1; ', '// '])}${r.pick(all)}${r.pick(['\n', '\r\n', ' ', '; ', '\n\n'])}`;
			return t;
		};
		const automata = new Map<SecretsDetector, KeywordAutomaton>();
		const run = (detector: SecretsDetector, t: string): Finding[] => {
			let automaton = automata.get(detector);
			if (!automaton) {
				automaton = new KeywordAutomaton(detector.keywords);
				automata.set(detector, automaton);
			}
			const hits: number[] = [];
			automaton.scan(t, (k, at) => hits.push(k, at));
			const out: Finding[] = [];
			detector.detect(t, hits, (f) => out.push(f), new LineIndex(t));
			return out;
		};

		it('every match of such a rule starts at most `lead` characters before one of its keywords (2,000 seeded texts)', function () {
			this.timeout(60_000);
			const r = new Rand(31337);
			const leadRules = SECRET_RULES.filter((rule) => rule.lead !== undefined);
			assert.ok(leadRules.length >= 20);
			let matches = 0;
			for (let n = 0; n < 2000; n++) {
				const t = text(r);
				const lower = t.toLowerCase();
				for (const rule of leadRules) {
					const re = new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gy]/g, '')}g`);
					for (const line of t.split(/\r\n|\r|\n/)) {
						const base = t.indexOf(line);
						for (const m of line.matchAll(re)) {
							matches++;
							const start = base + (m.index ?? 0);
							const near = rule.keywords.some((k) => {
								const at = lower.indexOf(k, start);
								return at !== -1 && at <= start + (rule.lead ?? 0);
							});
							assert.ok(near, `${rule.id}: a match at ${start} has no keyword within ${rule.lead} characters: ${JSON.stringify(m[0])}`);
						}
					}
				}
			}
			assert.ok(matches > 2000, `only ${matches} matches`);
		});

		it('generic rules: the value and key offsets computed without match indices are the indices (2,000 seeded texts)', function () {
			this.timeout(60_000);
			const r = new Rand(1618);
			const generic = SECRET_RULES.filter((rule) => rule.generic);
			assert.ok(generic.length >= 2);
			let matches = 0;
			for (let n = 0; n < 2000; n++) {
				const t = text(r);
				for (const rule of generic) {
					const plain = new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[dgy]/g, '')}g`);
					const indexed = new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[dgy]/g, '')}dg`);
					const want = [...t.matchAll(indexed)];
					const got = [...t.matchAll(plain)];
					assert.equal(got.length, want.length);
					want.forEach((m, i) => {
						matches++;
						const g = got[i] as RegExpExecArray;
						assert.deepEqual(valueSpan(g), m.indices?.[rule.group ?? 1], `${rule.id}: ${JSON.stringify(m[0])}`);
						assert.equal(keyNameEnd(t, g.index), m.indices?.[1]?.[1], `${rule.id} key: ${JSON.stringify(m[0])}`);
					});
				}
			}
			assert.ok(matches > 2000, `only ${matches} matches`);
		});

		it('the anchored detector reports exactly what the whole-window detector reports (2,000 seeded texts)', function () {
			this.timeout(60_000);
			const r = new Rand(8080);
			const fast = new SecretsDetector();
			const plain = new SecretsDetector(SECRET_RULES, { anchored: false });
			let total = 0;
			for (let n = 0; n < 2000; n++) {
				const t = text(r);
				const expected = run(plain, t);
				total += expected.length;
				assert.deepEqual(run(fast, t), expected, `seeded text #${n}: ${JSON.stringify(t)}`);
			}
			assert.ok(total > 2000, `only ${total} findings`);
		});
	});

	it('e-mail characters: the code-unit tests accept exactly what the character classes accept (every UTF-16 unit)', () => {
		const local = /[A-Za-z0-9._%+-]/;
		const domain = /[A-Za-z0-9.-]/;
		for (let c = 0; c <= 0xffff; c++) {
			const ch = String.fromCharCode(c);
			assert.equal(isLocalChar(c), local.test(ch), `local part, U+${c.toString(16)}`);
			assert.equal(isDomainChar(c), domain.test(ch), `domain, U+${c.toString(16)}`);
		}
	});

	it('isReference: its one expression decides as the seven it replaced (20,000 seeded values)', () => {
		// The reference: the regular expressions isReference replaced.
		const reference = (value: string): boolean => {
			const escaped = /\\[nrt]/.exec(value);
			if (escaped && escaped.index > 0) {
				return reference(value.slice(0, escaped.index));
			}
			return (
				/^[A-Za-z_][A-Za-z_]*$/.test(value) ||
				/^(?:[A-Z][a-z]+){2,}(?:V?[0-9]{1,2})?$/.test(value) ||
				/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\[[^\]]*\])+$/.test(value) ||
				/[()[\]]/.test(value) ||
				value.includes('://') ||
				(/^(?:[./~]|[A-Za-z]:\\)/.test(value) && /[/\\]/.test(value)) ||
				/^[=!<>@%&|{]/.test(value)
			);
		};
		const rnd = prng(2718);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
		// Pieces that sit on the edges of each shape: words, capitals, V and digits, dots, brackets, paths, escapes.
		const pieces = ['a', 'Z', 'Foo', 'Bar', 'V', '1', '12', '123', '_', '$', '.', '?.', '?', '[', ']', "['x']", '(', ')', '/', '\\', ':', '://', 'C:\\', '~', '=', '!', '<', '>', '@', '%', '&', '|', '{', '-', ' ', '\\n', '\\r', '\\t', '\\x', 'é', 'x9'];
		let references = 0;
		for (let n = 0; n < 20_000; n++) {
			let v = '';
			if (rnd() < 0.3) {
				// Type names and their near misses: one to three words, then maybe a V, then maybe digits.
				for (let k = Math.floor(rnd() * 3); k >= 0; k--) {
					v += pick(['Foo', 'Bar', 'Ab', 'X', 'Vx']);
				}
				v += pick(['', 'V', 'v']) + pick(['', '1', '12', '123', 'a', '1a']);
			} else {
				for (let k = Math.floor(rnd() * 7); k >= 0; k--) {
					v += pick(pieces);
				}
			}
			const want = reference(v);
			references += want ? 1 : 0;
			assert.equal(isReference(v), want, `isReference(${JSON.stringify(v)})`);
		}
		// Both answers must be common, or the comparison says little.
		assert.ok(references > 4000 && references < 16_000, `${references} references of 20,000`);
	});

	it('basic-auth-url, matched from its "://", captures what the scheme-first regex captures (3,000 seeded texts)', () => {
		const schemeFirst = /(?<![A-Za-z0-9+.-])(?:jdbc:)?(?:[a-z][a-z0-9+.-]{1,20}):\/\/[^\s:@/'"`]{1,100}:([^\s@/'"`]{1,200})@[A-Za-z0-9._-]/dgi;
		const rule = SECRET_RULES.find((x) => x.id === 'basic-auth-url');
		assert.ok(rule);
		const fromSeparator = new RegExp(rule.regex.source, 'dgi');
		const r = new Rand(443);
		const schemes = ['https', 'jdbc:mysql', 'jdbc:', 'a', 'ab', 'x'.repeat(20), 'x'.repeat(21), 'x'.repeat(22), 'git+ssh', '1ab', 'A.b-c', ''];
		const before = ['', ' ', '"', 'z', '.', '+', '-', '(', 'url=', '\n'];
		const users = ['u', 'user', '', 'a b', 'x'.repeat(101), 'u@'];
		const passes = ['p4ss', '', 'p:w', 'p@ss', 'x'.repeat(201), 'pa ss'];
		const hosts = ['host', '.h', '', ' h', '-x', '_'];
		let captured = 0;
		for (let n = 0; n < 3000; n++) {
			let t = '';
			for (let i = 0, len = 1 + r.int(3); i < len; i++) {
				t += `${r.pick(before)}${r.pick(schemes)}://${r.pick(users)}:${r.pick(passes)}@${r.pick(hosts)}${r.pick(before)}`;
			}
			const groups = (re: RegExp): string[] => [...t.matchAll(re)].map((m) => `${m.indices?.[1]?.join('-')}:${m[1]}`);
			const expected = groups(schemeFirst);
			captured += expected.length;
			assert.deepEqual(groups(fromSeparator), expected, JSON.stringify(t));
		}
		assert.ok(captured > 300, `only ${captured} captures`);
	});

	it('decoding: the native no-control-character path decides as the byte count does (3,000 seeded byte strings)', () => {
		// The reference: count NULs and control bytes in the first 8 KB, as the sniffing rule is written.
		const reference = (bytes: Uint8Array): string => {
			const n = Math.min(bytes.length, SNIFF_BYTES);
			let nul = 0;
			let control = 0;
			for (let i = 0; i < n; i++) {
				const b = bytes[i] as number;
				if (b === 0) nul++;
				else if (b < 32 && ![9, 10, 11, 12, 13, 27].includes(b)) control++;
			}
			return nul === 0 && !(n > 0 && control / n > 0.1) ? `text:${new TextDecoder().decode(bytes)}` : 'other';
		};
		const rnd = prng(1729);
		const alphabets: number[][] = [
			[0x61, 0x0a, 0x20, 0x7a],
			[0x61, 0x01, 0x1b, 0x09, 0x0b, 0x0c, 0x0d, 0x1f, 0x1a, 0x1c, 0x0e, 0x08],
			[0xe6, 0x9c, 0xba, 0xe5, 0xaf, 0x86, 0x61, 0x02],
			[0xff, 0x80, 0x61, 0x03, 0x0a],
		];
		let texts = 0;
		for (let n = 0; n < 3000; n++) {
			const alphabet = alphabets[n % alphabets.length] as number[];
			const len = rnd() < 0.1 ? SNIFF_BYTES + Math.floor(rnd() * 200) : Math.floor(rnd() * 300);
			const bytes = new Uint8Array(len);
			const controlRate = rnd() * 0.3;
			for (let i = 0; i < len; i++) bytes[i] = rnd() < controlRate ? (alphabet[Math.floor(rnd() * alphabet.length)] as number) : 0x61 + Math.floor(rnd() * 26);
			const d = decodeBytes(bytes);
			const got = d.kind === 'text' && d.encoding === 'utf-8' ? `text:${d.text}` : 'other';
			if (got !== 'other') texts++;
			assert.equal(got, reference(bytes), `seeded bytes #${n}`);
		}
		assert.ok(texts > 500 && texts < 2900, `${texts} of 3000 decoded as text`);
	});
});
