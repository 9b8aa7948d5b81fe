/**
 * The effective policy: the built-in default, filled over by the org policy, then tightened (never loosened) by the
 * workspace layer file and workspace settings. Plain data in, plain data out; nothing here throws.
 */
import { createHash } from 'node:crypto';
import { actionStrictness, agentReadAction } from './agentReads';
import { DEFAULT_POLICY, strictestDefault } from './defaultPolicy';
import { type PolicyDiagnostic, parseOrgPolicy, salvageLayerValue, salvagePolicyLayer } from './parse';
import {
	DETECTOR_FAMILIES,
	type DetectorFamily,
	type LayerKind,
	type Level,
	LEVELS,
	levelRank,
	type OrgPolicyFile,
	type Policy,
	type PolicyException,
	type PolicyLayer,
	RESTRICTED_AT,
	type RestrictedAt,
	MCP_ACTIONS,
} from './schema';

/** A policy file as read by the caller. */
export interface PolicyText {
	file: string;
	text: string;
}

/** A policy file that exists but could not be read. (A missing file is "not present": the caller omits it.) */
export interface PolicyReadError {
	file: string;
	error: string;
}

export interface PolicyInputs {
	/** Absent: no org policy, the built-in default is in force. */
	org?: PolicyText | PolicyReadError;
	/** The last org policy that was valid, for when `org` is invalid or unreadable. */
	lastValidOrg?: PolicyText;
	/** `.vscode/context-policy.json`. */
	workspace?: PolicyText | PolicyReadError;
	/** Workspace settings already shaped as a PolicyLayer (see `settingsToLayer`); validated here. */
	settings?: { source: string; layer: unknown };
	/** The clock, for exception expiry. */
	now: Date;
}

export type PolicyState = 'default' | 'org' | 'org-last-valid' | 'strict-fallback';

export interface PolicySource {
	kind: LayerKind;
	label: string;
	/** sha256 of the raw text; of the canonical JSON for the built-in policy and settings; null when unreadable. */
	sha256: string | null;
	used: boolean;
}

export interface RefusedLoosening {
	layer: LayerKind;
	source: string;
	/** The policy key, e.g. `assistants.allow`. */
	key: string;
	attempted: unknown;
	kept: unknown;
	message: string;
}

export type LayeredException = PolicyException & { layer: LayerKind };
export type RejectedException = PolicyException & { layer: LayerKind; why: string };

export interface EffectivePolicy {
	/** What decisions use. `policy.exceptions` holds the active exceptions only. */
	policy: Policy;
	state: PolicyState;
	sources: PolicySource[];
	/** JSON path of every value that drives a decision → the layer it came from. */
	origins: Map<string, LayerKind>;
	/** Loosening attempts of workspace layers, ignored. */
	refused: RefusedLoosening[];
	exceptions: { active: LayeredException[]; rejected: RejectedException[] };
	/** Every parse and validation problem of every layer, and what was done about it. */
	diagnostics: PolicyDiagnostic[];
	/** sha256 of the canonical JSON of `policy`. */
	sha256: string;
}

/**
 * How a workspace layer may change each key: the tighten-only rules, in words. Shown in the policy reference.
 */
export const LAYER_KEY_RULES: Record<string, string> = {
	pathRules: 'Rules are added to the org\'s; as the highest level of any matching rule wins, adding never loosens.',
	'content.maxFileSizeBytes': 'May be raised (more content is scanned), never lowered.',
	'content.detectors.*.enabled': 'May turn a family on, never off.',
	'content.detectors.*.level': 'May be raised, never lowered.',
	'content.detectors.pii.kinds': 'Kinds are added to the org\'s (when the org lists kinds); never removed.',
	'content.markers': 'Markers are added to the org\'s.',
	'content.patterns': 'Patterns are added to the org\'s.',
	'workspace.restrictedAt': 'May be lowered (always < public < internal < confidential < restricted < never), never raised.',
	'workspace.sensitiveLevel': 'May be lowered (more files are sensitive), never raised.',
	'workspace.agentReads.*': 'May be made stricter per level (allow < redact < deny), never looser; a level the org leaves out is denied.',
	'assistants.allow': 'May only remove entries: the layer\'s list is intersected with the org\'s.',
	'assistants.block': 'Entries are added to the org\'s.',
	'assistants.restrictedAction': 'May change warn to disable, never back.',
	'assistants.allowedDestinations': 'May only restrict to a subset of the org\'s destinations.',
	'assistants.unrecognised': 'May change ignore to warn, never back.',
	'mcp.allow': 'May only remove entries: the layer\'s list is intersected with the org\'s (entries compared whole).',
	'mcp.block': 'Entries are added to the org\'s.',
	'mcp.allowedDestinations': 'May only restrict to a subset of the org\'s destinations.',
	'mcp.restrictedAction': 'May move along warn < sandbox < disable, never back.',
	exceptions: 'Honoured only when overrides.exceptions allows them: with a reason when required, no longer than maxDays, until expiry.',
};

