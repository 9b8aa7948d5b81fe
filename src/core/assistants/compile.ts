/**
 * Compilers: from the policy, the current sensitive set and each assistant's decision, the content every lever
 * should have. The result is a desired state; `ledger.ts` turns it into file edits and records them.
 *
 * Which levers are compiled:
 * - `exclude` levers (ignore files, Claude Code's `permissions.deny`, Tabnine's `disableFileRegex`) for every
 *   target assistant, whatever its decision: sensitive files are kept from allowed assistants too.
 * - `disable` settings only for assistants decided `disable`. A `shared` setting (one that also affects other
 *   assistants, like `editor.inlineSuggest.enabled`) only when no target assistant is `allowed`.
 * - Settings that cannot be written to a workspace (application/machine scope) are skipped and reported, as are
 *   hooks (installed by the hook module), `none` levers and formats we do not write (TOML).
 *
 * The sensitive set is: classified files at or above `workspace.sensitiveLevel`, and the positive globs of path
 * rules at or above it. Rule globs starting with `!` are not written: gitignore negation would re-include files
 * that *other* rules match, so we over-exclude rather than under-exclude. Files below the level that a sensitive
 * glob matches (time-boxed exceptions) are re-included with `!/path` lines in ignore files; Claude Code cannot
 * re-include (deny wins), so there they stay denied.
 *
 * Ignore-file line order: globs, then exception re-includes, then classified files not already matched by a glob.
 * An empty set compiles to an empty block, which the ledger applies as "no block" (an empty `.aiexclude` would
 * hide everything, so we never leave an empty file behind).
 */
import { Minimatch } from 'minimatch';
import type { FileClassification } from '../classify/types';
import { type Policy, levelRank } from '../policy/schema';
import type { AssistantDecision } from './decide';
import { caseInsensitiveVariant, globToGitignore, pathToGitignore, pathToRegex } from './gitignore';
import { parsePointer, toPointer } from './managedJson';
import type { CatalogueEntry, IgnoreFileLever, Lever } from './types';

/** Workspace settings file the setting levers are written to (a window with one folder and no workspace file). */
export const WORKSPACE_SETTINGS_FILE = '.vscode/settings.json';
/**
 * The ledger key of the open `.code-workspace` file, where the setting levers are written when a workspace file is
 * open (a multi-root workspace): its `settings` object is the workspace settings there. A reserved name, not a path:
 * it starts with `/`, which no workspace key does (they are relative, and a folder key is never empty), so it cannot
 * collide with a folder's `<folderKey>/<file>` nor with a file of a single folder. The adapter maps it to
 * `vscode.workspace.workspaceFile`.
 */
export const WORKSPACE_FILE_KEY = '/.code-workspace';
/** Where the settings live in the workspace file. */
export const WORKSPACE_FILE_SETTINGS_POINTER = '/settings';

/** The JSON pointer of a setting in a workspace settings file (`.vscode/settings.json` or the workspace file). */
export function settingPointer(file: string, key: string): string {
	return (file === WORKSPACE_FILE_KEY ? WORKSPACE_FILE_SETTINGS_POINTER : '') + toPointer([key]);
}

/** The setting id a managed pointer of a workspace settings file names; undefined for any other file or pointer. */
export function settingKeyOf(file: string, pointer: string): string | undefined {
	if (!pointer.startsWith('/')) {
		return undefined;
	}
	if (file === WORKSPACE_SETTINGS_FILE) {
		const path = parsePointer(pointer);
		return path.length === 1 ? path[0] : undefined;
	}
	if (file === WORKSPACE_FILE_KEY && pointer.startsWith(`${WORKSPACE_FILE_SETTINGS_POINTER}/`)) {
		const path = parsePointer(pointer);
		return path.length === 2 ? path[1] : undefined;
	}
	return undefined;
}
/** Claude Code's project settings file. */
export const CLAUDE_SETTINGS_FILE = '.claude/settings.json';
/** Where Claude Code's deny rules live in it. */
export const CLAUDE_DENY_POINTER = '/permissions/deny';

export interface SensitiveSet {
	/** Positive globs of path rules at or above the sensitive level, in policy order. */
	globs: string[];
	/** Classified files at or above the level, sorted. */
	files: string[];
	/** Files below the level matched by a sensitive glob (exceptions), sorted. */
	reincluded: string[];
}

