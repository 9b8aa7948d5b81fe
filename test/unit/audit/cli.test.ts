import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAuditArgs } from '../../../src/cli/audit';
import { runCli } from '../../../src/cli/main';
import type { SarifLog } from '../../../src/core/audit/formats/sarif';
import { openAuditLog } from '../../../src/core/audit/log';
import { fsLogStore } from '../../../src/core/audit/logStore';
import type { AuditReport } from '../../../src/core/audit/report';
import { sarifSchemaErrors } from './support/sarifSchema';
import { fakeCredentials, HOSTILE_NAMES, makeWorkspace } from './support/samples';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: { HOME: cwd, USER: 'ci' } });
	return { code, out, err };
}

describe('CLI: audit and verify-log', () => {
	let dir: string;
	const creds = fakeCredentials(3);
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-audit-cli-'));
		makeWorkspace(dir, creds);
		fs.writeFileSync(path.join(dir, 'org.json'), JSON.stringify({ version: 1, name: 'Acme org', workspace: { restrictedAt: 'confidential' } }));
		fs.writeFileSync(path.join(dir, 'broken.json'), '{ "version": 1, "name": ');
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	describe('audit', () => {
		it('writes a SARIF file that validates, locates each finding, and holds no secret', async () => {
			const r = await run(['audit', 'ws', '--policy', 'org.json', '--format', 'sarif', '--out', 'out/audit.sarif'], dir);
			assert.equal(r.code, 0, r.err);
			assert.equal(r.out, '');
			assert.match(r.err, /wrote out\/audit\.sarif: \d+ files? listed, \d+ findings?; workspace level restricted, AI assistants restricted\n/);
			const text = fs.readFileSync(path.join(dir, 'out', 'audit.sarif'), 'utf8');
			assert.ok(!text.includes(creds.aws) && !text.includes(creds.github));
			const log = JSON.parse(text) as SarifLog;
			assert.deepEqual(sarifSchemaErrors(log), []);
			const results = log.runs[0].results;
			const find = (uri: string, rule: string) => results.find((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === uri && x.ruleId === rule);
			assert.deepEqual(find('src/aws.ts', 'secret/aws-access-key-id')?.locations[0]?.physicalLocation.region, { startLine: 4, startColumn: 13, endLine: 4, endColumn: 33 });
			assert.equal(find('src/gh.ts', 'secret/github-pat')?.level, 'error');
			assert.ok(find('keys/server.pem', 'private-key/pem-private-key'));
			assert.ok(results.some((x) => x.ruleId.startsWith('marker/') && x.level === 'warning'));
			assert.equal(results.filter((x) => x.ruleId === 'path/dotenv').length, HOSTILE_NAMES.length);
			assert.equal(log.runs[0].properties.policy && (log.runs[0].properties.policy as { name: string }).name, 'Acme org');
		});

		it('prints JSON with the policy, its sources and the files, and Markdown by default', async () => {
			const j = await run(['audit', 'ws', '--policy', 'org.json', '--format=json'], dir);
			assert.equal(j.code, 0, j.err);
			const report = JSON.parse(j.out) as AuditReport;
			assert.equal(report.policy.name, 'Acme org');
			assert.equal(report.policy.state, 'org');
			assert.deepEqual(report.policy.sources.filter((s) => s.used).map((s) => s.kind), ['default', 'org']);
			assert.equal(report.environment.user, 'ci');
			assert.equal(report.environment.vscodeVersion, undefined);
			assert.equal(report.assistants, undefined);
			assert.equal(report.workspace.rootName, 'ws');
			assert.deepEqual(report.files.slice(0, 2).map((f) => f.level), ['restricted', 'restricted']);
			assert.ok(report.files.some((f) => f.path === 'src/plain.ts') === false, 'public files are counted, not listed');
			assert.ok(!j.out.includes(creds.aws));
			const md = await run(['audit', 'ws', '--policy', 'org.json'], dir);
			assert.equal(md.code, 0);
			assert.match(md.out, /^# Context Warden audit: ws\n/);
			assert.match(md.out, /\| restricted \| src\/gh\.ts \| line 1, col \d+ \| secret: github-pat \|/);
			assert.ok(!md.out.includes(creds.github));
		});

		it('exits 3 with --fail-on at or below the highest level, 0 above it', async () => {
			assert.equal((await run(['audit', 'ws', '--policy', 'org.json', '--format', 'json', '--fail-on', 'restricted'], dir)).code, 3);
			fs.mkdirSync(path.join(dir, 'calm'), { recursive: true });
			fs.writeFileSync(path.join(dir, 'calm', 'a.ts'), 'export {};\n');
			const calm = await run(['audit', 'calm', '--policy', 'org.json', '--format', 'json', '--fail-on', 'internal'], dir);
			assert.equal(calm.code, 0, calm.err);
		});

		it('exits 2 on bad arguments, a missing directory and an invalid policy; --help lists the exit codes', async () => {
			assert.equal((await run(['audit'], dir)).code, 2);
			assert.equal((await run(['audit', 'ws', '--format', 'html'], dir)).code, 2);
			assert.equal((await run(['audit', 'ws', '--fail-on', 'secret'], dir)).code, 2);
			assert.equal((await run(['audit', 'nope', '--policy', 'org.json'], dir)).code, 2);
			const broken = await run(['audit', 'ws', '--policy', 'broken.json'], dir);
			assert.equal(broken.code, 2);
			assert.match(broken.err, /broken\.json/);
			const help = await run(['audit', '--help'], dir);
			assert.equal(help.code, 0);
			assert.match(help.out, /Exit codes: 0 ok, 1 internal error .*, 2 bad arguments or invalid policy,\n3 --fail-on threshold reached/);
			const top = await run(['--help'], dir);
			assert.match(top.out, /audit\s+audit report/);
			assert.match(top.out, /verify-log\s+verify an audit log/);
		});

		it('parses its options', () => {
			assert.deepEqual(parseAuditArgs(['d', '--format', 'sarif', '--out=x.sarif', '--fail-on', 'confidential', '--no-gitignore']), {
				dir: 'd',
				format: 'sarif',
				out: 'x.sarif',
				failOn: 'confidential',
				gitignore: false,
			});
			assert.equal(parseAuditArgs(['d', '--mirror', 'm.jsonl']), '--mirror needs --log');
			assert.equal(parseAuditArgs(['d', 'e']), "unexpected argument 'e'");
		});

		it('exits 1 when --out cannot be written', async () => {
			fs.writeFileSync(path.join(dir, 'blocker'), '');
			const r = await run(['audit', 'ws', '--policy', 'org.json', '--out', 'blocker/x.md'], dir);
			assert.equal(r.code, 1);
			assert.match(r.err, /cannot write blocker\/x\.md/);
		});
	});

	describe('verify-log', () => {
		it('logs an audit.run with --log (and --mirror), and verifies it', async () => {
			for (let i = 0; i < 3; i++) {
				const r = await run(['audit', 'ws', '--policy', 'org.json', '--format', 'json', '--log', 'logs/audit.jsonl', '--mirror', 'ship/cw.jsonl'], dir);
				assert.equal(r.code, 0, r.err);
			}
			const entries = fs.readFileSync(path.join(dir, 'logs', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; data: Record<string, unknown> });
			assert.deepEqual(entries.map((e) => [e.seq, e.type]), [[1, 'audit.run'], [2, 'audit.run'], [3, 'audit.run']]);
			assert.deepEqual(entries[0]?.data, { workspace: 'ws', format: 'json', files: entries[0]?.data.files, findings: entries[0]?.data.findings, level: 'restricted', restricted: true });
			assert.equal(fs.readFileSync(path.join(dir, 'ship', 'cw.jsonl'), 'utf8'), fs.readFileSync(path.join(dir, 'logs', 'audit.jsonl'), 'utf8'));
			const ok = await run(['verify-log', 'logs/audit.jsonl'], dir);
			assert.equal(ok.code, 0, ok.err);
			assert.equal(ok.out, 'logs/audit.jsonl: ok: 3 entries in 1 segment\n');
		});

		it('exits 2 naming the first bad entry as file:line: seq N: problem', async () => {
			const file = path.join(dir, 'logs', 'audit.jsonl');
			const original = fs.readFileSync(file, 'utf8');
			const ls = original.trim().split('\n');
			fs.writeFileSync(file, `${ls[0]}\n${(ls[1] ?? '').replace('"format":"json"', '"format":"md"')}\n${ls[2]}\n`);
			const edited = await run(['verify-log', 'logs/audit.jsonl'], dir);
			assert.equal(edited.code, 2);
			assert.equal(edited.out, '');
			assert.equal(edited.err.split('\n')[0], 'logs/audit.jsonl:2: seq 2: edited');
			fs.writeFileSync(file, `${ls[0]}\n${ls[2]}\n`);
			assert.equal((await run(['verify-log', 'logs/audit.jsonl'], dir)).err.split('\n')[0], 'logs/audit.jsonl:2: seq 2: deleted');
			fs.writeFileSync(file, `${ls[0]}\n${ls[2]}\n${ls[1]}\n`);
			assert.equal((await run(['verify-log', 'logs/audit.jsonl'], dir)).err.split('\n')[0], 'logs/audit.jsonl:2: seq 3: reordered');
			fs.writeFileSync(file, `${ls[0]}\n${ls[1]}\n`);
			const truncated = await run(['verify-log', 'logs/audit.jsonl'], dir);
			assert.equal(truncated.err.split('\n')[0], 'logs/audit.jsonl:3: seq 3: truncated');
			assert.match(truncated.err, /the head says 3/);
			fs.writeFileSync(file, `${ls[0]}\n{oops\n${ls[2]}\n`);
			assert.equal((await run(['verify-log', 'logs/audit.jsonl'], dir)).err.split('\n')[0], 'logs/audit.jsonl:2: seq 2: malformed');
			fs.writeFileSync(file, original);
			assert.equal((await run(['verify-log', 'logs/audit.jsonl'], dir)).code, 0);
		});

		it('finds the whole log from a rotated segment\'s name, and names segments in its messages', async () => {
			const logs = path.join(dir, 'rot');
			fs.mkdirSync(logs);
			const log = openAuditLog({ store: fsLogStore(logs), maxSegmentBytes: 800 });
			for (let i = 0; i < 12; i++) {
				await log.append('loosening.refused', { layer: 'workspace', source: '.vscode/context-policy.json', key: 'assistants.allow' });
			}
			const ok = await run(['verify-log', 'rot/audit.2.jsonl'], dir);
			assert.equal(ok.code, 0, ok.err);
			assert.match(ok.out, /^rot\/audit\.2\.jsonl: ok: 12 entries in [3-9] segments\n$/);
			fs.rmSync(path.join(logs, 'audit.2.jsonl'));
			const broken = await run(['verify-log', 'rot/audit.jsonl'], dir);
			assert.equal(broken.code, 2);
			assert.match(broken.err.split('\n')[0] ?? '', /^rot\/audit\.3\.jsonl:1: seq \d+: deleted$/);
		});

		it('exits 2 on a missing log or bad arguments; --help lists the exit codes', async () => {
			assert.equal((await run(['verify-log'], dir)).code, 2);
			assert.equal((await run(['verify-log', 'a', 'b'], dir)).code, 2);
			assert.equal((await run(['verify-log', '--strict', 'a'], dir)).code, 2);
			const missing = await run(['verify-log', 'nowhere/audit.jsonl'], dir);
			assert.equal(missing.code, 2);
			assert.match(missing.err, /no such log: nowhere\/audit\.jsonl/);
			const help = await run(['verify-log', '--help'], dir);
			assert.equal(help.code, 0);
			assert.match(help.out, /Exit codes: 0 the log verifies, 2 the log is broken/);
		});
	});
});