/** Arrays whose elements each carry their own origin (the layers add to them). */
const ADDITIVE_ARRAYS = new Set(['pathRules', 'content.markers', 'content.patterns', 'assistants.block', 'mcp.block', 'exceptions']);

/**
 * JSON of a value with object keys sorted at every depth, for hashing and stable output: `undefined` and function
 * members are left out and array holes become null, as JSON does; a Map is written as an object. `indent` as in
 * `JSON.stringify`.
 */
export function canonicalJson(value: unknown, indent?: number): string {
	const seen = new Set<unknown>();
	const walk = (v: unknown): unknown => {
		if (v === null || typeof v !== 'object') {
			return v;
		}
		if (seen.has(v)) {
			throw new TypeError('cannot serialise a cycle');
		}
		seen.add(v);
		let out: unknown;
		if (Array.isArray(v)) {
			out = v.map((x) => (x === undefined || typeof x === 'function' ? null : walk(x)));
		} else if (v instanceof Map) {
			out = walk(Object.fromEntries(v));
		} else {
			const o: Record<string, unknown> = {};
			for (const k of Object.keys(v).sort()) {
				const x = (v as Record<string, unknown>)[k];
				if (x !== undefined && typeof x !== 'function') {
					Object.defineProperty(o, k, { value: walk(x), enumerable: true, writable: true, configurable: true });
				}
			}
			out = o;
		}
		seen.delete(v);
		return out;
	};
	return JSON.stringify(walk(value), null, indent) ?? 'null';
}

/** sha256 hex of a string (UTF-8). */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hashValue(value: unknown): string | null {
	try {
		return sha256Hex(canonicalJson(value));
	} catch {
		return null;
	}
}

/** Records every decision-driving path of `value` under `prefix` as coming from `kind`. */
function markLeaves(origins: Map<string, LayerKind>, value: unknown, prefix: string, kind: LayerKind): void {
	if (Array.isArray(value)) {
		for (const key of [...origins.keys()]) {
			if (key.startsWith(`${prefix}[`)) {
				origins.delete(key);
			}
		}
		origins.set(prefix, kind);
		if (ADDITIVE_ARRAYS.has(prefix)) {
			value.forEach((_, i) => origins.set(`${prefix}[${i}]`, kind));
		}
	} else if (value !== null && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (k !== '$schema' && v !== undefined) {
				markLeaves(origins, v, prefix ? `${prefix}.${k}` : k, kind);
			}
		}
	} else if (value !== undefined) {
		origins.set(prefix, kind);
	}
}

/**
 * The complete policy an org policy file stands for: each field it omits takes the base's (the built-in default's)
 * value. Arrays it gives replace the base's.
 */
