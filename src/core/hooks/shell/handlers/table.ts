/**
 * The one table of program families: a program's base name gives the handler that knows which of its
 * arguments, options and scripts read files. Registration order is priority: the first family to claim a
 * name keeps it. A name in no family is an unknown program (its static operands may be read).
 */
import { INTERPRETERS, NON_READERS, READERS, SHELLS, WRAPPERS } from '../programs';
import { escapePattern } from '../pattern';
import type { Arg, Call, Env, Feed } from '../types';
import type { Walker } from '../walk';
import { argOf, resolve } from '../words';
import { changeDir, dd, declare, evalString, link, readVars, shellOptions, tee, watch } from './builtins';
import { git } from './git';
import { interpreter } from './interpreters';
import { http, openssl } from './network';
import { feedOf, find, xargs } from './producers';
import { reader } from './readers';
import { awkScripts, editorCommands, sedScripts, trapCommand } from './scripts';
import { shell } from './shells';
import { wrapper } from './wrappers';

/** Handles one invocation of a program: records what it reads through the walker. */
export type Handler = (w: Walker, c: Call) => void;

const TABLE = new Map<string, Handler>();

function register(names: Iterable<string>, handler: Handler): void {
	for (const n of names) {
		if (!TABLE.has(n)) {
			TABLE.set(n, handler);
		}
	}
}

const nothing: Handler = () => undefined;

// builtins
register(['cd', 'pushd', 'popd'], (_w, c) => changeDir(c.name, c.args, c.env));
register(['shopt', 'setopt', 'set'], (_w, c) => shellOptions(c.args, c.env));
register(['export', 'declare', 'typeset', 'local', 'readonly'], (_w, c) => declare(c.args, c.env));
register(['read', 'mapfile', 'readarray', 'getopts'], (_w, c) => readVars(c.name, c.args, c.env));
register(['source', '.'], (w, c) => {
	const script = c.args[0];
	if (script) {
		w.pathOperand(script, c.env, c.here, false, {});
	}
});
register(['eval'], (w, c) => evalString(w, c.args, c.env, c.here, c.depth));
register(['busybox', 'toybox'], (w, c) => w.dispatch(c.args, c.env, c.via, c.depth, c.io));
// shells and interpreters
register(SHELLS, (w, c) => shell(w, c.name, c.args, c.env, c.here, c.depth, c.io));
register(Object.keys(INTERPRETERS), (w, c) => interpreter(w, c.name, c.args, c.env, c.here, c.depth, c.io));
// producers and consumers of path names
register(['xargs'], (w, c) =>
	xargs(w, c.args, c.env, c.here, c.depth, c.io.upstream ? feedOf(w, c.io.upstream, c.io.upstreamEnv ?? c.env) : c.io.stdin?.text !== undefined && !c.io.stdin.dynamic ? namesIn(c.io.stdin.text, c.env) : undefined),
);
register(['find'], (w, c) => find(w, c.args, c.env, c.here, c.depth));
register(['watch'], (w, c) => watch(w, c.args, c.env, c.here, c.depth));
register(['trap'], (w, c) => trapCommand(w, c.args, c.env, c.here, c.depth));
register(['npx', 'pnpx'], (w, c) => {
	// `npx -c 'CMD'` runs a command line; otherwise npx runs a package (not a read of the workspace's files).
	const i = c.args.findIndex((a) => a.text === '-c' || a.text === '--call');
	const cmd = i >= 0 ? c.args[i + 1] : undefined;
	if (cmd?.text !== undefined) {
		w.run(cmd.text, c.env, `${c.here} -c → `, c.depth + 1);
	} else if (cmd) {
		w.unsure(`${c.here} -c: a command computed at run time`);
	}
});
// wrappers
for (const [name, spec] of Object.entries(WRAPPERS)) {
	register([name], (w, c) => wrapper(w, c.name, spec, c.args, c.env, c.via, c.depth, c.io));
}
// git, network, single-purpose programs
register(['git'], (w, c) => git(w, c.args, c.env, c.here));
register(['dd'], (w, c) => dd(w, c.args, c.env, c.here));
register(['curl', 'wget', 'http', 'https', 'xh', 'httpie'], (w, c) => http(w, c.name, c.args, c.env, c.here));
register(['openssl'], (w, c) => openssl(w, c.args, c.env, c.here));
register(['tee'], (w, c) => tee(w, c.args, c.env));
register(['ln', 'link'], (w, c) => link(w, c.args, c.env));
// readers (archivers among them: tar's old-style first word `czf` is its options)
for (const [name, spec] of Object.entries(READERS)) {
	register([name], (w, c) => {
		let args = c.args;
		if ((name === 'tar' || name === 'bsdtar') && /^[A-Za-z]*[ctxru][A-Za-z]*$/.test(args[0]?.text ?? '')) {
			const first = args[0];
			if (first) {
				args = [argOf([`-${first.text ?? ''}`], [], first.raw), ...args.slice(1)];
			}
		}
		if (name === 'rg' && args.some((a) => a.text === '--files' || a.text === '--type-list')) {
			return;
		}
		if (namesFromStdin(name, args)) {
			// tar -T -, cpio -o, zip -@: the names come on stdin, from the command piping in (or a heredoc).
			const feed: Feed = c.io.upstream ? feedOf(w, c.io.upstream, c.io.upstreamEnv ?? c.env) : c.io.stdin?.text !== undefined && !c.io.stdin.dynamic ? namesIn(c.io.stdin.text, c.env) : { unknown: 'names read from standard input' };
			w.fromFeed(feed, `${c.here} (names from stdin)`, false, {});
		}
		const list = namesFile(name, args);
		if (list !== undefined) {
			w.pathOperand(list, c.env, `${c.here} (list of names)`, false, {});
			const text = w.textOf(list, c.env);
			if (text === undefined) {
				w.unsure(`${c.here}: reads the files named in ${list.raw}`);
			} else {
				w.fromFeed(namesIn(text, c.env), `${c.here} (listed in ${list.raw})`, false, {});
			}
		}
		if (name === 'sed' || name === 'gsed') {
			sedScripts(w, args, c.env, c.here);
		} else if (/^[gmn]?awk$/.test(name)) {
			awkScripts(w, args, c.env, c.here, c.depth);
		} else if (/^(?:vim?|nvim|ex|view|vimdiff)$/.test(name)) {
			editorCommands(w, args, c.env, c.here, c.depth);
		}
		reader(w, name, spec, args, c.env, c.here, c.io.feed);
	});
}
register(NON_READERS, nothing);

