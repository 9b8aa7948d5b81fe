/**
 * OpenAI Codex CLI: only shell commands are hookable (`PreToolUse` with `tool_name: "Bash"`); Codex reads
 * files through the shell, so the shell analysis is the enforcement point. "ask" is unsupported (fails open),
 * so it becomes deny; the output schema rejects unknown fields, so nothing but the documented ones is sent.
 */
import { parseClaudeShape } from './claude';
import { jsonOut, NOTHING } from './common';
import type { AgentAdapter } from './types';

/** Codex (`--agent codex`). */
export const codexAdapter: AgentAdapter = {
	id: 'openai-codex',
	parse: (payload) => parseClaudeShape('openai-codex', payload),
	supportsAsk: () => false,
	render(decision, req) {
		if (decision.decision === 'allow') {
			return NOTHING;
		}
		if (req.kind === 'prompt') {
			return jsonOut({ decision: 'block', reason: decision.reason });
		}
		return jsonOut({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: decision.reason } });
	},
};
