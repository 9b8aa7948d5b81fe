/** Interpreters (python -c, node -e, perl -ne, ruby, php…): what their inline code may read. */
import { escapePattern, isPattern } from '../pattern';
import { INTERPRETERS } from '../programs';
import { type Arg, type Env, HOLE, MAX_DEPTH, type Stdin } from '../types';
import type { Walker } from '../walk';
import { resolve } from '../words';

export function interpreter(w: Walker, name: string, args: Arg[], env: Env, here: string, depth: number, io: { stdin?: Stdin }): void {
	const codeFlags = INTERPRETERS[name] ?? ['-c'];
	let code: string | undefined;
	let codeDynamic = false;
	let lineMode = false;
	let i = 0;
	let sawScript = false;
	let scriptArg: Arg | undefined;
	for (; i < args.length; i++) {
		const a = args[i];
		const t = a?.text ?? '';
		if (codeFlags.includes(t) || (t.length > 2 && codeFlags.some((f) => f.length === 2 && t.startsWith('-') && !t.startsWith('--') && t.endsWith(f.slice(1)) && /^-[a-zA-Z]+$/.test(t)))) {
			if (/[np]/.test(t.slice(1, -1)) && (name === 'perl' || name === 'ruby')) {
				lineMode = true;
			}
			const c = args[i + 1];
			i++;
			if (c?.text !== undefined) {
				code = (code ?? '') + c.text + '\n';
			} else if (c) {
				codeDynamic = true;
			}
			continue;
		}
		if ((name === 'perl' || name === 'ruby') && /^-[a-zA-Z]*[np][a-zA-Z]*$/.test(t)) {
			lineMode = true;
			continue;
		}
		if (t === '-m' && name.startsWith('python')) {
			i++;
			sawScript = true;
			i++;
			break;
		}
		if (t === '-') {
			i++;
			break;
		}
		if (t.startsWith('-')) {
			continue;
		}
		if (code === undefined && !codeDynamic) {
			// a script file: running it does not show its source; its arguments may name files
			sawScript = true;
			scriptArg = a;
			i++;
		}
		break;
	}
	const rest = args.slice(i);
	if (code === undefined && !codeDynamic && !sawScript && io.stdin?.text !== undefined) {
		code = io.stdin.text;
		codeDynamic = io.stdin.dynamic === true;
	}
	if (codeDynamic) {
		w.unsure(`${here}: runs code computed at run time`);
	}
	if (code === undefined && sawScript && scriptArg) {
		const written = w.writtenScript(scriptArg, env);
		if (written === null) {
			w.unsure(`${here}: runs a script written by this command`);
		} else if (written !== undefined) {
			code = written;
		}
	}
	if (code === undefined) {
		if (sawScript) {
			w.unknownProgram(here, rest, env, '');
		}
		return;
	}
	if (name === 'pwsh' || name === 'powershell') {
		scanCode(w, code, rest, env, here, false);
		return;
	}
	scanCode(w, code, rest, env, here, lineMode);
}

