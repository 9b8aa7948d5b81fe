/**
 * The policy's path rules as the hook matches them: the same decisions as `PathRuleSet`
 * (src/core/classify/pathRules.ts), whose glob expansion and path normalisation it shares, compiled lazily:
 * most hook calls test one or two paths, so compiling every rule up front (as the classifier does, with its
 * lookup indexes for whole workspaces) would cost more than the answer. A unit test
 * (test/unit/hooks/snapshot.test.ts) checks that both agree on a seeded corpus of rules and paths.
 *
 * The decisions, as in pathRules.ts:
 * - minimatch with dot files included and case ignored;
 * - a glob without a slash matches at any depth; a glob with one is anchored at the root (a leading `/` or `./`
 *   dropped); a glob also matches a folder's contents; a trailing `/` means the folder's contents only;
 * - within one rule, `!glob` takes out what the rule's other globs matched; a rule with no usable positive glob
 *   matches nothing;
 * - across rules, the highest level of the rules that match wins.
 */
import { Minimatch } from 'minimatch';
import { expandGlob, normalizePath } from '../classify/pathRules';
import { type Level, levelRank as rankOf } from '../policy/levels';

/** One path rule as the snapshot carries it: the policy's id, level and globs (`!` negations included). */
export interface HookPathRule {
	id: string;
	level: Level;
	globs: string[];
}

/** What the rules say about a path: the highest level among the rules that match, and that rule. */
export interface HookPathMatch {
	rule: string;
	level: Level;
}

export interface HookPathRules {
	/** The most severe matching rule, or undefined when none matches. */
	match(relPath: string): HookPathMatch | undefined;
}

const MM_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true, optimizationLevel: 2 } as const;

interface Compiled {
	id: string;
	level: Level;
	rank: number;
	include: Minimatch[];
	exclude: Minimatch[];
}

function compile(rule: HookPathRule): Compiled | undefined {
	const include: Minimatch[] = [];
	const exclude: Minimatch[] = [];
	for (const raw of rule.globs) {
		const negated = raw.startsWith('!');
		const glob = negated ? raw.slice(1) : raw;
		if (glob.trim().length === 0) {
			continue;
		}
		for (const pattern of expandGlob(glob)) {
			try {
				(negated ? exclude : include).push(new Minimatch(pattern, MM_OPTIONS));
			} catch {
				// an invalid glob is left out, as the classifier leaves it out (and reports it when the policy loads)
			}
		}
	}
	return include.length > 0 ? { id: rule.id, level: rule.level, rank: rankOf(rule.level), include, exclude } : undefined;
}

/** Compiles path rules for the hook. Each rule is compiled on first use: most hook calls test one or two paths. */
export function compileHookPathRules(rules: readonly HookPathRule[]): HookPathRules {
	// Most severe first, so the first match is the answer.
	const ordered = [...rules].sort((a, b) => rankOf(b.level) - rankOf(a.level));
	const compiled: (Compiled | null | undefined)[] = new Array(ordered.length);
	return {
		match(relPath) {
			const p = normalizePath(relPath);
			for (let i = 0; i < ordered.length; i++) {
				let c = compiled[i];
				if (c === undefined) {
					c = compile(ordered[i] as HookPathRule) ?? null;
					compiled[i] = c;
				}
				if (c && c.include.some((m) => m.match(p)) && !c.exclude.some((m) => m.match(p))) {
					return { rule: c.id, level: c.level };
				}
			}
			return undefined;
		},
	};
}
