/**
 * The hook installer: command lines, the files per agent, the ledger round trip over a user's commented
 * settings file (their keys and comments kept byte for byte; restore gives the original back), and where the files
 * go in a git repository (never into a file git would commit; the ones we create listed in .git/info/exclude),
 * including the move of an older version's Claude Code hook out of the team's .claude/settings.json.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { applyFileEdits, type FileTexts, type LedgerRecord, planApply, restore } from '../../../src/core/assistants/ledger';
import { hookCommandLine, type HookInstallSpec, hookInstallSpecs } from '../../../src/core/hooks/install';
import { type GitFacts, HOOK_EXCLUDE_COMMENT, hookDesiredChanges, placeHookFiles } from '../../../src/core/hooks/installPlan';

const O = { node: '/opt/code/code', cli: '/ext/dist/hook.js', snapshot: '/s/snap.json', heartbeat: '/s/hb-claude.json', log: '/s/hook.log' };
const NOW = new Date('2026-11-24T00:00:00Z');
/** Where versions before settings.local.json wrote the Claude Code hook (the JSON merge itself is the same). */
const OLD_CLAUDE: HookInstallSpec = { ...hookInstallSpecs(O, 'claude-code')[0]!, file: '.claude/settings.json' };

const USER_SETTINGS = `{
  // the team's Claude settings
  "model": "sonnet",
  "hooks": {
    "PostToolUse": [{ "matcher": "Write", "hooks": [{ "type": "command", "command": "prettier --write" }] }],
  },
}
`;

