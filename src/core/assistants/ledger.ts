/**
 * The ledger: every change Context Warden makes to a user's file, recorded as plain data, so that it can be undone
 * exactly and nothing else is touched.
 *
 * Functions here work over `{ path -> text | undefined }` maps (undefined: the file does not exist) and return
 * edits; the adapter reads and writes files, and appends the returned records to its stored ledger.
 *
 * Records:
 * - `file`: one per write: the whole text before and after. It makes the exact undo possible.
 * - `ignoreBlock`: the managed block's lines before and after (text joined with LF).
 * - `jsonValue`: one property: before (existed? value) and after.
 * - `jsonArrayItem`: one array entry we added (previous.existed false) or took away again (applied.existed false).
 *   We never record (and so never remove) an entry the user had already written.
 *
 * Restore rule, per file:
 * 1. **Exact undo.** When nobody touched the file between or after our writes (each write started from the text
 *    the previous one left, and the file still holds the text of the last one), the original bytes come back, or the
 *    file is deleted if it did not exist.
 * 2. **Semantic undo** otherwise: each managed item is undone only where it still holds what we applied. A block is
 *    removed (lines typed into it by someone are kept in its place); a value is set back to the original (or
 *    removed); our array entries are removed, and a container we created for an array or a value (a workspace
 *    file's `settings`) goes if it is left empty. An item whose value the user changed since is **left alone and
 *    reported as drift**: the user's latest word wins over ours.
 * 3. A file that did not exist before us and is left with nothing (no user content, no comment) is deleted.
 * Original values are those before our *first* change to the item; later re-applications after drift do not move it.
 */
import { fillTemplate } from './decide';
import { applyBlock, type ManagedBlockTemplate, readBlock, removeBlock } from './managedBlock';
import { keepUserExclusions } from './reinclude';
import {
	appendArrayItem,
	deepEqual,
	firstMissing,
	getArrayItems,
	getJsonValue,
	isEmptyContainer,
	isEmptyDocument,
	type ManagedJsonTemplate,
	parseJsonc,
	removeArrayItem,
	removeJsonValue,
	setJsonValue,
} from './managedJson';
import { type DesiredChange, WORKSPACE_FILE_KEY } from './compile';
import type { ManagedTextTemplate } from './managedText';

export type LedgerKind = 'file' | 'ignoreBlock' | 'jsonValue' | 'jsonArrayItem';

export interface LedgerState {
	existed: boolean;
	/** jsonValue / jsonArrayItem */
	value?: unknown;
	/** file: the whole text; ignoreBlock: the block's lines joined with LF */
	text?: string;
}

export interface LedgerRecord {
	/** Workspace-relative POSIX path. */
	file: string;
	kind: LedgerKind;
	/** JSON pointer of the property or array (jsonValue, jsonArrayItem). */
	key?: string;
	/** The levers this change serves. */
	leverIds?: string[];
	previous: LedgerState;
	applied: LedgerState;
	/**
	 * jsonArrayItem, jsonValue: the shallowest container (pointer) this change had to create, if any (for a value,
	 * one of its parents, e.g. a workspace file's `/settings`), taken away again when it is left empty.
	 */
	created?: string;
	/** ISO time. */
	at: string;
}

export type Ledger = readonly LedgerRecord[];
export type FileTexts = Readonly<Record<string, string | undefined>>;
export type FileEdit = { file: string; action: 'write'; text: string } | { file: string; action: 'delete' };

/**
 * Why `planApply` leaves a file as it is, in English with `{0}`-style placeholders (line numbers and JSON pointers go
 * in as they are). With the reasons of `MANAGED_JSON_TEXT` and `MANAGED_BLOCK_TEXT` that it passes on, these are
 * every `planApply` problem: the core says them in English for logs; an adapter shows `messageTemplate` in the
 * editor's display language instead, keyed by these templates.
 */
export const LEDGER_TEXT = {
	blockDamaged: 'the managed block at line {0} has lost its end marker; fix or remove it by hand',
	notAnArray: '{0} is not an array',
} as const;

export type ProblemTemplate = (typeof LEDGER_TEXT)[keyof typeof LEDGER_TEXT] | ManagedJsonTemplate | ManagedBlockTemplate | ManagedTextTemplate;

