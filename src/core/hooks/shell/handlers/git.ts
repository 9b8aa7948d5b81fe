/** git: the subcommands that print the work tree's files or their history. */
import { escapePattern } from '../pattern';
import { type Arg, type Env, HOLE } from '../types';
import type { Walker } from '../walk';
import { argOf, cloneEnv, resolve } from '../words';

export function git(w: Walker, args: Arg[], env: Env, here: string): void {
	let e = env;
	let i = 0;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '-C' || t === '-c' || t === '--git-dir' || t === '--work-tree' || t === '--namespace') {
			if (t === '-C') {
				e = { ...cloneEnv(env), cwds: (args[i + 1]?.patterns ?? [HOLE]).flatMap((p) => resolve(p, env)) };
			}
			i++;
			continue;
		}
		if (t.startsWith('-')) {
			continue;
		}
		break;
	}
	const sub = args[i]?.text;
	const rest = args.slice(i + 1);
	const afterDashDash = (): Arg[] => {
		const k = rest.findIndex((a) => a.text === '--');
		return k >= 0 ? rest.slice(k + 1) : [];
	};
	switch (sub) {
		case 'grep': {
			let k = 0;
			let patternGiven = false;
			const paths: Arg[] = [];
			for (; k < rest.length; k++) {
				const t = rest[k]?.text ?? '';
				if (t === '--') {
					paths.push(...rest.slice(k + 1));
					break;
				}
				if (t === '-e' || t === '-f') {
					patternGiven = true;
					k++;
					continue;
				}
				if (/^-[ABCm]$|^--(max-count|context|after-context|before-context|threads)$/.test(t)) {
					k++;
					continue;
				}
				if (t.startsWith('-')) {
					continue;
				}
				if (!patternGiven) {
					patternGiven = true;
					continue;
				}
				const a = rest[k];
				if (a) {
					paths.push(a);
				}
			}
			const targets = paths.length > 0 ? paths : [argOf(['.'], [], '.')];
			for (const p of targets) {
				w.pathOperand(p, e, `${here} grep (recursive)`, true, {});
			}
			return;
		}
		case 'show':
		case 'cat-file':
		case 'blame':
		case 'diff':
		case 'log':
		case 'difftool':
		case 'annotate': {
			for (const a of rest) {
				const t = a.text ?? '';
				const m = /^[^:\s]*:(.+)$/.exec(t);
				if (m?.[1] !== undefined && !t.startsWith('-')) {
					w.pathOperand(argOf([escapePattern(m[1])], [], m[1]), e, `${here} ${sub} (from history)`, false, {});
				}
			}
			for (const a of afterDashDash()) {
				w.pathOperand(a, e, `${here} ${sub}`, false, {});
			}
			if (sub === 'blame' || sub === 'annotate') {
				for (const a of rest) {
					if (a.text !== undefined && !a.text.startsWith('-') && !a.text.includes(':')) {
						w.pathOperand(a, e, `${here} ${sub}`, false, {}, true);
					}
				}
			}
			return;
		}
		case 'archive':
			w.pathOperand(argOf(['.'], [], '.'), e, `${here} archive (recursive)`, true, {});
			return;
		case 'add':
		case 'hash-object':
			if (args.some((a) => a.text === '--stdin-paths')) {
				return;
			}
			if (sub === 'hash-object') {
				return;
			}
			return;
		default:
			return;
	}
}
