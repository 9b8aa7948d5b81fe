import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectDrift } from '../../../src/core/assistants/drift';
import { applyFileEdits, planApply, restore } from '../../../src/core/assistants/ledger';
import { getJsonValue } from '../../../src/core/assistants/managedJson';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { classifyMcpServer, hostOf, packagesOf, resolveVariables } from '../../../src/core/mcp/classify';
import { evaluateMcpServer, urlMatches } from '../../../src/core/mcp/evaluate';
import { readMcpFile } from '../../../src/core/mcp/inventory';
import { ENVFILE_NOTE, SANDBOX_NOTE } from '../../../src/core/mcp/levers';
import { analyzeMcp, describeServer, type McpConfigInput } from '../../../src/core/mcp/model';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';

const FIX = path.join(__dirname, 'fixtures');
const text = (name: string): string => fs.readFileSync(path.join(FIX, name), 'utf8');
const { classifier } = compileClassifier(DEFAULT_POLICY);
const WS = '/home/dev/app';
const VARS = { workspaceFolder: WS, userHome: '/home/dev' };
const NOW = new Date('2026-12-08T00:00:00Z');

function policy(mcp: Partial<Policy['mcp']> = {}): Policy {
	const p = structuredClone(DEFAULT_POLICY);
	p.mcp = { ...p.mcp, ...mcp };
	return p;
}

function input(fixture: string, locationId: string, file: string, extra: Partial<McpConfigInput> = {}): McpConfigInput {
	return { file, locationId, text: text(fixture), vars: VARS, ...extra };
}

function analyze(inputs: McpConfigInput[], p: Policy = policy(), restricted = false, sensitiveFiles: string[] = ['.env']): ReturnType<typeof analyzeMcp> {
	return analyzeMcp(inputs, { policy: p, restricted, classifier, sensitiveFiles });
}

