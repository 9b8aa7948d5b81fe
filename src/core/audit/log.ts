/**
 * The audit log: append-only JSON Lines with a hash chain, rotated by size into numbered segments, optionally
 * mirrored to a second file that an existing log shipper collects.
 *
 * One entry per line: `{"seq":N,"at":ISO,"type":T,"data":{…},"prev":H,"hash":S}` where
 * - `seq` counts entries from 1 across all segments;
 * - `prev` is the sha256 (hex) of the previous entry's exact line (without its newline); the first entry of the
 *   log chains to `GENESIS_HASH`, the first entry of a later segment to the last line of the segment before;
 * - `hash` is the sha256 of the canonical JSON of the other five fields, so an edit of the last line is also
 *   visible on its own.
 * Editing, deleting or reordering a line therefore breaks the chain at that line. Removing lines at the end does
 * not (no line follows to notice), so each append also rewrites a small sidecar `<log>.head` holding the last seq
 * and the last line's hash: `verifyLog` reports the log as truncated when it ends before the head says it does.
 * Limit: someone who can write the directory can truncate the log and rewrite the head, or delete everything;
 * the hash chain makes tampering evident, not impossible. The mirror exists so the lines also leave the machine.
 *
 * Files, for the log named `audit.jsonl`: the active segment `audit.jsonl`, full segments renamed to
 * `audit.1.jsonl`, `audit.2.jsonl`, … (oldest first), the head `audit.jsonl.head`, the lock `audit.jsonl.lock`.
 *
 * Retention (`retainSegments`): when more rotated segments exist than that, the oldest are deleted, and first an
 * `audit.pruned` entry records, inside the chain, the last deleted entry's seq and line hash. The log then begins
 * with an entry whose seq is above 1 and whose `prev` is that hash: `verifyLog` accepts exactly that, and reports
 * what was pruned; a start missing without such a record is still `deleted`.
 * Lines are kept under 4 KB, so one O_APPEND write puts a line whole at the end; appends from several processes
 * are serialised with the store's lock (see `logStore.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, sha256Hex } from '../policy/layering';
import { type AuditData, type AuditEventData, type AuditEventType, guardAuditData } from './events';
import type { LogStore } from './logStore';

/** What the first entry of a log chains to. */
export const GENESIS_HASH = '0'.repeat(64);
/** The default name of the active segment. */
export const DEFAULT_LOG_NAME = 'audit.jsonl';
/** Segments are rotated when the next line would take them past this size (default 1 MiB). */
export const DEFAULT_MAX_SEGMENT_BYTES = 1024 * 1024;
/** The longest line written (bytes, with its newline): below 4 KB, so one write lands whole. */
export const MAX_LINE_BYTES = 4000;

/** One audit entry as stored. */
export interface AuditEntry {
	seq: number;
	at: string;
	type: AuditEventType | string;
	data: AuditData;
	prev: string;
	hash?: string;
}

/** Receives each line (with its newline) after it is in the log: an admin-chosen file a log shipper collects. */
export interface AuditMirror {
	append(line: string): Promise<void>;
	label: string;
}

export interface AuditLogOptions {
	store: LogStore;
	/** The active segment's file name (default `audit.jsonl`). */
	name?: string;
	maxSegmentBytes?: number;
	/** The clock (default: now). */
	now?: () => Date;
	mirror?: AuditMirror;
	/** Keep at most this many rotated segments (the oldest are pruned, see above); 0 or absent: keep all. */
	retainSegments?: number;
}

export interface AppendResult {
	entry: AuditEntry;
	/** The line as written, without its newline. */
	line: string;
	/** The segment it went to. */
	segment: string;
	/** Whether this append rotated the previous active segment. */
	rotated?: string;
	/** Segments deleted by retention after this append (an `audit.pruned` entry follows the appended one). */
	pruned?: string[];
	/** What the guard left out (JSON paths with why); also recorded in `data.redacted`. */
	stripped: string[];
	/** Set when the mirror could not be written (the log itself was). */
	mirrorError?: string;
}

/** An append-only audit log over a store. */
export interface AuditLog {
	readonly name: string;
	/** Appends one event. Its data goes through `guardAuditData` first. Throws only when the log cannot be written. */
	append<T extends AuditEventType>(type: T, data: AuditEventData[T]): Promise<AppendResult>;
	/** Verifies the whole log: see `verifyLog`. */
	verify(): Promise<VerifyResult>;
}

export type LogProblem = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'malformed';