export function completeOrgPolicy(file: OrgPolicyFile, base: Policy = DEFAULT_POLICY): Policy {
	const b = structuredClone(base);
	const c = file.content;
	const d = c?.detectors;
	const detectors = b.content.detectors;
	return {
		version: 1,
		name: file.name,
		...(file.description !== undefined ? { description: file.description } : {}),
		pathRules: orgPathRules(file, b.pathRules),
		content: {
			maxFileSizeBytes: c?.maxFileSizeBytes ?? b.content.maxFileSizeBytes,
			detectors: {
				secrets: { ...detectors.secrets, ...defined(d?.secrets) },
				privateKeys: { ...detectors.privateKeys, ...defined(d?.privateKeys) },
				pii: { ...detectors.pii, ...defined(d?.pii) },
				markers: { ...detectors.markers, ...defined(d?.markers) },
				patterns: { ...detectors.patterns, ...defined(d?.patterns) },
			},
			markers: c?.markers ?? b.content.markers,
			patterns: c?.patterns ?? b.content.patterns,
		},
		workspace: { ...b.workspace, ...defined(file.workspace) },
		assistants: { ...b.assistants, ...defined(file.assistants) },
		mcp: { ...b.mcp, ...defined(file.mcp) },
		overrides: {
			allowWorkspaceLayers: file.overrides?.allowWorkspaceLayers ?? b.overrides.allowWorkspaceLayers,
			exceptions: { ...b.overrides.exceptions, ...defined(file.overrides?.exceptions) },
			pause: { ...b.overrides.pause, ...defined(file.overrides?.pause) },
		},
		exceptions: file.exceptions ?? b.exceptions,
	};
}

/**
 * The path rules of an org policy over the base's groups: by default the org's rules extend them (a rule with a
 * base group's id takes its place), less the groups named in `dropDefaultPathRules`; with `pathRulesMode: "replace"`
 * the org's rules alone (the base's when the file gives none).
 */
export function orgPathRules(file: Pick<OrgPolicyFile, 'pathRules' | 'pathRulesMode' | 'dropDefaultPathRules'>, base: Policy['pathRules']): Policy['pathRules'] {
	const own = file.pathRules;
	if (file.pathRulesMode === 'replace') {
		return structuredClone(own ?? base);
	}
	const drop = new Set(file.dropDefaultPathRules ?? []);
	const byId = new Map((own ?? []).map((r) => [r.id, r]));
	const kept = base.filter((r) => !drop.has(r.id)).map((r) => structuredClone(byId.get(r.id) ?? r));
	const baseIds = new Set(base.map((r) => r.id));
	return [...kept, ...structuredClone((own ?? []).filter((r) => !baseIds.has(r.id)))];
}

/**
 * The base path rule groups an org policy drops (`pathRulesMode: "replace"`, or `dropDefaultPathRules`), and the ids
 * in `dropDefaultPathRules` that name no base group: what `validate` and the editor tell the admin.
 */
export function droppedPathRuleGroups(file: Pick<OrgPolicyFile, 'pathRules' | 'pathRulesMode' | 'dropDefaultPathRules'>, base: Policy['pathRules'] = DEFAULT_POLICY.pathRules): { dropped: string[]; unknown: string[] } {
	const kept = new Set(orgPathRules(file, base).map((r) => r.id));
	const baseIds = new Set(base.map((r) => r.id));
	return {
		dropped: base.map((r) => r.id).filter((id) => !kept.has(id)),
		unknown: (file.dropDefaultPathRules ?? []).filter((id) => !baseIds.has(id)),
	};
}

/** The warnings an org policy's path rules deserve: default groups dropped, unknown ids to drop. */
export function pathRuleDiagnostics(file: Pick<OrgPolicyFile, 'pathRules' | 'pathRulesMode' | 'dropDefaultPathRules'>, label: string, base: Policy['pathRules'] = DEFAULT_POLICY.pathRules): PolicyDiagnostic[] {
	const { dropped, unknown } = droppedPathRuleGroups(file, base);
	const out: PolicyDiagnostic[] = [];
	if (dropped.length > 0) {
		const how = file.pathRulesMode === 'replace' ? 'pathRulesMode "replace"' : 'dropDefaultPathRules';
		out.push(
			diag(
				label,
				`the policy drops ${dropped.length} of the ${base.length} built-in path rule groups (${how}): ${dropped.join(', ')}; files only they match are no longer sensitive`,
				'warning',
				file.pathRulesMode === 'replace' ? 'pathRulesMode' : 'dropDefaultPathRules',
			),
		);
	}
	if (unknown.length > 0) {
		out.push(diag(label, `dropDefaultPathRules names no built-in group: ${unknown.join(', ')} (the groups are ${base.map((r) => r.id).join(', ')})`, 'warning', 'dropDefaultPathRules'));
	}
	return out;
}

