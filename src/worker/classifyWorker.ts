/**
 * The content-scanning worker: reads and classifies files off the extension host's main thread.
 * It uses only the core. Messages: `init` (the policy), then `scan` batches answered with `result`.
 */
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { compileClassifier, type ExceptionInput } from '../core/classify/classifier';
import type { FileClassification } from '../core/classify/types';
import { type Level, maxLevel } from '../core/policy/levels';
import type { Policy } from '../core/policy/schema';

export interface WorkerScanItem {
	/** Workspace-relative POSIX path (the classification key). */
	rel: string;
	/** Absolute file-system path to read. */
	abs: string;
	/** The cached size and mtime; when both still match, the file is not read again. */
	cached?: { size: number; mtimeMs: number };
	/** Content scanning is not wanted (e.g. gitignored): path rules only. */
	pathOnly?: boolean;
}

export type WorkerRequest =
	| { type: 'init'; policy: Policy; exceptions: readonly ExceptionInput[] }
	| { type: 'scan'; id: number; items: WorkerScanItem[] };

export type WorkerResult =
	| { rel: string; unchanged: true }
	| { rel: string; unchanged?: false; size: number; mtimeMs: number; classification: FileClassification }
	| { rel: string; gone: true };

export type WorkerResponse =
	| { type: 'result'; id: number; results: WorkerResult[] }
	| { type: 'error'; id: number; message: string };

type Compiled = ReturnType<typeof compileClassifier>['classifier'];
let classifier: Compiled | undefined;
let maxBytes = 2 * 1024 * 1024;

function scanOne(item: WorkerScanItem): WorkerResult {
	let st: fs.Stats;
	try {
		st = fs.lstatSync(item.abs);
	} catch {
		return { rel: item.rel, gone: true };
	}
	const stamp = { size: st.size, mtimeMs: st.mtimeMs };
	if (item.cached && item.cached.size === st.size && item.cached.mtimeMs === st.mtimeMs) {
		return { rel: item.rel, unchanged: true };
	}
	const c = classifier;
	if (!c) {
		throw new Error('worker not initialised');
	}
	const skipped = (reason: NonNullable<FileClassification['skipped']>['reason'], detail?: string): WorkerResult => ({
		rel: item.rel,
		...stamp,
		classification: { ...classifyByPath(c, item.rel), size: st.size, skipped: { reason, ...(detail ? { detail } : {}) } },
	});
	if (st.isSymbolicLink()) {
		return skipped('symlink');
	}
	if (!st.isFile()) {
		return skipped('not-a-file');
	}
	if (item.pathOnly) {
		return skipped('excluded', 'ignored by .gitignore: path rules only');
	}
	if (st.size > maxBytes) {
		return skipped('too-large', `${st.size} bytes`);
	}
	let bytes: Uint8Array;
	try {
		bytes = fs.readFileSync(item.abs);
	} catch (err) {
		return skipped('unreadable', err instanceof Error ? err.message : String(err));
	}
	return { rel: item.rel, ...stamp, classification: { ...c.classifyBytes(item.rel, bytes), size: st.size } };
}

/** A classification from path rules alone, for files whose content is not read. */
function classifyByPath(c: Compiled, rel: string): FileClassification {
	const reasons = c.classifyPath(rel);
	const level = reasons.reduce<Level>((l, r) => maxLevel(l, r.level), 'public');
	return { path: rel, level, reasons };
}

parentPort?.on('message', (msg: WorkerRequest) => {
	if (msg.type === 'init') {
		classifier = compileClassifier(msg.policy, msg.exceptions).classifier;
		maxBytes = msg.policy.content.maxFileSizeBytes;
		return;
	}
	try {
		const results = msg.items.map((item) => {
			try {
				return scanOne(item);
			} catch (err) {
				// One hostile file must not lose the batch.
				return {
					rel: item.rel,
					size: 0,
					mtimeMs: 0,
					classification: {
						path: item.rel,
						level: 'public',
						reasons: [],
						skipped: { reason: 'unreadable', detail: err instanceof Error ? err.message : String(err) },
					},
				} satisfies WorkerResult;
			}
		});
		parentPort?.postMessage({ type: 'result', id: msg.id, results } satisfies WorkerResponse);
	} catch (err) {
		parentPort?.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) } satisfies WorkerResponse);
	}
});