/** The first entry that does not verify, named by its segment (file name in the store), 1-based line, and seq. */
export interface BadEntry {
	segment: string;
	line: number;
	seq: number;
	problem: LogProblem;
	/** One plain sentence. */
	detail: string;
}

/** Entries deleted by retention before the first remaining one, as the log's own `audit.pruned` entry records. */
export interface PrunedStart {
	throughSeq: number;
}

export type VerifyResult =
	| { ok: true; entries: AuditEntry[]; segments: string[]; pruned?: PrunedStart }
	| { ok: false; firstBad: BadEntry; entries: AuditEntry[]; segments: string[]; pruned?: PrunedStart };

/** The sidecar written on each append. */
export interface LogHead {
	seq: number;
	/** sha256 of the last line. */
	hash: string;
	segment: string;
	at: string;
}

/** The file name of rotated segment `n` of the log whose active segment is `name`: `audit.jsonl` → `audit.3.jsonl`. */
export function segmentName(name: string, n: number): string {
	const ext = path.extname(name);
	return `${name.slice(0, name.length - ext.length)}.${n}${ext}`;
}

/** The number of a rotated segment of `name`, or undefined when `file` is not one. */
export function segmentNumber(name: string, file: string): number | undefined {
	const ext = path.extname(name);
	const stem = name.slice(0, name.length - ext.length);
	if (!file.startsWith(`${stem}.`) || !file.endsWith(ext)) {
		return undefined;
	}
	const middle = file.slice(stem.length + 1, file.length - ext.length);
	return /^[1-9][0-9]{0,8}$/.test(middle) ? Number(middle) : undefined;
}

/**
 * The active segment's name for any of the log's files: a rotated segment `audit.3.jsonl` → `audit.jsonl`, the
 * head `audit.jsonl.head` → `audit.jsonl`; anything else is taken to be the active segment itself.
 */
export function activeNameOf(file: string): string {
	const base = path.basename(file);
	if (base.endsWith('.head')) {
		return base.slice(0, -'.head'.length);
	}
	const m = /^(.*)\.[1-9][0-9]{0,8}(\.[^.]*)$/.exec(base);
	return m ? `${m[1] ?? ''}${m[2] ?? ''}` : base;
}

/** The hash an entry carries: sha256 of the canonical JSON of its fields other than `hash`. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
	return sha256Hex(canonicalJson({ seq: e.seq, at: e.at, type: e.type, data: e.data, prev: e.prev }));
}

/** The rotated segments of `name` in the store, oldest first, then the active segment (when present). */
async function segmentsOf(store: LogStore, name: string): Promise<string[]> {
	const files = await store.list();
	const numbered = files
		.map((f) => ({ f, n: segmentNumber(name, f) }))
		.filter((x): x is { f: string; n: number } => x.n !== undefined)
		.sort((a, b) => a.n - b.n)
		.map((x) => x.f);
	return files.includes(name) ? [...numbered, name] : numbered;
}

function lastLineOf(text: string): string | undefined {
	const lines = text.split('\n').filter((l) => l.length > 0);
	return lines[lines.length - 1];
}

function parseHead(text: string | undefined): LogHead | undefined | 'malformed' {
	if (text === undefined) {
		return undefined;
	}
	try {
		const v = JSON.parse(text) as Partial<LogHead>;
		if (typeof v.seq === 'number' && Number.isInteger(v.seq) && v.seq >= 0 && typeof v.hash === 'string' && /^[0-9a-f]{64}$/.test(v.hash)) {
			return { seq: v.seq, hash: v.hash, segment: typeof v.segment === 'string' ? v.segment : '', at: typeof v.at === 'string' ? v.at : '' };
		}
	} catch {
		// fall through
	}
	return 'malformed';
}

/** Drops the largest fields until the line fits, noting what was dropped. */
function fitLine(entry: Omit<AuditEntry, 'hash'>, stripped: string[]): { entry: AuditEntry; line: string } {
	const data: AuditData = { ...entry.data };
	for (;;) {
		const withRedacted: AuditData = stripped.length > 0 ? { ...data, redacted: stripped.slice(0, 20) } : data;
		const e: Omit<AuditEntry, 'hash'> = { ...entry, data: withRedacted };
		const full: AuditEntry = { ...e, hash: entryHash(e) };
		const line = JSON.stringify({ seq: full.seq, at: full.at, type: full.type, data: full.data, prev: full.prev, hash: full.hash });
		if (Buffer.byteLength(line, 'utf8') + 1 <= MAX_LINE_BYTES) {
			return { entry: full, line };
		}
		const keys = Object.keys(data).sort((a, b) => JSON.stringify(data[b]).length - JSON.stringify(data[a]).length);
		const biggest = keys[0];
		if (biggest === undefined) {
			// Only the redaction list is left and it is still too long: keep its count.
			stripped.splice(0, stripped.length, `data: ${stripped.length} fields left out`);
			continue;
		}
		delete data[biggest];
		stripped.push(`data.${biggest}: left out, the line would exceed ${MAX_LINE_BYTES} bytes`);
	}
}

