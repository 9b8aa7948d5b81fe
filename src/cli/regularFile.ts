/**
 * Reading a file an attacker may have placed: only a regular file, only up to a size cap, opened without
 * blocking. A FIFO opened for reading with O_NONBLOCK returns at once (and is then refused), a device or a
 * socket is refused by fstat on the open descriptor (so a symlink to one is refused too), and nothing past the
 * cap is read, so `/dev/urandom` or a 10 GB file costs nothing.
 */
import * as fs from 'node:fs';

/**
 * A policy, layer or settings file is at most this large: the parser's MAX_POLICY_CHARS (a test checks they
 * agree; not imported, so the hook's snapshot path does not load the parser and zod).
 */
export const POLICY_FILE_MAX_BYTES = 2 * 1024 * 1024;

export type RegularRead = { kind: 'bytes'; bytes: Buffer; size: number } | { kind: 'not-regular'; what: string } | { kind: 'too-large'; size: number } | { kind: 'missing' } | { kind: 'error'; message: string };

// O_NONBLOCK is undefined on Windows, where opening a named pipe does not block on a writer the same way.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

function kindOf(st: fs.Stats): string {
	return st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
}

function errorOf(err: unknown): RegularRead {
	const code = (err as NodeJS.ErrnoException).code;
	if (code === 'ENOENT' || code === 'ENOTDIR') {
		return { kind: 'missing' };
	}
	return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}

/** Reads a regular file of at most `maxBytes` bytes; anything else is refused without reading. */
export function readRegularFileSync(file: string, maxBytes: number): RegularRead {
	let fd: number;
	try {
		fd = fs.openSync(file, OPEN_FLAGS);
	} catch (err) {
		return errorOf(err);
	}
	try {
		const st = fs.fstatSync(fd);
		if (!st.isFile()) {
			return { kind: 'not-regular', what: kindOf(st) };
		}
		if (st.size > maxBytes) {
			return { kind: 'too-large', size: st.size };
		}
		const bytes = Buffer.alloc(st.size);
		let got = 0;
		while (got < st.size) {
			const n = fs.readSync(fd, bytes, got, st.size - got, got);
			if (n === 0) {
				break;
			}
			got += n;
		}
		return { kind: 'bytes', bytes: got === st.size ? bytes : bytes.subarray(0, got), size: st.size };
	} catch (err) {
		return errorOf(err);
	} finally {
		fs.closeSync(fd);
	}
}

/** The same, asynchronously. */
export async function readRegularFile(file: string, maxBytes: number): Promise<RegularRead> {
	let handle: fs.promises.FileHandle;
	try {
		handle = await fs.promises.open(file, OPEN_FLAGS);
	} catch (err) {
		return errorOf(err);
	}
	try {
		const st = await handle.stat();
		if (!st.isFile()) {
			return { kind: 'not-regular', what: kindOf(st) };
		}
		if (st.size > maxBytes) {
			return { kind: 'too-large', size: st.size };
		}
		const bytes = Buffer.alloc(st.size);
		let got = 0;
		while (got < st.size) {
			const { bytesRead } = await handle.read(bytes, got, st.size - got, got);
			if (bytesRead === 0) {
				break;
			}
			got += bytesRead;
		}
		return { kind: 'bytes', bytes: got === st.size ? bytes : bytes.subarray(0, got), size: st.size };
	} catch (err) {
		return errorOf(err);
	} finally {
		await handle.close();
	}
}