/** An object without its `undefined` members, so spreading it never blanks a base value. */
function defined<T extends object>(o: T | undefined): Partial<T> {
	const out: Partial<T> = {};
	for (const [k, v] of Object.entries(o ?? {})) {
		if (v !== undefined) {
			(out as Record<string, unknown>)[k] = v;
		}
	}
	return out;
}

function restrictedAtRank(r: RestrictedAt): number {
	return RESTRICTED_AT.indexOf(r);
}

/** The UTC day of a date as YYYY-MM-DD. */
export function utcDay(now: Date): string {
	return now.toISOString().slice(0, 10);
}

function dayNumber(isoDay: string): number {
	return Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
}

interface LayerContext {
	policy: Policy;
	origins: Map<string, LayerKind>;
	refused: RefusedLoosening[];
}

/** Applies one workspace layer, keeping only what tightens. Its exceptions are judged separately. */
function applyLayer(ctx: LayerContext, layer: PolicyLayer, kind: LayerKind, source: string): void {
	const { policy: p, origins } = ctx;
	const refuse = (key: string, attempted: unknown, kept: unknown, message: string): void => {
		ctx.refused.push({ layer: kind, source, key, attempted, kept, message });
	};

	// Path rules: added; the highest level of any matching rule wins, so adding never loosens.
	for (const rule of layer.pathRules ?? []) {
		origins.set(`pathRules[${p.pathRules.length}]`, kind);
		p.pathRules.push(structuredClone(rule));
		origins.set('pathRules', kind);
	}

	const content = layer.content;
	if (content?.maxFileSizeBytes !== undefined) {
		const cur = p.content.maxFileSizeBytes;
		if (content.maxFileSizeBytes > cur) {
			p.content.maxFileSizeBytes = content.maxFileSizeBytes;
			origins.set('content.maxFileSizeBytes', kind);
		} else if (content.maxFileSizeBytes < cur) {
			refuse('content.maxFileSizeBytes', content.maxFileSizeBytes, cur, 'lowering the content-scan size limit would leave larger files unscanned');
		}
	}
	for (const family of DETECTOR_FAMILIES) {
		applyDetector(ctx, family, content?.detectors?.[family], refuse, kind);
	}
	const kinds = content?.detectors?.pii?.kinds;
	if (kinds !== undefined) {
		const cur = p.content.detectors.pii.kinds;
		if (cur !== undefined) {
			const added = kinds.filter((k) => !cur.includes(k));
			if (added.length > 0) {
				p.content.detectors.pii.kinds = [...cur, ...new Set(added)];
				origins.set('content.detectors.pii.kinds', kind);
			}
		}
		// Org lists no kinds: every kind is already looked for; a layer's list adds nothing.
	}
	for (const marker of content?.markers ?? []) {
		if (!p.content.markers.some((m) => m.toLowerCase() === marker.toLowerCase())) {
			origins.set(`content.markers[${p.content.markers.length}]`, kind);
			p.content.markers.push(marker);
			origins.set('content.markers', kind);
		}
	}
	for (const pattern of content?.patterns ?? []) {
		if (!p.content.patterns.some((x) => canonicalJson(x) === canonicalJson(pattern))) {
			origins.set(`content.patterns[${p.content.patterns.length}]`, kind);
			p.content.patterns.push(structuredClone(pattern));
			origins.set('content.patterns', kind);
		}
	}

	const ws = layer.workspace;
	if (ws?.restrictedAt !== undefined) {
		const cur = p.workspace.restrictedAt;
		if (restrictedAtRank(ws.restrictedAt) < restrictedAtRank(cur)) {
			p.workspace.restrictedAt = ws.restrictedAt;
			origins.set('workspace.restrictedAt', kind);
		} else if (ws.restrictedAt !== cur) {
			refuse('workspace.restrictedAt', ws.restrictedAt, cur, 'a workspace layer may lower the restriction threshold, never raise it');
		}
	}
	for (const level of LEVELS) {
		const wanted = ws?.agentReads?.[level];
		if (wanted === undefined) {
			continue;
		}
		const cur = agentReadAction(p.workspace.agentReads, level);
		if (actionStrictness(wanted) > actionStrictness(cur)) {
			p.workspace.agentReads = { ...p.workspace.agentReads, [level]: wanted };
			origins.set(`workspace.agentReads.${level}`, kind);
		} else if (wanted !== cur) {
			refuse(`workspace.agentReads.${level}`, wanted, cur, 'a workspace layer may make an agent read action stricter (allow < redact < deny), never looser');
		}
	}
	if (ws?.sensitiveLevel !== undefined) {
		const cur = p.workspace.sensitiveLevel;
		if (levelRank(ws.sensitiveLevel) < levelRank(cur)) {
			p.workspace.sensitiveLevel = ws.sensitiveLevel;
			origins.set('workspace.sensitiveLevel', kind);
		} else if (ws.sensitiveLevel !== cur) {
			refuse('workspace.sensitiveLevel', ws.sensitiveLevel, cur, 'a workspace layer may lower the sensitive level, never raise it');
		}
	}

	const a = layer.assistants;
	if (a?.allow !== undefined) {
		const r = intersect(p.assistants.allow, a.allow);
		if (r.refused.length > 0) {
			refuse('assistants.allow', r.refused, p.assistants.allow, `a workspace layer may remove assistants from the allow list, never add (${r.refused.map((x) => `'${x}'`).join(', ')})`);
		}
		if (canonicalJson(r.kept) !== canonicalJson(p.assistants.allow)) {
			p.assistants.allow = r.kept;
			origins.set('assistants.allow', kind);
		}
	}
	for (const id of a?.block ?? []) {
		if (!p.assistants.block.some((b) => b.toLowerCase() === id.toLowerCase())) {
			origins.set(`assistants.block[${p.assistants.block.length}]`, kind);
			p.assistants.block.push(id);
			origins.set('assistants.block', kind);
		}
	}
	if (a?.restrictedAction !== undefined && a.restrictedAction !== p.assistants.restrictedAction) {
		if (a.restrictedAction === 'disable') {
			p.assistants.restrictedAction = 'disable';
			origins.set('assistants.restrictedAction', kind);
		} else {
			refuse('assistants.restrictedAction', a.restrictedAction, p.assistants.restrictedAction, 'a workspace layer may change warn to disable, never back');
		}
	}
	if (a?.allowedDestinations !== undefined) {
		const r = intersect(p.assistants.allowedDestinations, a.allowedDestinations);
		if (r.refused.length > 0) {
			refuse(
				'assistants.allowedDestinations',
				r.refused,
				p.assistants.allowedDestinations,
				`a workspace layer may restrict the allowed destinations, never add (${r.refused.map((x) => `'${x}'`).join(', ')})`,
			);
		}
		if (canonicalJson(r.kept) !== canonicalJson(p.assistants.allowedDestinations)) {
			p.assistants.allowedDestinations = r.kept;
			origins.set('assistants.allowedDestinations', kind);
		}
	}
	if (a?.unrecognised !== undefined && a.unrecognised !== p.assistants.unrecognised) {
		if (a.unrecognised === 'warn') {
			p.assistants.unrecognised = 'warn';
			origins.set('assistants.unrecognised', kind);
		} else {
			refuse('assistants.unrecognised', a.unrecognised, p.assistants.unrecognised, 'a workspace layer may change ignore to warn, never back');
		}
	}
	applyMcpLayer(ctx, layer.mcp, kind, refuse);
}

