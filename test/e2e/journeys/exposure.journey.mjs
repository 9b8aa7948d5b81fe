// Issue 4's acceptance in the real editor: a user with a restricted `.env` open beside their code sees the workspace
// level and the number of sensitive files in the status bar, reads the tooltip, clicks the item and gets the Exposure
// Preview, which lists `.env` as Restricted and "Would be sent" (no assistant is installed: "Any assistant"), follows
// the tabs as they close, and shows a file named like HTML as text. Then the same pictures in a light theme.
// The preview also shows, per agent, whether Context Warden's pre-tool hook is installed or running: the same lines
// as the tooltip.
//
// The preview lists each file once (with a chip per assistant present) and its count of sensitive files is the
// status bar's: checked with .env open in a tab and config/secrets.yml only indexed, in wide and narrow panels and in
// the dark, light and high-contrast themes.
//
// Screenshots (test-output/e2e/exposure/): status-bar, tooltip, preview, preview-{dark,light,hc}-{wide,narrow},
// preview-hooks, preview-after-close, attacker-name, attacker-tooltip, and the same with -light.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorTab, OUTPUT, runCommand, scrollIntoView, statusBarItem } from '../lib.mjs';

export const name = 'exposure';
// The web editor follows the browser's colour scheme (light in headless Chromium): start dark explicitly.
export const editor = { fixture: 'exposure', trusted: true, settings: { 'workbench.colorTheme': 'Default Dark Modern' } };

/** A file name an attacker could commit: it must be shown as text, never parsed as HTML. */
const ATTACKER_NAME = '<img src=x onerror=alert(1)>.ts';

/** Saves test-output/e2e/exposure/<file>.png (fixed names, as the issue lists them). */
async function shot(page, file, clip) {
	const dir = join(OUTPUT, name);
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${file}.png`);
	await page.screenshot({ path, ...(clip ? { clip } : {}) });
	console.log(`    screenshot: ${path}`);
	return path;
}

/** Polls `fn` until it returns a truthy value; throws with the last value seen. */
async function until(page, what, fn, timeout = 20_000) {
	const end = Date.now() + timeout;
	let last;
	while (Date.now() < end) {
		try {
			last = await fn();
			if (last) {
				return last;
			}
		} catch (err) {
			last = err instanceof Error ? err.message : String(err);
		}
		await page.waitForTimeout(200);
	}
	throw new Error(`${what}: never true (last: ${JSON.stringify(last)?.slice(0, 600)})`);
}

/**
 * Opens a file created during the run from the Explorer, as a person would: Quick Open's file index can lag behind
 * a new file for a while on a loaded machine, the Explorer does not.
 */
async function openFromExplorer(page, label) {
	await runCommand(page, 'View: Focus First Editor Group');
	await page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first().dblclick();
	await activeTab(page, label).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Quick Open (Ctrl+P): types `query`, waits for a result whose label is `label`, opens it. */
async function quickOpen(page, query, label) {
	// Open in the first group, beside the preview rather than over it.
	await runCommand(page, 'View: Focus First Editor Group');
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget input[type="text"]').first();
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill(query);
	const row = page
		.locator('.quick-input-list .monaco-list-row')
		.filter({ has: page.locator('.label-name', { hasText: label }) })
		.first();
	await row.waitFor({ state: 'visible', timeout: 15_000 });
	await row.click();
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
	await activeTab(page, label).waitFor({ state: 'visible', timeout: 15_000 });
}

function activeTab(page, label) {
	return page.locator('.tabs-container .tab[aria-selected="true"]').filter({ hasText: label });
}

/** The Context Warden status bar item (its accessible name starts with "Context Warden"). */
function cwItem(page) {
	return statusBarItem(page, /^Context Warden/).first();
}

/** Waits until the item's accessible name shows `re`; returns that name. */
async function itemLabel(page, re) {
	return until(page, `the status bar item's name matches ${re}`, async () => {
		const label = (await cwItem(page).getAttribute('aria-label')) ?? '';
		return re.test(label) ? label : false;
	});
}

