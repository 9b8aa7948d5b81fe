/**
 * Where the audit log's files live: a tiny interface, so the extension, the CLI and the tests share the log code,
 * and a node-fs implementation over one directory.
 *
 * Concurrency: the extension host and hook or CLI processes may append to the same log. A hash chain needs the
 * previous line to write the next, so an append is read-then-write; `lock()` serialises it across processes with a
 * lock file created with O_CREAT|O_EXCL (`wx`). Each line is then written with one `write` on a descriptor opened
 * with O_APPEND, so it lands whole at the end of the file even if a writer ignored the lock (lines are kept under
 * 4 KB). A lock older than `staleMs` is taken to be left by a process that died and is broken; two processes that
 * break the same stale lock at the same instant could both enter (the window is the few microseconds between the
 * stale check and the unlink, and only after a crash).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files of one log directory. Names are plain file names (no separators). */
export interface LogStore {
	/** The file's text, or undefined when it does not exist. */
	read(name: string): Promise<string | undefined>;
	/** Appends text to the file (created if missing) with one O_APPEND write. */
	append(name: string, text: string): Promise<void>;
	/** Replaces the file's text atomically (write a temporary file, then rename). */
	write(name: string, text: string): Promise<void>;
	/** The file names in the store. */
	list(): Promise<string[]>;
	/** Renames a file; fails if `from` does not exist. */
	rename(from: string, to: string): Promise<void>;
	/** Deletes a file (nothing when it does not exist). */
	remove(name: string): Promise<void>;
	/** Takes the store's lock for `name` (waiting for it); resolves to the function that releases it. */
	lock(name: string): Promise<() => Promise<void>>;
	/** A label for messages: the file's path. */
	label(name: string): string;
}

export interface FsLogStoreOptions {
	/** Give up waiting for the lock after this long (default 10 s). */
	lockTimeoutMs?: number;
	/** A lock file older than this is broken (default 30 s). */
	staleMs?: number;
}

function checkName(name: string): string {
	if (name.length === 0 || name !== path.basename(name) || name === '.' || name === '..') {
		throw new Error(`not a plain file name: ${JSON.stringify(name)}`);
	}
	return name;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A `LogStore` over the files of `dir` (created on the first write). */
export function fsLogStore(dir: string, options: FsLogStoreOptions = {}): LogStore {
	const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
	const staleMs = options.staleMs ?? 30_000;
	const at = (name: string): string => path.join(dir, checkName(name));
	const ensureDir = (): Promise<string | undefined> => fs.promises.mkdir(dir, { recursive: true });
	return {
		async read(name) {
			try {
				return await fs.promises.readFile(at(name), 'utf8');
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
					return undefined;
				}
				throw err;
			}
		},
		async append(name, text) {
			await ensureDir();
			const fh = await fs.promises.open(at(name), fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
			try {
				const buf = Buffer.from(text, 'utf8');
				let off = 0;
				while (off < buf.length) {
					const { bytesWritten } = await fh.write(buf, off, buf.length - off);
					off += bytesWritten;
				}
			} finally {
				await fh.close();
			}
		},
		async write(name, text) {
			await ensureDir();
			const tmp = `${at(name)}.${process.pid}.tmp`;
			await fs.promises.writeFile(tmp, text, 'utf8');
			await fs.promises.rename(tmp, at(name));
		},
		async list() {
			try {
				return (await fs.promises.readdir(dir, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
					return [];
				}
				throw err;
			}
		},
		async rename(from, to) {
			await fs.promises.rename(at(from), at(to));
		},
		async remove(name) {
			await fs.promises.rm(at(name), { force: true });
		},
		async lock(name) {
			await ensureDir();
			const file = at(`${name}.lock`);
			const started = Date.now();
			let wait = 2;
			for (;;) {
				try {
					const fh = await fs.promises.open(file, 'wx', 0o644);
					await fh.write(`${process.pid} ${new Date().toISOString()}\n`);
					await fh.close();
					let released = false;
					return async () => {
						if (!released) {
							released = true;
							await fs.promises.rm(file, { force: true });
						}
					};
				} catch (err) {
					if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
						throw err;
					}
				}
				try {
					const st = await fs.promises.stat(file);
					if (Date.now() - st.mtimeMs > staleMs) {
						await fs.promises.rm(file, { force: true });
						continue;
					}
				} catch {
					continue; // released between our open and stat
				}
				if (Date.now() - started > lockTimeoutMs) {
					throw new Error(`timed out waiting for the lock ${file}`);
				}
				await sleep(wait + Math.floor(Math.random() * wait));
				wait = Math.min(wait * 2, 50);
			}
		},
		label(name) {
			return path.join(dir, name);
		},
	};
}

/** An in-memory `LogStore`, for tests and for a log kept only for the session. */
export function memoryLogStore(files: Map<string, string> = new Map()): LogStore & { files: Map<string, string> } {
	let locked: Promise<void> = Promise.resolve();
	return {
		files,
		async read(name) {
			return files.get(name);
		},
		async append(name, text) {
			files.set(name, (files.get(name) ?? '') + text);
		},
		async write(name, text) {
			files.set(name, text);
		},
		async list() {
			return [...files.keys()];
		},
		async rename(from, to) {
			const text = files.get(from);
			if (text === undefined) {
				throw new Error(`no such file: ${from}`);
			}
			files.delete(from);
			files.set(to, text);
		},
		async remove(name) {
			files.delete(name);
		},
		async lock() {
			let release: () => void = () => undefined;
			const previous = locked;
			locked = new Promise<void>((resolve) => (release = resolve));
			await previous;
			return async () => release();
		},
		label(name) {
			return name;
		},
	};
}
