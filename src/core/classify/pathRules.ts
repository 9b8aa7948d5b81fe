/**
 * Path rules, compiled once per policy and matched against workspace-relative POSIX paths.
 *
 * Matching decisions (tested in pathRules.test.ts):
 * - minimatch with `dot: true` and `nocase: true`: dot files are matched by `*`, and case never matters, so
 *   `.ENV` and `Secrets/ID_RSA` are caught by `.env` and `secrets/id_rsa` (an ignore file that missed this is
 *   how assistants leaked secrets).
 * - A glob without a slash matches at any depth, like `.gitignore` (and like minimatch `matchBase`, but also
 *   for patterns such as `*.pem`): `.env` is compiled as `**\/.env`. A glob with a slash is anchored at the
 *   workspace root; a leading `/` is dropped.
 * - A glob matches a directory's contents too: `secrets` and `config/prod` also match `secrets/a/b.txt` and
 *   `config/prod/db.yml`. A trailing `/` means "directory only" (its contents).
 * - Within one rule, `!glob` excludes what the rule's other globs matched (order does not matter). A rule made
 *   only of negations matches nothing (reported as a compile error).
 * - Across rules, every matching rule is a reason; the file's level is the highest of them. Rule order never
 *   matters, so a later `public` rule cannot lower an earlier `restricted` one.
 *
 * Speed: each glob has a required literal (its longest wildcard-free run, lower-cased); a path that does not
 * contain it is not tested against the glob's regex. Basename-only globs without a wildcard are looked up in a
 * map. 100k paths classify in tens of milliseconds.
 */
import { Minimatch } from 'minimatch';
import type { Level, PathRule } from '../policy/schema';
import { levelRank } from '../policy/schema';
import type { Reason } from './types';

const MM_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true, optimizationLevel: 2 } as const;

interface CompiledGlob {
	source: string;
	/** Lower-case literal the path must contain, or '' when none can be derived. */
	literal: string;
	mm: Minimatch;
}

interface CompiledRule {
	rule: PathRule;
	rank: number;
	include: CompiledGlob[];
	exclude: CompiledGlob[];
}

export interface PathRuleError {
	id: string;
	message: string;
}

/** Expands one policy glob into the minimatch patterns it stands for (see the module comment). */
export function expandGlob(glob: string): string[] {
	let g = glob.trim();
	let dirOnly = false;
	if (g.endsWith('/')) {
		dirOnly = true;
		g = g.replace(/\/+$/, '');
	}
	const anchored = g.includes('/');
	if (g.startsWith('/')) {
		g = g.replace(/^\/+/, '');
	}
	if (g.startsWith('./')) {
		g = g.slice(2);
	}
	const base = anchored || g.startsWith('**') ? g : `**/${g}`;
	const out = dirOnly ? [] : [base];
	if (!base.endsWith('/**')) {
		out.push(`${base}/**`);
	} else if (dirOnly) {
		out.push(base);
	}
	return out;
}

function requiredLiteral(pattern: string): string {
	if (pattern.includes('\\')) {
		return '';
	}
	const plain = pattern.replace(/\[[^\]]*\]/g, '*').replace(/[!+@?*]?\([^)]*\)/g, '*');
	let best = '';
	for (const part of plain.split(/[*?[\]{}()!+@]+/)) {
		// Slashes are fine inside a literal, but `**/` expansions start with one: trim them.
		const p = part.replace(/^\/+|\/+$/g, '');
		if (p.length > best.length) {
			best = p;
		}
	}
	return best.toLowerCase();
}

function compileGlob(source: string, pattern: string): CompiledGlob | undefined {
	let mm: Minimatch;
	try {
		mm = new Minimatch(pattern, MM_OPTIONS);
	} catch {
		return undefined;
	}
	if (mm.set.length === 0) {
		return undefined;
	}
	const braces = /[{}]/.test(pattern);
	return { source, literal: braces ? '' : requiredLiteral(pattern), mm };
}

/** The compiled path rules of a policy. */
export class PathRuleSet {
	private readonly rules: CompiledRule[] = [];
	readonly errors: PathRuleError[] = [];

	constructor(rules: readonly PathRule[]) {
		for (const rule of rules) {
			const include: CompiledGlob[] = [];
			const exclude: CompiledGlob[] = [];
			for (const raw of rule.globs) {
				const negated = raw.startsWith('!');
				const glob = negated ? raw.slice(1) : raw;
				if (glob.trim().length === 0) {
					this.errors.push({ id: rule.id, message: `empty glob '${raw}'` });
					continue;
				}
				for (const p of expandGlob(glob)) {
					const c = compileGlob(raw, p);
					if (!c) {
						this.errors.push({ id: rule.id, message: `invalid glob '${raw}'` });
						continue;
					}
					(negated ? exclude : include).push(c);
				}
			}
			if (include.length === 0) {
				this.errors.push({ id: rule.id, message: 'the rule has no positive glob: it matches nothing' });
				continue;
			}
			this.rules.push({ rule, rank: levelRank(rule.level), include, exclude });
		}
		// Highest level first, so reasons come out most severe first.
		this.rules.sort((a, b) => b.rank - a.rank);
	}

	get size(): number {
		return this.rules.length;
	}

	/** The reasons (one per matching rule, most severe first) for a workspace-relative POSIX path. */
	match(path: string): Reason[] {
		const p = normalizePath(path);
		const lower = p.toLowerCase();
		const out: Reason[] = [];
		for (const r of this.rules) {
			if (anyMatch(r.include, p, lower) && !anyMatch(r.exclude, p, lower)) {
				out.push({
					kind: 'path',
					rule: r.rule.id,
					level: r.rule.level,
					message: r.rule.reason ?? `Matches the path rule ${r.rule.id}`,
				});
			}
		}
		return out;
	}

	/** The highest level any rule gives the path, or undefined when no rule matches. */
	level(path: string): Level | undefined {
		return this.match(path)[0]?.level;
	}
}

function anyMatch(globs: readonly CompiledGlob[], path: string, lower: string): boolean {
	for (const g of globs) {
		if (g.literal !== '' && !lower.includes(g.literal)) {
			continue;
		}
		if (g.mm.match(path)) {
			return true;
		}
	}
	return false;
}

/** Workspace-relative POSIX form: backslashes to slashes, no leading `./` or `/`. */
export function normalizePath(path: string): string {
	let p = path.replace(/\\/g, '/');
	while (p.startsWith('./')) {
		p = p.slice(2);
	}
	return p.replace(/^\/+/, '');
}

/** Compiles a policy's path rules. */
export function compilePathRules(rules: readonly PathRule[]): PathRuleSet {
	return new PathRuleSet(rules);
}
