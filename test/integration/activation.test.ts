// The extension in a real extension host: it is found, activates by itself, registers its commands,
// and runs in the trust state the run asked for (trusted, or Restricted Mode).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { waitFor, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

suite('activation', () => {
	const config = runConfig();

	test(`the extension ${EXTENSION_ID} is installed in the extension host`, () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
		assert.equal(ext.packageJSON.publisher, 'context-warden');
	});

	test('it activates on its own after startup (onStartupFinished), without error', async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext);
		// isActive turns true even when activate() threw; awaiting activate() then returns that same attempt's outcome.
		const active = await waitFor(() => ext.isActive, 20_000);
		assert.ok(active, 'the extension was not activated 20 s after the test host started');
		await ext.activate();
	});

	for (const id of [Commands.showEffectivePolicy, Commands.openLog]) {
		test(`command ${id} is registered`, async () => {
			await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
			const all = await vscode.commands.getCommands(true);
			assert.ok(all.includes(id), `${id} has no registered handler`);
		});
	}

	test('every command the manifest declares has a registered handler', async () => {
		const ext = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(ext);
		await ext.activate();
		const declared = ((ext.packageJSON.contributes?.commands ?? []) as Array<{ command: string }>).map((c) => c.command);
		assert.ok(declared.length > 0, 'the manifest declares no command');
		const all = new Set(await vscode.commands.getCommands(true));
		assert.deepEqual(declared.filter((id) => !all.has(id)), [], 'declared in package.json but not registered');
	});

	test(`the workspace trust state is ${config.trusted ? 'trusted' : 'Restricted Mode (untrusted)'}`, () => {
		assert.equal(vscode.workspace.isTrusted, config.trusted);
	});

	test(`the workspace is a copy of the ${config.fixture} fixture`, async () => {
		const root = workspaceRoot();
		assert.equal(root.path.split('/').pop(), config.fixture);
		const readme = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'README.md'));
		assert.match(Buffer.from(readme).toString('utf8'), new RegExp(`^# ${config.fixture} fixture`));
	});
});