/** A problem's sentence: a template of `LEDGER_TEXT`, `MANAGED_JSON_TEXT` or `MANAGED_BLOCK_TEXT` and its arguments. */
export interface ProblemSentence {
	template: ProblemTemplate;
	args: readonly string[];
}

export interface Problem {
	file: string;
	key?: string;
	/** In English, for logs and the audit log. */
	message: string;
	/**
	 * The same sentence as a template (`message` is `fillTemplate` of it), for display. Set on `planApply`'s problems;
	 * absent where the message is a plain sentence (restore drift, hook placement).
	 */
	messageTemplate?: ProblemSentence;
}

export interface PlanResult {
	edits: FileEdit[];
	/** Append these to the stored ledger once the edits are written. */
	records: LedgerRecord[];
	/** Files not changed because their content was not understood (a damaged block, invalid JSON). */
	problems: Problem[];
}

export interface RestoreResult {
	edits: FileEdit[];
	/** Items left as they are because someone changed them since. */
	drift: Problem[];
	/** Files whose records the adapter should drop from the ledger once the edits are written. */
	restoredFiles: string[];
}

const BOM = '\uFEFF';

/** Runs a JSON transformation on the text after its byte-order mark. */
function jsonBody(text: string | undefined): { bom: string; body: string | undefined } {
	if (text?.startsWith(BOM)) {
		return { bom: BOM, body: text.slice(1) };
	}
	return { bom: '', body: text };
}

function itemKey(r: Pick<LedgerRecord, 'file' | 'kind' | 'key'>, value?: unknown): string {
	return `${r.kind}\u0000${r.file}\u0000${r.key ?? ''}\u0000${r.kind === 'jsonArrayItem' ? JSON.stringify(value) : ''}`;
}

interface ManagedItem {
	file: string;
	kind: Exclude<LedgerKind, 'file'>;
	key?: string;
	/** The state before our first change. */
	original: LedgerState;
	/** The state after our latest change. */
	latest: LedgerState;
	created?: string;
	leverIds: string[];
}

/** Folds the ledger into one entry per managed item: original and latest state. */
export function managedItems(ledger: Ledger): ManagedItem[] {
	const items = new Map<string, ManagedItem>();
	for (const r of ledger) {
		if (r.kind === 'file') {
			continue;
		}
		const id = itemKey(r, r.kind === 'jsonArrayItem' ? (r.applied.existed ? r.applied.value : r.previous.value) : undefined);
		const existing = items.get(id);
		if (existing) {
			existing.latest = r.applied;
			for (const l of r.leverIds ?? []) {
				if (!existing.leverIds.includes(l)) {
					existing.leverIds.push(l);
				}
			}
			existing.created ??= r.created;
		} else {
			items.set(id, {
				file: r.file,
				kind: r.kind,
				...(r.key !== undefined ? { key: r.key } : {}),
				original: r.previous,
				latest: r.applied,
				...(r.created ? { created: r.created } : {}),
				leverIds: [...(r.leverIds ?? [])],
			});
		}
	}
	return [...items.values()];
}

function fileRecords(ledger: Ledger, file: string): LedgerRecord[] {
	return ledger.filter((r) => r.file === file && r.kind === 'file');
}

/** Whether the file existed before Context Warden first wrote it (true when we never wrote it). */
function existedBefore(ledger: Ledger, file: string, current: string | undefined): boolean {
	const first = fileRecords(ledger, file)[0];
	return first ? first.previous.existed : current !== undefined;
}

function sameState(a: LedgerState, b: LedgerState): boolean {
	return a.existed === b.existed && (a.text ?? '') === (b.text ?? '');
}

/** True when only Context Warden has written the file since it first touched it. */
export function untouchedSinceUs(ledger: Ledger, file: string, current: string | undefined): boolean {
	const recs = fileRecords(ledger, file);
	const last = recs[recs.length - 1];
	if (!last) {
		return false;
	}
	for (let i = 1; i < recs.length; i++) {
		const prev = recs[i - 1];
		const rec = recs[i];
		if (!prev || !rec || !sameState(prev.applied, rec.previous)) {
			return false;
		}
	}
	return sameState(last.applied, { existed: current !== undefined, text: current ?? '' });
}

