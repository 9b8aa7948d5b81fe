/**
 * Stable placeholders for redacted values: within one session (an agent's conversation), the same value always
 * gets the same placeholder, so a model can still reason about "the same key", and two different values never
 * share one. The session remembers values only by a keyed hash (HMAC-SHA-256 under a random per-session key),
 * never the value itself, so its state can be kept on disk between hook runs.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** What a session keeps, as plain JSON: the HMAC key, the placeholder of each value's digest, the last number per label. */
export interface PlaceholderSessionState {
	version: 1;
	/** The HMAC key, hex (32 random bytes). */
	key: string;
	/** Digest of a value (hex, 128 bits) → its placeholder. */
	entries: Record<string, string>;
	/** `kind:rule` → the last number given under it. */
	counters: Record<string, number>;
}

const KEY_HEX = /^[0-9a-f]{64}$/;
const DIGEST_HEX = /^[0-9a-f]{32}$/;
const PLACEHOLDER = /^«[a-z-]+:[A-Za-z0-9._:-]+#[1-9][0-9]*»$/;
/** A session holding more distinct values than this starts over (a damaged or hostile state file stays small). */
export const MAX_SESSION_ENTRIES = 100_000;

/** The placeholder text for the n-th distinct value of a kind and rule: `«secret:aws-secret-access-key#1»`. */
export function placeholderText(kind: string, rule: string, n: number): string {
	return `«${kind}:${rule.replace(/[^A-Za-z0-9._:-]/g, '-')}#${n}»`;
}

/** Matches every placeholder this module makes (global). */
export const PLACEHOLDER_PATTERN = /«[a-z-]+:[A-Za-z0-9._:-]+#[1-9][0-9]*»/g;

/** A fresh, empty state with a new random key. */
export function newSessionState(): PlaceholderSessionState {
	return { version: 1, key: randomBytes(32).toString('hex'), entries: {}, counters: {} };
}

/** Validates a stored state (parsed JSON); undefined when it is not one, so the caller starts a fresh session. */
export function parseSessionState(data: unknown): PlaceholderSessionState | undefined {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return undefined;
	}
	const d = data as Record<string, unknown>;
	if (d.version !== 1 || typeof d.key !== 'string' || !KEY_HEX.test(d.key)) {
		return undefined;
	}
	const entries = d.entries;
	const counters = d.counters;
	if (typeof entries !== 'object' || entries === null || typeof counters !== 'object' || counters === null) {
		return undefined;
	}
	const e = Object.entries(entries as Record<string, unknown>);
	const c = Object.entries(counters as Record<string, unknown>);
	if (e.length > MAX_SESSION_ENTRIES || !e.every(([k, v]) => DIGEST_HEX.test(k) && typeof v === 'string' && PLACEHOLDER.test(v))) {
		return undefined;
	}
	if (!c.every(([, v]) => typeof v === 'number' && Number.isInteger(v) && v > 0)) {
		return undefined;
	}
	return { version: 1, key: d.key, entries: Object.fromEntries(e) as Record<string, string>, counters: Object.fromEntries(c) as Record<string, number> };
}

/** Gives each distinct value a placeholder, the same one every time within the session. */
export class PlaceholderSession {
	private readonly s: PlaceholderSessionState;
	private dirty = false;

	constructor(state: PlaceholderSessionState = newSessionState()) {
		this.s = { version: 1, key: state.key, entries: { ...state.entries }, counters: { ...state.counters } };
	}

	/** The placeholder of a value found by a rule of a kind (the first rule that met the value names it). */
	placeholderFor(kind: string, rule: string, value: string): string {
		const digest = createHmac('sha256', Buffer.from(this.s.key, 'hex')).update(value, 'utf8').digest('hex').slice(0, 32);
		const known = Object.prototype.hasOwnProperty.call(this.s.entries, digest) ? this.s.entries[digest] : undefined;
		if (known !== undefined) {
			return known;
		}
		if (Object.keys(this.s.entries).length >= MAX_SESSION_ENTRIES) {
			this.s.entries = {};
		}
		const label = `${kind}:${rule}`;
		const n = (Object.prototype.hasOwnProperty.call(this.s.counters, label) ? (this.s.counters[label] ?? 0) : 0) + 1;
		this.s.counters[label] = n;
		const text = placeholderText(kind, rule, n);
		this.s.entries[digest] = text;
		this.dirty = true;
		return text;
	}

	/** Whether a placeholder was added since the session was made (its state then needs saving). */
	get changed(): boolean {
		return this.dirty;
	}

	/** A copy of the state, to store. Holds digests and placeholders, never a value. */
	state(): PlaceholderSessionState {
		return { version: 1, key: this.s.key, entries: { ...this.s.entries }, counters: { ...this.s.counters } };
	}
}
