/**
 * Scanning a directory: walk, read with a bound, classify. The result lists every file (public ones too),
 * sorted by path, and separately the files whose content was not scanned and why.
 */
import { type Classifier, levelOf } from './classifier';
import type { FileClassification, SkipReason } from './types';
import { readFileBounded, walkWorkspace, type WalkOptions } from './walk';

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
 * Classifies every file under `root` with `classifier`. Files over `maxBytes` are classified by path only
 * (`too-large`), binaries by path only (`binary`); unreadable entries, symbolic links and gitignored files are
 * classified by path and listed as skipped. Never throws for a file-system problem.
 */
export function scanDirectory(root: string, classifier: Classifier, maxBytes: number, options: WalkOptions = {}): DirectoryScan {
	const t0 = performance.now();
	const files: FileClassification[] = [];
	const skipped: SkippedFile[] = [];
	let bytes = 0;
	let buffer = new Uint8Array(Math.min(maxBytes + 1, 4 * 1024 * 1024));
	const pathOnly = (rel: string, reason: SkipReason, detail?: string): void => {
		const reasons = classifier.classifyPath(rel);
		const exception = classifier.exceptionFor(rel);
		files.push({ path: rel, level: levelOf(reasons), reasons, skipped: { reason, ...(detail ? { detail } : {}) }, ...(exception ? { exception } : {}) });
		skipped.push({ path: rel, reason, ...(detail ? { detail } : {}) });
	};
	for (const entry of walkWorkspace(root, options)) {
		if (entry.kind === 'skip') {
			pathOnly(entry.rel, entry.reason, entry.detail);
			continue;
		}
		if (entry.size > maxBytes) {
			pathOnly(entry.rel, 'too-large', `${entry.size} bytes`);
			continue;
		}
		if (entry.size + 1 > buffer.length) {
			buffer = new Uint8Array(Math.min(maxBytes + 1, Math.max(entry.size + 1, buffer.length * 2)));
		}
		const read = readFileBounded(entry.abs, maxBytes, buffer);
		if (read.kind === 'too-large') {
			pathOnly(entry.rel, 'too-large', `${read.size} bytes`);
			continue;
		}
		if (read.kind === 'error') {
			pathOnly(entry.rel, 'unreadable', read.message);
			continue;
		}
		bytes += read.bytes.length;
		const c = classifier.classifyBytes(entry.rel, read.bytes);
		files.push(c);
		if (c.skipped) {
			skipped.push({ path: c.path, reason: c.skipped.reason, ...(c.skipped.detail ? { detail: c.skipped.detail } : {}) });
		}
	}
	const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
	files.sort(byPath);
	skipped.sort(byPath);
	return { files, skipped, stats: { files: files.length, bytes, ms: Math.round(performance.now() - t0) } };
}