describe('mcp/classify', () => {
	it('resolves VS Code, Cursor and Claude-style variables, leaving unknown ones as written', () => {
		assert.equal(resolveVariables('${workspaceFolder}/.env', VARS), '/home/dev/app/.env');
		assert.equal(resolveVariables('${userHome}/.ssh', VARS), '/home/dev/.ssh');
		assert.equal(resolveVariables('~/notes', VARS), '/home/dev/notes');
		assert.equal(resolveVariables('${workspaceFolderBasename}', VARS), 'app');
		assert.equal(resolveVariables('${env:TOKEN}|${TOKEN}|${TOKEN:-x}', { env: { TOKEN: 't' } }), 't|t|t');
		assert.equal(resolveVariables('${input:key} ${env:MISSING} ${workspaceFolder}', {}), '${input:key} ${env:MISSING} ${workspaceFolder}');
	});

	it('finds the package a runner starts, without its version', () => {
		assert.deepEqual(packagesOf('npx', ['-y', '@modelcontextprotocol/server-filesystem@2025.7.1', '/x']), ['@modelcontextprotocol/server-filesystem']);
		assert.deepEqual(packagesOf('uvx', ['--from', 'git+https://x', 'mcp-server-git==1.2']), ['git+https://x', 'mcp-server-git']);
		assert.deepEqual(packagesOf('docker', ['run', '-i', '--rm', '-v', '/a:/b', '-e', 'K', 'mcp/filesystem:latest', '/projects']), ['mcp/filesystem']);
		assert.deepEqual(packagesOf('pipx', ['run', 'mcp-server-fetch']), ['mcp-server-fetch']);
		assert.deepEqual(packagesOf('node', ['server.js']), []);
		assert.deepEqual(packagesOf('docker', ['ps']), []);
	});

	it('reads a remote host, loopback and sockets', () => {
		assert.equal(hostOf('https://API.githubcopilot.com/mcp/'), 'api.githubcopilot.com');
		assert.equal(hostOf('http://127.0.0.1:3000/mcp'), 'localhost');
		assert.equal(hostOf('unix:///tmp/s.sock#/mcp'), 'local-socket');
		assert.equal(hostOf('not a url'), undefined);
	});

	it('classifies the VS Code fixture: a filesystem server over the workspace, an envFile of .env, a remote server with an input token', () => {
		const [fsServer, billing, gh] = readMcpFile(text('vscode-mcp.jsonc'), 'vscode', '.vscode/mcp.json', 'vscode-workspace').servers;
		const ctx = { vars: VARS, origin: 'workspace' as const, classifier, sensitiveLevel: 'confidential' as const };
		const a = classifyMcpServer(fsServer!, ctx);
		assert.equal(a.runs, 'local');
		assert.deepEqual(a.packages, ['@modelcontextprotocol/server-filesystem']);
		assert.deepEqual(a.reach, { kind: 'server', paths: ['${workspaceFolder}'], workspace: true, home: false });
		assert.deepEqual(a.secrets, []);
		const b = classifyMcpServer(billing!, ctx);
		assert.deepEqual(b.secrets, [{ via: 'envFile', name: '${workspaceFolder}/.env', file: '.env', rule: 'dotenv', level: 'restricted' }]);
		assert.equal(b.reach.kind, 'none', 'the server\'s own script is not a folder it reads');
		const c = classifyMcpServer(gh!, ctx);
		assert.equal(c.runs, 'remote');
		assert.equal(c.host, 'api.githubcopilot.com');
		assert.deepEqual(c.secrets, [], 'a token typed in at start (${input:...}) is not an inline secret');
		assert.equal(describeServer(b), 'local (node); no file-system reach seen; receives secret file .env');
	});

	it('an envFile is judged where it lands: relative to the workspace, in a subfolder of a multi-root folder, or outside', () => {
		const entry = (envFile: string) => ({ ...readMcpFile('{"servers":{"s":{"command":"node"}}}', 'vscode', 'f', 'vscode-workspace').servers[0]!, envFile });
		const ctx = { vars: VARS, origin: 'workspace' as const, classifier, sensitiveLevel: 'confidential' as const };
		assert.equal(classifyMcpServer(entry('.env'), ctx).secrets[0]?.file, '.env');
		assert.equal(classifyMcpServer(entry('config/.env.production'), { ...ctx, folderPrefix: 'api/' }).secrets[0]?.file, 'api/config/.env.production');
		const outside = classifyMcpServer(entry('${userHome}/.aws/credentials'), ctx).secrets[0];
		assert.equal(outside?.file, undefined);
		assert.equal(outside?.level, 'restricted');
		assert.deepEqual(classifyMcpServer(entry('config/settings.ini'), ctx).secrets, [], 'a file no rule calls sensitive is not a secret');
		const fromIndex = classifyMcpServer(entry('vars.txt'), { ...ctx, levelOf: (k) => (k === 'vars.txt' ? 'restricted' : undefined) }).secrets[0];
		assert.equal(fromIndex?.level, 'restricted', 'a file the index classified sensitive by its content counts');
	});

	it('finds inline secrets in env values, headers and arguments with the secret rules, never references', () => {
		const ctx = { vars: VARS, origin: 'user' as const, classifier, sensitiveLevel: 'confidential' as const };
		const ws = classifyMcpServer(readMcpFile(text('windsurf-user.json'), 'mcpServers', 'w', 'windsurf-user').servers[0]!, ctx);
		assert.deepEqual(ws.secrets.map((s) => [s.via, s.name]), [['header', 'Authorization']]);
		const cline = classifyMcpServer(readMcpFile(text('cline-user.json'), 'mcpServers', 'c', 'cline-user').servers[0]!, ctx);
		assert.deepEqual(cline.secrets.map((s) => [s.via, s.name]), [['env', 'BRAVE_API_KEY']]);
		const pg = classifyMcpServer(readMcpFile(text('claude-project.json'), 'mcpServers', 'p', 'claude-project').servers[0]!, ctx);
		assert.deepEqual(pg.secrets.map((s) => [s.via, s.name]), [['arg', 'args[2]']]);
		const cursor = classifyMcpServer(readMcpFile(text('cursor-project.json'), 'mcpServers', 'c', 'cursor-project').servers[0]!, ctx);
		assert.deepEqual(cursor.secrets, [], '${env:...} is a reference');
	});

	it('sees container mounts and folder arguments', () => {
		const ctx = { vars: VARS, origin: 'workspace' as const, classifier, sensitiveLevel: 'confidential' as const };
		const docker = classifyMcpServer(readMcpFile(text('cursor-project.json'), 'mcpServers', 'c', 'cursor-project').servers[1]!, ctx);
		assert.deepEqual(docker.reach, { kind: 'server', paths: ['${workspaceFolder}'], workspace: true, home: false });
		const roo = classifyMcpServer(readMcpFile(text('roo-project.json'), 'mcpServers', 'r', 'roo-project').servers[0]!, ctx);
		assert.deepEqual(roo.reach, { kind: 'server', paths: ['${workspaceFolder}'], workspace: true, home: false });
		const home = classifyMcpServer(readMcpFile(text('claude-user.json'), 'claudeUser', 'u', 'claude-user', { projectPaths: ['/home/dev/app'] }).servers[1]!, ctx);
		assert.deepEqual([home.reach.home, home.reach.workspace], [true, true], 'the home folder holds the workspace');
		const sqlite = classifyMcpServer(readMcpFile(text('continue-block.json'), 'mcpServers', 'c', 'continue-project').servers[0]!, ctx);
		assert.deepEqual(sqlite.reach, { kind: 'paths', paths: ['${workspaceFolder}/data/app.db'], workspace: false, home: false });
	});
});

