/**
 * Windsurf (Cascade hooks): `pre_read_code`, `pre_run_command`, `pre_user_prompt`, with the data under
 * `tool_info`. A hook blocks by exiting with code 2; stderr is the reason. No "ask".
 */
import { directRead } from '../decide';
import { absPath, emptyRequest, isObject, NOTHING, obj, promptMentions, str } from './common';
import type { AgentAdapter, HookRequest } from './types';

/** Windsurf (`--agent windsurf`). */
export const windsurfAdapter: AgentAdapter = {
	id: 'windsurf-editor',
	parse(payload: unknown): HookRequest {
		if (!isObject(payload)) {
			const r = emptyRequest('windsurf-editor', '', 'ignore');
			r.notes.push('payload is not an object');
			return r;
		}
		const event = str(payload, 'agent_action_name') ?? '';
		const info = obj(payload, 'tool_info') ?? {};
		const cwd = str(info, 'cwd') ?? str(payload, 'cwd');
		const base = { roots: cwd ? [cwd] : [], ...(cwd ? { cwd } : {}) };
		if (event === 'pre_read_code') {
			const req: HookRequest = { ...emptyRequest('windsurf-editor', event, 'tool'), ...base, tool: 'read_code' };
			const p = str(info, 'file_path', 'path');
			if (p) {
				req.reads.push(directRead(absPath(p, cwd), 'read_code'));
			}
			return req;
		}
		if (event === 'pre_run_command') {
			const req: HookRequest = { ...emptyRequest('windsurf-editor', event, 'tool'), ...base, tool: 'run_command' };
			const command = str(info, 'command_line', 'command');
			if (command !== undefined) {
				req.command = command;
			}
			return req;
		}
		if (event === 'pre_user_prompt') {
			const prompt = str(info, 'user_prompt', 'prompt') ?? '';
			const req: HookRequest = { ...emptyRequest('windsurf-editor', event, 'prompt'), ...base, prompt };
			req.reads.push(...promptMentions(prompt, cwd, 'a file mentioned in the prompt'));
			return req;
		}
		return { ...emptyRequest('windsurf-editor', event, 'ignore'), ...base };
	},
	supportsAsk: () => false,
	render(decision) {
		return decision.decision === 'allow' ? NOTHING : { stdout: '', stderr: `${decision.reason}\n`, exitCode: 2 };
	},
};
