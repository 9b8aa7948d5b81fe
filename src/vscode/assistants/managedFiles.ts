import * as vscode from 'vscode';
import type { FileEdit, Problem } from '../../core/assistants/ledger';
import { decodeManaged, encodeManaged, managedEncodingOf, MANAGED_TEXT } from '../../core/assistants/managedText';
import type { Logger } from '../logger';

/** What was read of the managed files: their texts (undefined: missing), and the files left alone with why. */
export interface ManagedRead {
	texts: Record<string, string | undefined>;
	/** Files whose bytes would not come back exactly from a text (see managedText.ts): never planned, never written. */
	unreadable: Problem[];
}

/**
 * The one reader and writer of the files governance and the hook installer edit (settings, ignore, permission and
 * hook files, `.git/info/exclude`), keyed by the callers' own names (workspace keys, folder-relative paths) which
 * `uriOf` turns into URIs. Reading keeps a byte-order mark and the line ends in the text; writing gives a file back
 * in the encoding it has on disk (UTF-16 stays UTF-16). A file that is not UTF-8 or UTF-16 text is reported in
 * `unreadable` and must be left out of the plan (`leaveOut`).
 */
export class ManagedFiles {
	constructor(
		private readonly log: Logger,
		private readonly tag: string,
		private readonly uriOf: (file: string) => vscode.Uri | undefined,
	) {}

	async read(files: Iterable<string>): Promise<ManagedRead> {
		const texts: Record<string, string | undefined> = {};
		const unreadable: Problem[] = [];
		for (const file of new Set(files)) {
			texts[file] = undefined;
			const uri = this.uriOf(file);
			if (!uri) {
				continue;
			}
			let bytes: Uint8Array;
			try {
				bytes = await vscode.workspace.fs.readFile(uri);
			} catch {
				continue; // missing: undefined
			}
			const decoded = decodeManaged(bytes);
			if ('error' in decoded) {
				unreadable.push({ file, message: decoded.error, messageTemplate: { template: MANAGED_TEXT.notText, args: [] } });
				delete texts[file];
				continue;
			}
			texts[file] = decoded.text;
		}
		return { texts, unreadable };
	}

	/** Writes edits (a file keeps its encoding on disk); returns the files done. A failure is logged and left out. */
	async write(edits: readonly FileEdit[]): Promise<Set<string>> {
		const done = new Set<string>();
		for (const e of edits) {
			const uri = this.uriOf(e.file);
			if (!uri) {
				this.log.warn(this.tag, `cannot ${e.action} ${e.file}: no workspace folder holds it`);
				continue;
			}
			try {
				if (e.action === 'delete') {
					await vscode.workspace.fs.delete(uri, { useTrash: false });
				} else {
					let current: Uint8Array | undefined;
					try {
						current = await vscode.workspace.fs.readFile(uri);
					} catch {
						current = undefined;
					}
					await vscode.workspace.fs.writeFile(uri, encodeManaged(e.text, managedEncodingOf(current)));
				}
				done.add(e.file);
			} catch (err) {
				if (e.action === 'delete' && err instanceof vscode.FileSystemError && err.code === 'FileNotFound') {
					done.add(e.file); // already gone
					continue;
				}
				this.log.error(this.tag, `cannot ${e.action} ${e.file}`, err);
			}
		}
		return done;
	}
}

/** The items of `list` (desired changes, ledger records) whose file can be read and written faithfully. */
export function leaveOut<T extends { file: string }>(list: readonly T[], unreadable: readonly Problem[]): T[] {
	const bad = new Set(unreadable.map((p) => p.file));
	return list.filter((x) => !bad.has(x.file));
}
