/**
 * Shell analysis for the hook: which files a command line may read, resolved to absolute paths or patterns,
 * and what could not be resolved. Pure: no file system access, so the caller decides with its own lookup.
 */
import { posix } from 'node:path';
import { INTERPRETERS, NON_READERS, READERS, type ReaderSpec, SHELLS, WRAPPERS } from './programs';
import { type Redirect, type ShCommand, type ShList, type Word, literalText, parseShell } from './shellParse';
import { escapePattern, isPattern, normalizePattern, unescapePattern } from './shellPattern';

/** One file or folder a command may read. */
export interface ShellRead {
	/** Absolute POSIX path, or a pattern (see `glob`) in the dialect of `shellPattern.ts`. */
	path: string;
	/** A folder read with everything under it. */
	recursive: boolean;
	/** The program (chain) that reads it, e.g. `cat`, `< redirect`, `sh -c → grep -r`. */
	via: string;
	/** `path` is a pattern: a shell glob, or `**` standing for a value unknown at hook time. */
	glob?: boolean;
	/** The command may, not certainly, read it (an unknown program, a guess from interpreter code). */
	maybe?: boolean;
	/** Globs in `path` match a leading dot (find -name); shell globs do not. */
	dot?: boolean;
	/** A recursive reader that skips dot files and folders (rg, ag without --hidden). */
	skipHidden?: boolean;
	/** A recursive reader limited to base names matching one of these shell globs (grep --include). */
	include?: string[];
	/** A recursive reader skipping base names matching these shell globs (grep --exclude, rg -g !x). */
	exclude?: string[];
}

/** What a command line may read, and what the analysis could not resolve (each with why). */
export interface ShellAnalysis {
	reads: ShellRead[];
	uncertain: string[];
	/** Redirect and copy targets written to, for completeness. */
	writes: string[];
}

/** Where the command runs. */
export interface ShellContext {
	/** Absolute POSIX directory the command starts in. */
	cwd: string;
	/** The user's home directory, for `~` and `$HOME`; unknown when omitted. */
	home?: string;
	/** The terminal may be elsewhere than `cwd` (VS Code keeps one terminal whose cwd drifts). */
	cwdDrift?: boolean;
	/** Static environment variables known to the caller. */
	vars?: Record<string, string>;
}

const HOLE = '**';
const MAX_VALUES = 64;
const MAX_DEPTH = 8;

interface Env {
	/** Absolute directory patterns the shell may be in; `**` means unknown. */
	cwds: string[];
	vars: Map<string, string[] | null>;
	dirStack: string[][];
	dotglob: boolean;
}

/** An expanded word: its possible values as patterns, and why parts were unknown. */
interface Arg {
	patterns: string[];
	holes: string[];
	/** The single static value, when the word has no glob and no unknown part. */
	text?: string;
	raw: string;
	/** A process substitution: a pipe, not a file. */
	pipe?: boolean;
}

/** What a command gets besides its words: heredoc text, the command piping into it, names fed by xargs/find. */
interface Io {
	stdin?: { text?: string; dynamic?: boolean };
	upstream?: ShCommand;
	upstreamEnv?: Env;
	feed?: Feed;
}

/** A producer of path names on a pipe or for -exec: what the consumer's extra operands will be. */
type Feed = { reads: Omit<ShellRead, 'via'>[] } | { unknown: string };

/**
 * Analyses a command line: every file it may read (via arguments, redirects, wrappers, nested shells,
 * substitutions, xargs and find -exec), and what it cannot resolve. Never throws.
 */
export function analyzeShellCommand(command: string, ctx: ShellContext): ShellAnalysis {
	const a = new Analyzer();
	const cwd = posix.normalize(ctx.cwd);
	const env: Env = { cwds: ctx.cwdDrift ? [cwd, HOLE] : [cwd], vars: new Map(), dirStack: [], dotglob: false };
	for (const [k, v] of Object.entries(ctx.vars ?? {})) {
		env.vars.set(k, [escapePattern(v)]);
	}
	if (ctx.home !== undefined && !env.vars.has('HOME')) {
		env.vars.set('HOME', [escapePattern(posix.normalize(ctx.home))]);
	}
	a.run(command, env, '', 0);
	return a.result();
}

class Analyzer {
	private reads: ShellRead[] = [];
	private uncertain: string[] = [];
	private writes: string[] = [];
	private seen = new Set<string>();

	result(): ShellAnalysis {
		return { reads: this.reads, uncertain: [...new Set(this.uncertain)], writes: [...new Set(this.writes)] };
	}

	run(src: string, env: Env, via: string, depth: number): void {
		if (depth > MAX_DEPTH) {
			this.unsure(`${via}nesting deeper than ${MAX_DEPTH} levels`);
			return;
		}
		let list: ShList;
		try {
			list = parseShell(src);
		} catch (err) {
			this.unsure(`${via}the command could not be parsed (${err instanceof Error ? err.message : String(err)})`);
			return;
		}
		this.walkList(list, env, via, depth);
	}

	private unsure(why: string): void {
		this.uncertain.push(why);
	}

