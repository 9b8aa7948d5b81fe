/**
 * Redaction through each agent's hook, from its documented payloads (docs/evidence/hooks-redaction.md):
 * Claude Code reads of a `redact`-level file are allowed and what the tool returned comes back with every finding
 * replaced (`hookSpecificOutput.updatedToolOutput`, the tool's own JSON shape); agents that cannot rewrite tool
 * output get `redact` as deny; a secret typed into a prompt is blocked in each agent's format. No value appears in
 * any output, note or audit entry.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { verifyLog } from '../../../src/core/audit/log';
import { fsLogStore } from '../../../src/core/audit/logStore';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { classifierPort } from '../../../src/core/hooks/classifierPort';
import { buildSnapshot } from '../../../src/core/hooks/snapshot';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { MAX_OUTPUT_CHARS } from '../../../src/core/redact/toolOutput';
import { tempDirs } from '../../support/tempDir';

const ROOT = '/w';
const AWS_ID = 'AKIAQWERTYUIOPASDFGH';
const AWS_SECRET = 'Zk3pQ9vL2mX8rT5wN7yB1cF4hJ6dS0aG9eU2iO3q';
const GH = 'ghp_R8mK2vQ9xL4tZ7wC1nB5yH3jF6dS0aP2eU9i';
const VALUES = [AWS_ID, AWS_SECRET, GH];
const CONFIG = `# staging\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\nregion = eu-west-1\ntoken: ${GH}\n`;
const REDACTED = '# staging\naws_access_key_id = «secret:aws-access-key-id#1»\naws_secret_access_key = «secret:aws-secret-access-key#1»\nregion = eu-west-1\ntoken: «secret:github-pat#1»\n';

const tempDir = tempDirs(after);
let dir = '';
let snap = '';
const classifier = classifierPort(compileClassifier(DEFAULT_POLICY).classifier);
before(() => {
	dir = tempDir('cw-redact-hook-');
	snap = join(dir, 'snap.json');
	writeFileSync(
		snap,
		JSON.stringify(
			buildSnapshot({
				root: ROOT,
				policySha256: 'f'.repeat(64),
				threshold: 'confidential',
				files: [
					{ path: 'config/app.ini', level: 'confidential', rule: 'aws-access-key-id' },
					{ path: '.env', level: 'restricted', rule: 'secrets.dotenv' },
				],
				pathRules: [],
				agentReads: { confidential: 'redact' },
			}),
		),
	);
});

interface Run {
	out: string;
	err: string;
	code: number;
}

async function hook(agent: string, payload: unknown, extra: string[] = []): Promise<Run> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: ROOT,
		env: { HOME: '/home/u' },
		stdin: () => Promise.resolve(JSON.stringify(payload)),
	};
	const code = await runHook(['--agent', agent, '--snapshot', snap, '--log', join(dir, 'audit', 'hook.log'), ...extra], io, { classifier, now: () => new Date('2026-12-08T00:00:00Z') });
	for (const v of VALUES) {
		assert.ok(!out.includes(v) && !err.includes(v), `${agent}: a value reached the hook's output`);
	}
	return { out, err, code };
}

const json = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;
const updated = (r: Run): unknown => (json(r.out).hookSpecificOutput as { updatedToolOutput: unknown }).updatedToolOutput;
const post = (tool: string, tool_input: unknown, tool_response: unknown, session = 's1') => ({
	session_id: session,
	transcript_path: '/t.jsonl',
	cwd: ROOT,
	permission_mode: 'default',
	hook_event_name: 'PostToolUse',
	tool_name: tool,
	tool_input,
	tool_response,
	tool_use_id: 'toolu_1',
});

type Row = { name: string; agent: string; payload: unknown; args?: string[]; expect: (r: Run) => void };

const rows: Row[] = [
	{
		name: 'Claude Code PreToolUse: Read of a redact-level file → allowed (nothing printed)',
		agent: 'claude',
		payload: { session_id: 's1', cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/config/app.ini' } },
		expect: (r) => assert.deepEqual([r.out, r.code], ['', 0]),
	},
	{
		name: 'Claude Code PreToolUse: Read of a restricted (deny-level) file → still denied',
		agent: 'claude',
		payload: { session_id: 's1', cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: '/w/.env' } },
		expect: (r) => assert.equal((json(r.out).hookSpecificOutput as { permissionDecision: string }).permissionDecision, 'deny'),
	},
	{
		name: 'Claude Code PostToolUse Read: file.content redacted, the rest of the shape kept',
		agent: 'claude',
		payload: post('Read', { file_path: '/w/config/app.ini' }, { type: 'text', file: { filePath: '/w/config/app.ini', content: CONFIG, numLines: 5, startLine: 1, totalLines: 5 } }),
		expect: (r) => {
			assert.equal(json(r.out).hookSpecificOutput && (json(r.out).hookSpecificOutput as { hookEventName: string }).hookEventName, 'PostToolUse');
			assert.deepEqual(updated(r), { type: 'text', file: { filePath: '/w/config/app.ini', content: REDACTED, numLines: 5, startLine: 1, totalLines: 5 } });
		},
	},
	{
		name: 'Claude Code PostToolUse Bash: stdout redacted, the persisted full copy dropped',
		agent: 'claude',
		payload: post('Bash', { command: 'cat config/app.ini' }, { stdout: CONFIG, stderr: '', interrupted: false, isImage: false, persistedOutputPath: '/tmp/out.txt', persistedOutputSize: 1 }),
		expect: (r) => assert.deepEqual(updated(r), { stdout: REDACTED, stderr: '', interrupted: false, isImage: false }),
	},
	{
		name: 'Claude Code PostToolUse Grep (content mode): matched lines redacted',
		agent: 'claude',
		payload: post('Grep', { pattern: 'aws', output_mode: 'content' }, { mode: 'content', numFiles: 1, filenames: [], content: `config/app.ini:2:aws_access_key_id = ${AWS_ID}`, numLines: 1 }),
		expect: (r) => assert.deepEqual(updated(r), { mode: 'content', numFiles: 1, filenames: [], content: 'config/app.ini:2:aws_access_key_id = «secret:aws-access-key-id#1»', numLines: 1 }),
	},
	{
		name: 'Claude Code PostToolUse MCP tool: text blocks redacted, the list kept a list',
		agent: 'claude',
		payload: post('mcp__fs__read_text_file', { path: '/w/config/app.ini' }, [{ type: 'text', text: CONFIG }]),
		expect: (r) => assert.deepEqual(updated(r), [{ type: 'text', text: REDACTED }]),
	},
	{
		name: 'Claude Code PostToolUse: output with no finding → nothing printed (passes as it is)',
		agent: 'claude',
		payload: post('Bash', { command: 'ls' }, { stdout: 'README.md\nsrc\n', stderr: '', interrupted: false, isImage: false }),
		expect: (r) => assert.deepEqual([r.out, r.code], ['', 0]),
	},
	{
		name: 'Claude Code PostToolUse: output over the budget → withheld behind a notice, never passed through',
		agent: 'claude',
		payload: post('Bash', { command: 'cat big.log' }, { stdout: `${'x'.repeat(MAX_OUTPUT_CHARS)}\n${AWS_ID}`, stderr: 'warn', interrupted: false, isImage: false }),
		expect: (r) => {
			const o = updated(r) as { stdout: string; stderr: string; interrupted: boolean };
			assert.match(o.stdout, /^Context Warden withheld this tool output: it is too large to check for secrets/);
			assert.deepEqual([o.stderr, o.interrupted], ['', false]);
		},
	},
	{
		name: 'Claude Code PostToolUse out of its time budget → withheld in the tool\'s own shape, never passed through',
		agent: 'claude',
		args: ['--budget-ms', '0'],
		payload: post('Read', { file_path: '/w/config/app.ini' }, { type: 'text', file: { filePath: '/w/config/app.ini', content: CONFIG, numLines: 5 } }),
		expect: (r) => {
			const o = updated(r) as { type: string; file: { filePath: string; content: string; numLines: number } };
			assert.deepEqual([o.type, o.file.filePath, o.file.numLines], ['text', '/w/config/app.ini', 5]);
			assert.match(o.file.content, /^Context Warden withheld this tool output: it could not be checked for secrets within 0 ms\.$/);
		},
	},
	{
		name: 'Codex PostToolUse: Codex cannot replace tool output → nothing printed',
		agent: 'codex',
		payload: post('Bash', { command: 'cat config/app.ini' }, { stdout: CONFIG }),
		expect: (r) => assert.deepEqual([r.out, r.code], ['', 0]),
	},
	// Agents that cannot rewrite tool output: redact falls back to deny.
	{
		name: 'VS Code Local: read_file of a redact-level file → deny (PostToolUse only appends)',
		agent: 'vscode',
		payload: { hook_event_name: 'PreToolUse', tool_use_id: 't', transcript_path: '/u/github.copilot-chat/t.json', cwd: ROOT, tool_name: 'read_file', tool_input: { filePath: '/w/config/app.ini' } },
		expect: (r) => assert.equal((json(r.out).hookSpecificOutput as { permissionDecision: string }).permissionDecision, 'deny'),
	},
	{
		name: 'Cursor beforeReadFile of a redact-level file → deny',
		agent: 'cursor',
		payload: { hook_event_name: 'beforeReadFile', cursor_version: '2.6', workspace_roots: [ROOT], file_path: '/w/config/app.ini', content: CONFIG },
		expect: (r) => assert.deepEqual(json(r.out), { permission: 'deny' }),
	},
	{
		name: 'Gemini CLI read_file of a redact-level file → deny',
		agent: 'gemini',
		payload: { hook_event_name: 'BeforeTool', cwd: ROOT, tool_name: 'read_file', tool_input: { file_path: '/w/config/app.ini' } },
		expect: (r) => assert.equal(json(r.out).decision, 'deny'),
	},
	{
		name: 'Cline read_file of a redact-level file → cancel',
		agent: 'cline',
		payload: { hookName: 'PreToolUse', workspaceRoots: [ROOT], preToolUse: { toolName: 'read_file', parameters: { path: 'config/app.ini' } } },
		expect: (r) => assert.equal(json(r.out).cancel, true),
	},
	{
		name: 'Windsurf pre_read_code of a redact-level file → exit 2',
		agent: 'windsurf',
		payload: { agent_action_name: 'pre_read_code', tool_info: { file_path: '/w/config/app.ini', cwd: ROOT } },
		expect: (r) => assert.equal(r.code, 2),
	},
	{
		name: 'Codex Bash cat of a redact-level file → deny (no output rewriting)',
		agent: 'codex',
		payload: { session_id: 's', turn_id: 't', cwd: ROOT, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat config/app.ini' } },
		expect: (r) => assert.equal((json(r.out).hookSpecificOutput as { permissionDecision: string }).permissionDecision, 'deny'),
	},
	// A secret typed into a prompt: blocked in each agent's prompt format, naming the rule.
	...(
		[
			['claude', { session_id: 's', cwd: ROOT, hook_event_name: 'UserPromptSubmit', prompt: `deploy with key ${AWS_ID} please` }, (r: Run) => json(r.out).decision === 'block' && String(json(r.out).reason)],
			['codex', { session_id: 's', turn_id: 't', cwd: ROOT, hook_event_name: 'UserPromptSubmit', prompt: `deploy with key ${AWS_ID} please` }, (r: Run) => json(r.out).decision === 'block' && String(json(r.out).reason)],
			['vscode', { hook_event_name: 'UserPromptSubmit', transcript_path: '/x/github.copilot-chat/t', cwd: ROOT, prompt: `deploy with key ${AWS_ID} please` }, (r: Run) => json(r.out).decision === 'block' && String(json(r.out).reason)],
			['copilot-cli', { sessionId: 's', timestamp: 1, cwd: ROOT, prompt: `deploy with key ${AWS_ID} please` }, (r: Run) => json(r.out).decision === 'block' && String(json(r.out).reason)],
			['cursor', { hook_event_name: 'beforeSubmitPrompt', cursor_version: '2.6', workspace_roots: [ROOT], prompt: `deploy with key ${AWS_ID} please`, attachments: [] }, (r: Run) => json(r.out).continue === false && String(json(r.out).user_message)],
			['gemini', { hook_event_name: 'BeforeAgent', cwd: ROOT, prompt: `deploy with key ${AWS_ID} please` }, (r: Run) => json(r.out).decision === 'deny' && String(json(r.out).reason)],
			['cline', { hookName: 'UserPromptSubmit', workspaceRoots: [ROOT], userPromptSubmit: { prompt: `deploy with key ${AWS_ID} please` } }, (r: Run) => json(r.out).cancel === true && String(json(r.out).errorMessage)],
			['windsurf', { agent_action_name: 'pre_user_prompt', tool_info: { user_prompt: `deploy with key ${AWS_ID} please`, cwd: ROOT } }, (r: Run) => r.code === 2 && r.err],
		] as const
	).map(([agent, payload, reasonOf]): Row => ({
		name: `${agent}: a prompt holding an AWS key → blocked, naming the rule and how to refer to it`,
		agent,
		payload,
		expect: (r) => {
			const reason = reasonOf(r);
			assert.ok(reason, `${agent}: blocked (${r.out}${r.err})`);
			assert.match(reason, /this prompt was not sent: it holds a secret \(AWS access key ID, rule aws-access-key-id, line 1\)\. Remove the value and refer to it instead/);
		},
	})),
	{
		name: 'Claude Code: a prompt with no secret → nothing printed',
		agent: 'claude',
		payload: { session_id: 's', cwd: ROOT, hook_event_name: 'UserPromptSubmit', prompt: 'rename the aws_access_key_id variable' },
		expect: (r) => assert.deepEqual([r.out, r.code], ['', 0]),
	},
];

describe('redaction through the agent hooks', () => {
	for (const row of rows) {
		it(row.name, async () => row.expect(await hook(row.agent, row.payload, row.args)));
	}

	it('keeps placeholders stable across the runs of one session, and numbers another session afresh', async () => {
		const second = await hook('claude', post('Bash', { command: 'env' }, { stdout: `X=${GH}\nY=${AWS_ID}\n`, stderr: '', interrupted: false, isImage: false }));
		assert.equal((updated(second) as { stdout: string }).stdout, 'X=«secret:github-pat#1»\nY=«secret:aws-access-key-id#1»\n');
		const other = await hook('claude', post('Bash', { command: 'env' }, { stdout: `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nY=${AWS_ID}\n`, stderr: '', interrupted: false, isImage: false }, 's2'));
		assert.equal((updated(other) as { stdout: string }).stdout, 'AWS_SECRET_ACCESS_KEY=«secret:aws-secret-access-key#1»\nY=«secret:aws-access-key-id#1»\n');
	});

	it('records denials, redactions and blocked prompts in the audit log, and no value in the log or the session files', async () => {
		const log = join(dir, 'audit', 'hook.log');
		const verified = await verifyLog(fsLogStore(join(dir, 'audit')), 'hook.log');
		assert.equal(verified.ok, true);
		const types = verified.entries.map((e) => e.type);
		assert.ok(types.includes('hook.redact') && types.includes('hook.deny'), types.join(','));
		const redact = verified.entries.find((e) => e.type === 'hook.redact' && (e.data as { tool?: string }).tool === 'Read');
		assert.deepEqual(redact?.data, { agent: 'claude-code', tool: 'Read', rules: ['aws-access-key-id', 'aws-secret-access-key', 'github-pat'], replaced: 3 });
		const files = [log, ...readdirSync(join(dir, 'audit', 'redact-sessions')).map((f) => join(dir, 'audit', 'redact-sessions', f))];
		assert.ok(files.length >= 3, 'the log and two sessions');
		for (const f of files) {
			const text = readFileSync(f, 'utf8');
			for (const v of VALUES) {
				assert.ok(!text.includes(v), `${f} holds a value`);
			}
		}
	});
});
