#!/usr/bin/env node
// Runs every journey in test/e2e/journeys/*.journey.mjs (or those whose names match the arguments' globs),
// each in its own code-server and browser, with the built extension installed.
// Assumes `npm run build` and `node test/support/setup.mjs`. Screenshots: test-output/e2e/<journey>/.
// Writes test-output/e2e/summary.json; exits 1 when any check failed.

import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Journey, OUTPUT, startEditor } from './lib.mjs';
import { ROOT } from '../support/setup.mjs';

const JOURNEYS = join(ROOT, 'test', 'e2e', 'journeys');
const JOURNEY_TIMEOUT_MS = Number(process.env.CW_JOURNEY_TIMEOUT_MS ?? 5 * 60_000);
const globRe = (g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
const t0 = Date.now();

async function runJourney(file) {
	const mod = await import(pathToFileURL(join(JOURNEYS, file)).href);
	const name = mod.name ?? file.replace(/\.journey\.mjs$/, '');
	const dir = join(OUTPUT, name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	console.log(`\n=== journey ${name} (${file})`);
	const started = Date.now();
	let ed;
	let journey;
	try {
		ed = await startEditor({ ...mod.editor, logFile: join(dir, 'server.log') });
		journey = new Journey(name, ed.page);
		journey.workspace = ed.workspace;
		let timer;
		await Promise.race([
			mod.default(journey),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`journey timed out after ${JOURNEY_TIMEOUT_MS} ms`)), JOURNEY_TIMEOUT_MS);
			}),
		]).finally(() => clearTimeout(timer));
	} catch (err) {
		// The editor did not start, or the journey threw outside a check: one failure of its own.
		journey ??= new Journey(name, ed?.page);
		journey.results.push({ title: 'journey ran to its end', ok: false, error: err instanceof Error ? err.message : String(err) });
		console.log(`  ✘ journey ran to its end\n      ${err instanceof Error ? err.message : String(err)}`);
		if (ed) {
			await journey.screenshot('FAILED-journey').catch(() => {});
		}
	} finally {
		if (ed) {
			writeFileSync(join(dir, 'browser.log'), ed.consoleLines.join('\n'));
			await ed.close();
		}
	}
	const passed = journey.results.filter((r) => r.ok).length;
	const failed = journey.results.length - passed;
	if (journey.results.length === 0) {
		console.log('  ✘ the journey made no check');
	}
	console.log(`=== ${name}: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
	return { name, passed, failed: journey.results.length === 0 ? 1 : failed, checks: journey.results };
}

async function main() {
	const filters = process.argv.slice(2).map(globRe);
	// A filter matches a journey's file base name (effectivePolicy) or its exported name (effective-policy).
	const files = [];
	for (const f of readdirSync(JOURNEYS).filter((f) => f.endsWith('.journey.mjs')).sort()) {
		const base = f.replace(/\.journey\.mjs$/, '');
		const { name } = await import(pathToFileURL(join(JOURNEYS, f)).href);
		if (filters.length === 0 || filters.some((re) => re.test(base) || re.test(name ?? base))) {
			files.push(f);
		}
	}
	if (files.length === 0) {
		throw new Error(`no journey in ${JOURNEYS} matches ${process.argv.slice(2).join(' ') || '*'}`);
	}
	mkdirSync(OUTPUT, { recursive: true });
	const results = [];
	for (const f of files) {
		results.push(await runJourney(f));
	}
	const passed = results.reduce((n, r) => n + r.passed, 0);
	const failed = results.reduce((n, r) => n + r.failed, 0);
	writeFileSync(join(OUTPUT, 'summary.json'), JSON.stringify({ passed, failed, pending: 0, journeys: results }, null, 2));
	console.log(`\ne2e: ${passed} passing, ${failed} failing in ${results.length} journey(s) (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
	if (failed > 0) {
		process.exitCode = 1;
	}
}

main().catch((err) => {
	console.error(`e2e: ${err instanceof Error ? err.stack : String(err)}`);
	mkdirSync(OUTPUT, { recursive: true });
	writeFileSync(join(OUTPUT, 'summary.json'), JSON.stringify({ passed: 0, failed: 1, pending: 0, error: String(err) }));
	process.exit(1);
});
