// Redaction in a real extension host: an org policy lets agents read confidential files with their findings
// masked (`workspace.agentReads: {confidential: "redact"}`, secrets classified confidential). With the Claude Code
// hooks installed, the configured commands run by hand as Claude Code runs them: a PreToolUse Read of the
// confidential config is allowed, the PostToolUse payload with the file's content comes back with every finding
// replaced by a placeholder, a Read of the restricted .env is still denied, and a UserPromptSubmit holding an AWS key
// is blocked. None of the values appears in any output, in the audit log, or in any file the extension or the hook
// wrote next to them (grepped).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { tempDirs } from '../support/tempDir';
import { activatedApi, runCommand, waitFor, workspaceRoot } from './helpers';

const CLAUDE = '.claude/settings.local.json';
const CONFIG = 'config/app.ini';
const VALUES = ['AKIAQWERTYUIOPASDFGH', 'Zk3pQ9vL2mX8rT5wN7yB1cF4hJ6dS0aG9eU2iO3q', 'ghp_R8mK2vQ9xL4tZ7wC1nB5yH3jF6dS0aP2eU9i', 'hunter2-not-a-real-password'];
const ORG = { version: 1, name: 'Redacting org', content: { detectors: { secrets: { level: 'confidential' } } }, workspace: { agentReads: { confidential: 'redact' } } };

type Settings = { hooks?: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };

function commandOf(settings: Settings, event: string): string {
	const command = settings.hooks?.[event]?.[0]?.hooks[0]?.command;
	assert.ok(command, `no ${event} command in ${CLAUDE}`);
	return command;
}

/** The value of `--flag` in a hook command line (paths without spaces, as the test machine's are). */
function flag(command: string, name: string): string {
	const m = new RegExp(`--${name} ("[^"]+"|'[^']+'|\\S+)`).exec(command);
	assert.ok(m?.[1], `no --${name} in ${command}`);
	return m[1].replace(/^["']|["']$/g, '');
}

/** Every file under a folder, for grepping. */
function filesUnder(dir: string): string[] {
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) {
			out.push(...filesUnder(p));
		} else if (e.isFile()) {
			out.push(p);
		}
	}
	return out;
}

function assertNoValue(where: string, text: string): void {
	for (const v of VALUES) {
		assert.ok(!text.includes(v), `${where} holds a value it must not (${v.slice(0, 4)}…)`);
	}
}

