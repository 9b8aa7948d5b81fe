/**
 * Bash's `${…}` operators on values known at hook time: `${!name}`, `${#name}`, `${name:-w}` and the other
 * defaults, `${name#p}` `%` removal, `${name/p/r}` substitution, `${name:off:len}`, `${name,,}` case. A value
 * or an operator that cannot be evaluated gives null: the word is then unresolvable.
 */
import { globToRegExp } from './globRegex';

/** What `${prefix name op}` evaluates to for each known value of `name` (`undefined` = unset or unknown). */
export function applyParamOp(values: string[] | null, prefix: '!' | '#' | undefined, op: string, word: (text: string) => string[] | null, lookup: (name: string) => string[] | null): string[] | null {
	if (prefix === '!') {
		if (op !== '' || values === null) {
			return null;
		}
		const out: string[] = [];
		for (const v of values) {
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
				return null;
			}
			const target = lookup(v);
			if (target === null) {
				return null;
			}
			out.push(...target);
		}
		return out;
	}
	if (prefix === '#') {
		return op === '' && values !== null ? values.map((v) => String(v.length)) : null;
	}
	let m: RegExpExecArray | null;
	if ((m = /^(:?)([-=?+])(.*)$/s.exec(op))) {
		const alt = word(m[3] ?? '');
		if (alt === null) {
			return null;
		}
		const colon = m[1] === ':';
		const kind = m[2];
		if (values === null) {
			// Unknown whether set: either outcome.
			return kind === '+' ? [...alt, ''] : kind === '?' ? null : null;
		}
		const empty = values.every((v) => v === '');
		if (kind === '+') {
			return colon && empty ? [''] : alt;
		}
		return colon && empty ? alt : values;
	}
	if (values === null) {
		return null;
	}
	if ((m = /^(##?|%%?)(.*)$/s.exec(op))) {
		const pat = word(m[2] ?? '');
		if (pat === null || pat.length !== 1) {
			return null;
		}
		const re = globToRegExp(pat[0] ?? '');
		const longest = (m[1] ?? '').length === 2;
		const fromStart = (m[1] ?? '').startsWith('#');
		return values.map((v) => trim(v, re, fromStart, longest));
	}
	if ((m = /^\/([#%/]?)((?:\\.|[^/])*)(?:\/(.*))?$/s.exec(op))) {
		const pat = word(m[2] ?? '');
		const rep = word(m[3] ?? '');
		if (pat === null || rep === null || pat.length !== 1 || rep.length !== 1) {
			return null;
		}
		const re = globToRegExp(pat[0] ?? '');
		return values.map((v) => substitute(v, re, rep[0] ?? '', m?.[1] ?? ''));
	}
	if ((m = /^:\s*(-?\d+)(?::\s*(-?\d+))?$/.exec(op))) {
		const off = Number(m[1]);
		const len = m[2] === undefined ? undefined : Number(m[2]);
		return values.map((v) => {
			const start = off < 0 ? Math.max(0, v.length + off) : off;
			const end = len === undefined ? v.length : len < 0 ? v.length + len : start + len;
			return v.slice(start, Math.max(start, end));
		});
	}
	if ((m = /^(\^\^?|,,?|~~?)$/.exec(op))) {
		const kind = m[1] ?? '';
		const all = kind.length === 2;
		const conv = (c: string): string => (kind.startsWith('^') ? c.toUpperCase() : kind.startsWith(',') ? c.toLowerCase() : c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
		return values.map((v) => (all ? [...v].map(conv).join('') : conv(v.slice(0, 1)) + v.slice(1)));
	}
	return op === '' ? values : null;
}

function trim(v: string, re: RegExp, fromStart: boolean, longest: boolean): string {
	const lens = [...Array(v.length + 1).keys()];
	const order = longest ? lens.reverse() : lens;
	for (const n of order) {
		const piece = fromStart ? v.slice(0, n) : v.slice(v.length - n);
		if (re.test(piece)) {
			return fromStart ? v.slice(n) : v.slice(0, v.length - n);
		}
	}
	return v;
}

function substitute(v: string, re: RegExp, rep: string, mode: string): string {
	if (mode === '#' || mode === '%') {
		for (let n = v.length; n >= 0; n--) {
			const piece = mode === '#' ? v.slice(0, n) : v.slice(v.length - n);
			if (re.test(piece)) {
				return mode === '#' ? rep + v.slice(n) : v.slice(0, v.length - n) + rep;
			}
		}
		return v;
	}
	let out = '';
	let i = 0;
	let done = false;
	while (i <= v.length) {
		let matched = -1;
		if (!done) {
			for (let n = v.length - i; n >= 1; n--) {
				if (re.test(v.slice(i, i + n))) {
					matched = n;
					break;
				}
			}
		}
		if (matched > 0) {
			out += rep;
			i += matched;
			if (mode !== '/') {
				done = true;
			}
			continue;
		}
		if (i < v.length) {
			out += v[i];
		}
		i++;
	}
	return out;
}
