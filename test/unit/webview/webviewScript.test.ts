// The webview script (media/exposure.js) in real Chromium, under the panel's real CSP, with a stub of the
// webview API: file names stay text, actions post typed messages, state survives re-renders and reloads.
// Skipped when Chromium is not installed (node test/support/setup.mjs installs it) or CW_SKIP_BROWSER=1.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { shellHtml } from '../../../src/webview/html';
import type { SnapshotMessage } from '../../../src/webview/protocol';
import { buildPreview } from '../../../src/core/exposure/preview';
import { buildPreviewView } from '../../../src/webview/previewView';
import { buildExposureView, buildHooksView } from '../../../src/webview/viewModel';
import { assistant, englishLabels, englishStrings, previewStrings, sampleModel, XSS_NAME } from './fixtures';

const CHROMIUM = process.env.CW_CHROMIUM ?? '/usr/bin/chromium';
const ORIGIN = 'https://webview.test';
const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';
const MEDIA = join(__dirname, '..', '..', '..', 'media');

/** The webview API stub: records posted messages and state; `__initialState` seeds getState(). */
const STUB = `
	window.__posted = [];
	window.__violations = [];
	window.__state = window.__initialState;
	document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
	window.acquireVsCodeApi = () => ({
		postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
		getState: () => window.__state,
		setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); sessionStorage.setItem('state', JSON.stringify(s)); },
	});
`;

function snapshot(seq: number, publicFiles = 30): SnapshotMessage {
	return {
		type: 'snapshot',
		version: 1,
		seq,
		replyTo: 1,
		labels: englishLabels,
		view: buildExposureView(sampleModel(publicFiles), englishStrings),
		redacted: { path: XSS_NAME, text: 'const key = "████████";\n<script>window.__xss = 2</script>', truncated: false },
	};
}

interface Posted {
	type: string;
	requestId: number;
	path?: string;
	assistantId?: string;
}

/** Evaluates an expression in the page (strings: the tests type-check without the DOM library). */
const js = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(expression);
const posted = (page: Page) => js<Posted[]>(page, 'window.__posted');
const stateOf = (page: Page) => js<{ open: Record<string, boolean>; scrollY: number; filter: string }>(page, 'window.__state');
/**
 * Posts a host message and resolves once the webview has handled it: a listener added after the webview's own runs
 * after it in the same dispatch (the webview renders synchronously in its listener), so no assertion races the render.
 */
const send = (page: Page, m: unknown) =>
	page.evaluate(
		`new Promise((resolve) => { window.addEventListener('message', () => setTimeout(resolve, 0), { once: true }); window.postMessage(${JSON.stringify(m)}, '*'); })`,
	);
/**
 * Waits until an expression is true in the page. Not `page.waitForFunction`: when its first check fails it polls
 * by evaluating the string inside the page, which the panel's CSP (no 'unsafe-eval') refuses, so it flaked.
 */
