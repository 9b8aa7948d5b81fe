/**
 * The byte scanner: the keyword automaton and the PII number prefilter in one pass over a file's UTF-8 bytes,
 * in WebAssembly (`kernel/scan.wat`), before any decoding. It reports exactly what `KeywordAutomaton.scan` and
 * `numberCandidates` report on the decoded text (the same keywords at the same UTF-16 offsets, in the same
 * order), 2–2.5 times faster; a unit test compares them on seeded texts.
 *
 * Decisions:
 * - Only valid UTF-8 is scanned here (with or without a BOM): offsets in UTF-16 units are counted from the
 *   bytes, which is exact only then. Anything else (UTF-16, invalid UTF-8, more hits than the buffer holds, a
 *   file over `MAX_INPUT`) returns undefined and the caller takes the text path.
 * - The automaton runs on bytes: keywords are matched as their UTF-8 bytes, ASCII letters case-insensitively
 *   (as the text automaton does: other characters exactly). Bytes are mapped to classes, so the table holds
 *   one column per byte that occurs in some keyword, plus one for all others: it stays in the CPU's cache.
 * - A keyword holding a UTF-16 surrogate cannot be matched as bytes the way the text automaton matches it:
 *   then there is no byte scanner (`create` returns undefined) and every file takes the text path.
 * - Without WebAssembly the same: the text path.
 */
import { isUtf8 } from 'node:buffer';
import { SCAN_KERNEL_BASE64 } from './kernel/scanKernel';

/** The part of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmApi {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object) => { exports: unknown };
}

interface KernelExports {
	memory: { buffer: ArrayBuffer; grow(pages: number): number };
	scan(tab: number, cls: number, p: number, len: number, hits: number, cap: number, cands: number, ccap: number): number;
	sniff(p: number, n: number): number;
	candidates: { value: number };
	bits: { value: number };
	nuls: { value: number };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Files larger than this are scanned on the text path (the kernel's memory grows to the largest file). */
export const MAX_INPUT = 32 * 1024 * 1024;
const PAGE = 65536;
/** Where the byte-class table starts (256 u16). */
const CLS = 0;
/** Where the transition table starts. */
const TAB = 512;

let kernelModule: object | null | undefined;

/** The compiled kernel, or undefined when this runtime has no WebAssembly. Compiled once per thread. */
function compiledKernel(): object | undefined {
	if (kernelModule === undefined) {
		try {
			kernelModule = wasm ? new wasm.Module(Buffer.from(SCAN_KERNEL_BASE64, 'base64')) : null;
		} catch {
			kernelModule = null;
		}
	}
	return kernelModule ?? undefined;
}

/** What the first bytes of a file hold: control bytes (as `decodeBytes` counts them) and NUL bytes. */
export interface Sniffed {
	control: number;
	nuls: number;
}

/** A keyword set compiled for the kernel, with its own kernel instance and memory. */
export class ByteScanner {
	private readonly kernel: KernelExports;
	/** Per state, the keywords it reports (text automaton order: own, then by failure link). */
	private readonly out: number[][];
	private readonly lengths: number[];
	private readonly rowBytes: number;
	private readonly tableEnd: number;
	private inputCap = 0;
	private bytes: Uint8Array;
	private words: Int32Array;

	private constructor(kernel: KernelExports, keywords: readonly string[]) {
		this.kernel = kernel;
		this.lengths = keywords.map((k) => k.length);
		const encoder = new TextEncoder();
		const encoded = keywords.map((k) => encoder.encode(k.replace(/[A-Z]/g, (c) => c.toLowerCase())));
		// Byte classes: one per byte that occurs in a keyword (ASCII upper case shares lower case's), 0 for the rest.
		const classOf = new Uint16Array(256);
		let classes = 1;
		for (const k of encoded) {
			for (const b of k) {
				if (classOf[b] === 0) {
					classOf[b] = classes++;
				}
			}
		}
		for (let b = 65; b <= 90; b++) {
			classOf[b] = classOf[b + 32] as number;
		}
		// The trie, then failure links and the complete transition function, breadth-first.
		const go: Int32Array[] = [new Int32Array(classes).fill(-1)];
		const out: number[][] = [[]];
		encoded.forEach((k, id) => {
			let s = 0;
			for (const b of k) {
				const c = classOf[b] as number;
				let t = (go[s] as Int32Array)[c] as number;
				if (t === -1) {
					t = go.length;
					go.push(new Int32Array(classes).fill(-1));
					out.push([]);
					(go[s] as Int32Array)[c] = t;
				}
				s = t;
			}
			(out[s] as number[]).push(id);
		});
		const n = go.length;
		const fail = new Int32Array(n);
		const delta = new Int32Array(n * classes);
		const queue: number[] = [];
		for (let c = 0; c < classes; c++) {
			const t = (go[0] as Int32Array)[c] as number;
			delta[c] = t === -1 ? 0 : t;
			if (t !== -1) {
				queue.push(t);
			}
		}
		for (let qi = 0; qi < queue.length; qi++) {
			const s = queue[qi] as number;
			const f = fail[s] as number;
			(out[s] as number[]).push(...(out[f] as number[]));
			for (let c = 0; c < classes; c++) {
				const t = (go[s] as Int32Array)[c] as number;
				if (t === -1) {
					delta[s * classes + c] = delta[f * classes + c] as number;
				} else {
					delta[s * classes + c] = t;
					fail[t] = delta[f * classes + c] as number;
					queue.push(t);
				}
			}
		}
		this.out = out;
		this.rowBytes = classes * 4;
		this.tableEnd = TAB + n * this.rowBytes;
		this.grow(this.tableEnd);
		this.bytes = new Uint8Array(kernel.memory.buffer);
		this.words = new Int32Array(kernel.memory.buffer);
		const cls = new Uint16Array(kernel.memory.buffer, CLS, 256);
		for (let b = 0; b < 256; b++) {
			cls[b] = (classOf[b] as number) * 4;
		}
		const rows = new Int32Array(kernel.memory.buffer, TAB, n * classes);
		for (let i = 0; i < rows.length; i++) {
			const t = delta[i] as number;
			const row = TAB + t * this.rowBytes;
			rows[i] = (out[t] as number[]).length > 0 ? ~row : row;
		}
	}

