/**
 * The audit log's event types, the metadata each carries, and the guard that keeps content and secrets out.
 *
 * An audit entry says what Context Warden decided, about which path, rule, assistant or policy: never what a file
 * contains. `guardAuditData` enforces that on every append, whatever the caller passes.
 */
import { SECRET_RULES } from '../classify/detectors/secretRules';
import { shannonEntropy } from '../classify/textIndex';

/** Every event type, in the order they are documented below. */
export const AUDIT_EVENT_TYPES = [
	'policy.loaded',
	'policy.rejected',
	'workspace.restricted',
	'workspace.unrestricted',
	'assistant.warned',
	'assistant.disabled',
	'assistant.restored',
	'exception.granted',
	'exception.expired',
	'drift.detected',
	'audit.run',
	'hook.deny',
	'hook.ask',
	'hook.allow',
	'hook.redact',
	'loosening.refused',
	'audit.pruned',
	'enforcement.paused',
	'enforcement.resumed',
	'enforcement.pauseRefused',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** A policy source as logged: where a layer came from and the hash of its text. */
export interface LoggedSource {
	kind: string;
	label: string;
	sha256: string | null;
}

/**
 * The metadata of each event type. Paths are workspace-relative POSIX (or a policy file's path); ids are rule,
 * lever, assistant or catalogue ids. Optional `workspace` names the workspace folder (its name, not its content).
 */
export interface AuditEventData {
	/** The effective policy was (re)computed. */
	'policy.loaded': { name: string; state: string; sha256: string; sources?: LoggedSource[]; workspace?: string };
	/** A policy file could not be used (syntax, schema, unreadable); `state` is what is in force instead. */
	'policy.rejected': { file: string; state: string; errors: number; firstError?: string; workspace?: string };
	/** The workspace became restricted, at `level`. */
	'workspace.restricted': { workspace: string; level: string; restrictedAt: string; sensitiveFiles?: number };
	/** The workspace is no longer restricted. */
	'workspace.unrestricted': { workspace: string; level: string; restrictedAt: string };
	/** An assistant was warned about (restrictedAction `warn`, or an unrecognised assistant). */
	'assistant.warned': { assistantId: string; name?: string; extensionId?: string; why?: string[]; workspace?: string };
	/** An assistant was disabled with these levers. */
	'assistant.disabled': { assistantId: string; name?: string; levers: string[]; gaps?: string[]; workspace?: string };
	/** Levers Context Warden had applied were removed (policy changed, workspace unrestricted). */
	'assistant.restored': { assistantId: string; name?: string; levers: string[]; workspace?: string };
	/** An exception is in force for a path glob. */
	'exception.granted': { path: string; expires: string; layer: string; reason?: string; workspace?: string };
	/** An exception expired (or was rejected: `why`). */
	'exception.expired': { path: string; expires: string; layer: string; why?: string; workspace?: string };
	/** A managed file changed since Context Warden applied its levers. */
	'drift.detected': { file: string; kind: string; levers: string[]; reapplied?: boolean; workspace?: string };
	/** An audit report was produced. */
	'audit.run': { workspace: string; format: string; files: number; findings: number; level: string; restricted: boolean; out?: string };
	/** The agent hook denied a tool call. */
	'hook.deny': { agent: string; tool?: string; rule?: string; paths: string[]; workspace?: string };
	/** The agent hook asked the user about a tool call. */
	'hook.ask': { agent: string; tool?: string; rule?: string; paths: string[]; workspace?: string };
	/** The agent hook let a read of sensitive files through as they are: the policy allows their level. */
	'hook.allow': { agent: string; tool?: string; paths: string[]; levels?: string[]; workspace?: string };
	/**
	 * The agent hook replaced what a tool returned: `replaced` findings masked (by these rules), or the whole output
	 * withheld behind a notice (`withheld`, with why). Rules and counts only, never a value or a placeholder's value.
	 */
	'hook.redact': { agent: string; tool?: string; rules: string[]; replaced: number; withheld?: string; workspace?: string };
	/** A workspace layer tried to loosen the policy; the org's value was kept. */
	'loosening.refused': { layer: string; source: string; key: string; workspace?: string };
	/**
	 * The oldest segments were deleted to keep `retain` rotated segments. `throughSeq` is the last deleted entry
	 * and `lastHash` the sha256 of its line: what the first remaining entry chains to, so the log still verifies.
	 */
	'audit.pruned': { segments: string[]; throughSeq: number; lastHash: string; retain: number };
	/** Someone paused enforcement in a restricted workspace (the org policy allows it): who, from which command, until when. */
	'enforcement.paused': { by: string; command: string; until?: string; workspace?: string };
	/** Enforcement applies again: resumed by the user, the pause expired, or the policy changed. */
	'enforcement.resumed': { by?: string; why: 'resumed' | 'expired' | 'policy changed'; workspace?: string };
	/** A command that would pause enforcement was refused: the org policy does not allow pausing. */
	'enforcement.pauseRefused': { by: string; command: string; workspace?: string };
}

/** One event to record, typed by its type: what a service hands the audit log (e.g. through an event emitter). */
export type AuditRecord = { [K in AuditEventType]: { type: K; data: AuditEventData[K] } }[AuditEventType];

/** A JSON value as stored in the log. */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };
export type AuditData = { [key: string]: AuditValue };

/** The longest string kept in an entry (a long path is fine; a paragraph of content is not). */
export const MAX_STRING_CHARS = 512;
/** The most items kept in an array. */
export const MAX_ARRAY_ITEMS = 50;
const MAX_DEPTH = 4;

