/** Wrappers (env, sudo, timeout, nice…): the command they run, in the directory they set. */
import { escapePattern } from '../pattern';
import type { WRAPPERS } from '../programs';
import type { Arg, Env, Io } from '../types';
import type { Walker } from '../walk';
import { cloneEnv, resolve } from '../words';

export function wrapper(w: Walker, name: string, spec: (typeof WRAPPERS)[string], args: Arg[], env: Env, via: string, depth: number, io: Io): void {
	let e = env;
	let i = 0;
	let skip = spec.skipOperands ?? 0;
	for (; i < args.length; i++) {
		const a = args[i];
		const t = a?.text;
		if (t === undefined) {
			break;
		}
		if (t === '--') {
			i++;
			break;
		}
		if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
			continue;
		}
		if (t.startsWith('--')) {
			const [flag, value] = t.split(/=(.*)/s);
			let v = value;
			if (v === undefined && spec.longValue?.includes(flag ?? '')) {
				v = args[i + 1]?.text;
				i++;
			}
			if (spec.chdirFlags?.includes(flag ?? '') && v !== undefined) {
				e = { ...cloneEnv(env), cwds: resolve(escapePattern(v), env) };
			}
			if (spec.splitFlags?.includes(flag ?? '') && v !== undefined) {
				w.run(`${v} ${args.slice(i + 1).map((x) => x.raw).join(' ')}`, e, `${via}${name} → `, depth + 1);
				return;
			}
			continue;
		}
		if (t.startsWith('-') && t.length > 1 && !/^-\d/.test(t)) {
			const letters = t.slice(1);
			let consumed = false;
			for (let k = 0; k < letters.length; k++) {
				const l = letters[k] ?? '';
				if (spec.noRunFlags?.includes(l)) {
					return;
				}
				if (spec.shortValue?.includes(l)) {
					let v = letters.slice(k + 1);
					if (v === '') {
						v = args[i + 1]?.text ?? '';
						consumed = true;
					}
					if (spec.chdirFlags?.includes(l)) {
						e = { ...cloneEnv(env), cwds: resolve(escapePattern(v), env) };
					}
					if (spec.splitFlags?.includes(l)) {
						w.run(`${v} ${args.slice(i + (consumed ? 2 : 1)).map((x) => x.raw).join(' ')}`, e, `${via}${name} → `, depth + 1);
						return;
					}
					break;
				}
			}
			if (consumed) {
				i++;
			}
			continue;
		}
		if (/^-\d+$/.test(t)) {
			continue;
		}
		if (skip > 0) {
			skip--;
			continue;
		}
		break;
	}
	const rest = args.slice(i);
	if (rest.length > 0) {
		w.dispatch(rest, e, `${via}${name} → `, depth + 1, io);
	}
}