	private addRead(r: ShellRead): void {
		const key = JSON.stringify(r);
		if (!this.seen.has(key)) {
			this.seen.add(key);
			this.reads.push(r);
		}
	}

	private walkList(list: ShList, env: Env, via: string, depth: number): void {
		for (const item of list.items) {
			const e = item.background ? cloneEnv(env) : env;
			const start = e.cwds;
			let beforePrev = e.cwds;
			item.pipelines.forEach((p, i) => {
				if (i > 0 && item.ops[i - 1] === '||') {
					e.cwds = union(e.cwds, beforePrev);
				}
				beforePrev = e.cwds;
				if (p.commands.length === 1 && p.commands[0]) {
					this.walkCommand(p.commands[0], e, via, depth, undefined, undefined);
				} else {
					let prev: ShCommand | undefined;
					for (const c of p.commands) {
						this.walkCommand(c, cloneEnv(e), via, depth, prev, e);
						prev = c;
					}
				}
			});
			if (e.cwds !== start) {
				e.cwds = union(e.cwds, start);
			}
		}
	}

	private walkCommand(cmd: ShCommand, env: Env, via: string, depth: number, upstream: ShCommand | undefined, upstreamEnv: Env | undefined): void {
		switch (cmd.type) {
			case 'simple': {
				const stdin = this.redirects(cmd.redirects, env, via, depth);
				if (cmd.words.length === 0) {
					for (const w of cmd.assigns) {
						this.assign(w, env, via, depth);
					}
					return;
				}
				for (const w of cmd.assigns) {
					this.expand(assignValue(w), env, via, depth);
				}
				const argv = cmd.words.flatMap((w) => this.expandFields(w, env, via, depth));
				this.dispatch(argv, env, via, depth, { stdin, upstream, upstreamEnv });
				return;
			}
			case 'subshell':
				this.redirects(cmd.redirects, env, via, depth);
				this.walkList(cmd.body, cloneEnv(env), via, depth);
				return;
			case 'group':
				this.redirects(cmd.redirects, env, via, depth);
				this.walkList(cmd.body, env, via, depth);
				return;
			case 'compound': {
				this.redirects(cmd.redirects, env, via, depth);
				for (const w of cmd.words) {
					this.expand(w, env, via, depth);
				}
				const start = env.cwds;
				for (const l of cmd.lists) {
					this.walkList(l, env, via, depth);
				}
				if (env.cwds !== start) {
					env.cwds = union(env.cwds, start);
				}
				return;
			}
			case 'for': {
				this.redirects(cmd.redirects, env, via, depth);
				if (cmd.variable !== '') {
					if (cmd.items === undefined) {
						env.vars.set(cmd.variable, null);
					} else {
						const values: string[] = [];
						for (const w of cmd.items) {
							values.push(...this.expand(w, env, via, depth).patterns);
						}
						env.vars.set(cmd.variable, values.length > MAX_VALUES ? null : values);
					}
				}
				this.walkList(cmd.body, env, via, depth);
				return;
			}
			case 'function':
				this.walkCommand(cmd.body, cloneEnv(env), via, depth, undefined, undefined);
				return;
			case 'arith':
				return;
			case 'test':
				for (const w of cmd.words) {
					this.expand(w, env, via, depth);
				}
				return;
		}
	}

	/** Applies redirects; returns the literal text fed on stdin by a heredoc or here-string, if any. */
	private redirects(redirects: Redirect[], env: Env, via: string, depth: number): { text?: string; dynamic?: boolean } | undefined {
		let stdin: { text?: string; dynamic?: boolean } | undefined;
		for (const r of redirects) {
			if (r.heredoc) {
				const body = this.expand(r.heredoc.body, env, via, depth);
				stdin = body.text !== undefined ? { text: body.text } : { text: literalText(r.heredoc.body), dynamic: true };
				continue;
			}
			const target = this.expand(r.target, env, via, depth);
			if (r.op === '<<<') {
				stdin = target.text !== undefined ? { text: target.text } : { text: literalText(r.target), dynamic: true };
				continue;
			}
			if ((r.op === '<&' || r.op === '>&') && /^(\d+-?|-)$/.test(target.text ?? '')) {
				continue;
			}
			if (r.op === '<' || r.op === '<>' || r.op === '<&') {
				this.pathOperand(target, env, `${via}< redirect`, false, {});
				stdin = undefined;
			} else {
				for (const p of target.patterns) {
					this.writes.push(...resolve(p, env));
				}
			}
		}
		return stdin;
	}

	private assign(word: Word, env: Env, via: string, depth: number): void {
		const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(literalText(word))?.[1];
		const value = this.expand(assignValue(word), env, via, depth);
		if (name !== undefined) {
			env.vars.set(name, value.holes.length > 0 && value.patterns.every((p) => p === HOLE) ? null : value.patterns);
		}
	}

