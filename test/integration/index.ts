// Entry point the editor loads as `extensionTestsPath` (same contract as @vscode/test-electron):
// `run()` runs mocha over the selected suites inside the extension host and rejects when any test fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { suiteFilter } from './runConfig';

/** Printed once at the end so the runner can count without parsing the reporter's output. */
export const RESULT_PREFIX = 'CW-RESULT ';

export async function run(): Promise<void> {
	const mocha = new Mocha({
		ui: 'tdd',
		reporter: 'spec',
		color: false,
		timeout: Number(process.env.CW_TEST_TIMEOUT_MS ?? 30_000),
		grep: process.env.CW_TEST_GREP || undefined,
	});
	const matches = suiteFilter();
	const files = fs
		.readdirSync(__dirname)
		.filter((f) => f.endsWith('.test.js'))
		.filter((f) => matches(f.slice(0, -'.test.js'.length)))
		.sort();
	if (files.length === 0) {
		throw new Error(`no integration suite in ${__dirname} matches ${process.env.CW_TEST_SUITES ?? '(all)'}`);
	}
	for (const f of files) {
		mocha.addFile(path.join(__dirname, f));
	}
	const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
		const runner = mocha.run((failures) => {
			const s = runner.stats;
			resolve({ passes: s?.passes ?? 0, failures: s?.failures ?? failures, pending: s?.pending ?? 0 });
		});
	});
	console.log(`${RESULT_PREFIX}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`);
	if (stats.failures > 0) {
		throw new Error(`${stats.failures} integration test(s) failed`);
	}
	if (stats.passes === 0) {
		throw new Error('no integration test ran');
	}
}