async function until(page: Page, expression: string, timeoutMs = 5_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await js<boolean>(page, `Boolean(${expression})`))) {
		if (Date.now() > end) {
			throw new Error(`never true: ${expression}`);
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}
const isOpen = (details: Locator) => details.evaluate((d: { open?: boolean }) => d.open === true);

describe('exposure webview script in Chromium', function () {
	this.timeout(30_000);
	let browser: Browser | undefined;

	before(async function () {
		if (process.env.CW_SKIP_BROWSER === '1' || !existsSync(CHROMIUM)) {
			this.skip();
		}
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
		});
	});

	after(async () => {
		await browser?.close();
	});

	async function open(initialState?: unknown): Promise<Page> {
		assert.ok(browser);
		const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
		await page.addInitScript(`window.__initialState = ${JSON.stringify(initialState ?? null)} ?? undefined;${STUB}`);
		await page.route(`${ORIGIN}/**`, async (route) => {
			const url = new URL(route.request().url());
			if (url.pathname === '/') {
				const html = shellHtml({
					cspSource: ORIGIN,
					nonce: NONCE,
					scriptUri: `${ORIGIN}/media/exposure.js`,
					styleUri: `${ORIGIN}/media/exposure.css`,
					lang: 'en',
					title: 'Exposure Preview',
					loading: 'Computing the exposure…',
				});
				return route.fulfill({ contentType: 'text/html', body: html });
			}
			const name = url.pathname.replace('/media/', '');
			if (name === 'exposure.js' || name === 'exposure.css') {
				return route.fulfill({
					contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css',
					body: readFileSync(join(MEDIA, name), 'utf8'),
				});
			}
			return route.fulfill({ status: 404, body: '' });
		});
		await page.goto(`${ORIGIN}/`);
		await until(page, 'window.__posted.length > 0');
		return page;
	}

	it('says ready once, with a request id, and renders nothing before the snapshot', async () => {
		const page = await open();
		assert.deepEqual(await posted(page), [{ type: 'ready', requestId: 1 }]);
		assert.equal(await page.locator('table').count(), 0);
		await page.close();
	});

	it('shows an attacker-named file as text: no element, no script, no CSP violation', async () => {
		const page = await open();
		await send(page, snapshot(1));
		await page.getByText('By assistant').waitFor();
		assert.equal(await page.locator('img').count(), 0);
		assert.equal(await page.locator('script').count(), 1);
		assert.equal(await js<unknown>(page, 'window.__xss'), undefined);
		const paths = await page.locator('td.file .path').allTextContents();
		assert.ok(paths.includes(XSS_NAME), paths.join('\n'));
		assert.equal(await page.locator('pre.code').textContent(), 'const key = "████████";\n<script>window.__xss = 2</script>');
		assert.equal(await page.getByRole('button', { name: `Open ${XSS_NAME}` }).first().count(), 1);
		assert.deepEqual(await js<string[]>(page, 'window.__violations'), []);
		// The stylesheet loaded under style-src: the estimate badge is styled.
		assert.equal(await page.locator('.badge.estimate').evaluate((e: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { textTransform: string } }).getComputedStyle(e).textTransform), 'uppercase');
		await page.close();
	});

	it('shows the estimate label, the totals and the destinations at the top', async () => {
		const page = await open();
		await send(page, snapshot(1));
		await page.locator('.totals .headline').waitFor();
		assert.equal(await page.locator('h1 .badge.estimate').textContent(), 'Estimate');
		assert.match((await page.locator('.totals .headline').textContent()) ?? '', /^4 sensitive items \(.+\) would leave this machine\.$/);
		assert.deepEqual(await page.locator('.destinations li').allTextContents(), ['GitHub: GitHub cloud (US)']);
		await page.close();
	});

	it('posts typed actions from buttons, by mouse and by keyboard (Enter and Space)', async () => {
		const page = await open();
		await send(page, snapshot(1));
		await page.getByRole('button', { name: `Open ${XSS_NAME}` }).first().click();
		const close = page.getByRole('button', { name: 'Close the tab of .env' }).first();
		await close.focus();
		await page.keyboard.press('Enter');
		await page.getByRole('button', { name: 'Why is .env sensitive?' }).first().focus();
		await page.keyboard.press('Space');
		await page.getByRole('button', { name: 'Show how Context Warden governs GitHub Copilot' }).click();
		assert.deepEqual((await posted(page)).slice(1), [
			{ type: 'openFile', requestId: 2, path: XSS_NAME },
			{ type: 'closeTab', requestId: 3, path: '.env' },
			{ type: 'explainFile', requestId: 4, path: '.env' },
			{ type: 'showGovernance', requestId: 5, assistantId: 'copilot' },
		]);
		// No governance button for the "Any assistant" simulation.
		assert.equal(await page.getByRole('button', { name: 'Show how Context Warden governs Any assistant' }).count(), 0);
		// A failed action is announced in the live region.
		await send(page, { type: 'actionResult', replyTo: 2, ok: false, message: 'The action failed.' });
		assert.equal(await page.locator('[role=status]').textContent(), 'The action failed.');
		await page.close();
	});

	it('collapses public index files behind "and N public files", and keeps toggles across re-renders', async () => {
		const page = await open();
		await send(page, snapshot(1));
		const pub = page.locator('details.public-items').first();
		assert.equal(await pub.locator('summary').textContent(), 'and 32 public files');
		assert.equal(await isOpen(pub), false);
		await pub.locator('summary').focus();
		await page.keyboard.press('Enter');
		await until(page, `window.__state?.open['assistant:copilot/index/public'] === true`);
		await page.locator('details.assistant.any > summary').click();
		await until(page, `window.__state?.open['any'] === false`);
		const state = await stateOf(page);
		assert.equal(state.open['assistant:copilot/index/public'], true);
		assert.equal(state.open['any'], false);

		await send(page, snapshot(2));
		assert.equal(await isOpen(page.locator('details.public-items').first()), true);
		assert.equal(await isOpen(page.locator('details.assistant.any')), false);
		// Focus stays on the same control after the re-render.
		assert.equal(await js<string>(page, 'document.activeElement?.dataset.focusKey'), 'summary|any');
		// Stale snapshots are ignored.
		await send(page, { ...snapshot(1), view: undefined });
		assert.equal(await page.locator('details.assistant').count(), 2);
		await page.close();
	});

	it('restores scroll position and collapsed state from getState when rebuilt', async () => {
		const page = await open({ v: 1, open: { 'assistant:copilot/openTabs': false, 'assistant:copilot/index/public': true }, scrollY: 400, filter: '' });
		await send(page, snapshot(1, 150));
		await until(page, 'window.scrollY > 0');
		assert.equal(await js<number>(page, 'Math.round(window.scrollY)'), 400);
		const tabs = page.locator('details.surface').nth(1);
		assert.equal(await tabs.locator('summary .surface-title').textContent(), 'Open tabs');
		assert.equal(await isOpen(tabs), false);
		await page.close();
	});

	it('filters rows by path and says when nothing matches', async () => {
		const page = await open();
		await send(page, snapshot(1));
		await page.getByRole('searchbox', { name: 'Filter by path' }).fill('.ENV');
		const visible = await page.locator('tr.item:not([hidden]) td.file .path').allTextContents();
		assert.ok(visible.length > 0 && visible.every((p) => p === '.env'), visible.join(', '));
		await page.getByRole('searchbox', { name: 'Filter by path' }).fill('no-such-file');
		assert.equal(await page.locator('.no-match').isVisible(), true);
		assert.equal((await stateOf(page)).filter, 'no-such-file');
		await page.close();
	});

	it('shows the agent hooks per agent, as text, with the tooltip\'s other lines as notes', async () => {
		const page = await open();
		const hooks = buildHooksView({
			lines: ['VS Code: hooks installed, not run yet', `${XSS_NAME}: hooks active (last run 10:42)`, 'Hooks: not installed in .gemini/settings.json: not JSON'],
			agents: [
				{ agent: 'vscode', config: '.github/hooks/context-warden.json', notes: ['VS Code: hooks installed, not run yet'] },
				{ agent: 'claude', notes: [`${XSS_NAME}: hooks installed, not run yet`] },
			],
		});
		await send(page, { ...snapshot(1), hooks });
		const section = page.locator('details.hooks');
		assert.equal(await section.locator('summary').textContent(), 'Agent hooks');
		assert.equal(await isOpen(section), true);
		const rows = section.locator('tr.hook-agent');
		assert.equal(await rows.count(), 2);
		assert.deepEqual(await rows.nth(0).locator('td').allTextContents(), ['VS Code', 'hooks installed, not run yet', '.github/hooks/context-warden.json']);
		assert.deepEqual(await rows.nth(1).locator('td').allTextContents(), [XSS_NAME, 'hooks active (last run 10:42)', '—']);
		assert.equal(await rows.nth(0).getAttribute('data-agent'), 'vscode');
		assert.equal(await rows.nth(1).getAttribute('data-agent'), 'claude');
		assert.deepEqual(await section.locator('p.hook-note').allTextContents(), ['Hooks: not installed in .gemini/settings.json: not JSON']);
		assert.equal(await section.getByRole('table', { name: 'Agent hooks' }).count(), 1);
		assert.equal(await page.locator('img').count(), 0);
		assert.deepEqual(await js<string[]>(page, 'window.__violations'), []);
		// The path filter is about exposure rows: it leaves the hooks alone.
		await page.getByRole('searchbox', { name: 'Filter by path' }).fill('no-such-file');
		assert.equal(await rows.first().isVisible(), true);
		// Collapsed, it stays collapsed across re-renders.
		await section.locator('summary').click();
		await until(page, `window.__state?.open['hooks'] === false`);
		await send(page, { ...snapshot(2), hooks });
		assert.equal(await isOpen(page.locator('details.hooks')), false);
		await page.close();
	});

	it('shows the MCP servers as text, and drops malformed rows', async () => {
		const page = await open();
		const mcp = {
			servers: [
				{ name: 'workspace-files', where: '.vscode/mcp.json:5', runs: 'local: @modelcontextprotocol/server-filesystem', risk: 'reads the whole workspace', verdict: 'not allowed here; sandboxed' },
				{ name: XSS_NAME, where: `${XSS_NAME}:1`, runs: 'remote: evil.example', risk: 'receives the secrets in .env', verdict: 'blocked' },
				{ name: 'malformed', where: 5 },
			],
		};
		await send(page, { ...snapshot(1), mcp });
		const section = page.locator('details.mcp');
		assert.equal(await section.locator('summary').textContent(), 'MCP servers');
		const rows = section.locator('tr.mcp-server');
		assert.equal(await rows.count(), 2);
		assert.deepEqual(await rows.nth(0).locator('td').allTextContents(), ['workspace-files (local: @modelcontextprotocol/server-filesystem)', '.vscode/mcp.json:5', 'reads the whole workspace', 'not allowed here; sandboxed']);
		assert.deepEqual(await rows.nth(1).locator('td').allTextContents(), [`${XSS_NAME} (remote: evil.example)`, `${XSS_NAME}:1`, 'receives the secrets in .env', 'blocked']);
		assert.equal(await page.locator('img').count(), 0);
		assert.deepEqual(await js<string[]>(page, 'window.__violations'), []);
		await send(page, { ...snapshot(2), mcp: { servers: [] } });
		assert.equal(await page.locator('details.mcp').count(), 0, 'no section without servers');
		await page.close();
	});

	it('drops a malformed hooks section, and malformed rows of a well-formed one', async () => {
		const page = await open();
		await send(page, { ...snapshot(1), hooks: { agents: 'VS Code', notes: [] } });
		await page.getByText('By assistant').waitFor();
		assert.equal(await page.locator('details.hooks').count(), 0);
		await send(page, {
			...snapshot(2),
			hooks: { agents: [{ id: 'vscode', name: 'VS Code', state: 1 }, { id: 'cursor', name: 'Cursor', state: 'hooks installed, not run yet' }], notes: [7, 'ok'] },
		});
		assert.deepEqual(await page.locator('tr.hook-agent td.agent').allTextContents(), ['Cursor']);
		assert.deepEqual(await page.locator('p.hook-note').allTextContents(), ['ok']);
		// No hooks in the snapshot (no hook service): no section.
		await send(page, snapshot(3));
		assert.equal(await page.locator('details.hooks').count(), 0);
		await page.close();
	});

	it('shows "no data" when the host has no model yet', async () => {
		const page = await open();
		await send(page, { type: 'snapshot', version: 1, seq: 1, labels: englishLabels });
		await page.getByText('Nothing to show yet: the policy has not loaded.').waitFor();
		assert.equal(await page.locator('details.assistant').count(), 0);
		await page.close();
	});

	/** A snapshot with the one list: two assistants and a long path, as the panel posts it. */
	function previewSnapshot(seq: number): SnapshotMessage {
		const model = sampleModel(3, [assistant(), assistant({ id: 'tabnine', name: 'Tabnine', surfaces: ['openTabs'] })]);
		const view = buildExposureView(model, englishStrings);
		view.preview = buildPreviewView(buildPreview(model), new Map(model.assistants.map((a) => [a.id, a.name])), 2, englishStrings, previewStrings);
		return { type: 'snapshot', version: 1, seq, labels: englishLabels, view };
	}

	it('the one list: each file once, chips per assistant, the distinct count on the totals, compact assistant cards', async () => {
		const page = await open();
		await send(page, previewSnapshot(1));
		await page.locator('table.preview-items').first().waitFor();
		const paths = await page.locator('tr.item td.file .path').allTextContents();
		assert.equal(paths.length, new Set(paths).size, `listed twice: ${paths.join(', ')}`);
		assert.equal(await page.locator('.totals').getAttribute('data-sensitive-files'), '2');
		const env = page.locator('tr.item').filter({ has: page.locator('.path', { hasText: /^\.env$/ }) });
		assert.deepEqual(await env.locator('li.chip').allTextContents(), ['GitHub Copilot', 'Tabnine']);
		assert.equal(await env.locator('li.chip').first().getAttribute('aria-label'), 'GitHub Copilot: Would be sent');
		// No per-assistant copy of the list.
		assert.equal(await page.locator('section.assistant-card').count(), 2);
		assert.equal(await page.locator('section.assistant-card table').count(), 0);
		await page.close();
	});

	it('narrow panel: labelled fields, and a path wraps only after a "/", never inside a name', async () => {
		const page = await open();
		await page.setViewportSize({ width: 300, height: 800 });
		const snap = previewSnapshot(1);
		const longPath = 'packages/server-configuration/environments/production-eu-west/credentials.env';
		const item = snap.view?.preview?.surfaces[1]?.items[0];
		assert.ok(item);
		item.path = longPath;
		await send(page, snap);
		await page.locator('table.preview-items').first().waitFor();
		const labelsShown = await js<string[]>(
			page,
			`Array.from(document.querySelector('tr.item').querySelectorAll('td[data-label]:not(.file)'), (td) => getComputedStyle(td, '::before').content)`,
		);
		assert.ok(labelsShown.length >= 4 && labelsShown.every((c) => c !== 'none' && c !== '""'), `labels: ${labelsShown.join(', ')}`);
		// Each part of each path (the text between break opportunities) lies on one line.
		const broken = await js<string[]>(
			page,
			`Array.from(document.querySelectorAll('td.file .path')).flatMap((span) => Array.from(span.childNodes).filter((n) => n.nodeType === 3).flatMap((n) => {
				const r = document.createRange(); r.selectNodeContents(n);
				const tops = new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top)));
				return tops.size > 1 ? [n.textContent] : [];
			}))`,
		);
		assert.deepEqual(broken, []);
		const lines = await js<number>(
			page,
			`(() => { const span = Array.from(document.querySelectorAll('td.file .path')).find((s) => s.textContent === ${JSON.stringify(longPath)}); const r = document.createRange(); r.selectNodeContents(span); return new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size; })()`,
		);
		assert.ok(lines > 1, 'the long path wraps (at a "/")');
		await page.close();
	});
});
