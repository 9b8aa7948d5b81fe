/** Shells (`sh -c`, `bash script`, a script piped or fed on stdin): the command they run is walked too. */
import { type Arg, type Env, type Io, MAX_DEPTH } from '../types';
import type { Walker } from '../walk';
import { argOf, progName } from '../words';

export function shell(w: Walker, name: string, args: Arg[], env: Env, here: string, depth: number, io: Io): void {
	let i = 0;
	let inline = false;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '--') {
			i++;
			break;
		}
		if (t === '--rcfile' || t === '--init-file') {
			const rc = args[i + 1];
			if (rc) {
				w.pathOperand(rc, env, `${here} ${t}`, false, {});
			}
			i++;
			continue;
		}
		if (/^[-+]o$/.test(t) || /^[-+]O$/.test(t)) {
			i++;
			continue;
		}
		if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t) && (name !== 'su' || t === '-c')) {
			inline = true;
			continue;
		}
		if (name === 'su' && (t === '--command' || t === '-c')) {
			inline = true;
			continue;
		}
		if (t.startsWith('-') || t.startsWith('+')) {
			continue;
		}
		break;
	}
	if (name === 'su' && !inline) {
		return;
	}
	// The startup file a non-interactive bash (BASH_ENV) or an interactive sh (ENV) reads first.
	for (const v of ['BASH_ENV', 'ENV']) {
		const values = env.vars.get(v);
		if (values) {
			w.pathOperand(argOf(values, [], `$${v}`), env, `${here} (${v})`, false, {});
		} else if (values === null) {
			w.unsure(`${here}: ${v} is computed at run time`);
		}
	}
	const script = args[i];
	if (inline) {
		if (!script) {
			return;
		}
		if (script.text === undefined) {
			w.unsure(`${here} -c: runs a command computed at run time`);
			return;
		}
		w.run(script.text, env, `${here} -c → `, depth + 1);
		return;
	}
	if (script) {
		w.pathOperand(script, env, here, false, {});
		// A script this same command line wrote: analysed when its text is known, unresolvable when not.
		const written = w.writtenScript(script, env);
		if (written !== undefined) {
			if (written === null) {
				w.unsure(`${here}: runs a script written by this command`);
			} else {
				w.run(written, env, `${here} ${script.raw} → `, depth + 1);
			}
		}
		return;
	}
	if (io.stdin?.text !== undefined) {
		if (io.stdin.dynamic) {
			w.unsure(`${here}: runs a script with parts computed at run time`);
		}
		w.run(io.stdin.text, env, `${here} <<< → `, depth + 1);
		return;
	}
	if (io.upstream?.type === 'simple') {
		const up = io.upstream.words.map((word) => w.expand(word, env, '', MAX_DEPTH + 1));
		const upName = progName(up[0]);
		if ((upName === 'echo' || upName === 'printf') && up.slice(1).every((a) => a.text !== undefined)) {
			w.run(printed(upName, up.slice(1).map((a) => a.text ?? '')), env, `${here} (piped) → `, depth + 1);
			return;
		}
		w.unsure(`${here}: runs commands read from the output of ${upName ?? 'a command'}`);
	}
}

/** What `echo ARGS` or `printf FORMAT ARGS` prints, near enough to analyse as a script (escapes expanded). */
export function printed(name: string, args: string[]): string {
	const unescape = (t: string): string => t.replace(/\\([ntr\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : '\\'));
	if (name === 'printf') {
		const [format = '', ...rest] = args;
		let i = 0;
		return unescape(format).replace(/%[-0-9.]*[sdbq]/g, () => rest[i++] ?? '') + (i < rest.length ? ` ${rest.slice(i).join(' ')}` : '');
	}
	const words = args.filter((a) => !/^-[neE]+$/.test(a));
	return args.some((a) => /^-[nE]*e[nE]*$/.test(a)) ? unescape(words.join(' ')) : words.join(' ');
}