/** The `mcp` section of a workspace layer: block added, allow and destinations narrowed, the action only raised. */
function applyMcpLayer(
	ctx: LayerContext,
	m: PolicyLayer['mcp'],
	kind: LayerKind,
	refuse: (key: string, attempted: unknown, kept: unknown, message: string) => void,
): void {
	if (!m) {
		return;
	}
	const p = ctx.policy.mcp;
	if (m.allow !== undefined) {
		const current = new Set(p.allow.map((x) => canonicalJson(x)));
		const kept = m.allow.filter((x) => current.has(canonicalJson(x)));
		const refused = m.allow.filter((x) => !current.has(canonicalJson(x)));
		if (refused.length > 0) {
			refuse('mcp.allow', refused, p.allow, 'a workspace layer may remove MCP servers from the allow list, never add');
		}
		if (canonicalJson(kept) !== canonicalJson(p.allow)) {
			p.allow = kept;
			ctx.origins.set('mcp.allow', kind);
		}
	}
	for (const b of m.block ?? []) {
		if (!p.block.some((x) => canonicalJson(x) === canonicalJson(b))) {
			ctx.origins.set(`mcp.block[${p.block.length}]`, kind);
			p.block.push(b);
			ctx.origins.set('mcp.block', kind);
		}
	}
	if (m.allowedDestinations !== undefined) {
		const r = intersect(p.allowedDestinations, m.allowedDestinations);
		if (r.refused.length > 0) {
			refuse('mcp.allowedDestinations', r.refused, p.allowedDestinations, `a workspace layer may restrict the allowed MCP destinations, never add (${r.refused.map((x) => `'${x}'`).join(', ')})`);
		}
		if (canonicalJson(r.kept) !== canonicalJson(p.allowedDestinations)) {
			p.allowedDestinations = r.kept;
			ctx.origins.set('mcp.allowedDestinations', kind);
		}
	}
	if (m.restrictedAction !== undefined && m.restrictedAction !== p.restrictedAction) {
		if (MCP_ACTIONS.indexOf(m.restrictedAction) > MCP_ACTIONS.indexOf(p.restrictedAction)) {
			p.restrictedAction = m.restrictedAction;
			ctx.origins.set('mcp.restrictedAction', kind);
		} else {
			refuse('mcp.restrictedAction', m.restrictedAction, p.restrictedAction, 'a workspace layer may move the MCP action along warn < sandbox < disable, never back');
		}
	}
}

