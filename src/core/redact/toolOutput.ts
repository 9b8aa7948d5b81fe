/**
 * What an agent's tool returned, redacted: every string in the tool's output (a file's content, a command's
 * stdout, a grep's lines, an MCP tool's text) has each finding at or above the sensitive level replaced by its
 * placeholder, unless the policy allows that level as it is. The output keeps its JSON shape, which the agents
 * check a replacement against. What cannot be checked in full (too large, too deep, a detector stopped early) is
 * withheld behind a notice: never passed on.
 */
import { type AgentReads, agentReadAction } from '../policy/agentReads';
import { type Level, levelRank } from '../policy/levels';
import type { PlaceholderSession } from './placeholders';
import { type FindingSource, type Replacement, redactText } from './redact';

/** The most characters of tool output the hook checks; more is withheld. */
export const MAX_OUTPUT_CHARS = 2_000_000;
const MAX_DEPTH = 32;
/** Fields that name the output rather than hold it: kept when the rest is withheld. */
const LABEL_KEYS = new Set(['type', 'filePath', 'file_path', 'path']);
/** Fields pointing at a full copy of a long output: the agent shows that copy instead, so it goes. */
const PERSISTED_KEYS = ['persistedOutputPath', 'persistedOutputSize'];

export type OutputRedaction =
	| { kind: 'unchanged' }
	| { kind: 'redacted'; output: unknown; replacements: Replacement[] }
	| { kind: 'withheld'; output: unknown; why: string };

export interface ToolOutputOptions {
	source: FindingSource;
	session: PlaceholderSession;
	/** Findings at or above this level are replaced (the policy's sensitive level). */
	threshold: Level;
	agentReads?: AgentReads;
	maxChars?: number;
}

/** The tool output with its findings replaced, or withheld behind a notice when it cannot be checked in full. */
export function redactToolOutput(output: unknown, opts: ToolOutputOptions): OutputRedaction {
	const max = opts.maxChars ?? MAX_OUTPUT_CHARS;
	const size = measure(output, 0);
	if (size === undefined) {
		return withhold(output, `it is nested too deeply to check for secrets`);
	}
	if (size > max) {
		return withhold(output, `it is too large to check for secrets (${size} characters; the limit is ${max}). Read a smaller part (a line range, head or tail)`);
	}
	const include = (f: { level?: Level }): boolean =>
		f.level !== undefined && levelRank(f.level) >= levelRank(opts.threshold) && agentReadAction(opts.agentReads, f.level) !== 'allow';
	const replacements: Replacement[] = [];
	let complete = true;
	const redacted = mapStrings(output, (s) => {
		const r = redactText(s, opts.source, opts.session, include);
		complete &&= r.complete;
		replacements.push(...r.replacements);
		return r.text;
	});
	if (!complete) {
		return withhold(output, 'a detector ran out of its time budget before checking all of it');
	}
	if (replacements.length === 0) {
		return { kind: 'unchanged' };
	}
	return { kind: 'redacted', output: dropPersisted(redacted), replacements };
}

/** The notice an agent gets instead of output it may not see unchecked. */
export function withheldNotice(why: string): string {
	return `Context Warden withheld this tool output: ${why}.`;
}

/**
 * The output withheld behind a notice, in its own JSON shape (an agent refuses a replacement of another kind and
 * would keep the original): the notice goes in the first string, the other strings are emptied, labels stay.
 */
export function withholdToolOutput(output: unknown, why: string): { kind: 'withheld'; output: unknown; why: string } {
	return withhold(output, why);
}

function withhold(output: unknown, why: string): { kind: 'withheld'; output: unknown; why: string } {
	const notice = withheldNotice(why);
	let placed = false;
	const place = (): string => {
		if (placed) {
			return '';
		}
		placed = true;
		return notice;
	};
	const replaced = measure(output, 0) === undefined ? notice : mapStrings(output, place, (key) => key !== undefined && LABEL_KEYS.has(key));
	// No string to put the notice in (a number, a list of numbers): the notice itself, as text.
	return { kind: 'withheld', output: placed || typeof replaced === 'string' ? dropPersisted(replaced) : notice, why };
}

/** The number of characters in every string of a JSON value; undefined when it nests deeper than the checks go. */
function measure(v: unknown, depth: number): number | undefined {
	if (typeof v === 'string') {
		return v.length;
	}
	if (v === null || typeof v !== 'object') {
		return 0;
	}
	if (depth >= MAX_DEPTH) {
		return undefined;
	}
	let n = 0;
	for (const x of Array.isArray(v) ? v : Object.values(v)) {
		const m = measure(x, depth + 1);
		if (m === undefined) {
			return undefined;
		}
		n += m;
	}
	return n;
}

/** A copy of a JSON value with every string passed through `f` (strings under keys `keep` selects stay). */
function mapStrings(v: unknown, f: (s: string) => string, keep: (key: string | undefined) => boolean = () => false, key?: string): unknown {
	if (typeof v === 'string') {
		return keep(key) ? v : f(v);
	}
	if (Array.isArray(v)) {
		return v.map((x) => mapStrings(x, f, keep));
	}
	if (v !== null && typeof v === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) {
			// defineProperty: a `__proto__` key from JSON.parse stays a plain key.
			Object.defineProperty(out, k, { value: mapStrings(x, f, keep, k), enumerable: true, writable: true, configurable: true });
		}
		return out;
	}
	return v;
}

function dropPersisted(v: unknown): unknown {
	if (v === null || typeof v !== 'object' || Array.isArray(v)) {
		return v;
	}
	const out = { ...(v as Record<string, unknown>) };
	for (const k of PERSISTED_KEYS) {
		delete out[k];
	}
	return out;
}
