// Assistant governance in Restricted Mode (the workspace is not trusted): the restricted `governed` workspace is
// scanned, the assistants are detected and decided (policy: disable), but no setting and no file is written: every
// file of the workspace stays byte for byte the fixture's, and the service's status says trust is needed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import { waitFor, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

/** Every file under `dir`, by relative POSIX path, with its bytes. */
function tree(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
	for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, d.name);
		if (d.isDirectory()) {
			tree(full, base, out);
		} else if (d.isFile()) {
			out.set(path.relative(base, full).split(path.sep).join('/'), fs.readFileSync(full));
		}
	}
	return out;
}

function differences(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
	const out: string[] = [];
	for (const [f, bytes] of expected) {
		const now = actual.get(f);
		if (!now) {
			out.push(`${f}: deleted`);
		} else if (!now.equals(bytes)) {
			out.push(`${f}: changed to ${JSON.stringify(now.toString('utf8'))}`);
		}
	}
	for (const f of actual.keys()) {
		if (!expected.has(f)) {
			out.push(`${f}: created`);
		}
	}
	return out;
}

suite('governance in Restricted Mode', () => {
	const config = runConfig();
	let api: ContextWardenApi;
	let fixture: Map<string, Buffer>;

	suiteSetup(async function () {
		this.timeout(60_000);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		api = await ext.activate();
		fixture = tree(path.join(ext.extensionPath, 'test', 'fixtures', 'workspaces', config.fixture));
		assert.ok(fixture.size > 0, 'the fixture is empty');
	});

	test('the workspace is not trusted', () => {
		assert.equal(config.trusted, false);
		assert.equal(vscode.workspace.isTrusted, false);
	});

	test('the scan settles on a restricted workspace, and the assistants are detected and decided', async function () {
		this.timeout(60_000);
		const settled = await waitFor(() => !api.isScanning() && api.summary()?.restricted === true, 45_000, 250);
		assert.ok(settled, `the scan did not settle on a restricted workspace: ${JSON.stringify(api.summary())}`);
		let inputs = api.governance().auditAssistants();
		const decided = await waitFor(() => {
			inputs = api.governance().auditAssistants();
			return inputs.some((a) => a.decision === 'disable');
		}, 20_000, 250);
		assert.ok(decided, `no assistant decided "disable": ${JSON.stringify(inputs)}`);
		for (const a of inputs) {
			assert.deepEqual(a.leversApplied, [], `${a.id}: levers recorded as applied in Restricted Mode`);
		}
	});

	test("the service's status says trust is needed, and names what would be written", async function () {
		this.timeout(30_000);
		const needed = await waitFor(() => api.governance().status().trustNeeded, 20_000, 250);
		const status = api.governance().status();
		assert.ok(needed, JSON.stringify(status));
		assert.ok(status.pendingFiles.includes('.vscode/settings.json'), JSON.stringify(status));
		assert.ok(status.message && status.message.length > 0);
		const lines = api.governance().statusLines();
		assert.ok(
			lines.some((l) => l.state === status.message),
			`the status bar lines do not say so: ${JSON.stringify(lines)}`,
		);
	});

	test('no setting and no file is written: the workspace is byte for byte the fixture', async function () {
		this.timeout(30_000);
		// Give a late apply every chance to happen before looking.
		await new Promise((r) => setTimeout(r, 3_000));
		const diff = differences(fixture, tree(workspaceRoot().fsPath));
		assert.deepEqual(diff, []);
		for (const key of ['chat.disableAIFeatures', 'continue.enableTabAutocomplete']) {
			assert.equal(vscode.workspace.getConfiguration().inspect(key)?.workspaceValue, undefined, `${key} has a workspace value`);
		}
		const log = await api.audit().verify();
		assert.ok(log.ok);
		assert.deepEqual(
			log.entries.filter((e) => e.type === 'assistant.disabled' || e.type === 'drift.detected'),
			[],
			'nothing was disabled, so nothing is logged as disabled',
		);
	});
});
