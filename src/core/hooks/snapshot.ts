/**
 * The sensitivity snapshot the extension writes for the hook: the few files at or above the threshold,
 * and the path-rule globs that make a file sensitive, so the hook answers without scanning the workspace.
 *
 * Format (version 1), a JSON file in the extension's storage, passed as `--snapshot <abs path>` (or found
 * in `--snapshot-dir` by `snapshotFileName(root)`):
 *
 *     { "version": 1, "root": "/abs/workspace", "policySha256": "…", "policyName": "acme",
 *       "threshold": "confidential", "generatedAt": "2026-…Z",
 *       "files": { ".env": "restricted", "config/prod.yml": "confidential" },
 *       "rules": { ".env": "secrets.dotenv" },
 *       "sensitiveGlobs": ["**\/.env", "**\/*.pem"] }
 *
 * Only files at or above `threshold` are listed: any other file the snapshot knows is below it. A file
 * changed after `generatedAt` and not listed is unknown, and the hook classifies it itself.
 */
import { createHash } from 'node:crypto';
import { minimatch } from 'minimatch';
import type { Level } from '../policy/schema';
import { isLevel, rankOf as levelRank } from './levels';
import type { SensitivityLookup } from './decide';

export interface HookSnapshot {
	version: 1;
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
	/** minimatch globs (dot files included, case-insensitive) of path rules at or above `threshold`. */
	sensitiveGlobs: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates a snapshot file's text. */
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
	if (data.version !== 1) {
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
	if (!isRecord(data.files) || !Object.values(data.files).every(isLevel)) {
		return { error: 'files must map paths to levels' };
	}
	if (data.rules !== undefined && (!isRecord(data.rules) || !Object.values(data.rules).every((v) => typeof v === 'string'))) {
		return { error: 'rules must map paths to rule ids' };
	}
	if (!Array.isArray(data.sensitiveGlobs) || !data.sensitiveGlobs.every((g) => typeof g === 'string')) {
		return { error: 'sensitiveGlobs must be a list of globs' };
	}
	const snapshot: HookSnapshot = {
		version: 1,
		root: data.root,
		policySha256: data.policySha256,
		threshold: data.threshold,
		generatedAt: data.generatedAt,
		files: data.files as Record<string, Level>,
		sensitiveGlobs: data.sensitiveGlobs as string[],
	};
	if (typeof data.policyName === 'string') {
		snapshot.policyName = data.policyName;
	}
	if (data.rules !== undefined) {
		snapshot.rules = data.rules as Record<string, string>;
	}
	return { snapshot };
}

/** Builds a snapshot from the extension's index: keeps only files at or above the threshold. */
export function buildSnapshot(input: {
	root: string;
	policySha256: string;
	policyName?: string;
	threshold: Level;
	files: Iterable<{ path: string; level: Level; rule?: string }>;
	sensitiveGlobs: string[];
	generatedAt?: Date;
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
		version: 1,
		root: input.root,
		policySha256: input.policySha256,
		...(input.policyName !== undefined ? { policyName: input.policyName } : {}),
		threshold: input.threshold,
		generatedAt: (input.generatedAt ?? new Date()).toISOString(),
		files,
		...(Object.keys(rules).length > 0 ? { rules } : {}),
		sensitiveGlobs: input.sensitiveGlobs.filter((g) => !g.startsWith('!')),
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
	const globs = snapshot.sensitiveGlobs;
	return {
		levelOf(rel) {
			const listed = snapshot.files[rel];
			if (listed !== undefined) {
				return listed;
			}
			if (globs.some((g) => minimatch(rel, g, { dot: true, nocase: true }))) {
				return snapshot.threshold;
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
			if (snapshot.rules?.[rel] !== undefined) {
				return snapshot.rules[rel];
			}
			const glob = globs.find((g) => minimatch(rel, g, { dot: true, nocase: true }));
			return glob !== undefined ? `glob:${glob}` : undefined;
		},
	};
}
