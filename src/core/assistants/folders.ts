/**
 * Multi-root workspaces: every workspace folder is a project root for the assistants, so each gets its own ignore
 * and permission files, compiled from the files of that folder with paths relative to it.
 *
 * Workspace keys follow the index: in a single-folder workspace a key is the folder-relative path; with several
 * folders it is `<folderKey>/<rel>`, where the folder's key is its name made unique by `uniqueFolderKeys` (two
 * folders may share a name). The files Context Warden manages are keyed the same way, so the ledger, drift and
 * restore work on them unchanged. The workspace settings of a window with a workspace file live in that file, keyed
 * `WORKSPACE_FILE_KEY` (a reserved name no folder key can take), with pointers under `/settings`.
 */
import type { FileClassification } from '../classify/types';
import type { Policy } from '../policy/schema';
import {
	type CompileResult,
	type CompileTarget,
	compileLevers,
	type DesiredChange,
	WORKSPACE_FILE_KEY,
	WORKSPACE_FILE_SETTINGS_POINTER,
	WORKSPACE_SETTINGS_FILE,
} from './compile';

/** A workspace key split into its folder (undefined in a single-folder workspace) and the folder-relative path. */
export interface FolderPath {
	folder: string | undefined;
	rel: string;
}

/**
 * The key of each workspace folder, in the folders' order: its name, or, when an earlier folder's key is that name,
 * `<name> (n)` with the smallest n from 2 that no earlier key takes. A folder's key depends only on the folders
 * before it, so adding a folder at the end never moves another's key; unique names come back unchanged. A `/` in a
 * name (a `.code-workspace` may name a folder anything) becomes `_`, and an empty name `_`: the key is the first
 * segment of a workspace key.
 */
export function uniqueFolderKeys(names: readonly string[]): string[] {
	const used = new Set<string>();
	return names.map((name) => {
		const base = name.replace(/\//g, '_') || '_';
		let key = base;
		for (let n = 2; used.has(key); n++) {
			key = `${base} (${n})`;
		}
		used.add(key);
		return key;
	});
}

/** The workspace key of a folder-relative path: prefixed with the folder's key when there are several folders. */
export function folderKey(folders: readonly string[], folder: string | undefined, rel: string): string {
	return folders.length > 1 && folder !== undefined ? `${folder}/${rel}` : rel;
}

/** Splits a workspace key into folder and folder-relative path; undefined when no folder of the workspace holds it. */
export function splitFolderKey(folders: readonly string[], key: string): FolderPath | undefined {
	if (folders.length <= 1) {
		return { folder: folders[0], rel: key };
	}
	const slash = key.indexOf('/');
	const folder = slash > 0 ? key.slice(0, slash) : undefined;
	return folder !== undefined && folders.includes(folder) ? { folder, rel: key.slice(slash + 1) } : undefined;
}

/** Where the compiled workspace settings go. */
export interface FolderCompileOptions {
	/**
	 * A saved workspace file is open (`vscode.workspace.workspaceFile` is a `file:` URI): the workspace settings are
	 * its `settings` object, so the setting levers are written there (`WORKSPACE_FILE_KEY`), whether it holds one
	 * folder or several. Without it, one folder's levers go to its `.vscode/settings.json`, and several folders (an
	 * untitled workspace) have no file for them: the setting levers are skipped.
	 */
	workspaceFile?: boolean;
}

/**
 * Compiles the levers for every workspace folder: in a multi-root workspace each folder's files (paths relative to
 * the folder) into that folder's ignore and permission files, whose keys carry the folder's name. Workspace settings
 * are not per folder: with a saved workspace file open they go to its `settings` object, once for all folders (an
 * array setting gets every folder's items); in an untitled multi-root workspace they are skipped. One folder and no
 * workspace file: exactly `compileLevers`.
 */
export function compileForFolders(
	policy: Policy,
	classifications: readonly FileClassification[],
	targets: readonly CompileTarget[],
	folders: readonly string[],
	options: FolderCompileOptions = {},
): CompileResult {
	if (folders.length <= 1) {
		const r = compileLevers(policy, classifications, targets);
		return options.workspaceFile ? { ...r, changes: toWorkspaceFile(r.changes) } : r;
	}
	const byFolder = new Map<string, FileClassification[]>(folders.map((f) => [f, []]));
	for (const c of classifications) {
		const at = splitFolderKey(folders, c.path);
		if (at?.folder !== undefined) {
			byFolder.get(at.folder)?.push({ ...c, path: at.rel });
		}
	}
	const out: CompileResult = { changes: [], skipped: [], warnings: [] };
	const settings: DesiredChange[] = [];
	const skip = (leverId: string, reason: string): void => {
		if (!out.skipped.some((s) => s.leverId === leverId)) {
			out.skipped.push({ leverId, reason });
		}
	};
	for (const [folder, files] of byFolder) {
		const r = compileLevers(policy, files, targets);
		for (const change of r.changes) {
			if (change.file === WORKSPACE_SETTINGS_FILE) {
				if (options.workspaceFile) {
					settings.push(change);
				} else {
					for (const id of change.leverIds) {
						skip(id, 'the multi-root workspace is not saved, so its settings have no file: save the workspace to apply them');
					}
				}
				continue;
			}
			out.changes.push({ ...change, file: folderKey(folders, folder, change.file) });
		}
		for (const s of r.skipped) {
			skip(s.leverId, s.reason);
		}
		for (const w of r.warnings) {
			const shown = `${folder}: ${w}`;
			if (!out.warnings.includes(shown)) {
				out.warnings.push(shown);
			}
		}
	}
	out.changes.push(...toWorkspaceFile(settings));
	return out;
}

/**
 * The `.vscode/settings.json` changes moved into the workspace file's `settings`, one change per key: the folders'
 * changes to one key are merged (their levers joined, array items in first-seen order), the first value kept.
 * Other changes pass through. Sorted as `compileLevers` sorts (kind, then key).
 */
function toWorkspaceFile(changes: readonly DesiredChange[]): DesiredChange[] {
	const out: DesiredChange[] = [];
	const merged = new Map<string, DesiredChange>();
	for (const change of changes) {
		if (change.file !== WORKSPACE_SETTINGS_FILE || change.kind === 'ignoreBlock') {
			out.push(change);
			continue;
		}
		const key = WORKSPACE_FILE_SETTINGS_POINTER + change.key;
		const id = `${change.kind}\u0000${key}`;
		const existing = merged.get(id);
		if (!existing) {
			merged.set(id, change.kind === 'jsonValue' ? { ...change, file: WORKSPACE_FILE_KEY, key, leverIds: [...change.leverIds] } : { ...change, file: WORKSPACE_FILE_KEY, key, items: [...change.items], leverIds: [...change.leverIds] });
			continue;
		}
		existing.leverIds.push(...change.leverIds.filter((l) => !existing.leverIds.includes(l)));
		if (existing.kind === 'jsonArrayItems' && change.kind === 'jsonArrayItems') {
			existing.items.push(...change.items.filter((i) => !existing.items.includes(i)));
		}
	}
	const order = { ignoreBlock: 0, jsonArrayItems: 1, jsonValue: 2 } as const;
	const settings = [...merged.values()].sort((a, b) => order[a.kind] - order[b.kind] || ('key' in a && 'key' in b ? a.key.localeCompare(b.key) : 0));
	return [...out, ...settings];
}
