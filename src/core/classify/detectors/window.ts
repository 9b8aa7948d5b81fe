/**
 * The span of text a rule regex runs on around a keyword hit: the hit's line, or a ±512-character window when
 * the line is very long (minified files), so no regex ever runs over a whole multi-megabyte line.
 */
import { HIT_RADIUS, MAX_LINE_WINDOW } from './finding';

export interface Span {
	start: number;
	end: number;
	/** The span is the whole line (not a window of a long one). */
	full: boolean;
}

/** The line around `[start, end)`, or a bounded window of it when the line is longer than `MAX_LINE_WINDOW`. */
export function windowAround(text: string, start: number, end: number): Span {
	let ls = start;
	const minLs = Math.max(0, start - MAX_LINE_WINDOW);
	while (ls > minLs) {
		const c = text.charCodeAt(ls - 1);
		if (c === 10 || c === 13) {
			break;
		}
		ls--;
	}
	let le = end;
	const maxLe = Math.min(text.length, end + MAX_LINE_WINDOW);
	while (le < maxLe) {
		const c = text.charCodeAt(le);
		if (c === 10 || c === 13) {
			break;
		}
		le++;
	}
	const lineStartFound = ls === 0 || text.charCodeAt(ls - 1) === 10 || text.charCodeAt(ls - 1) === 13;
	const lineEndFound = le === text.length || text.charCodeAt(le) === 10 || text.charCodeAt(le) === 13;
	if (lineStartFound && lineEndFound) {
		return { start: ls, end: le, full: true };
	}
	return { start: Math.max(ls, start - HIT_RADIUS), end: Math.min(le, end + HIT_RADIUS), full: false };
}
