/** Programs that produce or consume path names: xargs, find (-exec, and its output on a pipe). */
import type { ShCommand } from '../parse';
import { escapePattern, isPattern, unescapePattern } from '../pattern';
import { type Arg, type Env, type Feed, HOLE, MAX_DEPTH, type ShellRead } from '../types';
import type { Walker } from '../walk';
import { argOf, caseless, progName, resolve } from '../words';

/** Works out what `upstream | this` feeds as path names (for xargs and `sh` reading its input). */
export function feedOf(w: Walker, upstream: ShCommand, env: Env): Feed {
	if (upstream.type !== 'simple' || upstream.words.length === 0) {
		return { unknown: 'names read from a pipe' };
	}
	const argv = upstream.words.map((word) => w.expand(word, env, '', MAX_DEPTH + 1));
	const name = progName(argv[0]);
	const rest = argv.slice(1);
	if (name === 'find') {
		return { reads: findRoots(w, rest, env).reads };
	}
	if (name === 'echo' || name === 'printf') {
		const words = rest.filter((a) => !(a.text ?? '').startsWith('-') || a.text === '-');
		if (words.every((w) => w.holes.length === 0)) {
			const reads: Omit<ShellRead, 'via'>[] = [];
			for (const w of words) {
				for (const p of w.patterns.flatMap((x) => unescapePattern(x).split(/\s+|\\n/)).filter((s) => s !== '')) {
					for (const r of resolve(escapePattern(p), env)) {
						reads.push({ path: r, recursive: false });
					}
				}
			}
			return { reads };
		}
	}
	if (name === 'ls' || name === 'fd' || name === 'fdfind' || name === 'git' || name === 'rg' || name === 'ag' || name === 'grep' || name === 'tree') {
		const dirs = rest.filter((a) => a.text !== undefined && !a.text.startsWith('-') && a.text !== 'ls-files' && a.text !== '--files');
		const roots = name === 'ls' && dirs.length > 0 ? dirs.flatMap((d) => d.patterns) : ['.'];
		const resolved = roots.flatMap((r) => resolve(r, env));
		if (name === 'ls') {
			return { reads: resolved.map((path) => ({ path: `${path === '/' ? '' : path}/*`, recursive: false, glob: true })) };
		}
		return { reads: resolved.map((path) => ({ path, recursive: true })) };
	}
	return { unknown: `names printed by ${name ?? 'a command'}` };
}

export function xargs(w: Walker, args: Arg[], env: Env, here: string, depth: number, feed: Feed | undefined): void {
	let i = 0;
	let replace: string | undefined;
	for (; i < args.length; i++) {
		const t = args[i]?.text;
		if (t === undefined) {
			break;
		}
		if (t === '--') {
			i++;
			break;
		}
		if (!t.startsWith('-')) {
			break;
		}
		const m = /^-([IiLlnPsdEea])(.*)$/s.exec(t);
		if (m) {
			const flag = m[1] ?? '';
			let value = m[2] ?? '';
			if (value === '' && 'ILnPsdEa'.includes(flag)) {
				value = args[i + 1]?.text ?? '';
				i++;
			}
			if (flag === 'I') {
				replace = value;
			} else if (flag === 'i') {
				replace = value || '{}';
			} else if (flag === 'a') {
				w.pathOperand(argOf([escapePattern(value)], [], value), env, here, false, {});
				feed = { unknown: `names listed in ${value}` };
			}
			continue;
		}
		const long = /^--(arg-file|replace|max-lines|max-args|max-procs|delimiter|eof|max-chars|process-slot-var)(?:=(.*))?$/s.exec(t);
		if (long) {
			let value = long[2];
			if (value === undefined && long[1] !== 'replace' && long[1] !== 'eof') {
				value = args[i + 1]?.text ?? '';
				i++;
			}
			if (long[1] === 'replace') {
				replace = value ?? '{}';
			} else if (long[1] === 'arg-file' && value !== undefined) {
				w.pathOperand(argOf([escapePattern(value)], [], value), env, here, false, {});
				feed = { unknown: `names listed in ${value}` };
			}
		}
	}
	let inner = args.slice(i);
	if (replace !== undefined) {
		const r = replace;
		inner = inner.filter((a) => a.text !== r && !(a.text ?? '').includes(r));
	}
	if (inner.length === 0) {
		inner = [argOf(['echo'], [], 'echo')];
	}
	w.dispatch(inner, env, `${here} → `, depth + 1, { feed: feed ?? { unknown: 'names read from standard input' } });
}

/** find's roots and name filters, as the reads a consumer of its output would make. */
export function findRoots(w: Walker, args: Arg[], env: Env): { reads: Omit<ShellRead, 'via'>[]; exprStart: number } {
	let i = 0;
	while (i < args.length && /^-[HLP]$|^-O\d$|^-D$/.test(args[i]?.text ?? '')) {
		i += args[i]?.text === '-D' ? 2 : 1;
	}
	const roots: Arg[] = [];
	for (; i < args.length; i++) {
		const t = args[i]?.text;
		if (t !== undefined && (t.startsWith('-') || t === '(' || t === '!' || t === ')')) {
			break;
		}
		const a = args[i];
		if (a) {
			roots.push(a);
		}
	}
	const exprStart = i;
	const names: string[] = [];
	let complex = false;
	for (let j = i; j < args.length; j++) {
		const t = args[j]?.text ?? '';
		if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
			break;
		}
		if (t === '-name' || t === '-iname') {
			const v = args[j + 1];
			if (v?.text !== undefined || v?.holes.length === 0) {
				const pat = v.text !== undefined ? v.text : unescapePattern(v.patterns[0] ?? '*');
				names.push(t === '-iname' ? caseless(pat) : pat);
			} else {
				complex = true;
			}
			j++;
		} else if (t === '!' || t === '-not' || t === '-path' || t === '-ipath' || t === '-regex' || t === '-iregex' || t === '-wholename' || t === '-prune') {
			complex = true;
		}
	}
	const rootPatterns = roots.length === 0 ? ['.'] : roots.flatMap((r) => (r.holes.length > 0 && r.patterns.every((p) => p === HOLE) ? [HOLE] : r.patterns));
	const reads: Omit<ShellRead, 'via'>[] = [];
	for (const root of rootPatterns) {
		for (const abs of resolve(root, env)) {
			if (names.length > 0 && !complex) {
				for (const n of names) {
					reads.push({ path: `${abs === '/' ? '' : abs}/**/${n}`, recursive: false, glob: true, dot: true });
				}
			} else {
				reads.push({ path: abs, recursive: true, ...(isPattern(abs) ? { glob: true } : {}) });
			}
		}
	}
	return { reads, exprStart };
}

export function find(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	const { reads, exprStart } = findRoots(w, args, env);
	for (let j = exprStart; j < args.length; j++) {
		const t = args[j]?.text ?? '';
		if (t === '-fprint' || t === '-fprint0' || t === '-fprintf' || t === '-fls') {
			(args[j + 1]?.patterns ?? []).forEach((p) => w.writes.push(...resolve(p, env)));
		}
		if (t === '-files0-from') {
			const v = args[j + 1];
			if (v) {
				w.pathOperand(v, env, here, false, {});
			}
		}
		if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
			const inner: Arg[] = [];
			let k = j + 1;
			for (; k < args.length; k++) {
				const x = args[k]?.text;
				if (x === ';' || x === '+') {
					break;
				}
				const a = args[k];
				if (a && x !== '{}') {
					inner.push(a);
				}
			}
			w.dispatch(inner, env, `${here} ${t} → `, depth + 1, { feed: { reads } });
			j = k;
		}
	}
}
