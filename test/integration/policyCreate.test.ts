// A workspace policy that appears together with its folder, as a `git checkout` or a script writes it: the
// `.vscode/` folder is created and `.vscode/context-policy.json` written into it at once. A recursive file watcher
// that only starts watching the new folder after its creation event misses the file; the policy must still be
// picked up within 2 s, both for the folder created with the file and for a folder moved into place whole.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, waitFor } from './helpers';

const POLICY_DIR = '.vscode';

function root(): string {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'no workspace folder');
	return folder.uri.fsPath;
}

suite('a workspace policy created with its folder', () => {
	suiteTeardown(() => {
		fs.rmSync(path.join(root(), POLICY_DIR), { recursive: true, force: true });
	});

	test('mkdir .vscode and write the policy at once: in force within 2 s', async () => {
		const cw = await activatedApi();
		const dir = path.join(root(), POLICY_DIR);
		assert.ok(!fs.existsSync(dir), 'the fixture must not have a .vscode folder');
		const writtenAt = Date.now();
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'context-policy.json'), JSON.stringify({ workspace: { restrictedAt: 'internal' } }));
		const seen = await waitFor(() => cw.effectivePolicy()?.policy.workspace.restrictedAt === 'internal', 5_000, 50);
		const ms = Date.now() - writtenAt;
		assert.ok(seen, `the workspace policy was not picked up in 5 s (restrictedAt is ${cw.effectivePolicy()?.policy.workspace.restrictedAt})`);
		assert.ok(ms < 2_000, `picked up after ${ms} ms`);
	});

	test('a .vscode folder moved into place whole (as a checkout does): in force within 2 s', async () => {
		const cw = await activatedApi();
		const dir = path.join(root(), POLICY_DIR);
		fs.rmSync(dir, { recursive: true, force: true });
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.workspace.restrictedAt !== 'internal', 5_000, 50), 'the deleted policy stayed in force');
		const staged = path.join(root(), 'staged-vscode');
		fs.mkdirSync(staged);
		fs.writeFileSync(path.join(staged, 'context-policy.json'), JSON.stringify({ workspace: { restrictedAt: 'always' } }));
		const movedAt = Date.now();
		fs.renameSync(staged, dir);
		const seen = await waitFor(() => cw.effectivePolicy()?.policy.workspace.restrictedAt === 'always', 5_000, 50);
		const ms = Date.now() - movedAt;
		assert.ok(seen, `the moved-in policy was not picked up in 5 s (restrictedAt is ${cw.effectivePolicy()?.policy.workspace.restrictedAt})`);
		assert.ok(ms < 2_000, `picked up after ${ms} ms`);
	});
});
