import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';
import { uniqueFolderKeys } from '../../core/assistants/folders';
import { compileClassifier, type ExceptionInput } from '../../core/classify/classifier';
import type { FindingSource } from '../../core/redact/redact';
import type { FileClassification } from '../../core/classify/types';
import type { WorkspaceSummary } from '../../core/exposure/summary';
import { InvalidatingMap, SummaryCache } from '../../core/exposure/summaryCache';
import type { EffectivePolicy } from '../../core/policy/layering';
import { type Level, maxLevel } from '../../core/policy/schema';
import type { WorkerRequest, WorkerResponse, WorkerResult, WorkerScanItem } from '../../worker/classifyWorker';
import { Disposable } from '../disposable';
import type { Logger } from '../logger';
import { getSetting } from '../settings';

/** 2: keys of same-named folders are told apart (`uniqueFolderKeys`); a version 1 cache may mix them up. */
const CACHE_VERSION = 2;
const BATCH = 200;
const DOC_DEBOUNCE_MS = 250;
const FS_DEBOUNCE_MS = 300;
const PROGRESS_AFTER_MS = 2000;

interface CacheEntry {
	size: number;
	mtimeMs: number;
	c: FileClassification;
}

interface CacheFile {
	version: number;
	policySha256: string;
	entries: Record<string, CacheEntry>;
}

export interface IndexChange {
	/** The paths whose classification changed, or 'all' after a full scan. */
	paths: readonly string[] | 'all';
}

/**
 * The live classification of the workspace: every file from disk (content scanned in a worker thread, cached
 * across restarts) and every open document's unsaved buffer, which wins over the disk until saved or closed.
 */
