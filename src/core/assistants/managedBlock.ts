/**
 * Managed blocks in a user's text file (ignore files): Context Warden's lines live between two marker lines,
 * everything else is the user's and is kept byte for byte.
 *
 *     # >>> context-warden managed sha256=0123456789abcdef (do not edit inside; run "Context Warden: Restore Assistant Settings" to remove) >>>
 *     /.env
 *     # <<< context-warden managed <<<
 *
 * Layout rules, chosen so that apply followed by remove gives back the exact original bytes:
 * - A byte-order mark stays in front; the block never goes before it.
 * - Line endings: the block uses the file's first line ending (CRLF, LF or CR), LF for a new file.
 * - A new block is appended at the end. If the file did not end with a line break, one is added before the block
 *   and the end marker gets none, so the file still ends without one; removing the block takes that break away
 *   again (only after a line with text: a blank line before the block keeps its break, it was never ours). An empty (or new) file gets a block whose end marker ends with a line break.
 * - Updating a block replaces its lines in place and keeps the end marker's own line ending (or its absence).
 * - The begin marker stores a hash of the block's lines (joined with LF, so line-ending conversion by git is not
 *   drift); a block whose lines no longer match the hash was edited by someone.
 */
import { createHash } from 'node:crypto';
import { fillTemplate } from './decide';

export const BLOCK_BEGIN_PREFIX = '# >>> context-warden managed';
export const BLOCK_END = '# <<< context-warden managed <<<';
const BEGIN_RE = /^# >>> context-warden managed(?: sha256=([0-9a-f]{8,64}))?\b.*>>>\s*$/;
const END_RE = /^# <<< context-warden managed <<<\s*$/;
const BOM = '\uFEFF';

/** A physical line: its text and the terminator that ended it ('' for a last line without one). */
export interface PhysicalLine {
	content: string;
	eol: '' | '\n' | '\r\n' | '\r';
}

/** Splits text into physical lines, keeping each terminator. `''` gives no lines. */
export function splitLines(text: string): PhysicalLine[] {
	const out: PhysicalLine[] = [];
	const re = /\r\n|\n|\r/g;
	let start = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text)) !== null) {
		out.push({ content: text.slice(start, m.index), eol: m[0] as PhysicalLine['eol'] });
		start = m.index + m[0].length;
	}
	if (start < text.length) {
		out.push({ content: text.slice(start), eol: '' });
	}
	return out;
}

function joinLines(lines: readonly PhysicalLine[]): string {
	return lines.map((l) => l.content + l.eol).join('');
}

/** The line ending a file uses (its first one), LF when it has none. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
	const m = /\r\n|\n|\r/.exec(text);
	return (m?.[0] as '\n' | '\r\n' | '\r' | undefined) ?? '\n';
}

/** The short hash of block lines stored in the begin marker. */
export function blockHash(lines: readonly string[]): string {
	return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex').slice(0, 16);
}

/** The begin marker line for these block lines. */
export function beginMarker(lines: readonly string[]): string {
	return `${BLOCK_BEGIN_PREFIX} sha256=${blockHash(lines)} (do not edit inside; run "Context Warden: Restore Assistant Settings" to remove) >>>`;
}

export type BlockRead =
	| { state: 'absent' }
	/** A begin marker without an end marker (or a second begin before the end): someone damaged the block. */
	| { state: 'damaged'; beginLine: number }
	| {
			state: 'present';
			/** Indexes of the marker lines among the physical lines (after the BOM). */
			beginLine: number;
			endLine: number;
			lines: string[];
			storedHash?: string;
			/** True when the lines match the stored hash. */
			intact: boolean;
			/** More than one complete block was found; this is the first. */
			duplicates: number;
	  };

