// The CLI's argument parsing (src/cli/args.ts, Node's util.parseArgs) and each command's use of it: the same
// grammar for every command (--flag value, --flag=value, --, a value starting with a dash) and one message per mistake.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandArgs } from '../../../src/cli/args';
import { parseAuditArgs } from '../../../src/cli/audit';
import { parseHookArgs } from '../../../src/cli/hook';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { parseScanArgs } from '../../../src/cli/scan';

const OPTIONS = { policy: { type: 'string', value: 'a file' }, log: { type: 'string' }, json: { type: 'boolean' } } as const;

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: {}, stdin: async () => '' };
	return { code: await runCli(args, io), out, err };
}

describe('CLI arguments', () => {
	describe('parseCommandArgs', () => {
		it('takes a value after the option or after =', () => {
			assert.deepEqual(parseCommandArgs(['--policy', 'p.json', 'd'], OPTIONS), { values: { policy: 'p.json' }, positionals: ['d'] });
			assert.deepEqual(parseCommandArgs(['d', '--policy=p.json', '--json'], OPTIONS), { values: { policy: 'p.json', json: true }, positionals: ['d'] });
		});

		it('takes a value that starts with a dash, and a lone dash as a positional', () => {
			assert.deepEqual(parseCommandArgs(['--log', '-x.jsonl', '-'], OPTIONS), { values: { log: '-x.jsonl' }, positionals: ['-'] });
		});

		it('reads everything after -- as positional', () => {
			assert.deepEqual(parseCommandArgs(['--json', '--', '--policy', '-d'], OPTIONS), { values: { json: true }, positionals: ['--policy', '-d'] });
		});

		it('lets the last of a repeated option win', () => {
			assert.deepEqual(parseCommandArgs(['--policy', 'a', '--policy=b'], OPTIONS), { values: { policy: 'b' }, positionals: [] });
		});

		it('names each mistake', () => {
			assert.equal(parseCommandArgs(['--nope'], OPTIONS), "unknown option '--nope'");
			assert.equal(parseCommandArgs(['--nope=1'], OPTIONS), "unknown option '--nope'");
			assert.equal(parseCommandArgs(['-x'], OPTIONS), "unknown option '-x'");
			assert.equal(parseCommandArgs(['--policy'], OPTIONS), '--policy needs a file');
			assert.equal(parseCommandArgs(['--policy='], OPTIONS), '--policy needs a file');
			assert.equal(parseCommandArgs(['--log'], OPTIONS), '--log needs a value');
			assert.equal(parseCommandArgs(['--json=yes'], OPTIONS), '--json takes no value');
			assert.equal(parseCommandArgs(['a', 'b'], OPTIONS, 1), "unexpected argument 'b'");
			assert.equal(parseCommandArgs(['a'], OPTIONS, 0), "unexpected argument 'a'");
		});

		it('does not take an inherited property name for an option', () => {
			assert.equal(parseCommandArgs(['--constructor'], OPTIONS), "unknown option '--constructor'");
			assert.equal(parseCommandArgs(['--toString=x'], OPTIONS), "unknown option '--toString'");
		});
	});

	describe('the commands', () => {
		it('scan: every option in both forms', () => {
			assert.deepEqual(parseScanArgs(['d', '--policy=p', '--json', '--min-level', 'internal', '--fail-on=restricted', '--no-gitignore', '--jobs', '2']), {
				dir: 'd',
				policyFile: 'p',
				json: true,
				minLevel: 'internal',
				failOn: 'restricted',
				gitignore: false,
				jobs: 2,
			});
			assert.deepEqual(parseScanArgs(['d']), { dir: 'd', json: false, gitignore: true, minLevel: 'public' });
			assert.equal(parseScanArgs(['d', '--fail-on', 'secret']), '--fail-on needs a level: public, internal, confidential, restricted');
			assert.equal(parseScanArgs(['d', '--jobs=0']), '--jobs needs a positive whole number');
			assert.equal(parseScanArgs(['--json']), 'no directory given');
			assert.equal(parseScanArgs(['d', 'e']), "unexpected argument 'e'");
			assert.deepEqual(parseScanArgs(['--', '-odd-dir']), { dir: '-odd-dir', json: false, gitignore: true, minLevel: 'public' });
		});

		it('audit: a level, a format and a file in both forms', () => {
			assert.deepEqual(parseAuditArgs(['d', '--format=json', '--min-level=confidential', '--log', 'a.jsonl', '--mirror=m.jsonl', '--jobs=1']), {
				dir: 'd',
				format: 'json',
				minLevel: 'confidential',
				log: 'a.jsonl',
				mirror: 'm.jsonl',
				jobs: 1,
				gitignore: true,
			});
			assert.equal(parseAuditArgs(['d', '--format', 'html']), '--format needs one of: md, json, sarif');
			assert.equal(parseAuditArgs(['d', '--out']), '--out needs a file');
		});

		it('hook: every option in both forms', () => {
			assert.deepEqual(parseHookArgs(['--agent=claude', '--snapshot', 's.json', '--snapshot-dir=sd', '--policy', 'p', '--workspace=w', '--log', 'l', '--heartbeat=h']), {
				agent: 'claude',
				snapshot: 's.json',
				snapshotDir: 'sd',
				policy: 'p',
				workspace: 'w',
				log: 'l',
				heartbeat: 'h',
			});
			assert.equal(parseHookArgs(['--agent']), '--agent needs a value');
			assert.equal(parseHookArgs(['--agent', 'claude', 'extra']), "unexpected argument 'extra'");
		});

		describe('bad arguments exit with the usage code and say what is wrong', () => {
			let tmp: string;
			before(() => {
				tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-cli-args-'));
			});
			after(() => fs.rmSync(tmp, { recursive: true, force: true }));

			const cases: Array<[string[], number, string]> = [
				[['validate', '--strict', 'p.json'], 2, "context-warden validate: unknown option '--strict'"],
				[['validate', '--layer=yes', 'p.json'], 2, 'context-warden validate: --layer takes no value'],
				[['explain-policy', '--policy'], 2, 'context-warden explain-policy: --policy needs a value'],
				[['explain-policy', 'extra'], 2, "context-warden explain-policy: unexpected argument 'extra'"],
				[['explain-policy', '--jsn'], 2, "context-warden explain-policy: unknown option '--jsn'"],
				[['allowed-extensions', '--policy='], 2, 'context-warden allowed-extensions: --policy needs a value'],
				[['allowed-extensions', '--workspace', '.'], 2, "context-warden allowed-extensions: unknown option '--workspace'"],
				[['scan', '.', '--fail-on'], 2, 'context-warden scan: --fail-on needs a level'],
				[['audit', '.', '--format=html'], 2, 'context-warden audit: --format needs one of: md, json, sarif'],
				[['verify-log', '--all', 'a.jsonl'], 2, "context-warden verify-log: unknown option '--all'"],
				[['verify-log', 'a.jsonl', 'b.jsonl'], 2, 'context-warden verify-log: one log file at a time'],
				// The hook exits 1, not 2: several agents read exit 2 as "block".
				[['hook', '--agent', 'claude', '--snapshots', 's'], 1, "context-warden hook: unknown option '--snapshots'"],
			];
			for (const [args, code, message] of cases) {
				it(args.join(' '), async () => {
					const r = await run(args, tmp);
					assert.equal(r.code, code, r.err);
					assert.ok(r.err.startsWith(message), r.err);
				});
			}

			it('a file named after -- is a file, not an option', async () => {
				const r = await run(['validate', '--', '-policy.json'], tmp);
				assert.equal(r.code, 2);
				assert.equal(r.err, '-policy.json: cannot read: no such file\n');
			});
		});
	});
});
