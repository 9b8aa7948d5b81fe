// Byte for byte in a real extension host: a `.cursorignore` and a `.claude/settings.json` saved on Windows (a UTF-8
// byte-order mark, CRLF line ends, a comment) get Context Warden's managed block and deny entries with the mark and
// the user's lines kept, and Restore gives both back exactly, byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import { waitFor, workspaceRoot } from './helpers';

const RESTORE_COMMAND = 'contextWarden.restoreAssistantSettings';
const CURSOR = '.cursorignore';
const CLAUDE = '.claude/settings.json';
const BOM = [0xef, 0xbb, 0xbf];

async function bytes(rel: string): Promise<Uint8Array | undefined> {
	try {
		return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel));
	} catch {
		return undefined;
	}
}

/** The text with its byte-order mark kept (U+FEFF first), so that a lost mark shows. */
function text(b: Uint8Array | undefined): string {
	return b === undefined ? '(missing)' : new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
}

suite('governance keeps bytes', () => {
	let before: Record<string, Uint8Array | undefined> = {};

	suiteSetup(async function () {
		this.timeout(60_000);
		before = { [CURSOR]: await bytes(CURSOR), [CLAUDE]: await bytes(CLAUDE) };
		for (const f of [CURSOR, CLAUDE]) {
			assert.deepEqual([...(before[f] ?? []).slice(0, 3)], BOM, `the fixture's ${f} starts with a byte-order mark`);
			assert.match(text(before[f]), /\r\n/, `the fixture's ${f} has CRLF line ends`);
		}
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		await ext.activate();
		assert.ok(vscode.extensions.getExtension('anthropic.claude-code'), 'the Claude Code stand-in is loaded');
	});

	test('the levers are applied with the byte-order mark and the CRLF lines of the user kept', async function () {
		this.timeout(60_000);
		const applied = await waitFor(async () => /context-warden managed/.test(text(await bytes(CURSOR))) && /Read\(/.test(text(await bytes(CLAUDE))), 45_000, 250);
		assert.ok(applied, `levers not applied in 45 s:\n${CURSOR}:\n${text(await bytes(CURSOR))}\n${CLAUDE}:\n${text(await bytes(CLAUDE))}`);
		for (const f of [CURSOR, CLAUDE]) {
			const now = (await bytes(f)) ?? new Uint8Array();
			assert.deepEqual([...now.slice(0, 3)], BOM, `${f} lost its byte-order mark:\n${text(now)}`);
			assert.equal(now.slice(3, 4)[0] === 0xef, false, `${f} got a second byte-order mark`);
		}
		const cursor = text(await bytes(CURSOR));
		assert.ok(cursor.startsWith(text(before[CURSOR])), `the user's .cursorignore lines moved:\n${cursor}`);
		assert.match(cursor, /\.env/);
		assert.match(text(await bytes(CLAUDE)), /\/\/ The team's Claude Code settings, saved with a BOM on Windows: keep them byte for byte\.\r\n/);
	});

	test('Restore gives both files back byte for byte', async function () {
		this.timeout(60_000);
		await vscode.commands.executeCommand(RESTORE_COMMAND);
		const back = await waitFor(async () => {
			for (const f of [CURSOR, CLAUDE]) {
				const now = await bytes(f);
				if (now === undefined || Buffer.compare(Buffer.from(now), Buffer.from(before[f] ?? [])) !== 0) {
					return false;
				}
			}
			return true;
		}, 20_000, 250);
		assert.ok(back, `not restored byte for byte:\n${CURSOR}:\n${JSON.stringify(text(await bytes(CURSOR)))}\n${CLAUDE}:\n${JSON.stringify(text(await bytes(CLAUDE)))}`);
	});
});
