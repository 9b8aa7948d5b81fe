import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { contextWardenSettings, loadPolicyInputs } from '../../../src/cli/policyInputs';
import { parseJsonc } from '../../../src/core/policy/parse';

const ROOT = path.join(__dirname, '..', '..', '..');

async function run(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s) },
		stderr: { write: (s: string) => (err += s) },
		cwd,
		env,
	};
	const code = await runCli(args, io);
	return { code, out, err };
}

describe('policy CLI', () => {
	let tmp: string;
	before(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-policy-cli-'));
	});
	after(() => {
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	describe('validate', () => {
		for (const name of ['default.json', 'sovereign-cn.json', 'eu-gdpr.json', 'strict.json']) {
			it(`exits 0 on policies/${name}`, async () => {
				const r = await run(['validate', `policies/${name}`]);
				assert.equal(r.code, 0, r.err);
				assert.equal(r.out, `policies/${name}: valid\n`);
				assert.equal(r.err, '');
			});
		}

		it('exits 2 with file:line:col: path: message for each error', async () => {
			const r = await run(['validate', 'test/fixtures/policies/broken-schema.json']);
			assert.equal(r.code, 2);
			assert.equal(r.out, '');
			const lines = r.err.trim().split('\n');
			assert.equal(lines[0], "test/fixtures/policies/broken-schema.json:4:3: pathRule: unknown key 'pathRule' (did you mean 'pathRules'?)");
			assert.equal(lines[1], 'test/fixtures/policies/broken-schema.json:10:7: assistants.block[2]: expected a string, got 42');
			assert.equal(lines.length, 9);
			assert.equal(lines[8], 'test/fixtures/policies/broken-schema.json: invalid, 8 errors');
		});

		it('warns, and still exits 0, when an org policy drops built-in path rule groups', async () => {
			const file = path.join(tmp, 'drops.json');
			fs.writeFileSync(file, JSON.stringify({ version: 1, name: 'Drops', pathRulesMode: 'replace', pathRules: [{ id: 'x', globs: ['**/*.x'], level: 'restricted' }] }));
			const r = await run(['validate', file]);
			assert.equal(r.code, 0, r.err);
			assert.equal(r.out, `${file}: valid\n`);
			assert.match(r.err, /pathRulesMode: warning: the policy drops 16 of the 16 built-in path rule groups \(pathRulesMode "replace"\): dotenv, private-keys,/);
			const extend = path.join(tmp, 'extends.json');
			fs.writeFileSync(extend, JSON.stringify({ version: 1, name: 'Extends', pathRules: [{ id: 'x', globs: ['**/*.x'], level: 'restricted' }] }));
			assert.equal((await run(['validate', extend])).err, '', 'one org rule drops nothing');
		});

		it('reports syntax errors and unreadable files', async () => {
			const syntax = await run(['validate', 'test/fixtures/policies/broken-syntax.json']);
			assert.equal(syntax.code, 2);
			assert.match(syntax.err, /^test\/fixtures\/policies\/broken-syntax\.json:4:3: expected ','$/m);
			const missing = await run(['validate', 'nope.json']);
			assert.equal(missing.code, 2);
			assert.equal(missing.err, 'nope.json: cannot read: no such file\n');
		});

		it('validates a workspace layer with --layer, and hints at it', async () => {
			const file = 'test/fixtures/workspaces/loosening/.vscode/context-policy.json';
			const asLayer = await run(['validate', '--layer', file]);
			assert.equal(asLayer.code, 0, asLayer.err);
			assert.equal(asLayer.out, `${file}: valid (workspace layer)\n`);
			const asOrg = await run(['validate', file]);
			assert.equal(asOrg.code, 2);
			assert.match(asOrg.err, /missing required key 'name'/);
			assert.match(asOrg.err, /use --layer/);
		});

		it('exits 2 on bad arguments, 0 on --help', async () => {
			assert.equal((await run(['validate'])).code, 2);
			assert.equal((await run(['validate', '--strict', 'x.json'])).code, 2);
			const help = await run(['validate', '--help']);
			assert.equal(help.code, 0);
			assert.match(help.out, /Exit codes: 0 every file is valid, 2/);
		});
	});

	describe('explain-policy', () => {
		it('explains org + workspace + settings with the layer of each value', async () => {
			const r = await run(['explain-policy', '--policy', 'policies/sovereign-cn.json', '--workspace', 'test/fixtures/workspaces/loosening']);
			assert.equal(r.code, 0, r.err);
			assert.equal(parseJsonc(r.out, 'x').syntaxOk, true);
			assert.match(r.out, /^\/\/ State: org: /m);
			assert.match(r.out, /"restrictedAt": "internal", \/\/ org$/m);
			assert.match(r.out, /settings \(test\/fixtures\/workspaces\/loosening\/\.vscode\/settings\.json\): workspace\.restrictedAt: attempted "never", kept "internal"/);
			assert.match(r.out, /workspace \(test\/fixtures\/workspaces\/loosening\/\.vscode\/context-policy\.json\): assistants\.allow: attempted \["\*"\]/);
		});

		it('prints JSON with --json', async () => {
			const r = await run(['explain-policy', '--policy=policies/strict.json', '--workspace', tmp, '--json']);
			assert.equal(r.code, 0, r.err);
			const json = JSON.parse(r.out) as { state: string; policy: { assistants: { block: string[] } }; origins: Record<string, string> };
			assert.equal(json.state, 'org');
			assert.deepEqual(json.policy.assistants.block, ['*']);
			assert.equal(json.origins['assistants.block[0]'], 'org');
		});

		it('shows the strict fallback and exits 2 for an invalid org policy', async () => {
			const r = await run(['explain-policy', '--policy', 'test/fixtures/policies/broken-schema.json', '--workspace', tmp]);
			assert.equal(r.code, 2);
			assert.match(r.out, /State: strict-fallback/);
			assert.match(r.out, /broken-schema\.json:4:3 pathRule: unknown key/);
			const missing = await run(['explain-policy', '--policy', 'missing.json', '--workspace', tmp]);
			assert.equal(missing.code, 2);
			assert.match(missing.out, /cannot read the org policy: no such file/);
		});

		it('exits 2 on bad arguments', async () => {
			assert.equal((await run(['explain-policy', '--policy'])).code, 2);
			assert.equal((await run(['explain-policy', 'extra'])).code, 2);
			assert.match((await run(['explain-policy', '-h'])).out, /well-known path/);
		});
	});

	describe('policyInputs', () => {
		it('reads the well-known path when no --policy is given, and treats a missing one as no org policy', async () => {
			const loaded = await loadPolicyInputs({ cwd: tmp, env: {}, platform: 'linux', workspaceDir: tmp });
			assert.equal(loaded.orgFile, '/etc/context-warden/policy.json');
			if (!fs.existsSync('/etc/context-warden/policy.json')) {
				assert.equal(loaded.inputs.org, undefined);
			}
			assert.equal(loaded.inputs.workspace, undefined);
			assert.equal(loaded.inputs.settings, undefined);
		});

		it('reads settings.json keys, flat or nested, with comments', () => {
			const { settings, error } = contextWardenSettings('{\n// c\n"contextWarden.restrictedAt": "internal", "contextWarden": {"blockAssistants": ["a.b"]}, "x": 1,}');
			assert.equal(error, undefined);
			assert.deepEqual(settings, { 'contextWarden.restrictedAt': 'internal', 'contextWarden.blockAssistants': ['a.b'] });
			assert.equal(contextWardenSettings('42').error, 'not a JSON object');
			assert.equal(contextWardenSettings('[').error, 'syntax error');
		});

		it('reports an unreadable workspace policy as a read error', async () => {
			const ws = path.join(tmp, 'ws');
			fs.mkdirSync(path.join(ws, '.vscode', 'context-policy.json'), { recursive: true });
			const loaded = await loadPolicyInputs({ cwd: tmp, env: {}, platform: 'linux', workspaceDir: 'ws' });
			assert.deepEqual(loaded.inputs.workspace, { file: path.join('ws', '.vscode', 'context-policy.json'), error: 'is a directory' });
		});
	});
});
