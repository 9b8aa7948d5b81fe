// A developer whose display language is Chinese (zh-cn): the status bar item and the exposure preview read in
// Chinese, from the extension's own l10n bundle.
import assert from 'node:assert/strict';
import { editorTab, statusBarItem } from '../lib.mjs';

export const name = 'zh-cn';
export const editor = {
	fixture: 'basic',
	locale: 'zh-cn',
	// The official language pack cannot be downloaded here: a stand-in registers the zh-cn display language.
	extensions: ['test/fixtures/extensions/zh-cn-language-pack-stub'],
	settings: { 'workbench.colorTheme': 'Default Dark Modern' },
};

/** The exposure preview's content frame (webviews nest an iframe inside an iframe). */
function previewFrame(page) {
	return page.frameLocator('iframe.webview.ready').frameLocator('iframe');
}

/** @param {import('../lib.mjs').Journey} j */
export default async function run(j) {
	const { page } = j;
	const item = statusBarItem(page, /^Context Warden/).first();
	await j.check('the status bar item reads 受限 with a count of sensitive files in Chinese', async () => {
		await item.waitFor({ state: 'visible', timeout: 30_000 });
		const end = Date.now() + 30_000;
		let text = '';
		while (Date.now() < end) {
			text = (await item.innerText()).replace(/\s+/g, ' ').trim();
			if (/受限/.test(text) && /个敏感文件/.test(text)) {
				break;
			}
			await page.waitForTimeout(250);
		}
		assert.match(text, /受限/, `status bar says: ${text}`);
		assert.match(text, /\d+ 个敏感文件/, `status bar says: ${text}`);
	});
	await j.screenshot('status-bar-zh-cn');
	await j.check('a click opens the preview, titled 暴露预览 and labelled 估算', async () => {
		await item.click();
		await editorTab(page, '暴露预览').first().waitFor({ state: 'visible', timeout: 20_000 });
		const frame = previewFrame(page);
		await frame.locator('#root[aria-busy="false"]').waitFor({ timeout: 20_000 });
		const body = await frame.locator('body').innerText();
		assert.match(body, /估算/);
		assert.match(body, /任意助手/);
		assert.doesNotMatch(body, /Would be sent|Any assistant|Exposure Preview/, 'no English UI string left in the preview');
	});
	await j.screenshot('preview-zh-cn');
}