/**
 * Opens an audit log over a store. Appends are serialised by the store's lock, so several processes may hold the
 * same log open.
 */
export function openAuditLog(options: AuditLogOptions): AuditLog {
	const store = options.store;
	const name = options.name ?? DEFAULT_LOG_NAME;
	const maxBytes = options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES;
	const now = options.now ?? (() => new Date());
	const headName = `${name}.head`;
	return {
		name,
		async append(type, data) {
			const guarded = guardAuditData(data);
			const release = await store.lock(name);
			let result: AppendResult;
			try {
				let text = (await store.read(name)) ?? '';
				let last = lastLineOf(text);
				let segments: string[] | undefined;
				if (last === undefined) {
					segments = await segmentsOf(store, name);
					for (let i = segments.length - 1; i >= 0 && last === undefined; i--) {
						const s = segments[i] as string;
						if (s !== name) {
							last = lastLineOf((await store.read(s)) ?? '');
						}
					}
				}
				let seq = 0;
				if (last !== undefined) {
					try {
						const parsed = JSON.parse(last) as { seq?: unknown };
						seq = typeof parsed.seq === 'number' && Number.isInteger(parsed.seq) ? parsed.seq : 0;
					} catch {
						seq = 0;
					}
					if (seq === 0) {
						// The last line is damaged: continue from the head's count; verify will name the damage.
						const head = parseHead(await store.read(headName));
						seq = head && head !== 'malformed' ? head.seq : 0;
					}
				}
				const stripped = [...guarded.stripped];
				const { entry, line } = fitLine(
					{ seq: seq + 1, at: now().toISOString(), type, data: guarded.data, prev: last === undefined ? GENESIS_HASH : sha256Hex(last) },
					stripped,
				);
				let rotated: string | undefined;
				const lineBytes = Buffer.byteLength(line, 'utf8') + 1;
				if (text.length > 0 && Buffer.byteLength(text, 'utf8') + lineBytes > maxBytes) {
					segments ??= await segmentsOf(store, name);
					const highest = segments.reduce((m, s) => Math.max(m, segmentNumber(name, s) ?? 0), 0);
					rotated = segmentName(name, highest + 1);
					await store.rename(name, rotated);
					text = '';
				}
				// A torn last line (a writer died mid-write) must not swallow ours.
				const sep = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
				await store.append(name, `${sep}${line}\n`);
				let head: LogHead = { seq: entry.seq, hash: sha256Hex(line), segment: name, at: entry.at };
				await store.write(headName, `${JSON.stringify(head)}\n`);
				result = { entry, line, segment: name, stripped, ...(rotated ? { rotated } : {}) };
				const pruned = await prune(store, name, options.retainSegments ?? 0, entry, line, now);
				if (pruned) {
					head = { seq: pruned.entry.seq, hash: sha256Hex(pruned.line), segment: name, at: pruned.entry.at };
					await store.write(headName, `${JSON.stringify(head)}\n`);
					for (const s of pruned.segments) {
						await store.remove(s);
					}
					result.pruned = pruned.segments;
				}
				if (options.mirror) {
					try {
						await options.mirror.append(`${line}\n`);
						// The retention entry is in the log too: a shipper that misses it sees a gap in the sequence.
						if (pruned) {
							await options.mirror.append(`${pruned.line}\n`);
						}
					} catch (err) {
						result.mirrorError = `${options.mirror.label}: ${err instanceof Error ? err.message : String(err)}`;
					}
				}
			} finally {
				await release();
			}
			return result;
		},
		verify() {
			return verifyLog(store, name);
		},
	};
}

/**
 * When more than `retain` rotated segments exist: appends the `audit.pruned` entry (after `last`, the entry just
 * written) naming the oldest ones and the hash the first kept entry chains to. The caller then deletes them, so
 * a crash in between leaves an extra record, never a gap without one. Under the caller's lock.
 */