/** The hover that the status bar item shows; resolves with its text. */
async function hoverTooltip(page) {
	// Move away first so a fresh hover opens.
	await page.mouse.move(700, 300);
	await page.waitForTimeout(300);
	await cwItem(page).hover();
	const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Click to preview' }).last();
	await hover.waitFor({ state: 'visible', timeout: 10_000 });
	await page.waitForTimeout(300);
	return hover;
}

/** The tooltip's text, spaces normalised (the tooltip's plain text comes with non-breaking spaces). */
async function tooltipText(page) {
	return (await (await hoverTooltip(page)).innerText()).replace(/\u00a0/g, " ");
}

/** The preview's document: `iframe.webview` (the editor's host frame), then its `#active-frame`. */
function previewFrame(page) {
	return page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
}

/** The preview's list for the surface titled `title` ("Open tabs", "Active editor", ...): each file once. */
function anySurface(page, title) {
	const frame = previewFrame(page);
	return frame
		.locator('details.preview-surface')
		.filter({ has: frame.locator('summary .surface-title', { hasText: new RegExp(`^${title}$`) }) });
}

/** The status bar's count of sensitive files ("… 2 sensitive"), from the item's accessible name. */
async function statusBarCount(page) {
	const label = await itemLabel(page, /\d+ sensitive/);
	return Number(/(\d+) sensitive/.exec(label)[1]);
}

/**
 * Asserts that the preview's totals count as many sensitive files as the status bar, that the headline says that
 * number, and that no file is listed twice. Read again until both sides agree (the preview re-renders debounced).
 */
async function assertTotalsMatchStatusBar(page) {
	return until(page, 'the preview\'s count of sensitive files equals the status bar\'s', async () => {
		const expected = await statusBarCount(page);
		const [seen] = await previewFrame(page)
			.locator('body')
			.evaluateAll((bodies) =>
				bodies.map((body) => {
					const totals = body.querySelector('.totals');
					const paths = Array.from(body.querySelectorAll('details.preview-surface tr.item td.file .path'), (p) => p.textContent);
					return { count: totals?.dataset.sensitiveFiles, headline: totals?.querySelector('.headline')?.textContent ?? '', paths };
				}),
			);
		assert.ok(seen, 'the preview has a body');
		assert.equal(seen.paths.length, new Set(seen.paths).size, `a file listed twice: ${seen.paths.join(', ')}`);
		if (Number(seen.count) !== expected) {
			throw new Error(`the preview counts ${seen.count}, the status bar ${expected}`);
		}
		assert.ok(seen.headline.startsWith(expected === 1 ? '1 sensitive file ' : `${expected} sensitive files `), `headline: ${seen.headline}`);
		return { expected, headline: seen.headline };
	});
}

/**
 * Saves the preview wide and narrow: the window at 1900 px (the preview's column about 900 px) and at 1000 px (about
 * 420 px, the narrow layout of labelled fields), checking the totals at each width. Then back to 1400 px.
 */
async function shotWidths(page, theme) {
	for (const [width, tag] of [
		[1900, 'wide'],
		[1000, 'narrow'],
	]) {
		await page.setViewportSize({ width, height: 900 });
		await page.waitForTimeout(600);
		await assertTotalsMatchStatusBar(page);
		const narrow = await previewFrame(page)
			.locator('body')
			.evaluateAll((bodies) => bodies.map((b) => b.ownerDocument.documentElement.clientWidth <= 700));
		assert.equal(narrow[0], tag === 'narrow', `${tag}: the preview's width puts it in the ${tag} layout`);
		if (tag === 'narrow') {
			// Labelled fields: the level cell of the .env row shows its label before the value.
			const label = await rowsFor(anySurface(page, 'Open tabs'), '.env')
				.first()
				.locator('td.level')
				.evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
			assert.equal(label[0], '"Level"');
		}
		await scrollIntoView(previewFrame(page).locator('h1.title'));
		await shot(page, `preview-${theme}-${tag}`);
	}
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.waitForTimeout(400);
}

