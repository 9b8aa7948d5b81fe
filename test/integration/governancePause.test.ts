// Restore is a decision the org controls: under an org policy that allows pausing (overrides.pause), Restore in a
// restricted workspace gives every file back and pauses enforcement. For at least 30 s nothing is written again,
// although an assistant stand-in (Cody) activates and a new sensitive file appears in between; the status bar says
// "enforcement paused", the audit log says who paused; Resume Enforcement applies the levers again.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, auditEntries, waitFor, waitForAuditEntry, workspaceRoot } from './helpers';
import type { ContextWardenApi } from '../../src/extension';

const WATCHED = ['.vscode/settings.json', '.clineignore', '.cursorignore', '.continueignore', '.copilotignore', '.github/hooks/context-warden.json'];
/** The fixture as committed: what every watched file is before Context Warden (undefined: it does not exist). */
const FIXTURE = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'workspaces', 'governed');

async function read(rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel)));
	} catch {
		return undefined;
	}
}

function original(rel: string): string | undefined {
	const file = path.join(FIXTURE, rel);
	return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The watched files that differ from the fixture, with what they hold now. */
async function changed(): Promise<string[]> {
	const out: string[] = [];
	for (const f of WATCHED) {
		const now = await read(f);
		if (now !== original(f)) {
			out.push(`${f}:\n${now ?? '(missing)'}`);
		}
	}
	return out;
}

suite('pausing enforcement (allowed by the org)', () => {
	let api: ContextWardenApi;

	suiteSetup(async function () {
		this.timeout(60_000);
		api = await activatedApi('scan');
		assert.ok(await waitFor(() => api.effectivePolicy()?.policy.overrides.pause.allowed === true, 20_000), 'the org policy allowing pauses is not in force');
		assert.equal(api.summary()?.restricted, true);
		assert.ok(vscode.extensions.getExtension('sourcegraph.cody-ai'), 'the Cody stand-in is installed');
	});

	test('the levers are applied in the restricted workspace', async function () {
		this.timeout(60_000);
		const applied = await waitFor(async () => /"continue\.enableTabAutocomplete": false/.test((await read('.vscode/settings.json')) ?? '') && (await read('.continueignore')) !== undefined, 45_000, 250);
		assert.ok(applied, `levers not applied: ${(await changed()).join('\n')}`);
	});

	test('Restore gives every file back, pauses enforcement, and the status bar says so', async function () {
		this.timeout(60_000);
		await vscode.commands.executeCommand('contextWarden.restoreAssistantSettings');
		await vscode.commands.executeCommand('contextWarden.restoreHooks');
		assert.ok(await waitFor(async () => (await changed()).length === 0, 20_000, 250), `not restored:\n${(await changed()).join('\n')}`);
		const pause = api.enforcementPause();
		assert.ok(pause, 'no pause in force');
		assert.equal(pause.command, 'restoreAssistantSettings');
		assert.ok(await waitFor(() => api.statusBarText().includes('enforcement paused'), 5_000), `status bar: ${api.statusBarText()}`);
		const entry = await waitForAuditEntry(api, 'enforcement.paused', () => true);
		assert.ok(entry, 'no enforcement.paused entry');
		assert.equal((entry.data as { by?: string }).by, pause.by);
		assert.ok(typeof entry.at === 'string' && entry.at !== '');
	});

	test('for 30 s nothing is written again, though an assistant (Cody) activates and a new sensitive file appears', async function () {
		this.timeout(60_000);
		const start = Date.now();
		const end = start + 31_000;
		let step = 0;
		while (Date.now() < end) {
			if (step === 3) {
				await vscode.commands.executeCommand('assistantStub.activate');
				assert.ok(vscode.extensions.getExtension('sourcegraph.cody-ai')?.isActive, 'the Cody stand-in activated');
			}
			if (step === 6) {
				await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), 'deploy', '.env.production'), new TextEncoder().encode('API_TOKEN=cw_test_1111111111111111111111111111\n'));
			}
			const diff = await changed();
			assert.deepEqual(diff, [], `written again ${Math.round((Date.now() - start) / 1000)} s into the pause`);
			assert.ok(api.enforcementPause(), `the pause ended ${Math.round((Date.now() - start) / 1000)} s in`);
			step++;
			await new Promise((r) => setTimeout(r, 1000));
		}
		assert.ok(Date.now() - start >= 30_000, 'held for at least 30 s');
		assert.ok(api.statusBarText().includes('enforcement paused'));
	});

	test('Resume Enforcement applies the levers again and records who resumed', async function () {
		this.timeout(60_000);
		await vscode.commands.executeCommand('contextWarden.resumeEnforcement');
		assert.equal(api.enforcementPause(), undefined);
		const applied = await waitFor(async () => /"continue\.enableTabAutocomplete": false/.test((await read('.vscode/settings.json')) ?? '') && (await read('.continueignore')) !== undefined && (await read('.github/hooks/context-warden.json')) !== undefined, 30_000, 250);
		assert.ok(applied, `not applied again:\n${(await changed()).join('\n')}`);
		assert.ok(await waitFor(() => !api.statusBarText().includes('enforcement paused'), 5_000), api.statusBarText());
		const resumed = (await auditEntries(api, 'enforcement.resumed')).at(-1);
		assert.equal((resumed?.data as { why?: string } | undefined)?.why, 'resumed');
	});
});
