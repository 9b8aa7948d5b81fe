/**
 * The sensitivity snapshot the extension writes for the hook: the few files at or above the threshold,
 * and the path rules that make a file sensitive, so the hook answers without scanning the workspace.
 *
 * Format (version 2), a JSON file in the extension's storage, passed as `--snapshot <abs path>` (or found
 * in `--snapshot-dir` by `snapshotFileName(root)`):
 *
 *     { "version": 2, "root": "/abs/workspace", "policySha256": "…", "policyName": "acme",
 *       "threshold": "confidential", "generatedAt": "2026-…Z",
 *       "files": { ".env": "restricted", "config/prod.yml": "confidential" },
 *       "rules": { ".env": "secrets.dotenv" },
 *       "pathRules": [{ "id": "secrets.dotenv", "level": "restricted", "globs": [".env*", "!.env.example"] }] }
 *
 * Only files at or above `threshold` are listed: any other file the snapshot knows is below it. `pathRules` are the
 * policy's path rules at or above the threshold, whole (negations included), matched as the classifier matches them
 * (pathRuleMatch.ts). A file not listed that a rule matches is sensitive; one changed after `generatedAt` that no
 * rule matches is unknown, and the hook classifies it itself.
 *
 * Version 1 (older extensions) had `sensitiveGlobs` instead of `pathRules`: the positive globs only, negations
 * dropped. It is still read, each glob as a rule of its own at the threshold; the extension replaces it with
 * version 2 after its next scan.
 */
import { createHash } from 'node:crypto';
import { type AgentReads, isAgentReadAction } from '../policy/agentReads';
import type { Level } from '../policy/schema';
import { isLevel, rankOf as levelRank } from './levels';
import type { SensitivityLookup } from './decide';
import { compileHookPathRules, type HookPathRule } from './pathRuleMatch';

export interface HookSnapshot {
	version: 2;
	/** Absolute POSIX path of the workspace root the paths are relative to. */
	root: string;
	/** SHA-256 (hex) of the effective policy the snapshot was made with. */
	policySha256: string;
	policyName?: string;
	/** Files at or above this level are sensitive. */
	threshold: Level;
	/** ISO time the snapshot was made. */
	generatedAt: string;
	/** Workspace-relative POSIX path → level, only for files at or above `threshold`. */
	files: Record<string, Level>;
	/** Workspace-relative POSIX path → the id of the rule that gave its level (optional). */
	rules?: Record<string, string>;
	/** The policy's path rules at or above `threshold`, with their negations. */
	pathRules: HookPathRule[];
	/** What an agent's read of a sensitive file gets per level (`workspace.agentReads`); absent: every level denied. */
	agentReads?: AgentReads;
}

/** Bounds on what a snapshot may hold, so that a damaged or hostile file is refused rather than slow. */
const MAX_PATH_RULES = 10_000;
const MAX_GLOBS_PER_RULE = 1_000;
const MAX_GLOB_LENGTH = 4_096;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isGlob = (g: unknown): g is string => typeof g === 'string' && g.length <= MAX_GLOB_LENGTH;

/** The object itself when every own value is valid (JSON.parse makes `__proto__` an own key; lookups use hasOwn). */
function validMap<T>(data: unknown, valid: (v: unknown) => v is T): Record<string, T> | undefined {
	return isRecord(data) && Object.values(data).every(valid) ? (data as Record<string, T>) : undefined;
}

function parsePathRules(data: unknown): HookPathRule[] | string {
	if (!Array.isArray(data) || data.length > MAX_PATH_RULES) {
		return `pathRules must be a list of at most ${MAX_PATH_RULES} rules`;
	}
	const out: HookPathRule[] = [];
	for (const r of data) {
		if (!isRecord(r) || typeof r.id !== 'string' || !isLevel(r.level) || !Array.isArray(r.globs) || r.globs.length > MAX_GLOBS_PER_RULE || !r.globs.every(isGlob)) {
			return 'pathRules: each rule needs an id, a level and a list of globs';
		}
		out.push({ id: r.id, level: r.level, globs: [...r.globs] });
	}
	return out;
}