/** The handler for a program's base name, or undefined for an unknown program. */
export function handlerFor(name: string): Handler | undefined {
	const h = TABLE.get(name);
	if (h) {
		return h;
	}
	if (/^python[0-9.]*$/.test(name)) {
		return (w, c) => interpreter(w, c.name, c.args, c.env, c.here, c.depth, c.io);
	}
	return undefined;
}

/** Whether an archiver takes the names of what it archives on stdin. */
function namesFromStdin(name: string, args: Arg[]): boolean {
	const t = args.map((a) => a.text ?? '');
	if (name === 'cpio') {
		return t.some((x) => /^-[a-zA-Z]*[op][a-zA-Z]*$/.test(x) || x === '--create' || x === '--pass-through');
	}
	if (name === 'zip') {
		return t.includes('-@') || t.includes('--names-stdin');
	}
	if (name === 'tar' || name === 'bsdtar') {
		return t.some((x, i) => ((x === '-T' || x === '--files-from') && t[i + 1] === '-') || x === '-T-' || x === '--files-from=-');
	}
	return false;
}

/** tar's `-T FILE` / `--files-from=FILE` (not stdin): a file listing what to archive. */
function namesFile(name: string, args: Arg[]): Arg | undefined {
	if (name !== 'tar' && name !== 'bsdtar') {
		return undefined;
	}
	for (let i = 0; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if ((t === '-T' || t === '--files-from') && args[i + 1]?.text !== '-') {
			return args[i + 1];
		}
		const m = /^(?:--files-from=|-T)(.+)$/.exec(t);
		if (m?.[1] !== undefined && m[1] !== '-') {
			return argOf([escapePattern(m[1])], [], m[1]);
		}
	}
	return undefined;
}

/** Path names written in a text (a heredoc or here-string fed to a names reader), one per line or word. */
export function namesIn(text: string, env: Env): Feed {
	const reads = text
		.split(/\s+/)
		.filter((s) => s !== '')
		.flatMap((p) => resolve(escapePattern(p), env))
		.map((path) => ({ path, recursive: false }));
	return { reads };
}
