import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMcpFile } from '../../../src/core/mcp/inventory';
import { MCP_LOCATIONS, mcpLocation } from '../../../src/core/mcp/locations';

const FIX = path.join(__dirname, 'fixtures');
const text = (name: string): string => fs.readFileSync(path.join(FIX, name), 'utf8');

function read(fixture: string, locationId: string, options: { projectPaths?: string[] } = {}): ReturnType<typeof readMcpFile> {
	const loc = mcpLocation(locationId);
	assert.ok(loc, locationId);
	return readMcpFile(text(fixture), loc.format, `file:${locationId}`, locationId, options);
}

describe('mcp/inventory', () => {
	it('has a fixture test for every location, each with evidence', () => {
		const tested = ['vscode-workspace', 'vscode-workspace-file', 'vscode-user', 'claude-project', 'claude-user', 'cursor-project', 'cursor-user', 'windsurf-user', 'cline-user', 'roo-project', 'roo-user', 'gemini-project', 'gemini-user', 'continue-project', 'continue-user'];
		assert.deepEqual(MCP_LOCATIONS.map((l) => l.id).sort(), [...tested].sort());
		for (const l of MCP_LOCATIONS) {
			assert.ok(l.evidence.source.length > 10, l.id);
			assert.ok(l.disable || l.noLever || l.sandbox, `${l.id} says what lever it has, or that it has none`);
		}
	});

	it('reads VS Code mcp.json with comments, trailing commas, inputs and an unknown field', () => {
		for (const id of ['vscode-workspace', 'vscode-user']) {
			const r = read('vscode-mcp.jsonc', id);
			assert.deepEqual(r.problems, []);
			assert.deepEqual(r.servers.map((s) => s.name), ['workspace-files', 'billing-api', 'github']);
			const [fsServer, billing, gh] = r.servers;
			assert.equal(fsServer?.transport, 'stdio');
			assert.deepEqual(fsServer?.args, ['-y', '@modelcontextprotocol/server-filesystem@2025.7.1', '${workspaceFolder}']);
			assert.equal(fsServer?.pointer, '/servers/workspace-files');
			assert.equal(billing?.transport, 'stdio', 'no type: a command means stdio');
			assert.equal(billing?.envFile, '${workspaceFolder}/.env');
			assert.equal(gh?.transport, 'http');
			assert.equal(gh?.headers.Authorization, 'Bearer ${input:gh-token}');
			assert.deepEqual(gh?.unknownFields, ['futureField']);
		}
	});

	it('reads the mcp section of a workspace file', () => {
		const r = read('workspace-file.code-workspace', 'vscode-workspace-file');
		assert.deepEqual(r.servers.map((s) => [s.name, s.pointer]), [['fetch', '/mcp/servers/fetch']]);
	});

	it('reads Claude Code .mcp.json (sse transport, inline URL)', () => {
		const r = read('claude-project.json', 'claude-project');
		assert.deepEqual(r.servers.map((s) => [s.name, s.transport]), [['postgres', 'stdio'], ['remote-docs', 'sse']]);
	});

	it('reads ~/.claude.json: user scope, and local scope only for this workspace\'s project, with its disabled list', () => {
		const r = read('claude-user.json', 'claude-user', { projectPaths: ['/home/dev/app'] });
		assert.deepEqual(r.servers.map((s) => [s.name, s.pointer]), [['memory', '/mcpServers/memory'], ['home-files', '/projects/~1home~1dev~1app/mcpServers/home-files']]);
		assert.deepEqual(r.disabledNames, ['home-files']);
		assert.deepEqual(read('claude-user.json', 'claude-user').servers.map((s) => s.name), ['memory'], 'no project: user scope only');
	});

	it('reads Cursor (project and global), Windsurf (serverUrl), Cline, Roo Code (project and global), Gemini CLI and Continue blocks', () => {
		assert.deepEqual(read('cursor-project.json', 'cursor-project').servers.map((s) => [s.name, s.transport]), [['context7', 'http'], ['fs', 'stdio']]);
		assert.equal(read('cursor-project.json', 'cursor-user').servers.length, 2);
		const ws = read('windsurf-user.json', 'windsurf-user').servers[0];
		assert.equal(ws?.url, 'https://api.githubcopilot.com/mcp/');
		assert.equal(ws?.transport, 'http');
		const cline = read('cline-user.json', 'cline-user').servers[0];
		assert.equal(cline?.disabled, false);
		assert.deepEqual(cline?.unknownFields, []);
		for (const id of ['roo-project', 'roo-user']) {
			const roo = read('roo-project.json', id).servers[0];
			assert.deepEqual(roo?.args, ['mcp-server-git', '--repository', '.']);
		}
		for (const id of ['gemini-project', 'gemini-user']) {
			const g = read('gemini-project.json', id);
			assert.deepEqual(g.servers.map((s) => [s.name, s.transport, s.url ?? s.command]), [['docs', 'http', 'https://docs.example.com/mcp'], ['experimental', 'stdio', 'python']]);
			assert.deepEqual(g.disabledNames, ['experimental']);
		}
		for (const id of ['continue-project', 'continue-user']) {
			assert.deepEqual(read('continue-block.json', id).servers.map((s) => s.name), ['sqlite']);
		}
	});

	it('never throws on broken or odd files, and says why', () => {
		const broken = read('broken.json', 'vscode-workspace');
		assert.equal(broken.problems.length, 1);
		assert.match(broken.problems[0] ?? '', /not valid JSON with comments/);
		const cases: [string, RegExp | undefined][] = [
			['', /empty/],
			['[1,2]', /not an object/],
			['{"servers": []}', /not an object/],
			['{"servers": {"a": 5, "b": {"command": "x", "args": "not-a-list", "env": {"K": {"nested": true}}}}}', /"a" is not an object/],
			['\uFEFF{"servers": {}}', undefined],
			['{"servers": {"a": {"command": "x"}}', /not valid JSON/],
			['\u0000\u0001garbage', /not valid JSON/],
		];
		for (const [t, problem] of cases) {
			const r = readMcpFile(t, 'vscode', 'f', 'vscode-workspace');
			if (problem) {
				assert.ok(r.problems.some((p) => problem.test(p)), `${JSON.stringify(t)}: ${r.problems.join('; ')}`);
			} else {
				assert.deepEqual(r.problems, []);
			}
		}
		const lenient = readMcpFile(cases[3]?.[0] ?? '', 'vscode', 'f', 'vscode-workspace');
		assert.deepEqual(lenient.servers.map((s) => [s.name, s.args, s.env]), [['b', [], {}]]);
		const recovered = readMcpFile('{"servers": {"a": {"command": "x"}', 'vscode', 'f', 'vscode-workspace');
		assert.deepEqual(recovered.servers.map((s) => s.name), ['a'], 'what could be read of a truncated file is kept');
	});
});
