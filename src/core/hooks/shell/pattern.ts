/**
 * The small pattern dialect the shell analysis speaks: shell globs (`*`, `?`, `[…]`, which never cross `/`),
 * `**` for a part whose value is unknown at hook time (it may be anything, `/` included), and `\` escapes.
 * A pattern with none of these is a plain path.
 */

const GLOB_CHARS = /[*?[]/;

/** Escapes the characters that are special in a pattern, so the text matches only itself. */
export function escapePattern(text: string): string {
	return text.replace(/[\\*?[\]{},]/g, (c) => `\\${c}`);
}

/** Whether a pattern has an unescaped glob character (is not a single plain path). */
export function isPattern(pattern: string): boolean {
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i] ?? '';
		if (c === '\\') {
			i++;
		} else if (GLOB_CHARS.test(c)) {
			return true;
		}
	}
	return false;
}

/** The pattern's text with escapes removed (meaningful for a plain path). */
export function unescapePattern(pattern: string): string {
	return pattern.replace(/\\(.)/g, '$1');
}

/** The directory part before the first segment with a glob character, e.g. `/w/src` for `/w/src/*.env`. */
export function patternBase(pattern: string): string {
	const segments = pattern.split('/');
	const base: string[] = [];
	for (const s of segments) {
		if (isPattern(s)) {
			break;
		}
		base.push(unescapePattern(s));
	}
	if (base.length === segments.length) {
		base.pop();
	}
	const joined = base.join('/');
	return joined === '' && pattern.startsWith('/') ? '/' : joined;
}

const cache = new Map<string, RegExp>();

/**
 * Whether `path` (absolute, POSIX) matches `pattern`. `dot`: whether `*`, `?` and `[…]` match a leading dot
 * of a segment (shell globs do not; `find -name` does). `**` always may.
 */
export function matchPattern(pattern: string, path: string, dot: boolean): boolean {
	const key = `${dot ? 1 : 0}${pattern}`;
	let re = cache.get(key);
	if (!re) {
		re = new RegExp(`^${patternToRegex(pattern, dot)}$`, 's');
		cache.set(key, re);
	}
	return re.test(path);
}

function patternToRegex(pattern: string, dot: boolean): string {
	let out = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i] ?? '';
		const segStart = i === 0 || pattern[i - 1] === '/';
		const noDot = !dot && segStart ? '(?!\\.)' : '';
		if (c === '\\') {
			const n = pattern[i + 1] ?? '';
			out += n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
			i++;
		} else if (c === '*' && pattern[i + 1] === '*') {
			i++;
			if (pattern[i + 1] === '/') {
				out += '(?:.*/)?';
				i++;
			} else {
				out += '.*';
			}
		} else if (c === '*') {
			out += `${noDot}[^/]*`;
		} else if (c === '?') {
			out += `${noDot}[^/]`;
		} else if (c === '[') {
			const close = pattern.indexOf(']', i + 2);
			if (close < 0) {
				out += '\\[';
				continue;
			}
			let body = pattern.slice(i + 1, close);
			if (body.startsWith('!') || body.startsWith('^')) {
				body = `^${body.slice(1)}`;
			}
			out += `${noDot}[${body.replace(/\\/g, '\\\\').replace(/\[:(\w+):\]/g, (_m, cls: string) => POSIX_CLASSES[cls] ?? '')}]`;
			i = close;
		} else {
			out += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
		}
	}
	return out;
}

const POSIX_CLASSES: Record<string, string> = {
	alpha: 'a-zA-Z',
	digit: '0-9',
	alnum: 'a-zA-Z0-9',
	upper: 'A-Z',
	lower: 'a-z',
	space: ' \\t\\n',
	xdigit: '0-9a-fA-F',
	punct: '!-/:-@[-`{-~',
};

/**
 * Normalises `.` and `..` in an absolute pattern. A `..` after a glob segment removes it (the glob stood
 * for one directory); after `**` the result stays `**` (anything).
 */
export function normalizePattern(pattern: string): string {
	const abs = pattern.startsWith('/');
	const out: string[] = [];
	for (const seg of pattern.split('/')) {
		if (seg === '' || seg === '.') {
			continue;
		}
		if (seg === '..') {
			const last = out[out.length - 1];
			if (last === undefined) {
				continue;
			}
			if (last.includes('**')) {
				continue;
			}
			out.pop();
			continue;
		}
		out.push(seg);
	}
	return (abs ? '/' : '') + out.join('/');
}