	/** Expands a word into fields: an unquoted lone `$var` splits on blanks; other words are one field. */
	private expandFields(word: Word, env: Env, via: string, depth: number): Arg[] {
		const a = this.expand(word, env, via, depth);
		const only = word.parts.length === 1 ? word.parts[0] : undefined;
		if (only?.kind === 'param' && !only.quoted && a.holes.length === 0) {
			const fields = a.patterns.flatMap((p) => p.split(/[ \t\n]+/).filter((s) => s !== ''));
			return fields.map((p) => argOf([p], [], word.raw));
		}
		return [a];
	}

	/** Expands a word: its possible values as patterns (brace expansion done, globs kept, unknowns as `**`). */
	private expand(word: Word, env: Env, via: string, depth: number): Arg {
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
						this.expand(part.operand, env, via, depth);
					}
					const values = this.lookup(part.name, env);
					if (values === null) {
						holes.push(`$${part.name || '{…}'}`);
						add = [HOLE];
					} else {
						add = part.quoted ? values.map((v) => escapePattern(unescapePattern(v))) : values;
					}
					break;
				}
				case 'cmdsub':
					this.walkList(part.body, cloneEnv(env), `${via}$(…) → `, depth + 1);
					holes.push('command substitution output');
					add = [HOLE];
					break;
				case 'procsub':
					this.walkList(part.body, cloneEnv(env), `${via}<(…) → `, depth + 1);
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

	private lookup(name: string, env: Env): string[] | null {
		const v = env.vars.get(name);
		if (v !== undefined) {
			return v;
		}
		if (name === 'PWD' && env.cwds.length === 1 && env.cwds[0] !== HOLE) {
			return [escapePattern(env.cwds[0] ?? '')];
		}
		return null;
	}

	/** Works out what `upstream | this` feeds as path names (for xargs and `sh` reading its input). */
	private feedOf(upstream: ShCommand, env: Env): Feed {
		if (upstream.type !== 'simple' || upstream.words.length === 0) {
			return { unknown: 'names read from a pipe' };
		}
		const argv = upstream.words.map((w) => this.expand(w, env, '', MAX_DEPTH + 1));
		const name = progName(argv[0]);
		const rest = argv.slice(1);
		if (name === 'find') {
			return { reads: this.findRoots(rest, env).reads };
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

	private dispatch(argv: Arg[], env: Env, via: string, depth: number, io: Io): void {
		const first = argv[0];
		if (!first) {
			return;
		}
		const name = progName(first);
		let args = argv.slice(1);
		if (name === undefined) {
			// A command name computed at run time: its static operands may be read.
			this.unknownProgram('a command computed at run time', args, env, via);
			return;
		}
		const here = `${via}${name}`;
		if (name === 'cd' || name === 'pushd' || name === 'popd') {
			this.changeDir(name, args, env);
			return;
		}
		if (name === 'shopt' || name === 'setopt' || name === 'set') {
			if (args.some((a) => /^(dotglob|globdots|glob_dots)$/i.test(a.text ?? ''))) {
				env.dotglob = true;
			}
			return;
		}
		if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'local' || name === 'readonly') {
			for (const a of args) {
				const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.patterns[0] ?? '');
				if (m?.[1] !== undefined && a.patterns.length === 1) {
					env.vars.set(m[1], a.holes.length > 0 ? null : [m[2] ?? '']);
				}
			}
			return;
		}
		if (name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
			for (const a of args) {
				if (a.text !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.text)) {
					env.vars.set(a.text, null);
				}
			}
			if (name === 'read' && args.length === 0) {
				env.vars.set('REPLY', null);
			}
			return;
		}
		if (name === 'source' || name === '.') {
			const script = args[0];
			if (script) {
				this.pathOperand(script, env, here, false, {});
			}
			return;
		}
		if (name === 'eval') {
			if (args.some((a) => a.text === undefined)) {
				this.unsure(`${here}: evaluates a string computed at run time`);
				return;
			}
			this.run(args.map((a) => a.text ?? '').join(' '), env, `${here} → `, depth + 1);
			return;
		}
		if (name === 'busybox' || name === 'toybox') {
			this.dispatch(args, env, via, depth, io);
			return;
		}
		if (SHELLS.has(name)) {
			this.shell(name, args, env, here, depth, io);
			return;
		}
		if (INTERPRETERS[name] !== undefined || /^python[0-9.]*$/.test(name)) {
			this.interpreter(name, args, env, here, depth, io);
			return;
		}
		if (name === 'xargs') {
			this.xargs(args, env, here, depth, io.upstream ? this.feedOf(io.upstream, io.upstreamEnv ?? env) : undefined);
			return;
		}
		if ((name === 'tar' || name === 'bsdtar') && /^[A-Za-z]*[ctxru][A-Za-z]*$/.test(args[0]?.text ?? '')) {
			const first = args[0];
			if (first) {
				args = [argOf([`-${first.text ?? ''}`], [], first.raw), ...args.slice(1)];
			}
		}
		if (name === 'find') {
			this.find(args, env, here, depth);
			return;
		}
		if (name === 'watch') {
			const rest = skipOptions(args, 'nd', ['--interval', '--differences']).rest;
			if (rest.every((a) => a.text !== undefined)) {
				this.run(rest.map((a) => a.text ?? '').join(' '), env, `${here} → `, depth + 1);
			} else {
				this.unsure(`${here}: runs a command computed at run time`);
			}
			return;
		}
		const wrapper = WRAPPERS[name];
		if (wrapper) {
			this.wrapper(name, wrapper, args, env, via, depth, io);
			return;
		}
		switch (name) {
			case 'git':
				this.git(args, env, here);
				return;
			case 'dd':
				for (const a of args) {
					const m = /^if=(.*)$/s.exec(a.patterns[0] ?? '');
					if (m?.[1] !== undefined) {
						this.pathOperand(argOf([m[1]], a.holes, a.raw), env, here, false, {});
					}
				}
				return;
			case 'curl':
			case 'wget':
			case 'http':
			case 'https':
			case 'xh':
			case 'httpie':
				this.http(name, args, env, here);
				return;
			case 'openssl':
				this.openssl(args, env, here);
				return;
			case 'tee':
				for (const a of args) {
					if (a.text === undefined || !a.text.startsWith('-')) {
						a.patterns.forEach((p) => this.writes.push(...resolve(p, env)));
					}
				}
				return;
		}
		const spec = READERS[name];
		if (name === 'rg' && args.some((a) => a.text === '--files' || a.text === '--type-list')) {
			return;
		}
		if (spec) {
			this.reader(name, spec, args, env, here, io.feed);
			return;
		}
		if (NON_READERS.has(name)) {
			return;
		}
		this.unknownProgram(name, args, env, via);
	}

	private changeDir(name: string, args: Arg[], env: Env): void {
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

	private shell(name: string, args: Arg[], env: Env, here: string, depth: number, io: Io): void {
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
				this.unsure(`${here} -c: runs a command computed at run time`);
				return;
			}
			this.run(script.text, env, `${here} -c → `, depth + 1);
			return;
		}
		if (script) {
			this.pathOperand(script, env, here, false, {});
			return;
		}
		if (io.stdin?.text !== undefined) {
			if (io.stdin.dynamic) {
				this.unsure(`${here}: runs a script with parts computed at run time`);
			}
			this.run(io.stdin.text, env, `${here} <<< → `, depth + 1);
			return;
		}
		if (io.upstream?.type === 'simple') {
			const up = io.upstream.words.map((w) => this.expand(w, env, '', MAX_DEPTH + 1));
			const upName = progName(up[0]);
			if ((upName === 'echo' || upName === 'printf') && up.slice(1).every((a) => a.text !== undefined)) {
				this.run(up.slice(1).filter((a) => !/^-[neE]+$/.test(a.text ?? '')).map((a) => a.text ?? '').join(' '), env, `${here} (piped) → `, depth + 1);
				return;
			}
			this.unsure(`${here}: runs commands read from the output of ${upName ?? 'a command'}`);
		}
	}

	private interpreter(name: string, args: Arg[], env: Env, here: string, depth: number, io: { stdin?: { text?: string; dynamic?: boolean } }): void {
		const codeFlags = INTERPRETERS[name] ?? ['-c'];
		let code: string | undefined;
		let codeDynamic = false;
		let lineMode = false;
		let i = 0;
		let sawScript = false;
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
			this.unsure(`${here}: runs code computed at run time`);
		}
		if (code === undefined) {
			if (sawScript) {
				this.unknownProgram(here, rest, env, '');
			}
			return;
		}
		if (name === 'pwsh' || name === 'powershell') {
			this.scanCode(code, rest, env, here, false);
			return;
		}
		this.scanCode(code, rest, env, here, lineMode);
	}

	/** Guesses what inline interpreter code reads: the string literals in it, and its arguments if it reads argv. */
	private scanCode(code: string, rest: Arg[], env: Env, here: string, lineMode: boolean): void {
		const literals: string[] = [];
		const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g;
		let m: RegExpExecArray | null;
		while ((m = re.exec(code))) {
			const s = m[1] ?? m[2] ?? m[3] ?? '';
			if (s.trim() !== '' && s.length < 1024 && !s.includes('\n')) {
				literals.push(s.replace(/\\(.)/g, '$1'));
			}
		}
		const usesArgv = lineMode || /\bsys\.argv|process\.argv|\bARGV\b|@ARGV|\$ARGV|<>|\bfileinput\b|\$args\b|commandArgs|\$1\b/.test(code);
		const walks = /\bos\.walk|\blistdir|\bscandir|\bglob\b|\.rglob|\.iterdir|readdir|opendir|\bDir\b|\bFind\.find|File::Find|Get-ChildItem|\bgci\b|\bls\b|-Recurse/.test(code);
		const opens = /\bopen\s*\(|read_text|read_bytes|readFile|createReadStream|File\.read|IO\.read|File\.open|fopen|file_get_contents|readlines|slurp|Get-Content|\bgc\b|\bcat\b|\btype\b|\bsubprocess\b|\bexec|\bsystem\s*\(|spawn|popen|`/.test(code);
		const paths = literals.filter((s) => !/^[\s\w]*%[sd]|^https?:|^\s|^[rwab+]{1,3}$|^utf-?8$/i.test(s));
		for (const lit of paths) {
			const templated = lit.replace(/\$\{[^}]*\}|\{[^}]*\}|%[sdr]/g, HOLE);
			const pattern = templated === lit ? escapePattern(lit) : escapePattern(lit).replace(/\\\*\\\*/g, HOLE).replace(/\\\{[^}]*\\\}|%[sdr]/g, HOLE);
			for (const r of resolve(pattern, env)) {
				this.addRead({ path: r, recursive: walks, via: here, ...(isPattern(r) ? { glob: true } : {}) });
			}
			if (!lit.startsWith('/') && !lit.startsWith('~') && /^[\w.@-][\w./@-]*$/.test(lit)) {
				this.addRead({ path: `${HOLE}/${escapePattern(lit)}`, recursive: walks, via: `${here} (path joined at run time)`, glob: true, maybe: true });
			}
		}
		if (usesArgv) {
			for (const a of rest) {
				if (a.text === undefined || !a.text.startsWith('-')) {
					this.pathOperand(a, env, here, walks, {});
				}
			}
		}
		if (walks && paths.length === 0) {
			for (const c of env.cwds) {
				this.addRead({ path: c, recursive: true, via: here, maybe: true, ...(isPattern(c) ? { glob: true } : {}) });
			}
		}
		const shellOut = /\b(?:subprocess|os\.system|system\s*\(|exec(?:Sync)?\s*\(|spawn|popen|`)/.test(code);
		if (shellOut) {
			// A shell command inside: analyse each string literal as a command line too.
			for (const lit of literals) {
				if (/\s/.test(lit)) {
					this.run(lit, env, `${here} → `, MAX_DEPTH - 1);
				}
			}
		}
		if (opens && paths.length === 0 && !usesArgv) {
			this.unsure(`${here}: code opens a file whose name is computed at run time`);
		}
	}

	private xargs(args: Arg[], env: Env, here: string, depth: number, feed: Feed | undefined): void {
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
					this.pathOperand(argOf([escapePattern(value)], [], value), env, here, false, {});
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
					this.pathOperand(argOf([escapePattern(value)], [], value), env, here, false, {});
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
		this.dispatch(inner, env, `${here} → `, depth + 1, { feed: feed ?? { unknown: 'names read from standard input' } });
	}

	/** find's roots and name filters, as the reads a consumer of its output would make. */
	private findRoots(args: Arg[], env: Env): { reads: Omit<ShellRead, 'via'>[]; exprStart: number } {
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

	private find(args: Arg[], env: Env, here: string, depth: number): void {
		const { reads, exprStart } = this.findRoots(args, env);
		for (let j = exprStart; j < args.length; j++) {
			const t = args[j]?.text ?? '';
			if (t === '-fprint' || t === '-fprint0' || t === '-fprintf' || t === '-fls') {
				(args[j + 1]?.patterns ?? []).forEach((p) => this.writes.push(...resolve(p, env)));
			}
			if (t === '-files0-from') {
				const v = args[j + 1];
				if (v) {
					this.pathOperand(v, env, here, false, {});
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
				this.dispatch(inner, env, `${here} ${t} → `, depth + 1, { feed: { reads } });
				j = k;
			}
		}
	}

	private wrapper(name: string, spec: (typeof WRAPPERS)[string], args: Arg[], env: Env, via: string, depth: number, io: Io): void {
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
					this.run(`${v} ${args.slice(i + 1).map((x) => x.raw).join(' ')}`, e, `${via}${name} → `, depth + 1);
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
							this.run(`${v} ${args.slice(i + (consumed ? 2 : 1)).map((x) => x.raw).join(' ')}`, e, `${via}${name} → `, depth + 1);
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
			this.dispatch(rest, e, `${via}${name} → `, depth + 1, io);
		}
	}

	private reader(name: string, spec: ReaderSpec, args: Arg[], env: Env, here: string, feed: Feed | undefined): void {
		const operands: Arg[] = [];
		let recursive = spec.alwaysRecursive === true;
		let cancelled = false;
		let hidden = false;
		let target = false;
		let endOfOptions = false;
		const include: string[] = [];
		const exclude: string[] = [];
		let e = env;
		const fileValue = (value: Arg): void => {
			this.pathOperand(value, e, `${here} (flag value)`, false, {});
		};
		const onFlag = (flag: string, value: Arg | undefined): void => {
			if (spec.recursiveFlags?.includes(flag)) {
				recursive = true;
			}
			if (spec.skipCancelledBy?.includes(flag)) {
				cancelled = true;
			}
			if (spec.skipsHidden?.includes(flag) || spec.skipsHidden?.includes(`-${flag}`)) {
				hidden = true;
			}
			if (spec.targetFlags?.includes(flag)) {
				target = true;
			}
			if (value && spec.fileFlags?.includes(flag)) {
				fileValue(value);
			}
			if (value?.text !== undefined) {
				if (flag === '--include') {
					include.push(value.text);
				} else if (flag === '--exclude' || flag === '--exclude-dir') {
					exclude.push(value.text);
				} else if ((flag === 'g' || flag === '--glob' || flag === '--iglob') && name === 'rg') {
					if (value.text.startsWith('!')) {
						exclude.push(value.text.slice(1));
					} else {
						include.push(value.text);
					}
				} else if (flag === 'C' && (name === 'tar' || name === 'bsdtar')) {
					e = { ...cloneEnv(env), cwds: value.patterns.flatMap((p) => resolve(p, env)) };
				} else if ((flag === '--directories' || flag === 'd') && value.text === 'recurse' && name.endsWith('grep')) {
					recursive = true;
				}
			}
		};
		for (let i = 0; i < args.length; i++) {
			const a = args[i];
			if (!a) {
				continue;
			}
			const t = a.text;
			if (endOfOptions || t === undefined || !t.startsWith('-') || t === '-') {
				if (t !== '-') {
					operands.push(a);
				}
				continue;
			}
			if (t === '--') {
				endOfOptions = true;
				continue;
			}
			if (spec.stopFlags?.includes(t)) {
				break;
			}
			if (t.startsWith('--') || spec.longValue?.includes(t)) {
				const eq = t.indexOf('=');
				const flag = eq >= 0 ? t.slice(0, eq) : t;
				let value: Arg | undefined;
				if (eq >= 0) {
					const v = t.slice(eq + 1);
					value = argOf([escapePattern(v)], [], v);
					if (spec.recursiveFlags?.includes(t)) {
						recursive = true;
					}
				} else if (spec.longValue?.includes(flag)) {
					value = args[i + 1];
					i++;
				}
				onFlag(flag, value);
				continue;
			}
			if (/^-\d+$/.test(t)) {
				continue;
			}
			const letters = t.slice(1);
			for (let k = 0; k < letters.length; k++) {
				const l = letters[k] ?? '';
				if (spec.shortValue?.includes(l)) {
					const inline = letters.slice(k + 1);
					let value: Arg | undefined;
					if (inline !== '') {
						value = argOf([escapePattern(inline)], [], inline);
					} else {
						value = args[i + 1];
						i++;
					}
					onFlag(l, value);
					break;
				}
				onFlag(l, undefined);
			}
		}
		let ops = operands;
		if (spec.skipOperands && !cancelled) {
			ops = ops.slice(spec.skipOperands);
		}
		if (spec.assignmentOperands) {
			ops = ops.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o.patterns[0] ?? ''));
		}
		if (spec.firstIsOutput && ops.length > 0) {
			ops[0]?.patterns.forEach((p) => this.writes.push(...resolve(p, e)));
			ops = ops.slice(1);
		}
		if (spec.lastIsDestination && !target && ops.length >= 2) {
			ops[ops.length - 1]?.patterns.forEach((p) => this.writes.push(...resolve(p, e)));
			ops = ops.slice(0, -1);
		}
		const extra = {
			...(spec.skipsHidden && !hidden ? { skipHidden: true } : {}),
			...(include.length > 0 ? { include } : {}),
			...(exclude.length > 0 ? { exclude } : {}),
		};
		if (ops.length === 0) {
			if (feed) {
				this.fromFeed(feed, here, recursive, extra);
				return;
			}
			if (spec.defaultOperand !== undefined && (!spec.defaultOnlyWhenRecursive || recursive)) {
				ops = [argOf([spec.defaultOperand], [], spec.defaultOperand)];
			}
		} else if (feed) {
			this.fromFeed(feed, here, recursive, extra);
		}
		for (const o of ops) {
			this.pathOperand(o, e, recursive ? `${here} (recursive)` : here, recursive, extra);
		}
	}

	private fromFeed(feed: Feed, here: string, recursive: boolean, extra: Partial<ShellRead>): void {
		if ('unknown' in feed) {
			this.unsure(`${here}: reads files named by ${feed.unknown}`);
			return;
		}
		for (const r of feed.reads) {
			this.addRead({ ...r, ...extra, recursive: r.recursive || recursive, via: here });
		}
	}

	/** A path operand of a reader: a read of each of its values, or uncertainty when its value is unknown. */
	private pathOperand(a: Arg, env: Env, via: string, recursive: boolean, extra: Partial<ShellRead>, maybe = false): void {
		if (a.pipe) {
			return;
		}
		for (const p of a.patterns) {
			if (p === HOLE || /^(\*\*\/?)+$/.test(p)) {
				this.unsure(`${via}: reads a path computed at run time (${a.holes.join(', ') || a.raw})`);
				continue;
			}
			for (const r of resolve(p, env)) {
				if (r === HOLE) {
					this.unsure(`${via}: reads a path relative to an unknown directory (${a.raw})`);
					continue;
				}
				const glob = isPattern(r);
				const hasHole = r.includes(HOLE) && !p.startsWith('/') ? env.cwds.includes(HOLE) : false;
				this.addRead({
					path: glob ? r : unescapePattern(r),
					recursive,
					via,
					...extra,
					...(glob ? { glob: true } : {}),
					...(maybe || (a.holes.length > 0 && glob) || hasHole ? { maybe: true } : {}),
					...(env.dotglob && glob ? { dot: true } : {}),
				});
			}
		}
	}

	/** An unknown program: each static operand naming a file may be read (only sensitive ones matter). */
	private unknownProgram(name: string, args: Arg[], env: Env, via: string): void {
		for (const a of args) {
			const t = a.text;
			if (a.holes.length > 0 || a.pipe) {
				continue;
			}
			if (t !== undefined && t.startsWith('-')) {
				const eq = t.indexOf('=');
				if (eq > 0) {
					const v = t.slice(eq + 1);
					if (v !== '') {
						this.pathOperand(argOf([escapePattern(v)], [], v), env, `${via}${name}`, false, {}, true);
					}
				}
				continue;
			}
			if (t !== undefined && (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || t === '')) {
				continue;
			}
			this.pathOperand(a, env, `${via}${name}`, false, {}, true);
		}
	}

	private git(args: Arg[], env: Env, here: string): void {
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
					this.pathOperand(p, e, `${here} grep (recursive)`, true, {});
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
						this.pathOperand(argOf([escapePattern(m[1])], [], m[1]), e, `${here} ${sub} (from history)`, false, {});
					}
				}
				for (const a of afterDashDash()) {
					this.pathOperand(a, e, `${here} ${sub}`, false, {});
				}
				if (sub === 'blame' || sub === 'annotate') {
					for (const a of rest) {
						if (a.text !== undefined && !a.text.startsWith('-') && !a.text.includes(':')) {
							this.pathOperand(a, e, `${here} ${sub}`, false, {}, true);
						}
					}
				}
				return;
			}
			case 'archive':
				this.pathOperand(argOf(['.'], [], '.'), e, `${here} archive (recursive)`, true, {});
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

	private http(name: string, args: Arg[], env: Env, here: string): void {
		const fileAt = (v: string | undefined, raw: string): void => {
			if (v === undefined) {
				return;
			}
			const m = /^(?:[^@<=]*=)?[@<]([^;]+)(?:;.*)?$/s.exec(v) ?? /^[^@=]*@([^;]+)$/s.exec(v);
			if (m?.[1] !== undefined && m[1] !== '-') {
				this.pathOperand(argOf([escapePattern(m[1])], [], raw), env, `${here} (upload)`, false, {});
			}
		};
		const dataFlags = new Set(['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-F', '--form', '--form-string']);
		const fileFlags = new Set(['-T', '--upload-file', '-K', '--config', '--post-file', '--body-file', '--load-cookies', '-i', '--input-file', '--netrc-file', '--raw']);
		for (let i = 0; i < args.length; i++) {
			const a = args[i];
			const t = a?.text;
			if (!a) {
				continue;
			}
			if (t === undefined) {
				if (a.holes.length > 0 && /@/.test(a.raw)) {
					this.unsure(`${here}: uploads a file whose name is computed at run time`);
				}
				continue;
			}
			const eq = t.startsWith('--') ? t.indexOf('=') : -1;
			const flag = eq > 0 ? t.slice(0, eq) : t;
			const inlineValue = eq > 0 ? t.slice(eq + 1) : undefined;
			if (dataFlags.has(flag) || /^-[dF]./.test(t)) {
				const v = inlineValue ?? (/^-[dF]./.test(t) ? t.slice(2) : args[++i]?.text);
				if (v === undefined && args[i]?.holes.length) {
					this.unsure(`${here}: sends data computed at run time`);
				}
				fileAt(v, t);
				continue;
			}
			if (fileFlags.has(flag)) {
				const v = inlineValue ?? args[++i]?.text;
				if (v !== undefined && v !== '-' && v !== '.') {
					this.pathOperand(argOf([escapePattern(v)], [], v), env, `${here} (upload)`, false, {});
				}
				continue;
			}
			if (/^file:\/\//i.test(t)) {
				this.pathOperand(argOf([escapePattern(decodeURIComponent(t.replace(/^file:\/\/[^/]*/i, '')))], [], t), env, here, false, {});
				continue;
			}
			if ((name === 'http' || name === 'https' || name === 'xh' || name === 'httpie') && /^(?:[^=:@]*(?:=|:=)@|@)(.+)$/.test(t)) {
				const m = /^(?:[^=:@]*(?:=|:=)@|@)(.+)$/.exec(t);
				if (m?.[1] !== undefined) {
					this.pathOperand(argOf([escapePattern(m[1])], [], t), env, `${here} (upload)`, false, {});
				}
			}
			if (name === 'curl' && t.startsWith('-') && !t.startsWith('--') && /^-[a-zA-Z]*[oHXuAeEx]$/.test(t)) {
				i++;
			}
		}
	}

	private openssl(args: Arg[], env: Env, here: string): void {
		const reads = new Set(['-in', '-inkey', '-key', '-signkey', '-kfile', '-cert', '-infiles', '-CAkey', '-certfile', '-sigfile', '-prverify']);
		for (let i = 0; i < args.length; i++) {
			const t = args[i]?.text ?? '';
			const v = args[i + 1];
			if (reads.has(t) && v) {
				this.pathOperand(v, env, `${here} ${t}`, false, {});
				i++;
			} else if (/^-pass(in|out)?$/.test(t) && v?.text?.startsWith('file:')) {
				this.pathOperand(argOf([escapePattern(v.text.slice(5))], [], v.raw), env, `${here} ${t}`, false, {});
				i++;
			} else if (t.startsWith('-') && v?.text !== undefined && !v.text.startsWith('-') && !reads.has(t)) {
				i++;
			}
		}
	}
}

