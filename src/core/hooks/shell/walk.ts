/**
 * The command walk: lists, pipelines, compound commands and redirects, each simple command handed to the
 * handler of its program family. Collects the reads, the writes and what could not be resolved.
 */
import { posix } from 'node:path';
import { handlerFor } from './handlers/table';
import { printed } from './handlers/shells';
import { type Redirect, type ShCommand, type ShList, type Word, literalText, parseShell } from './parse';
import { escapePattern, isPattern, unescapePattern } from './pattern';
import { type Arg, type Env, type Feed, HOLE, type Io, MAX_DEPTH, MAX_VALUES, type ShellAnalysis, type ShellRead, type Stdin } from './types';
import { assign, expand, expandFields } from './expand';
import { argOf, cloneEnv, progName, resolve, union } from './words';

export class Walker {
	/** `readText`: a small file's text (lists of names, scripts), from the caller; the analysis itself does no I/O. */
	constructor(private readonly readText?: (absPath: string) => string | undefined) {}

	private readonly reads: ShellRead[] = [];
	private readonly uncertain: string[] = [];
	/** Redirect and copy targets written to. */
	readonly writes: string[] = [];
	private readonly seen = new Set<string>();
	/** Files this command line writes, with their text when it is known (see rememberWritten). */
	private readonly written = new Map<string, string | null>();
	/** Links this command line made: link path → target path (absolute). */
	private readonly links = new Map<string, string>();

	/** Records `ln [-s] TARGET LINK`: reads through LINK later in the line read TARGET. */
	link(linkAbs: string, targetAbs: string): void {
		this.links.set(posix.normalize(linkAbs), posix.normalize(targetAbs));
	}

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

	unsure(why: string): void {
		this.uncertain.push(why);
	}

	addRead(r: ShellRead): void {
		const key = JSON.stringify(r);
		if (!this.seen.has(key)) {
			this.seen.add(key);
			this.reads.push(r);
		}
	}

