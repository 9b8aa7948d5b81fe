/**
 * Scanning a directory with worker threads: the main thread walks the tree (cheap) and hands out batches of
 * entries; each worker reads and classifies them with its own compiled classifier and sends back plain
 * `FileClassification`s. The result is the same as `scanDirectory`'s (files, skipped, bytes; sorted by path).
 *
 * Decisions:
 * - The worker runs `dist/scanWorker.js` when it sits beside this bundle: the core's classifier and walk without
 *   the CLI (no zod, no policy parsing), so a worker starts in a fraction of the time. Otherwise the caller's own
 *   bundle: `runScanWorkerIfWorker()`, called first thing in an entry point, turns a thread started with
 *   `workerData.contextWardenScanWorker` into a worker.
 * - `jobs: 1`, trees of fewer than `PARALLEL_MIN_FILES` files, and a worker file that Node cannot run as is
 *   (a `.ts` source under tsx) take the sequential path: starting threads costs more than it saves there.
 * - Batches are dealt out on demand (a few in flight per worker), so a worker that drew big files is not
 *   handed more while the other one idles.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Policy } from '../policy/schema';
import { compileClassifier, type ExceptionInput } from './classifier';
import { classifyEntry, collectScan, type DirectoryScan, newReadScratch, scanDirectory } from './fileSource';
import type { FileClassification } from './types';
import { type WalkEntry, walkWorkspace, type WalkOptions } from './walk';

/** Below this many walked entries the scan stays on the calling thread. */
export const PARALLEL_MIN_FILES = 200;
const BATCH_FILES = 64;
const IN_FLIGHT_PER_WORKER = 3;

export interface ParallelScanOptions extends WalkOptions {
	/** Worker threads to use; 1 scans on the calling thread. Default: `os.availableParallelism()`. */
	jobs?: number;
	/** The script the workers run (it must call `runScanWorkerIfWorker()` first). Default: `scanWorker.js` beside this bundle, else this bundle. */
	workerFile?: string;
	/** Scan with workers even for a small tree (tests). */
	forceParallel?: boolean;
	/** Called as batches of files are classified (worker threads only), with the totals so far: for a progress line. */
	onProgress?(files: number, bytes: number): void;
}

interface ScanWorkerData {
	contextWardenScanWorker: true;
	policy: Policy;
	exceptions: readonly (string | ExceptionInput)[];
	maxBytes: number;
}

interface BatchRequest {
	id: number;
	entries: WalkEntry[];
}

/** `files`: the batch's classifications as JSON: one string crosses threads cheaper than an object graph (plain data only). */
type BatchResponse = { id: number; files: string; bytes: number } | { id: number; error: string };

/** The worker script: the small `scanWorker.js` bundle beside this one (dist/), else this bundle itself. */
function defaultWorkerFile(): string {
	const small = path.join(__dirname, 'scanWorker.js');
	return __filename !== small && fs.existsSync(small) ? small : __filename;
}

/** The default number of jobs: the machine's available parallelism. */
export function defaultJobs(): number {
	return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}

/**
 * When this thread was started as a scan worker: serves batches until the parent closes it, and returns true
 * (the caller must then not run its own main). Otherwise returns false and does nothing.
 */
export function runScanWorkerIfWorker(): boolean {
	const data = workerData as Partial<ScanWorkerData> | null | undefined;
	if (isMainThread || !data?.contextWardenScanWorker || !parentPort) {
		return false;
	}
	const port = parentPort;
	const maxBytes = data.maxBytes ?? 0;
	const { classifier } = compileClassifier(data.policy as Policy, data.exceptions ?? []);
	const scratch = newReadScratch(maxBytes);
	port.on('message', (req: BatchRequest) => {
		try {
			const files: FileClassification[] = [];
			let bytes = 0;
			for (const entry of req.entries) {
				const r = classifyEntry(classifier, entry, maxBytes, scratch);
				files.push(r.file);
				bytes += r.bytes;
			}
			port.postMessage({ id: req.id, files: JSON.stringify(files), bytes } satisfies BatchResponse);
		} catch (err) {
			port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies BatchResponse);
		}
	});
	return true;
}

function sequential(root: string, policy: Policy, exceptions: readonly (string | ExceptionInput)[], maxBytes: number, options: WalkOptions): DirectoryScan {
	const { classifier } = compileClassifier(policy, exceptions);
	return scanDirectory(root, classifier, maxBytes, options);
}

