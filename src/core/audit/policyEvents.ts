/**
 * Which audit entries a change of the effective policy or of the workspace's restriction calls for. Plain data in,
 * the entries to append out: the editor's audit service feeds it each new effective policy and workspace summary.
 */
import type { EffectivePolicy } from '../policy/layering';
import { formatDiagnostic } from '../policy/parse';
import type { AuditRecord } from './events';

/** What the policy entries need of an effective policy (an `EffectivePolicy` is one). */
export type PolicyEventInput = Pick<EffectivePolicy, 'policy' | 'state' | 'sources' | 'refused' | 'exceptions' | 'diagnostics' | 'sha256'>;

const refusedKey = (r: EffectivePolicy['refused'][number]): string => `${r.layer}\u0000${r.source}\u0000${r.key}`;
const exceptionKey = (e: { path: string; layer: string; expires: string }): string => `${e.path}\u0000${e.layer}\u0000${e.expires}`;

/** The files with error diagnostics, each with its error count and first error. */
function rejectedFiles(p: PolicyEventInput): { file: string; errors: number; firstError: string }[] {
	const byFile = new Map<string, { file: string; errors: number; firstError: string }>();
	for (const d of p.diagnostics) {
		if (d.severity !== 'error') {
			continue;
		}
		const f = byFile.get(d.file);
		if (f) {
			f.errors++;
		} else {
			byFile.set(d.file, { file: d.file, errors: 1, firstError: formatDiagnostic(d) });
		}
	}
	return [...byFile.values()];
}

/**
 * The entries for a new effective policy, given the one before (undefined at the first load of the session):
 * - `policy.loaded` when a valid policy (org or default) is in force, `policy.rejected` for each policy file with
 *   errors that is new or changed since `prev` (the org file when the last valid or the strict fallback is in
 *   force, a workspace layer otherwise);
 * - `loosening.refused` for each refusal not in `prev`;
 * - `exception.granted` for each active exception not active in `prev`; `exception.expired` for each exception
 *   active in `prev` and no longer (rejected now: with its `why`; past its expiry: `expired`; else `removed`), and
 *   for each newly rejected exception that was never active (with its `why`).
 */
export function policyChangeRecords(prev: PolicyEventInput | undefined, next: PolicyEventInput, now: Date, workspace?: string): AuditRecord[] {
	const ws = workspace !== undefined ? { workspace } : {};
	const out: AuditRecord[] = [];
	const fallback = next.state === 'org-last-valid' || next.state === 'strict-fallback';
	if (!fallback && (prev === undefined || prev.sha256 !== next.sha256 || prev.state !== next.state)) {
		out.push({
			type: 'policy.loaded',
			data: {
				name: next.policy.name,
				state: next.state,
				sha256: next.sha256,
				sources: next.sources.filter((s) => s.used).map((s) => ({ kind: s.kind, label: s.label, sha256: s.sha256 })),
				...ws,
			},
		});
	}
	const before = new Set((prev ? rejectedFiles(prev) : []).map((f) => `${f.file}\u0000${f.errors}\u0000${f.firstError}`));
	const stateChanged = prev === undefined || prev.state !== next.state;
	for (const f of rejectedFiles(next)) {
		if (stateChanged || !before.has(`${f.file}\u0000${f.errors}\u0000${f.firstError}`)) {
			out.push({ type: 'policy.rejected', data: { file: f.file, state: next.state, errors: f.errors, firstError: f.firstError, ...ws } });
		}
	}
	if (fallback && !out.some((r) => r.type === 'policy.rejected') && stateChanged) {
		// Unreadable without diagnostics: still say which policy is in force instead.
		const org = next.sources.find((s) => s.kind === 'org');
		out.push({ type: 'policy.rejected', data: { file: org?.label ?? 'org policy', state: next.state, errors: 0, ...ws } });
	}
	const refusedBefore = new Set((prev?.refused ?? []).map(refusedKey));
	for (const r of next.refused) {
		if (!refusedBefore.has(refusedKey(r))) {
			out.push({ type: 'loosening.refused', data: { layer: r.layer, source: r.source, key: r.key, ...ws } });
		}
	}
	const activeBefore = new Map((prev?.exceptions.active ?? []).map((e) => [exceptionKey(e), e]));
	const activeNow = new Set(next.exceptions.active.map(exceptionKey));
	for (const e of next.exceptions.active) {
		if (!activeBefore.has(exceptionKey(e))) {
			out.push({
				type: 'exception.granted',
				data: { path: e.path, expires: e.expires, layer: e.layer, ...(e.reason !== undefined ? { reason: e.reason } : {}), ...ws },
			});
		}
	}
	const rejectedNow = new Map(next.exceptions.rejected.map((e) => [exceptionKey(e), e]));
	for (const [key, e] of activeBefore) {
		if (activeNow.has(key)) {
			continue;
		}
		const rejected = rejectedNow.get(key);
		const expiry = Date.parse(e.expires);
		const why = rejected ? rejected.why : !Number.isNaN(expiry) && expiry <= now.getTime() ? 'expired' : 'removed from the policy';
		out.push({ type: 'exception.expired', data: { path: e.path, expires: e.expires, layer: e.layer, why, ...ws } });
	}
	const rejectedBefore = new Set((prev?.exceptions.rejected ?? []).map(exceptionKey));
	for (const [key, e] of rejectedNow) {
		if (!rejectedBefore.has(key) && !activeBefore.has(key)) {
			out.push({ type: 'exception.expired', data: { path: e.path, expires: e.expires, layer: e.layer, why: e.why, ...ws } });
		}
	}
	return out;
}

/** The workspace's restriction as last recorded. */
export interface RestrictionState {
	restricted: boolean;
	level: string;
}

/**
 * The entry for a change of the workspace's restriction: `workspace.restricted` when it became restricted,
 * `workspace.unrestricted` when it no longer is; none when nothing changed. With no previous state (never recorded
 * for this workspace), only a restricted workspace is recorded.
 */
export function restrictionRecord(
	prev: RestrictionState | undefined,
	next: RestrictionState & { restrictedAt: string; sensitiveFiles?: number },
	workspace: string,
): AuditRecord | undefined {
	if ((prev?.restricted ?? false) === next.restricted) {
		return undefined;
	}
	return next.restricted
		? {
				type: 'workspace.restricted',
				data: { workspace, level: next.level, restrictedAt: next.restrictedAt, ...(next.sensitiveFiles !== undefined ? { sensitiveFiles: next.sensitiveFiles } : {}) },
			}
		: { type: 'workspace.unrestricted', data: { workspace, level: next.level, restrictedAt: next.restrictedAt } };
}
