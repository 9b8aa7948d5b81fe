/**
 * The hook installer: command lines, the files per agent, and the ledger round trip over a user's commented
 * settings file (their keys and comments kept byte for byte; restore gives the original back).
 */
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { applyFileEdits, planApply, restore } from '../../../src/core/assistants/ledger';
import { hookCommandLine, hookInstallSpecs } from '../../../src/core/hooks/install';
import { hookDesiredChanges } from '../../../src/core/hooks/installPlan';

const O = { node: '/opt/code/code', cli: '/ext/dist/hook.js', snapshot: '/s/snap.json', heartbeat: '/s/hb-claude.json', log: '/s/hook.log' };
const NOW = new Date('2026-11-24T00:00:00Z');

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
		const line = hookCommandLine({ ...O, agent: 'claude', electronRunAsNode: true, policy: '/etc/org policy.json', workspace: '/w' });
		assert.equal(line, `ELECTRON_RUN_AS_NODE=1 "/opt/code/code" "/ext/dist/hook.js" hook --agent claude --snapshot /s/snap.json --log /s/hook.log --heartbeat /s/hb-claude.json --policy '/etc/org policy.json' --workspace /w`);
		assert.match(hookCommandLine({ ...O, agent: 'vscode', electronRunAsNode: true }, 'powershell'), /^\$env:ELECTRON_RUN_AS_NODE='1'; & '\/opt\/code\/code' /);
		assert.ok(!hookCommandLine({ ...O, agent: 'vscode' }).includes('ELECTRON'));
	});

	it('writes Claude Code hooks into the project settings file, and VS Code hooks into .github/hooks', () => {
		assert.deepEqual(hookInstallSpecs(O, 'claude').map((s) => s.file), ['.claude/settings.json']);
		assert.deepEqual(hookInstallSpecs(O, 'vscode').map((s) => s.file), ['.github/hooks/context-warden.json']);
	});

	it('adds its entries next to the user\'s hooks, keeps comments and keys, and restores the exact bytes', () => {
		const changes = hookDesiredChanges(hookInstallSpecs(O, 'claude')[0]!);
		assert.deepEqual(changes.map((c) => `${c.kind} ${'key' in c ? c.key : ''}`), ['jsonArrayItems /hooks/PreToolUse', 'jsonArrayItems /hooks/UserPromptSubmit']);
		const files = { '.claude/settings.json': USER_SETTINGS };
		const plan = planApply(changes, [], files, NOW);
		assert.deepEqual(plan.problems, []);
		const after = applyFileEdits(files, plan.edits)['.claude/settings.json'] ?? '';
		assert.ok(after.startsWith('{\n  // the team\'s Claude settings\n  "model": "sonnet",'), after);
		assert.ok(after.includes('"command": "prettier --write"'));
		const value = parse(after) as { model: string; hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };
		assert.equal(value.model, 'sonnet');
		assert.equal(value.hooks.PreToolUse?.[0]?.matcher, 'Read|NotebookRead|Grep|Glob|Bash');
		assert.match(value.hooks.PreToolUse?.[0]?.hooks[0]?.command ?? '', /--agent claude --snapshot/);
		assert.equal(value.hooks.PostToolUse?.length, 1);
		// applying again changes nothing
		assert.deepEqual(planApply(changes, plan.records, { '.claude/settings.json': after }, NOW).edits, []);
		const back = restore(plan.records, { '.claude/settings.json': after });
		assert.equal(applyFileEdits({ '.claude/settings.json': after }, back.edits)['.claude/settings.json'], USER_SETTINGS);
	});

	it('after someone else edits the file, restore takes out only its own entries', () => {
		const changes = hookDesiredChanges(hookInstallSpecs(O, 'claude')[0]!);
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
		assert.deepEqual(hookDesiredChanges(hookInstallSpecs(O, 'cline')[0]!), []);
		assert.deepEqual(hookDesiredChanges(hookInstallSpecs(O, 'copilot-cli')[0]!), []);
	});
});
