import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { Rand, SECRET_SAMPLES } from '../../support/genCorpus';

const FIXTURE = path.join(__dirname, '../../fixtures/classify');

interface ScanJson {
	policy: { name: string; sha256: string };
	workspace: { level: string; restricted: boolean };
	files: { path: string; level: string; reasons: { kind: string; rule: string; line?: number; column?: number }[] }[];
	skipped: { path: string; reason: string }[];
	stats: { files: number; bytes: number; ms: number };
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: { HOME: cwd } });
	return { code, out, err };
}

describe('context-warden scan', () => {
	let dir: string;
	let secret: string;
	const r = new Rand(99);

	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-scan-'));
		fs.cpSync(path.join(FIXTURE, 'workspace'), path.join(dir, 'ws'), { recursive: true });
		const ws = path.join(dir, 'ws');
		// Generated at test time: a real-format AWS key id at a known line, a .env, a PEM key.
		const awsLine = (SECRET_SAMPLES['aws-access-key-id'] as (r: Rand) => string)(r);
		secret = awsLine.split(' = ')[1] as string;
		fs.writeFileSync(path.join(ws, 'src/aws.ts'), `// AWS client\nimport { S3 } from 'aws-sdk';\n\nconst id = '${secret}';\nexport const s3 = new S3({ accessKeyId: id });\n`);
		fs.writeFileSync(path.join(ws, '.env'), `DB_HOST=localhost\nDB_PASSWORD=${r.b62(10)}#${r.b62(4)}\n`);
		fs.mkdirSync(path.join(ws, 'keys'));
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		fs.writeFileSync(path.join(ws, 'keys/server.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
		fs.writeFileSync(path.join(ws, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
		fs.copyFileSync(path.join(FIXTURE, 'policy.json'), path.join(dir, 'policy.json'));
		fs.copyFileSync(path.join(FIXTURE, 'broken-policy.json'), path.join(dir, 'broken-policy.json'));
	});

	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('prints the documented JSON: every file sorted by path, levels, rules and 1-based positions', async () => {
		const { code, out, err } = await run(['scan', 'ws', '--policy', 'policy.json', '--json'], dir);
		assert.equal(code, 0, err);
		const json = JSON.parse(out) as ScanJson;
		assert.equal(json.policy.name, 'classify-fixture');
		assert.match(json.policy.sha256, /^[0-9a-f]{64}$/);
		assert.deepEqual(json.workspace, { level: 'restricted', restricted: true });
		const byPath = new Map(json.files.map((f) => [f.path, f]));
		assert.deepEqual(
			json.files.map((f) => f.path),
			['.env', '.env.example', 'README.md', 'docs/plan-zh.md', 'keys/server.pem', 'logo.png', 'src/aws.ts', 'src/config.ts'],
		);
		assert.equal(byPath.get('.env')?.level, 'restricted');
		assert.deepEqual(byPath.get('.env')?.reasons.map((x) => x.rule), ['dotenv', 'generic-password']);
		assert.deepEqual(byPath.get('src/aws.ts')?.reasons, [{ kind: 'secret', rule: 'aws-access-key-id', line: 4, column: 13 }]);
		assert.deepEqual(byPath.get('keys/server.pem')?.reasons, [
			{ kind: 'path', rule: 'pem' },
			{ kind: 'private-key', rule: 'pem-private-key', line: 1, column: 1 },
		]);
		assert.deepEqual(byPath.get('docs/plan-zh.md')?.reasons, [{ kind: 'marker', rule: 'marker:机密', line: 3, column: 5 }]);
		assert.equal(byPath.get('docs/plan-zh.md')?.level, 'confidential');
		// Templates and placeholders stay public.
		assert.deepEqual(byPath.get('.env.example'), { path: '.env.example', level: 'public', reasons: [] });
		assert.deepEqual(byPath.get('src/config.ts'), { path: 'src/config.ts', level: 'public', reasons: [] });
		assert.deepEqual(json.skipped, [{ path: 'logo.png', reason: 'binary' }]);
		assert.equal(json.stats.files, 8);
		assert.ok(!out.includes(secret), 'no raw secret in the output');
	});

	it('filters with --min-level and exits 3 with --fail-on', async () => {
		const { code, out } = await run(['scan', 'ws', '--policy', 'policy.json', '--json', '--min-level', 'confidential', '--fail-on', 'restricted'], dir);
		assert.equal(code, 3);
		const json = JSON.parse(out) as ScanJson;
		assert.deepEqual(json.files.map((f) => f.path), ['.env', 'docs/plan-zh.md', 'keys/server.pem', 'src/aws.ts']);
	});

	it('prints a table of sensitive files with masked previews, and a summary', async () => {
		const { code, out } = await run(['scan', 'ws', '--policy', 'policy.json'], dir);
		assert.equal(code, 0);
		// Reasons in words (the rule's sentence, the line, the masked preview), not rule ids.
		assert.match(out, /restricted\s+src\/aws\.ts\s+AWS access key ID \(line 4\) AKIA\*+/);
		assert.match(out, /8 files \(4 public, 0 internal, 1 confidential, 3 restricted\)/);
		assert.ok(!out.includes(secret));
	});

	it('exits 2 on bad arguments and on an invalid policy', async () => {
		assert.equal((await run(['scan'], dir)).code, 2);
		assert.equal((await run(['scan', 'ws', '--min-level', 'secret'], dir)).code, 2);
		assert.equal((await run(['scan', 'nope', '--policy', 'policy.json'], dir)).code, 2);
		const broken = await run(['scan', 'ws', '--policy', 'broken-policy.json', '--json'], dir);
		assert.equal(broken.code, 2);
		assert.match(broken.err, /broken-policy\.json/);
	});
});
