// A multi-root workspace whose two folders have the same name (a/app and b/app, both `app`). Workspace keys, ledger
// keys and hook files used to be keyed by the name, so the two folders collided: the secrets of the second one were
// written into the first one's ignore file and the second got none. Now the second folder is keyed `app (2)`.
// Both secrets are in b/app: its .env (a path rule, so a glob line in every folder's block) and a file holding a
// private key (content, so a line of its own, in b/app's block only).
// Then a third `app` (c/app) is added while the window is open: it gets its own ignore file and its drift is seen,
// though its watcher was not there at activation.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import ignore from 'ignore';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { AuditEntry } from '../../src/core/audit/log';
import type { ContextWardenApi } from '../../src/extension';
import { auditEntries, waitFor } from './helpers';
import { runConfig } from './runConfig';

const RESTORE_COMMAND = 'contextWarden.restoreAssistantSettings';
const CLINE = '.clineignore';
const BEGIN = '# >>> context-warden managed';
const END = '# <<< context-warden managed <<<';
const VSCODE_HOOKS = '.github/hooks/context-warden.json';
/** Written into b/app by the suite: sensitive by its content only. */
const KEY_FILE = 'src/deploy-notes.txt';

/** A PEM private key block made at test time (random body), so no key-shaped text is committed. */
function pemKey(): string {
	const body = crypto.randomBytes(600).toString('base64').replace(/(.{64})/g, '$1\n');
	const label = ['PRIVATE', 'KEY'].join(' ');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** The workspace folder at `index`. */
function folderAt(index: number): vscode.WorkspaceFolder {
	const f = vscode.workspace.workspaceFolders?.[index];
	assert.ok(f, `no workspace folder #${index}`);
	return f;
}

async function read(uri: vscode.Uri, rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, rel)));
	} catch {
		return undefined;
	}
}

/** The lines inside the managed block of an ignore file. */
function blockLines(text: string): string[] {
	const lines = text.split(/\r?\n/);
	const begin = lines.findIndex((l) => l.startsWith(BEGIN));
	const end = lines.indexOf(END);
	return begin >= 0 && end > begin ? lines.slice(begin + 1, end) : [];
}

/** Whether the managed block of an ignore file (not the user's lines) excludes `rel`. */
function blockIgnores(text: string | undefined, rel: string): boolean {
	return ignore().add(blockLines(text ?? '').join('\n')).ignores(rel);
}