/**
 * Keys that name content or secret values. Their values are dropped, whatever they hold: "expected"/"actual" of a
 * drift event are a file's lines, "attempted" of a refused loosening may be anything a workspace wrote.
 */
const CONTENT_KEY =
	/^(?:text|content|contents|body|snippet|excerpt|source_?text|line_?text|lines|raw|match|matched|value|values|preview|secret|secrets|password|passwd|pwd|token|tokens|api_?key|apikey|private_?key|credential|credentials|cookie|authorization|expected|actual|attempted|kept|env|environment_?variables|buffer|bytes|data_?url)$/i;

/** Provider rules whose format is anchored (a fixed prefix or a PEM header): a hit inside any string is a secret. */
const ANCHORED_SECRET_RULES = SECRET_RULES.filter((r) => !r.generic).map((r) => new RegExp(r.regex.source, r.regex.flags.replace(/[gyd]/g, '')));
const PEM_HEADER = /-----BEGIN [A-Z0-9 ]*(?:PRIVATE KEY|CERTIFICATE|PGP)[A-Z0-9 ]*-----/;
/** `password=…`, `token: …`, `Authorization: Bearer …` inside a string. */
const ASSIGNMENT =
	/(?:pass(?:word|wd)?|secret|token|api[_-]?key|credential)\s*[:=]\s*["']?[^\s"',;]{6,}|\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/i;
/** A 64-hex-digit value: a sha256, what `sha256`, `hash` and `prev` fields hold. */
const SHA256_HEX = /^[0-9a-f]{64}$/;
const HASH_KEY = /(?:sha256|hash|digest|prev)$/i;

/** Why a string must not be logged, or undefined when it is plain metadata. */
export function contentProblem(value: string, key = ''): string | undefined {
	if (/[\r\n]/.test(value)) {
		return 'looks like content (several lines)';
	}
	if (value.length > MAX_STRING_CHARS) {
		return `looks like content (${value.length} characters)`;
	}
	if (PEM_HEADER.test(value)) {
		return 'looks like a key or certificate';
	}
	if (SHA256_HEX.test(value) && HASH_KEY.test(key)) {
		return undefined;
	}
	for (const re of ANCHORED_SECRET_RULES) {
		if (re.test(value)) {
			return 'looks like a secret';
		}
	}
	if (ASSIGNMENT.test(value)) {
		return 'looks like a secret assignment';
	}
	// A long token without separators and with a high entropy: a key, whatever its provider.
	for (const word of value.split(/[\s/\\,;:()[\]{}<>"'`|]+/)) {
		if (word.length >= 24 && !/[.]\w{1,8}$/.test(word) && shannonEntropy(word) >= 4.2) {
			return 'looks like a secret (a long random token)';
		}
	}
	return undefined;
}

/** What the guard kept, and what it dropped with why (JSON paths under `data`). */
export interface GuardResult {
	data: AuditData;
	stripped: string[];
}

/**
 * Keeps only plain metadata from an event's data: finite numbers, booleans, null, and short single-line strings
 * that do not look like a secret, in objects and arrays (bounded in depth and length). Anything under a key that
 * names content (`text`, `value`, `preview`, `password`, …) is dropped, and so is anything that looks like a
 * secret or file content. Never throws.
 */
export function guardAuditData(data: unknown): GuardResult {
	const stripped: string[] = [];
	const walk = (v: unknown, path: string, key: string, depth: number): AuditValue | undefined => {
		if (v === null || typeof v === 'boolean') {
			return v;
		}
		if (typeof v === 'number') {
			if (Number.isFinite(v)) {
				return v;
			}
			stripped.push(`${path}: not a finite number`);
			return undefined;
		}
		if (typeof v === 'string') {
			const problem = contentProblem(v, key);
			if (problem) {
				stripped.push(`${path}: ${problem}`);
				return undefined;
			}
			return v;
		}
		if (v instanceof Date) {
			return Number.isNaN(v.getTime()) ? null : v.toISOString();
		}
		if (depth >= MAX_DEPTH) {
			stripped.push(`${path}: too deep`);
			return undefined;
		}
		if (Array.isArray(v)) {
			const out: AuditValue[] = [];
			v.slice(0, MAX_ARRAY_ITEMS).forEach((x, i) => {
				const w = walk(x, `${path}[${i}]`, key, depth + 1);
				if (w !== undefined) {
					out.push(w);
				}
			});
			if (v.length > MAX_ARRAY_ITEMS) {
				stripped.push(`${path}: ${v.length - MAX_ARRAY_ITEMS} items left out`);
			}
			return out;
		}
		if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
			const out: AuditData = {};
			for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
				if (x === undefined) {
					continue;
				}
				const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
				if (CONTENT_KEY.test(k)) {
					stripped.push(`${p}: a content field is never logged`);
					continue;
				}
				if (contentProblem(k)) {
					stripped.push(`${path}: a key that looks like content or a secret`);
					continue;
				}
				const w = walk(x, p, k, depth + 1);
				if (w !== undefined) {
					Object.defineProperty(out, k, { value: w, enumerable: true, writable: true, configurable: true });
				}
			}
			return out;
		}
		stripped.push(`${path}: not plain data (${typeof v})`);
		return undefined;
	};
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		return { data: {}, stripped: data === undefined ? [] : ['data: not an object'] };
	}
	const out = walk(data, 'data', '', 0);
	return { data: out !== null && typeof out === 'object' && !Array.isArray(out) ? out : {}, stripped };
}
