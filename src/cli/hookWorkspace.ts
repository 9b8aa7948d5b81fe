/**
 * The hook without a snapshot still knows the workspace's sensitive files: it walks the workspace once (the
 * index's walk: same excluded folders, same .gitignore handling), classifies each file by the effective policy,
 * and keeps the result in the user's cache folder keyed by the policy's hash. The next call re-lists the
 * folders and stats the files, and classifies only what changed, so a glob, a recursive read or a folder
 * argument is judged against the real files it would touch.
 *
 * Bounded: at most MAX_FILES files, and the walk stops before the hook's budget runs out; what it did not reach
 * is reported as `pending` (a read that may touch it is asked about), and the next call goes on from the cache.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { walkWorkspace } from '../core/classify/walk';
import type { HookClassifier } from '../core/hooks/classifierPort';
import type { SensitivityLookup } from '../core/hooks/decide';
import { rankOf as levelRank } from '../core/hooks/levels';
import type { Level } from '../core/policy/schema';
import { readRegularFileSync } from './regularFile';

/** At most this many files are walked and kept. */
export const MAX_FILES = 100_000;
const CACHE_VERSION = 1;

/** One walked file: mtime, size, level, rule, and whether its content was classified (`c`) or only its path (`p`). */
type Entry = [mtimeMs: number, size: number, level: Level, rule: string | null, state: 'c' | 'p'];

interface CacheFile {
	version: number;
	root: string;
	policyHash: string;
	files: Record<string, Entry>;
}

export interface WorkspaceWalkOptions {
	/** The workspace root, as the OS spells it. */
	root: string;
	classifier: HookClassifier;
	threshold: Level;
	/** Content larger than this is classified by path alone (the policy's content.maxFileSizeBytes). */
	maxBytes: number;
	/** Identifies the effective policy: a cache made under another policy is not used. */
	policyHash: string;
	/** The cache file; none when undefined. */
	cacheFile?: string;
	/** Milliseconds the walk may take in this call (it stops cleanly after, leaving the rest pending). */
	timeLeft: () => number;
	maxFiles?: number;
}

export interface WorkspaceIndex {
	lookup: SensitivityLookup;
	/** Whether every file's content is classified. */
	complete(): boolean;
	/** Writes the cache when this call learned something. */
	save(): void;
}