/** The result of undoing one item on a text; drift when the user changed the item since. */
interface UndoStep {
	text: string | undefined;
	drift?: string;
}

function undoItem(text: string | undefined, item: ManagedItem): UndoStep {
	if (!item.latest.existed && item.kind !== 'jsonValue') {
		return { text };
	}
	switch (item.kind) {
		case 'ignoreBlock': {
			const block = readBlock(text);
			if (text === undefined || block.state === 'absent') {
				return { text, drift: 'the managed block was removed by someone' };
			}
			if (block.state === 'damaged') {
				return { text, drift: `the managed block at line ${block.beginLine + 1} has lost its end marker; left as it is` };
			}
			const ours = (item.latest.text ?? '').split('\n');
			const r = removeBlock(text, block.intact ? {} : { keepForeign: ours });
			return block.intact ? { text: r.text } : { text: r.text, drift: 'the managed block was edited; lines added to it were kept' };
		}
		case 'jsonValue': {
			const { bom, body } = jsonBody(text);
			const key = item.key ?? '';
			const cur = getJsonValue(body, key);
			const ourState = item.latest;
			const matches = cur.exists === ourState.existed && (!cur.exists || deepEqual(cur.value, ourState.value));
			if (!matches) {
				return { text, drift: `${key.slice(1)} was changed since Context Warden set it; left as it is` };
			}
			if (body === undefined || !parseJsonc(body).ok) {
				return { text, drift: 'the file is not valid JSON; left as it is' };
			}
			if (item.original.existed) {
				return { text: bom + setJsonValue(body, key, item.original.value) };
			}
			return { text: cur.exists ? bom + removeJsonValue(body, key) : text };
		}
		case 'jsonArrayItem': {
			const { bom, body } = jsonBody(text);
			const key = item.key ?? '';
			const items = getArrayItems(body, key);
			if (body === undefined || !items || !items.some((x) => deepEqual(x, item.latest.value))) {
				return { text, drift: `${JSON.stringify(item.latest.value)} was removed from ${key} by someone` };
			}
			return { text: bom + removeArrayItem(body, key, item.latest.value) };
		}
	}
}

/** A container we created (`created`) on the way to an array (`key`), or to a value's parent. */
interface CreatedPath {
	key: string;
	created: string;
}

/** Where pruning starts for an item that created a container: the array itself, or the object holding the value. */
function createdPath(item: Pick<ManagedItem, 'kind' | 'key' | 'created'>): CreatedPath | undefined {
	if (!item.created || item.key === undefined) {
		return undefined;
	}
	return { key: item.kind === 'jsonValue' ? item.key.slice(0, item.key.lastIndexOf('/')) : item.key, created: item.created };
}

/** Whether a managed file is JSON with comments: by its name, or the workspace file. */
function isJsonFile(file: string): boolean {
	return file.endsWith('.json') || file === WORKSPACE_FILE_KEY;
}

/** Removes, from `key` up to `created`, the containers that are now empty (no members, no comments). */
function pruneCreated(text: string | undefined, paths: readonly CreatedPath[]): string | undefined {
	if (text === undefined || paths.length === 0) {
		return text;
	}
	const { bom, body } = jsonBody(text);
	let out = body ?? '';
	for (const { key, created } of paths) {
		let q = key;
		while (q.length >= created.length && q !== '') {
			if (!isEmptyContainer(out, q)) {
				break;
			}
			out = removeJsonValue(out, q);
			q = q.slice(0, q.lastIndexOf('/'));
		}
	}
	return bom + out;
}

function finalEdit(file: string, before: string | undefined, after: string | undefined, existedOriginally: boolean): FileEdit | undefined {
	let result = after;
	if (!existedOriginally && result !== undefined) {
		const isJson = isJsonFile(file);
		const empty = isJson ? isEmptyDocument(result) : result.replace(/^\uFEFF/, '') === '';
		if (empty) {
			result = undefined;
		}
	}
	if (result === before) {
		return undefined;
	}
	return result === undefined ? { file, action: 'delete' } : { file, action: 'write', text: result };
}

/**
 * Undoes what the ledger says Context Warden did to these files (all files in the ledger by default), following
 * the restore rule in the module comment.
 */