/** Switches the colour theme with "Preferences: Color Theme", and waits for the workbench and the preview to follow. */
async function switchTheme(page, query, rowText, workbenchClass, bodyClass) {
	await runCommand(page, 'Preferences: Color Theme');
	const input = page.locator('.quick-input-widget input[type="text"]').first();
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill(query);
	const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: rowText }).first();
	await row.waitFor({ state: 'visible', timeout: 10_000 });
	await row.click();
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
	await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 10_000 });
	await previewFrame(page).locator(`body.${bodyClass}`).waitFor({ timeout: 10_000 });
}

/** The rows of a surface whose path text is exactly `path`. */
function rowsFor(surface, path) {
	// `has` must be a locator in the same frame: the preview's.
	const frame = previewFrame(surface.page());
	return surface.locator('tr.item').filter({ has: frame.locator('td.file .path', { hasText: exact(path) }) });
}

const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Asserts `.env` is listed once, under Open tabs (also indexed), as Restricted and sensitive, with a chip per assistant. */
async function assertEnvListed(page) {
	const tabs = anySurface(page, 'Open tabs');
	await tabs.waitFor({ state: 'attached', timeout: 20_000 });
	const row = rowsFor(tabs, '.env').first();
	await row.waitFor({ state: 'visible', timeout: 20_000 });
	assert.match((await row.getAttribute('class')) ?? '', /\bsensitive\b/, '.env row is marked sensitive');
	assert.equal((await row.locator('td.level .badge').innerText()).trim(), 'Restricted');
	assert.match((await row.locator('td.level .badge').getAttribute('class')) ?? '', /level-restricted/);
	assert.equal((await row.locator('td.file .also').innerText()).trim(), 'Also in: Indexed files');
	const frame = previewFrame(page);
	assert.equal(await frame.locator('tr.item td.file .path', { hasText: exact('.env') }).count(), 1, '.env is listed once');
	// The editor's built-in AI is the assistant present: its chip says what becomes of .env for it.
	const chip = row.locator('li.chip').first();
	assert.match((await chip.getAttribute('aria-label')) ?? '', /built-in AI.*: (Would be sent|Blocked by Context Warden|Excluded by the assistant's own controls|Assistant disabled here)$/);
}

/** Waits until the "Any assistant" open-tabs surface no longer lists `.env` (and still renders). */
async function assertEnvGoneFromTabs(page) {
	await until(page, '.env leaves the preview\'s "Open tabs"', async () => {
		const tabs = anySurface(page, 'Open tabs');
		if ((await tabs.count()) !== 1) {
			return false;
		}
		return (await rowsFor(tabs, '.env').count()) === 0;
	});
}

/**
 * The preview's hook lines as the tooltip words them: each agent row as "name: state", then each note. Read in one
 * evaluation, so rows and notes come from the same render.
 */
async function previewHookLines(page) {
	return previewFrame(page)
		.locator('details.hooks')
		.evaluateAll((sections) =>
			sections.flatMap((section) => [
				...Array.from(section.querySelectorAll('tr.hook-agent'), (tr) => `${tr.querySelector('td.agent').textContent}: ${tr.querySelector('td.hook-state').textContent}`),
				...Array.from(section.querySelectorAll('p.hook-note'), (p) => p.textContent),
			]),
		);
}

/** The clip of the lower-left of the window: the status bar with some editor above it. */
async function statusClip(page) {
	const box = await page.locator('.part.statusbar').boundingBox();
	return { x: 0, y: Math.max(0, box.y - 160), width: 900, height: box.y - Math.max(0, box.y - 160) + box.height };
}

/** Closes the editor tab labelled `label` with its close button. */
async function closeTabByButton(page, label) {
	const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
	await tab.click();
	await tab.hover();
	await tab.locator('.tab-actions .action-label').first().click();
	await tab.waitFor({ state: 'detached', timeout: 10_000 });
}

/** @param {import('../lib.mjs').Journey} j */
export default async function run(j) {
	const { page } = j;
	const dialogs = [];
	page.on('dialog', (d) => {
		dialogs.push(`${d.type()}: ${d.message()}`);
		d.dismiss().catch(() => {});
	});
	const workspace = new URL(page.url()).searchParams.get('folder');

	// ---- 2. .env open beside the source file: the status bar and its tooltip -------------------------------
	await j.check('Quick Open opens .env, then src/app.ts, as two tabs', async () => {
		await quickOpen(page, '.env', '.env');
		await quickOpen(page, 'app.ts', 'app.ts');
		await editorTab(page, '.env').first().waitFor({ state: 'visible' });
	});
	await j.check('the status bar item reads "Restricted" with a count "N sensitive"', async () => {
		const label = await itemLabel(page, /Restricted.*\d+ sensitive/);
		assert.match(label, /^Context Warden: /);
		const text = (await cwItem(page).innerText()).replace(/\s+/g, ' ');
		assert.match(text, /Restricted/, `the item shows: ${text}`);
		assert.match(text, /\b[1-9]\d* sensitive\b/, `the item shows: ${text}`);
	});
	await shot(page, 'status-bar', await statusClip(page));
	await j.check('hovering the item shows a tooltip with the level, the counts and the policy', async () => {
		const hover = await hoverTooltip(page);
		const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
		assert.match(text, /Context Warden/);
		assert.match(text, /Workspace level Restricted: AI assistants are restricted here\./, text);
		assert.doesNotMatch(text, /restricted \(Restricted\)/, 'the level is not said twice');
		assert.match(text, /Restricted: [1-9]/, text);
		assert.match(text, /Active file src\/app\.ts: Public/, text);
	});
	await shot(page, 'tooltip');
	await page.mouse.move(700, 300);

	// ---- 3. the click opens the Exposure Preview ------------------------------------------------------------
	await j.check('clicking the item opens the Exposure Preview', async () => {
		await cwItem(page).click();
		await editorTab(page, 'Exposure Preview').first().waitFor({ state: 'visible', timeout: 15_000 });
		await previewFrame(page).locator('#root[aria-busy="false"] details.preview-surface').first().waitFor({ timeout: 20_000 });
	});
	await j.check('the preview lists .env once, under Open tabs: Restricted, sensitive, with the built-in AI\'s chip', async () => {
		await assertEnvListed(page);
		// No assistant extension is installed in the test editor, but the editor ships its own AI (chat, agent
		// mode): it is detected and shown as the one assistant card, without a copy of the list.
		const cards = await until(page, 'the preview shows the built-in AI\'s card', async () => {
			const found = await previewFrame(page)
				.locator('section.assistant-card')
				.evaluateAll((cs) => cs.map((c) => ({ name: c.querySelector('.assistant-name')?.textContent?.trim(), tables: c.querySelectorAll('table').length })));
			assert.equal(found.length, 1, `one assistant card: ${JSON.stringify(found)}`);
			return found;
		});
		assert.match(cards[0].name ?? '', /built-in AI/);
		assert.equal(cards[0].tables, 0, 'no per-assistant copy of the list');
	});
	await j.check('the preview\'s count of sensitive files is the status bar\'s (.env open, config/secrets.yml indexed)', async () => {
		const { expected } = await assertTotalsMatchStatusBar(page);
		assert.equal(expected, 2, '.env and config/secrets.yml');
		assert.equal(await rowsFor(anySurface(page, 'Indexed files'), 'config/secrets.yml').count(), 1);
	});
	await j.check('with focus on the preview, the last active file (src/app.ts) stays: the redacted view shows it', async () => {
		await previewFrame(page).locator('details.redacted p.path', { hasText: exact('src/app.ts') }).waitFor({ timeout: 10_000 });
		assert.equal(await rowsFor(anySurface(page, 'Active editor'), 'src/app.ts').count(), 1);
	});
	await shot(page, 'preview');
	await j.check('dark: the preview wide and narrow, its totals equal to the status bar\'s at each width', async () => {
		await shotWidths(page, 'dark');
	});
	await j.check('the .env row\'s actions (Open, Close tab, Explain) fit in the preview, not clipped off its right edge', async () => {
		const row = rowsFor(anySurface(page, 'Open tabs'), '.env').first();
		const names = await row.locator('td.actions button').evaluateAll((buttons) =>
			buttons.map((b) => {
				const r = b.getBoundingClientRect();
				const width = b.ownerDocument.documentElement.clientWidth;
				return { name: b.textContent, right: Math.round(r.right), width, inside: r.left >= 0 && r.right <= width };
			}),
		);
		assert.deepEqual(
			names.map((b) => b.name),
			['Open', 'Close tab', 'Explain'],
		);
		const clipped = names.filter((b) => !b.inside);
		assert.deepEqual(clipped, [], `buttons past the preview's right edge: ${JSON.stringify(clipped)}`);
	});

	// ---- 3b. the agent hooks, per agent, as the tooltip says ------------------------------------------------
	await j.check('the preview shows the agent hooks: VS Code\'s own agent has a row once the hook is installed', async () => {
		const section = previewFrame(page).locator('details.hooks');
		await section.waitFor({ state: 'visible', timeout: 20_000 });
		assert.equal((await section.locator('summary').innerText()).trim(), 'Agent hooks');
		assert.notEqual(await section.getAttribute('open'), null, 'the section is open');
		// A restricted, trusted workspace: the hooks are installed after the first scan; the preview follows.
		const row = section.locator('tr.hook-agent[data-agent="vscode"]');
		await row.waitFor({ state: 'visible', timeout: 30_000 });
		assert.equal((await row.locator('td.agent').innerText()).trim(), 'VS Code');
		assert.match(await row.locator('td.hook-state').innerText(), /^hooks (installed, not run yet|active \(last run [\d:]+\)|can't run: .+)$/);
		assert.notEqual((await row.locator('td.hook-file').innerText()).trim(), '', 'the row names the file that holds the hook');
		await scrollIntoView(section);
	});
	await shot(page, 'preview-hooks');
	await j.check('every hook line of the preview is in the status bar tooltip, word for word', async () => {
		// Both sides are read again on each try: a hook's state can change (installed, then run) while we wait.
		await until(page, 'the tooltip shows the preview\'s hook lines', async () => {
			const lines = await previewHookLines(page);
			assert.ok(lines.length > 0, 'the preview shows hook lines');
			const tooltip = await tooltipText(page);
			const missing = lines.filter((l) => !tooltip.includes(`• ${l}`));
			if (missing.length > 0) {
				throw new Error(`missing ${JSON.stringify(missing)} in: ${tooltip}`);
			}
			return true;
		});
		await page.mouse.move(700, 300);
		await scrollIntoView(previewFrame(page).locator('h1.title'));
	});

	// ---- 4. closing the .env tab updates the preview --------------------------------------------------------
	await j.check('closing the .env editor tab removes .env from the preview\'s "Open tabs"', async () => {
		await closeTabByButton(page, '.env');
		await assertEnvGoneFromTabs(page);
		await page.waitForTimeout(400);
	});
	await shot(page, 'preview-after-close');

	// ---- 5. a file named like HTML is shown as text ---------------------------------------------------------
	await j.check(`a file named ${ATTACKER_NAME} opens`, async () => {
		assert.ok(workspace, `the page's URL names the workspace: ${page.url()}`);
		writeFileSync(join(workspace, ATTACKER_NAME), 'export const harmless = 1;\n');
		await until(page, 'the explorer lists the new file', async () =>
			(await page.locator('.explorer-folders-view .label-name', { hasText: 'onerror' }).count()) > 0,
		);
		await openFromExplorer(page, 'onerror');
	});
	await j.check('the preview shows the attacker-named file literally, as text, and no <img> exists', async () => {
		const active = anySurface(page, 'Active editor');
		await rowsFor(active, ATTACKER_NAME).first().waitFor({ state: 'visible', timeout: 20_000 });
		const frame = previewFrame(page);
		// The redacted view names the active file too.
		await frame.locator('details.redacted p.path', { hasText: exact(ATTACKER_NAME) }).waitFor({ timeout: 10_000 });
		// Looked up and read in one evaluation (Locator.evaluate would hold a handle between the two).
		const [dom] = await frame.locator('body').evaluateAll((bodies) =>
			bodies.map((body) => ({
				imgs: body.ownerDocument.querySelectorAll('img').length,
				imgX: body.ownerDocument.querySelectorAll('img[src="x"], img[onerror]').length,
				text: body.innerText.includes('<img src=x onerror=alert(1)>.ts'),
				html: body.innerHTML.includes('&lt;img src=x onerror=alert(1)&gt;.ts'),
			})),
		);
		assert.ok(dom, 'the preview has a body');
		assert.equal(dom.imgX, 0, 'no img with src=x / onerror in the webview');
		assert.equal(dom.imgs, 0, 'no img at all in the webview');
		assert.ok(dom.text, 'the name is in the text');
		assert.ok(dom.html, 'the name is escaped in the markup');
	});
	await shot(page, 'attacker-name');
	await j.check('the tooltip names the attacker-named file literally, and no <img src=x> exists in the window', async () => {
		const hover = await hoverTooltip(page);
		const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
		assert.ok(text.includes(`Active file ${ATTACKER_NAME}: Public`), `tooltip: ${text}`);
		assert.equal(await hover.locator('img').count(), 0, 'no img in the tooltip');
		assert.equal(await page.locator('img[src="x"], img[onerror]').count(), 0, 'no img src=x in the workbench');
	});
	await shot(page, 'attacker-tooltip');
	await page.mouse.move(700, 300);
	await j.check('no dialog fired (alert(1) never ran)', async () => {
		await page.waitForTimeout(500);
		assert.deepEqual(dialogs, []);
	});

	// ---- 6. the same in a light theme -----------------------------------------------------------------------
	await j.check('"Preferences: Color Theme" switches to Default Light Modern', async () => {
		// The webview follows the theme (VS Code puts the kind on its body).
		await switchTheme(page, 'Light Modern', /Light Modern/, 'vs', 'vscode-light');
	});
	await j.check('light: .env open again, the status bar reads "Restricted" and "N sensitive"', async () => {
		await quickOpen(page, '.env', '.env');
		await quickOpen(page, 'app.ts', 'app.ts');
		const label = await itemLabel(page, /Restricted.*\d+ sensitive/);
		assert.match(label, /^Context Warden: /);
	});
	await shot(page, 'status-bar-light', await statusClip(page));
	await j.check('light: the tooltip shows', async () => {
		const text = await tooltipText(page);
		assert.match(text, /AI assistants are restricted here/);
	});
	await shot(page, 'tooltip-light');
	await page.mouse.move(700, 300);
	await j.check('light: the preview lists .env as Restricted, "Would be sent"', async () => {
		await cwItem(page).click();
		await assertEnvListed(page);
	});
	await shot(page, 'preview-light');
	await j.check('light: the preview wide and narrow, its totals equal to the status bar\'s at each width', async () => {
		await shotWidths(page, 'light');
	});
	await j.check('high contrast: the preview wide and narrow, its totals equal to the status bar\'s at each width', async () => {
		await switchTheme(page, 'Dark High Contrast', /Dark High Contrast/, 'hc-black', 'vscode-high-contrast');
		await shotWidths(page, 'hc');
		await switchTheme(page, 'Light Modern', /Light Modern/, 'vs', 'vscode-light');
	});
	await j.check('light: the preview\'s own "Close tab" button closes .env and the preview updates', async () => {
		const row = rowsFor(anySurface(page, 'Open tabs'), '.env').first();
		await row.getByRole('button', { name: 'Close the tab of .env' }).click();
		await editorTab(page, '.env').first().waitFor({ state: 'detached', timeout: 10_000 });
		await assertEnvGoneFromTabs(page);
		await page.waitForTimeout(400);
	});
	await shot(page, 'preview-after-close-light');
	await j.check('light: the attacker-named file is still shown as text', async () => {
		await openFromExplorer(page, 'onerror');
		await rowsFor(anySurface(page, 'Active editor'), ATTACKER_NAME).first().waitFor({ state: 'visible', timeout: 20_000 });
		assert.equal(await previewFrame(page).locator('img').count(), 0);
		const text = await tooltipText(page);
		assert.ok(text.includes(ATTACKER_NAME), `tooltip: ${text}`);
		assert.deepEqual(dialogs, []);
	});
	await shot(page, 'attacker-tooltip-light');
}
