// Helpers for user journeys: the built extension installed in code-server, driven in Chromium as a person would.
//   const ed = await startEditor({ fixture: 'basic' });
//   await statusBarItem(ed.page, 'Context Warden').waitFor();
//   await runCommand(ed.page, 'Context Warden: Show Effective Policy');
//   await screenshot(ed.page, 'my-journey', '01-policy');
//   await ed.close();

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../support/browser.mjs';
import { folderUrl, startCodeServer } from '../support/codeServer.mjs';
import { ROOT } from '../support/setup.mjs';

export const OUTPUT = join(ROOT, 'test-output', 'e2e');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspaces');

/** What the .vsix carries (see .vscodeignore): the installed extension is exactly this. */
export function extensionFiles() {
	const nls = readdirSync(ROOT).filter((f) => /^package\.nls(\..+)?\.json$/.test(f));
	return ['package.json', ...nls, 'l10n', 'dist', 'media', 'policies', 'README.md', 'LICENSE', 'CHANGELOG.md'];
}

/**
 * Starts code-server with the built extension installed (copied as the .vsix would install it), opens a temp copy
 * of a fixture in Chromium and waits for the workbench.
 * @param {object} [o]
 * @param {string} [o.fixture='basic']  folder under test/fixtures/workspaces
 * @param {boolean} [o.trusted=true]  false: the workspace opens in Restricted Mode
 * @param {Record<string, unknown>} [o.settings]  user settings
 * @param {Record<string, unknown>} [o.machineSettings]  machine settings (where code-server reads machine-scoped ones such as
 *   contextWarden.policyFile); `${root}` in a value is this checkout
 * @param {Record<string, string>} [o.env]  environment for the server and its extension host
 * @param {string[]} [o.extensions]  more extension folders (repo-relative) to install, e.g. stub assistants
 * @param {string} [o.logFile]  where the server's output goes
 */
export async function startEditor(o = {}) {
	if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
		throw new Error('dist/extension.js is missing: run `npm run build` first');
	}
	const fixture = o.fixture ?? 'basic';
	const parent = mkdtempSync(join(tmpdir(), 'cw-e2e-ws-'));
	const workspace = join(parent, fixture);
	cpSync(join(FIXTURES, fixture), workspace, { recursive: true });
	let server;
	let browser;
	try {
		server = await startCodeServer({
			workspace,
			trusted: o.trusted !== false,
			// Keep the chat side bar closed so screenshots show the editor.
			settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...o.settings },
			env: o.env,
			...(o.machineSettings
				? { machineSettings: Object.fromEntries(Object.entries(o.machineSettings).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('${root}', ROOT) : v])) }
				: {}),
			...(o.locale ? { locale: o.locale } : {}),
			extensions: [{ dir: ROOT, files: extensionFiles() }, ...(o.extensions ?? []).map((d) => join(ROOT, d))],
			logFile: o.logFile,
			quiet: true,
		});
		browser = await launchBrowser();
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		const page = await context.newPage();
		const consoleLines = [];
		page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
		page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
		await page.goto(folderUrl(server, workspace));
		await waitForWorkbench(page);
		return {
			server,
			browser,
			page,
			workspace,
			consoleLines,
			async close() {
				await browser.close().catch(() => {});
				await server.stop();
				rmSync(parent, { recursive: true, force: true });
			},
		};
	} catch (err) {
		await browser?.close().catch(() => {});
		await server?.stop();
		rmSync(parent, { recursive: true, force: true });
		throw err;
	}
}

/** Waits until the workbench is drawn, the folder is open in the explorer and the status bar is there. */
export async function waitForWorkbench(page, timeout = 60_000) {
	await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
	await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
	await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
}

/** A status bar item by its accessible name (a string is matched as a substring). */
export function statusBarItem(page, name) {
	return page.locator('.part.statusbar').getByRole('button', { name });
}

/** Runs a command from the command palette (F1) by its full title, e.g. `Context Warden: Show Effective Policy`. */
export async function runCommand(page, title, timeout = 15_000) {
	await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => {});
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input[type="text"]').first();
	await input.waitFor({ state: 'visible', timeout });
	await input.fill(`>${title}`);
	const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
	try {
		await row.waitFor({ state: 'visible', timeout });
	} catch {
		await page.keyboard.press('Escape');
		throw new Error(`the command palette has no command titled "${title}"`);
	}
	await row.click();
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout }).catch(() => {});
	// A command that is missing or throws shows "Command '…' resulted in an error" (dialog or notification).
	const failure = page
		.locator('.monaco-dialog-box, .notifications-toasts .notification-toast')
		.filter({ hasText: /resulted in an error|not found/ })
		.first();
	if (await failure.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false)) {
		const text = (await failure.innerText()).replace(/\s+/g, ' ').trim();
		await page.keyboard.press('Escape');
		throw new Error(`running "${title}" failed: ${text}`);
	}
}