function applyDetector(
	ctx: LayerContext,
	family: DetectorFamily,
	setting: { enabled?: boolean | undefined; level?: Level | undefined } | undefined,
	refuse: (key: string, attempted: unknown, kept: unknown, message: string) => void,
	kind: LayerKind,
): void {
	const cur = ctx.policy.content.detectors[family];
	const base = `content.detectors.${family}`;
	if (setting?.enabled !== undefined && setting.enabled !== cur.enabled) {
		if (setting.enabled) {
			cur.enabled = true;
			ctx.origins.set(`${base}.enabled`, kind);
		} else {
			refuse(`${base}.enabled`, false, true, 'a workspace layer may turn a detector family on, never off');
		}
	}
	if (setting?.level !== undefined && setting.level !== cur.level) {
		if (levelRank(setting.level) > levelRank(cur.level)) {
			ctx.origins.set(`${base}.level`, kind);
			cur.level = setting.level;
		} else {
			refuse(`${base}.level`, setting.level, cur.level, 'a workspace layer may raise a detector level, never lower it');
		}
	}
}

/**
 * The intersection of the current list and a layer's ("*" stands for every entry), and the layer's entries the
 * current list does not cover. Case-insensitive.
 */
function intersect(current: readonly string[], wanted: readonly string[]): { kept: string[]; refused: string[] } {
	const all = current.includes('*');
	const lower = new Set(current.map((x) => x.toLowerCase()));
	const kept: string[] = [];
	const refused: string[] = [];
	if (wanted.includes('*')) {
		// "Everything": the current list stands; asking for more than it has is refused.
		return { kept: [...current], refused: all ? [] : ['*'] };
	}
	for (const w of wanted) {
		const covered = all || lower.has(w.toLowerCase());
		const target = covered ? kept : refused;
		if (!target.some((x) => x.toLowerCase() === w.toLowerCase())) {
			target.push(w);
		}
	}
	return { kept, refused };
}

