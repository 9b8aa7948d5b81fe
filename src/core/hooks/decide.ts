/**
 * The hook's decision: given what a tool call or command line may read, and what the workspace's files are
 * classified, allow it, deny it, or ask the user. Reasons name the rule and the path, never content.
 */
import { posix } from 'node:path';
import type { Level } from '../policy/schema';
import { rankOf as levelRank } from './levels';
import type { ShellRead } from './shell/types';
import { matchPattern, patternBase } from './shell/pattern';

/** What the hook knows about the workspace's files. Paths are workspace-relative POSIX. */
export interface SensitivityLookup {
	/** The file's level; undefined when unknown (the caller may classify it on demand). */
	levelOf(relPath: string): Level | undefined;
	/** Files under a folder (`''` = the root) that may be sensitive: the candidates for recursive reads and globs. */
	sensitiveUnder(relDir: string): string[];
	/** The id of the rule that gave the file its level, when known. */
	ruleOf?(relPath: string): string | undefined;
	/**
	 * Files under a folder whose content is not classified yet (a walk that ran out of time); a read that may
	 * touch one is asked about. `…` stands for files past the walk's limit.
	 */
	pendingUnder?(relDir: string): string[];
}

export type HookVerdict = 'allow' | 'deny' | 'ask';

/** The decision, with a reason fit to show the agent and the user. */
export interface HookDecision {
	decision: HookVerdict;
	reason: string;
	rule?: string;
	/** Workspace-relative paths of the sensitive files concerned (names only). */
	paths: string[];
	/** Sensitive files let through because the policy's action for their level is `redact` or `allow` (names only). */
	passed?: { path: string; level: Level; action: 'redact' | 'allow' }[];
}

export interface DecideOptions {
	/** Absolute POSIX path of the workspace root. */
	root: string;
	/** Files at or above this level may not be read by agent tools. */
	threshold: Level;
	lookup: SensitivityLookup;
	/** Whether the agent can ask the user; when it cannot, what would be asked is denied. */
	supportsAsk: boolean;
	/** Classifies a file the lookup does not know. */
	classify?: (relPath: string) => Level | undefined;
	/** The tool or program, for the reason. */
	tool?: string;
	/**
	 * What a read of a sensitive file at a level gets (`workspace.agentReads`, with `redact` already turned into
	 * `deny` for agents that cannot rewrite tool output); deny when absent.
	 */
	actionOf?: (level: Level) => 'deny' | 'redact' | 'allow';
}

const MAX_NAMED = 3;

/** The workspace-relative form of an absolute path, or undefined when it is outside the root. */
export function relativeToRoot(root: string, abs: string): string | undefined {
	const r = root.endsWith('/') && root.length > 1 ? root.slice(0, -1) : root;
	if (abs === r) {
		return '';
	}
	const prefix = r === '/' ? '/' : `${r}/`;
	return abs.startsWith(prefix) ? abs.slice(prefix.length) : undefined;
}

interface Hit {
	path: string;
	level: Level;
	rule: string;
	via: string;
}

/**
 * Decides on the reads a tool call or a command may make. Denies a certain read of a file at or above the
 * threshold; asks (or denies, where the agent cannot ask) for possible reads and for what could not be
 * resolved while the workspace has sensitive files; allows everything else.
 */
