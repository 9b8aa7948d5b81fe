/**
 * The redacted view of a file: its text with every content finding masked, so a developer can see what is
 * sensitive without the preview itself displaying a secret.
 */
import type { Reason } from '../classify/types';

export const MASK_CHAR = '█';

/**
 * Masks every content finding's range in `text` (1-based lines and columns, end exclusive), keeping line
 * structure. Reasons without a position (path rules) leave the text as it is.
 */
export function redactText(text: string, reasons: readonly Reason[]): string {
	const lines = text.split(/(\r\n|\n|\r)/);
	// `split` with a capture group interleaves separators: line i is at index 2*i.
	for (const r of reasons) {
		if (r.line === undefined || r.column === undefined) {
			continue;
		}
		const endLine = r.endLine ?? r.line;
		for (let ln = r.line; ln <= endLine; ln++) {
			const idx = (ln - 1) * 2;
			const line = lines[idx];
			if (line === undefined) {
				break;
			}
			const from = ln === r.line ? r.column - 1 : 0;
			const to = ln === endLine && r.endColumn !== undefined ? r.endColumn - 1 : line.length;
			lines[idx] = maskRange(line, Math.max(0, from), Math.min(line.length, Math.max(from, to)));
		}
	}
	return lines.join('');
}

function maskRange(line: string, from: number, to: number): string {
	if (to <= from) {
		return line;
	}
	return line.slice(0, from) + MASK_CHAR.repeat(to - from) + line.slice(to);
}
