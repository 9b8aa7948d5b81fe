/** Shell builtins that change what later words mean (cd, shopt, export, read) or run code (source, eval). */
import { posix } from 'node:path';
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

/** `ln [-s] TARGET [LINK]` and `ln -t DIR TARGET…`: remembered, so reads through the link read the target. */
export function link(w: Walker, args: Arg[], env: Env): void {
	let symbolic = false;
	let dir: string | undefined;
	const ops: Arg[] = [];
	for (let i = 0; i < args.length; i++) {
		const t = args[i]?.text;
		if (t === '-t' || t === '--target-directory') {
			dir = args[++i]?.text;
		} else if (t?.startsWith('--target-directory=')) {
			dir = t.slice('--target-directory='.length);
		} else if (t !== undefined && /^-[a-zA-Z]+$/.test(t)) {
			symbolic ||= t.includes('s');
		} else if (t === undefined || !t.startsWith('--')) {
			const a = args[i];
			if (a) {
				ops.push(a);
			}
		}
	}
	const cwd = env.cwds.length === 1 ? env.cwds[0] : undefined;
	if (cwd === undefined || cwd === HOLE) {
		return;
	}
	const abs = (p: string, base: string): string => posix.normalize(p.startsWith('/') ? p : `${base}/${p}`);
	const pairs: [string, string][] = [];
	if (dir !== undefined) {
		for (const o of ops) {
			if (o.text !== undefined) {
				pairs.push([o.text, `${abs(dir, cwd)}/${posix.basename(o.text)}`]);
			}
		}
	} else if (ops.length >= 1) {
		const target = ops[0]?.text;
		const name = ops.length >= 2 ? ops[ops.length - 1]?.text : target !== undefined ? posix.basename(target) : undefined;
		if (target !== undefined && name !== undefined) {
			pairs.push([target, abs(name, cwd)]);
		}
	}
	for (const [target, linkAbs] of pairs) {
		// A symbolic link's target is relative to the link's folder; a hard link's to the cwd.
		w.link(linkAbs, abs(target, symbolic ? posix.dirname(linkAbs) : cwd));
	}
}