/** The editor tab whose label contains `label`. */
export function editorTab(page, label) {
	return page.locator('.tabs-container .tab').filter({ hasText: label });
}

/** The text of the active editor as shown (spaces normalised). Only the rendered lines: scroll for more. */
export async function activeEditorText(page) {
	const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
	return text.replace(/\u00a0/g, ' ');
}

/** Polls the active editor until its text matches `re`; returns the text. */
export async function waitForEditorText(page, re, timeout = 15_000) {
	const end = Date.now() + timeout;
	let text = '';
	while (Date.now() < end) {
		text = await activeEditorText(page).catch(() => '');
		if (re.test(text)) {
			return text;
		}
		await page.waitForTimeout(200);
	}
	throw new Error(`the active editor never showed ${re}; it shows:\n${text.slice(0, 500)}`);
}

/**
 * Scrolls the element `locator` finds into view and waits until it is still in view, finding it again whenever a
 * re-render replaces it. Locator.scrollIntoViewIfNeeded (like Locator.evaluate and boundingBox) resolves the locator
 * to an element handle once and does not retry when that element leaves the DOM (microsoft/playwright#23758): the
 * Exposure Preview replaces its content on every snapshot, and the scroll threw "Element is not attached to the DOM".
 * A re-render also restores the preview's saved scroll position, hence the check that the element stays in view.
 */
export async function scrollIntoView(locator, timeout = 10_000) {
	const end = Date.now() + timeout;
	let last = '';
	while (Date.now() < end) {
		try {
			await locator.scrollIntoViewIfNeeded({ timeout: Math.max(1, end - Date.now()) });
		} catch (err) {
			last = err instanceof Error ? err.message : String(err);
			if (!/not attached to the DOM/.test(last)) {
				throw err;
			}
			continue;
		}
		// Give the webview a frame to save its scroll position, then look again: lookup and measure in one call.
		await locator.page().waitForTimeout(100);
		const inView = await locator.evaluateAll((els) => {
			const r = els[0]?.getBoundingClientRect();
			const view = els[0]?.ownerDocument.documentElement;
			return !!r && r.height > 0 && r.top < view.clientHeight && r.bottom > 0 && r.left < view.clientWidth && r.right > 0;
		});
		if (inView) {
			return;
		}
		last = 'scrolled, but no longer in view';
	}
	throw new Error(`could not scroll ${locator} into view within ${timeout} ms: ${last}`);
}

/** Saves a screenshot to test-output/e2e/<journey>/<step>.png and returns its path. */
export async function screenshot(page, journey, step) {
	const dir = join(OUTPUT, journey);
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${step}.png`);
	await page.screenshot({ path });
	return path;
}

/**
 * A journey's steps: each `check` is one counted test; a failing check is recorded with a screenshot and the
 * journey goes on, so one run shows every broken step.
 */
export class Journey {
	constructor(name, page) {
		this.name = name;
		this.page = page;
		this.results = [];
		this.shots = 0;
	}

	/** Runs `fn` as a named check; returns its value, or undefined when it failed. */
	async check(title, fn) {
		const started = Date.now();
		try {
			const value = await fn();
			this.results.push({ title, ok: true, ms: Date.now() - started });
			console.log(`  ✔ ${title}`);
			return value;
		} catch (err) {
			const message = (err instanceof Error ? err.message : String(err)).replace(/\x1b\[[0-9;]*m/g, '');
			this.results.push({ title, ok: false, ms: Date.now() - started, error: message });
			console.log(`  ✘ ${title}\n      ${message.split('\n').join('\n      ')}`);
			const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
			await this.screenshot(`FAILED-${slug}`).catch(() => {});
			return undefined;
		}
	}

	/** Saves `<NN>-<step>.png` under test-output/e2e/<journey>/. */
	async screenshot(step) {
		this.shots += 1;
		const path = await screenshot(this.page, this.name, `${String(this.shots).padStart(2, '0')}-${step}`);
		console.log(`    screenshot: ${path}`);
		return path;
	}
}
