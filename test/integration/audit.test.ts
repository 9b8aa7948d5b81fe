// The audit in a real extension host: "Audit Workspace" writes Markdown, JSON and SARIF 2.1.0; the SARIF findings
// are those of `context-warden audit --format sarif` on the same workspace; the audit log verifies, takes entries
// from the CLI in the same chain, and names the entry when one line is edited, deleted or moved.
// (The SARIF schema validation runs in the unit suite, test/unit/audit/collect.test.ts, on a report built the same
// way: ajv and the schema are not bundled into the extension host.)
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { SarifLog } from '../../src/core/audit/formats/sarif';
import type { ContextWardenApi } from '../../src/extension';
import { type AuditService } from '../../src/vscode/audit/auditService';
import { waitFor, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

const AUDIT_COMMAND = 'contextWarden.auditWorkspace';
const VERIFY_COMMAND = 'contextWarden.verifyAuditLog';

/** ruleId|uri|startLine of each result, sorted. */
function findings(log: SarifLog): string[] {
	return (log.runs[0]?.results ?? [])
		.map((r) => {
			const loc = r.locations?.[0]?.physicalLocation;
			return `${r.ruleId ?? ''}|${loc?.artifactLocation?.uri ?? ''}|${loc?.region?.startLine ?? ''}`;
		})
		.sort();
}

function runNode(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
		child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

suite('audit', () => {
	const config = runConfig();
	let ext: vscode.Extension<ContextWardenApi> | undefined;
	let service: AuditService;

	suiteSetup(async function () {
		this.timeout(60_000);
		ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		const api = await ext.activate();
		service = api.audit();
	});

	test('the audit commands are registered', async () => {
		const all = await vscode.commands.getCommands(true);
		assert.ok(all.includes(AUDIT_COMMAND) && all.includes(VERIFY_COMMAND));
	});

	let sarif: SarifLog | undefined;

	test('Audit Workspace writes Markdown, JSON and SARIF 2.1.0 and records audit.run', async function () {
		this.timeout(120_000);
		const result = await service.runAudit();
		for (const f of Object.values(result.files)) {
			assert.ok(fs.statSync(f).size > 0, `${f} is empty`);
			assert.ok(f.startsWith(result.dir));
		}
		const md = fs.readFileSync(result.files.md, 'utf8');
		assert.match(md, /^# /m);
		const json = JSON.parse(fs.readFileSync(result.files.json, 'utf8')) as { reportVersion?: number; workspace?: { rootName?: string }; environment?: { vscodeVersion?: string } };
		assert.equal(json.reportVersion, 1);
		assert.equal(json.workspace?.rootName, path.basename(workspaceRoot().fsPath));
		assert.equal(json.environment?.vscodeVersion, vscode.version);
		sarif = JSON.parse(fs.readFileSync(result.files.sarif, 'utf8')) as SarifLog;
		assert.equal(sarif.version, '2.1.0');
		assert.match(String(sarif.$schema), /sarif-2\.1\.0/);
		assert.equal(sarif.runs.length, 1);
		const run = sarif.runs[0];
		assert.ok(run);
		assert.ok(run.tool.driver.name.length > 0);
		const ruleIds = new Set((run.tool.driver.rules ?? []).map((r) => r.id));
		for (const r of run.results) {
			assert.ok(r.ruleId && ruleIds.has(r.ruleId), `result with unknown rule ${r.ruleId ?? '(none)'}`);
			const loc = r.locations?.[0]?.physicalLocation;
			assert.ok(loc?.artifactLocation?.uri, 'a result without a location');
			assert.ok(!path.isAbsolute(loc.artifactLocation.uri), 'results are relative to %SRCROOT%');
		}
		// The .env of the fixture is found.
		assert.ok(run.results.some((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === '.env'), JSON.stringify(findings(sarif)));
		// No value of the fixture's .env leaks into any format.
		const env = fs.readFileSync(path.join(workspaceRoot().fsPath, '.env'), 'utf8');
		for (const value of env.split('\n').filter((l) => l.includes('=')).map((l) => l.slice(l.indexOf('=') + 1).trim()).filter((v) => v.length >= 8)) {
			for (const f of Object.values(result.files)) {
				assert.ok(!fs.readFileSync(f, 'utf8').includes(value), `${path.basename(f)} holds a value of .env`);
			}
		}
		const verified = await service.verify();
		assert.ok(verified.ok, JSON.stringify(!verified.ok && verified.firstBad));
		const last = verified.entries.filter((e) => e.type === 'audit.run').pop();
		assert.ok(last, 'no audit.run entry');
		assert.equal(last.data.workspace, json.workspace?.rootName);
	});

	test('its SARIF findings are those of `context-warden audit --format sarif`, whose audit.run chains into the same log', async function () {
		this.timeout(60_000);
		assert.ok(sarif && ext, 'the audit did not run');
		const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
		const root = workspaceRoot().fsPath;
		const policyFile = config.settings['contextWarden.policyFile'];
		const args = [cli, 'audit', root, '--format', 'sarif', '--log', service.logFile, ...(typeof policyFile === 'string' && policyFile ? ['--policy', policyFile] : [])];
		await service.flush();
		const seqBefore = Math.max(0, ...(await service.verify()).entries.map((e) => e.seq));
		const r = await runNode(args, root);
		assert.equal(r.code, 0, r.err);
		assert.deepEqual(findings(sarif), findings(JSON.parse(r.out) as SarifLog));
		const verified = await service.verify();
		assert.ok(verified.ok, JSON.stringify(!verified.ok && verified.firstBad));
		// The extension appends to the same log meanwhile (e.g. an assistant the editor brings up late), so the CLI's
		// entry is found among the new ones rather than assumed to be last: exactly one SARIF audit.run.
		const added = verified.entries.filter((e) => e.seq > seqBefore && e.type === 'audit.run');
		assert.deepEqual(
			added.map((e) => (e.data as { format?: string; findings?: number }).format),
			['sarif'],
			JSON.stringify(added),
		);
		assert.equal((added[0]?.data as { findings?: number }).findings, (JSON.parse(r.out) as SarifLog).runs[0]?.results?.length);
	});

	suite('tampering with one line is detected and the entry named', () => {
		let original = '';
		let lines: string[] = [];

		setup(async function () {
			this.timeout(30_000);
			for (let i = 0; i < 4; i++) {
				await service.record('hook.ask', { agent: 'claude-code', tool: 'Read', rule: 'test', paths: [`src/file${i}.ts`] });
			}
			await service.flush();
			original = fs.readFileSync(service.logFile, 'utf8');
			lines = original.split('\n').filter(Boolean);
			assert.ok(lines.length >= 3, `only ${lines.length} lines in the active segment`);
			assert.ok((await service.verify()).ok);
		});

		teardown(async () => {
			await service.flush();
			fs.writeFileSync(service.logFile, original);
			const ok = await waitFor(async () => (await service.verify()).ok, 2_000);
			assert.ok(ok, 'the log does not verify after it was put back');
		});

		const seqOf = (line: string | undefined): number => (JSON.parse(line ?? '{}') as { seq: number }).seq;

		test('an edited line', async () => {
			const k = lines.length - 2;
			const edited = lines.map((l, i) => (i === k ? l.replace('"agent":"claude-code"', '"agent":"cursor"') : l));
			assert.notEqual(edited[k], lines[k]);
			fs.writeFileSync(service.logFile, `${edited.join('\n')}\n`);
			const r = await service.verify();
			assert.ok(!r.ok, 'the edit went unnoticed');
			assert.equal(r.firstBad.problem, 'edited');
			assert.equal(r.firstBad.seq, seqOf(lines[k]));
			assert.equal(r.firstBad.line, k + 1);
			assert.equal(r.firstBad.segment, path.basename(service.logFile));
		});

		test('a deleted line', async () => {
			const k = lines.length - 3;
			fs.writeFileSync(service.logFile, `${lines.filter((_, i) => i !== k).join('\n')}\n`);
			const r = await service.verify();
			assert.ok(!r.ok, 'the deletion went unnoticed');
			assert.equal(r.firstBad.problem, 'deleted');
			assert.equal(r.firstBad.seq, seqOf(lines[k]));
			assert.equal(r.firstBad.line, k + 1);
		});

		test('two lines swapped', async () => {
			const k = lines.length - 3;
			const swapped = [...lines];
			[swapped[k], swapped[k + 1]] = [lines[k + 1] as string, lines[k] as string];
			fs.writeFileSync(service.logFile, `${swapped.join('\n')}\n`);
			const r = await service.verify();
			assert.ok(!r.ok, 'the reordering went unnoticed');
			assert.equal(r.firstBad.problem, 'reordered');
			assert.equal(r.firstBad.seq, seqOf(lines[k + 1]));
			assert.equal(r.firstBad.line, k + 1);
		});
	});
});