	/** A byte scanner for `keywords` (lower-cased by the caller, as for `KeywordAutomaton`), if it can be had. */
	static create(keywords: readonly string[]): ByteScanner | undefined {
		const module = compiledKernel();
		if (!module || !wasm || keywords.some((k) => /[\ud800-\udfff]/.test(k))) {
			return undefined;
		}
		const kernel = new wasm.Instance(module).exports as KernelExports;
		return new ByteScanner(kernel, keywords);
	}

	private grow(bytes: number): void {
		const have = this.kernel.memory.buffer.byteLength;
		if (bytes > have) {
			this.kernel.memory.grow(Math.ceil((bytes - have) / PAGE));
			this.bytes = new Uint8Array(this.kernel.memory.buffer);
			this.words = new Int32Array(this.kernel.memory.buffer);
		}
	}

	/** Makes room for `length` input bytes and their outputs; returns the output capacities. */
	private reserve(length: number): { hitsAt: number; hitsCap: number; candsAt: number; candsCap: number } {
		if (length > this.inputCap) {
			this.inputCap = Math.max(length, 64 * 1024);
		}
		const input = this.inputCap;
		// At most one hit per 8 bytes and one candidate per 16: denser input is left to the text path.
		const hitsCap = Math.max(4096, input >> 3);
		const candsCap = Math.max(4096, input >> 4);
		const hitsAt = align(this.tableEnd + input);
		const candsAt = hitsAt + hitsCap * 8;
		this.grow(candsAt + candsCap * 4);
		return { hitsAt, hitsCap, candsAt, candsCap };
	}

	/** Counts control and NUL bytes in the first `n` bytes of `bytes` (see `decodeBytes`). */
	sniff(bytes: Uint8Array, n: number): Sniffed {
		this.reserve(n);
		this.bytes.set(bytes.subarray(0, n), this.tableEnd);
		const control = this.kernel.sniff(this.tableEnd, n);
		return { control, nuls: this.kernel.nuls.value };
	}

	/**
	 * Scans `bytes` from `from` (after a BOM): `onHit(keyword, start)` for every keyword occurrence and the
	 * number candidates appended to `numbers`, both in UTF-16 offsets of the decoded text. Returns whether the
	 * bytes are all ASCII, or undefined (and reports nothing) when they must take the text path.
	 */
	scan(bytes: Uint8Array, from: number, onHit: (keyword: number, start: number) => void, numbers: number[]): { ascii: boolean } | undefined {
		const length = bytes.length - from;
		if (length > MAX_INPUT || !isUtf8(bytes)) {
			return undefined;
		}
		const { hitsAt, hitsCap, candsAt, candsCap } = this.reserve(length);
		const input = this.tableEnd;
		this.bytes.set(from === 0 ? bytes : bytes.subarray(from), input);
		const k = this.kernel;
		const hits = k.scan(TAB, CLS, input, length, hitsAt, hitsCap, candsAt, candsCap);
		const cands = k.candidates.value;
		if (hits < 0 || cands < 0) {
			return undefined;
		}
		const words = this.words;
		const out = this.out;
		const lengths = this.lengths;
		const rowBytes = this.rowBytes;
		for (let i = hitsAt >> 2, end = i + hits * 2; i < end; i += 2) {
			const ids = out[((words[i] as number) - TAB) / rowBytes] as number[];
			const at = words[i + 1] as number;
			for (const id of ids) {
				onHit(id, at - (lengths[id] as number));
			}
		}
		for (let i = candsAt >> 2, end = i + cands; i < end; i++) {
			numbers.push(words[i] as number);
		}
		return { ascii: ((k.bits.value & 0x80)) === 0 };
	}
}

function align(n: number): number {
	return (n + 7) & ~7;
}
