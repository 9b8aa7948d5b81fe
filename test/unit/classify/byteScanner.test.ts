// The byte scanner (WebAssembly over UTF-8 bytes) must report exactly what the text path reports: the keyword
// automaton's hits at the same UTF-16 offsets in the same order, the same number candidates, and through the
// classifier the same classification as decoding and classifying the text. Checked on seeded byte strings
// built to hit the edges: multi-byte and 4-byte characters next to keywords and digits, BOMs, CR LF, control
// and NUL bytes, invalid UTF-8, UTF-16.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KeywordAutomaton } from '../../../src/core/classify/ahoCorasick';
import { ByteScanner } from '../../../src/core/classify/byteScanner';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { decodeBytes } from '../../../src/core/classify/decode';
import { BUILTIN_MARKERS } from '../../../src/core/classify/detectors/markers';
import { cnIdCheckChar, forEachNumberCandidate } from '../../../src/core/classify/detectors/pii';
import { PrivateKeysDetector } from '../../../src/core/classify/detectors/privateKeys';
import { SecretsDetector } from '../../../src/core/classify/detectors/secrets';
import type { FileClassification } from '../../../src/core/classify/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { assembleScanKernel, KERNEL_MODULE, ROOT, scanKernelModuleText } from '../../../src/tools/scanKernel';
import { prng } from '../../support/prng';

/** The text path's number candidates, in an array. */
function numberCandidates(text: string): number[] {
	const out: number[] = [];
	forEachNumberCandidate(text, (end) => out.push(end));
	return out;
}

const KEYWORDS = [...new Set([...new SecretsDetector().keywords, ...new PrivateKeysDetector().keywords, ...BUILTIN_MARKERS].map((k) => k.replace(/[A-Z]/g, (c) => c.toLowerCase())))];

/**
 * Seeded text pieces: keywords in any case, numbers with separators, capitals and digits, non-ASCII, line breaks;
 * up to `maxPieces` of them (60: up to a few hundred bytes; 600: kilobytes, so that each of the kernel's four
 * chains has a quarter of its own, longer than its warm-up).
 */
function generator(seed: number): (maxPieces?: number) => string {
	const rnd = prng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
	const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
	const randomCase = (s: string): string => [...s].map((c) => (rnd() < 0.5 ? c.toUpperCase() : c)).join('');
	const pieces: (() => string)[] = [
		() => randomCase(pick(KEYWORDS)),
		() => pick(KEYWORDS).slice(0, 1 + Math.floor(rnd() * 4)),
		() => digits(1 + Math.floor(rnd() * 20)),
		() => Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => digits(1 + Math.floor(rnd() * 4))).join(pick([' ', '-', '.', '(', ')', ' (', ') ', '+', '', ', ', 'é'])),
		() => pick(['DE', 'GB', 'Ab', 'ÄB', 'X']) + digits(2 + Math.floor(rnd() * 3)),
		() => pick(['机密', '绝密', '内部资料', 'é', 'ß', '😀', '\u2028', '€', 'ａ', '\uFEFF']),
		() => pick([' ', '\n', '\r\n', '\r', '\t', '=', '"', ':', '//']),
		() => 'abcdefghijklmnopqrstuvwxyz'.slice(0, Math.floor(rnd() * 10)),
	];
	return (maxPieces = 60) => {
		const n = Math.floor(rnd() * maxPieces);
		let s = '';
		for (let i = 0; i < n; i++) s += pick(pieces)();
		return s;
	};
}

function hitsOf(scan: (onHit: (k: number, s: number) => void) => void): string[] {
	const out: string[] = [];
	scan((k, s) => out.push(`${k}@${s}`));
	return out;
}

