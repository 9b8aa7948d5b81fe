// A user opens a workspace they have not trusted: the editor is in Restricted Mode, and Context Warden still
// classifies the files and says the workspace holds restricted content (the .env of the basic fixture).
import assert from 'node:assert/strict';
import { statusBarItem } from '../lib.mjs';

export const name = 'restricted-mode';
export const editor = { fixture: 'basic', trusted: false };

/** @param {import('../lib.mjs').Journey} j */
export default async function run(j) {
	const { page } = j;
	await j.check('the editor shows Restricted Mode', async () => {
		await statusBarItem(page, /Restricted Mode/).first().waitFor({ state: 'visible', timeout: 30_000 });
	});
	await j.check('Context Warden runs in Restricted Mode and reports a restricted workspace', async () => {
		const item = statusBarItem(page, /^Context Warden/).first();
		await item.waitFor({ state: 'visible', timeout: 30_000 });
		// The label settles once the policy is loaded and the scan is done.
		const end = Date.now() + 30_000;
		let label = '';
		while (Date.now() < end) {
			label = (await item.getAttribute('aria-label')) ?? '';
			if (/restricted workspace/i.test(label)) {
				break;
			}
			await page.waitForTimeout(250);
		}
		assert.match(label, /restricted workspace/i, `status bar item says: ${label}`);
	});
	await j.screenshot('restricted-mode');
}