export class WorkspaceIndex extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<IndexChange>());
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidChangeScanning = this._register(new vscode.EventEmitter<boolean>());
	readonly onDidChangeScanning = this._onDidChangeScanning.event;

	/** The summary of `disk` and `buffers`: every mutation of either drops it, and so does a new policy. */
	private readonly summaryCache = new SummaryCache(() => this.classifications());
	private readonly disk = new InvalidatingMap<string, CacheEntry>(() => this.summaryCache.invalidate());
	private readonly buffers = new InvalidatingMap<string, FileClassification>(() => this.summaryCache.invalidate());
	private effective: EffectivePolicy | undefined;
	private classifier: ReturnType<typeof compileClassifier>['classifier'] | undefined;
	private worker: Worker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, (r: WorkerResponse) => void>();
	private scanCts: vscode.CancellationTokenSource | undefined;
	private _scanning = false;
	private _lastScan: Date | undefined;
	private readonly docTimers = new Map<string, NodeJS.Timeout>();
	private readonly fsQueue = new Set<string>();
	private fsTimer: NodeJS.Timeout | undefined;
	private saveTimer: NodeJS.Timeout | undefined;
	private gitignores = new Map<string, Ignore>();
	private loadedFor: string | undefined;

	constructor(
		private readonly context: vscode.ExtensionContext,
		private readonly log: Logger,
	) {
		super();
		const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
		this._register(watcher.onDidCreate((u) => this.queueFs(u)));
		this._register(watcher.onDidChange((u) => this.queueFs(u)));
		this._register(watcher.onDidDelete((u) => this.queueFs(u)));
		this._register(
			vscode.workspace.onDidRenameFiles((e) => {
				for (const f of e.files) {
					this.queueFs(f.oldUri);
					this.queueFs(f.newUri);
				}
			}),
		);
		this._register(vscode.workspace.onDidChangeTextDocument((e) => this.queueDocument(e.document)));
		this._register(vscode.workspace.onDidOpenTextDocument((d) => this.queueDocument(d)));
		this._register(vscode.workspace.onDidSaveTextDocument((d) => this.dropBuffer(d)));
		this._register(vscode.workspace.onDidCloseTextDocument((d) => this.dropBuffer(d)));
		this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan('workspace folders changed')));
		this._register({
			dispose: () => {
				this.scanCts?.cancel();
				clearTimeout(this.fsTimer);
				clearTimeout(this.saveTimer);
				for (const t of this.docTimers.values()) {
					clearTimeout(t);
				}
				void this.worker?.terminate();
			},
		});
	}

	get scanning(): boolean {
		return this._scanning;
	}

	get lastScan(): Date | undefined {
		return this._lastScan;
	}

	/** The classification of a path: the unsaved buffer's when there is one, else the file's on disk. */
	get(rel: string): FileClassification | undefined {
		return this.buffers.get(rel) ?? this.disk.get(rel)?.c;
	}

	/** Every classified path, unsaved buffers included. */
	/** The compiled classifier's content findings (the redaction core's source), once the policy is loaded. */
	findingSource(): FindingSource | undefined {
		const c = this.classifier;
		return c ? { contentFindings: (text) => c.contentFindings(text) } : undefined;
	}

	all(): Map<string, FileClassification> {
		const out = new Map<string, FileClassification>();
		for (const [k, v] of this.disk) {
			out.set(k, v.c);
		}
		for (const [k, v] of this.buffers) {
			out.set(k, v);
		}
		return out;
	}

	/**
	 * The workspace summary (level, restriction, counts) under the policy last applied with `setPolicy`, computed at
	 * most once per change of a classification or of the policy; undefined before the first policy.
	 */
	summary(): WorkspaceSummary | undefined {
		return this.summaryCache.get();
	}

	/** Every classification, unsaved buffers over the disk, without building a map. */
	private *classifications(): Generator<FileClassification> {
		for (const [k, v] of this.disk) {
			if (!this.buffers.has(k)) {
				yield v.c;
			}
		}
		yield* this.buffers.values();
	}

	/** The workspace-relative POSIX key of a URI (folder-prefixed in a multi-root workspace), or `untitled:` name. */
	relPath(uri: vscode.Uri): string | undefined {
		if (uri.scheme === 'untitled') {
			return `untitled:${uri.path}`;
		}
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) {
			return undefined;
		}
		const rel = path.posix.relative(folder.uri.path, uri.path);
		if (!rel || rel.startsWith('..')) {
			return undefined;
		}
		return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${workspaceFolderKey(folder)}/${rel}` : rel;
	}

	/** The URI of a key made by `relPath`. */
	uriOf(rel: string): vscode.Uri | undefined {
		if (rel.startsWith('untitled:')) {
			return vscode.workspace.textDocuments.find((d) => this.relPath(d.uri) === rel)?.uri;
		}
		const folders = vscode.workspace.workspaceFolders ?? [];
		if (folders.length > 1) {
			const [key, ...rest] = rel.split('/');
			const folder = folders[workspaceFolderKeys().indexOf(key ?? '')];
			return folder ? vscode.Uri.joinPath(folder.uri, ...rest) : undefined;
		}
		return folders[0] ? vscode.Uri.joinPath(folders[0].uri, ...rel.split('/')) : undefined;
	}

	/** Applies a new effective policy: recompiles and rescans (unchanged files come from the cache). */
	setPolicy(effective: EffectivePolicy): void {
		this.effective = effective;
		this.summaryCache.setPolicy(effective.policy);
		const { classifier, errors } = compileClassifier(effective.policy, activeExceptions(effective));
		this.classifier = classifier;
		for (const e of errors) {
			this.log.warn('index', `policy ${e.family} '${e.id}' not applied: ${e.message}`);
		}
		this.worker?.postMessage({ type: 'init', policy: effective.policy, exceptions: activeExceptions(effective) } satisfies WorkerRequest);
		void this.rescan('policy changed');
	}

	/** Cancels a running scan (its partial results stay). */
	cancelScan(): void {
		this.scanCts?.cancel();
	}

	/** A full scan of every workspace folder. */
	async rescan(why: string): Promise<void> {
		const effective = this.effective;
		if (!effective) {
			return;
		}
		this.scanCts?.cancel();
		const cts = new vscode.CancellationTokenSource();
		this.scanCts = cts;
		this.setScanning(true);
		const started = Date.now();
		let progressShown = false;
		const progressTimer = setTimeout(() => {
			progressShown = true;
			void vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Context Warden: classifying the workspace'), cancellable: true },
				(_p, token) =>
					new Promise<void>((resolve) => {
						token.onCancellationRequested(() => cts.cancel());
						const done = this.onDidChangeScanning((s) => {
							if (!s) {
								done.dispose();
								resolve();
							}
						});
						cts.token.onCancellationRequested(() => resolve());
					}),
			);
		}, PROGRESS_AFTER_MS);
		try {
			await this.loadCache(effective.sha256);
			const items = await this.enumerate(cts.token);
			const seen = new Set(items.map((i) => i.rel));
			for (const rel of [...this.disk.keys()]) {
				if (!seen.has(rel)) {
					this.disk.delete(rel);
				}
			}
			let read = 0;
			for (let i = 0; i < items.length && !cts.token.isCancellationRequested; i += BATCH) {
				const results = await this.scanBatch(items.slice(i, i + BATCH));
				read += this.applyResults(results).length;
			}
			this.classifyOpenDocuments();
			this._lastScan = new Date();
			const state = cts.token.isCancellationRequested ? 'cancelled' : 'done';
			this.log.info(
				'index',
				`scan ${state} (${why}): ${items.length} files, ${read} read, ${items.length - read} from cache, ${Date.now() - started} ms${progressShown ? ' (progress shown)' : ''}`,
			);
			this.scheduleCacheSave();
		} catch (err) {
			this.log.error('index', `scan failed (${why})`, err);
		} finally {
			clearTimeout(progressTimer);
			if (this.scanCts === cts) {
				this.scanCts = undefined;
				this.setScanning(false);
			}
			cts.dispose();
			this._onDidChange.fire({ paths: 'all' });
		}
	}

	private setScanning(v: boolean): void {
		if (this._scanning !== v) {
			this._scanning = v;
			this._onDidChangeScanning.fire(v);
		}
	}

	private respectGitignore(): boolean {
		return getSetting('index.respectGitignore') ?? true;
	}

	/** Lists the workspace's files (files.exclude applies), marking gitignored ones for path rules only. */
	private async enumerate(token: vscode.CancellationToken): Promise<WorkerScanItem[]> {
		const maxFiles = getSetting('index.maxFiles') ?? 200_000;
		const out: WorkerScanItem[] = [];
		this.gitignores.clear();
		for (const folder of vscode.workspace.workspaceFolders ?? []) {
			if (folder.uri.scheme !== 'file') {
				continue; // Virtual workspaces: open documents only.
			}
			const ig = this.respectGitignore() ? readGitignore(folder.uri.fsPath) : undefined;
			if (ig) {
				this.gitignores.set(folder.uri.toString(), ig);
			}
			const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), undefined, maxFiles, token);
			for (const uri of uris) {
				const rel = this.relPath(uri);
				if (!rel) {
					continue;
				}
				const folderRel = path.posix.relative(folder.uri.path, uri.path);
				const cached = this.disk.get(rel);
				out.push({
					rel,
					abs: uri.fsPath,
					...(cached ? { cached: { size: cached.size, mtimeMs: cached.mtimeMs } } : {}),
					...(ig?.ignores(folderRel) ? { pathOnly: true } : {}),
				});
			}
		}
		out.sort((a, b) => (a.rel < b.rel ? -1 : 1));
		return out;
	}

	private ensureWorker(): Worker {
		if (this.worker) {
			return this.worker;
		}
		const w = new Worker(path.join(this.context.extensionPath, 'dist', 'classifyWorker.js'));
		w.on('message', (msg: WorkerResponse) => {
			const resolve = this.pending.get(msg.id);
			this.pending.delete(msg.id);
			resolve?.(msg);
		});
		w.on('error', (err) => {
			this.log.error('index', 'worker failed; it will be restarted', err);
			this.failPending(err.message);
			this.worker = undefined;
		});
		w.on('exit', (code) => {
			if (this.worker === w) {
				this.worker = undefined;
				this.failPending(`worker exited with code ${code}`);
			}
		});
		if (this.effective) {
			w.postMessage({ type: 'init', policy: this.effective.policy, exceptions: activeExceptions(this.effective) } satisfies WorkerRequest);
		}
		this.worker = w;
		return w;
	}

	private failPending(message: string): void {
		for (const [id, resolve] of this.pending) {
			resolve({ type: 'error', id, message });
		}
		this.pending.clear();
	}

	private async scanBatch(items: WorkerScanItem[]): Promise<WorkerResult[]> {
		if (!items.length) {
			return [];
		}
		const id = this.nextId++;
		const response = await new Promise<WorkerResponse>((resolve) => {
			this.pending.set(id, resolve);
			this.ensureWorker().postMessage({ type: 'scan', id, items } satisfies WorkerRequest);
		});
		if (response.type === 'error') {
			this.log.error('index', `batch failed: ${response.message}`);
			return [];
		}
		return response.results;
	}

	/** Folds worker results into the index; returns the paths whose classification changed. */
	private applyResults(results: readonly WorkerResult[]): string[] {
		const changed: string[] = [];
		for (const r of results) {
			if ('gone' in r) {
				if (this.disk.delete(r.rel)) {
					changed.push(r.rel);
				}
			} else if (!r.unchanged) {
				const prev = this.disk.get(r.rel)?.c;
				this.disk.set(r.rel, { size: r.size, mtimeMs: r.mtimeMs, c: r.classification });
				if (!prev || prev.level !== r.classification.level || prev.reasons.length !== r.classification.reasons.length) {
					changed.push(r.rel);
				}
			}
		}
		return changed;
	}

	private queueFs(uri: vscode.Uri): void {
		if (uri.scheme !== 'file' || !this.effective) {
			return;
		}
		const rel = this.relPath(uri);
		if (!rel || rel.split('/').includes('.git')) {
			return;
		}
		this.fsQueue.add(uri.fsPath);
		clearTimeout(this.fsTimer);
		this.fsTimer = setTimeout(() => void this.flushFs(), FS_DEBOUNCE_MS);
	}

	private async flushFs(): Promise<void> {
		const paths = [...this.fsQueue];
		this.fsQueue.clear();
		const items: WorkerScanItem[] = [];
		for (const abs of paths) {
			const uri = vscode.Uri.file(abs);
			const rel = this.relPath(uri);
			const folder = vscode.workspace.getWorkspaceFolder(uri);
			if (!rel || !folder) {
				continue;
			}
			const ig = this.gitignores.get(folder.uri.toString());
			const folderRel = path.posix.relative(folder.uri.path, uri.path);
			let stat: fs.Stats | undefined;
			try {
				stat = await fs.promises.lstat(abs);
			} catch {
				// Deleted: the worker reports it gone.
			}
			if (stat?.isDirectory()) {
				// A folder that appears whole (moved in, checked out, unpacked) fires one event for itself and
				// none for the files inside it: list them.
				items.push(...(await this.filesUnder(uri, folder, ig)));
				continue;
			}
			if (!stat) {
				// A folder moved away or deleted whole may fire one event for itself: its files are gone too.
				for (const known of this.disk.keys()) {
					if (known.startsWith(`${rel}/`)) {
						items.push({ rel: known, abs: path.join(abs, known.slice(rel.length + 1)) });
					}
				}
			}
			items.push({ rel, abs, ...(ig?.ignores(folderRel) ? { pathOnly: true } : {}) });
		}
		const changed = this.applyResults(await this.scanBatch(items));
		if (changed.length) {
			this._onDidChange.fire({ paths: changed });
			this.scheduleCacheSave();
		}
	}

	/** The files below a folder that appeared (files.exclude and index.maxFiles apply, as in a full scan). */
	private async filesUnder(dir: vscode.Uri, folder: vscode.WorkspaceFolder, ig: Ignore | undefined): Promise<WorkerScanItem[]> {
		const maxFiles = getSetting('index.maxFiles') ?? 200_000;
		const out: WorkerScanItem[] = [];
		for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(dir, '**/*'), undefined, maxFiles)) {
			const rel = this.relPath(uri);
			if (!rel || rel.split('/').includes('.git')) {
				continue;
			}
			const folderRel = path.posix.relative(folder.uri.path, uri.path);
			out.push({ rel, abs: uri.fsPath, ...(ig?.ignores(folderRel) ? { pathOnly: true } : {}) });
		}
		return out;
	}

	private queueDocument(doc: vscode.TextDocument): void {
		const rel = this.relPath(doc.uri);
		if (!rel || !this.classifier) {
			return;
		}
		const key = doc.uri.toString();
		clearTimeout(this.docTimers.get(key));
		this.docTimers.set(
			key,
			setTimeout(() => {
				this.docTimers.delete(key);
				this.classifyDocument(doc);
			}, DOC_DEBOUNCE_MS),
		);
	}

	/** Classifies an open document's current text (dirty or untitled buffers override the disk). */
	private classifyDocument(doc: vscode.TextDocument): void {
		const rel = this.relPath(doc.uri);
		const classifier = this.classifier;
		if (!rel || !classifier || doc.isClosed) {
			return;
		}
		if (!doc.isDirty && !doc.isUntitled && this.disk.has(rel)) {
			return; // The disk classification is the buffer's.
		}
		const text = doc.getText();
		const maxBytes = this.effective?.policy.content.maxFileSizeBytes ?? Number.MAX_SAFE_INTEGER;
		let c: FileClassification;
		if (text.length > maxBytes) {
			const reasons = classifier.classifyPath(rel);
			const level = reasons.reduce<Level>((l, r) => maxLevel(l, r.level), 'public');
			c = { path: rel, level, reasons, skipped: { reason: 'too-large' }, size: text.length };
		} else {
			c = { ...classifier.classifyText(rel, text), size: Buffer.byteLength(text) };
		}
		const prev = this.get(rel);
		this.buffers.set(rel, c);
		if (!prev || prev.level !== c.level || prev.reasons.length !== c.reasons.length) {
			this._onDidChange.fire({ paths: [rel] });
		}
	}

	private dropBuffer(doc: vscode.TextDocument): void {
		const rel = this.relPath(doc.uri);
		if (rel && this.buffers.delete(rel)) {
			if (doc.uri.scheme === 'file') {
				this.queueFs(doc.uri);
			}
			this._onDidChange.fire({ paths: [rel] });
		}
	}

	private classifyOpenDocuments(): void {
		for (const doc of vscode.workspace.textDocuments) {
			if (doc.isDirty || doc.isUntitled) {
				this.classifyDocument(doc);
			}
		}
	}

	private cacheFile(): string | undefined {
		const dir = this.context.storageUri?.fsPath;
		return dir ? path.join(dir, 'index-cache.json') : undefined;
	}

	private async loadCache(policySha256: string): Promise<void> {
		if (this.disk.size) {
			// Already warm in this session: a policy change invalidates the classifications.
			if (this.loadedFor !== policySha256) {
				this.disk.clear();
			}
			this.loadedFor = policySha256;
			return;
		}
		this.loadedFor = policySha256;
		const file = this.cacheFile();
		if (!file) {
			return;
		}
		try {
			const data = JSON.parse(await fs.promises.readFile(file, 'utf8')) as CacheFile;
			if (data.version === CACHE_VERSION && data.policySha256 === policySha256) {
				for (const [k, v] of Object.entries(data.entries)) {
					this.disk.set(k, v);
				}
				this.log.info('index', `cache: ${this.disk.size} entries loaded`);
			}
		} catch {
			// No cache, or an unreadable one: a full scan rebuilds it.
		}
	}

	private scheduleCacheSave(): void {
		clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => void this.saveCache(), 2000);
	}

	private async saveCache(): Promise<void> {
		const file = this.cacheFile();
		if (!file || !this.effective) {
			return;
		}
		const data: CacheFile = { version: CACHE_VERSION, policySha256: this.effective.sha256, entries: Object.fromEntries(this.disk) };
		try {
			await fs.promises.mkdir(path.dirname(file), { recursive: true });
			const tmp = `${file}.${process.pid}.tmp`;
			await fs.promises.writeFile(tmp, JSON.stringify(data));
			await fs.promises.rename(tmp, file);
		} catch (err) {
			this.log.warn('index', `cache not saved: ${err instanceof Error ? err.message : String(err)}`);
		}
	}
}

/**
 * The key of each workspace folder, in their order: the folder's name, made unique (`uniqueFolderKeys`) when folders
 * share one. In a multi-root workspace it prefixes the folder's workspace keys, in the index, the ledgers and drift.
 */
export function workspaceFolderKeys(): string[] {
	return uniqueFolderKeys((vscode.workspace.workspaceFolders ?? []).map((f) => f.name));
}

/** The key of one workspace folder (see `workspaceFolderKeys`). */
export function workspaceFolderKey(folder: vscode.WorkspaceFolder): string {
	return workspaceFolderKeys()[folder.index] ?? folder.name;
}

/** The time-boxed exceptions in force, as the classifier takes them. */
function activeExceptions(effective: EffectivePolicy): ExceptionInput[] {
	return effective.exceptions.active.map((x) => ({ path: x.path, expires: x.expires, ...(x.reason ? { reason: x.reason } : {}) }));
}

function readGitignore(root: string): Ignore | undefined {
	try {
		return ignore().add(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'));
	} catch {
		return undefined;
	}
}