describe('mcp/evaluate', () => {
	const servers = readMcpFile(text('vscode-mcp.jsonc'), 'vscode', '.vscode/mcp.json', 'vscode-workspace').servers;
	const ctx = { vars: VARS, origin: 'workspace' as const, classifier, sensitiveLevel: 'confidential' as const };
	const fsServer = servers[0]!;
	const gh = servers[2]!;

	it('matches by command, package or URL, never by display name', () => {
		const c = classifyMcpServer(fsServer, ctx);
		assert.equal(evaluateMcpServer(policy({ block: [{ package: '@modelcontextprotocol/server-filesystem' }] }).mcp, fsServer, c, false).verdict, 'blocked');
		assert.equal(evaluateMcpServer(policy({ block: [{ package: '@modelcontextprotocol/*' }] }).mcp, fsServer, c, false).verdict, 'blocked');
		assert.equal(evaluateMcpServer(policy({ block: [{ command: 'NPX.cmd' }] }).mcp, fsServer, c, false).verdict, 'blocked');
		assert.equal(evaluateMcpServer(policy({ block: [{ command: 'npx', package: 'other' }] }).mcp, fsServer, c, false).verdict, 'permitted', 'every given field must match');
		const renamed = { ...fsServer, name: 'totally-harmless' };
		assert.equal(evaluateMcpServer(policy({ block: [{ package: '@modelcontextprotocol/server-filesystem' }] }).mcp, renamed, c, false).verdict, 'blocked', 'renaming does not escape');
		const gc = classifyMcpServer(gh, ctx);
		assert.equal(evaluateMcpServer(policy({ allow: [{ url: 'https://api.githubcopilot.com/mcp' }] }).mcp, gh, gc, true).verdict, 'allowed');
		assert.equal(evaluateMcpServer(policy({ allow: [{ url: 'https://*.githubcopilot.com/' }] }).mcp, gh, gc, true).verdict, 'allowed');
		assert.equal(evaluateMcpServer(policy({ allow: [{ url: 'https://api.githubcopilot.com.evil.io/' }] }).mcp, gh, gc, true).verdict, 'restricted');
	});

	it('URL patterns are prefixes on whole path segments, host labels and scheme', () => {
		assert.ok(urlMatches('https://a.example.com/mcp', 'https://a.example.com/mcp/sse?x=1'));
		assert.ok(!urlMatches('https://a.example.com/mcp', 'https://a.example.com/mcpx'));
		assert.ok(!urlMatches('https://a.example.com/', 'http://a.example.com/'));
		assert.ok(!urlMatches('https://*.example.com/', 'https://a.b.example.com/'));
		assert.ok(!urlMatches('https://example.com/', 'https://example.com.evil.io/'));
	});

	it('blocks a remote server outside the allowed destinations; block wins over allow', () => {
		const gc = classifyMcpServer(gh, ctx);
		assert.equal(evaluateMcpServer(policy({ allowedDestinations: ['*.internal.example'] }).mcp, gh, gc, false).verdict, 'blocked');
		assert.equal(evaluateMcpServer(policy({ allowedDestinations: ['*.githubcopilot.com'] }).mcp, gh, gc, false).verdict, 'permitted');
		const both = policy({ allow: [{ url: 'https://api.githubcopilot.com/' }], block: [{ url: 'https://api.githubcopilot.com/' }] });
		assert.equal(evaluateMcpServer(both.mcp, gh, gc, false).verdict, 'blocked');
		const c = classifyMcpServer(fsServer, ctx);
		assert.equal(evaluateMcpServer(policy({ allowedDestinations: [] }).mcp, fsServer, c, false).verdict, 'permitted', 'local servers have no destination');
	});

	it('in a restricted workspace a server that is not allowed gets the restricted action', () => {
		const c = classifyMcpServer(fsServer, ctx);
		for (const action of ['warn', 'sandbox', 'disable'] as const) {
			const e = evaluateMcpServer(policy({ restrictedAction: action }).mcp, fsServer, c, true);
			assert.deepEqual([e.verdict, e.action], ['restricted', action]);
		}
		assert.deepEqual(evaluateMcpServer(policy({ restrictedAction: 'disable' }).mcp, fsServer, c, false).action, 'none');
	});
});

