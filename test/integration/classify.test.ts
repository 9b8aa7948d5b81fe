// Classification in a real extension host: workspace files are classified in the background; an unsaved
// buffer is context too (typing a private key raises its level within a second); hostile files (huge, binary,
// a symlink loop, a 5 MB single line) are skipped with a reason while the extension host stays responsive.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContextWardenApi } from '../../src/extension';
import { activatedApi, waitFor, workspaceRoot } from './helpers';

const api = (): Promise<ContextWardenApi> => activatedApi('scan');

/** A PEM private key block made at test time (random body), so no key-shaped text is committed. */
function pemKey(): string {
	const body = crypto.randomBytes(600).toString('base64').replace(/(.{64})/g, '$1\n');
	const label = ['PRIVATE', 'KEY'].join(' ');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

suite('classification', () => {
	test('the workspace is classified in the background: .env is restricted, source files public', async () => {
		const cw = await api();
		const root = workspaceRoot();
		assert.equal(cw.classification(vscode.Uri.joinPath(root, '.env'))?.level, 'restricted');
		const summary = cw.summary();
		assert.ok(summary && summary.sensitive >= 1, `summary: ${JSON.stringify(summary)}`);
		assert.equal(summary?.restricted, true);
	});

	test('typing a private key into an unsaved buffer raises its level within a second', async () => {
		const cw = await api();
		const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes\n' });
		const editor = await vscode.window.showTextDocument(doc);
		await waitFor(() => cw.classification(doc.uri) !== undefined, 3_000);
		assert.notEqual(cw.classification(doc.uri)?.level, 'restricted');
		const typedAt = Date.now();
		await editor.edit((e) => e.insert(new vscode.Position(1, 0), pemKey()));
		assert.ok(await waitFor(() => cw.classification(doc.uri)?.level === 'restricted', 3_000, 20), 'not raised');
		const ms = Date.now() - typedAt;
		assert.ok(ms < 1_000, `took ${ms} ms`);
		const reason = cw.classification(doc.uri)?.reasons.find((r) => r.kind === 'private-key');
		assert.equal(reason?.line, 2, 'the finding is on the line the key starts');
		assert.ok(!JSON.stringify(cw.classification(doc.uri)).includes('BEGIN PRIVATE KEY-----\n'), 'no raw key in the classification');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	test('a saved file with a key is classified from disk, and an edit that removes it lowers it again', async () => {
		const cw = await api();
		const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'leak.txt');
		fs.writeFileSync(file.fsPath, `intro\n${pemKey()}`);
		assert.ok(await waitFor(() => cw.classification(file)?.level === 'restricted', 5_000), 'new file not classified');
		fs.writeFileSync(file.fsPath, 'nothing here\n');
		assert.ok(await waitFor(() => cw.classification(file)?.level === 'public', 5_000), 'edit not picked up');
		fs.unlinkSync(file.fsPath);
		assert.ok(await waitFor(() => cw.classification(file) === undefined, 5_000), 'delete not picked up');
	});

	test('a folder moved in whole (as a checkout or an unpacked archive makes it) has its files classified, and moved out, removed', async () => {
		const cw = await api();
		const root = workspaceRoot().fsPath;
		// Staged outside the workspace, then renamed in: the watcher sees one event, for the folder.
		const staged = fs.mkdtempSync(path.join(path.dirname(root), 'cw-staged-'));
		fs.mkdirSync(path.join(staged, 'keys'));
		fs.writeFileSync(path.join(staged, 'keys', 'deploy.txt'), `deploy key\n${pemKey()}`);
		fs.writeFileSync(path.join(staged, 'notes.txt'), 'nothing here\n');
		const dest = path.join(root, 'moved-in');
		fs.renameSync(staged, dest);
		const key = vscode.Uri.file(path.join(dest, 'keys', 'deploy.txt'));
		const notes = vscode.Uri.file(path.join(dest, 'notes.txt'));
		assert.ok(await waitFor(() => cw.classification(key)?.level === 'restricted', 5_000), `the moved-in key file is ${cw.classification(key)?.level}`);
		assert.equal(cw.classification(notes)?.level, 'public');
		const away = fs.mkdtempSync(path.join(path.dirname(root), 'cw-away-'));
		fs.renameSync(dest, path.join(away, 'moved-in'));
		assert.ok(await waitFor(() => cw.classification(key) === undefined && cw.classification(notes) === undefined, 5_000), 'the moved-out files are still indexed');
		fs.rmSync(away, { recursive: true, force: true });
	});

	test('hostile files are skipped with a reason and the extension host never stalls', async function () {
		this.timeout(120_000);
		const cw = await api();
		const dir = path.join(workspaceRoot().fsPath, 'hostile');
		fs.mkdirSync(dir, { recursive: true });
		const big = path.join(dir, 'huge.log');
		const fd = fs.openSync(big, 'w');
		const chunk = Buffer.alloc(1024 * 1024, 'a');
		for (let i = 0; i < 200; i++) {
			fs.writeSync(fd, chunk);
		}
		fs.closeSync(fd);
		fs.writeFileSync(path.join(dir, 'blob.bin'), crypto.randomBytes(64 * 1024));
		fs.writeFileSync(path.join(dir, 'minified.js'), `var x="${'ab'.repeat(2.5 * 1024 * 1024)}";`);
		fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
		fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));

		// Measure the extension host's event-loop lag while the workspace is rescanned.
		let maxLag = 0;
		let last = Date.now();
		const timer = setInterval(() => {
			const now = Date.now();
			maxLag = Math.max(maxLag, now - last - 20);
			last = now;
		}, 20);
		try {
			await vscode.commands.executeCommand('contextWarden.rescanWorkspace');
			assert.ok(await waitFor(() => !cw.isScanning(), 90_000), 'the scan did not finish');
		} finally {
			clearInterval(timer);
		}
		const huge = cw.classification(vscode.Uri.file(big));
		assert.equal(huge?.skipped?.reason, 'too-large');
		const blob = cw.classification(vscode.Uri.file(path.join(dir, 'blob.bin')));
		assert.equal(blob?.skipped?.reason, 'binary');
		const min = cw.classification(vscode.Uri.file(path.join(dir, 'minified.js')));
		assert.ok(min, 'the 5 MB single-line file was classified (or skipped with a reason)');
		assert.ok(maxLag < 500, `the extension host stalled for ${maxLag} ms`);
	});
});
