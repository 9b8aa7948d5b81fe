/**
 * `scan`'s output for people: a table of the sensitive files (level, file, reasons in words), then a summary and, when
 * a `--fail-on` threshold is reached, a line that says so. Every name and reason goes through `termText`.
 */
import type { FileClassification, Reason } from '../core/classify/types';
import { type Level, LEVELS, levelRank } from '../core/policy/schema';
import { humanBytes, humanMs, middleTruncate, type Paint, plural, type StyleName, termText } from './terminal';

/** The FILE column is never wider than this; longer paths lose their middle. */
export const FILE_COLUMN_MAX = 60;
/** Reasons shown per file; the rest are counted. */
const REASONS_SHOWN = 3;

const LEVEL_STYLE: Record<Level, StyleName | readonly StyleName[]> = {
	public: 'dim',
	internal: 'blue',
	confidential: 'yellow',
	restricted: ['red', 'bold'],
};

/** A reason in words: its sentence, where it was found and the masked preview, e.g. `AWS access key ID (line 4) AKIA****`. */
export function reasonWords(r: Reason): string {
	const where = r.line !== undefined ? ` (line ${r.line})` : '';
	const preview = r.preview ? ` ${r.preview}` : '';
	return termText(`${r.message}${where}${preview}`);
}

export interface ScanTextInput {
	/** The files to list, in order. */
	listed: readonly FileClassification[];
	/** Every file scanned, for the counts. */
	all: readonly FileClassification[];
	skipped: number;
	bytes: number;
	ms: number;
	workspace: { level: Level; restricted: boolean };
	policyName: string;
	failOn?: Level;
	/** Terminal width, when stdout is a terminal: the REASONS column is cut to fit. */
	columns?: number;
	paint: Paint;
}

/** Pads `cell` (already escaped) to `width` visible characters, then paints it. */
function cell(text: string, width: number, paint: Paint, style?: StyleName | readonly StyleName[]): string {
	const padded = text.padEnd(width);
	return style ? paint(style, text) + padded.slice(text.length) : padded;
}

/** The table and summary `scan` prints without `--json`. */
export function renderScanText(input: ScanTextInput): string {
	const { paint } = input;
	const out: string[] = [];
	if (input.listed.length > 0) {
		const rows = input.listed.map((f) => {
			const reasons = f.reasons.slice(0, REASONS_SHOWN).map(reasonWords);
			if (f.reasons.length > REASONS_SHOWN) {
				reasons.push(`+${f.reasons.length - REASONS_SHOWN} more`);
			}
			if (f.skipped) {
				reasons.push(`content not scanned: ${f.skipped.reason}`);
			}
			return { level: f.level, file: middleTruncate(termText(f.path), FILE_COLUMN_MAX), reasons: reasons.join('; ') || '-' };
		});
		const levelWidth = Math.max(5, ...rows.map((r) => r.level.length));
		const fileWidth = Math.max(4, ...rows.map((r) => r.file.length));
		const reasonsWidth = input.columns ? Math.max(20, input.columns - levelWidth - fileWidth - 4) : undefined;
		out.push(paint('bold', `${'LEVEL'.padEnd(levelWidth)}  ${'FILE'.padEnd(fileWidth)}  REASONS`));
		for (const r of rows) {
			const reasons = reasonsWidth && r.reasons.length > reasonsWidth ? `${r.reasons.slice(0, reasonsWidth - 1)}…` : r.reasons;
			out.push(`${cell(r.level, levelWidth, paint, LEVEL_STYLE[r.level])}  ${cell(r.file, fileWidth, paint)}  ${reasons}`);
		}
		out.push('');
	}
	const counts = LEVELS.map((l) => `${input.all.filter((f) => f.level === l).length} ${l}`)
		.join(', ');
	out.push(
		`${plural(input.all.length, 'file')} (${counts}); ${input.skipped} not content-scanned; ${humanBytes(input.bytes)} in ${humanMs(input.ms)}`,
	);
	const level = paint(LEVEL_STYLE[input.workspace.level], input.workspace.level);
	out.push(
		`Workspace level ${level}: ${input.workspace.restricted ? 'AI assistants are restricted here' : 'not restricted'} (policy "${termText(input.policyName)}")`,
	);
	const threshold = failOnLine(input.all, input.failOn, paint);
	if (threshold) {
		out.push(threshold);
	}
	return `${out.join('\n')}\n`;
}

/**
 * The closing line when `--fail-on` is given: which files reached the threshold (and that the exit code is 3), or
 * that none did.
 */
export function failOnLine(files: readonly FileClassification[], failOn: Level | undefined, paint: Paint): string | undefined {
	if (failOn === undefined) {
		return undefined;
	}
	const hit = files.filter((f) => levelRank(f.level) >= levelRank(failOn));
	if (hit.length === 0) {
		return paint('green', `--fail-on ${failOn}: no file at or above ${failOn}.`);
	}
	const first = hit
		.slice(0, 3)
		.map((f) => middleTruncate(termText(f.path), FILE_COLUMN_MAX))
		.join(', ');
	const more = hit.length > 3 ? ` and ${hit.length - 3} more` : '';
	return paint(['red', 'bold'], `--fail-on ${failOn}: ${plural(hit.length, 'file')} at or above ${failOn} (${first}${more}); exit code 3.`);
}
