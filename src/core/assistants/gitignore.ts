/**
 * Translating the policy's paths and globs into gitignore lines (and into Claude Code `Read(...)` rules, which use
 * the same pattern language).
 *
 * Semantics kept from the policy: path-rule globs are minimatch globs on workspace-relative POSIX paths, matched
 * from the workspace root (no `matchBase`), dot files included, case-insensitive.
 * - A glob starting with `**\/` floats (matches at any depth) and is written as is; any other glob is anchored with
 *   a leading `/`, because in gitignore a slash-less pattern would float.
 * - Braces (`{a,b}`) do not exist in gitignore: they are expanded. Extglobs (`@(..)`, `+(..)`, `!(..)`) cannot be
 *   expressed: such a glob is reported and skipped (the classified files it matched are still listed by path).
 * - Case: where the target matches case-sensitively (or we do not know), each letter outside a bracket expression
 *   is also written as a class, `[Ee]`, on a second line, so `.env` also hides `.ENV`. Bracket expressions are left
 *   as written.
 * - Concrete paths are escaped (`\*`, `\?`, `\[`, `\\`, trailing spaces) and anchored.
 */
import { braceExpand } from 'minimatch';

export interface GlobTranslation {
	/** gitignore lines (without case variants). */
	lines: string[];
	/** Set when the glob cannot be expressed. */
	problem?: string;
}

const EXTGLOB = /[@!+*?]\(/;

/** Translates one positive minimatch glob into equivalent anchored/floating gitignore lines. */
export function globToGitignore(glob: string): GlobTranslation {
	if (/[\r\n]/.test(glob)) {
		return { lines: [], problem: 'contains a line break' };
	}
	if (EXTGLOB.test(glob)) {
		return { lines: [], problem: 'extglob patterns (@(..), +(..), !(..)) have no gitignore equivalent' };
	}
	const out: string[] = [];
	for (let g of braceExpand(glob)) {
		while (g.startsWith('./')) {
			g = g.slice(2);
		}
		if (g === '' || g === '/') {
			continue;
		}
		if (g.startsWith('/')) {
			g = g.replace(/^\/+/, '');
		}
		let line = g.startsWith('**/') ? g : `/${g}`;
		line = escapeTrailingSpaces(line);
		if (!out.includes(line)) {
			out.push(line);
		}
	}
	return out.length > 0 ? { lines: out } : { lines: [], problem: 'matches nothing' };
}

/** An anchored gitignore line matching exactly this workspace-relative path, or undefined if none can. */
export function pathToGitignore(path: string): string | undefined {
	if (/[\r\n]/.test(path) || path === '') {
		return undefined;
	}
	const escaped = path.replace(/^\/+/, '').replace(/[\\*?[]/g, (c) => `\\${c}`);
	return escapeTrailingSpaces(`/${escaped}`);
}

function escapeTrailingSpaces(line: string): string {
	const m = / +$/.exec(line);
	if (!m) {
		return line;
	}
	return line.slice(0, m.index) + '\\ '.repeat(m[0].length);
}

/** The case-insensitive form of a gitignore line: letters outside bracket expressions become `[xX]`. */
export function caseInsensitiveVariant(line: string): string {
	let out = '';
	let inBracket = false;
	for (let i = 0; i < line.length; i++) {
		const c = line.charAt(i);
		if (c === '\\' && i + 1 < line.length) {
			out += c + line.charAt(i + 1);
			i++;
			continue;
		}
		if (inBracket) {
			out += c;
			if (c === ']') {
				inBracket = false;
			}
			continue;
		}
		if (c === '[') {
			inBracket = true;
			out += c;
			// a ']' right after '[' or '[!' is part of the set
			if (line.charAt(i + 1) === '!' || line.charAt(i + 1) === '^') {
				out += line.charAt(i + 1);
				i++;
			}
			if (line.charAt(i + 1) === ']') {
				out += ']';
				i++;
			}
			continue;
		}
		const lower = c.toLowerCase();
		const upper = c.toUpperCase();
		out += lower !== upper && lower.length === 1 && upper.length === 1 ? `[${upper}${lower}]` : c;
	}
	return out;
}

/** A JavaScript regular expression (source) matching a path that ends with this workspace-relative path. */
export function pathToRegex(path: string): string {
	const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\//g, '[\\\\/]');
	return `(?:^|[\\\\/])${escaped}$`;
}
