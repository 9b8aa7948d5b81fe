/**
 * Scanning a directory: walk, read with a bound, classify. The result lists every file (public ones too),
 * sorted by path, and separately the files whose content was not scanned and why.
 */
import { type Classifier, levelOf } from './classifier';
import type { FileClassification, SkipReason } from './types';
import { type ReadScratch, readFileBounded, type WalkEntry, walkWorkspace, type WalkOptions } from './walk';

export interface SkippedFile {
	path: string;
	reason: SkipReason;
	detail?: string;
}

export interface DirectoryScan {
	files: FileClassification[];
	skipped: SkippedFile[];
	stats: { files: number; bytes: number; ms: number };
}

/**
 * Classifies one walked entry: path rules only for skipped entries and files over `maxBytes`, else read
 * (bounded, through `scratch`) and classified by content. Returns the classification and the bytes read.
 * Never throws for a file-system problem. Used by `scanDirectory` and by each worker of the parallel scan.
 */
export function classifyEntry(classifier: Classifier, entry: WalkEntry, maxBytes: number, scratch: ReadScratch): { file: FileClassification; bytes: number } {
	const pathOnly = (reason: SkipReason, detail?: string): { file: FileClassification; bytes: number } => {
		const reasons = classifier.classifyPath(entry.rel);
		const exception = classifier.exceptionFor(entry.rel);
		return {
			file: { path: entry.rel, level: levelOf(reasons), reasons, skipped: { reason, ...(detail ? { detail } : {}) }, ...(exception ? { exception } : {}) },
			bytes: 0,
		};
	};
	if (entry.kind === 'skip') {
		return pathOnly(entry.reason, entry.detail);
	}
	const read = readFileBounded(entry.abs, maxBytes, scratch);
	if (read.kind === 'too-large') {
		return pathOnly('too-large', `${read.size} bytes`);
	}
	if (read.kind === 'error') {
		return pathOnly('unreadable', read.message);
	}
	return { file: classifier.classifyBytes(entry.rel, read.bytes), bytes: read.bytes.length };
}

/** A new read buffer for `classifyEntry`: small, grown on demand up to `maxBytes + 1`. */
export function newReadScratch(maxBytes: number): ReadScratch {
	return { buffer: new Uint8Array(Math.min(maxBytes + 1, 256 * 1024)) };
}

/** The scan result from its classifications: sorted by path, with the skipped ones listed apart. */
export function collectScan(files: FileClassification[], bytes: number, t0: number): DirectoryScan {
	const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
	files.sort(byPath);
	const skipped: SkippedFile[] = [];
	for (const f of files) {
		if (f.skipped) {
			skipped.push({ path: f.path, reason: f.skipped.reason, ...(f.skipped.detail ? { detail: f.skipped.detail } : {}) });
		}
	}
	return { files, skipped, stats: { files: files.length, bytes, ms: Math.round(performance.now() - t0) } };
}

/**
 * Classifies every file under `root` with `classifier`. Files over `maxBytes` are classified by path only
 * (`too-large`), binaries by path only (`binary`); unreadable entries, symbolic links and gitignored files are
 * classified by path and listed as skipped. Never throws for a file-system problem.
 */
export function scanDirectory(root: string, classifier: Classifier, maxBytes: number, options: WalkOptions = {}): DirectoryScan {
	const t0 = performance.now();
	const files: FileClassification[] = [];
	const scratch = newReadScratch(maxBytes);
	let bytes = 0;
	for (const entry of walkWorkspace(root, options)) {
		const r = classifyEntry(classifier, entry, maxBytes, scratch);
		files.push(r.file);
		bytes += r.bytes;
	}
	return collectScan(files, bytes, t0);
}