suite('governance with two same-named folders', () => {
	const config = runConfig();
	let api: ContextWardenApi;
	let first: vscode.Uri;
	let second: vscode.Uri;
	/** c/app, beside the two folders of the workspace file: added by a test. */
	let third: vscode.Uri;

	const driftEntries = (): Promise<AuditEntry[]> => auditEntries(api, 'drift.detected');

	suiteSetup(async function () {
		this.timeout(60_000);
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		api = await ext.activate();
		first = folderAt(0).uri;
		second = folderAt(1).uri;
		third = vscode.Uri.joinPath(first, '..', '..', 'c', 'app');
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(second, KEY_FILE), new TextEncoder().encode(`deploy notes\n${pemKey()}`));
	});

	test('the run opens a workspace file with two folders named app, trusted, with the Cline stand-in', async () => {
		assert.equal(config.trusted, true);
		assert.ok(vscode.workspace.workspaceFile, 'no workspace file is open');
		assert.deepEqual(
			vscode.workspace.workspaceFolders?.map((f) => f.name),
			['app', 'app'],
		);
		assert.match(first.path, /\/a\/app$/);
		assert.match(second.path, /\/b\/app$/);
		assert.ok(vscode.extensions.getExtension('saoudrizwan.claude-dev'), 'the Cline stand-in is not loaded');
		assert.equal(await read(first, '.env'), undefined, 'the secret is only in the second folder');
		assert.ok(await read(second, '.env'));
	});

	test("each folder's index keys are its own: the second folder's secret is not the first one's", async function () {
		this.timeout(45_000);
		const secret = vscode.Uri.joinPath(second, '.env');
		const keyFile = vscode.Uri.joinPath(second, KEY_FILE);
		const classified = await waitFor(() => api.classification(secret) !== undefined && api.classification(keyFile)?.level === 'restricted' && !api.isScanning(), 30_000, 250);
		assert.ok(classified, `b/app is not classified: .env ${JSON.stringify(api.classification(secret))}, ${KEY_FILE} ${JSON.stringify(api.classification(keyFile))}`);
		assert.equal(api.classification(secret)?.path, 'app (2)/.env');
		assert.equal(api.classification(keyFile)?.path, `app (2)/${KEY_FILE}`);
		assert.equal(api.classification(vscode.Uri.joinPath(second, 'src/lib.ts'))?.path, 'app (2)/src/lib.ts');
		assert.equal(api.classification(vscode.Uri.joinPath(first, 'src/main.ts'))?.path, 'app/src/main.ts');
		assert.equal(api.classification(vscode.Uri.joinPath(first, '.env')), undefined);
		assert.equal(api.classification(vscode.Uri.joinPath(first, KEY_FILE)), undefined);
	});

	test("the second folder's managed ignore file lists its own secrets, and the first one's does not", async function () {
		this.timeout(60_000);
		const applied = await waitFor(
			async () => blockIgnores(await read(second, CLINE), KEY_FILE) && blockIgnores(await read(second, CLINE), '.env') && blockLines((await read(first, CLINE)) ?? '').length > 0,
			45_000,
			250,
		);
		const a = await read(first, CLINE);
		const b = await read(second, CLINE);
		assert.ok(applied, `not applied in 45 s; b/app/${CLINE}:\n${b ?? '(missing)'}\na/app/${CLINE}:\n${a ?? '(missing)'}`);
		assert.ok(blockLines(b ?? '').includes(`/${KEY_FILE}`), `b/app/${CLINE} has no line of its own for ${KEY_FILE}:\n${b ?? ''}`);
		assert.ok(!blockIgnores(a, KEY_FILE), `a/app/${CLINE} lists the secret of b/app:\n${a ?? ''}`);
		assert.doesNotMatch(b ?? '', /app \(2\)/, 'paths are relative to the folder, not prefixed with its key');
		const cline = api.governance().views().find((v) => v.id === 'cline');
		assert.ok(cline, 'no Cline view');
		assert.ok(cline.blockedByWarden('app (2)/.env'), "the second folder's .env is blocked");
		assert.ok(cline.blockedByWarden(`app (2)/${KEY_FILE}`), "the second folder's key file is blocked");
		assert.ok(!cline.blockedByWarden(`app/${KEY_FILE}`), "the first folder's file of that name is not");
	});

	test('each folder gets its own agent hook file, and restoring the hooks removes both', async function () {
		this.timeout(45_000);
		const both = async (): Promise<[string | undefined, string | undefined]> => [await read(first, VSCODE_HOOKS), await read(second, VSCODE_HOOKS)];
		const installed = await waitFor(async () => (await both()).every((t) => t !== undefined), 30_000, 250);
		assert.ok(installed, `hook files: ${JSON.stringify(await both())}; status: ${JSON.stringify(api.hooks.statusLines())}`);
		const [a, b] = await both();
		assert.ok(a?.includes(first.fsPath) && !a.includes(second.fsPath), 'the a/app hook names its own folder');
		assert.ok(b?.includes(second.fsPath) && !b.includes(first.fsPath), 'the b/app hook names its own folder');
		await api.hooks.restore();
		const removed = await waitFor(async () => (await both()).every((t) => t === undefined), 15_000, 250);
		assert.ok(removed, `hook files after restore: ${JSON.stringify(await both())}`);
		for (const uri of [first, second]) {
			const dirs = await vscode.workspace.fs.readDirectory(uri);
			assert.ok(!dirs.some(([n]) => n === '.github'), `${uri.path}/.github is left behind`);
		}
		// Removing the hooks in this restricted workspace paused enforcement (the run's org policy allows it): resume.
		assert.ok(api.enforcementPause(), 'removing the hooks paused enforcement');
		await vscode.commands.executeCommand('contextWarden.resumeEnforcement');
		assert.equal(api.enforcementPause(), undefined);
	});

	test('a folder added while the window is open gets its own ignore file, and its drift is seen', async function () {
		this.timeout(90_000);
		const added = new Promise<void>((resolve) => {
			const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
				sub.dispose();
				resolve();
			});
		});
		assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: third }), 'updateWorkspaceFolders refused to add c/app');
		await added;
		assert.deepEqual(
			vscode.workspace.workspaceFolders?.map((f) => f.name),
			['app', 'app', 'app'],
		);
		const applied = await waitFor(async () => blockIgnores(await read(third, CLINE), '.env'), 45_000, 250);
		assert.ok(applied, `c/app/${CLINE} not applied in 45 s:\n${(await read(third, CLINE)) ?? '(missing)'}`);
		assert.ok(!blockIgnores(await read(first, CLINE), KEY_FILE), "the first folder still does not list b/app's secret");
		assert.ok(!blockIgnores(await read(third, CLINE), KEY_FILE), "the new folder does not list b/app's secret");
		// Take the .env line out of the new folder's managed block: its watcher sees it, and the lever is applied again.
		const text = (await read(third, CLINE)) ?? '';
		const envLines = blockLines(text).filter((l) => l.trim() !== '' && !l.startsWith('#') && ignore().add(l).ignores('.env'));
		assert.ok(envLines.length > 0, `no line of the managed block excludes .env:\n${text}`);
		const edited = text
			.split('\n')
			.filter((l) => !envLines.includes(l.replace(/\r$/, '')))
			.join('\n');
		// Written whole, then renamed over the file: a watcher that fires mid-write would read a truncated file and see
		// the block removed rather than edited.
		const temp = vscode.Uri.joinPath(third, `${CLINE}.edit`);
		await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(edited));
		await vscode.workspace.fs.rename(temp, vscode.Uri.joinPath(third, CLINE), { overwrite: true });
		let entry: AuditEntry | undefined;
		const seen = await waitFor(async () => {
			entry = (await driftEntries()).find((e) => e.data.file === `app (3)/${CLINE}`);
			return entry !== undefined;
		}, 20_000, 250);
		assert.ok(seen, `no drift.detected entry for app (3)/${CLINE}: ${JSON.stringify(await driftEntries())}`);
		assert.equal(entry?.data.kind, 'blockEdited');
		const back = await waitFor(async () => blockIgnores(await read(third, CLINE), '.env'), 15_000, 200);
		assert.ok(back, `the block was not applied again:\n${(await read(third, CLINE)) ?? '(missing)'}`);
	});

	test('restore removes the managed files from every folder', async function () {
		this.timeout(30_000);
		await vscode.commands.executeCommand(RESTORE_COMMAND);
		const all = async (): Promise<(string | undefined)[]> => [await read(first, CLINE), await read(second, CLINE), await read(third, CLINE)];
		const restored = await waitFor(async () => (await all()).every((t) => t === undefined), 15_000, 250);
		assert.ok(restored, `${CLINE} after restore (a, b, c): ${JSON.stringify(await all())}`);
	});
});
