/**
 * Claude Code: `PreToolUse` for Read, NotebookRead, Grep, Glob and Bash; `UserPromptSubmit` for @-mentions and
 * secrets typed into the prompt; `PostToolUse` to redact what Read, Grep, Bash and MCP tools returned.
 * Deny/ask as `hookSpecificOutput.permissionDecision`; a prompt is blocked with top-level `decision: "block"`;
 * a tool's output is replaced with `hookSpecificOutput.updatedToolOutput` (every tool since 2.1.121).
 */
import { directRead } from '../decide';
import { absPath, emptyRequest, isObject, jsonOut, NOTHING, obj, promptMentions, str } from './common';
import type { ShellRead } from '../shell/types';
import type { AgentAdapter, HookRequest } from './types';

/** Parses a Claude-shaped PreToolUse / UserPromptSubmit payload (Claude Code and Codex share it). */
export function parseClaudeShape(id: 'claude-code' | 'openai-codex', payload: unknown): HookRequest {
	if (!isObject(payload)) {
		const r = emptyRequest(id, '', 'ignore');
		r.notes.push('payload is not an object');
		return r;
	}
	const event = str(payload, 'hook_event_name') ?? '';
	const cwd = str(payload, 'cwd');
	const sessionId = str(payload, 'session_id');
	const base = { ...(cwd ? { cwd } : {}), roots: cwd ? [cwd] : [], ...(sessionId ? { sessionId } : {}) };
	if (event === 'PostToolUse') {
		const tool = str(payload, 'tool_name') ?? '';
		return { ...emptyRequest(id, event, 'output'), ...base, tool, output: payload.tool_response };
	}
	if (event === 'PreToolUse') {
		const tool = str(payload, 'tool_name') ?? '';
		const input = obj(payload, 'tool_input') ?? {};
		const req: HookRequest = { ...emptyRequest(id, event, 'tool'), ...base, tool };
		switch (tool) {
			case 'Read':
			case 'NotebookRead': {
				const p = str(input, 'file_path', 'notebook_path', 'path');
				if (p) {
					req.reads.push(directRead(absPath(p, cwd), tool));
				}
				break;
			}
			case 'Edit':
			case 'MultiEdit':
			case 'Write':
			case 'NotebookEdit': {
				// The result shows the file's content around the edit (and Write replaces a secret the agent saw).
				const p = str(input, 'file_path', 'notebook_path', 'path');
				if (p) {
					req.reads.push(directRead(absPath(p, cwd), tool));
				}
				break;
			}
			case 'Grep': {
				// Every output mode: files_with_matches and count answer "does this file match PATTERN?", an
				// oracle that extracts a secret character by character; content mode prints the lines.
				const dir = absPath(str(input, 'path') ?? cwd ?? '.', cwd);
				const glob = str(input, 'glob');
				if (glob) {
					req.reads.push(directRead(`${dir}/${glob.includes('/') ? glob : `**/${glob}`}`, tool, { glob: true, dot: true, recursive: true }));
				} else {
					req.reads.push(directRead(dir, tool, { recursive: true }));
				}
				break;
			}
			case 'Bash':
			case 'shell':
			case 'local_shell': {
				const command = input.command;
				if (typeof command === 'string') {
					req.command = command;
				} else if (Array.isArray(command) && command.every((c) => typeof c === 'string')) {
					const argv = command as string[];
					// Codex sends ["bash", "-lc", "script"] or a plain argv.
					const script = argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0] ?? '') && /^-\w*c$/.test(argv[1] ?? '') ? argv[2] : undefined;
					req.command = script ?? argv.map(shellQuote).join(' ');
				} else {
					req.notes.push(`${tool} without a command`);
				}
				const workdir = str(input, 'workdir', 'cwd');
				if (workdir) {
					req.cwd = absPath(workdir, cwd);
				}
				break;
			}
			default:
				if (tool.startsWith('mcp__')) {
					// An MCP tool (mcp__<server>__<tool>): the paths and folders its arguments name. It stays a tool call
					// even when it names none: the policy may block its server.
					req.reads.push(...mcpReads(tool, input, cwd));
					break;
				}
				req.kind = 'ignore';
		}
		return req;
	}
	if (event === 'UserPromptSubmit') {
		const prompt = str(payload, 'prompt') ?? '';
		const req: HookRequest = { ...emptyRequest(id, event, 'prompt'), ...base, prompt };
		req.reads.push(...promptMentions(prompt, cwd, 'a file mentioned in the prompt'));
		return req;
	}
	return { ...emptyRequest(id, event, 'ignore'), ...base };
}

function shellQuote(s: string): string {
	return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Claude Code (`--agent claude`). */
export const claudeAdapter: AgentAdapter = {
	id: 'claude-code',
	parse: (payload) => parseClaudeShape('claude-code', payload),
	supportsAsk: (req) => req.kind === 'tool',
	render(decision, req) {
		if (decision.decision === 'allow') {
			return NOTHING;
		}
		if (req.kind === 'prompt') {
			return jsonOut({ decision: 'block', reason: decision.reason });
		}
		return jsonOut({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision.decision, permissionDecisionReason: decision.reason } });
	},
	renderOutput(replacement) {
		return jsonOut({ hookSpecificOutput: { hookEventName: 'PostToolUse', updatedToolOutput: replacement } });
	},
};

const MCP_PATH_KEYS = /^(path|paths|file|files|file_?path|file_?paths|filename|source|src|target|uri|url|directory|dir|root|cwd|folder|notebook_?path|absolute_?path|relative_?path)$/i;

/**
 * The reads an MCP tool call names: string arguments under path-like keys (and `file://` URIs), at any depth.
 * A tool whose name says it only lists (list_directory, directory_tree, get_file_info) reads no content; one
 * that searches (search_files, grep) reads its folder recursively.
 */
export function mcpReads(tool: string, input: Record<string, unknown>, cwd: string | undefined): ShellRead[] {
	const name = tool.split('__').slice(2).join('__').toLowerCase();
	if (/^(list|get_file_info|file_info|stat|exists|directory_tree|tree|list_allowed)/.test(name) && !/read|content|search|grep/.test(name)) {
		return [];
	}
	const recursive = /search|grep|find|glob|tree|walk|recursive|zip|archive|upload|sync/.test(name);
	const out: ShellRead[] = [];
	const visit = (value: unknown, key: string, depth: number): void => {
		if (depth > 4 || out.length > 64) {
			return;
		}
		if (typeof value === 'string') {
			const uri = /^file:\/\/[^/]*(\/.*)$/i.exec(value);
			if (uri?.[1] !== undefined) {
				out.push(directRead(absPath(decodeURIComponent(uri[1]), cwd), tool, recursive ? { recursive: true } : {}));
			} else if (MCP_PATH_KEYS.test(key) && value !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && value.length < 4096) {
				out.push(directRead(absPath(value, cwd), tool, recursive ? { recursive: true } : {}));
			}
			return;
		}
		if (Array.isArray(value)) {
			for (const v of value) {
				visit(v, key, depth + 1);
			}
			return;
		}
		if (isObject(value)) {
			for (const [k, v] of Object.entries(value)) {
				visit(v, k, depth + 1);
			}
		}
	};
	visit(input, '', 0);
	return out;
}