function assignValue(word: Word): Word {
	const parts = [...word.parts];
	const first = parts[0];
	if (first?.kind === 'lit') {
		const eq = first.text.indexOf('=');
		parts[0] = { ...first, text: first.text.slice(eq + 1) };
	}
	return { parts, raw: word.raw };
}

function argOf(patterns: string[], holes: string[], raw: string): Arg {
	const arg: Arg = { patterns, holes, raw };
	if (patterns.length === 1 && holes.length === 0) {
		const p = patterns[0] ?? '';
		if (!isPattern(p)) {
			arg.text = unescapePattern(p);
		}
	}
	return arg;
}

function progName(a: Arg | undefined): string | undefined {
	if (!a || a.holes.length > 0 || a.patterns.length !== 1) {
		return undefined;
	}
	const base = posix.basename(a.text ?? unescapePattern(a.patterns[0] ?? ''));
	return base.replace(/\.exe$/i, '');
}

function cloneEnv(env: Env): Env {
	return { cwds: env.cwds, vars: new Map(env.vars), dirStack: [...env.dirStack], dotglob: env.dotglob };
}

function union(a: string[], b: string[]): string[] {
	return a === b ? a : [...new Set([...a, ...b])];
}

/** Resolves a pattern against the possible current directories. */
function resolve(pattern: string, env: Env): string[] {
	if (pattern.startsWith('/')) {
		return [normalizePattern(pattern)];
	}
	if (pattern.startsWith(HOLE)) {
		return [pattern.startsWith(`${HOLE}/`) || pattern === HOLE ? pattern : `${HOLE}/${pattern.slice(2)}`];
	}
	return env.cwds.map((c) => (c === HOLE ? `${HOLE}/${pattern}` : normalizePattern(`${c}/${pattern}`)));
}

