/** Shell builtins that change what later words mean (cd, shopt, export, read) or run code (source, eval). */
import { isPattern } from '../pattern';
import { type Arg, type Env, HOLE } from '../types';
import type { Walker } from '../walk';
import { argOf, resolve, skipOptions } from '../words';

export function changeDir(name: string, args: Arg[], env: Env): void {
	const operands = args.filter((a) => !(a.text ?? '').startsWith('-') || a.text === '-');
	if (name === 'popd') {
		env.cwds = env.dirStack.pop() ?? [HOLE];
		return;
	}
	const target = operands[0];
	if (name === 'pushd') {
		env.dirStack.push(env.cwds);
	}
	if (!target) {
		const home = env.vars.get('HOME');
		env.cwds = home ?? [HOLE];
		return;
	}
	if (target.text === '-') {
		env.cwds = [HOLE];
		return;
	}
	if (target.holes.length > 0 || target.patterns.some(isPattern)) {
		env.cwds = [HOLE];
		return;
	}
	env.cwds = [...new Set(target.patterns.flatMap((p) => resolve(p, env)))];
}

/** `shopt -s dotglob` and friends: later globs match dot files. */
export function shellOptions(args: Arg[], env: Env): void {
	if (args.some((a) => /^(dotglob|globdots|glob_dots)$/i.test(a.text ?? ''))) {
		env.dotglob = true;
	}
}

/** `export`, `declare`, `local`…: static assignments become known values. */
export function declare(args: Arg[], env: Env): void {
	for (const a of args) {
		const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.patterns[0] ?? '');
		if (m?.[1] !== undefined && a.patterns.length === 1) {
			env.vars.set(m[1], a.holes.length > 0 ? null : [m[2] ?? '']);
		}
	}
}

/** `read`, `mapfile`…: the variables they set are unknown from then on. */
export function readVars(name: string, args: Arg[], env: Env): void {
	for (const a of args) {
		if (a.text !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.text)) {
			env.vars.set(a.text, null);
		}
	}
	if (name === 'read' && args.length === 0) {
		env.vars.set('REPLY', null);
	}
}

/** `eval`: the string it runs, walked when static. */
export function evalString(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	if (args.some((a) => a.text === undefined)) {
		w.unsure(`${here}: evaluates a string computed at run time`);
		return;
	}
	w.run(args.map((a) => a.text ?? '').join(' '), env, `${here} → `, depth + 1);
}

/** `watch CMD`: the command it repeats. */
export function watch(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	const rest = skipOptions(args, 'nd', ['--interval', '--differences']).rest;
	if (rest.every((a) => a.text !== undefined)) {
		w.run(rest.map((a) => a.text ?? '').join(' '), env, `${here} → `, depth + 1);
	} else {
		w.unsure(`${here}: runs a command computed at run time`);
	}
}

/** `dd if=FILE`. */
export function dd(w: Walker, args: Arg[], env: Env, here: string): void {
	for (const a of args) {
		const m = /^if=(.*)$/s.exec(a.patterns[0] ?? '');
		if (m?.[1] !== undefined) {
			w.pathOperand(argOf([m[1]], a.holes, a.raw), env, here, false, {});
		}
	}
}

/** `tee FILE…`: writes only. */
export function tee(w: Walker, args: Arg[], env: Env): void {
	for (const a of args) {
		if (a.text === undefined || !a.text.startsWith('-')) {
			a.patterns.forEach((p) => w.writes.push(...resolve(p, env)));
		}
	}
}
