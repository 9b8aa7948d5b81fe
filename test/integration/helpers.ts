// Small helpers shared by the integration suites.
import * as vscode from 'vscode';

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
