/** Small helpers on expanded words: building them, naming the program, resolving against the cwd, braces. */
import { posix } from 'node:path';
import { isPattern, normalizePattern, unescapePattern } from './pattern';
import { type Arg, type Env, HOLE } from './types';
import type { Word } from './parse';

/** The value part of an assignment word `NAME=value`. */
export function assignValue(word: Word): Word {
	const parts = [...word.parts];
	const first = parts[0];
	if (first?.kind === 'lit') {
		const eq = first.text.indexOf('=');
		parts[0] = { ...first, text: first.text.slice(eq + 1) };
	}
	return { parts, raw: word.raw };
}

/** An expanded word from its patterns; `text` when it is one static value. */
export function argOf(patterns: string[], holes: string[], raw: string): Arg {
	const arg: Arg = { patterns, holes, raw };
	if (patterns.length === 1 && holes.length === 0) {
		const p = patterns[0] ?? '';
		if (!isPattern(p)) {
			arg.text = unescapePattern(p);
		}
	}
	return arg;
}

/** The program a word names (base name, no `.exe`), or undefined when computed at run time. */
export function progName(a: Arg | undefined): string | undefined {
	if (!a || a.holes.length > 0 || a.patterns.length !== 1) {
		return undefined;
	}
	const base = posix.basename(a.text ?? unescapePattern(a.patterns[0] ?? ''));
	return base.replace(/\.exe$/i, '');
}

/** A copy of the shell state for a subshell or a pipeline stage. */
export function cloneEnv(env: Env): Env {
	return { cwds: env.cwds, vars: new Map(env.vars), dirStack: [...env.dirStack], dotglob: env.dotglob, ...(env.root !== undefined ? { root: env.root } : {}) };
}

/** The union of two cwd lists, keeping identity when they are the same. */
export function union(a: string[], b: string[]): string[] {
	return a === b ? a : [...new Set([...a, ...b])];
}

/** Resolves a pattern against the possible current directories. */
export function resolve(pattern: string, env: Env): string[] {
	// The process's own views of its directories: /proc/self/cwd (or thread-self, or a pid) is the cwd, …/root is /.
	const proc = /^\/proc\/(?:self|thread-self|\d+|\\\$\\\$)\/(cwd|root)(?=\/|$)/.exec(pattern);
	if (proc) {
		const rest = pattern.slice(proc[0].length).replace(/^\//, '');
		if (proc[1] === 'root') {
			return [normalizePattern(`/${rest}`)];
		}
		return resolve(rest === '' ? '.' : rest, env);
	}
	if (pattern.startsWith('/')) {
		return [normalizePattern(pattern)];
	}
	if (pattern.startsWith(HOLE)) {
		return [pattern.startsWith(`${HOLE}/`) || pattern === HOLE ? pattern : `${HOLE}/${pattern.slice(2)}`];
	}
	return env.cwds.map((c) => (c === HOLE ? `${HOLE}/${pattern}` : normalizePattern(`${c}/${pattern}`)));
}

/** Case-insensitive shell glob: each letter becomes `[aA]`. */
export function caseless(pattern: string): string {
	return pattern.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** Bash brace expansion on unescaped braces: `{a,b}` and `{1..3}`. */
export function braceExpand(s: string, budget = 256): string[] {
	let depth = 0;
	let open = -1;
	let comma = false;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '{') {
			if (depth === 0) {
				open = i;
				comma = false;
			}
			depth++;
		} else if (c === ',' && depth === 1) {
			comma = true;
		} else if (c === '}' && depth > 0) {
			depth--;
			if (depth === 0) {
				const body = s.slice(open + 1, i);
				const pre = s.slice(0, open);
				const post = s.slice(i + 1);
				let alts: string[] | undefined;
				if (comma) {
					alts = splitTopLevel(body);
				} else {
					const m = /^(-?\d+)\.\.(-?\d+)$|^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
					if (m) {
						alts = [];
						if (m[1] !== undefined && m[2] !== undefined) {
							const a = Number(m[1]);
							const b = Number(m[2]);
							for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) {
								alts.push(String(k));
								if (alts.length > budget) {
									break;
								}
							}
						} else if (m[3] !== undefined && m[4] !== undefined) {
							const a = m[3].charCodeAt(0);
							const b = m[4].charCodeAt(0);
							for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) {
								alts.push(String.fromCharCode(k));
							}
						}
					}
				}
				if (alts) {
					const out: string[] = [];
					for (const alt of alts) {
						for (const x of braceExpand(pre + alt + post, budget)) {
							out.push(x);
							if (out.length >= budget) {
								return out;
							}
						}
					}
					return out;
				}
			}
		}
	}
	return [s];
}

/** Splits a brace body on its top-level commas. */
export function splitTopLevel(body: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i] ?? '';
		if (c === '\\') {
			cur += c + (body[i + 1] ?? '');
			i++;
			continue;
		}
		if (c === '{') {
			depth++;
		} else if (c === '}') {
			depth--;
		}
		if (c === ',' && depth === 0) {
			out.push(cur);
			cur = '';
		} else {
			cur += c;
		}
	}
	out.push(cur);
	return out;
}

/** Skips leading options (short flags in `shortValue` take a value); returns the rest. */
export function skipOptions(args: Arg[], shortValue: string, longValue: string[]): { rest: Arg[] } {
	let i = 0;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '--') {
			i++;
			break;
		}
		if (!t.startsWith('-')) {
			break;
		}
		if (longValue.includes(t) || (t.length === 2 && shortValue.includes(t[1] ?? ''))) {
			i++;
		}
	}
	return { rest: args.slice(i) };
}