suite('redaction', () => {
	const outputs: string[] = [];
	let settings: Settings = {};
	const run = async (event: string, payload: unknown): Promise<{ code: number | null; stdout: string; stderr: string }> => {
		const r = await runCommand(commandOf(settings, event), payload, workspaceRoot().fsPath);
		outputs.push(r.stdout, r.stderr);
		assertNoValue(`the ${event} hook's output`, r.stdout + r.stderr);
		return r;
	};
	const base = () => ({ session_id: 'sess-redact', transcript_path: '/tmp/t.jsonl', cwd: workspaceRoot().fsPath, permission_mode: 'default', tool_use_id: 'toolu_1' });

	suiteTeardown(async () => {
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', undefined, vscode.ConfigurationTarget.Global);
	});
	const tempDir = tempDirs(suiteTeardown);

	suiteSetup(async function () {
		this.timeout(90_000);
		const orgFile = path.join(tempDir('cw-org-'), 'policy.json');
		fs.writeFileSync(orgFile, JSON.stringify(ORG));
		const api = await activatedApi();
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', orgFile, vscode.ConfigurationTarget.Global);
		assert.ok(await waitFor(() => api.effectivePolicy()?.policy.name === ORG.name, 20_000), `policy is ${api.effectivePolicy()?.policy.name}`);
		assert.deepEqual(api.effectivePolicy()?.policy.workspace.agentReads, { confidential: 'redact' });
		const config = vscode.Uri.joinPath(workspaceRoot(), CONFIG);
		assert.ok(await waitFor(() => !api.isScanning() && api.classification(config)?.level === 'confidential', 45_000, 200), `${CONFIG} is ${api.classification(config)?.level}`);
		await api.hooks.install();
		const file = path.join(workspaceRoot().fsPath, CLAUDE);
		assert.ok(await waitFor(() => fs.existsSync(file) && /PostToolUse/.test(fs.readFileSync(file, 'utf8')), 20_000, 200), `${CLAUDE} has no PostToolUse hook`);
		settings = parse(fs.readFileSync(file, 'utf8')) as Settings;
		assert.equal(settings.hooks?.PostToolUse?.[0]?.matcher, '^(Read|NotebookRead|Grep|Bash|mcp__.*)$');
		// The snapshot the hook reads carries the policy's read actions.
		const snapshot = JSON.parse(fs.readFileSync(flag(commandOf(settings, 'PreToolUse'), 'snapshot'), 'utf8')) as { agentReads?: unknown; files: Record<string, string> };
		assert.deepEqual(snapshot.agentReads, { confidential: 'redact' });
		assert.equal(snapshot.files[CONFIG], 'confidential');
	});

	test('a PreToolUse Read of the redact-level file is allowed; the restricted .env is still denied', async function () {
		this.timeout(30_000);
		const root = workspaceRoot().fsPath;
		const allowed = await run('PreToolUse', { ...base(), hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: path.join(root, CONFIG) } });
		assert.deepEqual([allowed.code, allowed.stdout], [0, ''], allowed.stderr);
		const denied = await run('PreToolUse', { ...base(), hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: path.join(root, '.env') } });
		const out = JSON.parse(denied.stdout) as { hookSpecificOutput: { permissionDecision: string } };
		assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
	});

	test('the PostToolUse payload with the file\'s content comes back with every finding replaced', async function () {
		this.timeout(30_000);
		const root = workspaceRoot().fsPath;
		const content = fs.readFileSync(path.join(root, CONFIG), 'utf8');
		const response = { type: 'text', file: { filePath: path.join(root, CONFIG), content, numLines: 8, startLine: 1, totalLines: 8 } };
		const r = await run('PostToolUse', { ...base(), hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: path.join(root, CONFIG) }, tool_response: response });
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { hookSpecificOutput: { hookEventName: string; updatedToolOutput: typeof response } };
		assert.equal(out.hookSpecificOutput.hookEventName, 'PostToolUse');
		assert.deepEqual(out.hookSpecificOutput.updatedToolOutput, {
			...response,
			file: {
				...response.file,
				content: content
					.replace(VALUES[0] as string, '«secret:aws-access-key-id#1»')
					.replace(VALUES[1] as string, '«secret:aws-secret-access-key#1»')
					.replace(VALUES[2] as string, '«secret:github-pat#1»'),
			},
		});
		// The same key through Bash in the same session gets the same placeholder.
		const bash = await run('PostToolUse', { ...base(), hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'grep aws config/app.ini' }, tool_response: { stdout: `aws_access_key_id = ${VALUES[0]}\n`, stderr: '', interrupted: false, isImage: false } });
		assert.equal((JSON.parse(bash.stdout) as { hookSpecificOutput: { updatedToolOutput: { stdout: string } } }).hookSpecificOutput.updatedToolOutput.stdout, 'aws_access_key_id = «secret:aws-access-key-id#1»\n');
	});

	test('a UserPromptSubmit payload holding an AWS key is blocked, naming the rule', async function () {
		this.timeout(30_000);
		const r = await run('UserPromptSubmit', { ...base(), hook_event_name: 'UserPromptSubmit', prompt: `why does s3 reject ${VALUES[0]}?` });
		const out = JSON.parse(r.stdout) as { decision: string; reason: string };
		assert.equal(out.decision, 'block');
		assert.match(out.reason, /rule aws-access-key-id/);
	});

	test('no value appears in any output, audit entry, or file the extension and the hook wrote', async function () {
		this.timeout(30_000);
		const api = await activatedApi();
		const verified = await api.audit().verify();
		assert.equal(verified.ok, true);
		const types = verified.entries.map((e) => e.type);
		assert.ok(types.includes('hook.redact') && types.includes('hook.deny'), types.join(', '));
		assertNoValue('the audit entries', JSON.stringify(verified.entries));
		assertNoValue('the hook outputs', outputs.join('\n'));
		const pre = commandOf(settings, 'PreToolUse');
		const dirs = new Set([path.dirname(flag(pre, 'log')), path.dirname(flag(pre, 'snapshot'))]);
		let grepped = 0;
		for (const dir of dirs) {
			for (const f of filesUnder(dir)) {
				assertNoValue(f, fs.readFileSync(f, 'latin1'));
				grepped++;
			}
		}
		assert.ok(fs.readdirSync(path.join(path.dirname(flag(pre, 'log')), 'redact-sessions')).length >= 1, 'the session kept its placeholders');
		assert.ok(grepped >= 3, `grepped ${grepped} files`);
		await api.hooks.restore();
	});
});
