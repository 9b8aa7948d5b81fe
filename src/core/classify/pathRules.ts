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
 * contain it is not tested against the glob's regex. Globs are compiled to
 * anchored regexes (extglobs are left to minimatch). 100k paths classify in well under a second.
 */
import { braceExpand, Minimatch } from 'minimatch';
import { type Level, levelRank } from '../policy/levels';
import type { PathRule } from '../policy/schema';
import type { Reason } from './types';

const MM_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true, optimizationLevel: 2 } as const;

interface CompiledGlob {
	source: string;
	/** Lower-case literal the path must contain, or '' when none can be derived. */
	literal: string;
	test: (path: string) => boolean;
	key: GlobKey;
}

/** Where a glob can be looked up instead of tested against every path. */
type GlobKey = { kind: 'base'; value: string } | { kind: 'ext'; value: string } | { kind: 'dir'; value: string } | { kind: 'first'; value: string } | { kind: 'none' };

const MAGIC = /[*?[\]{}()!+@\\]/;

/** The index key of an expanded glob: exact basename, `.ext` suffix, any-depth directory, or first segment. */
function globKey(pattern: string): GlobKey {
	const segs = pattern.split('/');
	const first = segs[0] ?? '';
	if (first !== '**') {
		return first !== '' && !MAGIC.test(first) ? { kind: 'first', value: first.toLowerCase() } : { kind: 'none' };
	}
	if (segs.length === 2) {
		const base = segs[1] as string;
		if (!MAGIC.test(base)) return { kind: 'base', value: base.toLowerCase() };
		const star = base.lastIndexOf('*');
		const tail = base.slice(star + 1);
		if (star >= 0 && tail.startsWith('.') && tail.length >= 2 && !MAGIC.test(tail)) return { kind: 'ext', value: tail.toLowerCase() };
		return { kind: 'none' };
	}
	if (segs.length === 3 && segs[2] === '**' && !MAGIC.test(segs[1] as string)) {
		return { kind: 'dir', value: (segs[1] as string).toLowerCase() };
	}
	return { kind: 'none' };
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

function escapeRe(c: string): string {
	return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** One path segment of a glob (no `/`) as a regex fragment: `*`, `?`, `[...]`, escapes. */
function segmentRe(seg: string): string {
	let out = '';
	for (let i = 0; i < seg.length; i++) {
		const c = seg.charAt(i);
		if (c === '\\' && i + 1 < seg.length) {
			out += escapeRe(seg.charAt(++i));
		} else if (c === '*') {
			while (seg.charAt(i + 1) === '*') i++;
			out += '[^/]*';
		} else if (c === '?') {
			out += '[^/]';
		} else if (c === '[') {
			const close = seg.indexOf(']', i + 2);
			if (close === -1) {
				out += '\\[';
				continue;
			}
			let body = seg.slice(i + 1, close);
			if (body.startsWith('!')) body = `^${body.slice(1)}`;
			out += `[${body.replace(/\\(?!\])/g, '\\\\').replace(/\//g, '')}]`;
			i = close;
		} else {
			out += escapeRe(c);
		}
	}
	return out;
}

/**
 * A brace-free glob as an anchored, case-insensitive RegExp with minimatch's `dot: true` semantics: `*` and
 * `?` stay within a segment, `**` spans zero or more segments. (Faster than `Minimatch.match` by an order of
 * magnitude, which matters for 100k-path workspaces.)
 */
export function globToRegExp(glob: string): RegExp {
	const segs = glob.split('/');
	let re = '^';
	let needSep = false;
	for (let i = 0; i < segs.length; i++) {
		const seg = segs[i] as string;
		const last = i === segs.length - 1;
		if (seg === '**') {
			if (last) {
				re += i === 0 ? '.*' : '/.*';
			} else {
				re += i === 0 ? '(?:.*/)?' : '(?:/.*)?/';
				needSep = false;
				continue;
			}
			needSep = true;
			continue;
		}
		re += (needSep ? '/' : '') + segmentRe(seg);
		needSep = true;
	}
	return new RegExp(`${re}$`, 'i');
}

function compileGlob(source: string, pattern: string): CompiledGlob | undefined {
	const literal = /[{}]/.test(pattern) ? '' : requiredLiteral(pattern);
	try {
		if (/[!?+*@]\(/.test(pattern)) {
			// Extglobs: leave them to minimatch.
			const mm = new Minimatch(pattern, MM_OPTIONS);
			return { source, literal, test: (p) => mm.match(p), key: globKey(pattern) };
		}
		const res = braceExpand(pattern).map(globToRegExp);
		if (res.length === 1) {
			const only = res[0] as RegExp;
			return { source, literal, test: (p) => only.test(p), key: globKey(pattern) };
		}
		return { source, literal, test: (p) => res.some((r) => r.test(p)), key: { kind: 'none' } };
	} catch {
		return undefined;
	}
}

/** The compiled path rules of a policy. */
export class PathRuleSet {
	private readonly rules: CompiledRule[] = [];
	readonly errors: PathRuleError[] = [];
	/** Rules that must be tested on every path (a glob with no index key). */
	private always: number[] = [];
	private readonly index = { base: new Map<string, number[]>(), ext: new Map<string, number[]>(), dir: new Map<string, number[]>(), first: new Map<string, number[]>() };

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
		this.rules.forEach((r, i) => {
			let indexed = true;
			for (const g of r.include) {
				if (g.key.kind === 'none') {
					indexed = false;
					break;
				}
			}
			if (!indexed) {
				this.always.push(i);
				return;
			}
			for (const g of r.include) {
				if (g.key.kind === 'none') continue;
				const m = this.index[g.key.kind];
				const list = m.get(g.key.value) ?? [];
				if (!list.includes(i)) list.push(i);
				m.set(g.key.value, list);
			}
		});
	}

	private mark = new Uint32Array(0);
	private generation = 0;

	private markList(list: number[] | undefined): void {
		if (list !== undefined) {
			for (let k = 0; k < list.length; k++) this.mark[list[k] as number] = this.generation;
		}
	}

	/** Marks the rules that may match a path: looked up by basename, extension, directories, first segment. */
	private markCandidates(lower: string): void {
		if (this.mark.length !== this.rules.length) {
			this.mark = new Uint32Array(this.rules.length);
		}
		this.generation = (this.generation + 1) >>> 0 || 1;
		this.markList(this.always);
		const slash = lower.lastIndexOf('/');
		const base = slash === -1 ? lower : lower.slice(slash + 1);
		this.markList(this.index.base.get(base));
		if (this.index.ext.size > 0) {
			for (let d = base.indexOf('.'); d !== -1; d = base.indexOf('.', d + 1)) {
				this.markList(this.index.ext.get(base.slice(d)));
			}
		}
		if (this.index.first.size > 0) {
			const firstEnd = lower.indexOf('/');
			this.markList(this.index.first.get(firstEnd === -1 ? lower : lower.slice(0, firstEnd)));
		}
		if (this.index.dir.size > 0 && slash !== -1) {
			let from = 0;
			while (from < slash) {
				const end = lower.indexOf('/', from);
				this.markList(this.index.dir.get(lower.slice(from, end)));
				from = end + 1;
			}
		}
	}

	get size(): number {
		return this.rules.length;
	}

	/** The reasons (one per matching rule, most severe first) for a workspace-relative POSIX path. */
	match(path: string): Reason[] {
		const p = normalizePath(path);
		const lower = p.toLowerCase();
		const out: Reason[] = [];
		if (this.rules.length === 0) {
			return out;
		}
		this.markCandidates(lower);
		for (let i = 0; i < this.rules.length; i++) {
			if (this.mark[i] !== this.generation) continue;
			const r = this.rules[i] as CompiledRule;
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
		if (g.test(path)) {
			return true;
		}
	}
	return false;
}

/** Workspace-relative POSIX form: backslashes to slashes, no leading `./` or `/`. */
export function normalizePath(path: string): string {
	const c = path.charCodeAt(0);
	if (c !== 46 && c !== 47 && !path.includes('\\')) {
		return path;
	}
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
