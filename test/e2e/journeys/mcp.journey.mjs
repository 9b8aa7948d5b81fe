// MCP servers as a developer sees them: the fixture's .vscode/mcp.json declares a file-system server over the
// workspace and a server started with envFile ".env"; the workspace is restricted and its policy layer asks for the
// sandbox. The status bar tooltip lists both servers with what they reach and receive, the Exposure Preview has an
// "MCP servers" section saying the same, and .vscode/mcp.json gets the sandbox.
//
// Screenshots (test-output/e2e/mcp/): tooltip, preview-mcp.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, scrollIntoView, statusBarItem } from '../lib.mjs';

export const name = 'mcp';
export const editor = { fixture: 'mcp', trusted: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } };

function cwItem(page) {
	return statusBarItem(page, /^Context Warden/).first();
}

/** The status bar item's hover; resolves with it once it shows `re`. */
async function tooltip(page, re) {
	const end = Date.now() + 30_000;
	let text = '';
	while (Date.now() < end) {
		await page.mouse.move(700, 300);
		await page.waitForTimeout(300);
		await cwItem(page).hover();
		const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Click to preview' }).last();
		await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
		text = ((await hover.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
		if (re.test(text)) {
			return hover;
		}
		await page.waitForTimeout(1000);
	}
	throw new Error(`the tooltip never showed ${re}: ${text}`);
}

/** The preview's document: `iframe.webview` (the editor's host frame), then its `#active-frame`. */
function previewFrame(page) {
	return page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
}

export default async function run(j) {
	const { page } = j;
	await cwItem(page).waitFor({ state: 'visible', timeout: 30_000 });

	await j.check('the tooltip lists both MCP servers with what they reach and receive, sandboxed', async () => {
		const hover = await tooltip(page, /billing: .*sandboxed/);
		const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
		assert.match(text, /MCP servers:/);
		assert.match(text, /workspace-files: not allowed here; reads the whole workspace; sandboxed/);
		assert.match(text, /billing: not allowed here; receives the secrets in \.env; sandboxed/);
		await j.screenshot('tooltip');
	});

	await j.check('.vscode/mcp.json has the sandbox for both servers, its comment kept', async () => {
		const text = readFileSync(join(j.workspace, '.vscode', 'mcp.json'), 'utf8');
		assert.match(text, /^\/\/ MCP servers of this workspace\./);
		assert.equal((text.match(/"sandboxEnabled": true/g) ?? []).length, 2);
	});

	await j.check('the Exposure Preview has an MCP servers section with both servers and their verdicts', async () => {
		await page.mouse.move(700, 300);
		await runCommand(page, 'Context Warden: Show Exposure Preview');
		const frame = previewFrame(page);
		const section = frame.locator('details.mcp');
		await section.waitFor({ state: 'visible', timeout: 30_000 });
		const rows = section.locator('tr.mcp-server');
		assert.equal(await rows.count(), 2);
		const cells = [await rows.nth(0).locator('td').allTextContents(), await rows.nth(1).locator('td').allTextContents()];
		assert.deepEqual(cells[0].slice(0, 3), ['workspace-files (local: @modelcontextprotocol/server-filesystem)', '.vscode/mcp.json:5', 'reads the whole workspace']);
		// The sandbox lines written above the billing server move it down the file.
		assert.deepEqual([cells[1][0], cells[1][2]], ['billing (local: node)', 'receives the secrets in .env']);
		assert.match(cells[1][1] ?? '', /^\.vscode\/mcp\.json:\d+$/);
		for (const c of cells) {
			assert.match(c[3] ?? '', /^not allowed here; .*sandboxed/);
		}
		await scrollIntoView(section);
		await j.screenshot('preview-mcp');
	});
}
