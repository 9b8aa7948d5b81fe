import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from '../constants';

/**
 * The "Context Warden" log channel, following the user's log level. Every line carries a component tag.
 * Never pass a secret or file contents here.
 */
export class Logger implements vscode.Disposable {
	readonly channel: vscode.LogOutputChannel;

	constructor() {
		this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
	}

	info(component: string, message: string): void {
		this.channel.info(`[${component}] ${message}`);
	}

	warn(component: string, message: string): void {
		this.channel.warn(`[${component}] ${message}`);
	}

	error(component: string, message: string, err?: unknown): void {
		const detail = err instanceof Error ? `: ${err.message}` : err === undefined ? '' : `: ${String(err)}`;
		this.channel.error(`[${component}] ${message}${detail}`);
	}

	debug(component: string, message: string): void {
		this.channel.debug(`[${component}] ${message}`);
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}
}
