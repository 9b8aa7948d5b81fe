/**
 * The hook installer's desired state, in the assistants core's terms (`DesiredChange`), so that the ledger
 * (src/core/assistants/ledger.ts) applies it with comments and the user's keys kept byte for byte, and undoes it
 * exactly. Pure.
 *
 * Each event's hook entries are added to the event's array (`hooks.<Event>`), next to the user's own hooks;
 * other top-level members (Cursor's `version`) are set as values.
 */
import type { DesiredChange } from '../assistants/compile';
import { pathToGitignore } from '../assistants/gitignore';
import type { FileTexts, Ledger, Problem } from '../assistants/ledger';
import { toPointer } from '../assistants/managedJson';
import { hookLeverId } from './agentRegistry';
import type { HookInstallSpec } from './install';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The ledger changes that install one JSON spec (workspace scope). Executable specs and user-scope files are not
 * expressible here: they return an empty list.
 */
export function hookDesiredChanges(spec: HookInstallSpec): DesiredChange[] {
	if (spec.format !== 'json' || spec.scope !== 'workspace' || !isRecord(spec.content)) {
		return [];
	}
	const leverIds = [hookLeverId(spec.agent)];
	const changes: DesiredChange[] = [];
	for (const [key, value] of Object.entries(spec.content)) {
		if (key === 'hooks' && isRecord(value)) {
			for (const [event, entries] of Object.entries(value)) {
				if (Array.isArray(entries)) {
					// The ledger compares array items with deep equality: objects work as well as the strings its type names.
					changes.push({ kind: 'jsonArrayItems', file: spec.file, key: toPointer(['hooks', event]), items: entries as string[], leverIds });
				}
			}
		} else {
			changes.push({ kind: 'jsonValue', file: spec.file, key: toPointer([key]), value, leverIds });
		}
	}
	return changes;
}

/** The lever id of the `.git/info/exclude` block that keeps the machine-specific hook files out of git. */
export const HOOK_EXCLUDE_LEVER = 'hooks.gitExclude';

/** The first line of our `.git/info/exclude` block (a comment), saying what the block is for and how it goes away. */
export const HOOK_EXCLUDE_COMMENT = '# Agent hook files with this machine\'s paths; removed by "Context Warden: Remove Agent Hooks (Restore Files)"';

/** What git says about the workspace, gathered by the adapter. Paths are workspace-relative POSIX. */
export type GitFacts =
	| { kind: 'none' }
	| {
			kind: 'repo';
			/** The repository's `info/exclude` file, workspace-relative (may start with `../`); undefined when not found. */
			excludeFile?: string;
			/** The workspace folder's path inside the repository (`''` at its top, else ending with `/`). */
			prefix: string;
			/** Of the hook files, those git tracks; undefined when git could not be asked. */
			tracked?: ReadonlySet<string>;
			/** Of the hook files, those untracked and not ignored (git would offer to commit them); undefined when unknown. */
			unignored?: ReadonlySet<string>;
	  };

export interface HookPlacement {
	/** The ledger changes to plan: the exclude block first (so it is in place before a file it names), then the hooks. */
	changes: DesiredChange[];
	/** The files that get the hook. */
	files: string[];
	/** Files not written, with why. */
	problems: Problem[];
}

/**
 * Why a hook file is not written, one sentence per case (the file is named beside it). The core reports them in
 * English for the log; an adapter shows them in the editor's display language, keyed by these texts.
 */
export const HOOK_PLACEMENT_TEXT = {
	tracked: "git tracks this file: the hook command holds this machine's paths and would be committed; not written",
	gitUnknown: "cannot ask git whether this file is committed (is git installed?); not written, as the hook command holds this machine's paths",
	wouldCommit: "git would commit this file, and the hook command holds this machine's paths; not written (ignore the file in git to have the hook here)",
	noExclude: "cannot find the repository's info/exclude to keep this file out of git; not written, as the hook command holds this machine's paths",
} as const;

/**
 * Decides which hook files may be written without putting this machine's paths into a file git would commit, and
 * the `.git/info/exclude` block that keeps the others out:
 * - outside a git repository, every file is written;
 * - a file git tracks is never written (a commit would carry the paths, and the hook would fail on every other
 *   machine); the reason is reported;
 * - a file we create, and a personal file (`HookInstallSpec.personal`), are written and listed in the exclude block;
 * - a shared file that was there before us is written only when git already ignores it;
 * - when git cannot be asked, only files that can be excluded and cannot be tracked (ones we create) are written.
 * A file counts as ours when it does not exist yet, or the ledger's first write of it found it missing.
 */
export function placeHookFiles(specs: readonly HookInstallSpec[], files: FileTexts, ledger: Ledger, git: GitFacts): HookPlacement {
	const problems: Problem[] = [];
	const allowed: HookInstallSpec[] = [];
	const exclude: string[] = [];
	for (const spec of specs) {
		if (spec.format !== 'json' || spec.scope !== 'workspace') {
			continue;
		}
		if (git.kind === 'none') {
			allowed.push(spec);
			continue;
		}
		const file = spec.file;
		const firstWrite = ledger.find((r) => r.file === file && r.kind === 'file');
		const ours = files[file] === undefined || firstWrite?.previous.existed === false;
		const known = git.tracked !== undefined && git.unignored !== undefined;
		if (git.tracked?.has(file)) {
			problems.push({ file, message: HOOK_PLACEMENT_TEXT.tracked });
			continue;
		}
		if (!ours && !spec.personal) {
			if (!known) {
				problems.push({ file, message: HOOK_PLACEMENT_TEXT.gitUnknown });
				continue;
			}
			if (git.unignored?.has(file)) {
				problems.push({ file, message: HOOK_PLACEMENT_TEXT.wouldCommit });
				continue;
			}
			allowed.push(spec); // already ignored by git
			continue;
		}
		if (!ours && !known) {
			problems.push({ file, message: HOOK_PLACEMENT_TEXT.gitUnknown });
			continue;
		}
		const line = git.excludeFile !== undefined ? pathToGitignore(`${git.prefix}${file}`) : undefined;
		if (line === undefined) {
			problems.push({ file, message: HOOK_PLACEMENT_TEXT.noExclude });
			continue;
		}
		exclude.push(line);
		allowed.push(spec);
	}
	const changes: DesiredChange[] = [];
	if (git.kind === 'repo' && git.excludeFile !== undefined && exclude.length > 0) {
		changes.push({ kind: 'ignoreBlock', file: git.excludeFile, lines: [HOOK_EXCLUDE_COMMENT, ...[...new Set(exclude)].sort()], leverIds: [HOOK_EXCLUDE_LEVER] });
	}
	changes.push(...allowed.flatMap(hookDesiredChanges));
	return { changes, files: allowed.map((s) => s.file), problems };
}
