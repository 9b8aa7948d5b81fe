/**
 * What the CLI prints to a terminal: names from the disk and keys from policy files made safe to print, colour only
 * where a person reads it, human sizes, and columns that fit. No dependency: colour is Node's `util.styleText`.
 */
import { styleText } from 'node:util';

/**
 * Characters that must never reach a terminal raw: C0 controls (ESC starts colour, title and hyperlink sequences,
 * BEL rings, CR and LF forge lines), DEL, C1 controls (0x9b is a one-byte CSI), the line and paragraph separators,
 * and the bidirectional controls that make text read in another order than it is ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One unsafe character as its escape: `\n`, `\r`, `\t`, `\x1b`, `\u202e`. */
function escapeChar(c: string): string {
	const short = SHORT[c];
	if (short) {
		return short;
	}
	const code = c.charCodeAt(0);
	return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A file name, policy key or any text that came from outside, fit for one line of a terminal: every control, line
 * break and bidirectional control shown as an escape (`\x1b`, `\n`, `\u202e`). The one escaping function of the CLI.
 */
export function termText(s: string): string {
	return s.replace(UNSAFE, escapeChar);
}

/** The colour sequences `styleText` writes (SGR: `ESC [ params m`), the only escapes the CLI emits itself. */
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * The last guard on everything a command prints: any unsafe character is escaped except the line breaks and tabs
 * (JSONC indentation) of the CLI's own output and, when colour is on, its colour sequences. Names are escaped before they are placed in a
 * sentence (`termText`); this catches a sentence that forgot to.
 */
export function guardOutput(s: string, keepColour: boolean): string {
	const guard = (part: string): string => part.replace(UNSAFE, (c) => (c === '\n' || c === '\t' ? c : escapeChar(c)));
	if (!keepColour) {
		return guard(s);
	}
	let out = '';
	let at = 0;
	for (const m of s.matchAll(SGR)) {
		out += guard(s.slice(at, m.index)) + m[0];
		at = m.index + m[0].length;
	}
	return out + guard(s.slice(at));
}

/** A stream the CLI writes to; `isTTY` is set by Node on a terminal. */
export interface OutStream {
	write(s: string): unknown;
	isTTY?: boolean;
	columns?: number;
}

/**
 * Whether to colour a stream: only a terminal, never with `NO_COLOR` set (https://no-color.org: any non-empty value),
 * `--no-color` or `TERM=dumb`; `FORCE_COLOR` (not `0`) colours even a pipe.
 */
export function colourFor(stream: OutStream, env: NodeJS.ProcessEnv, noColourFlag: boolean): boolean {
	if (noColourFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) {
		return false;
	}
	if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') {
		return true;
	}
	return stream.isTTY === true && env.TERM !== 'dumb';
}

export type StyleName = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan' | 'blue';

/** Colours text when the stream is coloured, and is the identity otherwise. */
export type Paint = (style: StyleName | readonly StyleName[], text: string) => string;

/** A painter for a stream: `util.styleText` when colour is on, plain text otherwise. */
export function painter(colour: boolean): Paint {
	if (!colour) {
		return (_style, text) => text;
	}
	return (style, text) => styleText(style as Parameters<typeof styleText>[0], text);
}

/** A size for people: `512 B`, `3.4 KB`, `12.0 MB`, `1.2 GB` (1 KB = 1024 bytes); never `0.0 MB`. */
export function humanBytes(n: number): string {
	if (!Number.isFinite(n) || n < 1024) {
		return `${Math.max(0, Math.round(Number.isFinite(n) ? n : 0))} B`;
	}
	const units = ['KB', 'MB', 'GB', 'TB'];
	let v = n / 1024;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return `${v.toFixed(1)} ${units[u]}`;
}

/** A duration for people: `850 ms`, `2.3 s`, `1 min 05 s`. */
export function humanMs(ms: number): string {
	if (ms < 1000) {
		return `${Math.round(ms)} ms`;
	}
	if (ms < 60_000) {
		return `${(ms / 1000).toFixed(1)} s`;
	}
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * Text cut to at most `max` characters by replacing its middle with `…`, so both the start of a path and its file
 * name stay readable. Counts UTF-16 code units and never splits a surrogate pair.
 */
export function middleTruncate(s: string, max: number): string {
	if (s.length <= max || max < 3) {
		return s;
	}
	const keep = max - 1;
	let head = Math.ceil(keep / 2);
	let tail = keep - head;
	// Do not cut a surrogate pair in two.
	if (/[\ud800-\udbff]/.test(s.charAt(head - 1))) {
		head--;
	}
	if (/[\udc00-\udfff]/.test(s.charAt(s.length - tail))) {
		tail--;
	}
	return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}

/** A plural noun for a count: `1 file`, `3 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** How long a scan runs before the progress line appears, and how often it is redrawn. */
export const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 250;

/**
 * A progress line for a slow scan: nothing for the first second, then `scanning: N files, X MB` redrawn four times a
 * second until `stop()` clears it. `progress` is undefined when stderr is not a terminal: then this does nothing.
 */
export function scanProgress(progress: { update(text: string): void; clear(): void } | undefined): {
	onProgress(files: number, bytes: number): void;
	stop(): void;
} {
	let files = 0;
	let bytes = 0;
	if (!progress) {
		return { onProgress: () => undefined, stop: () => undefined };
	}
	let every: NodeJS.Timeout | undefined;
	const draw = (): void => progress.update(`scanning: ${plural(files, 'file')}, ${humanBytes(bytes)}`);
	const after = setTimeout(() => {
		draw();
		every = setInterval(draw, PROGRESS_EVERY_MS);
	}, PROGRESS_AFTER_MS);
	return {
		onProgress(f, b) {
			files = f;
			bytes = b;
		},
		stop() {
			clearTimeout(after);
			clearInterval(every);
			progress.clear();
		},
	};
}