/** Guesses what inline interpreter code reads: the string literals in it, and its arguments if it reads argv. */
export function scanCode(w: Walker, code: string, rest: Arg[], env: Env, here: string, lineMode: boolean): void {
	const literals: string[] = [];
	const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`|\bqq?\(([^()\n]*)\)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(code))) {
		const s = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
		if (s.trim() !== '' && s.length < 1024 && !s.includes('\n') && !isExistenceCheck(code, m.index)) {
			literals.push(s.replace(/\\(.)/g, '$1'));
		}
	}
	const usesArgv = lineMode || /\bsys\.argv|process\.argv|\bARGV\b|@ARGV|\$ARGV|<>|\bfileinput\b|\$args\b|commandArgs|\$1\b/.test(code);
	if (!usesArgv && computedOpen(code)) {
		w.unsure(`${here}: code opens a file whose name is computed at run time`);
	}
	const walks = /\bos\.walk|\blistdir|\bscandir|\bglob\b|\.rglob|\.iterdir|readdir|opendir|\bDir\b|\bFind\.find|File::Find|Get-ChildItem|\bgci\b|\bls\b|-Recurse/.test(code);
	const opens = /\bopen\s*\(|read_text|read_bytes|readFile|createReadStream|File\.read|IO\.read|File\.open|fopen|file_get_contents|readlines|slurp|Get-Content|\bgc\b|\bcat\b|\btype\b|\bsubprocess\b|\bexec|\bsystem\s*\(|spawn|popen|`/.test(code);
	const paths = literals.filter((s) => !/^[\s\w]*%[sd]|^https?:|^\s|^[rwab+]{1,3}$|^utf-?8$/i.test(s));
	for (const lit of paths) {
		const templated = lit.replace(/\$\{[^}]*\}|\{[^}]*\}|%[sdr]/g, HOLE);
		const pattern = templated === lit ? escapePattern(lit) : escapePattern(lit).replace(/\\\*\\\*/g, HOLE).replace(/\\\{[^}]*\\\}|%[sdr]/g, HOLE);
		for (const r of resolve(pattern, env)) {
			w.addRead({ path: r, recursive: walks, via: here, ...(isPattern(r) ? { glob: true } : {}) });
		}
		if (!lit.startsWith('/') && !lit.startsWith('~') && /^[\w.@-][\w./@-]*$/.test(lit)) {
			w.addRead({ path: `${HOLE}/${escapePattern(lit)}`, recursive: walks, via: `${here} (path joined at run time)`, glob: true, maybe: true });
		}
	}
	if (usesArgv) {
		for (const a of rest) {
			if (a.text === undefined || !a.text.startsWith('-')) {
				w.pathOperand(a, env, here, walks, {});
			}
		}
	}
	if (walks && paths.length === 0) {
		for (const c of env.cwds) {
			w.addRead({ path: c, recursive: true, via: here, maybe: true, ...(isPattern(c) ? { glob: true } : {}) });
		}
	}
	const shellOut = /\b(?:subprocess|os\.system|system\s*\(|exec(?:Sync)?\s*\(|spawn|popen|`)/.test(code);
	if (shellOut) {
		// A shell command inside: analyse each string literal as a command line too.
		for (const lit of literals) {
			if (/\s/.test(lit)) {
				w.run(lit, env, `${here} → `, MAX_DEPTH - 1);
			}
		}
	}
	if (opens && paths.length === 0 && !usesArgv) {
		w.unsure(`${here}: code opens a file whose name is computed at run time`);
	}
}

/** A literal that only names a file to test (exists, isfile, existsSync, stat): an existence check is not a read. */
function isExistenceCheck(code: string, at: number): boolean {
	const before = code.slice(Math.max(0, at - 40), at);
	return /(?:\bexists|\bisfile|\bisdir|\bis_file|\bis_dir|\bexistsSync|\baccessSync|\baccess|\bstatSync|\blstatSync|\bgetsize|\bgetmtime|\bfile_exists|\bis_readable|-[efdsr])\s*\(?\s*$/.test(before);
}

/**
 * Whether code opens a file with an argument that is not a plain literal (`open(".e" + "nv")`, `readFileSync(p)`,
 * `open(F, q(x))` is fine): what it reads is then computed at run time.
 */
function computedOpen(code: string): boolean {
	const call = /\b(?:open|readFileSync|readFile|createReadStream|fopen|file_get_contents|read_file|File\.read|File\.open|IO\.read|Get-Content)\s*\(\s*/g;
	const literal = /^(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|qq?\([^()\n]*\))\s*[,)]/;
	const handle = /^\w+\s*,\s*(?:(?:'[<>+]*'|"[<>+]*")\s*,\s*)?/;
	let m: RegExpExecArray | null;
	while ((m = call.exec(code))) {
		let rest = code.slice(m.index + m[0].length);
		const h = handle.exec(rest);
		if (h && /^(?:my\s+)?\$?\w+$/.test(h[0].split(',')[0]?.trim() ?? '')) {
			rest = rest.slice(h[0].length); // perl: open(FH, "<", "file")
		}
		if (!literal.test(rest)) {
			return true;
		}
	}
	const pathCall = /\bPath\s*\(\s*/g;
	while ((m = pathCall.exec(code))) {
		const rest = code.slice(m.index + m[0].length);
		if (!literal.test(rest) && /^[^)]*\)\s*\.(?:read_text|read_bytes|open)\b/.test(rest)) {
			return true;
		}
	}
	return false;
}
