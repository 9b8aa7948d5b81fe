/**
 * Each agent's documented payloads (docs/evidence/agent-hooks.md) through the whole hook, checking the exact output.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { verifyLog } from '../../../src/core/audit/log';
import { fsLogStore } from '../../../src/core/audit/logStore';
import { AGENTS } from '../../../src/core/hooks/agentRegistry';
import { ADAPTERS } from '../../../src/core/hooks/agents/registry';
import { hookCommandLine, hookInstallSpecs } from '../../../src/core/hooks/install';
import { HOOK_LEVELS } from '../../../src/core/hooks/levels';
import { buildSnapshot, parseSnapshot } from '../../../src/core/hooks/snapshot';
import { LEVELS } from '../../../src/core/policy/schema';
import { tempDirs } from '../../support/tempDir';

const ROOT = '/w';
// Both describes below read this snapshot: made before the first test of the run, removed after the last.
const tempDir = tempDirs(after);
let snapDir = '';
let snapFile = '';
before(() => {
	snapDir = tempDir('cw-hook-');
	snapFile = join(snapDir, 'snap.json');
	writeFileSync(
		snapFile,
		JSON.stringify(
			buildSnapshot({
				root: ROOT,
				policySha256: 'f'.repeat(64),
				threshold: 'confidential',
				files: [
					{ path: '.env', level: 'restricted', rule: 'secrets.dotenv' },
					{ path: 'README.md', level: 'public' },
				],
				pathRules: [{ id: 'keys.pem', level: 'restricted', globs: ['*.pem'] }],
			}),
		),
	);
});

async function hook(agent: string, payload: unknown, extra: string[] = []): Promise<{ out: string; err: string; code: number }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: ROOT,
		env: { HOME: '/home/u' },
		stdin: () => Promise.resolve(typeof payload === 'string' ? payload : JSON.stringify(payload)),
	};
	const code = await runHook(['--agent', agent, '--snapshot', snapFile, ...extra], io, { now: () => new Date('2026-11-24T00:00:00Z') });
	return { out, err, code };
}

const DENY_ENV = 'Context Warden: .env (restricted, rule secrets.dotenv) may not be read by AI agents via';

type Row = { name: string; agent: string; payload: unknown; expect: (r: { out: string; err: string; code: number }) => void };

const json = (out: string): unknown => JSON.parse(out);

const rows: Row[] = [
	{
		name: 'VS Code Local: read_file of .env → hookSpecificOutput deny',
		agent: 'vscode',
		payload: { timestamp: '2026-01-01T00:00:00Z', hook_event_name: 'PreToolUse', session_id: 's', transcript_path: '/u/.vscode/github.copilot-chat/t.json', cwd: ROOT, tool_name: 'read_file', tool_input: { filePath: '/w/.env', startLine: 1, endLine: 200 }, tool_use_id: 't1' },
		expect: (r) => {
			assert.deepEqual(json(r.out), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: `${DENY_ENV} read_file: files at or above confidential stay on this machine. Ask the user for the specific non-secret value you need.` } });
			assert.equal(r.code, 0);
		},
	},
	{
		name: 'VS Code Local: read_file of README.md → nothing (allow)',
		agent: 'vscode',
		payload: { hook_event_name: 'PreToolUse', tool_use_id: 't', cwd: ROOT, tool_name: 'read_file', tool_input: { filePath: '/w/README.md' } },
		expect: (r) => assert.deepEqual([r.out, r.code], ['', 0]),
	},
	{
		name: 'VS Code Local: run_in_terminal with cat .env → deny',
		agent: 'vscode',
		payload: { hook_event_name: 'PreToolUse', tool_use_id: 't', cwd: ROOT, tool_name: 'run_in_terminal', tool_input: { command: 'cat .env | head', explanation: 'x', isBackground: false } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'VS Code Local: grep_search with no includePattern → ask',
		agent: 'vscode',
		payload: { hook_event_name: 'PreToolUse', tool_use_id: 't', cwd: ROOT, tool_name: 'grep_search', tool_input: { query: 'KEY', isRegexp: false } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'ask'),
	},
	{
		name: 'VS Code: UserPromptSubmit mentioning #file:.env → block',
		agent: 'vscode',
		payload: { hook_event_name: 'UserPromptSubmit', session_id: 's', tool_use_id: undefined, transcript_path: '/x/github.copilot-chat/t', cwd: ROOT, prompt: 'explain #file:.env please' },
		expect: (r) => assert.equal((json(r.out) as { decision: string }).decision, 'block'),
	},
	{
		name: 'Copilot CLI camelCase: view .env → top-level permissionDecision',
		agent: 'vscode',
		payload: { sessionId: 's', timestamp: 1, cwd: ROOT, toolName: 'view', toolArgs: JSON.stringify({ path: '/w/.env' }) },
		expect: (r) => {
			const o = json(r.out) as Record<string, unknown>;
			assert.equal(o.permissionDecision, 'deny');
			assert.ok(String(o.permissionDecisionReason).startsWith(DENY_ENV));
			assert.equal(o.hookSpecificOutput, undefined);
		},
	},
	{
		name: 'Copilot CLI PascalCase (no VS Code markers): bash → both shapes',
		agent: 'copilot-cli',
		payload: { hook_event_name: 'PreToolUse', session_id: 's', timestamp: '2026-01-01T00:00:00Z', cwd: ROOT, tool_name: 'bash', tool_input: { command: 'grep KEY .env' } },
		expect: (r) => {
			const o = json(r.out) as { permissionDecision: string; hookSpecificOutput: { permissionDecision: string } };
			assert.equal(o.permissionDecision, 'deny');
			assert.equal(o.hookSpecificOutput.permissionDecision, 'deny');
		},
	},
	{
		name: 'Claude Code: Read .env → deny',
		agent: 'claude',
		payload: { session_id: 's', transcript_path: '/t.jsonl', cwd: ROOT, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/.env', offset: 1, limit: 200 }, tool_use_id: 'toolu_1' },
		expect: (r) => assert.deepEqual(json(r.out), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: `${DENY_ENV} Read: files at or above confidential stay on this machine. Ask the user for the specific non-secret value you need.` } }),
	},
	{
		name: 'Claude Code: Bash with cat $FILE → ask',
		agent: 'claude',
		payload: { cwd: ROOT, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat $FILE' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'ask'),
	},
	{
		// files_with_matches and count are a regex oracle: a secret comes out one character at a time.
		name: 'Claude Code: Grep in files_with_matches mode over the root → deny',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_input: { pattern: 'KEY=a' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: Grep in count mode on .env → deny',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_input: { pattern: 'KEY=b', path: '/w/.env', output_mode: 'count' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: Grep over src only → nothing',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_input: { pattern: 'KEY', path: '/w/src' } },
		expect: (r) => assert.equal(r.out, ''),
	},
	{
		name: 'Claude Code: Edit of .env → deny (its result shows the file)',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: '/w/.env', old_string: 'a', new_string: 'b' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: MCP read_file of .env → deny',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'mcp__filesystem__read_file', tool_input: { path: '/w/.env' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: MCP read_multiple_files naming .env among others → deny',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'mcp__filesystem__read_multiple_files', tool_input: { paths: ['/w/README.md', '.env'] } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: MCP search_files over the root → deny; list_directory → nothing',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'mcp__filesystem__search_files', tool_input: { path: '/w', pattern: 'KEY' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: MCP list_directory → nothing (names, not content)',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'mcp__filesystem__list_directory', tool_input: { path: '/w' } },
		expect: (r) => assert.equal(r.out, ''),
	},
	{
		name: 'Claude Code: Grep content mode over the root → deny',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Grep', tool_input: { pattern: 'KEY', output_mode: 'content' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code: UserPromptSubmit with @.env → decision block',
		agent: 'claude',
		payload: { cwd: ROOT, hook_event_name: 'UserPromptSubmit', prompt: 'what is in @.env?' },
		expect: (r) => assert.equal((json(r.out) as { decision: string }).decision, 'block'),
	},
	{
		name: 'Cursor: beforeReadFile of a public file → explicit allow',
		agent: 'cursor',
		payload: { hook_event_name: 'beforeReadFile', conversation_id: 'c', generation_id: 'g', workspace_roots: [ROOT], cursor_version: '2.0', file_path: '/w/README.md', content: 'hello', attachments: [] },
		expect: (r) => assert.deepEqual(json(r.out), { permission: 'allow' }),
	},
	{
		name: 'Cursor: beforeReadFile of .env → permission deny only',
		agent: 'cursor',
		payload: { hook_event_name: 'beforeReadFile', workspace_roots: [ROOT], cursor_version: '2.0', file_path: '/w/.env', content: 'A=1' },
		expect: (r) => assert.deepEqual(json(r.out), { permission: 'deny' }),
	},
	{
		name: 'Cursor: beforeShellExecution cat certs/x.pem (sensitive glob) → deny with messages',
		agent: 'cursor',
		payload: { hook_event_name: 'beforeShellExecution', workspace_roots: [ROOT], cursor_version: '2.0', command: 'cat x.pem', cwd: '/w/certs' },
		expect: (r) => {
			const o = json(r.out) as Record<string, string>;
			assert.equal(o.permission, 'deny');
			assert.ok(o.user_message?.includes('certs/x.pem'));
			assert.equal(o.user_message, o.agent_message);
		},
	},
	{
		name: 'Cursor: beforeSubmitPrompt with .env attached → continue false',
		agent: 'cursor',
		payload: { hook_event_name: 'beforeSubmitPrompt', workspace_roots: [ROOT], cursor_version: '2.0', prompt: 'fix', attachments: [{ type: 'file', file_path: '/w/.env' }] },
		expect: (r) => assert.equal((json(r.out) as { continue: boolean }).continue, false),
	},
	{
		name: 'Gemini: BeforeTool read_file .env → decision deny',
		agent: 'gemini',
		payload: { session_id: 's', transcript_path: '/t', cwd: ROOT, hook_event_name: 'BeforeTool', timestamp: 't', tool_name: 'read_file', tool_input: { file_path: '.env' } },
		expect: (r) => assert.deepEqual(Object.keys(json(r.out) as object), ['decision', 'reason']),
	},
	{
		name: 'Gemini: run_shell_command with an unresolvable path → deny (no ask)',
		agent: 'gemini',
		payload: { cwd: ROOT, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: 'cat "$F"' } },
		expect: (r) => assert.equal((json(r.out) as { decision: string }).decision, 'deny'),
	},
	{
		name: 'Codex: Bash as argv [bash, -lc, script] → deny, no extra fields',
		agent: 'codex',
		payload: { session_id: 's', turn_id: 't', transcript_path: '/x/.codex/t', cwd: ROOT, hook_event_name: 'PreToolUse', model: 'm', permission_mode: 'default', tool_name: 'Bash', tool_input: { command: ['bash', '-lc', 'sed -n 1,5p .env'] }, tool_use_id: 'u' },
		expect: (r) => {
			const o = json(r.out) as { hookSpecificOutput: Record<string, string> };
			assert.deepEqual(Object.keys(o.hookSpecificOutput), ['hookEventName', 'permissionDecision', 'permissionDecisionReason']);
			assert.equal(o.hookSpecificOutput.permissionDecision, 'deny');
		},
	},
	{
		name: 'Codex: unresolvable → deny (ask fails open in Codex)',
		agent: 'codex',
		payload: { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'eval "$X"' } },
		expect: (r) => assert.equal((json(r.out) as { hookSpecificOutput: Record<string, string> }).hookSpecificOutput.permissionDecision, 'deny'),
	},
	{
		name: 'Cline: read_file .env → cancel with errorMessage',
		agent: 'cline',
		payload: { clineVersion: '3.36', hookName: 'PreToolUse', timestamp: 't', taskId: 'k', workspaceRoots: [ROOT], userId: 'u', preToolUse: { toolName: 'read_file', parameters: { path: '.env' } } },
		expect: (r) => {
			const o = json(r.out) as { cancel: boolean; errorMessage: string };
			assert.equal(o.cancel, true);
			assert.ok(o.errorMessage.startsWith(DENY_ENV));
		},
	},
	{
		name: 'Cline: execute_command ls → cancel false',
		agent: 'cline',
		payload: { hookName: 'PreToolUse', workspaceRoots: [ROOT], preToolUse: { toolName: 'execute_command', parameters: { command: 'ls -la' } } },
		expect: (r) => assert.deepEqual(json(r.out), { cancel: false }),
	},
	{
		name: 'Windsurf: pre_read_code .env → exit 2, reason on stderr, no stdout',
		agent: 'windsurf',
		payload: { agent_action_name: 'pre_read_code', trajectory_id: 't', execution_id: 'e', timestamp: 't', tool_info: { file_path: '/w/.env' } },
		expect: (r) => {
			assert.equal(r.code, 2);
			assert.equal(r.out, '');
			assert.ok(r.err.startsWith(DENY_ENV));
		},
	},
	{
		name: 'Windsurf: pre_run_command ls → exit 0, nothing',
		agent: 'windsurf',
		payload: { agent_action_name: 'pre_run_command', tool_info: { command_line: 'ls', cwd: ROOT } },
		expect: (r) => assert.deepEqual([r.code, r.out, r.err], [0, '', '']),
	},
];

describe('hooks: agents', () => {
	for (const row of rows) {
		it(row.name, async () => row.expect(await hook(row.agent, row.payload)));
	}

	it('garbage stdin: no output, exit 0, a note on stderr, for every agent', async () => {
		for (const agent of Object.keys(ADAPTERS)) {
			const r = await hook(agent, 'not json {');
			assert.deepEqual([r.out, r.code], ['', 0], agent);
			assert.match(r.err, /not a JSON payload/);
		}
	});

	it('an unknown payload shape is let through without output', async () => {
		for (const agent of Object.keys(ADAPTERS).filter((a) => a !== 'cline')) {
			const r = await hook(agent, { something: 'else' });
			assert.deepEqual([r.out, r.code], ['', 0], agent);
		}
	});

	it('logs deny decisions as plain data in the hash-chained audit log and writes a heartbeat (an older --agent id is recorded under its registry id)', async () => {
		const log = join(snapDir, 'log', 'hook.jsonl');
		const beat = join(snapDir, 'beat.json');
		await hook('claude', { cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/.env' } }, ['--log', log, '--heartbeat', beat]);
		const verified = await verifyLog(fsLogStore(dirname(log)), basename(log));
		assert.equal(verified.ok, true);
		assert.deepEqual(
			verified.entries.map((e) => ({ type: e.type, at: e.at, data: e.data })),
			[{ type: 'hook.deny', at: '2026-11-24T00:00:00.000Z', data: { agent: 'claude-code', tool: 'Read', paths: ['.env'], rule: 'secrets.dotenv' } }],
		);
		assert.deepEqual(JSON.parse(readFileSync(beat, 'utf8')), { agent: 'claude-code', at: '2026-11-24T00:00:00.000Z' });
	});
});

describe('hooks: snapshot, levels, installer data', () => {
	it('the hook levels equal the policy schema levels', () => {
		assert.deepEqual([...HOOK_LEVELS], [...LEVELS]);
	});

	it('keeps only files at or above the threshold, and validates', () => {
		const parsed = parseSnapshot(readFileSync(snapFile, 'utf8'));
		assert.ok('snapshot' in parsed);
		assert.deepEqual(parsed.snapshot.files, { '.env': 'restricted' });
		assert.ok('error' in parseSnapshot('{"version":2}'));
		assert.ok('error' in parseSnapshot('nope'));
	});

	it('renders the exact command line and one spec per agent', () => {
		const o = { node: '/usr/bin/node', cli: '/ext/dist/hook.js', snapshot: '/s/snap one.json' };
		assert.equal(hookCommandLine({ ...o, agent: 'claude-code' }), `"/usr/bin/node" "/ext/dist/hook.js" hook --agent claude-code --snapshot '/s/snap one.json'`);
		assert.equal(hookCommandLine({ ...o, agent: 'vscode' }, 'powershell'), `& '/usr/bin/node' '/ext/dist/hook.js' 'hook' '--agent' 'vscode' '--snapshot' '/s/snap one.json'`);
		for (const agent of Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[]) {
			const specs = hookInstallSpecs(o, agent);
			if (specs.length === 0) {
				// Only an agent the registry says the extension does not install (Cline: it needs Cline's own "Enable Hooks").
				assert.equal(AGENTS[agent].install.kind, 'none', agent);
				continue;
			}
			assert.ok(specs.every((s) => JSON.stringify(s.content).includes(`--agent ${agent}`)), agent);
		}
	});
});
