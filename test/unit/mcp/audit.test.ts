import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { renderAuditMarkdown } from '../../../src/core/audit/formats/markdown';
import { MCP_SECRET_FILE_RULE, type SarifLog } from '../../../src/core/audit/formats/sarif';
import type { AuditReport } from '../../../src/core/audit/report';
import { sarifSchemaErrors } from '../audit/support/sarifSchema';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'workspaces', 'mcp');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: { HOME: cwd, USER: 'ci' } });
	return { code, out, err };
}

describe('mcp: CLI audit and scan of the MCP fixture workspace', () => {
	let dir: string;
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-mcp-cli-'));
		fs.cpSync(FIXTURE, path.join(dir, 'ws'), { recursive: true });
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('JSON: every server with its classification, verdict and lever, the same as the core says', async () => {
		const r = await run(['audit', 'ws', '--format', 'json'], dir);
		assert.equal(r.code, 0, r.err);
		const report = JSON.parse(r.out) as AuditReport;
		const servers = report.mcp?.servers ?? [];
		assert.deepEqual(
			servers.map((s) => [s.id, s.line, s.runs, s.packages, s.reach.paths, s.secrets.map((x) => `${x.via}:${x.file ?? x.name}:${x.rule}`), s.verdict, s.action, s.lever]),
			[
				['.vscode/mcp.json#billing', 10, 'local', [], [], ['envFile:.env:dotenv'], 'restricted', 'sandbox', 'sandbox'],
				['.vscode/mcp.json#workspace-files', 5, 'local', ['@modelcontextprotocol/server-filesystem'], ['${workspaceFolder}'], [], 'restricted', 'sandbox', 'sandbox'],
			],
		);
		assert.deepEqual(report.totals.mcp, { servers: 2, receivingSecretFiles: 1, blocked: 0, levers: 2 });
		assert.ok(!r.out.includes('sk_test_fixture_only'), 'no value of the secret file');
	});

	it('SARIF: one result for the server handed .env, at its line, and the log validates', async () => {
		const r = await run(['audit', 'ws', '--format', 'sarif'], dir);
		assert.equal(r.code, 0, r.err);
		const log = JSON.parse(r.out) as SarifLog;
		assert.deepEqual(sarifSchemaErrors(log), []);
		const run0 = log.runs[0];
		const hits = run0?.results.filter((x) => x.ruleId === MCP_SECRET_FILE_RULE) ?? [];
		assert.equal(hits.length, 1);
		assert.equal(hits[0]?.locations[0]?.physicalLocation.artifactLocation.uri, '.vscode/mcp.json');
		assert.equal(hits[0]?.locations[0]?.physicalLocation.region?.startLine, 10);
		assert.match(hits[0]?.message.text ?? '', /'billing' receives the secret file \.env/);
		assert.equal(run0?.tool.driver.rules[hits[0]?.ruleIndex ?? -1]?.id, MCP_SECRET_FILE_RULE, 'ruleIndex points at the rule');
	});

	it('Markdown: an MCP servers section with both servers', async () => {
		const r = await run(['audit', 'ws'], dir);
		assert.equal(r.code, 0, r.err);
		assert.match(r.out, /## MCP servers/);
		assert.match(r.out, /\| billing \| \.vscode\/mcp\.json:10 \| workspace \| local: node \| nothing seen \| secret file \.env \(dotenv\) \| restricted: sandbox \| sandbox /);
		assert.match(r.out, /\| MCP servers \| 2; 1 receive a secret file, 0 blocked, 2 with a lever \|/);
	});

	it('Markdown: the editor\'s MCP settings, when the report has them', async () => {
		const r = await run(['audit', 'ws', '--format', 'json'], dir);
		const report = JSON.parse(r.out) as AuditReport;
		assert.equal(report.mcp?.settings, undefined, 'the CLI has no editor settings');
		assert.ok(report.mcp);
		report.mcp.settings = { 'chat.mcp.access': 'all', 'chat.mcp.discovery.enabled': true };
		assert.match(renderAuditMarkdown(report), /Editor MCP settings: `chat\.mcp\.access` = "all", `chat\.mcp\.discovery\.enabled` = true\./);
	});

	it('scan prints one line per server, escaped', async () => {
		fs.writeFileSync(path.join(dir, 'ws', '.mcp.json'), JSON.stringify({ mcpServers: { 'evil\u001b[31mred': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/'] } } }));
		try {
			const r = await run(['scan', 'ws'], dir);
			assert.equal(r.code, 0, r.err);
			assert.match(r.out, /MCP server billing \(\.vscode\/mcp\.json:10\): restricted \(sandbox\); local \(node\); no file-system reach seen; receives secret file \.env/);
			assert.match(r.out, /MCP server evil\\x1b\[31mred \(\.mcp\.json:1\): restricted \(sandbox\); local \(@modelcontextprotocol\/server-filesystem\); reaches the workspace/, '/ holds the workspace');
			assert.ok(!r.out.includes('\u001b'), 'no raw escape reaches the terminal');
		} finally {
			fs.rmSync(path.join(dir, 'ws', '.mcp.json'));
		}
	});

	it('a broken MCP file is reported, never a crash', async () => {
		const file = path.join(dir, 'ws', '.cursor', 'mcp.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, '{ "mcpServers": { "x": ');
		try {
			const r = await run(['audit', 'ws', '--format', 'json'], dir);
			assert.equal(r.code, 0, r.err);
			const report = JSON.parse(r.out) as AuditReport;
			assert.match(report.mcp?.files.find((f) => f.file === '.cursor/mcp.json')?.problems[0] ?? '', /not valid JSON/);
		} finally {
			fs.rmSync(path.dirname(file), { recursive: true });
		}
	});
});
