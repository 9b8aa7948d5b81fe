// Small helpers shared by the integration suites.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { AuditEntry } from '../../src/core/audit/log';
import type { ContextWardenApi } from '../../src/extension';

/** Polls `predicate` until it is true or `timeoutMs` passes; resolves to its last value. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 100): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		if (await predicate()) {
			return true;
		}
		if (Date.now() >= end) {
			return false;
		}
		await new Promise((r) => setTimeout(r, stepMs));
	}
}

/** The first workspace folder; throws when none is open. */
export function workspaceRoot(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		throw new Error('no workspace folder is open');
	}
	return folder.uri;
}

/**
 * Context Warden's API once the extension is active and ready: `policy` when an effective policy is in force
 * (20 s), `scan` when the first workspace scan has a result (30 s).
 */
export async function activatedApi(ready: 'policy' | 'scan' = 'policy'): Promise<ContextWardenApi> {
	const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
	assert.ok(ext, 'extension not found');
	const exports = await ext.activate();
	if (ready === 'scan') {
		assert.ok(await waitFor(() => exports.summary() !== undefined && !exports.isScanning(), 30_000), 'no scan result 30 s after activation');
	} else {
		assert.ok(await waitFor(() => exports.effectivePolicy() !== undefined, 20_000), 'no effective policy 20 s after activation');
	}
	return exports;
}

/** Runs a hook command line through the shell, as an agent does, with the payload on stdin. */
export function runCommand(command: string, payload: unknown, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, { shell: true, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(JSON.stringify(payload));
	});
}

/** The audit log's entries (only those of `type`, when given), once its chain has been checked to verify. */
export async function auditEntries(api: ContextWardenApi, type?: string): Promise<AuditEntry[]> {
	const result = await api.audit().verify();
	assert.ok(result.ok, `the audit log does not verify: ${JSON.stringify(result.ok ? undefined : result.firstBad)}`);
	return result.entries.filter((e) => type === undefined || e.type === type);
}

/** Polls the audit log until an entry of `type` matches (20 s by default); undefined when none did. */
export async function waitForAuditEntry(
	api: ContextWardenApi,
	type: string,
	match: (e: AuditEntry) => boolean,
	timeoutMs = 20_000,
): Promise<AuditEntry | undefined> {
	let found: AuditEntry | undefined;
	await waitFor(async () => {
		found = (await auditEntries(api, type)).find(match);
		return found !== undefined;
	}, timeoutMs, 250);
	return found;
}
