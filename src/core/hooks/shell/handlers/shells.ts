/** Shells (`sh -c`, `bash script`, a script piped or fed on stdin): the command they run is walked too. */
import { type Arg, type Env, type Io, MAX_DEPTH } from '../types';
import type { Walker } from '../walk';
import { progName } from '../words';

export function shell(w: Walker, name: string, args: Arg[], env: Env, here: string, depth: number, io: Io): void {
	let i = 0;
	let inline = false;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '--') {
			i++;
			break;
		}
		if (/^[-+]o$/.test(t) || /^[-+]O$/.test(t) || t === '--rcfile' || t === '--init-file') {
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
			w.run(up.slice(1).filter((a) => !/^-[neE]+$/.test(a.text ?? '')).map((a) => a.text ?? '').join(' '), env, `${here} (piped) → `, depth + 1);
			return;
		}
		w.unsure(`${here}: runs commands read from the output of ${upName ?? 'a command'}`);
	}
}
