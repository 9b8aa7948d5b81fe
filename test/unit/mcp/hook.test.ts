/**
 * The pre-tool hook and MCP: a tool call to a server the policy blocks is denied, by what the server runs (never
 * its name alone); calls to other servers and other tools are left to the usual checks.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHook } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { looksLikeMcpTool, serverOfTool } from '../../../src/core/mcp/toolMatch';
import { tempDirs } from '../../support/tempDir';

async function hook(dir: string, agent: string, payload: unknown): Promise<{ out: string; err: string; code: number }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd: dir,
		env: { HOME: '/home/nobody' },
		stdin: () => Promise.resolve(JSON.stringify(payload)),
	};
	const code = await runHook(['--agent', agent, '--workspace', dir], io);
	return { out, err, code };
}

const claudeCall = (dir: string, tool: string): unknown => ({ cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: tool, tool_input: { path: 'README.md' } });

describe('mcp: calls to a blocked server in the pre-tool hook', () => {
	const tempDir = tempDirs(afterEach);

	const workspace = (): string => {
		const dir = tempDir('cw-mcp-hook-');
		mkdirSync(join(dir, '.vscode'));
		writeFileSync(join(dir, 'README.md'), '# hello\n');
		writeFileSync(
			join(dir, '.mcp.json'),
			JSON.stringify({
				mcpServers: {
					'my files': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'] },
					docs: { type: 'http', url: 'https://docs.example.com/mcp' },
				},
			}),
		);
		writeFileSync(join(dir, '.vscode', 'context-policy.json'), JSON.stringify({ version: 1, mcp: { block: [{ package: '@modelcontextprotocol/server-filesystem' }] } }));
		return dir;
	};

	it('matches tool names to configured servers, as Claude Code and Gemini CLI name them', () => {
		assert.equal(serverOfTool('mcp__my_files__read_file', ['my files', 'docs']), 'my files');
		assert.equal(serverOfTool('mcp_docs_search', ['my files', 'docs']), 'docs');
		assert.equal(serverOfTool('mcp__docs2__search', ['docs']), undefined);
		assert.equal(serverOfTool('Read', ['docs']), undefined);
		assert.equal(serverOfTool('mcp__a_b__t', ['a', 'a_b']), 'a_b', 'the longest name first');
		assert.ok(looksLikeMcpTool('mcp__x__y') && !looksLikeMcpTool('Bash'));
	});

	it('denies a call to the blocked server, allows one to another server', async function () {
		this.timeout(20_000);
		const dir = workspace();
		const denied = await hook(dir, 'claude', claudeCall(dir, 'mcp__my_files__read_file'));
		assert.equal(denied.code, 0, denied.err);
		assert.match(denied.out, /"deny"/);
		assert.match(denied.out, /MCP server 'my files' is blocked/);
		const allowed = await hook(dir, 'claude', claudeCall(dir, 'mcp__docs__search'));
		assert.doesNotMatch(allowed.out, /"deny"/);
	});

	it('a broken MCP file blocks nothing and never crashes the hook', async function () {
		this.timeout(20_000);
		const dir = workspace();
		writeFileSync(join(dir, '.mcp.json'), '{ "mcpServers": ');
		const r = await hook(dir, 'claude', claudeCall(dir, 'mcp__my_files__read_file'));
		assert.equal(r.code, 0, r.err);
		assert.doesNotMatch(r.out, /blocked/);
	});
});
