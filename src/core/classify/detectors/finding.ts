/**
 * What a content detector reports, before the classifier turns it into a `Reason` with a level and a position.
 */
import type { DetectorFamily } from '../../policy/schema';
import type { LineIndex } from '../textIndex';
import type { ReasonKind } from '../types';

/** One content finding: offsets into the scanned text (end exclusive) and a masked preview. */
export interface Finding {
	kind: Exclude<ReasonKind, 'path'>;
	rule: string;
	message: string;
	start: number;
	end: number;
	/** Never the raw secret: see `maskSecret`. */
	preview: string;
}

/**
 * A content detector family. It declares keywords for the shared prefilter and receives, per scan, the hits
 * of its own keywords as flat pairs `[keywordIndex, start, keywordIndex, start, …]`, in text order, the
 * text's line index (shared by every family of one scan) and, when the byte scanner ran, the text's number
 * candidates (`forEachNumberCandidate`).
 */
export interface ContentDetector {
	readonly family: DetectorFamily;
	readonly keywords: readonly string[];
	detect(text: string, hits: readonly number[], report: (f: Finding) => void, lines: LineIndex, numbers?: ArrayLike<number>): void;
}

/** Lines longer than this are scanned in windows around keyword hits instead of whole. */
export const MAX_LINE_WINDOW = 4096;
/** The half-width of a window around a keyword hit inside a very long line (TruffleHog uses ±512 bytes). */
export const HIT_RADIUS = 512;