describe('mcp/levers', () => {
	const vscodeFile = text('vscode-mcp.jsonc');

	it('sandbox: compiles sandboxEnabled and denyRead for local servers of .vscode/mcp.json, says what it costs, and restores byte for byte', () => {
		const report = analyze([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], policy({ restrictedAction: 'sandbox' }), true, ['.env', 'secrets/prod.pem']);
		const byName = new Map(report.servers.map((s) => [s.name, s]));
		assert.equal(byName.get('workspace-files')?.lever, 'sandbox');
		assert.deepEqual(byName.get('workspace-files')?.notes, [SANDBOX_NOTE]);
		assert.deepEqual(byName.get('billing-api')?.notes, [SANDBOX_NOTE, ENVFILE_NOTE]);
		assert.equal(byName.get('github')?.lever, 'none', 'a remote server cannot be sandboxed, and VS Code has no off switch');
		assert.match(byName.get('github')?.notes[0] ?? '', /^No lever: Only local \(stdio\) servers can be sandboxed/);
		const files = { '.vscode/mcp.json': vscodeFile };
		const plan = planApply(report.changes, [], files, NOW);
		assert.deepEqual(plan.problems, []);
		const after = applyFileEdits(files, plan.edits);
		const written = after['.vscode/mcp.json'];
		assert.equal(getJsonValue(written, '/servers/workspace-files/sandboxEnabled').value, true);
		assert.deepEqual(getJsonValue(written, '/servers/billing-api/sandbox/filesystem/denyRead').value, ['${workspaceFolder}/.env', '${workspaceFolder}/secrets/prod.pem']);
		assert.equal(getJsonValue(written, '/servers/github/sandboxEnabled').exists, false);
		assert.ok(written?.startsWith('// .vscode/mcp.json as VS Code writes it, with comments and a trailing comma'), 'comments kept');
		const back = restore(plan.records, after);
		assert.equal(applyFileEdits(after, back.edits)['.vscode/mcp.json'], vscodeFile);
	});

	it('sandbox: a value set back by hand is drift; leaving the restricted state gives the bytes back', () => {
		const report = analyze([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], policy({ restrictedAction: 'sandbox' }), true);
		const files = { '.vscode/mcp.json': vscodeFile };
		const plan = planApply(report.changes, [], files, NOW);
		const after = applyFileEdits(files, plan.edits);
		const edited = { '.vscode/mcp.json': after['.vscode/mcp.json']?.replace('"sandboxEnabled": true', '"sandboxEnabled": false') };
		const drift = detectDrift(plan.records, edited);
		assert.deepEqual(
			drift.events.map((e) => [e.file, e.key, e.leverIds]),
			[['.vscode/mcp.json', '/servers/workspace-files/sandboxEnabled', ['mcp.sandbox:.vscode/mcp.json#workspace-files']]],
		);
		// Not restricted any more: nothing is desired, and the file comes back as it was.
		const calm = analyze([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], policy({ restrictedAction: 'sandbox' }), false);
		assert.deepEqual(calm.changes, []);
		const undo = planApply(calm.changes, plan.records, after, NOW);
		assert.equal(applyFileEdits(after, undo.edits)['.vscode/mcp.json'], vscodeFile);
	});

	it('disable: Claude Code disabledMcpjsonServers, Roo Code "disabled", Gemini CLI mcp.excluded; none for Cursor and user files', () => {
		const report = analyze(
			[
				input('claude-project.json', 'claude-project', '.mcp.json'),
				input('roo-project.json', 'roo-project', '.roo/mcp.json'),
				input('gemini-project.json', 'gemini-project', '.gemini/settings.json'),
				input('cursor-project.json', 'cursor-project', '.cursor/mcp.json'),
				input('windsurf-user.json', 'windsurf-user', '~/.codeium/windsurf/mcp_config.json'),
			],
			policy({ restrictedAction: 'disable' }),
			true,
		);
		const levers = Object.fromEntries(report.servers.map((s) => [s.id, s.lever]));
		assert.deepEqual(levers, {
			'.mcp.json#postgres': 'disable',
			'.mcp.json#remote-docs': 'disable',
			'.roo/mcp.json#local-git': 'disable',
			'.gemini/settings.json#docs': 'disable',
			'.gemini/settings.json#experimental': 'none',
			'.cursor/mcp.json#context7': 'none',
			'.cursor/mcp.json#fs': 'none',
			'~/.codeium/windsurf/mcp_config.json#github': 'none',
		});
		assert.equal(report.servers.find((s) => s.name === 'experimental')?.disabled, true, 'already excluded by Gemini\'s own list: nothing to do');
		const files = { '.claude/settings.json': '{\n  "permissions": { "deny": [] }\n}\n', '.roo/mcp.json': text('roo-project.json'), '.gemini/settings.json': text('gemini-project.json') };
		const plan = planApply(report.changes, [], files, NOW);
		assert.deepEqual(plan.problems, []);
		const after = applyFileEdits(files, plan.edits);
		assert.deepEqual(getJsonValue(after['.claude/settings.json'], '/disabledMcpjsonServers').value, ['postgres', 'remote-docs']);
		assert.equal(getJsonValue(after['.roo/mcp.json'], '/mcpServers/local-git/disabled').value, true);
		assert.deepEqual(getJsonValue(after['.gemini/settings.json'], '/mcp/excluded').value, ['experimental', 'docs']);
		const back = applyFileEdits(after, restore(plan.records, after).edits);
		assert.deepEqual(back, files);
	});

	it('sandbox on Windows: no lever, and it says why', () => {
		const report = analyzeMcp([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], {
			policy: policy({ restrictedAction: 'sandbox' }),
			restricted: true,
			classifier,
			sensitiveFiles: ['.env'],
			platform: 'win32',
		});
		assert.deepEqual(report.changes, []);
		assert.deepEqual(report.servers.map((s) => [s.lever, s.notes]), [
			['none', ['No lever: VS Code sandboxes MCP servers on macOS and Linux only.']],
			['none', ['No lever: VS Code sandboxes MCP servers on macOS and Linux only.']],
			['none', ['No lever: VS Code sandboxes MCP servers on macOS and Linux only.']],
		]);
	});

	it('warn, permitted and allowed servers compile nothing', () => {
		assert.deepEqual(analyze([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], policy({ restrictedAction: 'warn' }), true).changes, []);
		assert.deepEqual(analyze([input('vscode-mcp.jsonc', 'vscode-workspace', '.vscode/mcp.json')], policy({ restrictedAction: 'sandbox' }), false).changes, []);
	});

	it('reports broken files and unread blocks, and still reads the others', () => {
		const report = analyze([
			{ file: '.vscode/mcp.json', locationId: 'vscode-workspace', text: text('broken.json'), vars: VARS },
			{ file: '.continue/mcpServers/pw.yaml', locationId: 'continue-project', text: undefined, vars: VARS, unread: 'YAML' },
			input('continue-block.json', 'continue-project', '.continue/mcpServers/sqlite.json'),
			{ file: '.cursor/mcp.json', locationId: 'cursor-project', text: undefined, vars: VARS },
		]);
		assert.deepEqual(report.files.map((f) => [f.file, f.servers, f.problems.length, f.unread]), [
			['.vscode/mcp.json', 1, 1, undefined],
			['.continue/mcpServers/pw.yaml', 0, 0, 'YAML'],
			['.continue/mcpServers/sqlite.json', 1, 0, undefined],
		]);
	});
});
