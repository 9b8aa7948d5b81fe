// The opt-in machine-wide lever in a real extension host: extensions.allowed gets the org policy's blocked
// assistants (never a workspace layer's), keys the user had stay as they were, and Undo gives the setting back
// exactly, or removes it when Context Warden created it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContextWardenApi } from '../../src/extension';
import { tempDirs } from '../support/tempDir';
import { activatedApi, waitFor } from './helpers';

const api = (): Promise<ContextWardenApi> => activatedApi();

const allowed = (): unknown => vscode.workspace.getConfiguration('extensions').inspect('allowed')?.globalValue;

suite('extensions.allowed (machine-wide, opt-in)', () => {
	suiteTeardown(async () => {
		await vscode.workspace.getConfiguration('extensions').update('allowed', undefined, vscode.ConfigurationTarget.Global);
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', undefined, vscode.ConfigurationTarget.Global);
	});
	// Declared after the teardown above, which mocha runs first: the dir goes once no setting points at it.
	const tempDir = tempDirs(suiteTeardown);
	let dir = '';
	let orgFile = '';

	suiteSetup(async () => {
		const cw = await api();
		dir = tempDir('cw-allowed-');
		orgFile = path.join(dir, 'policy.json');
		fs.writeFileSync(orgFile, JSON.stringify({ version: 1, name: 'Acme blocks', assistants: { block: ['acme.fake-assistant', 'claude-code'] } }));
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', orgFile, vscode.ConfigurationTarget.Global);
		assert.ok(
			await waitFor(() => cw.effectivePolicy()?.policy.assistants.block.includes('acme.fake-assistant') === true, 15_000),
			'the org policy with blocks is in force',
		);
	});

	test('adds the blocked ids next to the user\'s own keys, and Undo restores exactly what was there', async () => {
		const cw = await api();
		const mine = { '*': true, 'ms-python.python': true, 'Acme.Fake-Assistant': 'stable' };
		await vscode.workspace.getConfiguration('extensions').update('allowed', mine, vscode.ConfigurationTarget.Global);
		const outcome = await cw.allowedExtensions.apply({ confirmed: true });
		assert.equal(outcome.changed, true, outcome.message);
		assert.deepEqual(outcome.ids, ['anthropic.claude-code'], 'the id the user already listed (any case) is left to them');
		assert.deepEqual(allowed(), { ...mine, 'anthropic.claude-code': false });
		const again = await cw.allowedExtensions.apply({ confirmed: true });
		assert.equal(again.changed, false, 'nothing left to add');
		await cw.allowedExtensions.undo();
		assert.deepEqual(allowed(), mine);
	});

	test('creates the setting when there was none, and Undo removes it again', async () => {
		const cw = await api();
		await vscode.workspace.getConfiguration('extensions').update('allowed', undefined, vscode.ConfigurationTarget.Global);
		assert.equal(allowed(), undefined);
		const outcome = await cw.allowedExtensions.apply({ confirmed: true });
		assert.deepEqual(outcome.ids, ['acme.fake-assistant', 'anthropic.claude-code']);
		assert.deepEqual(allowed(), { '*': true, 'acme.fake-assistant': false, 'anthropic.claude-code': false });
		await cw.allowedExtensions.undo();
		assert.equal(allowed(), undefined);
	});

	test('a block a workspace layer adds never reaches the machine-wide setting', async () => {
		const cw = await api();
		const wsPolicy = vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(dir), '.vscode', 'context-policy.json');
		const before = await vscode.workspace.fs.readFile(wsPolicy).then(
			(b) => b,
			() => undefined,
		);
		try {
			await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(wsPolicy, '..'));
			await vscode.workspace.fs.writeFile(wsPolicy, Buffer.from(JSON.stringify({ assistants: { block: ['ms-python.python'] } })));
			assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.assistants.block.includes('ms-python.python') === true, 15_000), 'the workspace block applies here');
			await cw.allowedExtensions.apply({ confirmed: true });
			const value = allowed() as Record<string, unknown>;
			assert.equal(value['ms-python.python'], undefined, 'not blocked machine-wide');
			assert.equal(value['acme.fake-assistant'], false);
			await cw.allowedExtensions.undo();
		} finally {
			if (before) {
				await vscode.workspace.fs.writeFile(wsPolicy, before);
			} else {
				await vscode.workspace.fs.delete(wsPolicy);
			}
		}
	});
});
