// A user opens a workspace, sees Context Warden in the status bar, and asks for the effective policy.
import assert from 'node:assert/strict';
import { editorTab, runCommand, statusBarItem, waitForEditorText } from '../lib.mjs';

export const name = 'effective-policy';
/** How the editor starts for this journey (see startEditor in ../lib.mjs). */
export const editor = { fixture: 'basic', trusted: true };

/** @param {import('../lib.mjs').Journey} j */
export default async function run(j) {
	const { page } = j;
	await j.check('the status bar shows a "Context Warden" item', async () => {
		const item = statusBarItem(page, 'Context Warden');
		await item.first().waitFor({ state: 'visible', timeout: 30_000 });
		assert.equal(await item.count(), 1, 'exactly one status bar item named Context Warden');
		const label = await item.first().getAttribute('aria-label');
		assert.match(label ?? '', /Context Warden/);
	});
	await j.screenshot('workbench');

	await j.check('"Context Warden: Show Effective Policy" is in the command palette and runs', async () => {
		await runCommand(page, 'Context Warden: Show Effective Policy');
	});
	await j.check('an "Effective Policy" editor tab opens', async () => {
		await editorTab(page, 'Effective Policy').first().waitFor({ state: 'visible', timeout: 15_000 });
	});
	await j.check('the document shows the effective policy and where it came from', async () => {
		const text = await waitForEditorText(page, /effective policy/i);
		assert.match(text, /State: /, 'the policy state line');
		assert.match(text, /"version"\s*:\s*1/, 'the policy itself, as JSONC');
	});
	await j.screenshot('effective-policy');
}
