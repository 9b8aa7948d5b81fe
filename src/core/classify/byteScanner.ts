/**
 * The byte scanner: the keyword automaton and the PII number prefilter over a file's UTF-8 bytes, in
 * WebAssembly (`kernel/scan.wat`), before any decoding. It reports exactly what `KeywordAutomaton.scan` and
 * `forEachNumberCandidate` report on the decoded text (the same keywords at the same UTF-16 offsets, in the same
 * order), several times faster; a unit test compares them on seeded texts.
 *
 * Decisions:
 * - Only valid UTF-8 is scanned here (with or without a BOM): offsets in UTF-16 units are counted from the
 *   bytes, which is exact only then. Anything else (UTF-16, invalid UTF-8, more than one hit or number candidate
 *   per 16 bytes, a file over `MAX_INPUT`) returns undefined and the caller takes the text path.
 * - The automaton runs on bytes: keywords are matched as their UTF-8 bytes, ASCII letters case-insensitively
 *   (as the text automaton does: other characters exactly). Bytes are mapped to classes, so the table holds
 *   one column per byte that occurs in some keyword, plus one for all others: it stays in the CPU's cache.
 * - A keyword holding a UTF-16 surrogate cannot be matched as bytes the way the text automaton matches it:
 *   then there is no byte scanner (`create` returns undefined) and every file takes the text path.
 * - Without WebAssembly the same: the text path.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { SCAN_KERNEL_BASE64 } from './kernel/scanKernel';

/** The part of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmApi {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object) => { exports: unknown };
}

interface KernelExports {
	memory: { buffer: ArrayBuffer; grow(pages: number): number };
	scan(root: number, outRow: number, a: number, b: number, c: number, d: number, p: number, len: number, warm: number): number;
	numbers(p: number, len: number, out: number, cap: number): number;
	units(p: number, at: number, n: number, stride: number, resume: number): void;
	sniff(p: number, n: number): number;
	nuls: { value: number };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Files larger than this are scanned on the text path (the kernel's memory grows to the largest file). */
export const MAX_INPUT = 32 * 1024 * 1024;
/** After a file larger than this, the classifier calls `release()`: the memory grown for it is let go. */
export const KEEP_INPUT = 16 * 1024 * 1024;
const PAGE = 65536;
/** Where the byte-class table starts (256 u16): the kernel reads it at address 0. */
const CLS = 0;
/** The state blocks of the kernel's four chains (see scan.wat), 16 bytes each. */
const CHAINS = [512, 528, 544, 560] as const;
/** Where the transition table starts. */
const TAB = 640;

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

/** A new instance of the kernel. */
function instantiate(module: object): KernelExports {
	return new (wasm as WasmApi).Instance(module).exports as KernelExports;
}

/** What the first bytes of a file hold: control bytes (as `decodeBytes` counts them) and NUL bytes. */
export interface Sniffed {
	control: number;
	nuls: number;
}

/** A keyword set compiled for the kernel, with its own kernel instance and memory. */
export class ByteScanner {
	private kernel: KernelExports;
	/** The class and transition tables as laid out in memory: a fresh instance gets a copy (`release`). */
	private readonly image: Uint8Array;
	/** Per row (states ordered by row), the keywords it reports (text automaton order: own, then by failure link). */
	private readonly out: number[][];
	/** The row address of the start state, and where the rows of reporting states begin. */
	private readonly root: number;
	private readonly outRow: number;
	/** The longest keyword in bytes: how far before its quarter each chain after the first starts (its warm-up). */
	private readonly warm: number;
	private readonly lengths: number[];
	private readonly rowBytes: number;
	private readonly tableEnd: number;
	private inputCap = 0;
	private bytes: Uint8Array;
	private words: Int32Array;

	private constructor(
		private readonly module: object,
		keywords: readonly string[],
	) {
		const kernel = instantiate(module);
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
		// Rows ordered so that the reporting states come last: a step reports when its row address is past `outRow`.
		const rank = new Int32Array(n);
		let next = 0;
		for (const reports of [false, true]) {
			for (let t = 0; t < n; t++) {
				if (((out[t] as number[]).length > 0) === reports) {
					rank[t] = next++;
				}
			}
		}
		this.rowBytes = classes * 4;
		this.out = new Array<number[]>(n);
		for (let t = 0; t < n; t++) {
			this.out[rank[t] as number] = out[t] as number[];
		}
		this.root = TAB + (rank[0] as number) * this.rowBytes;
		this.outRow = TAB + out.filter((o) => o.length === 0).length * this.rowBytes;
		this.warm = Math.max(1, ...encoded.map((k) => k.length));
		this.tableEnd = TAB + n * this.rowBytes;
		this.grow(this.tableEnd);
		this.bytes = new Uint8Array(kernel.memory.buffer);
		this.words = new Int32Array(kernel.memory.buffer);
		const cls = new Uint16Array(kernel.memory.buffer, CLS, 256);
		for (let b = 0; b < 256; b++) {
			cls[b] = (classOf[b] as number) * 4;
		}
		const rows = new Int32Array(kernel.memory.buffer, TAB, n * classes);
		for (let t = 0; t < n; t++) {
			const at = (rank[t] as number) * classes;
			for (let c = 0; c < classes; c++) {
				rows[at + c] = TAB + (rank[delta[t * classes + c] as number] as number) * this.rowBytes;
			}
		}
		this.image = this.bytes.slice(0, this.tableEnd);
	}