export type DesiredChange =
	| { kind: 'ignoreBlock'; file: string; lines: string[]; leverIds: string[] }
	| { kind: 'jsonValue'; file: string; key: string; value: unknown; leverIds: string[] }
	| { kind: 'jsonArrayItems'; file: string; key: string; items: string[]; leverIds: string[] };

export interface CompileTarget {
	entry: CatalogueEntry;
	decision: AssistantDecision;
}

export interface CompileResult {
	changes: DesiredChange[];
	/** Levers not compiled, with why (for the audit and the coverage report). */
	skipped: { leverId: string; reason: string }[];
	/** Policy globs that could not be expressed, and similar. */
	warnings: string[];
}

const GLOB_OPTIONS = { dot: true, nocase: true } as const;
const MATCHERS = new Map<string, Minimatch>();

/** Whether a workspace-relative path matches a policy glob (dot files included, case-insensitive). */
function globMatch(path: string, glob: string): boolean {
	let m = MATCHERS.get(glob);
	if (!m) {
		if (MATCHERS.size > 5000) {
			MATCHERS.clear();
		}
		m = new Minimatch(glob, GLOB_OPTIONS);
		MATCHERS.set(glob, m);
	}
	return m.match(path);
}

/** The sensitive set: what every exclusion lever must keep from assistants. */
export function sensitiveSet(policy: Policy, classifications: readonly FileClassification[]): SensitiveSet {
	const threshold = levelRank(policy.workspace.sensitiveLevel);
	const globs: string[] = [];
	for (const rule of policy.pathRules) {
		if (levelRank(rule.level) >= threshold) {
			for (const g of rule.globs) {
				if (!g.startsWith('!') && !globs.includes(g)) {
					globs.push(g);
				}
			}
		}
	}
	const files = new Set<string>();
	const reincluded = new Set<string>();
	for (const c of classifications) {
		if (c.path.startsWith('untitled:') || c.path === '') {
			continue;
		}
		if (levelRank(c.level) >= threshold) {
			files.add(c.path);
		} else if (globs.some((g) => globMatch(c.path, g))) {
			reincluded.add(c.path);
		}
	}
	return { globs, files: [...files].sort(), reincluded: [...reincluded].sort() };
}

/** The gitignore lines for an ignore-file lever. */
export function ignoreLines(set: SensitiveSet, lever: Pick<IgnoreFileLever, 'caseSensitive'>, warnings: string[] = []): string[] {
	const out: string[] = [];
	const push = (l: string): void => {
		if (!out.includes(l)) {
			out.push(l);
		}
	};
	const variants = lever.caseSensitive !== false;
	for (const g of set.globs) {
		const t = globToGitignore(g);
		if (t.problem) {
			warnings.push(`glob "${g}" is not written to ignore files: ${t.problem}`);
		}
		for (const l of t.lines) {
			push(l);
			if (variants) {
				push(caseInsensitiveVariant(l));
			}
		}
	}
	for (const p of set.reincluded) {
		const l = pathToGitignore(p);
		if (l) {
			push(`!${l}`);
		}
	}
	for (const p of uncoveredFiles(set)) {
		const l = pathToGitignore(p);
		if (l) {
			push(l);
		} else {
			warnings.push(`"${p}" cannot be written as a gitignore line`);
		}
	}
	return out;
}

/** Claude Code `permissions.deny` entries for the sensitive set. */
export function claudeDenyRules(set: SensitiveSet, warnings: string[] = []): string[] {
	const out: string[] = [];
	const push = (l: string): void => {
		if (!out.includes(l)) {
			out.push(l);
		}
	};
	for (const g of set.globs) {
		const t = globToGitignore(g);
		if (t.problem) {
			warnings.push(`glob "${g}" is not written to Claude Code rules: ${t.problem}`);
		}
		for (const l of t.lines) {
			// Claude's rule paths: "./x" is the project directory, "**/x" matches at any depth
			const rule = l.startsWith('/') ? `.${l}` : l;
			push(`Read(${rule})`);
			push(`Read(${caseVariantForClaude(rule)})`);
		}
	}
	for (const p of uncoveredFiles(set)) {
		if (/[\r\n()]/.test(p)) {
			warnings.push(`"${p}" cannot be written as a Claude Code rule`);
			continue;
		}
		push(`Read(./${p.replace(/^\/+/, '')})`);
	}
	return out;
}