async function prune(
	store: LogStore,
	name: string,
	retain: number,
	last: AuditEntry,
	lastLine: string,
	now: () => Date,
): Promise<{ entry: AuditEntry; line: string; segments: string[] } | undefined> {
	if (!(retain > 0)) {
		return undefined;
	}
	const rotated = (await segmentsOf(store, name)).filter((s) => s !== name);
	if (rotated.length <= retain) {
		return undefined;
	}
	const doomed = rotated.slice(0, rotated.length - retain);
	const newestDoomed = lastLineOf((await store.read(doomed[doomed.length - 1] as string)) ?? '');
	const parsed = newestDoomed === undefined ? 'empty' : parseEntry(newestDoomed);
	if (typeof parsed === 'string' || newestDoomed === undefined) {
		return undefined; // A damaged segment is evidence: keep it for verify to name.
	}
	const data: AuditEventData['audit.pruned'] = { segments: doomed, throughSeq: parsed.seq, lastHash: sha256Hex(newestDoomed), retain };
	const { entry, line } = fitLine({ seq: last.seq + 1, at: now().toISOString(), type: 'audit.pruned', data: data as unknown as AuditData, prev: sha256Hex(lastLine) }, []);
	await store.append(name, `${line}\n`);
	return { entry, line, segments: doomed };
}

/** A mirror that appends each line to `file` (created if missing, never rotated by us) with one O_APPEND write. */
/**
 * The file beside the audit log that tells other writers of the same log (the agent hooks, which run outside the
 * editor) where the admin's mirror is and in which format: `{ "file": ..., "format": "native" | "ocsf" }`.
 */
export { MIRROR_SIDECAR } from './mirrorSidecar';

