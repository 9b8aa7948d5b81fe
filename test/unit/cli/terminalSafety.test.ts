import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { colourFor, guardOutput, humanBytes, middleTruncate, scanProgress, termText } from '../../../src/cli/terminal';

/**
 * What a hostile name carries: ESC (a colour: blink, which the CLI never uses), OSC (set the window title, ended by
 * BEL), CR (rewrite the line) and LF followed by a forged line.
 */
const HOSTILE = '\u001b[5mblink\u001b]0;pwned\u0007\rCR\nFORGED: valid';

/** Every raw character an escaped output must not contain. */
const RAW = ['\u001b', '\u0007', '\r', '\u009b'];

interface Run {
	code: number;
	out: string;
	err: string;
}

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, tty = false): Promise<Run> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: { write: (s: string) => (out += s), isTTY: tty, columns: 120 },
		stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 120 },
		cwd,
		env: { HOME: cwd, ...env },
	};
	const code = await runCli(args, io);
	return { code, out, err };
}

/** Asserts that nothing of HOSTILE reached the output raw, and that it was shown (escaped) somewhere. */
function assertEscaped(r: Run, what: string, opts: { colour?: boolean; shown?: string } = {}): void {
	for (const [stream, text] of [
		['stdout', r.out],
		['stderr', r.err],
	] as const) {
		const bare = opts.colour ? text.replace(/\u001b\[[0-9;]*m/g, '') : text;
		for (const c of RAW) {
			assert.ok(!bare.includes(c), `${what}: ${stream} holds a raw ${JSON.stringify(c)}:\n${JSON.stringify(text)}`);
		}
		assert.ok(!text.includes('\u001b[5m'), `${what}: the name's own colour reached ${stream}`);
		assert.doesNotMatch(text, /(^|\n)FORGED/, `${what}: a line forged by a name's LF on ${stream}`);
	}
	assert.ok(
		(r.out + r.err).includes(opts.shown ?? '\\x1b[5mblink\\x1b]0;pwned\\x07\\rCR\\nFORGED'),
		`${what}: the name is shown, escaped:\nstdout ${JSON.stringify(r.out)}\nstderr ${JSON.stringify(r.err)}`,
	);
}

describe('CLI output: names and policy keys never reach the terminal raw', () => {
	let dir: string;
	before(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-term-'));
		const ws = path.join(dir, 'ws');
		fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		// A private key under a hostile name: restricted, so it is listed by scan and audit.
		fs.writeFileSync(path.join(ws, `${HOSTILE}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
		fs.writeFileSync(path.join(ws, 'readme.md'), '# hello\n');
		// Policy keys: an org policy and a workspace layer with an unknown hostile key; settings with one too.
		fs.writeFileSync(path.join(dir, 'org.json'), JSON.stringify({ name: 'org', [HOSTILE]: 1 }));
		fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify({ name: HOSTILE }));
		fs.writeFileSync(path.join(ws, '.vscode', 'context-policy.json'), JSON.stringify({ [HOSTILE]: true }));
		fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ [`contextWarden.${HOSTILE}`]: 1 }));
		fs.writeFileSync(path.join(dir, `${HOSTILE}.json`), '{ "name": "x" }');
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('scan: the table, the --fail-on line and the layer warnings escape file names and keys', async () => {
		const r = await run(['scan', 'ws', '--fail-on', 'restricted', '--jobs', '1'], dir);
		assert.equal(r.code, 3, r.err);
		assertEscaped(r, 'scan');
		assert.match(r.out, /--fail-on restricted: 1 file at or above restricted \(.*\.pem\); exit code 3\./);
	});

	it('scan in colour (FORCE_COLOR, a terminal): the CLI colours its own text, never a name', async () => {
		const r = await run(['scan', 'ws', '--jobs', '1'], dir, { FORCE_COLOR: '1' }, true);
		assert.match(r.out, /\u001b\[31m/, 'restricted is red');
		assertEscaped(r, 'scan in colour', { colour: true });
	});

	it('scan --json is unchanged: JSON escapes the name, which reads back byte for byte', async () => {
		const r = await run(['scan', 'ws', '--json', '--jobs', '1'], dir);
		assert.equal(r.code, 0, r.err);
		const json = JSON.parse(r.out) as { files: { path: string }[] };
		assert.ok(json.files.some((f) => f.path === `${HOSTILE}.pem`));
		for (const c of RAW) {
			assert.ok(!r.out.includes(c));
		}
	});

	it('audit to stdout (Markdown) and to a file (the stderr summary)', async () => {
		const md = await run(['audit', 'ws', '--jobs', '1'], dir);
		for (const c of [...RAW, '\n FORGED']) {
			assert.ok(!md.out.includes(c) && !md.err.includes(c), `audit md holds ${JSON.stringify(c)}`);
		}
		assert.doesNotMatch(md.out + md.err, /(^|\n)FORGED/);
		const toFile = await run(['audit', 'ws', '--jobs', '1', '--out', `${HOSTILE}.md`, '--fail-on', 'internal'], dir);
		assert.equal(toFile.code, 3, toFile.err);
		assertEscaped(toFile, 'audit --out');
	});

	it('validate: an unknown key and a file name', async () => {
		const r = await run(['validate', 'org.json', `${HOSTILE}.json`, 'good.json'], dir);
		assert.equal(r.code, 2);
		assertEscaped(r, 'validate');
		assert.match(r.err, /org\.json: invalid, 2 errors/);
	});

	it('explain-policy: the layer, the settings and an invalid org policy', async () => {
		const r = await run(['explain-policy', '--policy', 'org.json', '--workspace', 'ws'], dir);
		// The policy comments already put line breaks as spaces; the guard escapes the rest.
		assertEscaped(r, 'explain-policy', { shown: '\\x1b[5mblink\\x1b]0;pwned\\x07' });
		const ok = await run(['explain-policy', '--policy', 'good.json', '--workspace', 'ws'], dir);
		for (const c of RAW) {
			assert.ok(!ok.out.includes(c) && !ok.err.includes(c), `explain-policy (valid) holds ${JSON.stringify(c)}`);
		}
		assert.doesNotMatch(ok.out + ok.err, /(^|\n)FORGED/);
	});

	it('arguments echoed back in errors (unknown command, option, directory, log)', async () => {
		for (const args of [[HOSTILE], ['scan', `--${HOSTILE}`], ['scan', HOSTILE], ['validate', HOSTILE], ['verify-log', HOSTILE]]) {
			const r = await run(args, dir);
			assert.equal(r.code, 2, `${JSON.stringify(args)}: ${r.err}`);
			assertEscaped(r, JSON.stringify(args));
		}
	});
});

describe('terminal text', () => {
	it('termText escapes C0, DEL, C1, separators and bidi controls; keeps other text', () => {
		assert.equal(termText('a\u001b[31mb\u0007\r\n\t\u007f\u009b'), 'a\\x1b[31mb\\x07\\r\\n\\t\\x7f\\x9b');
		assert.equal(termText('x\u202ey\u2066\u2028'), 'x\\u202ey\\u2066\\u2028');
		assert.equal(termText('机密 café.env'), '机密 café.env');
	});

	it('guardOutput keeps the CLI\'s line breaks and, when colouring, its SGR sequences only', () => {
		assert.equal(guardOutput('a\nb\u001b]0;t\u0007', false), 'a\nb\\x1b]0;t\\x07');
		assert.equal(guardOutput('\u001b[31mred\u001b[39m\u001b]8;;x\u0007', true), '\u001b[31mred\u001b[39m\\x1b]8;;x\\x07');
		assert.equal(guardOutput('\u001b[31mred\u001b[39m', false), '\\x1b[31mred\\x1b[39m');
	});

	it('colour only on a terminal, never with NO_COLOR or --no-color, TERM=dumb; FORCE_COLOR forces it', () => {
		assert.equal(colourFor({ write: () => 0, isTTY: true }, {}, false), true);
		assert.equal(colourFor({ write: () => 0 }, {}, false), false);
		assert.equal(colourFor({ write: () => 0, isTTY: true }, { NO_COLOR: '1' }, false), false);
		assert.equal(colourFor({ write: () => 0, isTTY: true }, { NO_COLOR: '' }, false), true);
		assert.equal(colourFor({ write: () => 0, isTTY: true }, {}, true), false);
		assert.equal(colourFor({ write: () => 0, isTTY: true }, { TERM: 'dumb' }, false), false);
		assert.equal(colourFor({ write: () => 0 }, { FORCE_COLOR: '1' }, false), true);
	});

	it('--no-color and NO_COLOR leave a terminal uncoloured', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-colour-'));
		try {
			fs.writeFileSync(path.join(dir, '.env'), 'A=1\n');
			for (const [args, env] of [
				[['scan', '.', '--no-color'], {}],
				[['scan', '.'], { NO_COLOR: '1' }],
			] as const) {
				const r = await run([...args], dir, env, true);
				assert.ok(!r.out.includes('\u001b'), `${JSON.stringify(args)} ${JSON.stringify(env)}: ${JSON.stringify(r.out)}`);
				assert.match(r.out, /restricted\s+\.env/);
			}
			const coloured = await run(['scan', '.'], dir, {}, true);
			assert.match(coloured.out, /\u001b\[/, 'a terminal is coloured');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the progress line: none off a terminal; on one, always cleared before the result', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-progress-'));
		try {
			for (let i = 0; i < 300; i++) {
				fs.writeFileSync(path.join(dir, `f${i}.txt`), 'hello\n');
			}
			const pipe = await run(['scan', '.', '--jobs', '2'], dir);
			assert.equal(pipe.err, '', 'no progress on a pipe');
			const tty = await run(['scan', '.', '--jobs', '2'], dir, {}, true);
			// Whether the line appeared depends on the machine's speed; that it ends cleared does not.
			assert.ok(tty.err === '' || tty.err.endsWith('\r\u001b[K'), JSON.stringify(tty.err));
			assert.equal(tty.err.replace(/\r\u001b\[K(scanning: [^\r]*)?/g, ''), '', JSON.stringify(tty.err));
			const quiet = scanProgress(undefined);
			quiet.onProgress(1, 2);
			quiet.stop();
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('humanBytes never says 0.0 MB; middleTruncate keeps both ends', () => {
		assert.deepEqual([0, 638, 1024, 1536, 5 * 1024 * 1024, 3 * 1024 ** 3].map(humanBytes), ['0 B', '638 B', '1.0 KB', '1.5 KB', '5.0 MB', '3.0 GB']);
		const p = 'src/very/long/directory/name/that/goes/on/and/on/file.ts';
		const cut = middleTruncate(p, 20);
		assert.equal(cut.length, 20);
		assert.ok(cut.startsWith('src/very/') && cut.endsWith('/file.ts') && cut.includes('…'), cut);
		assert.equal(middleTruncate('short', 20), 'short');
			assert.ok(!/[\ud800-\udbff]…|…[\udc00-\udfff]/.test(middleTruncate('a😀b😀c😀d😀e', 6)), 'no lone surrogate');
	});
});