/** Case-insensitive shell glob: each letter becomes `[aA]`. */
function caseless(pattern: string): string {
	return pattern.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** Bash brace expansion on unescaped braces: `{a,b}` and `{1..3}`. */
function braceExpand(s: string, budget = 256): string[] {
	let depth = 0;
	let open = -1;
	let comma = false;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '{') {
			if (depth === 0) {
				open = i;
				comma = false;
			}
			depth++;
		} else if (c === ',' && depth === 1) {
			comma = true;
		} else if (c === '}' && depth > 0) {
			depth--;
			if (depth === 0) {
				const body = s.slice(open + 1, i);
				const pre = s.slice(0, open);
				const post = s.slice(i + 1);
				let alts: string[] | undefined;
				if (comma) {
					alts = splitTopLevel(body);
				} else {
					const m = /^(-?\d+)\.\.(-?\d+)$|^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
					if (m) {
						alts = [];
						if (m[1] !== undefined && m[2] !== undefined) {
							const a = Number(m[1]);
							const b = Number(m[2]);
							for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) {
								alts.push(String(k));
								if (alts.length > budget) {
									break;
								}
							}
						} else if (m[3] !== undefined && m[4] !== undefined) {
							const a = m[3].charCodeAt(0);
							const b = m[4].charCodeAt(0);
							for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) {
								alts.push(String.fromCharCode(k));
							}
						}
					}
				}
				if (alts) {
					const out: string[] = [];
					for (const alt of alts) {
						for (const x of braceExpand(pre + alt + post, budget)) {
							out.push(x);
							if (out.length >= budget) {
								return out;
							}
						}
					}
					return out;
				}
			}
		}
	}
	return [s];
}

function splitTopLevel(body: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i] ?? '';
		if (c === '\\') {
			cur += c + (body[i + 1] ?? '');
			i++;
			continue;
		}
		if (c === '{') {
			depth++;
		} else if (c === '}') {
			depth--;
		}
		if (c === ',' && depth === 0) {
			out.push(cur);
			cur = '';
		} else {
			cur += c;
		}
	}
	out.push(cur);
	return out;
}

/** Skips leading options (short flags in `shortValue` take a value); returns the rest. */
function skipOptions(args: Arg[], shortValue: string, longValue: string[]): { rest: Arg[] } {
	let i = 0;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '--') {
			i++;
			break;
		}
		if (!t.startsWith('-')) {
			break;
		}
		if (longValue.includes(t) || (t.length === 2 && shortValue.includes(t[1] ?? ''))) {
			i++;
		}
	}
	return { rest: args.slice(i) };
}
