/**
 * Multi-root workspaces: every workspace folder is a project root for the assistants, so each gets its own ignore
 * and permission files, compiled from the files of that folder with paths relative to it.
 *
 * Workspace keys follow the index: in a single-folder workspace a key is the folder-relative path; with several
 * folders it is `<folderKey>/<rel>`, where the folder's key is its name made unique by `uniqueFolderKeys` (two
 * folders may share a name). The files Context Warden manages are keyed the same way, so the ledger, drift and
 * restore work on them unchanged.
 */
import type { FileClassification } from '../classify/types';
import type { Policy } from '../policy/schema';
import { type CompileResult, type CompileTarget, compileLevers, WORKSPACE_SETTINGS_FILE } from './compile';

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

/**
 * Compiles the levers for every workspace folder: in a multi-root workspace each folder's files (paths relative to
 * the folder) into that folder's ignore and permission files, whose keys carry the folder's name. Workspace settings
 * are not per folder, so setting levers are skipped there (the multi-root settings live in the `.code-workspace`
 * file, which Context Warden does not write). One folder or none: exactly `compileLevers`.
 */
export function compileForFolders(
	policy: Policy,
	classifications: readonly FileClassification[],
	targets: readonly CompileTarget[],
	folders: readonly string[],
): CompileResult {
	if (folders.length <= 1) {
		return compileLevers(policy, classifications, targets);
	}
	const byFolder = new Map<string, FileClassification[]>(folders.map((f) => [f, []]));
	for (const c of classifications) {
		const at = splitFolderKey(folders, c.path);
		if (at?.folder !== undefined) {
			byFolder.get(at.folder)?.push({ ...c, path: at.rel });
		}
	}
	const out: CompileResult = { changes: [], skipped: [], warnings: [] };
	const skip = (leverId: string, reason: string): void => {
		if (!out.skipped.some((s) => s.leverId === leverId)) {
			out.skipped.push({ leverId, reason });
		}
	};
	for (const [folder, files] of byFolder) {
		const r = compileLevers(policy, files, targets);
		for (const change of r.changes) {
			if (change.file === WORKSPACE_SETTINGS_FILE) {
				for (const id of change.leverIds) {
					skip(id, 'workspace settings are not written in a multi-root workspace');
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
	return out;
}
