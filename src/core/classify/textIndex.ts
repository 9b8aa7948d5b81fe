/**
 * Offsets to 1-based line/column positions. Lines end at `\r\n`, `\n` or `\r` (the same split the redacted
 * view uses); columns count UTF-16 code units, as editors do.
 */

export interface Position {
	line: number;
	column: number;
}

/**
 * Line boundaries of one text, for positions and for the per-line work of the detectors. The line table is
 * built on first use (files without keyword hits or findings pay nothing), with the native `indexOf` (a text
 * with `\r` merges the `\n` and `\r` it finds, a `\r\n` counting once). Lookups remember the last line,
 * because detectors ask in text order. The detectors' windows need only the bounds of the lines they work on:
 * `lineStartAt`/`lineEndAt` find them with the native `lastIndexOf`/`indexOf` (in a text without `\r`), so a
 * file whose hits lead to no finding never builds the table.
 */
export class LineIndex {
	private starts: number[] | undefined;
	private last = 0;
	/** Whether the text holds a `\r` (undefined: not looked yet). */
	private cr: boolean | undefined;
	/** The bounds of the line `lineStartAt`/`lineEndAt` found last. */
	private boundsStart = 0;
	private boundsEnd = -1;

	constructor(private readonly text: string) {}

	/**
	 * The offset where the line holding `offset` starts; `offset` must not be on a line break (for those, use
	 * `lineStart(lineAt(offset))`).
	 */
	lineStartAt(offset: number): number {
		this.bounds(offset);
		return this.boundsStart;
	}

	/** The offset where the line holding `offset` ends, before its line break; `offset` must not be on one. */
	lineEndAt(offset: number): number {
		this.bounds(offset);
		return this.boundsEnd;
	}

	private bounds(offset: number): void {
		if (offset >= this.boundsStart && offset < this.boundsEnd) {
			return;
		}
		const t = this.text;
		this.cr ??= t.indexOf('\r') !== -1;
		if (this.cr) {
			const line = this.lineAt(offset);
			this.boundsStart = this.lineStart(line);
			this.boundsEnd = this.lineEnd(line);
		} else {
			this.boundsStart = offset === 0 ? 0 : t.lastIndexOf('\n', offset - 1) + 1;
			const e = t.indexOf('\n', offset);
			this.boundsEnd = e === -1 ? t.length : e;
		}
	}

	private table(): number[] {
		if (this.starts) {
			return this.starts;
		}
		const starts = [0];
		const t = this.text;
		if (t.indexOf('\r') === -1) {
			for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) {
				starts.push(i + 1);
			}
		} else {
			// The next \n and the next \r, each found natively; a \r\n is one break.
			let lf = t.indexOf('\n');
			let cr = t.indexOf('\r');
			while (lf !== -1 || cr !== -1) {
				if (cr !== -1 && (lf === -1 || cr < lf)) {
					if (lf === cr + 1) {
						starts.push(lf + 1);
						lf = t.indexOf('\n', lf + 1);
					} else {
						starts.push(cr + 1);
					}
					cr = t.indexOf('\r', cr + 1);
				} else {
					starts.push(lf + 1);
					lf = t.indexOf('\n', lf + 1);
				}
			}
		}
		this.starts = starts;
		return starts;
	}

	/** The 0-based index of the line holding a 0-based offset. */
	lineAt(offset: number): number {
		const starts = this.table();
		const n = starts.length;
		const i = this.last;
		// Most lookups are for the same line as the last one, or the next.
		if ((starts[i] as number) <= offset) {
			if (i + 1 === n || offset < (starts[i + 1] as number)) {
				return i;
			}
			if (i + 2 === n || offset < (starts[i + 2] as number)) {
				this.last = i + 1;
				return i + 1;
			}
		}
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((starts[mid] as number) <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		this.last = lo;
		return lo;
	}

	/** The offset where line `line` (0-based) starts. */
	lineStart(line: number): number {
		return this.table()[line] ?? this.text.length;
	}

	/** The offset where line `line` (0-based) ends, before its line break. */
	lineEnd(line: number): number {
		const starts = this.table();
		if (line + 1 >= starts.length) {
			return this.text.length;
		}
		let e = (starts[line + 1] as number) - 1;
		if (this.text.charCodeAt(e) === 10 && e > (starts[line] as number) && this.text.charCodeAt(e - 1) === 13) {
			e--;
		}
		return e;
	}

	/** The 1-based line and column of a 0-based offset. */
	position(offset: number): Position {
		const line = this.lineAt(offset);
		return { line: line + 1, column: offset - (this.table()[line] as number) + 1 };
	}
}

/** The start of the line containing `offset` (after the previous `\n` or `\r`). */
export function lineStartOf(text: string, offset: number): number {
	for (let i = offset - 1; i >= 0; i--) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) {
			return i + 1;
		}
	}
	return 0;
}

/** The end (exclusive, before the line break) of the line containing `offset`. */
export function lineEndOf(text: string, offset: number): number {
	for (let i = offset; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) {
			return i;
		}
	}
	return text.length;
}

/** Per-code-unit counts for `shannonEntropy`, zeroed again after each call. */
const asciiCounts = new Int32Array(128);
const unitCounts = new Int32Array(65536);

/** Shannon entropy in bits per character of a string (−Σ p·log2 p over its characters). */
export function shannonEntropy(s: string): number {
	const n = s.length;
	if (n === 0) {
		return 0;
	}
	let counts = asciiCounts;
	for (let i = 0; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c >= 128) {
			counts.fill(0);
			counts = unitCounts;
			for (let j = 0; j < n; j++) {
				const u = s.charCodeAt(j);
				counts[u] = (counts[u] as number) + 1;
			}
			break;
		}
		counts[c] = (counts[c] as number) + 1;
	}
	// Summed in order of first occurrence (each count is zeroed once added): the same float result every time.
	let h = 0;
	for (let i = 0; i < n; i++) {
		const c = s.charCodeAt(i);
		const k = counts[c] as number;
		if (k !== 0) {
			const p = k / n;
			h -= p * Math.log2(p);
			counts[c] = 0;
		}
	}
	return h;
}
