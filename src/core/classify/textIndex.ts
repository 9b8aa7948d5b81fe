/**
 * Offsets to 1-based line/column positions. Lines end at `\r\n`, `\n` or `\r` (the same split the redacted
 * view uses); columns count UTF-16 code units, as editors do.
 */

export interface Position {
	line: number;
	column: number;
}

/** Maps string offsets to positions; the line table is built on first use, so files without findings pay nothing. */
export class LineIndex {
	private starts: number[] | undefined;

	constructor(private readonly text: string) {}

	private table(): number[] {
		if (this.starts) {
			return this.starts;
		}
		const starts = [0];
		const t = this.text;
		for (let i = 0; i < t.length; i++) {
			const c = t.charCodeAt(i);
			if (c === 10) {
				starts.push(i + 1);
			} else if (c === 13) {
				if (t.charCodeAt(i + 1) === 10) {
					i++;
				}
				starts.push(i + 1);
			}
		}
		this.starts = starts;
		return starts;
	}

	/** The 1-based line and column of a 0-based offset. */
	position(offset: number): Position {
		const starts = this.table();
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((starts[mid] ?? 0) <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
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

/** Shannon entropy in bits per character of a string (−Σ p·log2 p over its characters). */
export function shannonEntropy(s: string): number {
	if (s.length === 0) {
		return 0;
	}
	const counts = new Map<number, number>();
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		counts.set(c, (counts.get(c) ?? 0) + 1);
	}
	let h = 0;
	for (const n of counts.values()) {
		const p = n / s.length;
		h -= p * Math.log2(p);
	}
	return h;
}
