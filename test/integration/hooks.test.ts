// Agent hooks in a real extension host, through the extension's exported API (`hooks`), in a restricted, trusted
// workspace that is a git repository: the VS Code and Claude Code hook files are written where no commit picks up
// this machine's paths (Claude Code's into the personal .claude/settings.local.json, the team's commented
// .claude/settings.json untouched; both files listed in a marked block of .git/info/exclude, so git ignores them; a
// .cursor/hooks.json git tracks is not written, and the status says why); the command written there, run by hand
// with a Claude Code PreToolUse payload for `cat .env`, denies; and restore gives every file back byte for byte
// (the exclude file included; files and folders we created are gone).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import { runCommand, waitFor, workspaceRoot } from './helpers';

/** What the suite needs of the API; `hooks` is added to ContextWardenApi when HookService is wired in. */
interface HooksApi {
	install(): Promise<void>;
	restore(): Promise<void>;
	statusLines(): string[];
}

const TEAM = '.claude/settings.json';
const CLAUDE = '.claude/settings.local.json';
const VSCODE = '.github/hooks/context-warden.json';
const CURSOR = '.cursor/hooks.json';
const EXCLUDE = '.git/info/exclude';
const WATCHED = [TEAM, CLAUDE, VSCODE, CURSOR, EXCLUDE, '.env', '.vscode/context-policy.json'];
/** A Cursor hooks file the team committed (staged is enough for git to track it). */
const TEAM_CURSOR = '{\n\t"version": 1,\n\t"hooks": { "afterFileEdit": [{ "command": "./scripts/format.sh" }] }\n}\n';
/** A line of the user's own in .git/info/exclude, without a final line break. */
const USER_EXCLUDE = '/scratch/';

function git(...args: string[]): string {
	return execFileSync('git', args, { cwd: workspaceRoot().fsPath, encoding: 'utf8' });
}

/** Whether git ignores a workspace file (`git check-ignore` exits 1 when it does not). */
function ignored(rel: string): boolean {
	try {
		git('check-ignore', '-q', '--no-index', rel);
		return true;
	} catch {
		return false;
	}
}
const COMMENT = "// The team's Claude Code settings: Context Warden must keep this comment byte for byte.";

async function read(rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel)));
	} catch {
		return undefined;
	}
}

async function exists(rel: string): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), rel));
		return true;
	} catch {
		return false;
	}
}

async function files(): Promise<Record<string, string | undefined>> {
	const out: Record<string, string | undefined> = {};
	for (const f of WATCHED) {
		out[f] = await read(f);
	}
	return out;
}

type ClaudeSettings = { model?: string; env?: Record<string, string>; hooks?: Record<string, { matcher?: string; hooks: { type: string; command: string }[] }[]> };