describe('hooks: installer', () => {
	it('runs an Electron binary as Node, and passes the policy and workspace when given', () => {
		const line = hookCommandLine({ ...O, agent: 'claude-code', electronRunAsNode: true, policy: '/etc/org policy.json', workspace: '/w' });
		assert.equal(line, `ELECTRON_RUN_AS_NODE=1 "/opt/code/code" "/ext/dist/hook.js" hook --agent claude-code --snapshot /s/snap.json --log /s/hook.log --heartbeat /s/hb-claude.json --policy '/etc/org policy.json' --workspace /w`);
		assert.match(hookCommandLine({ ...O, agent: 'vscode', electronRunAsNode: true }, 'powershell'), /^\$env:ELECTRON_RUN_AS_NODE='1'; & '\/opt\/code\/code' /);
		assert.ok(!hookCommandLine({ ...O, agent: 'vscode' }).includes('ELECTRON'));
	});

	it('writes Claude Code hooks into the personal settings file, and VS Code hooks into .github/hooks; both are this machine\'s', () => {
		assert.deepEqual(hookInstallSpecs(O, 'claude-code').map((s) => [s.file, s.personal]), [['.claude/settings.local.json', true]]);
		assert.deepEqual(hookInstallSpecs(O, 'vscode').map((s) => [s.file, s.personal]), [['.github/hooks/context-warden.json', true]]);
		for (const agent of ['cursor', 'gemini-cli-companion', 'openai-codex', 'windsurf-editor'] as const) {
			assert.equal(hookInstallSpecs(O, agent)[0]?.personal, undefined, agent);
		}
	});

	it('adds its entries next to the user\'s hooks, keeps comments and keys, and restores the exact bytes', () => {
		const changes = hookDesiredChanges(hookInstallSpecs(O, 'claude-code')[0]!);
		assert.deepEqual(changes.map((c) => `${c.kind} ${'key' in c ? c.key : ''}`), ['jsonArrayItems /hooks/PreToolUse', 'jsonArrayItems /hooks/PostToolUse', 'jsonArrayItems /hooks/UserPromptSubmit']);
		const files = { '.claude/settings.local.json': USER_SETTINGS };
		const plan = planApply(changes, [], files, NOW);
		assert.deepEqual(plan.problems, []);
		const after = applyFileEdits(files, plan.edits)['.claude/settings.local.json'] ?? '';
		assert.ok(after.startsWith('{\n  // the team\'s Claude settings\n  "model": "sonnet",'), after);
		assert.ok(after.includes('"command": "prettier --write"'));
		const value = parse(after) as { model: string; hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };
		assert.equal(value.model, 'sonnet');
		assert.equal(value.hooks.PreToolUse?.[0]?.matcher, '^(Read|NotebookRead|Grep|Glob|Bash|Edit|MultiEdit|Write|NotebookEdit|mcp__.*)$');
		assert.match(value.hooks.PreToolUse?.[0]?.hooks[0]?.command ?? '', /--agent claude-code --snapshot/);
		// The user's PostToolUse entry stays first; ours (the output redaction) is added next to it.
		assert.deepEqual(value.hooks.PostToolUse?.map((e) => e.matcher), ['Write', '^(Read|NotebookRead|Grep|Bash|mcp__.*)$']);
		// applying again changes nothing
		assert.deepEqual(planApply(changes, plan.records, { '.claude/settings.local.json': after }, NOW).edits, []);
		const back = restore(plan.records, { '.claude/settings.local.json': after });
		assert.equal(applyFileEdits({ '.claude/settings.local.json': after }, back.edits)['.claude/settings.local.json'], USER_SETTINGS);
	});

	it('after someone else edits the file, restore takes out only its own entries', () => {
		const changes = hookDesiredChanges(OLD_CLAUDE);
		const plan = planApply(changes, [], { '.claude/settings.json': USER_SETTINGS }, NOW);
		const ours = applyFileEdits({ '.claude/settings.json': USER_SETTINGS }, plan.edits)['.claude/settings.json'] ?? '';
		// the governance levers add permissions.deny afterwards
		const theirs = planApply([{ kind: 'jsonArrayItems', file: '.claude/settings.json', key: '/permissions/deny', items: ['Read(./.env)'], leverIds: ['claude-code.permissions'] }], [], { '.claude/settings.json': ours }, NOW);
		const both = applyFileEdits({ '.claude/settings.json': ours }, theirs.edits)['.claude/settings.json'] ?? '';
		const back = restore(plan.records, { '.claude/settings.json': both });
		assert.deepEqual(back.drift, []);
		const left = applyFileEdits({ '.claude/settings.json': both }, back.edits)['.claude/settings.json'] ?? '';
		const value = parse(left) as { hooks: Record<string, unknown>; permissions: { deny: string[] } };
		assert.deepEqual(Object.keys(value.hooks), ['PostToolUse']);
		assert.deepEqual(value.permissions.deny, ['Read(./.env)']);
		assert.ok(left.includes('// the team\'s Claude settings'));
	});

	it('creates the VS Code hook file whole, and restore deletes it', () => {
		const changes = hookDesiredChanges(hookInstallSpecs(O, 'vscode')[0]!);
		const plan = planApply(changes, [], { '.github/hooks/context-warden.json': undefined }, NOW);
		const text = applyFileEdits({}, plan.edits)['.github/hooks/context-warden.json'] ?? '';
		const value = parse(text) as { hooks: { PreToolUse: { type: string; command: string; windows: string; timeout: number }[] } };
		assert.equal(value.hooks.PreToolUse[0]?.type, 'command');
		assert.deepEqual(restore(plan.records, { '.github/hooks/context-warden.json': text }).edits, [{ file: '.github/hooks/context-warden.json', action: 'delete' }]);
	});

	it('expresses Cursor\'s version as a value and skips executables and user-scope files', () => {
		const cursor = hookDesiredChanges(hookInstallSpecs(O, 'cursor')[0]!);
		assert.ok(cursor.some((c) => c.kind === 'jsonValue' && c.key === '/version' && c.value === 1));
		assert.deepEqual(hookInstallSpecs(O, 'cline'), [], 'Cline hooks are not installed by the extension');
		assert.deepEqual(hookDesiredChanges(hookInstallSpecs(O, 'copilot-cli')[0]!), []);
	});
});

