/**
 * A keyword prefilter: one Aho-Corasick automaton over every detector keyword, run once per text.
 * ASCII letters are matched case-insensitively through a dense transition table (the hot path); other code
 * units (CJK markers) use sparse edges. It reports every occurrence, overlapping ones included.
 */

/** Dense rows cover the ASCII code units (row offsets are state << 7). */
const ASCII = 128;

export interface KeywordHit {
	/** Index of the keyword in the list the automaton was built from. */
	keyword: number;
	/** Offset of the keyword's first code unit in the text. */
	start: number;
}

/** A compiled keyword set. Keywords are lower-cased for ASCII; non-ASCII is matched as is. */
export class KeywordAutomaton {
	/**
	 * The dense ASCII DFA, one row of 128 per state. An entry holds the next state's row offset (state × 128),
	 * bitwise-negated (`~`, so negative) when that state reports keywords: the hot loop does one load and one
	 * sign test per character.
	 */
	private readonly rows: Int32Array;
	private readonly sparse: Map<number, number>[];
	/** 1 for each non-ASCII code unit that occurs in some keyword: any other one sends the automaton to its root. */
	private readonly inKeywords: Uint8Array;
	private readonly fail: Int32Array;
	private readonly out: number[][];
	private readonly lengths: number[];

	constructor(readonly keywords: readonly string[]) {
		const gotoAscii: Int32Array[] = [new Int32Array(ASCII).fill(-1)];
		const sparse: Map<number, number>[] = [new Map()];
		const out: number[][] = [[]];
		this.lengths = keywords.map((k) => k.length);
		keywords.forEach((raw, id) => {
			const k = lowerAscii(raw);
			let s = 0;
			for (let i = 0; i < k.length; i++) {
				const c = k.charCodeAt(i);
				let next = c < ASCII ? (gotoAscii[s]?.[c] ?? -1) : (sparse[s]?.get(c) ?? -1);
				if (next === -1) {
					next = gotoAscii.length;
					gotoAscii.push(new Int32Array(ASCII).fill(-1));
					sparse.push(new Map());
					out.push([]);
					if (c < ASCII) {
						(gotoAscii[s] as Int32Array)[c] = next;
					} else {
						(sparse[s] as Map<number, number>).set(c, next);
					}
				}
				s = next;
			}
			(out[s] as number[]).push(id);
		});
		const n = gotoAscii.length;
		const fail = new Int32Array(n);
		const delta = new Int32Array(n * ASCII);
		// Breadth-first: fill failure links and the dense ASCII DFA.
		const queue: number[] = [];
		for (let c = 0; c < ASCII; c++) {
			const t = gotoAscii[0]?.[c] ?? -1;
			delta[c] = t === -1 ? 0 : t;
			if (t !== -1) {
				queue.push(t);
			}
		}
		for (const t of sparse[0]?.values() ?? []) {
			queue.push(t);
		}
		for (let qi = 0; qi < queue.length; qi++) {
			const s = queue[qi] as number;
			const f = fail[s] as number;
			const outS = out[s] as number[];
			for (const id of out[f] ?? []) {
				outS.push(id);
			}
			for (let c = 0; c < ASCII; c++) {
				const t = gotoAscii[s]?.[c] ?? -1;
				if (t === -1) {
					delta[s * ASCII + c] = delta[f * ASCII + c] as number;
				} else {
					delta[s * ASCII + c] = t;
					fail[t] = delta[f * ASCII + c] as number;
					queue.push(t);
				}
			}
			for (const [c, t] of sparse[s] ?? []) {
				fail[t] = this.sparseStep(sparse, fail, f, c);
				queue.push(t);
			}
		}
		// ASCII upper case goes where lower case goes, so the hot loop needs no case folding.
		for (let s = 0; s < n; s++) {
			for (let c = 65; c <= 90; c++) {
				delta[s * ASCII + c] = delta[s * ASCII + c + 32] as number;
			}
		}
		const rows = new Int32Array(n * ASCII);
		for (let i = 0; i < rows.length; i++) {
			const t = delta[i] as number;
			rows[i] = (out[t] as number[]).length > 0 ? ~(t * ASCII) : t * ASCII;
		}
		this.rows = rows;
		this.inKeywords = new Uint8Array(65536);
		for (const k of keywords) {
			for (let i = 0; i < k.length; i++) {
				const c = k.charCodeAt(i);
				if (c >= ASCII) {
					this.inKeywords[c] = 1;
				}
			}
		}
		this.sparse = sparse;
		this.fail = fail;
		this.out = out;
	}

	private sparseStep(sparse: Map<number, number>[], fail: Int32Array, state: number, c: number): number {
		let s = state;
		for (;;) {
			const t = sparse[s]?.get(c);
			if (t !== undefined) {
				return t;
			}
			if (s === 0) {
				return 0;
			}
			s = fail[s] as number;
		}
	}

	/** Calls `onHit(keyword, start)` for every keyword occurrence in `text`. */
	scan(text: string, onHit: (keyword: number, start: number) => void): void {
		const rows = this.rows;
		const out = this.out;
		const lengths = this.lengths;
		let row = 0;
		for (let i = 0, n = text.length; i < n; i++) {
			const c = text.charCodeAt(i);
			let v: number;
			if (c < ASCII) {
				v = rows[row + c] as number;
			} else if (this.inKeywords[c] === 0) {
				v = 0; // no keyword holds this code unit: no partial match survives it
			} else {
				const t = this.sparseStep(this.sparse, this.fail, row >> 7, c);
				v = (out[t] as number[]).length > 0 ? ~(t * ASCII) : t * ASCII;
			}
			if (v < 0) {
				row = ~v;
				for (const id of out[row >> 7] as number[]) {
					onHit(id, i + 1 - (lengths[id] as number));
				}
			} else {
				row = v;
			}
		}
	}

	/** Every keyword occurrence in `text`. */
	find(text: string): KeywordHit[] {
		const hits: KeywordHit[] = [];
		this.scan(text, (keyword, start) => hits.push({ keyword, start }));
		return hits;
	}
}

function lowerAscii(s: string): string {
	return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
