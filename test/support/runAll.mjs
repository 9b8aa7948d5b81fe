#!/usr/bin/env node
// `npm test`: unit, integration and end-to-end tests, one after the other, each run even when an earlier one failed.
// Ends with one plain line for CI: `N passed, N failed` (`, N skipped` when mocha marked tests pending).
// Exits 1 when any stage failed.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './setup.mjs';

const STAGE_TIMEOUT_MS = Number(process.env.CW_STAGE_TIMEOUT_MS ?? 40 * 60_000);

const STAGES = [
	// A gate, not tests: the bundles are built by esbuild, which does not type-check.
	{ name: 'checks', script: 'check', gate: true },
	{ name: 'unit', script: 'test:unit', parse: 'mocha' },
	{ name: 'integration', script: 'test:integration', summary: join(ROOT, 'test-output', 'integration', 'summary.json') },
	{ name: 'e2e', script: 'test:e2e', summary: join(ROOT, 'test-output', 'e2e', 'summary.json') },
	// The audit mirror carried by a real log shipper (rsyslog) on loopback.
	{ name: 'ship', script: 'test:ship', parse: 'mocha' },
];

/** Runs `npm run <script>`, echoing its output; resolves to its exit code and what it printed. */
function runScript(script) {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		let out = '';
		const echo = (stream) => (chunk) => {
			out += chunk.toString();
			stream.write(chunk);
		};
		child.stdout.on('data', echo(process.stdout));
		child.stderr.on('data', echo(process.stderr));
		const timer = setTimeout(() => {
			console.error(`\n[test] npm run ${script} took longer than ${STAGE_TIMEOUT_MS} ms: stopping it`);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}, STAGE_TIMEOUT_MS);
		const stop = () => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// gone
			}
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			resolve({ code: code ?? (signal ? 1 : 0), out });
		});
	});
}

/** Mocha's spec reporter ends with "N passing", "N failing", "N pending". */
function parseMocha(out) {
	const text = out.replace(/\x1b\[[0-9;]*m/g, '');
	const count = (word) => {
		const all = [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
		return all.length ? Number(all[all.length - 1][1]) : 0;
	};
	return { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
}

function readSummary(file) {
	if (!existsSync(file)) {
		return undefined;
	}
	const s = JSON.parse(readFileSync(file, 'utf8'));
	return { passed: s.passed ?? 0, failed: s.failed ?? 0, skipped: s.pending ?? 0 };
}

async function main() {
	const started = Date.now();
	const results = [];
	for (const stage of STAGES) {
		console.log(`\n[test] ===== ${stage.name}: npm run ${stage.script}`);
		const t = Date.now();
		if (stage.summary) {
			rmSync(stage.summary, { force: true });
		}
		const { code, out } = await runScript(stage.script);
		const counts = (stage.gate ? undefined : stage.parse === 'mocha' ? parseMocha(out) : readSummary(stage.summary)) ?? { passed: 0, failed: 0, skipped: 0 };
		if (code !== 0 && counts.failed === 0) {
			// It failed before any test could fail (setup, build, a crash): one failure of its own.
			counts.failed = 1;
		}
		if (code === 0 && counts.passed === 0 && !stage.gate) {
			console.log(`[test] ${stage.name}: exited 0 but ran no test`);
		}
		results.push({ stage: stage.name, code, seconds: (Date.now() - t) / 1000, ...counts });
	}
	console.log('\n[test] ===== summary');
	for (const r of results) {
		console.log(
			`[test] ${r.stage.padEnd(12)} ${r.code === 0 ? 'ok  ' : 'FAIL'}  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  (${r.seconds.toFixed(1)}s)`,
		);
	}
	const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
		passed: 0,
		failed: 0,
		skipped: 0,
	});
	console.log(`[test] total time ${((Date.now() - started) / 1000).toFixed(1)}s`);
	console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
	process.exitCode = results.some((r) => r.code !== 0) || total.failed > 0 ? 1 : 0;
}

main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