export function restore(ledger: Ledger, files: FileTexts, options: { files?: readonly string[] } = {}): RestoreResult {
	const targets = options.files ?? [...new Set(ledger.map((r) => r.file))];
	const edits: FileEdit[] = [];
	const drift: Problem[] = [];
	const items = managedItems(ledger);
	for (const file of targets) {
		const current = files[file];
		const recs = fileRecords(ledger, file);
		const first = recs[0];
		if (first && untouchedSinceUs(ledger, file, current)) {
			const original = first.previous.existed ? first.previous.text : undefined;
			if (original !== current) {
				edits.push(original === undefined ? { file, action: 'delete' } : { file, action: 'write', text: original });
			}
			continue;
		}
		if (current === undefined) {
			if (items.some((i) => i.file === file && i.latest.existed)) {
				drift.push({ file, message: 'the file was deleted since Context Warden changed it' });
			}
			continue;
		}
		let text: string | undefined = current;
		const created: CreatedPath[] = [];
		for (const item of items.filter((i) => i.file === file)) {
			const step = undoItem(text, item);
			text = step.text;
			if (step.drift) {
				drift.push({ file, ...(item.key !== undefined ? { key: item.key } : {}), message: step.drift });
			}
			const path = createdPath(item);
			if (path) {
				created.push(path);
			}
		}
		text = pruneCreated(text, created);
		const edit = finalEdit(file, current, text, existedBefore(ledger, file, current));
		if (edit) {
			edits.push(edit);
		}
	}
	return { edits, drift, restoredFiles: [...targets] };
}

/** The ledger without the records of these files (after a restore). */
export function forgetFiles(ledger: Ledger, files: readonly string[]): LedgerRecord[] {
	const drop = new Set(files);
	return ledger.filter((r) => !drop.has(r.file));
}

/**
 * Plans the edits that bring the files to the desired state, and the ledger records describing them.
 * With `prune` (the default), items the ledger says we manage in the touched files, or in any ledger file, that are
 * no longer desired are undone (a decision changed, an assistant went away).
 */
