// Drift in a real extension host: once the levers are applied in the restricted `governed` workspace (policy:
// disable), a user sets a managed setting back through the configuration API, or takes a line out of the managed
// block of an ignore file. The governance service sees it, applies the lever again (the policy says disable), and
// the audit log gets exactly one `drift.detected` entry per event, naming file, kind and levers, never the values.
import * as assert from 'node:assert/strict';
import ignore from 'ignore';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { AuditEntry } from '../../src/core/audit/log';
import type { ContextWardenApi } from '../../src/extension';
import { auditEntries, waitFor, waitForAuditEntry, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

const SETTINGS = '.vscode/settings.json';
const KEY = 'continue.enableTabAutocomplete';
const BEGIN = '# >>> context-warden managed';
const END = '# <<< context-warden managed <<<';

async function read(rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel)));
	} catch {
		return undefined;
	}
}

async function write(rel: string, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), rel), new TextEncoder().encode(text));
}

/** The lines inside the managed block of an ignore file. */
function blockLines(text: string): string[] {
	const lines = text.split(/\r?\n/);
	const begin = lines.findIndex((l) => l.startsWith(BEGIN));
	const end = lines.indexOf(END);
	return begin >= 0 && end > begin ? lines.slice(begin + 1, end) : [];
}

suite('governance drift', () => {
	const config = runConfig();
	let api: ContextWardenApi;

	const entries = (type?: string): Promise<AuditEntry[]> => auditEntries(api, type);
	const waitForEntry = (type: string, match: (e: AuditEntry) => boolean, timeoutMs?: number): Promise<AuditEntry | undefined> =>
		waitForAuditEntry(api, type, match, timeoutMs);

	suiteSetup(async function () {
		this.timeout(60_000);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		api = await ext.activate();
		assert.equal(typeof api.audit, 'function', 'the API exposes no audit service');
	});

	test('the run is trusted and the levers are applied, with an assistant.disabled entry', async function () {
		this.timeout(60_000);
		assert.equal(config.trusted, true);
		assert.equal(vscode.workspace.isTrusted, true);
		const applied = await waitFor(async () => (await read('.continueignore')) !== undefined && /"continue\.enableTabAutocomplete": false/.test((await read(SETTINGS)) ?? ''), 45_000, 250);
		assert.ok(applied, `levers not applied in 45 s; settings.json is now:\n${(await read(SETTINGS)) ?? '(missing)'}`);
		const disabled = await waitForEntry('assistant.disabled', (e) => e.data.assistantId === 'continue');
		assert.ok(disabled, `no assistant.disabled entry for Continue: ${JSON.stringify(await entries())}`);
		const levers = disabled.data.levers;
		assert.ok(Array.isArray(levers) && levers.includes('continue.tabAutocompleteOff'), JSON.stringify(disabled.data));
		assert.ok(Array.isArray(disabled.data.gaps), 'the entry lists the coverage gaps');
		assert.equal(api.governance().status().trustNeeded, false);
	});

	test('a managed setting set back by the user is detected, applied again, and logged once as drift', async function () {
		this.timeout(60_000);
		await vscode.workspace.getConfiguration().update(KEY, true, vscode.ConfigurationTarget.Workspace);
		const entry = await waitForEntry('drift.detected', (e) => e.data.file === SETTINGS);
		assert.ok(entry, `no drift.detected entry for ${SETTINGS}: ${JSON.stringify(await entries())}`);
		assert.equal(entry.data.kind, 'valueChanged');
		assert.ok(Array.isArray(entry.data.levers) && entry.data.levers.includes('continue.tabAutocompleteOff'), JSON.stringify(entry.data));
		assert.equal(entry.data.reapplied, true);
		for (const k of ['expected', 'actual', 'message']) {
			assert.ok(!(k in entry.data), `the entry carries ${k}: ${JSON.stringify(entry.data)}`);
		}
		const back = await waitFor(() => vscode.workspace.getConfiguration().inspect<boolean>(KEY)?.workspaceValue === false, 15_000, 100);
		assert.ok(back, `the setting was not applied again: ${JSON.stringify(vscode.workspace.getConfiguration().inspect(KEY))}`);
		assert.match((await read(SETTINGS)) ?? '', /"continue\.enableTabAutocomplete": false/);
		// Settled: the re-application itself is no drift, and the one event was recorded once.
		await new Promise((r) => setTimeout(r, 2_500));
		assert.equal((await entries('drift.detected')).filter((e) => e.data.file === SETTINGS).length, 1);
		assert.ok(!(await read(SETTINGS))?.includes(`"${KEY}": true`));
	});

	test('a line taken out of the managed block of an ignore file is put back, and logged as drift', async function () {
		this.timeout(60_000);
		const file = '.continueignore';
		const text = (await read(file)) ?? '';
		const envLines = blockLines(text).filter((l) => l.trim() !== '' && !l.startsWith('#') && ignore().add(l).ignores('.env'));
		assert.ok(envLines.length > 0, `no line in the managed block excludes .env:\n${text}`);
		const edited = text
			.split('\n')
			.filter((l) => !envLines.includes(l.replace(/\r$/, '')))
			.join('\n');
		await write(file, edited);
		const entry = await waitForEntry('drift.detected', (e) => e.data.file === file);
		assert.ok(entry, `no drift.detected entry for ${file}: ${JSON.stringify(await entries('drift.detected'))}`);
		assert.equal(entry.data.kind, 'blockEdited');
		assert.ok(Array.isArray(entry.data.levers) && entry.data.levers.includes('continue.continueignore'), JSON.stringify(entry.data));
		assert.equal(entry.data.reapplied, true);
		assert.ok(!('expected' in entry.data) && !('actual' in entry.data));
		const restored = await waitFor(async () => ignore().add((await read(file)) ?? '').ignores('.env'), 15_000, 200);
		assert.ok(restored, `the block was not applied again:\n${(await read(file)) ?? '(missing)'}`);
		const after = (await read(file)) ?? '';
		assert.equal(after.split('\n').filter((l) => l.startsWith(BEGIN)).length, 1, `one managed block:\n${after}`);
	});

	test('the audit report input names the drift per assistant, without the values', () => {
		const continueInput = api
			.governance()
			.auditAssistants()
			.find((a) => a.id === 'continue');
		assert.ok(continueInput, 'Continue is not in the audit input');
		assert.equal(continueInput.decision, 'disable');
		assert.ok(continueInput.leversApplied.includes('continue.tabAutocompleteOff'), JSON.stringify(continueInput.leversApplied));
		assert.ok(continueInput.coverageGaps.length > 0, 'Continue chat stays open: a coverage gap is listed');
		const files = (continueInput.drift ?? []).map((d) => d.file);
		assert.ok(files.includes(SETTINGS) && files.includes('.continueignore'), JSON.stringify(continueInput.drift));
		for (const d of continueInput.drift ?? []) {
			assert.deepEqual(Object.keys(d).filter((k) => k === 'expected' || k === 'actual'), []);
		}
	});

	test('restore is logged as assistant.restored', async function () {
		this.timeout(30_000);
		await api.governance().restore();
		const entry = await waitForEntry('assistant.restored', (e) => e.data.assistantId === 'continue');
		assert.ok(entry, `no assistant.restored entry for Continue: ${JSON.stringify(await entries())}`);
		assert.ok(Array.isArray(entry.data.levers) && entry.data.levers.includes('continue.tabAutocompleteOff'), JSON.stringify(entry.data));
	});
});
