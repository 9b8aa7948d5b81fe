/** Helpers shared by the agent adapters: defensive field access, path normalisation, prompt mentions. */
import { posix } from 'node:path';
import type { ShellRead } from '../shell/types';
import type { AgentId, HookOutput, HookRequest } from './types';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first string among the given keys. */
export function str(obj: unknown, ...keys: string[]): string | undefined {
	if (!isObject(obj)) {
		return undefined;
	}
	for (const k of keys) {
		const v = obj[k];
		if (typeof v === 'string') {
			return v;
		}
	}
	return undefined;
}

/** The first object among the given keys; a JSON string holding an object is decoded. */
export function obj(o: unknown, ...keys: string[]): Json | undefined {
	if (!isObject(o)) {
		return undefined;
	}
	for (const k of keys) {
		const v = o[k];
		if (isObject(v)) {
			return v;
		}
		if (typeof v === 'string' && v.trim().startsWith('{')) {
			try {
				const parsed: unknown = JSON.parse(v);
				if (isObject(parsed)) {
					return parsed;
				}
			} catch {
				// not JSON: fall through
			}
		}
	}
	return undefined;
}

export function strings(v: unknown): string[] {
	if (typeof v === 'string') {
		return [v];
	}
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Backslashes to slashes, so Windows paths compare like POSIX ones. */
export function toPosix(p: string): string {
	return p.replace(/\\/g, '/');
}

/** An absolute POSIX path for a tool's path argument, relative ones resolved against `base`. */
export function absPath(p: string, base: string | undefined): string {
	const s = toPosix(p);
	if (s.startsWith('/') || /^[A-Za-z]:\//.test(s)) {
		return posix.normalize(s);
	}
	if (s.startsWith('~/') || !base) {
		return s;
	}
	return posix.normalize(`${toPosix(base)}/${s}`);
}

export function emptyRequest(agent: AgentId, event: string, kind: HookRequest['kind']): HookRequest {
	return { agent, event, kind, roots: [], reads: [], uncertain: [], notes: [] };
}

export const NOTHING: HookOutput = { stdout: '', stderr: '', exitCode: 0 };

export function jsonOut(value: unknown): HookOutput {
	return { stdout: `${JSON.stringify(value)}\n`, stderr: '', exitCode: 0 };
}

/**
 * Files a prompt mentions: `#file:path`, `@path` and `@"path with spaces"`. Mentions bypass the tool hooks
 * in several agents (the file is attached without a tool call), so the prompt hook checks them.
 */
export function promptMentions(prompt: string, base: string | undefined, via: string): ShellRead[] {
	const out: ShellRead[] = [];
	const re = /(?:^|[\s(])(?:#file:|@)(?:"([^"]+)"|'([^']+)'|([^\s"'`,;)]+))/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(prompt))) {
		let raw = m[1] ?? m[2] ?? m[3] ?? '';
		if (m[3] !== undefined) {
			raw = raw.replace(/[,:;!?]+$/, '').replace(/\.$/, '');
		}
		if (raw === '' || /^[\w.-]+@[\w.-]+$/.test(raw) || /^https?:/.test(raw)) {
			continue;
		}
		// `@workspace`, `@terminal`, `@agent` are chat participants, not files.
		if (!raw.includes('.') && !raw.includes('/')) {
			continue;
		}
		const path = raw.replace(/^file:\/\//, '').replace(/:\d+(-\d+)?$/, '');
		out.push({ path: absPath(path, base), recursive: path.endsWith('/'), via });
	}
	return out;
}
