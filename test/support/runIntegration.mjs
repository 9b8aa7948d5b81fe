#!/usr/bin/env node
// Runs the integration suites inside a real extension host: for each run in test/integration/suites.json,
// a fresh code-server opens a temp copy of the run's fixture and Chromium loads the test payload
// (extensionDevelopmentPath = this repo, extensionTestsPath = out/integration/index.js).
// Assumes `npm run build` (dist/) and `node test/support/setup.mjs` were done; bundles the suites itself.
//
//   node test/support/runIntegration.mjs [run-name-glob ...]
//   env: CW_TEST_GREP (mocha grep), CW_INTEGRATION_TIMEOUT_MS (overall, default 20 min)
// Writes test-output/integration/summary.json and, per run, console.log (everything the editor's console
// printed; the terminal shows it less known noise, all of it with CW_VERBOSE=1), server.log, browser.log, failure.png.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { buildIntegrationTests } from './buildTests.mjs';
import { folderUrl, startCodeServer } from './codeServer.mjs';
import { extensionFiles } from '../e2e/lib.mjs';
import { ROOT } from './setup.mjs';

const SUITES_FILE = join(ROOT, 'test', 'integration', 'suites.json');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspaces');
const OUTPUT = join(ROOT, 'test-output', 'integration');
const RESULT_PREFIX = 'CW-RESULT ';
// Each runner bundles the suites into its own folder: engineers running tests at once in one checkout
// must not delete each other's suites mid-run.
const TESTS_OUT = join(ROOT, 'out', `integration-run-${process.pid}`);
const DEFAULT_RUN_TIMEOUT_MS = 5 * 60_000;
const OVERALL_TIMEOUT_MS = Number(process.env.CW_INTEGRATION_TIMEOUT_MS ?? 20 * 60_000);

/** Editor chatter that says nothing about the tests (see the recipe's "Harmless noise offline"); still in console.log. */
const NOISE = [
	/Unable to read file .*Canceled/,
	/^Canceled: Canceled/,
	/ENOTFOUND/,
	/^\s+at .*\/static\/out\/vs\//,
	/^\[lifecycle\] Long running operations/,
	/^MCP migration:/,
	/^Timed out waiting for authentication provider/,
	/^Creation of workbench contribution .* took/,
	/^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin)/,
	/^\[(reconnection-grace-time|AgentHost[^\]]*|ChatModelSelection|Service Worker|AccountPolicyGate)\]/,
];
const VERBOSE = process.env.CW_VERBOSE === '1';

/** Temp copies of fixtures, removed however the process ends. */
const tempDirs = new Set([TESTS_OUT]);
process.on('exit', () => {
	for (const d of tempDirs) {
		rmSync(d, { recursive: true, force: true });
	}
});