export function fsMirror(file: string): AuditMirror {
	return {
		label: file,
		async append(line) {
			await fs.promises.mkdir(path.dirname(file), { recursive: true });
			await fs.promises.appendFile(file, line, { encoding: 'utf8', flag: 'a', mode: 0o644 });
		},
	};
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Parses one line into an entry, or says why it is not one. */
export function parseEntry(line: string): AuditEntry | string {
	let v: unknown;
	try {
		v = JSON.parse(line);
	} catch {
		return 'not JSON';
	}
	if (v === null || typeof v !== 'object' || Array.isArray(v)) {
		return 'not a JSON object';
	}
	const o = v as Record<string, unknown>;
	if (typeof o.seq !== 'number' || !Number.isInteger(o.seq) || o.seq < 1) {
		return 'no valid seq';
	}
	if (typeof o.at !== 'string' || Number.isNaN(Date.parse(o.at))) {
		return 'no valid at';
	}
	if (typeof o.type !== 'string' || o.type.length === 0) {
		return 'no type';
	}
	if (o.data === null || typeof o.data !== 'object' || Array.isArray(o.data)) {
		return 'no data object';
	}
	if (typeof o.prev !== 'string' || !HEX64.test(o.prev)) {
		return 'no valid prev';
	}
	if (o.hash !== undefined && (typeof o.hash !== 'string' || !HEX64.test(o.hash))) {
		return 'an invalid hash';
	}
	const extra = Object.keys(o).filter((k) => !['seq', 'at', 'type', 'data', 'prev', 'hash'].includes(k));
	if (extra.length > 0) {
		return `unknown fields: ${extra.join(', ')}`;
	}
	return { seq: o.seq, at: o.at, type: o.type, data: o.data as AuditData, prev: o.prev, ...(o.hash !== undefined ? { hash: o.hash as string } : {}) };
}

interface Located {
	segment: string;
	line: number;
	text: string;
}

/**
 * Verifies a log: every line parses, carries a hash that matches its fields, chains to the line before it (across
 * segments), and counts on from it; and the log ends where its head says it does. Names the first entry that does
 * not: `edited` (its fields changed after it was written), `deleted` (entries are missing before it), `reordered`
 * (it is out of place), `truncated` (entries are missing at the end), `malformed` (not an entry). `entries` are
 * the verified entries before that one. An empty log with no head verifies. Never throws for bad content.
 */
export async function verifyLog(store: LogStore, name: string = DEFAULT_LOG_NAME): Promise<VerifyResult> {
	const segments = await segmentsOf(store, name);
	const lines: Located[] = [];
	for (const segment of segments) {
		const text = (await store.read(segment)) ?? '';
		const parts = text.split('\n');
		if (parts[parts.length - 1] === '') {
			parts.pop();
		}
		parts.forEach((t, i) => lines.push({ segment, line: i + 1, text: t }));
	}
	const entries: AuditEntry[] = [];
	const bad = (firstBad: BadEntry): VerifyResult => ({ ok: false, firstBad, entries, segments, ...(pruned ? { pruned } : {}) });
	const parsed: (AuditEntry | string)[] = lines.map((l) => parseEntry(l.text));
	let prevHash = GENESIS_HASH;
	let prevSeq = 0;
	// A start deleted by retention: the first entry counts on from, and chains to, what an `audit.pruned` entry
	// further on (itself verified by the chain) says was deleted.
	let pruned: PrunedStart | undefined;
	const first = parsed[0];
	if (first !== undefined && typeof first !== 'string' && first.seq > 1) {
		const anchor = parsed.find(
			(x): x is AuditEntry =>
				typeof x !== 'string' && x.type === 'audit.pruned' && x.data.throughSeq === first.seq - 1 && x.data.lastHash === first.prev,
		);
		if (anchor) {
			pruned = { throughSeq: first.seq - 1 };
			prevHash = first.prev;
			prevSeq = first.seq - 1;
		}
	}
	for (let i = 0; i < lines.length; i++) {
		const at = lines[i] as Located;
		const e = parsed[i] as AuditEntry | string;
		if (typeof e === 'string') {
			return bad({ segment: at.segment, line: at.line, seq: prevSeq + 1, problem: 'malformed', detail: `the line is ${e}` });
		}
		if (e.hash !== undefined && e.hash !== entryHash(e)) {
			return bad({ segment: at.segment, line: at.line, seq: e.seq, problem: 'edited', detail: 'its fields do not match its hash' });
		}
		const expectedSeq = prevSeq + 1;
		const linked = e.prev === prevHash;
		if (e.seq !== expectedSeq) {
			if (linked) {
				return bad({ segment: at.segment, line: at.line, seq: e.seq, problem: 'edited', detail: `its seq was changed (expected ${expectedSeq})` });
			}
			const laterHasExpected = parsed.slice(i + 1).some((x) => typeof x !== 'string' && x.seq === expectedSeq);
			if (e.seq > expectedSeq && !laterHasExpected) {
				const missing = e.seq - expectedSeq;
				return bad({
					segment: at.segment,
					line: at.line,
					seq: expectedSeq,
					problem: 'deleted',
					detail: missing === 1 ? `entry ${expectedSeq} is missing before seq ${e.seq}` : `entries ${expectedSeq}-${e.seq - 1} are missing before seq ${e.seq}`,
				});
			}
			return bad({ segment: at.segment, line: at.line, seq: e.seq, problem: 'reordered', detail: `seq ${e.seq} stands where seq ${expectedSeq} belongs` });
		}
		if (!linked) {
			const p = lines[i - 1];
			const pe = entries[entries.length - 1];
			if (p && pe) {
				entries.pop();
				return bad({ segment: p.segment, line: p.line, seq: pe.seq, problem: 'edited', detail: `its line no longer has the hash that seq ${e.seq} chains to` });
			}
			return bad({ segment: at.segment, line: at.line, seq: e.seq, problem: 'edited', detail: 'the first entry does not chain to the genesis hash' });
		}
		entries.push(e);
		prevHash = sha256Hex(at.text);
		prevSeq = e.seq;
	}
	const headName = `${name}.head`;
	const head = parseHead(await store.read(headName));
	const last = lines[lines.length - 1];
	const tail = { segment: last?.segment ?? name, line: (last?.line ?? 0) + 1, seq: prevSeq + 1 };
	if (head === 'malformed') {
		return bad({ segment: headName, line: 1, seq: prevSeq, problem: 'malformed', detail: 'the head file is not valid' });
	}
	if (head === undefined) {
		if (entries.length > 0) {
			return bad({ ...tail, problem: 'truncated', detail: 'the head file is missing, so the end of the log cannot be checked' });
		}
		return { ok: true, entries, segments, ...(pruned ? { pruned } : {}) };
	}
	if (prevSeq < head.seq) {
		const missing = head.seq - prevSeq;
		return bad({ ...tail, problem: 'truncated', detail: `the log ends at seq ${prevSeq}; the head says ${head.seq} (${missing} missing)` });
	}
	const atHead = lines.findIndex((_, i) => entries[i]?.seq === head.seq);
	const headLine = lines[atHead];
	if (head.seq > 0 && headLine && sha256Hex(headLine.text) !== head.hash) {
		entries.splice(atHead);
		return bad({ segment: headLine.segment, line: headLine.line, seq: head.seq, problem: 'edited', detail: 'the line no longer has the hash recorded in the head' });
	}
	// prevSeq > head.seq: a writer died between its line and its head; the entries after the head still chain.
	return { ok: true, entries, segments, ...(pruned ? { pruned } : {}) };
}
