/**
 * Scripts given to readers, which can read other files than their operands: sed's `r`/`R` commands, awk's
 * `getline < file` and `system()`, vim/ex `-c` commands, and `trap` strings run later by the shell.
 */
import { escapePattern } from '../pattern';
import type { Arg, Env } from '../types';
import type { Walker } from '../walk';
import { argOf } from '../words';

/** The script texts of a sed or awk call: `-e`/`--expression` values, or the first operand when none. */
function scriptsOf(args: Arg[], exprFlags: string[], fileFlags: string[], valueFlags: string): { scripts: (string | undefined)[] } {
	const scripts: (string | undefined)[] = [];
	let given = false;
	let operandSeen = false;
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		const t = a?.text;
		if (t !== undefined && t.startsWith('-') && t !== '-' && !operandSeen) {
			const eq = t.indexOf('=');
			const flag = t.startsWith('--') && eq > 0 ? t.slice(0, eq) : t;
			if (exprFlags.includes(flag)) {
				scripts.push(t.startsWith('--') && eq > 0 ? t.slice(eq + 1) : args[++i]?.text);
				given = true;
			} else if (fileFlags.includes(flag)) {
				given = true;
				if (!(t.startsWith('--') && eq > 0)) {
					i++;
				}
			} else if (/^-[a-zA-Z]$/.test(t) && valueFlags.includes(t.slice(1))) {
				i++;
			}
			continue;
		}
		if (!given && !operandSeen) {
			scripts.push(t);
		}
		operandSeen = true;
	}
	return { scripts };
}

/** sed: `r FILE` and `R FILE` read FILE (to the end of the line); `e` runs a command. */
export function sedScripts(w: Walker, args: Arg[], env: Env, here: string): void {
	for (const script of scriptsOf(args, ['-e', '--expression'], ['-f', '--file'], 'l').scripts) {
		if (script === undefined) {
			w.unsure(`${here}: a script computed at run time`);
			continue;
		}
		// An address (number, $, /re/ or a range), then the command letter.
		const re = /(?:^|[;\n{}])\s*(?:(?:\d+|\$|\/(?:\\.|[^/\n])*\/)(?:\s*,\s*(?:\d+|\$|\/(?:\\.|[^/\n])*\/))?\s*!?\s*)?([rRwWe])(?:\s+|(?=[^a-zA-Z]))([^\n;}]*)/g;
		let m: RegExpExecArray | null;
		while ((m = re.exec(script))) {
			const file = (m[2] ?? '').trim();
			if ((m[1] === 'r' || m[1] === 'R') && file !== '' && file !== '/dev/stdin') {
				w.pathOperand(argOf([escapePattern(file)], [], file), env, `${here} ${m[1]}`, false, {});
			} else if (m[1] === 'e') {
				if (file === '') {
					w.unsure(`${here}: runs pattern space as a command`);
				} else {
					w.run(file, env, `${here} e → `, 8);
				}
			}
		}
	}
}

/** awk: `getline < "file"` reads it, `getline < expr` is unresolvable, `system("cmd")` and `"cmd" | getline` run. */
export function awkScripts(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	for (const script of scriptsOf(args, ['--source'], ['-f', '--file'], 'Fv').scripts) {
		if (script === undefined) {
			w.unsure(`${here}: a program computed at run time`);
			continue;
		}
		for (const m of script.matchAll(/getline\b[^<|;}\n]*<\s*("((?:\\.|[^"\\])*)"|[^;}\n)]+)/g)) {
			if (m[2] !== undefined) {
				w.pathOperand(argOf([escapePattern(m[2])], [], m[2]), env, `${here} getline`, false, {});
			} else {
				w.unsure(`${here}: getline reads a file named at run time`);
			}
		}
		for (const m of script.matchAll(/(?:\bsystem\s*\(\s*|(?:^|[^\w])(?=")|\bprint[^|;}\n]*\|\s*)("((?:\\.|[^"\\])*)"|[^;}\n)]*)\s*(?:\)|\|\s*getline)/g)) {
			if (m[2] !== undefined) {
				w.run(m[2].replace(/\\(.)/g, '$1'), env, `${here} → `, depth + 1);
			} else if (/\bsystem\s*\(/.test(m[0])) {
				w.unsure(`${here}: runs a command computed at run time`);
			}
		}
	}
}

/** vim/ex/ed `-c CMD` and `+CMD`: `:e FILE`, `:r FILE`, `:sp FILE` read it; `:!cmd` runs it. */
export function editorCommands(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	for (let i = 0; i < args.length; i++) {
		const t = args[i]?.text;
		let cmd: string | undefined;
		if (t === '-c' || t === '--cmd' || t === '-S') {
			cmd = args[++i]?.text;
			if (cmd === undefined) {
				w.unsure(`${here}: a command computed at run time`);
				continue;
			}
		} else if (t?.startsWith('+') && t.length > 1) {
			cmd = t.slice(1);
		}
		if (cmd === undefined) {
			continue;
		}
		for (const part of cmd.split('|')) {
			const m = /^\s*:?\s*(?:e|edit|r|read|sp|split|vs|vsplit|tabe|tabedit|new|vnew|view|so|source)!?\s+(.+?)\s*$/.exec(part);
			if (m?.[1] !== undefined) {
				w.pathOperand(argOf([escapePattern(m[1])], [], m[1]), env, `${here} -c`, false, {});
			}
			const bang = /^\s*:?\s*!(.+)$/.exec(part);
			if (bang?.[1] !== undefined) {
				w.run(bang[1], env, `${here} ! → `, depth + 1);
			}
		}
	}
}

/** `trap 'CMD' SIGNAL…`: the shell runs CMD later. */
export function trapCommand(w: Walker, args: Arg[], env: Env, here: string, depth: number): void {
	const first = args[0];
	if (!first || first.text === '-p' || first.text === '-l' || first.text === '-' || args.length < 2) {
		return;
	}
	if (first.text === undefined) {
		w.unsure(`${here}: a command computed at run time`);
		return;
	}
	w.run(first.text, env, `${here} → `, depth + 1);
}