const t0 = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const globRe = (g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** Copies a fixture into a fresh temp dir, keeping its name as the folder's base name. */
export function copyFixture(fixture) {
	const src = join(FIXTURES, fixture);
	if (!existsSync(src)) {
		throw new Error(`fixture ${fixture} not found in ${FIXTURES}`);
	}
	const parent = mkdtempSync(join(tmpdir(), 'cw-ws-'));
	tempDirs.add(parent);
	const dest = join(parent, fixture);
	cpSync(src, dest, { recursive: true });
	return dest;
}

/** Formats what the extension host's console sent through `codeAutomationLog`. */
function formatLog(args) {
	const list = Array.isArray(args) ? args : [args];
	// console.log(fmt, ...args) arrives unformatted: mocha's reporter relies on %s / %d.
	return format(...list);
}

async function runOne(browser, run) {
	const outDir = join(OUTPUT, run.name);
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	const workspace = copyFixture(run.fixture);
	// A run may open a workspace file inside the fixture (a multi-root workspace) instead of the fixture folder.
	const opened = run.workspaceFile ? join(workspace, run.workspaceFile) : workspace;
	const trusted = run.trusted !== false;
	// `${root}` in a setting's value is this checkout (e.g. an org policy among the fixtures).
	const rooted = (values) => Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('${root}', ROOT) : v]));
	const settings = rooted(run.settings);
	const machineSettings = run.machineSettings ? rooted(run.machineSettings) : undefined;
	const started = Date.now();
	console.log(`\n=== integration run ${run.name}: fixture ${run.fixture}, ${trusted ? 'trusted' : 'Restricted Mode'}, suites ${run.suites.join(', ')}`);
	const server = await startCodeServer({
		workspace: opened,
		trusted,
		settings,
		...(machineSettings ? { machineSettings } : {}),
		// `installed`: Context Warden is copied into the extensions folder as the .vsix installs it (an update can then
		// be played by adding a version beside it), and a stub is the development extension that carries the tests.
		extensions: [...(run.installed ? [{ dir: ROOT, files: extensionFiles() }] : []), ...(run.extensions ?? []).map((dir) => join(ROOT, dir))],
		logFile: join(outDir, 'server.log'),
		quiet: true,
	});
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const page = await context.newPage();
	const browserLog = [];
	const hostLog = [];
	page.on('console', (msg) => browserLog.push(`[${msg.type()}] ${msg.text()}`));
	page.on('pageerror', (err) => browserLog.push(`[pageerror] ${err.message}`));

	let result;
	let exitCode;
	try {
		const exit = new Promise((resolve) => {
			void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
		});
		await page.exposeFunction('codeAutomationLog', (type, args) => {
			for (const l of formatLog(args).split('\n')) {
				hostLog.push(`[${type}] ${l}`);
				if (l.startsWith(RESULT_PREFIX)) {
					result = JSON.parse(l.slice(RESULT_PREFIX.length));
				} else if (VERBOSE || !NOISE.some((re) => re.test(l))) {
					console.log(`  ${l}`);
				}
			}
		});
		const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
		const env = {
			...run.env,
			CW_TEST_RUN: JSON.stringify({ name: run.name, fixture: run.fixture, trusted, settings: { ...settings, ...machineSettings } }),
			CW_TEST_SUITES: run.suites.join(','),
			...(process.env.CW_TEST_GREP ? { CW_TEST_GREP: process.env.CW_TEST_GREP } : {}),
		};
		const payload = [
			['extensionDevelopmentPath', remote(run.installed ? join(ROOT, 'test', 'fixtures', 'extensions', 'test-host') : ROOT)],
			['extensionTestsPath', remote(join(TESTS_OUT, 'index.js'))],
			['skipWelcome', 'true'],
			['extensionEnvironment', JSON.stringify(env)],
		];
		await page.goto(folderUrl(server, opened, payload));
		const timeoutMs = run.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
		let timer;
		exitCode = await Promise.race([
			exit,
			new Promise((resolve) => {
				timer = setTimeout(() => {
					console.error(`  run ${run.name} timed out after ${timeoutMs} ms`);
					resolve(124);
				}, timeoutMs);
			}),
		]);
		clearTimeout(timer);
		if (exitCode !== 0) {
			await page.screenshot({ path: join(outDir, 'failure.png') }).catch(() => {});
		}
	} finally {
		writeFileSync(join(outDir, 'browser.log'), browserLog.join('\n'));
		writeFileSync(join(outDir, 'console.log'), hostLog.join('\n'));
		await context.close().catch(() => {});
		await server.stop();
		rmSync(join(workspace, '..'), { recursive: true, force: true });
		tempDirs.delete(join(workspace, '..'));
	}
	const counts = result ?? { passed: 0, failed: 0, pending: 0 };
	if (exitCode !== 0 && counts.failed === 0) {
		// run() threw before mocha reported (suite failed to load, timeout, host crash): count the run as one failure.
		counts.failed = 1;
	}
	if (exitCode === 0 && !result) {
		console.error(`  run ${run.name} exited 0 without a ${RESULT_PREFIX.trim()} line: counted as a failure`);
		counts.failed = 1;
	}
	console.log(`=== ${run.name}: exit ${exitCode}, ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending (${secs(started)})`);
	if (exitCode !== 0) {
		console.log(`    logs: ${outDir}/{console.log,server.log,browser.log,failure.png}`);
	}
	return { name: run.name, exitCode, seconds: (Date.now() - started) / 1000, ...counts };
}

async function main() {
	if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
		throw new Error('dist/extension.js is missing: run `npm run build` first');
	}
	const { runs } = JSON.parse(readFileSync(SUITES_FILE, 'utf8'));
	const filters = process.argv.slice(2).filter((a) => !a.startsWith('-')).map(globRe);
	const selected = runs.filter((r) => filters.length === 0 || filters.some((f) => f.test(r.name)));
	if (selected.length === 0) {
		throw new Error(`no run in ${SUITES_FILE} matches ${process.argv.slice(2).join(' ')}`);
	}
	const suites = await buildIntegrationTests(TESTS_OUT);
	console.log(`integration: ${selected.length} run(s), suites built: ${suites.join(', ')}`);
	mkdirSync(OUTPUT, { recursive: true });

	const overall = setTimeout(() => {
		console.error(`integration: overall timeout of ${OVERALL_TIMEOUT_MS} ms reached`);
		writeFileSync(join(OUTPUT, 'summary.json'), JSON.stringify({ passed: 0, failed: 1, pending: 0, timedOut: true }));
		process.exit(1);
	}, OVERALL_TIMEOUT_MS);
	overall.unref();

	const browser = await launchBrowser();
	const results = [];
	try {
		for (const run of selected) {
			try {
				results.push(await runOne(browser, run));
			} catch (err) {
				console.error(`=== ${run.name}: could not run: ${err instanceof Error ? err.message : String(err)}`);
				results.push({ name: run.name, exitCode: 1, passed: 0, failed: 1, pending: 0, error: String(err) });
			}
		}
	} finally {
		await browser.close().catch(() => {});
	}
	const total = results.reduce(
		(acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, pending: acc.pending + r.pending }),
		{ passed: 0, failed: 0, pending: 0 },
	);
	writeFileSync(join(OUTPUT, 'summary.json'), JSON.stringify({ ...total, runs: results }, null, 2));
	console.log(`\nintegration: ${total.passed} passing, ${total.failed} failing, ${total.pending} pending in ${results.length} run(s) (${secs(t0)})`);
	const bad = results.filter((r) => r.exitCode !== 0);
	if (bad.length > 0) {
		console.log(`integration: failed runs: ${bad.map((r) => r.name).join(', ')}`);
		process.exitCode = 1;
	}
}

main().catch((err) => {
	console.error(`integration: ${err instanceof Error ? err.stack : String(err)}`);
	process.exit(1);
});
