/**
 * Word expansion as bash does it, on what is known at hook time: tilde, parameters, command and process
 * substitution (walked for their own reads), arithmetic, braces. Unknown parts become holes (`**`).
 */
import { escapePattern, unescapePattern } from './pattern';
import { printed } from './handlers/shells';
import { literalText, type ShList, type Word } from './parse';
import { applyParamOp } from './paramOps';
import { type Arg, type Env, HOLE, MAX_VALUES } from './types';
import type { Walker } from './walk';
import { argOf, assignValue, braceExpand, cloneEnv } from './words';

/** Applies `NAME=value` to the shell state. */
export function assign(w: Walker, word: Word, env: Env, via: string, depth: number): void {
	const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(literalText(word))?.[1];
	const value = expand(w, assignValue(word), env, via, depth);
	if (name !== undefined) {
		env.vars.set(name, value.holes.length > 0 && value.patterns.every((p) => p === HOLE) ? null : value.patterns);
	}
}

/** Expands a word into fields: an unquoted lone `$var` or `$(…)` splits on IFS; other words are one field. */
export function expandFields(w: Walker, word: Word, env: Env, via: string, depth: number): Arg[] {
	const a = expand(w, word, env, via, depth);
	const only = word.parts.length === 1 ? word.parts[0] : undefined;
	if ((only?.kind === 'param' || only?.kind === 'cmdsub') && !only.quoted && a.holes.length === 0) {
		const ifs = env.vars.get('IFS');
		const sep = ifs && ifs.length === 1 ? unescapePattern(ifs[0] ?? '') : ' \t\n';
		const splitter = new RegExp(`[${(sep === '' ? ' ' : sep).replace(/[\]\\^-]/g, '\\$&')}]+`);
		const fields = a.patterns.flatMap((p) => p.split(splitter).filter((s) => s !== ''));
		return fields.map((p) => argOf([p], [], word.raw));
	}
	return [a];
}

/** Expands a word: its possible values as patterns (brace expansion done, globs kept, unknowns as `**`). */
export function expand(w: Walker, word: Word, env: Env, via: string, depth: number): Arg {
	let acc: string[] = [''];
	const holes: string[] = [];
	let pipe = false;
	word.parts.forEach((part, idx) => {
		let add: string[];
		switch (part.kind) {
			case 'lit': {
				let text = part.quoted ? escapePattern(part.text) : part.text;
				if (idx === 0 && !part.quoted && text.startsWith('~')) {
					const m = /^~([^/]*)/.exec(text);
					const user = m?.[1] ?? '';
					const rest = text.slice(1 + user.length);
					if (user === '') {
						const home = env.vars.get('HOME');
						text = home && home.length === 1 ? `${home[0] ?? HOLE}${rest}` : `${HOLE}${rest}`;
						if (!home) {
							holes.push('~ (home directory unknown)');
						}
					} else if (user === '+') {
						text = `${env.cwds.length === 1 ? (env.cwds[0] ?? HOLE) : HOLE}${rest}`;
					} else {
						text = `${HOLE}${rest}`;
						holes.push(`~${user}`);
					}
				}
				add = [text];
				break;
			}
			case 'param': {
				if (part.operand) {
					expand(w, part.operand, env, via, depth);
				}
				let values = lookup(w, part.name, env);
				if (part.prefix !== undefined || part.operand) {
					// An operator: evaluated on the known values, or the word is unresolvable.
					const literal = (t: string): string[] | null => (/[$`]/.test(t) ? null : [t.replace(/\\(.)/g, '$1').replace(/^(["'])(.*)\1$/s, '$2')]);
					const known = (n: string): string[] | null => lookup(w, n, env)?.map(unescapePattern) ?? null;
					const res = applyParamOp(values?.map(unescapePattern) ?? null, part.prefix, part.operand?.raw ?? '', literal, known);
					values = res === null ? null : res.map(escapePattern);
				}
				if (values === null) {
					holes.push(`$${part.name || '{…}'}`);
					add = [HOLE];
				} else {
					add = part.quoted ? values.map((v) => escapePattern(unescapePattern(v))) : values;
				}
				break;
			}
			case 'cmdsub': {
				w.walkList(part.body, cloneEnv(env), `${via}$(…) → `, depth + 1);
				// $(echo x) and $(printf %s x): the output is known (trailing newlines dropped, as bash does).
				const out = staticOutput(w, part.body, env, depth);
				if (out !== undefined) {
					const text = out.replace(/\n+$/, '');
					add = [part.quoted ? escapePattern(text) : text];
				} else {
					holes.push('command substitution output');
					add = [HOLE];
				}
				break;
			}
			case 'procsub':
				w.walkList(part.body, cloneEnv(env), `${via}<(…) → `, depth + 1);
				pipe = true;
				add = ['/dev/fd/63'];
				break;
			case 'arith':
				holes.push('arithmetic expansion');
				add = [HOLE];
				break;
		}
		const next: string[] = [];
		for (const a of acc) {
			for (const b of add) {
				next.push(a + b);
				if (next.length > MAX_VALUES) {
					break;
				}
			}
		}
		acc = next.slice(0, MAX_VALUES);
	});
	const patterns = [...new Set(acc.flatMap((p) => braceExpand(p)).map((p) => p.replace(/\*\*(?:\*\*)+/g, HOLE)))];
	const arg = argOf(patterns, holes, word.raw);
	if (pipe) {
		arg.pipe = true;
	}
	return arg;
}

/** A variable's possible values, or null when unknown. */
export function lookup(w: Walker, name: string, env: Env): string[] | null {
	const v = env.vars.get(name);
	if (v !== undefined) {
		return v;
	}
	if (name === 'PWD' && env.cwds.length === 1 && env.cwds[0] !== HOLE) {
		return [escapePattern(env.cwds[0] ?? '')];
	}
	return null;
}

/** The output of a substitution that is one `echo`/`printf` of static words, when it is. */
function staticOutput(w: Walker, body: ShList, env: Env, depth: number): string | undefined {
	const only = body.items.length === 1 ? body.items[0] : undefined;
	const pipeline = only && only.pipelines.length === 1 && !only.background ? only.pipelines[0] : undefined;
	const cmd = pipeline && pipeline.commands.length === 1 ? pipeline.commands[0] : undefined;
	if (!cmd || cmd.type !== 'simple' || cmd.redirects.length > 0 || cmd.assigns.length > 0) {
		return undefined;
	}
	const argv = cmd.words.map((word) => expand(w, word, env, '', depth + 1));
	const name = argv[0]?.text;
	const file = argv[1];
	if (name === 'cat' && argv.length === 2 && file?.text !== undefined && !file.text.startsWith('-')) {
		return w.textOf(file, env); // $(cat list.txt), when the caller can read the list
	}
	if ((name !== 'echo' && name !== 'printf') || !argv.every((a) => a.text !== undefined)) {
		return undefined;
	}
	return printed(name, argv.slice(1).map((a) => a.text ?? ''));
}
