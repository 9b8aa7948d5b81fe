import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME, STATUS_BAR_ID } from './constants';

let log: vscode.LogOutputChannel | undefined;

/** Activation does only cheap, synchronous set-up; everything heavy runs after it returns. */
export function activate(context: vscode.ExtensionContext): void {
	log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
	context.subscriptions.push(log);
	const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 100);
	item.name = 'Context Warden';
	item.text = '$(shield) Context Warden';
	item.show();
	context.subscriptions.push(item);
	log.info('activated');
}

export function deactivate(): void {
	log = undefined;
}
