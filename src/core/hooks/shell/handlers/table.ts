/**
 * The one table of program families: a program's base name gives the handler that knows which of its
 * arguments, options and scripts read files. Registration order is priority: the first family to claim a
 * name keeps it. A name in no family is an unknown program (its static operands may be read).
 */
import { INTERPRETERS, NON_READERS, READERS, SHELLS, WRAPPERS } from '../programs';
import type { Call } from '../types';
import type { Walker } from '../walk';
import { argOf } from '../words';
import { changeDir, dd, declare, evalString, readVars, shellOptions, tee, watch } from './builtins';
import { git } from './git';
import { interpreter } from './interpreters';
import { http, openssl } from './network';
import { feedOf, find, xargs } from './producers';
import { reader } from './readers';
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
register(['xargs'], (w, c) => xargs(w, c.args, c.env, c.here, c.depth, c.io.upstream ? feedOf(w, c.io.upstream, c.io.upstreamEnv ?? c.env) : undefined));
register(['find'], (w, c) => find(w, c.args, c.env, c.here, c.depth));
register(['watch'], (w, c) => watch(w, c.args, c.env, c.here, c.depth));
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
