/**
 * The hook's redaction sessions on disk: one small JSON file per agent session (named by a hash of its id), holding
 * the placeholder session's state (an HMAC key, digests and placeholders: never a value), so the same value keeps
 * its placeholder across the hook runs of one conversation. Files are the user's only (0600 in a 0700 folder),
 * written whole (temporary file, then rename) under a lock file, since an agent runs hooks for parallel tool calls
 * at once. Sessions untouched for a week are deleted.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSessionState, PlaceholderSession } from '../core/redact/placeholders';

const LOCK_WAIT_MS = 2000;
const STALE_LOCK_MS = 10_000;
const KEEP_MS = 7 * 24 * 3600 * 1000;

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` with the session of `sessionId` from `dir` and saves what it added; without either, a session of this run only. */
export function withRedactionSession<T>(dir: string | undefined, sessionId: string | undefined, notes: string[], fn: (s: PlaceholderSession) => T): T {
	if (!dir || !sessionId) {
		return fn(new PlaceholderSession());
	}
	const file = join(dir, `${createHash('sha256').update(sessionId).digest('hex').slice(0, 24)}.json`);
	const lock = `${file}.lock`;
	let locked = false;
	try {
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		const until = Date.now() + LOCK_WAIT_MS;
		while (!locked) {
			try {
				closeSync(openSync(lock, 'wx', 0o600));
				locked = true;
			} catch {
				try {
					if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) {
						unlinkSync(lock);
						continue;
					}
				} catch {
					continue; // the lock went away meanwhile
				}
				if (Date.now() > until) {
					break;
				}
				sleep(20);
			}
		}
	} catch (err) {
		notes.push(`redaction session: ${err instanceof Error ? err.message : String(err)}`);
	}
	if (!locked) {
		notes.push('redaction session busy: placeholders of this output are numbered on their own');
		return fn(new PlaceholderSession());
	}
	try {
		let state;
		try {
			state = parseSessionState(JSON.parse(readFileSync(file, 'utf8')));
		} catch {
			state = undefined; // none yet, or damaged: start afresh
		}
		const session = new PlaceholderSession(state);
		const result = fn(session);
		if (session.changed) {
			const tmp = `${file}.${process.pid}.tmp`;
			writeFileSync(tmp, JSON.stringify(session.state()), { mode: 0o600 });
			renameSync(tmp, file);
		}
		prune(dir, file);
		return result;
	} finally {
		try {
			unlinkSync(lock);
		} catch {
			// already gone
		}
	}
}

function prune(dir: string, keep: string): void {
	try {
		const now = Date.now();
		for (const name of readdirSync(dir)) {
			const p = join(dir, name);
			if (p !== keep && name.endsWith('.json') && now - statSync(p).mtimeMs > KEEP_MS) {
				unlinkSync(p);
			}
		}
	} catch {
		// pruning is best effort
	}
}
