// A developer whose display language is Chinese (zh-cn): the status bar item, its tooltip and the exposure preview
// read in Chinese, from the extension's own l10n bundle, down to why each file is sensitive (the core's English
// reasons shown through src/vscode/coreText.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorTab, scrollIntoView, statusBarItem } from '../lib.mjs';

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

/** A GitHub token shape made at run time, so no token-shaped text is committed. */
function githubToken() {
	const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return `ghp_${Array.from(randomBytes(36), (b) => alnum.charAt(b % alnum.length)).join('')}`;
}

/** Polls `read` until `done(value)` or the timeout; returns the last value. */
async function poll(page, read, done, timeout = 30_000) {
	const end = Date.now() + timeout;
	let value = await read();
	while (!done(value) && Date.now() < end) {
		await page.waitForTimeout(500);
		value = await read();
	}
	return value;
}

/** @param {import('../lib.mjs').Journey & { workspace: string }} j */
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
		// The first snapshot may come before the index: wait for the assistants rather than read once.
		const body = await poll(page, () => frame.locator('body').innerText(), (text) => /估算/.test(text) && /AI 助手可读取的内容/.test(text), 20_000);
		assert.match(body, /估算/);
		assert.match(body, /AI 助手可读取的内容/);
		assert.doesNotMatch(body, /Would be sent|Any assistant|Exposure Preview/, 'no English UI string left in the preview');
	});
	await j.check("the editor's built-in AI is named, and where it sends context is said, in Chinese", async () => {
		const builtIn = /编辑器内置 AI（聊天、代理模式、内联建议）/;
		const where = /GitHub Copilot 服务（GitHub\/微软云/;
		const frame = previewFrame(page);
		const body = await poll(page, () => frame.locator('body').innerText(), (text) => builtIn.test(text) && where.test(text), 20_000);
		assert.match(body, builtIn);
		assert.match(body, where);
		assert.doesNotMatch(body, /The editor's built-in AI|models from several providers|bring your own key/, 'no English catalogue text left');
	});
	await j.screenshot('preview-zh-cn');
	await j.check('the preview says why each file is sensitive in Chinese: a built-in path rule, and a secret with its line', async () => {
		writeFileSync(join(j.workspace, 'deploy-token.txt'), `Deployment\nGITHUB_TOKEN=${githubToken()}\n`);
		const frame = previewFrame(page);
		const secret = 'GitHub 个人访问令牌（经典）（第 2 行）';
		const body = await poll(page, () => frame.locator('body').innerText(), (text) => text.includes(secret));
		assert.ok(body.includes(secret), `the preview says: ${body}`);
		assert.match(body, /环境变量文件包含凭据和连接字符串。/, 'the .env path rule reason');
		assert.doesNotMatch(body, /Environment files hold|personal access token|\(line \d+\)/, 'no English reason left in the preview');
		// The preview re-renders as the index updates: scroll with a locator that is found again, not a one-shot handle.
		await scrollIntoView(frame.locator('td.reasons', { hasText: secret }).first());
	});
	await j.screenshot('preview-reasons-zh-cn');
	await j.check("the status bar tooltip names the policy's source, the assistants present and the time of the last scan in Chinese", async () => {
		await page.mouse.move(700, 300);
		await page.waitForTimeout(300);
		await item.hover();
		const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: '单击以预览' }).last();
		await hover.waitFor({ state: 'visible', timeout: 10_000 });
		const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
		assert.match(text, /默认：内置默认策略/, `the tooltip says: ${text}`);
		assert.doesNotMatch(text, /built-in default/, `the tooltip says: ${text}`);
		assert.match(text, /检测到的 AI 助手/, `the tooltip says: ${text}`);
		assert.match(text, /• 编辑器内置 AI（聊天、代理模式、内联建议）：已警告/, `the built-in AI by its Chinese name: ${text}`);
		assert.doesNotMatch(text, /[\u4e00-\u9fff）]: /, `no ASCII colon after Chinese text: ${text}`);
		assert.doesNotMatch(text, /The editor's built-in AI/, `the tooltip says: ${text}`);
		assert.match(text, /上次扫描：\d{1,2}:\d\d:\d\d(?!\s?[AP]M)/, `the time of the last scan in the display language: ${text}`);
	});
	await j.screenshot('status-tooltip-zh-cn');
	await j.check("the built-in AI's Why modal (the preview's 管控 button) is titled with its Chinese name, its decision and coverage in Chinese", async () => {
		await page.mouse.move(700, 300);
		const name = '编辑器内置 AI（聊天、代理模式、内联建议）';
		await previewFrame(page).getByRole('button', { name: `显示 Context Warden 如何管控 ${name}` }).first().click();
		const dialog = page.locator('.monaco-dialog-box').first();
		await dialog.waitFor({ state: 'visible', timeout: 10_000 });
		const text = (await dialog.innerText()).replace(/\u00a0/g, ' ');
		assert.ok(text.includes(`${name}：警告`), `the title names the assistant in Chinese: ${text}`);
		assert.match(text, /内联补全未覆盖/, `the modal says: ${text}`);
		assert.ok(text.includes(`此工作区受限，且 ${name} 不在 assistants.allow 中。`), `the decision names it in Chinese: ${text}`);
		assert.doesNotMatch(text, /The editor's built-in AI| not covered|only when the policy/, `no English catalogue or coverage text: ${text}`);
	});
	await j.screenshot('why-modal-zh-cn');
	await page.keyboard.press('Escape');
	await j.check('the Why modal lists the destinations the policy refuses in Chinese, ids as they are; a workspace policy written after its folder is read', async () => {
		const name = '编辑器内置 AI（聊天、代理模式、内联建议）';
		const refused = `${name} 可能将上下文发送到 `;
		const dialog = page.locator('.monaco-dialog-box').first();
		const open = async () => {
			await page.mouse.move(700, 300);
			await previewFrame(page).getByRole('button', { name: `显示 Context Warden 如何管控 ${name}` }).first().click();
			await dialog.waitFor({ state: 'visible', timeout: 10_000 });
			return (await dialog.innerText()).replace(/\u00a0/g, ' ');
		};
		const close = async () => {
			await page.keyboard.press('Escape');
			await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
		};
		// The built-in default allows no destination: the Why lists every place the built-in AI may send to.
		const before = await open();
		await close();
		assert.ok(before.includes(refused), `the modal says: ${before}`);
		assert.ok(before.includes('GitHub Copilot 服务（GitHub/微软云；由 GitHub 路由到多家提供商的模型）（github-copilot-cloud，全球）'), `the Copilot service, in Chinese: ${before}`);
		assert.ok(before.includes('用户添加到 VS Code 聊天的语言模型（自带密钥、本地模型）（user-configured，用户自行配置）'), `the user's models, in Chinese: ${before}`);
		assert.ok(before.includes('（allowedDestinations 为空）'), `the policy's empty list: ${before}`);
		assert.doesNotMatch(before, /GitHub\/Microsoft cloud|models from several providers|bring your own key|, global\)|, user-configured\)|may send context/, `no English place: ${before}`);
		mkdirSync(join(j.workspace, '.vscode'), { recursive: true });
		writeFileSync(join(j.workspace, '.vscode', 'context-policy.json'), JSON.stringify({ assistants: { block: ['vscode-chat'] } }));
		const blocked = `策略在所有工作区中禁止 ${name}（assistants.block 中含有 "vscode-chat"）。`;
		// The decision follows the policy file after a debounce: open the modal until it says so.
		const text = await poll(
			page,
			async () => {
				const shown = await open();
				if (!shown.includes(blocked)) {
					await close();
				}
				return shown;
			},
			(shown) => shown.includes(blocked),
		);
		assert.ok(text.includes(blocked), `the modal says: ${text}`);
	});
	await j.screenshot('why-modal-refused-zh-cn');
	await page.keyboard.press('Escape');
}
