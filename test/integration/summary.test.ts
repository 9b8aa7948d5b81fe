// The workspace summary in a real extension host: the index computes it once per change and hands the same object
// to every reader, and it is never stale: a file change, a deletion and a policy change each show in the next read,
// which always equals a summary computed afresh from the classifications.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../src/constants';
import { summarizeWorkspace, type WorkspaceSummary } from '../../src/core/exposure/summary';
import type { ContextWardenApi } from '../../src/extension';
import { activatedApi, waitFor, workspaceRoot } from './helpers';

const api = (): Promise<ContextWardenApi> => activatedApi('scan');

/** The summary computed from scratch: every workspace file's classification under the policy in force. */
async function freshSummary(cw: ContextWardenApi): Promise<WorkspaceSummary | undefined> {
	const effective = cw.effectivePolicy();
	if (!effective) {
		return undefined;
	}
	const uris = await vscode.workspace.findFiles('**/*');
	return summarizeWorkspace(
		effective.policy,
		uris.flatMap((u) => cw.classification(u) ?? []),
	);
}

/** Waits until the scan is done and the cached summary satisfies `ok` and equals a fresh one; returns it. */
async function settled(cw: ContextWardenApi, what: string, ok: (s: WorkspaceSummary) => boolean): Promise<WorkspaceSummary> {
	let last: unknown;
	const done = await waitFor(
		async () => {
			const cached = cw.summary();
			const fresh = await freshSummary(cw);
			last = { cached, fresh };
			return !cw.isScanning() && cached !== undefined && ok(cached) && JSON.stringify(cached) === JSON.stringify(fresh);
		},
		30_000,
		100,
	);
	assert.ok(done, `${what}: ${JSON.stringify(last)}`);
	const s = cw.summary();
	assert.ok(s);
	return s;
}

/** A PEM private key block made at test time (random body), so no key-shaped text is committed. */
function pemKey(): string {
	const body = crypto.randomBytes(600).toString('base64').replace(/(.{64})/g, '$1\n');
	const label = ['PRIVATE', 'KEY'].join(' ');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

suite('workspace summary (cached by the index)', function () {
	this.timeout(120_000);

	test('reads between changes get the same summary object, equal to a fresh one', async () => {
		const cw = await api();
		const s = await settled(cw, 'initial', () => true);
		assert.equal(s.restricted, true, '.env makes the basic fixture restricted');
		assert.equal(cw.summary(), s, 'no change: the cached summary is handed out again');
	});

	test('a new sensitive file and its deletion each show in the next summary', async () => {
		const cw = await api();
		const before = await settled(cw, 'before', () => true);
		const file = vscode.Uri.joinPath(workspaceRoot(), 'src', 'summary-key.txt');
		fs.writeFileSync(file.fsPath, `intro\n${pemKey()}`);
		try {
			// The total may grow by more: governance and the hooks write their own (public) files in this workspace.
			const added = await settled(cw, 'after the key was written', (s) => s.counts.restricted === before.counts.restricted + 1);
			assert.equal(added.sensitive, before.sensitive + 1);
			assert.ok(added.total > before.total);
		} finally {
			fs.unlinkSync(file.fsPath);
		}
		const removed = await settled(cw, 'after the key was deleted', (s) => s.counts.restricted === before.counts.restricted);
		assert.equal(removed.sensitive, before.sensitive);
		assert.equal(cw.classification(file), undefined);
	});

	test('a policy change (sensitive level lowered to public) shows in the next summary, and back', async () => {
		const cw = await api();
		const before = await settled(cw, 'before', () => true);
		assert.ok(before.sensitive < before.total, `some files are below the sensitive level: ${JSON.stringify(before)}`);
		const level = cw.effectivePolicy()?.policy.workspace.sensitiveLevel;
		assert.notEqual(level, 'public');
		const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		await config.update('sensitiveLevel', 'public', vscode.ConfigurationTarget.Workspace);
		try {
			const lowered = await settled(cw, 'after sensitiveLevel=public', (s) => s.sensitive === s.total);
			assert.ok(lowered.sensitive > before.sensitive);
			assert.equal(cw.effectivePolicy()?.policy.workspace.sensitiveLevel, 'public');
		} finally {
			await config.update('sensitiveLevel', undefined, vscode.ConfigurationTarget.Workspace);
		}
		const back = await settled(cw, 'after the setting was removed', (s) => s.sensitive === before.sensitive);
		assert.ok(back.sensitive < back.total);
		assert.equal(cw.effectivePolicy()?.policy.workspace.sensitiveLevel, level);
	});
});
