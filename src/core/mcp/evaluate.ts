/**
 * The policy's word on one MCP server: blocked (the block list, or a remote destination the policy does not allow),
 * allowed (the allow list), restricted (neither, in a restricted workspace: the policy's `restrictedAction`), or
 * permitted (neither, in a workspace that is not restricted). Servers are matched by what they run or where they
 * connect, never by their display name, which the configuration can change at will.
 */
import type { McpAction, McpPolicy, McpServerMatcher } from '../policy/schema';
import { programOf, type McpServerClass } from './classify';
import type { McpServerEntry } from './inventory';

export type McpVerdict = 'allowed' | 'permitted' | 'restricted' | 'blocked';

export interface McpEvaluation {
	verdict: McpVerdict;
	/** What Context Warden does about it: nothing, warn, sandbox, or disable (blocked servers are disabled). */
	action: 'none' | McpAction;
	/** Plain English sentences, for the audit. */
	why: string[];
	/** Risks worth saying whatever the verdict. */
	risks: string[];
}

function hostMatches(pattern: string, host: string): boolean {
	const p = pattern.toLowerCase();
	if (p === '*' || p === host) {
		return true;
	}
	if (p.startsWith('*.')) {
		return host.endsWith(p.slice(1));
	}
	return false;
}

/** Whether a URL pattern (a prefix; `*` in the host stands for one label) matches a server's URL. */
export function urlMatches(pattern: string, url: string): boolean {
	const clean = (u: string): string => u.split(/[?#]/)[0] ?? u;
	let target: URL;
	let pat: URL;
	try {
		target = new URL(clean(url));
		pat = new URL(clean(pattern).replace('*.', 'wildcard-label.'));
	} catch {
		return clean(url).toLowerCase().startsWith(clean(pattern).toLowerCase());
	}
	if (pat.protocol !== target.protocol) {
		return false;
	}
	const ph = pat.hostname.toLowerCase();
	const th = target.hostname.toLowerCase();
	const hostOk = ph.startsWith('wildcard-label.') ? th.endsWith(ph.slice('wildcard-label'.length)) && th.split('.').length === ph.split('.').length : ph === th;
	if (!hostOk || (pat.port !== '' && pat.port !== target.port)) {
		return false;
	}
	const pp = pat.pathname.replace(/\/+$/, '');
	const tp = target.pathname.replace(/\/+$/, '');
	return pp === '' || tp === pp || tp.startsWith(`${pp}/`);
}

function packageMatches(pattern: string, pkg: string): boolean {
	const p = pattern.toLowerCase();
	const k = pkg.toLowerCase();
	return p.endsWith('*') ? k.startsWith(p.slice(0, -1)) : k === p;
}

/** Whether a policy matcher matches a server: every field it gives must match. */
export function matchesServer(m: McpServerMatcher, s: Pick<McpServerEntry, 'command' | 'url'>, c: Pick<McpServerClass, 'packages'>): boolean {
	if (m.command !== undefined && (!s.command || programOf(s.command) !== programOf(m.command))) {
		return false;
	}
	if (m.package !== undefined && !c.packages.some((p) => packageMatches(m.package as string, p))) {
		return false;
	}
	if (m.url !== undefined && (!s.url || !urlMatches(m.url, s.url))) {
		return false;
	}
	return true;
}

function describe(m: McpServerMatcher): string {
	return [m.command ? `command ${m.command}` : '', m.package ? `package ${m.package}` : '', m.url ? `URL ${m.url}` : ''].filter(Boolean).join(', ');
}

/** The policy's verdict on one server in this workspace. */
export function evaluateMcpServer(policy: McpPolicy, s: McpServerEntry, c: McpServerClass, restricted: boolean): McpEvaluation {
	const risks: string[] = [];
	if (c.reach.kind !== 'none') {
		risks.push(c.reach.workspace ? 'reads the workspace' : c.reach.home ? 'reads the home folder' : `reads ${c.reach.paths.join(', ')}`);
	}
	for (const x of c.secrets) {
		risks.push(x.via === 'envFile' ? `receives the secrets in ${x.file ?? x.name}` : `receives a secret in ${x.via} ${x.name}`);
	}
	if (c.runs === 'remote' && c.host) {
		risks.push(`connects to ${c.host}`);
	}
	if (s.disabled) {
		return { verdict: 'permitted', action: 'none', why: ['Turned off in its configuration.'], risks };
	}
	const blocked = policy.block.find((m) => matchesServer(m, s, c));
	if (blocked) {
		return { verdict: 'blocked', action: 'disable', why: [`Blocked by the policy (${describe(blocked)}${blocked.reason ? `: ${blocked.reason}` : ''}).`], risks };
	}
	if (c.runs === 'remote' && c.host && !policy.allowedDestinations.some((d) => hostMatches(d, c.host as string))) {
		return { verdict: 'blocked', action: 'disable', why: [`Connects to ${c.host}, which is not among the allowed MCP destinations.`], risks };
	}
	if (c.runs === 'remote' && !c.host && !policy.allowedDestinations.includes('*')) {
		return { verdict: 'blocked', action: 'disable', why: ['Its destination cannot be read, and the policy limits MCP destinations.'], risks };
	}
	const allowed = policy.allow.find((m) => matchesServer(m, s, c));
	if (allowed) {
		return { verdict: 'allowed', action: 'none', why: [`Allowed by the policy (${describe(allowed)}).`], risks };
	}
	if (restricted) {
		return { verdict: 'restricted', action: policy.restrictedAction, why: [`Not on the allow list, in a restricted workspace: ${policy.restrictedAction}.`], risks };
	}
	return { verdict: 'permitted', action: 'none', why: ['Not on either list; the workspace is not restricted.'], risks };
}