describe('byte scanner: the WebAssembly pass over UTF-8 bytes', () => {
	it('the committed kernel is what scan.wat assembles to (run `npm run kernel`)', async () => {
		const committed = fs.readFileSync(path.join(ROOT, KERNEL_MODULE), 'utf8');
		assert.ok(committed === scanKernelModuleText(await assembleScanKernel()), `${KERNEL_MODULE} is stale: run \`npm run kernel\``);
	});

	it('reports the text automaton\'s hits and numberCandidates, in UTF-16 offsets, on 3,000 seeded texts (one in ten of kilobytes)', () => {
		const scanner = ByteScanner.create(KEYWORDS);
		assert.ok(scanner, 'no byte scanner in this runtime');
		const automaton = new KeywordAutomaton(KEYWORDS);
		const next = generator(20261124);
		const encoder = new TextEncoder();
		let hits = 0;
		let numbers = 0;
		let nonAscii = 0;
		for (let n = 0; n < 3000; n++) {
			const text = next(n % 10 === 3 ? 600 : 60);
			const withBom = n % 17 === 0;
			const bytes = encoder.encode(withBom ? `\uFEFF${text}` : text);
			const decoded = new TextDecoder().decode(bytes);
			let result: { ascii: boolean; numbers: Int32Array } | undefined;
			// A BOM (added here, or a text starting with U+FEFF) is not part of the decoded text: skip it.
			const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
			const gotHits = hitsOf((onHit) => (result = scanner.scan(bytes, from, onHit)));
			assert.ok(result, `seeded text #${n} fell back`);
			const got = Array.from(result.numbers);
			assert.deepEqual(gotHits, hitsOf((onHit) => automaton.scan(decoded, onHit)), `hits of seeded text #${n}: ${JSON.stringify(decoded)}`);
			assert.deepEqual(got, numberCandidates(decoded), `numbers of seeded text #${n}: ${JSON.stringify(decoded)}`);
			assert.equal(result.ascii, !/[^\x00-\x7f]/.test(decoded), `ascii flag of #${n}`);
			hits += gotHits.length;
			numbers += got.length;
			if (!result.ascii) nonAscii++;
		}
		assert.ok(hits > 15000 && numbers > 20000 && nonAscii > 1500, `too easy: ${hits} hits, ${numbers} numbers, ${nonAscii} non-ASCII texts`);
	});

	it('leaves to the text path what it cannot scan exactly: invalid UTF-8, too many hits; no scanner for surrogate keywords', () => {
		const scanner = ByteScanner.create(KEYWORDS) as ByteScanner;
		const none = (bytes: Uint8Array): boolean => scanner.scan(bytes, 0, () => assert.fail('reported a hit')) === undefined;
		assert.ok(none(new Uint8Array([0x74, 0x6f, 0x6b, 0x65, 0x6e, 0xff, 0x20])), 'invalid UTF-8');
		assert.ok(none(new TextEncoder().encode('token'.repeat(40000))), 'one hit per 5 bytes');
		assert.equal(ByteScanner.create(['a\ud83dx']), undefined);
		assert.ok(ByteScanner.create(['plain', '机密']));
	});

	it('release() lets the memory of a large input go, and the scanner reports the same after it', () => {
		const scanner = ByteScanner.create(KEYWORDS) as ByteScanner;
		const small = new TextEncoder().encode('const token = "Zq9xLm2pQ7vB3nK8"; call +86 138 0013 8000\n');
		const before = hitsOf((onHit) => scanner.scan(small, 0, onHit));
		const tables = scanner.memoryBytes;
		assert.ok(scanner.scan(new TextEncoder().encode('x'.repeat(17 * 1024 * 1024)), 0, () => undefined));
		assert.ok(scanner.memoryBytes > tables + 17 * 1024 * 1024);
		scanner.release();
		assert.ok(scanner.memoryBytes < tables + 256 * 1024, `${scanner.memoryBytes} bytes kept`);
		let numbers: Int32Array | undefined;
		assert.deepEqual(hitsOf((onHit) => (numbers = scanner.scan(small, 0, onHit)?.numbers)), before);
		assert.ok(before.length > 0 && numbers && numbers.length > 0);
	});

	it('a megabyte of digits (more number candidates than the kernel keeps) classifies as the text path does', () => {
		const { classifier } = compileClassifier({ ...DEFAULT_POLICY, content: { ...DEFAULT_POLICY.content, maxFileSizeBytes: 4 * 1024 * 1024 } });
		const text = `${'1234567890'.repeat(100_000)}\ncall 11010519491231002${cnIdCheckChar('11010519491231002')} or +86 138 0013 8000\n`;
		const bytes = new TextEncoder().encode(text);
		const got = classifier.classifyBytes('data/digits.txt', bytes);
		assert.deepEqual(got, { ...classifier.classifyText('data/digits.txt', text), size: bytes.length });
		assert.deepEqual(got.reasons.map((r) => r.rule), ['pii-cn-resident-id', 'pii-phone']);
	});

	it('through the classifier: classifyBytes equals decoding then classifyText, binaries and fallbacks included (2,000 seeded files)', () => {
		const { classifier } = compileClassifier(DEFAULT_POLICY);
		const reference = (p: string, bytes: Uint8Array): FileClassification => {
			const d = decodeBytes(bytes);
			if (d.kind === 'binary') {
				const reasons = classifier.classifyPath(p);
				const level = reasons[0]?.level ?? 'public';
				return { path: p, level, reasons, size: bytes.length, skipped: { reason: 'binary', detail: d.detail } };
			}
			return { ...classifier.classifyText(p, d.text), size: bytes.length };
		};
		const rnd = prng(42);
		const next = generator(7);
		const encoder = new TextEncoder();
		const kinds = new Map<string, number>();
		for (let n = 0; n < 2000; n++) {
			const text = next() + (rnd() < 0.3 ? ` AKIA${'QWERTYUIOPASDFGH'.slice(0, 16)} user@acme-corp.cn 11010519491231002X 4012 8888 8888 1881 ` : '');
			let bytes = encoder.encode(text);
			const variant = n % 7;
			if (variant === 1) bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
			if (variant === 2) bytes = Uint8Array.from([...bytes].map((b) => (rnd() < 0.15 ? Math.floor(rnd() * 32) : b)));
			if (variant === 3) bytes = Uint8Array.from([...bytes, 0xc3]);
			if (variant === 4) bytes = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
			if (variant === 5) bytes = Uint8Array.from([...bytes, 0, 0x61]);
			const p = `dir/file${n}.${pick(rnd, ['ts', 'env', 'pem', 'md'])}`;
			const got = classifier.classifyBytes(p, bytes);
			assert.deepEqual(got, reference(p, bytes), `seeded file #${n} (variant ${variant})`);
			const kind = got.skipped?.reason ?? got.level;
			kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
		}
		for (const kind of ['binary', 'public', 'restricted']) {
			assert.ok((kinds.get(kind) ?? 0) > 20, `too few ${kind}: ${JSON.stringify([...kinds])}`);
		}
	});
});

function pick<T>(rnd: () => number, xs: readonly T[]): T {
	return xs[Math.floor(rnd() * xs.length)] as T;
}
