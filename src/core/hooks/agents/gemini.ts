/**
 * Gemini CLI: `BeforeTool` for read_file, read_many_files, grep_search and run_shell_command; `BeforeAgent`
 * for the prompt (its @-includes bypass BeforeTool). Deny is `{"decision":"deny","reason":…}`; no "ask".
 */
import { directRead } from '../decide';
import { absPath, emptyRequest, isObject, jsonOut, NOTHING, obj, promptMentions, str, strings } from './common';
import type { AgentAdapter, HookRequest } from './types';

/** Gemini CLI (`--agent gemini`). */
export const geminiAdapter: AgentAdapter = {
	id: 'gemini-cli-companion',
	parse(payload: unknown): HookRequest {
		if (!isObject(payload)) {
			const r = emptyRequest('gemini-cli-companion', '', 'ignore');
			r.notes.push('payload is not an object');
			return r;
		}
		const event = str(payload, 'hook_event_name') ?? '';
		const cwd = str(payload, 'cwd');
		const base = { ...(cwd ? { cwd } : {}), roots: cwd ? [cwd] : [] };
		if (event === 'BeforeTool') {
			const tool = str(payload, 'tool_name') ?? '';
			const input = obj(payload, 'tool_input') ?? {};
			const req: HookRequest = { ...emptyRequest('gemini-cli-companion', event, 'tool'), ...base, tool };
			switch (tool) {
				case 'read_file': {
					const p = str(input, 'file_path', 'absolute_path', 'path');
					if (p) {
						req.reads.push(directRead(absPath(p, cwd), tool));
					}
					break;
				}
				case 'read_many_files': {
					const dir = absPath(str(input, 'dir_path') ?? cwd ?? '.', cwd);
					for (const inc of [...strings(input.include), ...strings(input.paths)]) {
						const isGlob = /[*?[{]/.test(inc);
						req.reads.push(directRead(absPath(inc, dir), tool, isGlob ? { glob: true, dot: true } : { recursive: true }));
					}
					break;
				}
				case 'grep_search':
				case 'search_file_content': {
					if (input.names_only === true) {
						req.kind = 'ignore';
						break;
					}
					const dir = absPath(str(input, 'dir_path', 'path') ?? cwd ?? '.', cwd);
					const include = str(input, 'include_pattern', 'include');
					if (include) {
						req.reads.push(directRead(`${dir}/${include.includes('/') ? include : `**/${include}`}`, tool, { glob: true, dot: true, recursive: true }));
					} else {
						req.reads.push(directRead(dir, tool, { recursive: true }));
					}
					break;
				}
				case 'run_shell_command': {
					const command = str(input, 'command');
					if (command !== undefined) {
						req.command = command;
					}
					const dir = str(input, 'dir_path', 'directory');
					if (dir) {
						req.cwd = absPath(dir, cwd);
					}
					break;
				}
				default:
					req.kind = 'ignore';
			}
			return req;
		}
		if (event === 'BeforeAgent') {
			const prompt = str(payload, 'prompt') ?? '';
			const req: HookRequest = { ...emptyRequest('gemini-cli-companion', event, 'prompt'), ...base, prompt };
			req.reads.push(...promptMentions(prompt, cwd, 'a file included in the prompt'));
			return req;
		}
		return { ...emptyRequest('gemini-cli-companion', event, 'ignore'), ...base };
	},
	supportsAsk: () => false,
	render(decision) {
		return decision.decision === 'allow' ? NOTHING : jsonOut({ decision: 'deny', reason: decision.reason });
	},
};
