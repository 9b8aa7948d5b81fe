/**
 * Catastrophic backtracking, by a real analysis: recheck (makenowjust-labs/recheck, pure-JS backend) builds the
 * regex's automaton and decides whether some input makes a backtracking engine take exponential or polynomial
 * time; when the automaton is too large it fuzzes instead. Used by compileOrgPatterns, so `validate --layer`,
 * `scan`, the extension and the hook apply the same check.
 *
 * Rejected: exponential, and polynomial of degree 3 or more (a 4 KiB line window would take 10^10 steps).
 * Quadratic is accepted: patterns such as `.*secret.*` are quadratic, and a line window bounds them.
 * An analysis that runs out of time or meets a feature recheck does not model says nothing: the static
 * heuristic (regexSafetyProblem) has then already passed, and the hook's time budget is the backstop.
 */
import type * as Recheck from 'recheck';

/** Time recheck may spend on one pattern, in milliseconds. */
export const REDOS_CHECK_MS = 400;

/**
 * Verdicts already reached in this process, keyed by `flags/source`: the problem, or null when none. A caller
 * that runs often (the hook) may fill it from, and save it to, its cache.
 */
export const REDOS_VERDICTS = new Map<string, string | null>();

let recheck: typeof Recheck | undefined | null;

function load(): typeof Recheck | undefined {
	if (recheck === undefined) {
		// Loaded on first use: 3 MB of JavaScript that most runs (a snapshot hit) never need. The bundles keep it in
		// dist/recheck.js beside them (esbuild.mjs); from source (tests) it is the package itself.
		for (const id of ['./recheck.js', 'recheck']) {
			try {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				recheck = require(id) as typeof Recheck;
				break;
			} catch {
				recheck = null;
			}
		}
	}
	return recheck ?? undefined;
}

/** Why the regex can backtrack catastrophically, or undefined when the analysis finds no such input. */
export function backtrackingProblem(source: string, flags: string): string | undefined {
	const key = `${flags}/${source}`;
	const known = REDOS_VERDICTS.get(key);
	if (known !== undefined) {
		return known ?? undefined;
	}
	const lib = load();
	if (!lib) {
		return undefined;
	}
	let problem: string | null = null;
	try {
		// The pure-JS backend, in this thread: the default spawns a worker or a native binary, neither bundled.
		process.env.RECHECK_SYNC_BACKEND = 'pure';
		const r = lib.checkSync(source, flags.replace(/[^imsuy]/g, ''), { timeout: REDOS_CHECK_MS });
		if (r.status === 'vulnerable') {
			const c = r.complexity;
			const attack = r.attack ? ` (e.g. '${escapeAttack(r.attack.pattern)}')` : '';
			if (c.type === 'exponential') {
				problem = `catastrophic backtracking: exponential time on some inputs${attack}`;
			} else if (c.type === 'polynomial' && c.degree >= 3) {
				problem = `catastrophic backtracking: time grows with the cube of the input or worse (degree ${c.degree})${attack}`;
			}
		}
	} catch {
		problem = null;
	}
	REDOS_VERDICTS.set(key, problem);
	return problem ?? undefined;
}

function escapeAttack(s: string): string {
	return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