/** The user's cache folder for the hook (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function defaultCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
	const home = env.HOME ?? homedir();
	const base = platform === 'win32' ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local')) : platform === 'darwin' ? path.join(home, 'Library', 'Caches') : (env.XDG_CACHE_HOME ?? path.join(home, '.cache'));
	return path.join(base, 'context-warden', 'hook');
}

/** The cache file of one workspace root in a cache folder. */
export function cacheFileFor(cacheDir: string, root: string): string {
	return path.join(cacheDir, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.json`);
}

/** A stable hash of anything JSON: the policy and its active exceptions. */
export function hashOf(value: unknown): string {
	return createHash('sha256').update(`${CACHE_VERSION}\n${JSON.stringify(value)}`).digest('hex');
}

function readCache(file: string | undefined, root: string, policyHash: string): Record<string, Entry> {
	if (!file) {
		return {};
	}
	const r = readRegularFileSync(file, 256 * 1024 * 1024);
	if (r.kind !== 'bytes') {
		return {};
	}
	try {
		const c = JSON.parse(r.bytes.toString('utf8')) as CacheFile;
		if (c.version === CACHE_VERSION && c.root === root && c.policyHash === policyHash && c.files && typeof c.files === 'object') {
			return c.files;
		}
	} catch {
		// A broken cache is rebuilt.
	}
	return {};
}

/** Walks (lazily, on the first question that needs it) and answers from the walk. */
export function workspaceIndex(opts: WorkspaceWalkOptions): WorkspaceIndex {
	const threshold = levelRank(opts.threshold);
	const maxFiles = opts.maxFiles ?? MAX_FILES;
	let files: Map<string, Entry> | undefined;
	let sensitive: string[] = [];
	let pending: string[] = [];
	let dirty = false;
	let truncated = false;

	const classifyEntry = (rel: string, abs: string, kind: 'file' | 'path-only', st: fs.Stats): Entry => {
		if (kind === 'file' && st.size <= opts.maxBytes) {
			const r = readRegularFileSync(abs, opts.maxBytes);
			if (r.kind === 'bytes') {
				const c = opts.classifier.classifyBytes(rel, r.bytes);
				return [st.mtimeMs, st.size, c.level, c.reasons?.[0]?.rule ?? null, 'c'];
			}
		}
		const c = opts.classifier.classifyPath(rel);
		return [st.mtimeMs, st.size, c.level, c.reasons?.[0]?.rule ?? null, 'c'];
	};

	const build = (): Map<string, Entry> => {
		const cached = readCache(opts.cacheFile, opts.root, opts.policyHash);
		const out = new Map<string, Entry>();
		const rootReal = safeRealpath(opts.root);
		let count = 0;
		for (const e of walkWorkspace(opts.root)) {
			if (++count > maxFiles) {
				truncated = true;
				break;
			}
			let st: fs.Stats;
			try {
				st = fs.lstatSync(e.abs);
			} catch {
				continue;
			}
			if (e.kind === 'skip' && e.reason === 'unreadable') {
				continue;
			}
			const old = Object.prototype.hasOwnProperty.call(cached, e.rel) ? cached[e.rel] : undefined;
			if (old && old[0] === st.mtimeMs && old[1] === st.size && old[4] === 'c') {
				out.set(e.rel, old);
				continue;
			}
			dirty = true;
			if (e.kind === 'skip' && e.reason === 'symlink') {
				// A link is as sensitive as its name and as what it points to inside the workspace.
				const own = opts.classifier.classifyPath(e.rel);
				let entry: Entry = [st.mtimeMs, st.size, own.level, own.reasons?.[0]?.rule ?? null, 'c'];
				const target = safeRealpath(e.abs);
				const rel = target && rootReal && target.startsWith(rootReal + path.sep) ? target.slice(rootReal.length + 1).split(path.sep).join('/') : undefined;
				if (rel !== undefined) {
					const tst = safeStat(target ?? '');
					if (tst) {
						const t = classifyEntry(rel, target ?? '', tst.isFile() ? 'file' : 'path-only', tst);
						if (levelRank(t[2]) > levelRank(entry[2])) {
							entry = [st.mtimeMs, st.size, t[2], t[3], 'c'];
						}
					}
				}
				out.set(e.rel, entry);
				continue;
			}
			// Path rules at once (cheap); content later, while time is left.
			const c = opts.classifier.classifyPath(e.rel);
			out.set(e.rel, [st.mtimeMs, st.size, c.level, c.reasons?.[0]?.rule ?? null, e.kind === 'file' ? 'p' : 'c']);
		}
		for (const [rel, entry] of out) {
			if (entry[4] !== 'p') {
				continue;
			}
			if (levelRank(entry[2]) >= threshold) {
				entry[4] = 'c'; // already sensitive by its path: content cannot lower it
				continue;
			}
			if (opts.timeLeft() <= 0) {
				break;
			}
			const abs = path.join(opts.root, ...rel.split('/'));
			const st = safeStat(abs);
			out.set(rel, st ? classifyEntry(rel, abs, st.isFile() ? 'file' : 'path-only', st) : [entry[0], entry[1], entry[2], entry[3], 'c']);
		}
		sensitive = [];
		pending = [];
		for (const [rel, entry] of out) {
			if (levelRank(entry[2]) >= threshold) {
				sensitive.push(rel);
			} else if (entry[4] === 'p') {
				pending.push(rel);
			}
		}
		return out;
	};

	const ensure = (): Map<string, Entry> => (files ??= build());
	const under = (list: string[], relDir: string): string[] => (relDir === '' ? list : list.filter((p) => p.startsWith(`${relDir}/`)));

	return {
		lookup: {
			levelOf(rel) {
				const e = files?.get(rel);
				return e && e[4] === 'c' ? e[2] : undefined;
			},
			sensitiveUnder(relDir) {
				ensure();
				return under(sensitive, relDir);
			},
			pendingUnder(relDir) {
				ensure();
				return truncated ? [...under(pending, relDir), ...(relDir === '' ? ['…'] : [])] : under(pending, relDir);
			},
			ruleOf(rel) {
				return files?.get(rel)?.[3] ?? undefined;
			},
		},
		complete: () => files !== undefined && pending.length === 0 && !truncated,
		save() {
			if (!files || !dirty || !opts.cacheFile) {
				return;
			}
			const out: CacheFile = { version: CACHE_VERSION, root: opts.root, policyHash: opts.policyHash, files: Object.fromEntries(files) };
			try {
				fs.mkdirSync(path.dirname(opts.cacheFile), { recursive: true, mode: 0o700 });
				const tmp = `${opts.cacheFile}.${process.pid}.tmp`;
				fs.writeFileSync(tmp, JSON.stringify(out), { mode: 0o600 });
				fs.renameSync(tmp, opts.cacheFile);
			} catch {
				// A cache that cannot be written costs the next call a walk, nothing more.
			}
		},
	};
}

function safeRealpath(p: string): string | undefined {
	try {
		return fs.realpathSync(p);
	} catch {
		return undefined;
	}
}

function safeStat(p: string): fs.Stats | undefined {
	try {
		return fs.statSync(p);
	} catch {
		return undefined;
	}
}
