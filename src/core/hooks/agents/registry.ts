/** The agent adapters by id (the ids of agentRegistry.ts). */
import { resolveAgentId } from '../agentRegistry';
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
	'claude-code': claudeAdapter,
	cursor: cursorAdapter,
	'gemini-cli-companion': geminiAdapter,
	'openai-codex': codexAdapter,
	cline: clineAdapter,
	'windsurf-editor': windsurfAdapter,
};

/** The agents whose hooks can replace what a tool returned: only they get `redact`-level reads, the others are denied. */
export const REDACTING_AGENTS: readonly AgentId[] = (Object.keys(ADAPTERS) as AgentId[]).filter((id) => ADAPTERS[id].renderOutput !== undefined);

/** The adapter for an `--agent` value (an id of the agent registry, or an older alias such as `claude`), if known. */
export function adapterFor(value: string): AgentAdapter | undefined {
	const id = resolveAgentId(value);
	return id === undefined ? undefined : ADAPTERS[id];
}
