// Shipping the audit mirror with a real log shipper, on loopback: rsyslog (Debian's package, installed by
// test/support/setup.mjs) tails the mirror file with imfile and forwards each line over TCP with omfwd to a receiver
// in this test on 127.0.0.1. The CLI's audit and the agent hook (a terminal-only workspace: no editor, no snapshot)
// append to the same hash-chained log and its OCSF mirror; the mirror is rotated the way logrotate does it (renamed,
// then created again by the next append). Every event must arrive exactly once, in order, and parse; the
// configuration is the one docs/fleet.md documents (docs/shipping/rsyslog-context-warden.conf).
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const HOOK = path.join(ROOT, 'dist', 'hook.js');
const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => fs.existsSync(p));
const CONF_TEMPLATE = path.join(ROOT, 'docs', 'shipping', 'rsyslog-context-warden.conf');

interface Received {
	lines: string[];
	server: net.Server;
	port: number;
}

/** A TCP receiver on 127.0.0.1 that keeps every newline-framed line it gets (the second hop of the pipeline). */
async function receiver(): Promise<Received> {
	const lines: string[] = [];
	const server = net.createServer((socket) => {
		let buf = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			buf += chunk;
			let i: number;
			while ((i = buf.indexOf('\n')) >= 0) {
				lines.push(buf.slice(0, i));
				buf = buf.slice(i + 1);
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const addr = server.address();
	assert.ok(addr && typeof addr === 'object');
	return { lines, server, port: addr.port };
}

/** The documented configuration with this run's paths and port put in. */
function rsyslogConf(mirror: string, workDir: string, port: number): string {
	const text = fs.readFileSync(CONF_TEMPLATE, 'utf8');
	return text
		.replaceAll('/var/log/context-warden/audit.ocsf.jsonl', mirror)
		.replaceAll('/var/spool/rsyslog', workDir)
		.replaceAll('siem.example.internal', '127.0.0.1')
		.replaceAll('"6514"', `"${port}"`);
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (predicate()) {
			return true;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return predicate();
}

/** Runs a built bundle with a payload on stdin. */
function run(args: string[], input: string, cwd: string): { code: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, args, { cwd, input, encoding: 'utf8', timeout: 60_000 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('shipping the audit mirror with rsyslog (imfile -> omfwd over TCP on loopback)', function () {
	this.timeout(120_000);
	let tmp = '';
	let rsyslog: ChildProcess | undefined;
	let rx: Received | undefined;
	let rsyslogOut = '';

	before(function () {
		assert.ok(RSYSLOGD, 'rsyslogd is not installed: run `node test/support/setup.mjs` (it installs Debian\'s rsyslog)');
		assert.ok(fs.existsSync(CLI) && fs.existsSync(HOOK), 'dist/ is not built: run `npm run build`');
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-ship-'));
	});

	after(async () => {
		rsyslog?.kill('SIGTERM');
		await new Promise<void>((resolve) => rx?.server.close(() => resolve()) ?? resolve());
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('carries every event of the CLI and the hook once, in order, across a rotation', async () => {
		// A terminal-only workspace: a project with a .env, no editor, no snapshot.
		const ws = path.join(tmp, 'project');
		fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
		fs.writeFileSync(path.join(ws, '.env'), 'DB_PASSWORD=correct-horse-battery-staple-42\n');
		fs.writeFileSync(path.join(ws, 'src', 'app.ts'), 'export const x = 1;\n');
		const logFile = path.join(tmp, 'audit', 'audit.jsonl');
		const mirror = path.join(tmp, 'shipped', 'audit.ocsf.jsonl');
		fs.mkdirSync(path.dirname(mirror), { recursive: true });
		const work = path.join(tmp, 'rsyslog-work');
		fs.mkdirSync(work);

		rx = await receiver();
		const conf = path.join(tmp, 'rsyslog.conf');
		fs.writeFileSync(conf, rsyslogConf(mirror, work, rx.port));
		const check = spawnSync(RSYSLOGD ?? 'rsyslogd', ['-N1', '-f', conf], { encoding: 'utf8' });
		assert.equal(check.status, 0, `rsyslogd -N1 rejects the configuration:\n${check.stdout}${check.stderr}`);
		rsyslog = spawn(RSYSLOGD ?? 'rsyslogd', ['-n', '-f', conf, '-i', path.join(tmp, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
		rsyslog.stdout?.on('data', (d: Buffer) => (rsyslogOut += d.toString()));
		rsyslog.stderr?.on('data', (d: Buffer) => (rsyslogOut += d.toString()));

		const hookArgs = [HOOK, '--agent', 'claude', '--workspace', ws, '--log', logFile, '--mirror', mirror, '--mirror-format', 'ocsf'];
		const catEnv = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat .env' }, cwd: ws, session_id: 's1' });
		const auditArgs = [CLI, 'audit', ws, '--format', 'json', '--out', path.join(tmp, 'report.json'), '--log', logFile, '--mirror', mirror, '--mirror-format', 'ocsf'];

		const expected: number[] = [];
		const appendBatch = (n: number): void => {
			for (let i = 0; i < n; i++) {
				const hook = run(hookArgs, catEnv, ws);
				assert.match(hook.stdout, /deny/, `the hook denies cat .env: ${hook.stdout} ${hook.stderr}`);
				const audit = run(auditArgs, '', ws);
				assert.equal(audit.code, 0, audit.stderr);
			}
		};
		appendBatch(3);
		// Rotated as logrotate does (no copytruncate): renamed; the next append creates the file again.
		await waitFor(() => rx !== undefined && rx.lines.length >= 6, 20_000);
		fs.renameSync(mirror, `${mirror}.1`);
		appendBatch(3);
		const mirrored = [...fs.readFileSync(`${mirror}.1`, 'utf8').split('\n'), ...fs.readFileSync(mirror, 'utf8').split('\n')].filter((l) => l);
		for (const l of mirrored) {
			expected.push((JSON.parse(l) as { metadata: { sequence: number } }).metadata.sequence);
		}
		assert.deepEqual(expected, Array.from({ length: expected.length }, (_, i) => i + 1), 'the mirror holds every entry of the log');
		assert.equal(expected.length, 12, 'six hook decisions and six audit runs');

		const arrived = await waitFor(() => (rx?.lines.length ?? 0) >= expected.length, 30_000);
		// Give a duplicate the time to show up before counting.
		await new Promise((r) => setTimeout(r, 1500));
		const lines = rx?.lines ?? [];
		assert.ok(arrived, `only ${lines.length} of ${expected.length} events arrived; rsyslogd said:\n${rsyslogOut}`);
		const events = lines.map((l, i) => {
			try {
				return JSON.parse(l) as { class_uid: number; metadata: { sequence: number; uid: string }; unmapped: { context_warden: { prev: string } } };
			} catch {
				assert.fail(`line ${i + 1} as received does not parse as JSON: ${l.slice(0, 200)}`);
			}
		});
		assert.deepEqual(
			events.map((e) => e.metadata.sequence),
			expected,
			'every event exactly once, in order',
		);
		for (let i = 1; i < events.length; i++) {
			assert.equal(events[i]?.unmapped.context_warden.prev, events[i - 1]?.metadata.uid, `event ${i + 1} chains to the one before`);
		}
		assert.deepEqual([...new Set(events.map((e) => e.class_uid))].sort(), [2006, 6007], 'hook denials as Data Security Findings, audits as Scan Activity');
		assert.ok(!lines.join('\n').includes('correct-horse-battery-staple-42'), 'no secret reached the receiver');
	});
});