function stripBom(text: string): { bom: string; body: string } {
	return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

function findBlocks(lines: readonly PhysicalLine[]): { blocks: { begin: number; end: number }[]; damagedAt?: number } {
	const blocks: { begin: number; end: number }[] = [];
	let open: number | undefined;
	for (let i = 0; i < lines.length; i++) {
		const c = lines[i]?.content ?? '';
		if (BEGIN_RE.test(c)) {
			if (open !== undefined) {
				return { blocks, damagedAt: open };
			}
			open = i;
		} else if (END_RE.test(c) && open !== undefined) {
			blocks.push({ begin: open, end: i });
			open = undefined;
		}
	}
	return open !== undefined ? { blocks, damagedAt: open } : { blocks };
}

/** Reads the managed block of a file, if any. */
export function readBlock(text: string | undefined): BlockRead {
	if (text === undefined) {
		return { state: 'absent' };
	}
	const lines = splitLines(stripBom(text).body);
	const { blocks, damagedAt } = findBlocks(lines);
	if (damagedAt !== undefined) {
		return { state: 'damaged', beginLine: damagedAt };
	}
	const first = blocks[0];
	if (!first) {
		return { state: 'absent' };
	}
	const inner = lines.slice(first.begin + 1, first.end).map((l) => l.content);
	const storedHash = BEGIN_RE.exec(lines[first.begin]?.content ?? '')?.[1];
	return {
		state: 'present',
		beginLine: first.begin,
		endLine: first.end,
		lines: inner,
		...(storedHash ? { storedHash } : {}),
		intact: storedHash !== undefined && storedHash === blockHash(inner),
		duplicates: blocks.length - 1,
	};
}

/**
 * Why a managed block cannot be updated, in English with `{0}`-style placeholders (the line number goes in as it is).
 * The core says it in English for logs; an adapter shows `messageTemplate` in the editor's display language instead.
 */
export const MANAGED_BLOCK_TEXT = {
	noEndMarker: 'the managed block starting at line {0} has no end marker; fix or remove it by hand',
} as const;

export type ManagedBlockTemplate = (typeof MANAGED_BLOCK_TEXT)[keyof typeof MANAGED_BLOCK_TEXT];

export type BlockEdit =
	| { ok: true; text: string }
	/** `message` is `fillTemplate` of `messageTemplate`. */
	| { ok: false; problem: 'damaged'; message: string; messageTemplate: { template: ManagedBlockTemplate; args: readonly string[] } };

/**
 * Puts these lines in the file's managed block: updates the block in place, or appends a new one.
 * `text` undefined means the file does not exist. Lines must not contain line breaks.
 */
export function applyBlock(text: string | undefined, blockLines: readonly string[]): BlockEdit {
	for (const l of blockLines) {
		if (/[\r\n]/.test(l)) {
			throw new Error('managed block lines must not contain line breaks');
		}
	}
	const { bom, body } = stripBom(text ?? '');
	const lines = splitLines(body);
	const { blocks, damagedAt } = findBlocks(lines);
	if (damagedAt !== undefined) {
		const args = [String(damagedAt + 1)];
		return {
			ok: false,
			problem: 'damaged',
			message: fillTemplate(MANAGED_BLOCK_TEXT.noEndMarker, args),
			messageTemplate: { template: MANAGED_BLOCK_TEXT.noEndMarker, args },
		};
	}
	const marker = beginMarker(blockLines);
	const first = blocks[0];
	if (first) {
		const eol = lines[first.begin]?.eol || detectEol(body);
		const endEol = lines[first.end]?.eol ?? '';
		const replacement: PhysicalLine[] = [
			{ content: marker, eol },
			...blockLines.map((content) => ({ content, eol })),
			{ content: BLOCK_END, eol: endEol },
		];
		const next = [...lines.slice(0, first.begin), ...replacement, ...lines.slice(first.end + 1)];
		return { ok: true, text: bom + joinLines(next) };
	}
	const eol = detectEol(body);
	const all = [marker, ...blockLines, BLOCK_END];
	if (body === '') {
		return { ok: true, text: bom + all.map((l) => l + eol).join('') };
	}
	const last = lines[lines.length - 1];
	if (last && last.eol !== '') {
		return { ok: true, text: bom + body + all.map((l) => l + eol).join('') };
	}
	return { ok: true, text: bom + body + eol + all.join(eol) };
}

export interface BlockRemoval {
	text: string;
	/** The lines that were inside the removed block(s). */
	removed: string[][];
}

/**
 * Removes every complete managed block, inverting `applyBlock` exactly (see the module comment).
 * With `keepForeign`, lines inside a block that are not among `ours` are kept where they were: they were typed
 * into the block by someone, and restoring must not lose them.
 */
export function removeBlock(text: string, options: { keepForeign?: readonly string[] } = {}): BlockRemoval {
	const { bom, body } = stripBom(text);
	let lines = splitLines(body);
	const removed: string[][] = [];
	for (;;) {
		const { blocks } = findBlocks(lines);
		const b = blocks[0];
		if (!b) {
			break;
		}
		const inner = lines.slice(b.begin + 1, b.end);
		removed.push(inner.map((l) => l.content));
		let kept: PhysicalLine[] = [];
		if (options.keepForeign) {
			const budget = new Map<string, number>();
			for (const o of options.keepForeign) {
				budget.set(o, (budget.get(o) ?? 0) + 1);
			}
			for (const l of inner) {
				const n = budget.get(l.content) ?? 0;
				if (n > 0) {
					budget.set(l.content, n - 1);
				} else {
					kept.push(l);
				}
			}
		}
		const endEol = lines[b.end]?.eol ?? '';
		const before = lines.slice(0, b.begin);
		const after = lines.slice(b.end + 1);
		if (kept.length > 0) {
			// the user's lines take the block's place; the last one takes the end marker's line ending
			kept = kept.map((l, i) => (i === kept.length - 1 ? { content: l.content, eol: endEol } : l));
		} else if (endEol === '' && before.length > 0) {
			// the block ends the file without a line break: applyBlock added one after the user's last line, which
			// then had text. A blank line before the block was never given one by us: it stays the user's.
			const prev = before[before.length - 1];
			if (prev && prev.content !== '') {
				before[before.length - 1] = { content: prev.content, eol: '' };
			}
		}
		lines = [...before, ...kept, ...after];
	}
	return { text: bom + joinLines(lines), removed };
}
