// Restore is a decision the org controls: under the built-in default (overrides.pause not allowed), Restore Assistant
// Settings and Remove Agent Hooks change nothing while the workspace is restricted, and the refusal is recorded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, auditEntries, waitFor, workspaceRoot } from './helpers';
import type { ContextWardenApi } from '../../src/extension';

const WATCHED = ['.vscode/settings.json', '.clineignore', '.cursorignore', '.continueignore', '.github/hooks/context-warden.json'];

async function snapshot(): Promise<Record<string, string | undefined>> {
	const out: Record<string, string | undefined> = {};
	for (const f of WATCHED) {
		try {
			out[f] = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), f)));
		} catch {
			out[f] = undefined;
		}
	}
	return out;
}

suite('pausing enforcement (not allowed)', () => {
	let api: ContextWardenApi;

	suiteSetup(async function () {
		this.timeout(60_000);
		api = await activatedApi('scan');
		assert.equal(api.effectivePolicy()?.policy.overrides.pause.allowed, false);
		assert.equal(api.summary()?.restricted, true);
		const applied = await waitFor(async () => {
			const s = await snapshot();
			return /"continue\.enableTabAutocomplete": false/.test(s['.vscode/settings.json'] ?? '') && s['.continueignore'] !== undefined && s['.github/hooks/context-warden.json'] !== undefined;
		}, 45_000, 250);
		assert.ok(applied, `levers and hooks not applied: ${JSON.stringify(await snapshot())}`);
	});

	test('Restore and Remove Agent Hooks change nothing, and say so in the audit log', async function () {
		this.timeout(30_000);
		const before = await snapshot();
		await vscode.commands.executeCommand('contextWarden.restoreAssistantSettings');
		await vscode.commands.executeCommand('contextWarden.restoreHooks');
		await new Promise((r) => setTimeout(r, 2000)); // a write would have happened by now: both commands finished
		assert.deepEqual(await snapshot(), before);
		assert.equal(api.enforcementPause(), undefined);
		const refused = await auditEntries(api, 'enforcement.pauseRefused');
		assert.deepEqual(refused.map((e) => (e.data as { command?: string }).command), ['restoreAssistantSettings', 'restoreHooks']);
		assert.deepEqual(await auditEntries(api, 'enforcement.paused'), []);
	});
});