/** Why an exception is not in force now, or undefined when it is. Workspace exceptions also face the org's limits. */
function exceptionProblem(x: PolicyException, kind: LayerKind, policy: Policy, today: string): string | undefined {
	const rules = policy.overrides.exceptions;
	const fromWorkspace = kind === 'workspace' || kind === 'settings';
	if (fromWorkspace && !rules.allowed) {
		return 'the org policy does not allow workspace exceptions';
	}
	if (fromWorkspace && rules.requireReason && !(x.reason ?? '').trim()) {
		return 'the org policy requires a reason';
	}
	if (x.granted !== undefined && dayNumber(x.expires) < dayNumber(x.granted)) {
		return `it expires (${x.expires}) before it starts (${x.granted})`;
	}
	if (dayNumber(today) > dayNumber(x.expires)) {
		return `expired on ${x.expires}`;
	}
	if (x.granted !== undefined && dayNumber(today) < dayNumber(x.granted)) {
		return `not in force before ${x.granted}`;
	}
	if (fromWorkspace) {
		const days = dayNumber(x.expires) - dayNumber(x.granted ?? today);
		if (days > rules.maxDays) {
			return `it lasts ${days} days, more than the ${rules.maxDays} the org policy allows`;
		}
	}
	return undefined;
}

function diag(file: string, message: string, severity: PolicyDiagnostic['severity'] = 'error', path = ''): PolicyDiagnostic {
	return { file, line: 0, column: 0, path, message, severity };
}

/** Decides the effective policy from the layers, and records where every value came from and what was refused. */
export function resolveEffectivePolicy(inputs: PolicyInputs): EffectivePolicy {
	try {
		return resolve(inputs);
	} catch (err) {
		// Defensive: an unexpected failure must not leave the workspace unprotected.
		const policy = strictestDefault();
		const origins = new Map<string, LayerKind>();
		markLeaves(origins, policy, '', 'default');
		return {
			policy,
			state: 'strict-fallback',
			sources: [{ kind: 'default', label: 'built-in strictest policy', sha256: hashValue(policy), used: true }],
			origins,
			refused: [],
			exceptions: { active: [], rejected: [] },
			diagnostics: [diag('(policy)', `internal error while resolving the policy: ${err instanceof Error ? err.message : String(err)}; the strictest built-in policy is in force`)],
			sha256: hashValue(policy) ?? '',
		};
	}
}

