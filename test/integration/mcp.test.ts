// MCP servers in a real extension host. The fixture's .vscode/mcp.json declares a file-system server over the
// workspace and a server started with envFile ".env"; its workspace policy layer asks for the sandbox in restricted
// workspaces, and the workspace is restricted (.env). Trusted: both servers are in the tooltip lines and the audit
// with the right verdicts, the sandbox levers are written into .vscode/mcp.json, Restore gives the file back byte
// for byte, and the CLI audit of the same folder lists the same servers. Restricted Mode: nothing is written, and
// the warning says what the MCP configuration would do.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { AuditReport } from '../../src/core/audit/report';
import { activatedApi, waitFor, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

const MCP_FILE = '.vscode/mcp.json';

async function read(rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel)));
	} catch {
		return undefined;
	}
}

/** The fields both audits must agree on. */
function findings(report: AuditReport): unknown[] {
	return (report.mcp?.servers ?? [])
		.filter((s) => s.origin === 'workspace')
		.map((s) => ({ id: s.id, line: s.line, runs: s.runs, packages: s.packages, reach: s.reach, secrets: s.secrets, verdict: s.verdict, action: s.action, lever: s.lever }));
}

function cliAudit(root: string): Promise<string> {
	const ext = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(ext);
	const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
	return new Promise((resolve, reject) => {
		execFile(process.execPath, [cli, 'audit', root, '--format', 'json'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
			err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
		);
	});
}

suite('mcp', () => {
	const config = runConfig();
	let original: string | undefined;

	suiteSetup(async function () {
		this.timeout(60_000);
		original = await read(MCP_FILE);
		assert.ok(original, 'the fixture has .vscode/mcp.json');
	});

	test('both servers are found and classified: a file-system server over the workspace, a server handed .env', async function () {
		this.timeout(60_000);
		const api = await activatedApi('scan');
		const mcp = api.mcp();
		// Judged once the scan is done (a half-scanned workspace looks unrestricted), and once the policy layer is read.
		assert.ok(await waitFor(() => mcp.report().servers.length === 2 && mcp.report().servers.every((s) => s.action === 'sandbox'), 30_000, 200), `servers: ${JSON.stringify(mcp.report())}`);
		const [fsServer, billing] = ['workspace-files', 'billing'].map((n) => mcp.report().servers.find((s) => s.name === n));
		assert.ok(fsServer && billing);
		assert.deepEqual([fsServer.runs, fsServer.packages, fsServer.reach.workspace], ['local', ['@modelcontextprotocol/server-filesystem'], true]);
		assert.deepEqual(billing.secrets.map((s) => [s.via, s.file, s.level]), [['envFile', '.env', 'restricted']]);
		for (const s of [fsServer, billing]) {
			assert.equal(s.verdict, 'restricted', `${s.name}: the workspace is restricted and the server is not allowed`);
			assert.equal(s.action, 'sandbox');
		}
		const lines = mcp.statusLines();
		assert.equal(lines.length, 2);
		assert.match(lines.find((l) => l.name === 'workspace-files')?.state ?? '', /reads the whole workspace/);
		assert.match(lines.find((l) => l.name === 'billing')?.state ?? '', /receives the secrets in \.env/);
		// The preview's MCP section: the same servers, where they are declared, what they reach and receive, the verdict.
		const rows = mcp.previewSection().servers;
		assert.deepEqual(
			rows.map((r) => [r.name, r.where, r.runs]),
			[
				['workspace-files', '.vscode/mcp.json:5', 'local: @modelcontextprotocol/server-filesystem'],
				['billing', '.vscode/mcp.json:10', 'local: node'],
			],
		);
		assert.equal(rows[0]?.risk, 'reads the whole workspace');
		assert.equal(rows[1]?.risk, 'receives the secrets in .env');
		for (const r of rows) {
			assert.match(r.verdict, /^not allowed here; /);
		}
	});

	if (config.trusted) {
		test('the sandbox levers are written into .vscode/mcp.json, the comments kept', async function () {
			this.timeout(60_000);
			const written = await waitFor(async () => /"sandboxEnabled": true[\s\S]*"sandboxEnabled": true/.test((await read(MCP_FILE)) ?? ''), 45_000, 250);
			const text = (await read(MCP_FILE)) ?? '';
			assert.ok(written, `levers not written in 45 s:\n${text}`);
			assert.ok(text.startsWith('// MCP servers of this workspace. Context Warden must keep this comment byte for byte.'), text);
			assert.match(text, /"denyRead": \[\s*"\$\{workspaceFolder\}\/\.env"\s*\]/);
			const api = await activatedApi();
			assert.ok(await waitFor(() => api.mcp().statusLines().every((l) => /sandboxed/.test(l.state)), 10_000, 200), JSON.stringify(api.mcp().statusLines()));
		});

		test('the audit lists every server with its classification, and the CLI audit of the folder says the same', async function () {
			this.timeout(120_000);
			const api = await activatedApi();
			const report = await api.audit().buildReport();
			const editor = findings(report);
			assert.equal(editor.length, 2, JSON.stringify(report.mcp));
			assert.equal(typeof report.mcp?.settings, 'object', 'the editor reports its chat.mcp.* settings');
			const cli = JSON.parse(await cliAudit(workspaceRoot().fsPath)) as AuditReport;
			assert.deepEqual(findings(cli), editor);
			assert.equal(cli.totals.mcp?.receivingSecretFiles, 1);
		});

		test('Restore gives .vscode/mcp.json back byte for byte', async function () {
			this.timeout(60_000);
			await vscode.commands.executeCommand('contextWarden.restoreAssistantSettings');
			assert.ok(await waitFor(async () => (await read(MCP_FILE)) === original, 20_000, 200), `not restored:\n${(await read(MCP_FILE)) ?? '(missing)'}`);
		});
	} else {
		test('in Restricted Mode nothing is written, and the warning says what the MCP configuration would do', async function () {
			this.timeout(60_000);
			assert.equal(vscode.workspace.isTrusted, false);
			const api = await activatedApi('scan');
			assert.ok(await waitFor(() => api.mcp().untrustedWarning() !== undefined, 30_000, 200), 'no warning');
			const warning = api.mcp().untrustedWarning() ?? '';
			assert.match(warning, /workspace-files \(\.vscode\/mcp\.json\): reads the whole workspace/);
			assert.match(warning, /billing \(\.vscode\/mcp\.json\): receives the secrets in \.env/);
			assert.ok(await waitFor(() => api.governance().status().pendingFiles.includes(MCP_FILE), 30_000, 200), JSON.stringify(api.governance().status()));
			await new Promise((r) => setTimeout(r, 2000));
			assert.equal(await read(MCP_FILE), original, 'nothing is written in Restricted Mode');
			// The tooltip does not claim a sandbox that is not there.
			for (const l of api.mcp().statusLines()) {
				assert.match(l.state, /sandbox: waits for workspace trust$/, l.state);
				assert.doesNotMatch(l.state, /sandboxed/);
			}
		});
	}
});
