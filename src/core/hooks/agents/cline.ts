/**
 * Cline: an executable per event in `.clinerules/hooks/`; the payload nests the event's data under
 * `preToolUse` / `userPromptSubmit`. Only an explicit `{"cancel":true,"errorMessage":…}` blocks; no "ask".
 * Allow prints `{"cancel":false}` (Cline reads JSON; cancel:false approves nothing by itself).
 */
import { directRead } from '../decide';
import { absPath, emptyRequest, isObject, jsonOut, obj, str, strings } from './common';
import { promptMentions } from './common';
import type { AgentAdapter, HookRequest } from './types';

/** Cline (`--agent cline`). */
export const clineAdapter: AgentAdapter = {
	id: 'cline',
	parse(payload: unknown): HookRequest {
		if (!isObject(payload)) {
			const r = emptyRequest('cline', '', 'ignore');
			r.notes.push('payload is not an object');
			return r;
		}
		const event = str(payload, 'hookName', 'hook_event_name') ?? '';
		const roots = strings(payload.workspaceRoots);
		const cwd = roots[0];
		const base = { roots, ...(cwd ? { cwd } : {}) };
		if (event === 'PreToolUse') {
			const data = obj(payload, 'preToolUse') ?? {};
			const tool = str(data, 'toolName', 'tool') ?? '';
			const params = obj(data, 'parameters', 'params', 'input') ?? {};
			const req: HookRequest = { ...emptyRequest('cline', event, 'tool'), ...base, tool };
			switch (tool) {
				case 'read_file':
				case 'Read': {
					const p = str(params, 'path', 'file_path');
					if (p) {
						req.reads.push(directRead(absPath(p, cwd), tool));
					}
					break;
				}
				case 'search_files': {
					const dir = absPath(str(params, 'path') ?? '.', cwd);
					const pattern = str(params, 'file_pattern');
					req.reads.push(pattern ? directRead(`${dir}/**/${pattern}`, tool, { glob: true, dot: true }) : directRead(dir, tool, { recursive: true }));
					break;
				}
				case 'execute_command': {
					const command = str(params, 'command');
					if (command !== undefined) {
						req.command = command;
					}
					break;
				}
				default:
					req.kind = 'ignore';
			}
			return req;
		}
		if (event === 'UserPromptSubmit') {
			const data = obj(payload, 'userPromptSubmit') ?? {};
			const prompt = str(data, 'prompt') ?? '';
			const req: HookRequest = { ...emptyRequest('cline', event, 'prompt'), ...base, prompt };
			req.reads.push(...promptMentions(prompt, cwd, 'a file mentioned in the prompt'));
			for (const a of strings(data.attachments)) {
				req.reads.push(directRead(absPath(a, cwd), 'an attached file'));
			}
			return req;
		}
		return { ...emptyRequest('cline', event, 'ignore'), ...base };
	},
	supportsAsk: () => false,
	render(decision) {
		return decision.decision === 'allow' ? jsonOut({ cancel: false }) : jsonOut({ cancel: true, errorMessage: decision.reason });
	},
};
