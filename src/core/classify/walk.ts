/**
 * Walking a workspace on disk (node:fs): which files there are, and which are not to be content-scanned.
 *
 * Decisions:
 * - Directories named in `excludeDirs` (default `.git`, `.hg`, `.svn`, `node_modules`) are not entered and
 *   their files are not listed: version-control internals and installed packages are not workspace content.
 * - `.gitignore` files (at every level, with negations, via the `ignore` package) are honoured: an ignored
 *   directory is not entered; an ignored file is listed with `excluded` (path rules only), because an
 *   assistant can still open it and path rules such as `.env` must still flag it. Pass `gitignore: false` to
 *   scan everything.
 * - Symbolic links are never followed (so no loops and nothing outside the root is read): each is listed as
 *   skipped `symlink`, with whether it is broken or points outside the workspace.
 * - Sockets, FIFOs and devices are `not-a-file`; a directory or file that cannot be read is `unreadable`.
 *   Nothing here throws for a file-system problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkipReason } from './types';

export const DEFAULT_EXCLUDED_DIRS: readonly string[] = ['.git', '.hg', '.svn', 'node_modules'];

export interface WalkOptions {
	/** Directory names that are never entered. Default: `DEFAULT_EXCLUDED_DIRS`. */
	excludeDirs?: readonly string[];
	/** Honour `.gitignore` files. Default: true. */
	gitignore?: boolean;
}

/** A walked entry. Files carry no size: the reader learns it from the open descriptor (one `stat` fewer per file). */
export type WalkEntry =
	| { kind: 'file'; rel: string; abs: string }
	| { kind: 'skip'; rel: string; abs: string; reason: SkipReason; detail?: string };

interface IgnoreLevel {
	base: string;
	ig: Ignore;
}

function ignoredBy(levels: readonly IgnoreLevel[], rel: string, isDir: boolean): boolean {
	let ignored = false;
	for (const l of levels) {
		const sub = l.base === '' ? rel : rel.slice(l.base.length + 1);
		if (sub === '' || sub.startsWith('../')) {
			continue;
		}
		const r = l.ig.test(isDir ? `${sub}/` : sub);
		if (r.ignored) {
			ignored = true;
		} else if (r.unignored) {
			ignored = false;
		}
	}
	return ignored;
}

function readGitignore(dirAbs: string, base: string): IgnoreLevel | undefined {
	try {
		const text = fs.readFileSync(path.join(dirAbs, '.gitignore'), 'utf8');
		return { base, ig: ignore().add(text) };
	} catch {
		return undefined;
	}
}

function symlinkDetail(abs: string, rootReal: string): string {
	try {
		const target = fs.realpathSync(abs);
		const inside = target === rootReal || target.startsWith(rootReal + path.sep);
		return inside ? 'symbolic link, not followed' : 'symbolic link to outside the workspace, not followed';
	} catch {
		return 'broken symbolic link (or a loop)';
	}
}

/**
 * Lists the files under `root` in path order, as workspace-relative POSIX paths, with the entries that are
 * not to be content-scanned marked `skip` and why. Never follows symbolic links; never throws for a file.
 */
export function* walkWorkspace(root: string, options: WalkOptions = {}): Generator<WalkEntry> {
	const exclude = new Set(options.excludeDirs ?? DEFAULT_EXCLUDED_DIRS);
	const useGitignore = options.gitignore ?? true;
	let rootReal = root;
	try {
		rootReal = fs.realpathSync(root);
	} catch {
		// Reported below as unreadable.
	}
	const stack: { abs: string; rel: string; levels: IgnoreLevel[] }[] = [{ abs: root, rel: '', levels: [] }];
	while (stack.length > 0) {
		const dir = stack.pop() as { abs: string; rel: string; levels: IgnoreLevel[] };
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(dir.abs, { withFileTypes: true });
		} catch (err) {
			yield { kind: 'skip', rel: dir.rel || '.', abs: dir.abs, reason: 'unreadable', detail: (err as Error).message };
			continue;
		}
		let levels = dir.levels;
		if (useGitignore && entries.some((e) => e.name === '.gitignore')) {
			const own = readGitignore(dir.abs, dir.rel);
			if (own) {
				levels = [...levels, own];
			}
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const subdirs: { abs: string; rel: string; levels: IgnoreLevel[] }[] = [];
		for (const e of entries) {
			const abs = path.join(dir.abs, e.name);
			const rel = dir.rel === '' ? e.name : `${dir.rel}/${e.name}`;
			if (e.isDirectory()) {
				if (exclude.has(e.name) || (useGitignore && ignoredBy(levels, rel, true))) {
					continue;
				}
				subdirs.push({ abs, rel, levels });
				continue;
			}
			if (e.isSymbolicLink()) {
				yield { kind: 'skip', rel, abs, reason: 'symlink', detail: symlinkDetail(abs, rootReal) };
				continue;
			}
			if (!e.isFile()) {
				yield { kind: 'skip', rel, abs, reason: 'not-a-file' };
				continue;
			}
			if (useGitignore && ignoredBy(levels, rel, false)) {
				yield { kind: 'skip', rel, abs, reason: 'excluded', detail: 'ignored by .gitignore: path rules only' };
				continue;
			}
			yield { kind: 'file', rel, abs };
		}
		// Depth-first in name order: push in reverse so the first name is walked first.
		for (let i = subdirs.length - 1; i >= 0; i--) {
			stack.push(subdirs[i] as { abs: string; rel: string; levels: IgnoreLevel[] });
		}
	}
}

export type BoundedRead = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'too-large'; size: number } | { kind: 'error'; message: string };

/** A read buffer reused across files; `readFileBounded` grows it when a file needs more. */
export interface ReadScratch {
	buffer: Uint8Array;
}

/**
 * Reads a regular file, at most `maxBytes` of it: a file that is (or has grown) larger is `too-large` and not
 * read further. With `scratch`, its buffer is reused, and grown when too small (the result is a view into it).
 * A file is read up to the size its descriptor reported (a file reporting 0, like many in /proc, to its end).
 */
export function readFileBounded(abs: string, maxBytes: number, scratch?: ReadScratch): BoundedRead {
	let fd: number | undefined;
	try {
		fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
		const st = fs.fstatSync(fd);
		if (!st.isFile()) {
			return { kind: 'error', message: 'not a regular file' };
		}
		if (st.size > maxBytes) {
			return { kind: 'too-large', size: st.size };
		}
		const cap = maxBytes + 1;
		const need = Math.min(cap, st.size + 1);
		let buf: Uint8Array;
		if (scratch) {
			if (scratch.buffer.length < need) {
				scratch.buffer = new Uint8Array(Math.min(cap, Math.max(need, scratch.buffer.length * 2)));
			}
			buf = scratch.buffer;
		} else {
			buf = new Uint8Array(need);
		}
		let n = 0;
		for (;;) {
			if (n === buf.length) {
				return n >= cap ? { kind: 'too-large', size: n } : { kind: 'bytes', bytes: buf.subarray(0, n) };
			}
			const r = fs.readSync(fd, buf, n, buf.length - n, null);
			if (r === 0) {
				break;
			}
			n += r;
			if (st.size > 0 && n >= st.size) {
				break;
			}
		}
		if (n > maxBytes) {
			return { kind: 'too-large', size: n };
		}
		return { kind: 'bytes', bytes: buf.subarray(0, n) };
	} catch (err) {
		return { kind: 'error', message: (err as Error).message };
	} finally {
		if (fd !== undefined) {
			try {
				fs.closeSync(fd);
			} catch {
				// Closing a read-only descriptor cannot lose data.
			}
		}
	}
}
