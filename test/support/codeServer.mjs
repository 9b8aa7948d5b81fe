// Starts code-server (VS Code in the browser) for one test run, on 127.0.0.1 only, with fresh temp
// user-data and extensions dirs, and always stops it (its whole process group) when the run ends.
// Needs `node test/support/setup.mjs` first.

import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { codeServerEntry, node24Binary } from './setup.mjs';

/** Servers still running: killed on exit whatever way the process ends. */
const live = new Set();
let hooksInstalled = false;

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

function installExitHooks() {
	if (hooksInstalled) {
		return;
	}
	hooksInstalled = true;
	process.on('exit', () => {
		for (const s of live) {
			killGroup(s.child, 'SIGKILL');
			s.cleanupSync();
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			console.error(`[code-server] ${sig}: stopping ${live.size} server(s)`);
			process.exit(sig === 'SIGINT' ? 130 : 143);
		});
	}
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
		});
	});
}

/** `<publisher>.<name>-<version>`: the folder name VS Code gives an installed extension. */
export function extensionFolderName(extDir) {
	const pkg = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8'));
	return `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase();
}

/**
 * Copies an extension into an extensions dir. `files` limits the copy to those top-level entries
 * (e.g. the .vsix contents) so node_modules and sources stay out.
 */
/**
 * Registers the language packs among the installed extension folders in `<user-data>/languagepacks.json`, as
 * VS Code does after installing one (copying a folder skips that step); `--locale` then takes effect.
 */
function writeLanguagePacks(userDataDir, installedDirs) {
	const packs = {};
	for (const dir of installedDirs) {
		let manifest;
		try {
			manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		} catch {
			continue;
		}
		for (const loc of manifest.contributes?.localizations ?? []) {
			const translations = Object.fromEntries((loc.translations ?? []).map((t) => [t.id, join(dir, t.path)]));
			packs[loc.languageId] = {
				hash: `${manifest.publisher}.${manifest.name}-${manifest.version}`,
				extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
				translations,
				label: loc.localizedLanguageName ?? loc.languageName ?? loc.languageId,
			};
		}
	}
	if (Object.keys(packs).length) {
		writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
	}
}

export function installExtensionFolder(extDir, extensionsDir, files) {
	const target = join(extensionsDir, extensionFolderName(extDir));
	mkdirSync(target, { recursive: true });
	const entries = files ?? ['.'];
	for (const entry of entries) {
		const from = join(extDir, entry);
		if (existsSync(from)) {
			cpSync(from, entry === '.' ? target : join(target, entry), { recursive: true });
		}
	}
	return target;
}

/**
 * @typedef {object} StartOptions
 * @property {string} [workspace]  folder to open (the server's default folder)
 * @property {boolean} [trusted=true]  false leaves workspace trust on: the folder opens in Restricted Mode
 * @property {Array<string | {dir: string, files?: string[]}>} [extensions]  extension folders to copy into the extensions dir
 * @property {Record<string, unknown>} [settings]  user settings, written to <user-data-dir>/User/settings.json
 * @property {Record<string, unknown>} [machineSettings]  the server's machine settings (<user-data-dir>/Machine/settings.json):
 *   where a remote window reads `machine`-scoped settings such as contextWarden.policyFile
 * @property {Record<string, string>} [env]  extra environment for the server and so for its extension host
 * @property {string} [logFile]  where to write the server's output (besides keeping the last lines in memory)
 * @property {boolean} [quiet]  do not echo the server's output
 * @property {boolean} [keepTemp]  keep the temp dirs after stop (for debugging)
 * @property {number} [startTimeoutMs=90000]
 */

/**
 * Starts code-server and resolves once it prints `HTTP server listening`.
 * @param {StartOptions} [options]
 */
export async function startCodeServer(options = {}) {
	const entry = codeServerEntry();
	if (!existsSync(entry) || !existsSync(node24Binary())) {
		throw new Error('code-server is not installed: run `node test/support/setup.mjs` (npm run test:setup) first');
	}
	installExitHooks();
	const tmp = mkdtempSync(join(tmpdir(), 'cw-code-server-'));
	const userDataDir = join(tmp, 'user-data');
	const extensionsDir = join(tmp, 'extensions');
	mkdirSync(join(userDataDir, 'User'), { recursive: true });
	mkdirSync(extensionsDir, { recursive: true });
	const installed = [];
	for (const ext of options.extensions ?? []) {
		const spec = typeof ext === 'string' ? { dir: ext } : ext;
		installed.push(installExtensionFolder(spec.dir, extensionsDir, spec.files));
	}
	const settings = {
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'telemetry.telemetryLevel': 'off',
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'update.mode': 'none',
		...options.settings,
	};
	writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, '\t'));
	if (options.machineSettings) {
		mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
		writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, '\t'));
	}
	writeLanguagePacks(userDataDir, installed);
	const configFile = join(tmp, 'config.yaml');
	writeFileSync(configFile, 'auth: none\n');

	const port = await freePort();
	const args = [
		entry,
		'--config', configFile,
		'--auth', 'none',
		'--bind-addr', `127.0.0.1:${port}`,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-getting-started-override',
		'--ignore-last-opened',
		'--user-data-dir', userDataDir,
		'--extensions-dir', extensionsDir,
		'--vscode-option', 'enable-smoke-test-driver',
	];
	if (options.trusted !== false) {
		args.push('--disable-workspace-trust');
	}
	if (options.locale) {
		// The display language: extensions' l10n bundles follow it (vscode.env.language).
		args.push('--locale', options.locale);
	}
	if (options.workspace) {
		args.push(options.workspace);
	}

	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		// A terminal inside VS Code passes these on; they would point the server at that other editor.
		if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') {
			delete env[key];
		}
	}
	// The editor's MCP service reads the user's MCP files (~/.claude.json, ~/.cursor/mcp.json, ...): tests read none of
	// the machine's, so what they see does not depend on who runs them.
	Object.assign(env, { CW_MCP_HOME: join(tmpdir(), 'cw-no-mcp-home') }, options.env ?? {});

	const child = spawn(node24Binary(), args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const tail = [];
	let log;
	if (options.logFile) {
		mkdirSync(dirname(options.logFile), { recursive: true });
		log = createWriteStream(options.logFile);
	}
	const onData = (chunk) => {
		const text = chunk.toString();
		log?.write(text);
		for (const line of text.split('\n')) {
			if (line.trim()) {
				tail.push(line);
				if (tail.length > 200) {
					tail.shift();
				}
				if (!options.quiet) {
					console.log(`[code-server] ${line}`);
				}
			}
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));

	let stopped = false;
	const cleanupSync = () => {
		if (!options.keepTemp) {
			rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
		}
	};
	const server = {
		child,
		port,
		url: `http://127.0.0.1:${port}`,
		tmp,
		userDataDir,
		extensionsDir,
		installed,
		workspace: options.workspace,
		/** The last lines the server printed. */
		output: () => tail.join('\n'),
		cleanupSync,
		/** Stops the server and everything it started; removes the temp dirs. */
		async stop() {
			if (stopped) {
				return;
			}
			stopped = true;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
			// The extension host and other helpers share the group: make sure none survives.
			killGroup(child, 'SIGKILL');
			live.delete(server);
			log?.end();
			cleanupSync();
		},
	};
	live.add(server);

	const timeoutMs = options.startTimeoutMs ?? 90_000;
	try {
		await new Promise((res, rej) => {
			const timer = setTimeout(() => rej(new Error(`code-server did not listen within ${timeoutMs} ms`)), timeoutMs);
			const check = (chunk) => {
				if (chunk.toString().includes('HTTP server listening')) {
					clearTimeout(timer);
					res();
				}
			};
			child.stdout.on('data', check);
			child.stderr.on('data', check);
			void exited.then(({ code, signal }) => {
				clearTimeout(timer);
				rej(new Error(`code-server exited before listening (code ${code}, signal ${signal})`));
			});
		});
	} catch (err) {
		await server.stop();
		throw new Error(`${err.message}\n--- code-server output ---\n${tail.join('\n')}`);
	}
	return server;
}

/**
 * The URL a browser opens: `http://127.0.0.1:PORT/?folder=/abs/path`, or `?workspace=/abs/x.code-workspace` for a
 * workspace file (a multi-root workspace).
 */
export function folderUrl(server, folder, payload) {
	const params = new URLSearchParams();
	if (folder) {
		params.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
	}
	if (payload) {
		params.set('payload', JSON.stringify(payload));
	}
	return `${server.url}/?${params.toString()}`;
}