describe('hooks: installer placement in a git repository', () => {
	const CLAUDE = hookInstallSpecs(O, 'claude-code')[0]!;
	const VSCODE = hookInstallSpecs(O, 'vscode')[0]!;
	const CURSOR = hookInstallSpecs(O, 'cursor')[0]!;
	const GEMINI = hookInstallSpecs(O, 'gemini-cli-companion')[0]!;
	const EXCLUDE = '.git/info/exclude';
	/** git init's own exclude file, with a line of the user's and CRLF line endings, without a final line break. */
	const USER_EXCLUDE = "# git ls-files --others --exclude-from=.git/info/exclude\r\n# Lines that start with '#' are comments.\r\n/scratch/";
	const repo = (over: Partial<Extract<GitFacts, { kind: 'repo' }>> = {}): GitFacts => ({ kind: 'repo', excludeFile: EXCLUDE, prefix: '', tracked: new Set(), unignored: new Set(), ...over });

	/** Plans, applies and returns the new files and ledger. */
	function install(specs: HookInstallSpec[], files: FileTexts, ledger: LedgerRecord[], git: GitFacts): { files: Record<string, string | undefined>; ledger: LedgerRecord[]; problems: string[] } {
		const placement = placeHookFiles(specs, files, ledger, git);
		const plan = planApply(placement.changes, ledger, files, NOW);
		assert.deepEqual(plan.problems, []);
		return { files: applyFileEdits(files, plan.edits), ledger: [...ledger, ...plan.records], problems: placement.problems.map((p) => `${p.file}: ${p.message}`) };
	}

	it('outside a repository writes every file and no exclude block', () => {
		const p = placeHookFiles([CLAUDE, VSCODE, CURSOR], { '.cursor/hooks.json': '{}' }, [], { kind: 'none' });
		assert.deepEqual(p.files, ['.claude/settings.local.json', '.github/hooks/context-warden.json', '.cursor/hooks.json']);
		assert.ok(p.changes.every((c) => c.kind !== 'ignoreBlock'));
		assert.deepEqual(p.problems, []);
	});

	it('lists the files it creates in a marked block of .git/info/exclude, written first; restore gives every byte back', () => {
		const before: FileTexts = { [EXCLUDE]: USER_EXCLUDE, '.claude/settings.json': USER_SETTINGS };
		const p = placeHookFiles([CLAUDE, VSCODE, CURSOR], before, [], repo());
		assert.equal(p.changes[0]?.kind, 'ignoreBlock');
		assert.equal(p.changes[0]?.file, EXCLUDE);
		const r = install([CLAUDE, VSCODE, CURSOR], before, [], repo());
		const exclude = r.files[EXCLUDE] ?? '';
		assert.ok(exclude.startsWith(USER_EXCLUDE + '\r\n# >>> context-warden managed'), exclude);
		assert.ok(exclude.includes(`\r\n${HOOK_EXCLUDE_COMMENT}\r\n/.claude/settings.local.json\r\n/.cursor/hooks.json\r\n/.github/hooks/context-warden.json\r\n# <<< context-warden managed <<<`), exclude);
		assert.equal(r.files['.claude/settings.json'], USER_SETTINGS, 'the team\'s settings file is not touched');
		assert.match(r.files['.claude/settings.local.json'] ?? '', /--agent claude/);
		const back = restore(r.ledger, r.files);
		const after = applyFileEdits(r.files, back.edits);
		assert.deepEqual(after, { ...before, '.claude/settings.local.json': undefined, '.github/hooks/context-warden.json': undefined, '.cursor/hooks.json': undefined });
	});

	it('never writes a file git tracks, nor a shared file git would commit; writes a shared file git ignores without listing it', () => {
		const files: FileTexts = { '.cursor/hooks.json': '{ "version": 1 }\n', '.gemini/settings.json': '{}\n', '.claude/settings.local.json': '{}\n' };
		const tracked = placeHookFiles([CURSOR, GEMINI, CLAUDE], files, [], repo({ tracked: new Set(['.cursor/hooks.json', '.claude/settings.local.json']) }));
		assert.deepEqual(tracked.files, ['.gemini/settings.json']);
		assert.deepEqual(tracked.problems.map((p) => p.file), ['.cursor/hooks.json', '.claude/settings.local.json']);
		assert.match(tracked.problems[0]?.message ?? '', /git tracks this file/);
		assert.ok(tracked.changes.every((c) => c.kind !== 'ignoreBlock'), 'an ignored shared file needs no exclude line');
		const unignored = placeHookFiles([CURSOR, GEMINI], files, [], repo({ unignored: new Set(['.gemini/settings.json']) }));
		assert.deepEqual(unignored.files, ['.cursor/hooks.json']);
		assert.match(unignored.problems[0]?.message ?? '', /git would commit this file/);
	});

	it('keeps a personal file that was already there out of git too', () => {
		const p = placeHookFiles([CLAUDE], { '.claude/settings.local.json': '{}\n' }, [], repo({ unignored: new Set(['.claude/settings.local.json']) }));
		assert.deepEqual(p.files, ['.claude/settings.local.json']);
		const block = p.changes[0];
		assert.ok(block?.kind === 'ignoreBlock');
		assert.deepEqual(block.lines, [HOOK_EXCLUDE_COMMENT, '/.claude/settings.local.json']);
	});

	it('a file it created stays its own on the next install, even though it now exists', () => {
		const first = install([CURSOR], {}, [], repo());
		const again = placeHookFiles([CURSOR], first.files, first.ledger, repo());
		assert.deepEqual(again.files, ['.cursor/hooks.json']);
		assert.deepEqual(planApply(again.changes, first.ledger, first.files, NOW).edits, []);
	});

	it('without git to ask, writes only files it creates, and only when it can exclude them', () => {
		const unknown: GitFacts = { kind: 'repo', excludeFile: EXCLUDE, prefix: '' };
		const p = placeHookFiles([VSCODE, GEMINI, CLAUDE], { '.gemini/settings.json': '{}\n', '.claude/settings.local.json': '{}\n' }, [], unknown);
		assert.deepEqual(p.files, ['.github/hooks/context-warden.json']);
		assert.deepEqual(p.problems.map((x) => x.file), ['.gemini/settings.json', '.claude/settings.local.json']);
		const worktree = placeHookFiles([VSCODE], {}, [], { kind: 'repo', prefix: '' });
		assert.deepEqual(worktree.files, []);
		assert.match(worktree.problems[0]?.message ?? '', /info\/exclude/);
	});

	it('in a workspace below the repository top, exclude lines carry the folder\'s path', () => {
		const p = placeHookFiles([VSCODE], {}, [], repo({ excludeFile: '../../.git/info/exclude', prefix: 'pkg/app/' }));
		const block = p.changes[0];
		assert.ok(block?.kind === 'ignoreBlock' && block.file === '../../.git/info/exclude');
		assert.deepEqual(block.lines.slice(1), ['/pkg/app/.github/hooks/context-warden.json']);
	});

	it('moves an older version\'s hook out of .claude/settings.json: the team\'s file comes back byte for byte, and restore undoes all', () => {
		// an older version installed into the team's file (and nothing else happened to it since)
		const old = planApply(hookDesiredChanges(OLD_CLAUDE), [], { '.claude/settings.json': USER_SETTINGS }, NOW);
		const oldFiles = applyFileEdits({ '.claude/settings.json': USER_SETTINGS, [EXCLUDE]: USER_EXCLUDE }, old.edits);
		assert.notEqual(oldFiles['.claude/settings.json'], USER_SETTINGS);
		const now = install([CLAUDE], oldFiles, old.records, repo());
		assert.equal(now.files['.claude/settings.json'], USER_SETTINGS, 'the team\'s file is exactly as before the old install');
		assert.match(now.files['.claude/settings.local.json'] ?? '', /--agent claude/);
		assert.match(now.files[EXCLUDE] ?? '', /\/\.claude\/settings\.local\.json/);
		const back = applyFileEdits(now.files, restore(now.ledger, now.files).edits);
		assert.deepEqual(back, { '.claude/settings.json': USER_SETTINGS, [EXCLUDE]: USER_EXCLUDE, '.claude/settings.local.json': undefined });
	});

	it('moving out of a .claude/settings.json edited since takes out only its own entries', () => {
		const old = planApply(hookDesiredChanges(OLD_CLAUDE), [], { '.claude/settings.json': USER_SETTINGS }, NOW);
		const ours = applyFileEdits({ '.claude/settings.json': USER_SETTINGS }, old.edits)['.claude/settings.json'] ?? '';
		const edited = ours.replace('"model": "sonnet"', '"model": "opus"');
		const now = install([CLAUDE], { '.claude/settings.json': edited }, old.records, repo());
		const left = now.files['.claude/settings.json'] ?? '';
		// the semantic undo of the ledger: the user's edit, keys and comment stay; only our entries go
		assert.ok(left.startsWith('{\n  // the team\'s Claude settings\n  "model": "opus",'), left);
		assert.deepEqual(parse(left), parse(USER_SETTINGS.replace('"model": "sonnet"', '"model": "opus"')));
		assert.ok(!left.includes('hook.js'));
	});
});
