/**
 * The span of text a rule regex runs on around a keyword hit: the hit's line, or a ±512-character window when
 * the line is very long (minified files), so no regex ever runs over a whole multi-megabyte line.
 */
import type { LineIndex } from '../textIndex';
import { HIT_RADIUS, MAX_LINE_WINDOW } from './finding';

export interface Span {
	start: number;
	end: number;
	/** The span is the whole line (not a window of a long one). */
	full: boolean;
}

/** The line around `[start, end)`, or a bounded window of it when the line is longer than `MAX_LINE_WINDOW`. */
export function windowAround(lines: LineIndex, start: number, end: number): Span {
	const ls = lines.lineStartAt(start);
	const le = lines.lineEndAt(start);
	if (start - ls <= MAX_LINE_WINDOW && le - end <= MAX_LINE_WINDOW) {
		return { start: ls, end: le, full: true };
	}
	return { start: Math.max(ls, start - HIT_RADIUS), end: Math.min(le, end + HIT_RADIUS), full: false };
}
