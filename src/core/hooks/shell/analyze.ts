/**
 * Shell analysis for the hook: which files a command line may read, resolved to absolute paths or patterns,
 * and what could not be resolved. Pure: no file system access, so the caller decides with its own lookup.
 */
import { posix } from 'node:path';
import { escapePattern } from './pattern';
import { type Env, HOLE, type ShellAnalysis, type ShellContext } from './types';
import { Walker } from './walk';

/**
 * Analyses a command line: every file it may read (via arguments, redirects, wrappers, nested shells,
 * substitutions, xargs and find -exec), and what it cannot resolve. Never throws.
 */
export function analyzeShellCommand(command: string, ctx: ShellContext): ShellAnalysis {
	const a = new Walker(ctx.readText);
	const cwd = posix.normalize(ctx.cwd);
	const env: Env = { cwds: ctx.cwdDrift ? [cwd, HOLE] : [cwd], vars: new Map(), dirStack: [], dotglob: false, ...(ctx.root !== undefined ? { root: posix.normalize(ctx.root) } : {}) };
	for (const [k, v] of Object.entries(ctx.vars ?? {})) {
		env.vars.set(k, [escapePattern(v)]);
	}
	if (ctx.home !== undefined && !env.vars.has('HOME')) {
		env.vars.set('HOME', [escapePattern(posix.normalize(ctx.home))]);
	}
	a.run(command, env, '', 0);
	return a.result();
}
