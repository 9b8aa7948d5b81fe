/**
 * The redaction core: a text and the classifier's findings in, the text with each finding replaced by a stable
 * placeholder out (`«secret:aws-secret-access-key#1»`). What an agent gets through a rewriting hook and what
 * the exposure preview shows are both made here, so they are the same.
 *
 * Decisions:
 * - The placeholder names the finding's kind and rule and a number; it says nothing of the value's length or
 *   prefix (the masked previews elsewhere keep four characters; a redacted text keeps none).
 * - Line structure is kept: a finding that spans lines (a PEM block) becomes its placeholder followed by the
 *   same line breaks, so line numbers after it still match the file.
 * - Every byte outside the findings is kept as it was. Overlapping findings are merged into one placeholder,
 *   named by the finding that starts first (the longest, on a tie).
 * - Markers (`CONFIDENTIAL`) are labels, not values: they stay. Secrets, private keys, personal data and org
 *   patterns are replaced.
 */
import type { Level } from '../policy/levels';
import type { PlaceholderSession } from './placeholders';

/** The finding kinds whose matched text is replaced. */
export const REDACTED_KINDS: ReadonlySet<string> = new Set(['secret', 'private-key', 'pii', 'pattern']);

/** A finding as the redaction needs it: offsets into the text (UTF-16 code units, end exclusive). */
export interface RedactableFinding {
	kind: string;
	rule: string;
	start: number;
	end: number;
	level?: Level;
}

/** One replaced range: what replaced it and where (1-based line of its start). Never the value. */
export interface Replacement {
	kind: string;
	rule: string;
	placeholder: string;
	line: number;
}

export interface Redaction {
	text: string;
	replacements: Replacement[];
}

/** Where findings come from: the compiled classifier (`Classifier.contentFindings`) or a test's stand-in. */
export interface FindingSource {
	contentFindings(text: string): { findings: RedactableFinding[]; complete: boolean };
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** Replaces each finding's range of `text` by its placeholder from `session`, keeping every other byte and every line break. */
export function redactFindings(text: string, findings: readonly RedactableFinding[], session: PlaceholderSession): Redaction {
	const ranges = findings
		.filter((f) => REDACTED_KINDS.has(f.kind))
		.map((f) => ({ ...f, start: Math.max(0, Math.min(text.length, f.start)), end: Math.max(0, Math.min(text.length, f.end)) }))
		.filter((f) => f.end > f.start)
		.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: string[] = [];
	const replacements: Replacement[] = [];
	let pos = 0;
	let line = 1;
	let i = 0;
	while (i < ranges.length) {
		const first = ranges[i] as RedactableFinding;
		let end = first.end;
		let j = i + 1;
		while (j < ranges.length && (ranges[j] as RedactableFinding).start < end) {
			end = Math.max(end, (ranges[j] as RedactableFinding).end);
			j++;
		}
		const kept = text.slice(pos, first.start);
		line += countBreaks(kept);
		out.push(kept);
		const value = text.slice(first.start, end);
		const placeholder = session.placeholderFor(first.kind, first.rule, value);
		out.push(placeholder, ...(value.match(LINE_BREAK) ?? []));
		replacements.push({ kind: first.kind, rule: first.rule, placeholder, line });
		line += countBreaks(value);
		pos = end;
		i = j;
	}
	out.push(text.slice(pos));
	return { text: out.join(''), replacements };
}

function countBreaks(s: string): number {
	return s.match(LINE_BREAK)?.length ?? 0;
}

/**
 * Classifies a text and redacts what `include` selects (default: every finding of a redacted kind).
 * `complete` is false when a detector stopped early: the caller must not pass the text on as fully redacted.
 */
export function redactText(
	text: string,
	source: FindingSource,
	session: PlaceholderSession,
	include: (f: RedactableFinding) => boolean = () => true,
): Redaction & { complete: boolean } {
	const { findings, complete } = source.contentFindings(text);
	return { ...redactFindings(text, findings.filter(include), session), complete };
}
