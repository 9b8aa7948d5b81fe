/**
 * Cursor: `beforeReadFile`/`beforeTabFileRead` carry the file's content (classified here, not just the path);
 * `beforeShellExecution` a command; `beforeSubmitPrompt` the prompt and its attachments; `preToolUse` a tool.
 * Read events answer `{"permission":…}` only; shell and tool events may ask; a prompt is stopped with
 * `{"continue":false,"user_message":…}`.
 *
 * Allow on a read event prints `{"permission":"allow"}`: the installer sets `failClosed` there, where empty
 * output could count as invalid; a read has no confirmation to skip. Shell events print nothing on allow.
 */
import { directRead } from '../decide';
import { absPath, emptyRequest, isObject, jsonOut, NOTHING, obj, str, strings } from './common';
import type { AgentAdapter, HookRequest } from './types';

const READ_EVENTS = new Set(['beforeReadFile', 'beforeTabFileRead']);

function attachments(payload: Record<string, unknown>, cwd: string | undefined, req: HookRequest): void {
	const list = payload.attachments;
	if (!Array.isArray(list)) {
		return;
	}
	for (const a of list) {
		const p = str(a, 'file_path', 'filePath', 'path');
		if (p) {
			req.reads.push(directRead(absPath(p, cwd), 'an attached file'));
		}
	}
}

/** Cursor (`--agent cursor`). */
export const cursorAdapter: AgentAdapter = {
	id: 'cursor',
	parse(payload: unknown): HookRequest {
		if (!isObject(payload)) {
			const r = emptyRequest('cursor', '', 'ignore');
			r.notes.push('payload is not an object');
			return r;
		}
		const event = str(payload, 'hook_event_name') ?? '';
		const roots = strings(payload.workspace_roots);
		const cwd = str(payload, 'cwd') ?? roots[0];
		const base = { roots, ...(cwd ? { cwd } : {}) };
		if (READ_EVENTS.has(event)) {
			const req: HookRequest = { ...emptyRequest('cursor', event, 'tool'), ...base, tool: event };
			const p = str(payload, 'file_path', 'filePath', 'path');
			if (p) {
				const abs = absPath(p, cwd);
				req.reads.push(directRead(abs, 'read'));
				const content = str(payload, 'content');
				if (content !== undefined) {
					req.content = { path: abs, text: content };
				}
			}
			attachments(payload, cwd, req);
			return req;
		}
		if (event === 'beforeShellExecution') {
			const req: HookRequest = { ...emptyRequest('cursor', event, 'tool'), ...base, tool: 'shell' };
			const command = str(payload, 'command');
			if (command !== undefined) {
				req.command = command;
			}
			return req;
		}
		if (event === 'beforeSubmitPrompt') {
			const prompt = str(payload, 'prompt');
			const req: HookRequest = { ...emptyRequest('cursor', event, 'prompt'), ...base, ...(prompt !== undefined ? { prompt } : {}) };
			attachments(payload, cwd, req);
			return req;
		}
		if (event === 'preToolUse') {
			const tool = str(payload, 'tool_name') ?? '';
			const input = obj(payload, 'tool_input') ?? {};
			const req: HookRequest = { ...emptyRequest('cursor', event, 'tool'), ...base, tool };
			if (tool === 'Read' || tool === 'TabRead') {
				const p = str(input, 'file_path', 'path', 'target_file');
				if (p) {
					req.reads.push(directRead(absPath(p, cwd), tool));
				}
			} else if (tool === 'Shell') {
				const command = str(input, 'command');
				if (command !== undefined) {
					req.command = command;
				}
			} else if (tool === 'Grep') {
				const dir = absPath(str(input, 'path') ?? cwd ?? '.', cwd);
				req.reads.push(directRead(dir, tool, { recursive: true }));
			} else {
				req.kind = 'ignore';
			}
			return req;
		}
		return { ...emptyRequest('cursor', event, 'ignore'), ...base };
	},
	supportsAsk: (req) => req.event === 'beforeShellExecution' || req.event === 'preToolUse',
	render(decision, req) {
		if (READ_EVENTS.has(req.event)) {
			return jsonOut({ permission: decision.decision === 'allow' ? 'allow' : 'deny' });
		}
		if (decision.decision === 'allow') {
			return NOTHING;
		}
		if (req.kind === 'prompt') {
			return jsonOut({ continue: false, user_message: decision.reason });
		}
		return jsonOut({ permission: decision.decision, user_message: decision.reason, agent_message: decision.reason });
	},
};
