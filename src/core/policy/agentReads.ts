/**
 * What an agent's read of a sensitive file gets, per level, without zod (the agent hook loads this before every
 * tool call). `deny` (the default) keeps the content home; `redact` lets it through with every finding replaced
 * by a placeholder, where the agent lets a hook rewrite what a tool returns (elsewhere it is denied); `allow`
 * lets it through as it is.
 */
import type { Level } from './levels';

/** The actions, strictest first. */
export const AGENT_READ_ACTIONS = ['deny', 'redact', 'allow'] as const;
export type AgentReadAction = (typeof AGENT_READ_ACTIONS)[number];

/** The policy's per-level actions; a level left out is denied. */
export type AgentReads = Partial<Record<Level, AgentReadAction>>;

/** How strict an action is: 2 for deny, 0 for allow. */
export function actionStrictness(a: AgentReadAction): number {
	return AGENT_READ_ACTIONS.length - 1 - AGENT_READ_ACTIONS.indexOf(a);
}

/** The action for a read of a sensitive file at `level`: the policy's, or deny when it says nothing. */
export function agentReadAction(reads: AgentReads | undefined, level: Level): AgentReadAction {
	const a = reads && Object.prototype.hasOwnProperty.call(reads, level) ? reads[level] : undefined;
	return a !== undefined && (AGENT_READ_ACTIONS as readonly string[]).includes(a) ? a : 'deny';
}

/** Whether a value is an action name. */
export function isAgentReadAction(v: unknown): v is AgentReadAction {
	return typeof v === 'string' && (AGENT_READ_ACTIONS as readonly string[]).includes(v);
}
