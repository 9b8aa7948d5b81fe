/**
 * The contract between the hook CLI and each agent's adapter: parse the agent's payload into a request,
 * and render a decision in the agent's exact output format.
 */
import type { HookDecision } from '../decide';
import type { ShellRead } from '../shell/types';

import type { AgentId } from '../agentRegistry';

export { AGENT_IDS, type AgentId } from '../agentRegistry';

/** What the hook must judge, extracted from a payload. Paths are absolute POSIX. */
export interface HookRequest {
	agent: AgentId;
	/** The payload dialect when one agent id covers several (VS Code Local vs Copilot CLI). */
	dialect?: string;
	/** The event as the agent named it (e.g. `PreToolUse`, `beforeReadFile`). */
	event: string;
	/**
	 * `tool`: a tool call to allow or deny; `prompt`: a prompt (with attachments) to let through or block;
	 * `output`: what a tool returned, to rewrite with its findings redacted; `ignore`: nothing to judge.
	 */
	kind: 'tool' | 'prompt' | 'output' | 'ignore';
	tool?: string;
	cwd?: string;
	roots: string[];
	/** A shell command line to analyse. */
	command?: string;
	/** The terminal's directory may have drifted from `cwd` (VS Code's persistent terminal). */
	cwdDrift?: boolean;
	/** Direct reads (tool targets, attachments). */
	reads: ShellRead[];
	uncertain: string[];
	/** The agent's session (conversation) id, when the payload has one: redaction placeholders are stable within it. */
	sessionId?: string;
	/** The text the user typed (prompt events): checked for secrets. */
	prompt?: string;
	/** What the tool returned (`output` requests), as the agent sent it. */
	output?: unknown;
	/** File content the agent is about to send (Cursor beforeReadFile): classify it. */
	content?: { path: string; text: string };
	/** Facts worth a line on stderr (unknown shapes, skipped fields). */
	notes: string[];
}

/** What the hook process prints and exits with. */
export interface HookOutput {
	stdout: string;
	stderr: string;
	exitCode: number;
}

export interface AgentAdapter {
	id: AgentId;
	/** Parses a payload (already JSON-decoded). Never throws: unknown shapes give `kind: 'ignore'` with a note. */
	parse(payload: unknown): HookRequest;
	/** Whether this request's event can answer "ask". */
	supportsAsk(req: HookRequest): boolean;
	/** The agent's output for a decision. An allow prints nothing (an explicit allow skips confirmations). */
	render(decision: HookDecision, req: HookRequest): HookOutput;
	/**
	 * The agent's answer replacing what a tool returned (same JSON shape as the original). Only agents whose hooks
	 * can rewrite tool output have it: for the others a `redact` read is denied instead (docs/evidence/hooks-redaction.md).
	 */
	renderOutput?(replacement: unknown, req: HookRequest): HookOutput;
}
