/**
 * VS Code's agent hooks, and GitHub Copilot CLI: one `.github/hooks/*.json` (or `~/.copilot/hooks/*.json`) file
 * serves the VS Code Local harness (PascalCase events, snake_case payload, `hookSpecificOutput` answer) and
 * Copilot CLI (camelCase `toolName`/`toolArgs` payload with top-level `permissionDecision`, or its PascalCase
 * "VS Code compatible" dialect). The payload tells them apart (research §6.3).
 */
import { absPath, emptyRequest, isObject, jsonOut, NOTHING, obj, promptMentions, str } from './common';
import type { AgentAdapter, AgentId, HookRequest } from './types';
import { directRead } from '../decide';

/** `local`: VS Code Local harness; `copilot`: Copilot CLI camelCase; `copilot-pascal`: Copilot CLI PascalCase (or unknown). */
export type CopilotDialect = 'local' | 'copilot' | 'copilot-pascal';

const READ_TOOLS = new Set(['read_file', 'copilot_readFile', 'view_image', 'readFile', 'view', 'read']);
const SHELL_TOOLS = new Set(['run_in_terminal', 'runInTerminal', 'runTerminalCommand', 'copilot_runInTerminal', 'bash', 'powershell', 'shell']);
const GREP_TOOLS = new Set(['grep_search', 'copilot_findTextInFiles', 'grep']);
const INDEX_TOOLS = new Set(['semantic_search', 'copilot_searchCodebase', 'search_codebase']);

/** Which harness sent a payload. */
export function copilotDialect(p: Record<string, unknown>): CopilotDialect {
	if ('toolName' in p || 'toolArgs' in p || ('prompt' in p && 'sessionId' in p && !('hook_event_name' in p))) {
		return 'copilot';
	}
	const transcript = str(p, 'transcript_path', 'transcriptPath') ?? '';
	if (/github\.copilot-chat/i.test(transcript) || 'tool_use_id' in p) {
		return 'local';
	}
	return 'copilot-pascal';
}

function makeAdapter(id: AgentId): AgentAdapter {
	return {
		id,
		parse(payload: unknown): HookRequest {
			if (!isObject(payload)) {
				const r = emptyRequest(id, '', 'ignore');
				r.notes.push('payload is not an object');
				return r;
			}
			const dialect = copilotDialect(payload);
			const event = str(payload, 'hook_event_name', 'hookEventName') ?? (dialect === 'copilot' ? ('toolName' in payload ? 'preToolUse' : 'prompt' in payload ? 'userPromptSubmitted' : '') : '');
			const cwd = str(payload, 'cwd');
			const lower = event.toLowerCase();
			if (lower === 'pretooluse') {
				const tool = str(payload, 'tool_name', 'toolName') ?? '';
				const input = obj(payload, 'tool_input', 'toolInput', 'toolArgs') ?? {};
				const req: HookRequest = { ...emptyRequest(id, event, 'tool'), dialect, tool, roots: cwd ? [cwd] : [], ...(cwd ? { cwd } : {}) };
				if (READ_TOOLS.has(tool)) {
					const p = str(input, 'filePath', 'file_path', 'path');
					if (p) {
						req.reads.push(directRead(absPath(p, cwd), tool));
					} else {
						req.notes.push(`${tool} without a path`);
					}
				} else if (SHELL_TOOLS.has(tool)) {
					const command = str(input, 'command', 'cmd');
					if (command !== undefined) {
						req.command = command;
						req.cwdDrift = dialect === 'local';
					}
				} else if (GREP_TOOLS.has(tool)) {
					const include = str(input, 'includePattern', 'glob', 'include');
					const base = str(input, 'path');
					const dir = absPath(base ?? cwd ?? '.', cwd);
					if (include) {
						const pattern = include.startsWith('/') ? include : `${dir}/${include.includes('/') ? include : `**/${include}`}`;
						req.reads.push(directRead(pattern, tool, { glob: true, dot: true, recursive: true }));
					} else {
						req.reads.push(directRead(dir, tool, { recursive: true, maybe: true }));
					}
				} else if (INDEX_TOOLS.has(tool)) {
					req.reads.push(directRead(absPath(cwd ?? '.', cwd), tool, { recursive: true, maybe: true }));
				} else {
					req.kind = 'ignore';
				}
				return req;
			}
			if (lower === 'userpromptsubmit' || lower === 'userpromptsubmitted') {
				const prompt = str(payload, 'prompt') ?? '';
				const req: HookRequest = { ...emptyRequest(id, event, 'prompt'), dialect, prompt, roots: cwd ? [cwd] : [], ...(cwd ? { cwd } : {}) };
				req.reads.push(...promptMentions(prompt, cwd, 'a file mentioned in the prompt'));
				return req;
			}
			return { ...emptyRequest(id, event, 'ignore'), dialect, ...(cwd ? { cwd } : {}) };
		},
		supportsAsk(req) {
			return req.kind === 'tool';
		},
		render(decision, req) {
			if (decision.decision === 'allow') {
				return NOTHING;
			}
			if (req.kind === 'prompt') {
				return jsonOut({ decision: 'block', reason: decision.reason });
			}
			const local = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision.decision, permissionDecisionReason: decision.reason } };
			const copilot = { permissionDecision: decision.decision, permissionDecisionReason: decision.reason };
			if (req.dialect === 'local') {
				return jsonOut(local);
			}
			if (req.dialect === 'copilot') {
				return jsonOut(copilot);
			}
			// Unknown which of the two reads this: each ignores the other's fields.
			return jsonOut({ ...copilot, ...local });
		},
	};
}

/** VS Code agent hooks (`--agent vscode`), Local or Copilot harness, told apart by the payload. */
export const vscodeAdapter: AgentAdapter = makeAdapter('vscode');
/** GitHub Copilot CLI and cloud agent (`--agent copilot-cli`); the same dialect detection. */
export const copilotCliAdapter: AgentAdapter = makeAdapter('copilot-cli');