export function planApply(desired: readonly DesiredChange[], ledger: Ledger, files: FileTexts, now: Date, options: { prune?: boolean } = {}): PlanResult {
	const at = now.toISOString();
	const edits: FileEdit[] = [];
	const records: LedgerRecord[] = [];
	const problems: Problem[] = [];
	const items = managedItems(ledger);
	const byFile = new Map<string, DesiredChange[]>();
	for (const d of desired) {
		byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
	}
	if (options.prune ?? true) {
		for (const i of items) {
			if (i.latest.existed && !byFile.has(i.file)) {
				byFile.set(i.file, []);
			}
		}
	}
	for (const [file, changes] of byFile) {
		const before = files[file];
		let text = before;
		const fileRecs: LedgerRecord[] = [];
		let failed = false;
		const fail = (messageTemplate: ProblemSentence, key?: string): void => {
			problems.push({ file, ...(key !== undefined ? { key } : {}), message: fillTemplate(messageTemplate.template, messageTemplate.args), messageTemplate });
			failed = true;
		};
		if (isJsonFile(file) && text !== undefined && text.trim() !== '') {
			const parsed = parseJsonc(jsonBody(text).body ?? '');
			if (!parsed.ok) {
				fail(parsed.messageTemplate);
				continue;
			}
		}
		if (changes.length === 0 && untouchedSinceUs(ledger, file, before)) {
			// nothing of ours is wanted here any more and nobody else touched the file: give back the original bytes
			const first = fileRecords(ledger, file)[0];
			const original = first?.previous.existed ? first.previous.text : undefined;
			if (original !== before) {
				edits.push(original === undefined ? { file, action: 'delete' } : { file, action: 'write', text: original });
				records.push(...undoRecords(items.filter((i) => i.file === file && i.latest.existed), at));
				records.push({
					file,
					kind: 'file',
					previous: before === undefined ? { existed: false } : { existed: true, text: before },
					applied: original === undefined ? { existed: false } : { existed: true, text: original },
					at,
				});
			}
			continue;
		}
		const wantedKeys = new Set<string>();
		for (const change of changes) {
			if (change.kind === 'ignoreBlock') {
				wantedKeys.add(itemKey({ file, kind: 'ignoreBlock' }));
				const block = readBlock(text);
				const wanted = keepUserExclusions(change.lines, text);
				if (block.state === 'damaged') {
					fail({ template: LEDGER_TEXT.blockDamaged, args: [String(block.beginLine + 1)] });
					break;
				}
				const present = block.state === 'present';
				if (wanted.length === 0) {
					if (present && text !== undefined) {
						text = removeBlock(text).text;
						fileRecs.push({ file, kind: 'ignoreBlock', leverIds: change.leverIds, previous: { existed: true, text: block.lines.join('\n') }, applied: { existed: false }, at });
					}
					continue;
				}
				if (present && block.intact && block.duplicates === 0 && block.lines.join('\n') === wanted.join('\n')) {
					continue;
				}
				if (present && !block.intact && text !== undefined) {
					// someone typed into the block: keep their lines where the block was, write a fresh block
					const ours = [...wanted, ...(items.find((i) => i.file === file && i.kind === 'ignoreBlock')?.latest.text ?? '').split('\n')];
					text = removeBlock(text, { keepForeign: ours }).text;
				}
				const r = applyBlock(text, wanted);
				if (!r.ok) {
					fail(r.messageTemplate);
					break;
				}
				text = r.text;
				fileRecs.push({
					file,
					kind: 'ignoreBlock',
					leverIds: change.leverIds,
					previous: present ? { existed: true, text: block.lines.join('\n') } : { existed: false },
					applied: { existed: true, text: wanted.join('\n') },
					at,
				});
			} else if (change.kind === 'jsonValue') {
				wantedKeys.add(itemKey({ file, kind: 'jsonValue', key: change.key }));
				const { bom, body } = jsonBody(text);
				const cur = getJsonValue(body, change.key);
				if (cur.exists && deepEqual(cur.value, change.value)) {
					continue;
				}
				const missing = cur.exists ? undefined : firstMissing(body, change.key);
				const created = missing !== undefined && missing !== change.key ? missing : undefined;
				text = bom + setJsonValue(body, change.key, change.value);
				fileRecs.push({
					file,
					kind: 'jsonValue',
					key: change.key,
					leverIds: change.leverIds,
					previous: cur.exists ? { existed: true, value: cur.value } : { existed: false },
					applied: { existed: true, value: change.value },
					...(created ? { created } : {}),
					at,
				});
			} else {
				const owned = items.filter((i) => i.file === file && i.kind === 'jsonArrayItem' && i.key === change.key && i.latest.existed);
				for (const item of change.items) {
					wantedKeys.add(itemKey({ file, kind: 'jsonArrayItem', key: change.key }, item));
				}
				// add what is missing (a missing array is written whole, in one edit)
				{
					const { bom, body } = jsonBody(text);
					const cur = getJsonValue(body, change.key);
					if (cur.exists && !Array.isArray(cur.value)) {
						fail({ template: LEDGER_TEXT.notAnArray, args: [change.key] }, change.key);
						break;
					}
					const present: unknown[] = cur.exists && Array.isArray(cur.value) ? cur.value : [];
					const missing = change.items.filter((item, i) => !present.some((x) => deepEqual(x, item)) && change.items.indexOf(item) === i);
					const created = missing.length > 0 ? firstMissing(body, change.key) : undefined;
					if (missing.length > 0) {
						if (cur.exists) {
							let t = body;
							for (const item of missing) {
								t = appendArrayItem(t, change.key, item);
							}
							text = bom + (t ?? '');
						} else {
							text = bom + setJsonValue(body, change.key, missing);
						}
					}
					missing.forEach((item, i) => {
						fileRecs.push({
							file,
							kind: 'jsonArrayItem',
							key: change.key,
							leverIds: change.leverIds,
							previous: { existed: false },
							applied: { existed: true, value: item },
							...(created && i === 0 ? { created } : {}),
							at,
						});
					});
				}
				// take back what we added and no longer want
				for (const item of owned) {
					if (change.items.some((x) => deepEqual(x, item.latest.value))) {
						continue;
					}
					const { bom, body } = jsonBody(text);
					if (!getArrayItems(body, change.key)?.some((x) => deepEqual(x, item.latest.value))) {
						continue;
					}
					text = bom + removeArrayItem(body ?? '', change.key, item.latest.value);
					fileRecs.push({ file, kind: 'jsonArrayItem', key: change.key, leverIds: change.leverIds, previous: { existed: true, value: item.latest.value }, applied: { existed: false, value: item.latest.value }, at });
				}
				const createdHere = items.find((i) => i.file === file && i.key === change.key && i.created)?.created;
				if (change.items.length === 0 && createdHere) {
					text = pruneCreated(text, [{ key: change.key, created: createdHere }]);
				}
			}
		}
		if (failed) {
			continue;
		}
		// prune items of this file we manage and no longer want
		if (options.prune ?? true) {
			const created: CreatedPath[] = [];
			for (const item of items) {
				if (item.file !== file) {
					continue;
				}
				const path = createdPath(item);
				if (path && !changes.some((c) => 'key' in c && c.key === item.key)) {
					created.push(path);
				}
				if (!item.latest.existed) {
					continue;
				}
				const id = itemKey(item, item.kind === 'jsonArrayItem' ? item.latest.value : undefined);
				if (wantedKeys.has(id)) {
					continue;
				}
				if (item.kind === 'jsonArrayItem' && changes.some((c) => c.kind === 'jsonArrayItems' && c.key === item.key)) {
					continue; // handled above
				}
				const step = undoItem(text, item);
				if (step.drift) {
					continue; // the user changed it: it is theirs now
				}
				if (step.text !== text) {
					const previous = currentState(text, item);
					text = step.text;
					fileRecs.push({
						file,
						kind: item.kind,
						...(item.key !== undefined ? { key: item.key } : {}),
						leverIds: item.leverIds,
						previous,
						applied: item.kind === 'jsonValue' && item.original.existed ? { existed: true, value: item.original.value } : { existed: false, ...(item.kind === 'jsonArrayItem' ? { value: item.latest.value } : {}) },
						at,
					});
				}
			}
			if (created.length > 0) {
				text = pruneCreated(text, created);
			}
		}
		const edit = finalEdit(file, before, text, existedBefore(ledger, file, before));
		if (!edit) {
			continue;
		}
		edits.push(edit);
		records.push(...fileRecs);
		records.push({
			file,
			kind: 'file',
			previous: before === undefined ? { existed: false } : { existed: true, text: before },
			applied: edit.action === 'delete' ? { existed: false } : { existed: true, text: edit.text },
			at,
		});
	}
	return { edits, records, problems };
}