	/** How much memory the kernel holds now (its tables, and room for the largest input since `release`). */
	get memoryBytes(): number {
		return this.kernel.memory.buffer.byteLength;
	}

	/**
	 * Lets the memory grown for a large input go (WebAssembly memory never shrinks): the scanner moves to a fresh
	 * instance holding only its tables. Cheap (a copy of the tables); the next large input grows it again.
	 */
	release(): void {
		if (this.inputCap === 0) {
			return;
		}
		this.kernel = instantiate(this.module);
		this.inputCap = 0;
		this.grow(this.tableEnd, true);
		this.bytes.set(this.image);
	}

	/** A byte scanner for `keywords` (lower-cased by the caller, as for `KeywordAutomaton`), if it can be had. */
	static create(keywords: readonly string[]): ByteScanner | undefined {
		const module = compiledKernel();
		if (!module || !wasm || keywords.some((k) => /[\ud800-\udfff]/.test(k))) {
			return undefined;
		}
		return new ByteScanner(module, keywords);
	}

	/** Makes the memory at least `bytes` long; `views`: refresh the views even when it did not grow. */
	private grow(bytes: number, views = false): void {
		const have = this.kernel.memory.buffer.byteLength;
		if (views && bytes <= have) {
			this.bytes = new Uint8Array(this.kernel.memory.buffer);
			this.words = new Int32Array(this.kernel.memory.buffer);
		}
		if (bytes > have) {
			this.kernel.memory.grow(Math.ceil((bytes - have) / PAGE));
			this.bytes = new Uint8Array(this.kernel.memory.buffer);
			this.words = new Int32Array(this.kernel.memory.buffer);
		}
	}

	/** Makes room for `length` input bytes and their outputs; returns where the outputs go and how many fit. */
	private reserve(length: number): { hitsAt: number; hitsCap: number; candsAt: number; candsCap: number } {
		if (length > this.inputCap) {
			this.inputCap = Math.max(length, 64 * 1024);
		}
		const input = this.inputCap;
		// At most one hit per 16 bytes per chain (a quarter of the input), and one number candidate per 16 bytes:
		// denser input is left to the text path. The kernel's memory is then under twice the largest input.
		const hitsCap = Math.max(4096, input >> 6);
		const candsCap = Math.max(8192, input >> 4);
		const hitsAt = align(this.tableEnd + input);
		const candsAt = hitsAt + CHAINS.length * hitsCap * 8;
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
	 * number candidates returned in `numbers`, both in UTF-16 offsets of the decoded text. Returns them and whether the
	 * bytes are all ASCII, or undefined (and reports nothing) when they must take the text path.
	 */
	scan(bytes: Uint8Array, from: number, onHit: (keyword: number, start: number) => void): { ascii: boolean; numbers: Int32Array } | undefined {
		const length = bytes.length - from;
		if (length > MAX_INPUT || !isUtf8(bytes)) {
			return undefined;
		}
		const { hitsAt, hitsCap, candsAt, candsCap } = this.reserve(length);
		const input = this.tableEnd;
		this.bytes.set(from === 0 ? bytes : bytes.subarray(from), input);
		const words = this.words;
		const k = this.kernel;
		const cands = k.numbers(input, length, candsAt, candsCap);
		if (cands < 0) {
			return undefined;
		}
		CHAINS.forEach((block, i) => {
			const w = block >> 2;
			words[w] = hitsAt + i * hitsCap * 8;
			words[w + 1] = hitsCap;
			words[w + 2] = 0;
			words[w + 3] = input;
		});
		const [a, b, c, d] = CHAINS;
		if (k.scan(this.root, this.outRow, a, b, c, d, input, length, this.warm) < 0) {
			return undefined;
		}
		const ascii = isAscii(from === 0 ? bytes : bytes.subarray(from));
		CHAINS.forEach((block, i) => {
			const at = hitsAt + i * hitsCap * 8;
			const n = words[(block >> 2) + 2] as number;
			if (!ascii) {
				// Byte offsets to UTF-16 offsets, counting on from the previous chain's hits.
				k.units(input, at + 4, n, 8, i === 0 ? 0 : 1);
			}
			this.report(at, n, onHit);
		});
		if (!ascii) {
			k.units(input, candsAt, cands, 4, 0);
		}
		return { ascii, numbers: words.slice(candsAt >> 2, (candsAt >> 2) + cands) };
	}

	/** Calls `onHit` for the `n` hits a chain wrote at `at`. */
	private report(at: number, n: number, onHit: (keyword: number, start: number) => void): void {
		const words = this.words;
		const out = this.out;
		const lengths = this.lengths;
		const rowBytes = this.rowBytes;
		for (let i = at >> 2, end = i + n * 2; i < end; i += 2) {
			const ids = out[((words[i] as number) - TAB) / rowBytes] as number[];
			const after = words[i + 1] as number;
			for (const id of ids) {
				onHit(id, after - (lengths[id] as number));
			}
		}
	}
}

function align(n: number): number {
	return (n + 7) & ~7;
}
