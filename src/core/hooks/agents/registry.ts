/** The agent adapters by id. */
import { claudeAdapter } from './claude';
import { clineAdapter } from './cline';
import { codexAdapter } from './codex';
import { cursorAdapter } from './cursor';
import { geminiAdapter } from './gemini';
import type { AgentAdapter, AgentId } from './types';
import { copilotCliAdapter, vscodeAdapter } from './vscode';
import { windsurfAdapter } from './windsurf';

export const ADAPTERS: Record<AgentId, AgentAdapter> = {
	vscode: vscodeAdapter,
	'copilot-cli': copilotCliAdapter,
	claude: claudeAdapter,
	cursor: cursorAdapter,
	gemini: geminiAdapter,
	codex: codexAdapter,
	cline: clineAdapter,
	windsurf: windsurfAdapter,
};

/** The adapter for an `--agent` value, if known. */
export function adapterFor(id: string): AgentAdapter | undefined {
	return Object.prototype.hasOwnProperty.call(ADAPTERS, id) ? ADAPTERS[id as AgentId] : undefined;
}