suite('hooks', () => {
	let api: ContextWardenApi | undefined;
	let hooks: HooksApi | undefined;
	let before: Record<string, string | undefined> = {};

	suiteSetup(async function () {
		this.timeout(60_000);
		// The workspace as a git repository: git init's own exclude file with a line of the user's, and a tracked
		// .cursor/hooks.json (which also makes Cursor one of the agents present).
		git('init', '-q');
		const exclude = vscode.Uri.joinPath(workspaceRoot(), EXCLUDE);
		const initial = (await read(EXCLUDE)) ?? '';
		await vscode.workspace.fs.writeFile(exclude, new TextEncoder().encode(`${initial}${USER_EXCLUDE}`));
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), CURSOR), new TextEncoder().encode(TEAM_CURSOR));
		git('add', CURSOR);
		before = await files();
		assert.ok(before[TEAM]?.includes(COMMENT), 'the fixture has a commented .claude/settings.json');
		assert.equal(before[CLAUDE], undefined);
		assert.equal(before[VSCODE], undefined);
		assert.equal(await exists('.github'), false);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		api = await ext.activate();
		hooks = (api as ContextWardenApi & { hooks?: HooksApi }).hooks;
		assert.ok(hooks, 'the extension API has no `hooks` (HookService is not wired into activate() yet)');
		const ready = await waitFor(() => !api?.isScanning() && api?.summary()?.restricted === true, 45_000, 200);
		assert.ok(ready, `the workspace did not become restricted: ${JSON.stringify(api.summary())}`);
	});

	test('the run is trusted and the workspace restricted', () => {
		assert.equal(vscode.workspace.isTrusted, true);
		assert.equal(api?.summary()?.restricted, true);
	});

	test('install writes the VS Code hook file and Claude Code\'s personal settings, kept out of git; the team\'s files are untouched', async function () {
		this.timeout(30_000);
		assert.ok(hooks);
		await hooks.install();
		const written = await waitFor(async () => (await read(VSCODE)) !== undefined && /context-warden-hook/.test((await read(CLAUDE)) ?? '') && /context-warden managed/.test((await read(EXCLUDE)) ?? ''), 20_000, 200);
		assert.ok(written, `hook files not written; ${CLAUDE}:\n${(await read(CLAUDE)) ?? '(missing)'}\n${EXCLUDE}:\n${(await read(EXCLUDE)) ?? '(missing)'}`);
		assert.equal(await read(TEAM), before[TEAM], 'the team\'s .claude/settings.json gets no machine paths');
		assert.equal(await read(CURSOR), before[CURSOR], 'a tracked .cursor/hooks.json is not written');
		assert.ok(hooks.statusLines().some((l) => l.includes(`${CURSOR}: git tracks this file`)), hooks.statusLines().join('\n'));
		const exclude = (await read(EXCLUDE)) ?? '';
		assert.ok(exclude.startsWith(`${before[EXCLUDE] ?? ''}\n# >>> context-warden managed`), `the user's exclude lines moved:\n${exclude}`);
		assert.match(exclude, /\n\/\.claude\/settings\.local\.json\n\/\.github\/hooks\/context-warden\.json\n# <<< context-warden managed <<<$/);
		assert.equal(ignored(CLAUDE), true, 'git ignores .claude/settings.local.json');
		assert.equal(ignored(VSCODE), true, 'git ignores .github/hooks/context-warden.json');
		assert.equal(ignored(TEAM), false, 'the team\'s settings file is not hidden from git');
		const value = parse((await read(CLAUDE)) ?? '') as ClaudeSettings;
		assert.equal(value.hooks?.PreToolUse?.[0]?.matcher, '^(Read|NotebookRead|Grep|Glob|Bash|Edit|MultiEdit|Write|NotebookEdit|mcp__.*)$');
		const local = parse((await read(VSCODE)) ?? '') as { hooks?: Record<string, { type: string; command: string }[]> };
		assert.match(local.hooks?.PreToolUse?.[0]?.command ?? '', /context-warden-hook' hook --agent vscode --snapshot /);
		assert.ok(local.hooks?.UserPromptSubmit?.[0]);
		assert.ok(hooks.statusLines().some((l) => /^Claude Code: hooks (installed, not run yet|active)/.test(l)), hooks.statusLines().join('\n'));
	});

	test('the configured Claude Code command denies `cat .env`, and the status turns active', async function () {
		this.timeout(30_000);
		assert.ok(hooks);
		const value = parse((await read(CLAUDE)) ?? '') as ClaudeSettings;
		const command = value.hooks?.PreToolUse?.[0]?.hooks[0]?.command;
		assert.ok(command, 'no PreToolUse command');
		const root = workspaceRoot().fsPath;
		const payload = { session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat .env' }, tool_use_id: 'toolu_1' };
		const r = await runCommand(command, payload, root);
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { hookSpecificOutput?: { hookEventName?: string; permissionDecision?: string; permissionDecisionReason?: string } };
		assert.equal(out.hookSpecificOutput?.hookEventName, 'PreToolUse');
		assert.equal(out.hookSpecificOutput?.permissionDecision, 'deny', r.stdout);
		assert.match(out.hookSpecificOutput?.permissionDecisionReason ?? '', /\.env/);
		assert.ok(!r.stdout.includes('hunter2') && !r.stderr.includes('hunter2'), 'the secret never appears');
		// A public file is allowed: no output at all.
		const ok = await runCommand(command, { ...payload, tool_input: { command: 'cat README.md' } }, root);
		assert.equal(ok.stdout, '');
		assert.ok(hooks.statusLines().some((l) => /^Claude Code: hooks active \(last run \d\d:\d\d\)$/.test(l)), hooks.statusLines().join('\n'));
	});

	test('the denial is in the audit log, and the audit report lists the installed hooks with their counts', async function () {
		this.timeout(30_000);
		assert.ok(api);
		const verified = await api.audit().verify();
		assert.equal(verified.ok, true, 'the chain verifies with the hook\'s entry in it');
		assert.ok(
			verified.entries.some((e) => e.type === 'hook.deny' && (e.data as { paths?: string[] }).paths?.includes('.env')),
			'a hook.deny entry for .env',
		);
		const report = await api.audit().buildReport();
		const claude = report.hooks?.find((h) => h.agent === 'claude-code');
		assert.ok(claude?.installed, JSON.stringify(report.hooks));
		assert.ok((claude?.denies ?? 0) >= 1, JSON.stringify(claude));
		assert.equal(claude?.config, CLAUDE);
		// The report's note is the audit's own English, with an unambiguous time, not the tooltip's line.
		assert.deepEqual(
			claude?.notes.map((n) => n.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>')),
			['Claude Code: hooks active (last run <time>)'],
			JSON.stringify(claude?.notes),
		);
	});

	test('restore gives every file back byte for byte, and what was created is gone', async function () {
		this.timeout(30_000);
		assert.ok(hooks);
		await hooks.restore();
		let now: Record<string, string | undefined> = {};
		const same = await waitFor(async () => {
			now = await files();
			return WATCHED.every((f) => now[f] === before[f]);
		}, 15_000, 200);
		assert.ok(same, WATCHED.filter((f) => now[f] !== before[f]).map((f) => `${f}: ${JSON.stringify(now[f])} (was ${JSON.stringify(before[f])})`).join('\n'));
		assert.equal(await exists('.github'), false, 'the .github folder created for the hook file is still there');
		// And it stays restored: no re-installation while nothing asks for it.
		await new Promise((r) => setTimeout(r, 2_000));
		assert.deepEqual(await files(), before);
		assert.equal(await exists('.github'), false);
	});
});