/** Parses and validates a snapshot file's text (version 2, or version 1 read as version 2). Never throws. */
export function parseSnapshot(text: string): { snapshot: HookSnapshot } | { error: string } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (err) {
		return { error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
	}
	if (!isRecord(data)) {
		return { error: 'not an object' };
	}
	if (data.version !== 1 && data.version !== 2) {
		return { error: `unsupported version ${String(data.version)}` };
	}
	if (typeof data.root !== 'string' || !data.root.startsWith('/') && !/^[A-Za-z]:\//.test(data.root)) {
		return { error: 'root must be an absolute POSIX path' };
	}
	if (typeof data.policySha256 !== 'string' || typeof data.generatedAt !== 'string' || Number.isNaN(Date.parse(data.generatedAt))) {
		return { error: 'policySha256 and generatedAt (ISO time) are required' };
	}
	if (!isLevel(data.threshold)) {
		return { error: 'threshold must be a level' };
	}
	const files = validMap(data.files, isLevel);
	if (!files) {
		return { error: 'files must map paths to levels' };
	}
	const rules = data.rules === undefined ? undefined : validMap(data.rules, (v): v is string => typeof v === 'string');
	if (data.rules !== undefined && !rules) {
		return { error: 'rules must map paths to rule ids' };
	}
	let pathRules: HookPathRule[];
	if (data.version === 1) {
		if (!Array.isArray(data.sensitiveGlobs) || data.sensitiveGlobs.length > MAX_PATH_RULES || !data.sensitiveGlobs.every(isGlob)) {
			return { error: 'sensitiveGlobs must be a list of globs' };
		}
		const threshold = data.threshold;
		pathRules = data.sensitiveGlobs.filter((g) => !g.startsWith('!')).map((g) => ({ id: `glob:${g}`, level: threshold, globs: [g] }));
	} else {
		const parsed = parsePathRules(data.pathRules);
		if (typeof parsed === 'string') {
			return { error: parsed };
		}
		pathRules = parsed;
	}
	const snapshot: HookSnapshot = {
		version: 2,
		root: data.root,
		policySha256: data.policySha256,
		threshold: data.threshold,
		generatedAt: data.generatedAt,
		files,
		pathRules,
	};
	if (typeof data.policyName === 'string') {
		snapshot.policyName = data.policyName;
	}
	if (rules) {
		snapshot.rules = rules;
	}
	if (data.agentReads !== undefined) {
		const reads = validMap(data.agentReads, isAgentReadAction);
		if (!reads || !Object.keys(reads).every(isLevel)) {
			return { error: 'agentReads must map levels to deny, redact or allow' };
		}
		snapshot.agentReads = reads;
	}
	return { snapshot };
}

/**
 * Builds a snapshot from the extension's index: keeps only files at or above the threshold, and the path rules that
 * can make a file reach it (a rule below the threshold can neither make a file sensitive nor lower another rule).
 */
export function buildSnapshot(input: {
	root: string;
	policySha256: string;
	policyName?: string;
	threshold: Level;
	files: Iterable<{ path: string; level: Level; rule?: string }>;
	pathRules: readonly HookPathRule[];
	generatedAt?: Date;
	agentReads?: AgentReads;
}): HookSnapshot {
	const files: Record<string, Level> = {};
	const rules: Record<string, string> = {};
	for (const f of input.files) {
		if (levelRank(f.level) >= levelRank(input.threshold)) {
			files[f.path] = f.level;
			if (f.rule !== undefined) {
				rules[f.path] = f.rule;
			}
		}
	}
	return {
		version: 2,
		root: input.root,
		policySha256: input.policySha256,
		...(input.policyName !== undefined ? { policyName: input.policyName } : {}),
		threshold: input.threshold,
		generatedAt: (input.generatedAt ?? new Date()).toISOString(),
		files,
		...(Object.keys(rules).length > 0 ? { rules } : {}),
		pathRules: input.pathRules.filter((r) => levelRank(r.level) >= levelRank(input.threshold)).map((r) => ({ id: r.id, level: r.level, globs: [...r.globs] })),
		...(input.agentReads && Object.keys(input.agentReads).length > 0 ? { agentReads: { ...input.agentReads } } : {}),
	};
}

/** The file name a snapshot of this root gets inside a `--snapshot-dir`. */
export function snapshotFileName(root: string): string {
	return `${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`;
}

/**
 * A lookup over a snapshot. `modifiedAfter(rel, time)` tells whether a file changed after the snapshot
 * (true: its level is unknown and the caller classifies it); omit it to trust the snapshot entirely.
 */
export function snapshotLookup(snapshot: HookSnapshot, modifiedAfter?: (relPath: string, sinceMs: number) => boolean): SensitivityLookup {
	const since = Date.parse(snapshot.generatedAt);
	const paths = Object.keys(snapshot.files);
	const listed = (rel: string): Level | undefined => (Object.prototype.hasOwnProperty.call(snapshot.files, rel) ? snapshot.files[rel] : undefined);
	const pathRules = compileHookPathRules(snapshot.pathRules);
	const threshold = levelRank(snapshot.threshold);
	const ruleMatch = (rel: string): { rule: string; level: Level } | undefined => {
		const m = pathRules.match(rel);
		return m && levelRank(m.level) >= threshold ? m : undefined;
	};
	return {
		levelOf(rel) {
			const level = listed(rel);
			if (level !== undefined) {
				return level;
			}
			const m = ruleMatch(rel);
			if (m) {
				return m.level;
			}
			if (modifiedAfter?.(rel, since)) {
				return undefined;
			}
			return 'public';
		},
		sensitiveUnder(relDir) {
			if (relDir === '') {
				return paths;
			}
			const prefix = `${relDir}/`;
			return paths.filter((p) => p.startsWith(prefix));
		},
		ruleOf(rel) {
			const id = snapshot.rules && Object.prototype.hasOwnProperty.call(snapshot.rules, rel) ? snapshot.rules[rel] : undefined;
			return id ?? ruleMatch(rel)?.rule;
		},
	};
}