/**
 * `scanDirectory` with up to `options.jobs` worker threads reading and classifying. Same result (except
 * `stats.ms`). Rejects if a worker fails; never rejects for a file-system problem.
 */
export async function scanDirectoryParallel(
	root: string,
	policy: Policy,
	exceptions: readonly (string | ExceptionInput)[],
	maxBytes: number,
	options: ParallelScanOptions = {},
): Promise<DirectoryScan> {
	const { jobs: jobsOption, workerFile: workerFileOption, forceParallel, onProgress, ...walkOptions } = options;
	const jobs = Math.max(1, Math.floor(jobsOption ?? defaultJobs()));
	const workerFile = workerFileOption ?? defaultWorkerFile();
	if (jobs === 1 || !/\.(c?js|mjs)$/.test(workerFile)) {
		return sequential(root, policy, exceptions, maxBytes, walkOptions);
	}
	const t0 = performance.now();
	const walker = walkWorkspace(root, walkOptions);
	// Look ahead: a small tree is scanned on this thread (walked again: it is small).
	const head: WalkEntry[] = [];
	let walkDone = false;
	while (head.length < PARALLEL_MIN_FILES) {
		const n = walker.next();
		if (n.done) {
			walkDone = true;
			break;
		}
		head.push(n.value);
	}
	if (walkDone && !forceParallel) {
		return sequential(root, policy, exceptions, maxBytes, walkOptions);
	}

	const data: ScanWorkerData = { contextWardenScanWorker: true, policy, exceptions, maxBytes };
	const workers: { w: Worker; inFlight: number }[] = [];
	const results: FileClassification[][] = [];
	let bytes = 0;
	let done = 0;
	let nextId = 0;
	let failure: Error | undefined;
	let wake: (() => void) | undefined;
	const notify = (): void => {
		const w = wake;
		wake = undefined;
		w?.();
	};
	for (let i = 0; i < jobs; i++) {
		const slot = { w: new Worker(workerFile, { workerData: data }), inFlight: 0 };
		slot.w.on('message', (res: BatchResponse) => {
			slot.inFlight--;
			if ('error' in res) {
				failure ??= new Error(`scan worker: ${res.error}`);
			} else {
				const batch = JSON.parse(res.files) as FileClassification[];
				results.push(batch);
				bytes += res.bytes;
				done += batch.length;
				onProgress?.(done, bytes);
			}
			notify();
		});
		slot.w.on('error', (err: Error) => {
			failure ??= err;
			notify();
		});
		slot.w.on('exit', (code) => {
			if (slot.inFlight > 0) {
				failure ??= new Error(`scan worker exited (code ${code}) with ${slot.inFlight} batches in flight`);
			}
			notify();
		});
		workers.push(slot);
	}
	const waitForMessage = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
	const freeWorker = (): { w: Worker; inFlight: number } | undefined => {
		let best: { w: Worker; inFlight: number } | undefined;
		for (const s of workers) {
			if (s.inFlight < IN_FLIGHT_PER_WORKER && (!best || s.inFlight < best.inFlight)) {
				best = s;
			}
		}
		return best;
	};
	const send = async (entries: WalkEntry[]): Promise<void> => {
		let slot = freeWorker();
		while (!slot && !failure) {
			await waitForMessage();
			slot = freeWorker();
		}
		if (failure || !slot) {
			return;
		}
		slot.inFlight++;
		slot.w.postMessage({ id: nextId++, entries } satisfies BatchRequest);
	};

	try {
		let batch: WalkEntry[] = [];
		const add = async (e: WalkEntry): Promise<void> => {
			batch.push(e);
			if (batch.length >= BATCH_FILES) {
				const b = batch;
				batch = [];
				await send(b);
			}
		};
		for (const e of head) {
			await add(e);
		}
		if (!walkDone) {
			for (const e of walker) {
				await add(e);
				if (failure) {
					break;
				}
			}
		}
		if (batch.length > 0) {
			await send(batch);
		}
		while (!failure && workers.some((s) => s.inFlight > 0)) {
			await waitForMessage();
		}
		if (failure) {
			throw failure;
		}
	} finally {
		await Promise.all(workers.map((s) => s.w.terminate()));
	}
	return collectScan(results.flat(), bytes, t0);
}