function resolve(inputs: PolicyInputs): EffectivePolicy {
	const diagnostics: PolicyDiagnostic[] = [];
	const sources: PolicySource[] = [];
	let now = inputs.now;
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
		diagnostics.push(diag('(clock)', 'invalid clock; the current time is used', 'warning'));
		now = new Date();
	}
	const today = utcDay(now);

	// 1. The org policy, or what stands in for it.
	let state: PolicyState = 'default';
	let orgFile: OrgPolicyFile | undefined;
	const org = inputs.org;
	if (org) {
		if ('text' in org) {
			const r = parseOrgPolicy(org.text, org.file);
			diagnostics.push(...r.diagnostics);
			sources.push({ kind: 'org', label: org.file, sha256: sha256Hex(String(org.text)), used: r.ok });
			if (r.ok) {
				orgFile = r.value;
				state = 'org';
			}
		} else {
			diagnostics.push(diag(org.file, `cannot read the org policy: ${org.error}`));
			sources.push({ kind: 'org', label: org.file, sha256: null, used: false });
		}
		if (!orgFile) {
			const last = inputs.lastValidOrg;
			const r = last ? parseOrgPolicy(last.text, last.file) : undefined;
			if (last && r?.ok) {
				orgFile = r.value;
				state = 'org-last-valid';
				sources.push({ kind: 'org', label: `${last.file} (last valid)`, sha256: sha256Hex(String(last.text)), used: true });
				diagnostics.push(diag(org.file, 'the org policy is invalid or unreadable; the last valid org policy stays in force', 'warning'));
			} else {
				state = 'strict-fallback';
				if (last) {
					diagnostics.push(diag(last.file, 'the last valid org policy no longer validates; it is not used', 'warning'));
				}
				diagnostics.push(diag(org.file, 'the org policy is invalid or unreadable; the strictest built-in policy is in force until it is fixed', 'warning'));
			}
		}
	}
	const base = state === 'strict-fallback' ? strictestDefault() : structuredClone(DEFAULT_POLICY);
	sources.unshift({
		kind: 'default',
		label: state === 'strict-fallback' ? 'built-in strictest policy' : 'built-in default',
		sha256: hashValue(base),
		used: true,
	});
	const origins = new Map<string, LayerKind>();
	markLeaves(origins, base, '', 'default');
	let policy = base;
	if (orgFile) {
		policy = completeOrgPolicy(orgFile, base);
		diagnostics.push(...pathRuleDiagnostics(orgFile, sources.find((x) => x.kind === 'org' && x.used)?.label ?? 'org policy', base.pathRules));
		const { pathRules: orgRules, pathRulesMode: _mode, dropDefaultPathRules: _drop, ...orgRest } = orgFile;
		markLeaves(origins, { ...orgRest, version: undefined }, '', 'org');
		if (orgRules !== undefined || orgFile.pathRulesMode !== undefined || orgFile.dropDefaultPathRules !== undefined) {
			// Each rule by where it came from: a default group the org kept is still the default's.
			const defaultIds = new Map(base.pathRules.map((r) => [r.id, canonicalJson(r)]));
			for (const key of [...origins.keys()].filter((k) => k.startsWith('pathRules['))) {
				origins.delete(key);
			}
			origins.set('pathRules', 'org');
			policy.pathRules.forEach((r, i) => origins.set(`pathRules[${i}]`, defaultIds.get(r.id) === canonicalJson(r) ? 'default' : 'org'));
		}
		origins.set('version', 'default');
		if (orgFile.description === undefined) {
			origins.delete('description');
		}
	}

	// 2. Workspace layers: tighten only.
	const ctx: LayerContext = { policy, origins, refused: [] };
	const candidates: LayeredException[] = policy.exceptions.map((x) => ({ ...x, layer: orgFile ? 'org' : 'default' }));
	policy.exceptions = [];
	const layers: { kind: LayerKind; label: string; sha256: string | null; layer: PolicyLayer | undefined }[] = [];
	const ws = inputs.workspace;
	if (ws) {
		if ('text' in ws) {
			const r = salvagePolicyLayer(ws.text, ws.file);
			diagnostics.push(...r.diagnostics);
			layers.push({ kind: 'workspace', label: ws.file, sha256: sha256Hex(String(ws.text)), layer: r.layer });
		} else {
			diagnostics.push(diag(ws.file, `cannot read the workspace policy: ${ws.error}; it is ignored`));
			layers.push({ kind: 'workspace', label: ws.file, sha256: null, layer: undefined });
		}
	}
	const st = inputs.settings;
	if (st && !isEmptyLayer(st.layer)) {
		const r = salvageLayerValue(st.layer, st.source);
		diagnostics.push(...r.diagnostics);
		layers.push({ kind: 'settings', label: st.source, sha256: hashValue(st.layer), layer: r.layer });
	}
	for (const l of layers) {
		let used = false;
		if (l.layer && !policy.overrides.allowWorkspaceLayers) {
			diagnostics.push(diag(l.label, 'the org policy does not allow workspace layers (overrides.allowWorkspaceLayers is false); this layer is ignored', 'warning'));
		} else if (l.layer) {
			applyLayer(ctx, l.layer, l.kind, l.label);
			for (const x of l.layer.exceptions ?? []) {
				candidates.push({ ...x, layer: l.kind });
			}
			used = true;
		}
		sources.push({ kind: l.kind, label: l.label, sha256: l.sha256, used });
	}

	// 3. Exceptions.
	const active: LayeredException[] = [];
	const rejected: RejectedException[] = [];
	for (const x of candidates) {
		const why = exceptionProblem(x, x.layer, policy, today);
		if (why) {
			rejected.push({ ...x, why });
		} else {
			active.push(x);
		}
	}
	for (const key of [...origins.keys()]) {
		if (key.startsWith('exceptions[')) {
			origins.delete(key);
		}
	}
	policy.exceptions = active.map(({ layer: _layer, ...x }) => x);
	active.forEach((x, i) => origins.set(`exceptions[${i}]`, x.layer));
	origins.set('exceptions', active.at(-1)?.layer ?? (orgFile?.exceptions ? 'org' : 'default'));

	return {
		policy,
		state,
		sources,
		origins,
		refused: ctx.refused,
		exceptions: { active, rejected },
		diagnostics,
		sha256: sha256Hex(canonicalJson(policy)),
	};
}

function isEmptyLayer(layer: unknown): boolean {
	return layer === undefined || layer === null || (typeof layer === 'object' && !Array.isArray(layer) && Object.keys(layer).length === 0);
}