export function decideReads(analysis: { reads: ShellRead[]; uncertain: string[] }, opts: DecideOptions): HookDecision {
	const certain: Hit[] = [];
	const possible: Hit[] = [];
	const unclassified: Hit[] = [];
	const levelCache = new Map<string, Level | undefined>();
	const levelOf = (rel: string): Level | undefined => {
		if (!levelCache.has(rel)) {
			levelCache.set(rel, opts.lookup.levelOf(rel) ?? opts.classify?.(rel));
		}
		return levelCache.get(rel);
	};
	const passed = new Map<string, { path: string; level: Level; action: 'redact' | 'allow' }>();
	const sensitive = (rel: string): Hit | undefined => {
		const level = levelOf(rel);
		if (level === undefined || levelRank(level) < levelRank(opts.threshold)) {
			return undefined;
		}
		const action = opts.actionOf?.(level) ?? 'deny';
		if (action !== 'deny') {
			passed.set(rel, { path: rel, level, action });
			return undefined;
		}
		return { path: rel, level, rule: opts.lookup.ruleOf?.(rel) ?? `level:${level}`, via: '' };
	};
	const root = opts.root.endsWith('/') && opts.root.length > 1 ? opts.root.slice(0, -1) : opts.root;
	const absOf = (rel: string): string => (rel === '' ? root : root === '/' ? `/${rel}` : `${root}/${rel}`);

	for (const r of analysis.reads) {
		const hits: Hit[] = [];
		if (r.glob) {
			const base = patternBase(r.path);
			let relBase = base === '' ? '' : relativeToRoot(root, base);
			if (relBase === undefined && (base === '/' || root.startsWith(`${base}/`))) {
				relBase = '';
			}
			if (relBase !== undefined) {
				for (const c of opts.lookup.sensitiveUnder(relBase)) {
					if (!filtered(c, r) && matchesRead(r, absOf(c), root) && sensitive(c)) {
						const h = sensitive(c);
						if (h) {
							hits.push(h);
						}
					}
				}
				for (const c of opts.lookup.pendingUnder?.(relBase) ?? []) {
					if (c === '…' || (!filtered(c, r) && matchesRead(r, absOf(c), root))) {
						unclassified.push({ path: c, level: opts.threshold, rule: 'hook:unclassified', via: r.via });
					}
				}
			}
		} else if (r.recursive) {
			let rel = relativeToRoot(root, r.path);
			if (rel === undefined && (r.path === '/' || root.startsWith(`${r.path}/`))) {
				rel = '';
			}
			if (rel !== undefined) {
				const exact = sensitive(rel);
				if (exact) {
					hits.push(exact);
				}
				for (const c of opts.lookup.sensitiveUnder(rel)) {
					if (!filtered(c.slice(rel === '' ? 0 : rel.length + 1), r)) {
						const h = sensitive(c);
						if (h) {
							hits.push(h);
						}
					}
				}
				for (const c of opts.lookup.pendingUnder?.(rel) ?? []) {
					if (c === '…' || !filtered(c.slice(rel === '' ? 0 : rel.length + 1), r)) {
						unclassified.push({ path: c, level: opts.threshold, rule: 'hook:unclassified', via: r.via });
					}
				}
			}
		} else {
			const rel = relativeToRoot(root, r.path);
			const h = rel === undefined || rel === '' ? undefined : sensitive(rel);
			if (h) {
				hits.push(h);
			}
		}
		for (const h of hits) {
			(r.maybe ? possible : certain).push({ ...h, via: r.via });
		}
	}

	const withPassed = (d: HookDecision): HookDecision => (passed.size > 0 ? { ...d, passed: [...passed.values()] } : d);
	if (certain.length > 0) {
		return withPassed(verdict('deny', certain, opts));
	}
	if (possible.length > 0) {
		return withPassed(verdict(opts.supportsAsk ? 'ask' : 'deny', possible, opts));
	}
	if (unclassified.length > 0) {
		return {
			decision: opts.supportsAsk ? 'ask' : 'deny',
			reason: `Context Warden: this ${opts.tool ?? 'call'} may read ${unclassified.length} file(s) not classified yet (the workspace is still being indexed); ask the user, or name the files explicitly.`,
			rule: 'hook:unclassified',
			paths: [],
		};
	}
	if (analysis.uncertain.length > 0) {
		// Which files are denied if read, not files read: what this records as passed is put back.
		const readSoFar = new Map(passed);
		const anySensitive = opts.lookup.sensitiveUnder('').filter((c) => sensitive(c));
		passed.clear();
		readSoFar.forEach((v, k) => passed.set(k, v));
		if (anySensitive.length > 0) {
			const why = analysis.uncertain.slice(0, 2).join('; ');
			return {
				decision: opts.supportsAsk ? 'ask' : 'deny',
				reason: `Context Warden: cannot tell which files this ${opts.tool ?? 'command'} reads (${why}), and this workspace has ${anySensitive.length} file(s) classified ${opts.threshold} or above. Name the files explicitly, or ask the user.`,
				rule: 'hook:unresolved',
				paths: [],
			};
		}
	}
	return withPassed({ decision: 'allow', reason: '', paths: [] });
}

function verdict(decision: HookVerdict, hits: Hit[], opts: DecideOptions): HookDecision {
	const unique = [...new Map(hits.map((h) => [h.path, h])).values()];
	const first = unique[0];
	const named = unique.slice(0, MAX_NAMED).map((h) => `${h.path} (${h.level}, rule ${h.rule})`);
	const more = unique.length > MAX_NAMED ? ` and ${unique.length - MAX_NAMED} more` : '';
	const verb = decision === 'deny' ? 'may not be read' : 'may be read';
	const how = first?.via ? ` via ${first.via}` : '';
	const reason =
		decision === 'deny'
			? `Context Warden: ${named.join(', ')}${more} ${verb} by AI agents${how}: files at or above ${opts.threshold} stay on this machine. Ask the user for the specific non-secret value you need.`
			: `Context Warden: this ${opts.tool ?? 'call'} may read ${named.join(', ')}${more}${how}; files at or above ${opts.threshold} stay on this machine unless you allow it.`;
	return { decision, reason, ...(first ? { rule: first.rule } : {}), paths: unique.map((h) => h.path) };
}

/** Whether a recursive read's filters (hidden, include, exclude) leave the file out. `rel` is below the read root. */
function filtered(rel: string, r: ShellRead): boolean {
	const segments = rel.split('/');
	const base = segments[segments.length - 1] ?? '';
	if (r.skipHidden && segments.some((s) => s.startsWith('.'))) {
		return true;
	}
	if (r.include && r.include.length > 0 && !r.include.some((g) => matchPattern(g.includes('/') ? g : g, g.includes('/') ? rel : base, true))) {
		return true;
	}
	if (r.exclude && r.exclude.some((g) => segments.some((s) => matchPattern(g, s, true)) || matchPattern(g, rel, true))) {
		return true;
	}
	return false;
}

/** Whether a glob read covers the file: the pattern matches it, or (recursive) one of its folders. */
function matchesRead(r: ShellRead, abs: string, root: string): boolean {
	if (matchPattern(r.path, abs, r.dot === true)) {
		return true;
	}
	if (r.recursive) {
		let dir = posix.dirname(abs);
		while (dir.length >= root.length && dir !== '/') {
			if (matchPattern(r.path, dir, r.dot === true)) {
				return true;
			}
			dir = posix.dirname(dir);
		}
	}
	return false;
}

/** A direct read of one path by a tool (not a shell command). */
export function directRead(absPath: string, via: string, extra: Partial<ShellRead> = {}): ShellRead {
	return { path: absPath, recursive: false, via, ...extra };
}