function caseVariantForClaude(rule: string): string {
	return rule.startsWith('./') ? `./${caseInsensitiveVariant(rule.slice(2))}` : caseInsensitiveVariant(rule);
}

/** Files not already matched by one of the set's globs (so the lists stay short). */
function uncoveredFiles(set: SensitiveSet): string[] {
	return set.files.filter((p) => !set.globs.some((g) => globMatch(p, g)));
}

const WORKSPACE_SCOPES = new Set(['window', 'resource', 'language-overridable', 'unknown']);

/**
 * Compiles every target assistant's levers into the desired content of the files Context Warden manages.
 * Pure: the same input gives the same changes, in a stable order.
 */
export function compileLevers(policy: Policy, classifications: readonly FileClassification[], targets: readonly CompileTarget[]): CompileResult {
	const set = sensitiveSet(policy, classifications);
	const warnings: string[] = [];
	const skipped: CompileResult['skipped'] = [];
	const changes = new Map<string, DesiredChange>();
	const anyAllowed = targets.some((t) => t.decision === 'allowed');
	const add = (change: DesiredChange): void => {
		const id = `${change.kind}\u0000${change.file}\u0000${'key' in change ? change.key : ''}`;
		const existing = changes.get(id);
		if (!existing) {
			changes.set(id, change);
			return;
		}
		for (const l of change.leverIds) {
			if (!existing.leverIds.includes(l)) {
				existing.leverIds.push(l);
			}
		}
		if (existing.kind === 'jsonValue' && change.kind === 'jsonValue' && JSON.stringify(existing.value) !== JSON.stringify(change.value)) {
			warnings.push(`levers disagree on ${change.key}: keeping ${JSON.stringify(existing.value)}`);
		}
		if (existing.kind === 'ignoreBlock' && change.kind === 'ignoreBlock') {
			for (const l of change.lines) {
				if (!existing.lines.includes(l)) {
					existing.lines.push(l);
				}
			}
		}
	};
	const skip = (lever: Lever, reason: string): void => {
		if (!skipped.some((s) => s.leverId === lever.id)) {
			skipped.push({ leverId: lever.id, reason });
		}
	};
	for (const { entry, decision } of targets) {
		for (const lever of entry.levers) {
			switch (lever.kind) {
				case 'ignoreFile':
					if (lever.syntax !== 'gitignore') {
						skip(lever, 'only gitignore-syntax files are written');
						break;
					}
					add({ kind: 'ignoreBlock', file: lever.path, lines: ignoreLines(set, lever, warnings), leverIds: [lever.id] });
					break;
				case 'permissionFile':
					if (lever.format !== 'claudePermissions') {
						skip(lever, `${lever.path} (${lever.format}) is not written by Context Warden; see the lever's description`);
						break;
					}
					add({ kind: 'jsonArrayItems', file: lever.path, key: CLAUDE_DENY_POINTER, items: claudeDenyRules(set, warnings), leverIds: [lever.id] });
					break;
				case 'setting': {
					if (!WORKSPACE_SCOPES.has(lever.scope)) {
						skip(lever, `${lever.key} is ${lever.scope}-scoped: only the user or an admin can set it`);
						break;
					}
					const key = toPointer([lever.key]);
					if (lever.itemsFrom === 'pathRegexes') {
						add({ kind: 'jsonArrayItems', file: WORKSPACE_SETTINGS_FILE, key, items: set.files.map(pathToRegex), leverIds: [lever.id] });
						break;
					}
					if (lever.purpose !== 'disable' || decision !== 'disable') {
						break;
					}
					if (lever.shared && anyAllowed) {
						skip(lever, `${lever.key} would also affect an allowed assistant`);
						break;
					}
					add({ kind: 'jsonValue', file: WORKSPACE_SETTINGS_FILE, key, value: lever.value, leverIds: [lever.id] });
					break;
				}
				case 'hook':
					skip(lever, 'hooks are installed by the hook module');
					break;
				case 'none':
					if (decision === 'disable') {
						skip(lever, lever.remedy);
					}
					break;
			}
		}
	}
	const order = { ignoreBlock: 0, jsonArrayItems: 1, jsonValue: 2 } as const;
	const sorted = [...changes.values()].sort(
		(a, b) => a.file.localeCompare(b.file) || order[a.kind] - order[b.kind] || ('key' in a && 'key' in b ? a.key.localeCompare(b.key) : 0),
	);
	return { changes: sorted, skipped, warnings: [...new Set(warnings)] };
}
