// Restore as the org allows it: under an org policy with overrides.pause, a developer in a restricted workspace runs
// "Restore Assistant Settings"; the files come back, the status bar says enforcement is paused, nothing is written
// again for 30 s, and "Resume Enforcement" applies the levers again.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, statusBarItem } from '../lib.mjs';

export const name = 'pause';
export const editor = {
	fixture: 'governed',
	machineSettings: { 'contextWarden.policyFile': '${root}/test/fixtures/policies/org-pause-allowed.json' },
	extensions: ['test/fixtures/extensions/continue-stub', 'test/fixtures/extensions/cline-stub'],
};

const SETTINGS = '.vscode/settings.json';

/** @param {import('../lib.mjs').Journey} j */
export default async function run(j) {
	const { page } = j;
	const read = (rel) => (existsSync(join(j.workspace, rel)) ? readFileSync(join(j.workspace, rel), 'utf8') : undefined);
	const until = async (predicate, what, ms = 45_000) => {
		const end = Date.now() + ms;
		while (Date.now() < end) {
			if (await predicate()) {
				return;
			}
			await page.waitForTimeout(250);
		}
		assert.fail(`${what} within ${ms / 1000} s`);
	};
	await j.check('the levers are applied in the restricted workspace', async () => {
		await until(() => /"continue\.enableTabAutocomplete": false/.test(read(SETTINGS) ?? ''), 'continue.enableTabAutocomplete written');
	});
	await j.check('Restore gives the settings back and the status bar says enforcement is paused', async () => {
		await runCommand(page, 'Context Warden: Restore Assistant Settings');
		await until(() => !/continue\.enableTabAutocomplete/.test(read(SETTINGS) ?? ''), 'the settings restored', 20_000);
		await statusBarItem(page, /enforcement paused/).first().waitFor({ state: 'visible', timeout: 15_000 });
	});
	await j.screenshot('paused');
	await j.check('nothing is written again for 30 s', async () => {
		const start = Date.now();
		const before = read(SETTINGS);
		while (Date.now() - start < 30_000) {
			assert.equal(read(SETTINGS), before, `${SETTINGS} written ${Math.round((Date.now() - start) / 1000)} s into the pause`);
			await page.waitForTimeout(1000);
		}
	});
	await j.check('Resume Enforcement applies the levers again', async () => {
		await runCommand(page, 'Context Warden: Resume Enforcement');
		await until(() => /"continue\.enableTabAutocomplete": false/.test(read(SETTINGS) ?? ''), 'the levers applied again', 30_000);
		await until(async () => (await statusBarItem(page, /enforcement paused/).count()) === 0, 'the paused state gone from the status bar', 10_000);
	});
	await j.screenshot('resumed');
}