	walkList(list: ShList, env: Env, via: string, depth: number): void {
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

	walkCommand(cmd: ShCommand, env: Env, via: string, depth: number, upstream: ShCommand | undefined, upstreamEnv: Env | undefined): void {
		switch (cmd.type) {
			case 'simple': {
				const stdin = this.redirects(cmd.redirects, env, via, depth);
				if (cmd.words.length === 0) {
					for (const w of cmd.assigns) {
						this.assign(w, env, via, depth);
					}
					return;
				}
				// `NAME=value cmd`: the words are expanded before the assignments; the command runs with them
				// (BASH_ENV=.env bash -c …).
				const cmdEnv = cmd.assigns.length > 0 ? cloneEnv(env) : env;
				for (const w of cmd.assigns) {
					this.assign(w, cmdEnv, via, depth);
				}
				const argv = cmd.words.flatMap((w) => this.expandFields(w, env, via, depth));
				this.rememberWritten(argv, cmd.redirects, stdin, env);
				this.dispatch(argv, cmdEnv, via, depth, { stdin, upstream, upstreamEnv });
				if (cmdEnv !== env) {
					env.cwds = cmdEnv.cwds;
				}
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
	redirects(redirects: Redirect[], env: Env, via: string, depth: number): { text?: string; dynamic?: boolean } | undefined {
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
				// The file's text feeds the command (names for xargs, a script for sh), when it can be known.
				const text = target.text !== undefined && r.op === '<' ? this.textOf(target, env) : undefined;
				stdin = text !== undefined ? { text } : undefined;
			} else {
				for (const p of target.patterns) {
					this.writes.push(...resolve(p, env));
				}
			}
		}
		return stdin;
	}

	/** Applies `NAME=value` to the shell state. */
	assign(word: Word, env: Env, via: string, depth: number): void {
		assign(this, word, env, via, depth);
	}

	/** Expands a word into fields (see expand.ts). */
	expandFields(word: Word, env: Env, via: string, depth: number): Arg[] {
		return expandFields(this, word, env, via, depth);
	}

	/** Expands a word into its possible values (see expand.ts). */
	expand(word: Word, env: Env, via: string, depth: number): Arg {
		return expand(this, word, env, via, depth);
	}

	/**
	 * Options that name a file for any program: env files (`node --env-file`, `docker run --env-file`, kubectl's
	 * `--from-env-file`/`--from-file`), and lists of names (`--files0-from`, `--files-from`).
	 */
	private fileOptions(args: Arg[], env: Env, here: string): void {
		for (let i = 0; i < args.length; i++) {
			const t = args[i]?.text;
			const m = t === undefined ? null : /^--(env-file|env-file-if-exists|from-env-file|from-file|files0-from|files-from)(?:=(.*))?$/s.exec(t);
			if (!m) {
				continue;
			}
			let value = m[2];
			if (value === undefined) {
				const next = args[i + 1];
				if (next && next.text === undefined) {
					this.unsure(`${here} --${m[1]}: a file computed at run time`);
				}
				value = next?.text;
				i++;
			}
			if (value === undefined || value === '' || value === '-') {
				continue;
			}
			if (m[1] === 'from-file' && value.includes('=')) {
				value = value.slice(value.indexOf('=') + 1);
			}
			this.pathOperand(argOf([escapePattern(value)], [], value), env, `${here} --${m[1]}`, false, {});
			if (m[1] === 'files0-from' || m[1] === 'files-from') {
				const list = this.textOf(argOf([escapePattern(value)], [], value), env);
				if (list === undefined) {
					this.unsure(`${here}: reads the files named in ${value}`);
				} else {
					for (const name of list.split(m[1] === 'files0-from' ? '\0' : '\n').filter((n) => n !== '')) {
						this.pathOperand(argOf([escapePattern(name)], [], name), env, `${here} (listed in ${value})`, false, {});
					}
				}
			}
		}
	}

	/**
	 * Remembers what `echo …`, `printf …` or `cat <<EOF` writes into a file (`> script.sh`), so that running that
	 * script later in the same command line is analysed; a file written otherwise is remembered as unknown.
	 */
	private rememberWritten(argv: Arg[], redirects: Redirect[], stdin: Stdin | undefined, env: Env): void {
		const outs = redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>');
		if (outs.length === 0) {
			return;
		}
		const name = progName(argv[0]);
		let text: string | null = null;
		if ((name === 'echo' || name === 'printf') && argv.slice(1).every((a) => a.text !== undefined)) {
			text = printed(name, argv.slice(1).map((a) => a.text ?? ''));
		} else if (name === 'cat' && argv.length === 1 && stdin?.text !== undefined && !stdin.dynamic) {
			text = stdin.text;
		}
		for (const r of outs) {
			const target = this.expand(r.target, env, '', MAX_DEPTH + 1);
			for (const p of target.patterns) {
				for (const abs of resolve(p, env).map(unescapePattern)) {
					const prev = this.written.get(abs);
					this.written.set(abs, r.op === '>>' && prev !== undefined ? (prev === null || text === null ? null : prev + text) : text);
				}
			}
		}
	}

	/** A file's text: what this command line wrote into it, or what the caller can read (small regular files). */
	textOf(file: Arg, env: Env): string | undefined {
		const written = this.writtenScript(file, env);
		if (written !== undefined) {
			return written ?? undefined;
		}
		if (!this.readText || file.text === undefined) {
			return undefined;
		}
		const abs = resolve(escapePattern(file.text), env);
		return abs.length === 1 && !abs[0]?.includes(HOLE) ? this.readText(unescapePattern(abs[0] ?? '')) : undefined;
	}

	/** The text this command line wrote into a script it now runs: a string, null when unknown, undefined when not written here. */
	writtenScript(script: Arg, env: Env): string | null | undefined {
		for (const p of script.patterns) {
			for (const abs of resolve(p, env)) {
				const t = this.written.get(unescapePattern(abs));
				if (t !== undefined || this.written.has(unescapePattern(abs))) {
					return t ?? null;
				}
			}
		}
		return undefined;
	}

	/** Hands one program invocation to the handler of its family (see handlers/table.ts). */
	dispatch(argv: Arg[], env: Env, via: string, depth: number, io: Io): void {
		const first = argv[0];
		if (!first) {
			return;
		}
		const name = progName(first);
		const args = argv.slice(1);
		if (name === undefined) {
			// A command name computed at run time: its static operands may be read.
			this.unknownProgram('a command computed at run time', args, env, via);
			return;
		}
		this.fileOptions(args, env, `${via}${name}`);
		const handler = handlerFor(name);
		if (handler) {
			handler(this, { name, args, env, via, here: `${via}${name}`, depth, io });
			return;
		}
		this.unknownProgram(name, args, env, via);
	}

	fromFeed(feed: Feed, here: string, recursive: boolean, extra: Partial<ShellRead>): void {
		if ('unknown' in feed) {
			this.unsure(`${here}: reads files named by ${feed.unknown}`);
			return;
		}
		for (const r of feed.reads) {
			this.addRead({ ...r, ...extra, recursive: r.recursive || recursive, via: here });
		}
	}

	/** A path operand of a reader: a read of each of its values, or uncertainty when its value is unknown. */
	pathOperand(a: Arg, env: Env, via: string, recursive: boolean, extra: Partial<ShellRead>, maybe = false): void {
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
				// Through a link this command line made (ln -s config c; cat c/prod.yml): the target is read.
				if (!glob) {
					const plain = unescapePattern(r);
					for (const [link, target] of this.links) {
						if (plain === link || plain.startsWith(`${link}/`)) {
							this.addRead({ path: target + plain.slice(link.length), recursive, via: `${via} (through ${link})`, ...extra, ...(maybe ? { maybe: true } : {}) });
						}
					}
				}
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
	unknownProgram(name: string, args: Arg[], env: Env, via: string): void {
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
}