/** Records saying these items were taken back to their original state. */
function undoRecords(items: readonly ManagedItem[], at: string): LedgerRecord[] {
	return items.map((item) => ({
		file: item.file,
		kind: item.kind,
		...(item.key !== undefined ? { key: item.key } : {}),
		leverIds: item.leverIds,
		previous: item.latest,
		applied: item.kind === 'jsonValue' && item.original.existed ? item.original : { existed: false, ...(item.kind === 'jsonArrayItem' ? { value: item.latest.value } : {}) },
		at,
	}));
}

function currentState(text: string | undefined, item: ManagedItem): LedgerState {
	if (item.kind === 'ignoreBlock') {
		const b = readBlock(text);
		return b.state === 'present' ? { existed: true, text: b.lines.join('\n') } : { existed: false };
	}
	const { body } = jsonBody(text);
	if (item.kind === 'jsonValue') {
		const cur = getJsonValue(body, item.key ?? '');
		return cur.exists ? { existed: true, value: cur.value } : { existed: false };
	}
	return { existed: true, value: item.latest.value };
}

/** Applies edits to a file map (for tests, the CLI and dry runs). */
export function applyFileEdits(files: FileTexts, edits: readonly FileEdit[]): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = { ...files };
	for (const e of edits) {
		if (e.action === 'delete') {
			out[e.file] = undefined;
		} else {
			out[e.file] = e.text;
		}
	}
	return out;
}

/** The levers whose changes are in place according to the ledger (for the coverage report). */
export function appliedLeverIds(ledger: Ledger): Set<string> {
	const out = new Set<string>();
	for (const item of managedItems(ledger)) {
		if (item.latest.existed) {
			for (const id of item.leverIds) {
				out.add(id);
			}
		}
	}
	return out;
}
