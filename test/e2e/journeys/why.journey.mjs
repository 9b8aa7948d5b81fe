// A developer asks why a file is sensitive: "Why Is This File Sensitive?" lists each rule, and for a content
// finding the line, and picking it jumps to that line.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statusBarItem } from '../lib.mjs';

export const name = 'why';
export const editor = { fixture: 'basic', settings: { 'workbench.colorTheme': 'Default Dark Modern' } };

/** A PEM private key block made at run time, so no key-shaped text is committed. */
function pemKey() {
	const label = ['PRIVATE', 'KEY'].join(' ');
	const body = randomBytes(480).toString('base64').replace(/(.{64})/g, '$1\n');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

async function quickOpen(page, query, label) {
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget input[type="text"]').first();
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill(query);
	const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
	await row.waitFor({ state: 'visible', timeout: 15_000 });
	await row.click();
	await page.locator('.tabs-container .tab[aria-selected="true"]').filter({ hasText: label }).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Runs "Why Is This File Sensitive?" from the palette and returns the quick pick's rows as text. */
async function whyRows(page) {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input[type="text"]').first();
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill('>Context Warden: Why Is This File Sensitive?');
	await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Why Is This File Sensitive?' }).first().click();
	// The palette closes and the command's own quick pick opens with the findings.
	const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
	const end = Date.now() + 15_000;
	let texts = [];
	while (Date.now() < end) {
		texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
		if (texts.length && !texts.some((t) => t.includes('Why Is This File Sensitive?'))) {
			break;
		}
		await page.waitForTimeout(200);
	}
	return texts;
}

/** @param {import('../lib.mjs').Journey & { workspace: string }} j */
export default async function run(j) {
	const { page } = j;
	await statusBarItem(page, /^Context Warden/).first().waitFor({ state: 'visible', timeout: 30_000 });
	writeFileSync(join(j.workspace, 'deploy-notes.txt'), `Deployment notes\n${pemKey()}`);

	await j.check('for .env, the path rule and its reason are listed', async () => {
		await quickOpen(page, '.env', '.env');
		const rows = await whyRows(page);
		assert.ok(rows.some((r) => /Restricted/.test(r) && /path/.test(r)), `rows: ${JSON.stringify(rows)}`);
		// A path-only match has nothing to go to: the prompt says so instead of "Pick a finding to go to it".
		const prompt = await page.locator('.quick-input-widget input[type="text"]').first().getAttribute('placeholder');
		assert.match(prompt ?? '', /Matched by its path only/);
		await page.keyboard.press('Escape');
	});
	await j.screenshot('why-env');

	await j.check('for a file holding a private key, the finding is listed with its line, and picking it jumps there', async () => {
		// A file made during the run: opened from the Explorer (Quick Open's index can lag behind a new file).
		const entry = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: 'deploy-notes.txt' }) }).first();
		await entry.waitFor({ state: 'visible', timeout: 15_000 });
		await entry.dblclick();
		await page.locator('.tabs-container .tab[aria-selected="true"]').filter({ hasText: 'deploy-notes.txt' }).waitFor({ state: 'visible', timeout: 15_000 });
		let rows = [];
		const end = Date.now() + 15_000;
		while (Date.now() < end) {
			rows = await whyRows(page);
			if (rows.some((r) => /PEM private key/.test(r))) {
				break;
			}
			await page.keyboard.press('Escape');
			await page.waitForTimeout(500);
		}
		const row = rows.find((r) => /PEM private key/.test(r));
		assert.ok(row, `rows: ${JSON.stringify(rows)}`);
		// In words once as the label (the core's message also names the PEM type: "PEM private key (private key)");
		// no "Private key · pem-private-key" beside it. The masked preview keeps its own BEGIN PRIVATE KEY line.
		assert.ok((row.match(/private[ -]key/g) ?? []).length <= 2, `"private key" said at most twice in words: ${row}`);
		assert.doesNotMatch(row, /pem-private-key/, `no rule id beside the words: ${row}`);
		assert.match(row, /line 2\b/, 'the key starts on line 2');
		assert.doesNotMatch(row, /BEGIN PRIVATE KEY-----\s*\S{20}/, 'no key material in the list');
		await j.screenshot('why-key');
		await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: 'PEM private key' }).first().click();
		// The cursor lands on line 2: the status bar's position item reads "Ln 2".
		await page.locator('.statusbar-item').filter({ hasText: /Ln 2, Col/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
	});
	await j.screenshot('why-jumped');
}
