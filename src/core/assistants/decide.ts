/**
 * Decisions: what happens to one assistant in this workspace under the policy.
 *
 * Rules (in order):
 * 1. **Block wins.** An assistant on `assistants.block` (by catalogue id, by any of its extension ids, or `*`) gets
 *    the policy's `restrictedAction` in *every* workspace, restricted or not: the org said "not here, ever", and the
 *    admin's chosen severity (warn during a rollout, disable once enforced) still applies.
 * 2. **Unrestricted workspace:** everything not blocked is allowed.
 * 3. **Restricted workspace:** an assistant is allowed only when it is on `assistants.allow` (id, extension id or
 *    `*`) **and** every destination it may send to is allowed. Otherwise it gets `restrictedAction`.
 *
 * Destinations: a destination is allowed when `allowedDestinations` contains `*`, its id (e.g. `anthropic-cloud`)
 * or its jurisdiction (e.g. `cn-mainland`, `eu`, `self-hosted`, `user-configured`). An assistant with no known
 * destination (an unrecognised extension) is never "all allowed" unless `*` is. **Self-hosted counts only when
 * configured:** by default every destination of the catalogue entry counts (the worst case: Tabnine may go to its
 * SaaS); when the adapter has read the assistant's own settings and knows where it is pointed (e.g.
 * `tabnine.cloudHost`, `cody.serverEndpoint`, a local Ollama for Continue), it passes `configuredDestinations` and
 * only those are checked.
 *
 * Unrecognised extensions (not in the catalogue) follow the same block/allow rules by extension id; in a restricted
 * workspace one that is not allowed is `warn` when `assistants.unrecognised` is `warn`, and `allowed` (with the
 * reason) when it is `ignore`. It is never `disable`: Context Warden has no lever for an unknown extension.
 */
import type { Policy } from '../policy/schema';
import type { Destination } from './types';

export type AssistantDecision = 'allowed' | 'warn' | 'disable';

export interface DecisionResult {
	decision: AssistantDecision;
	/** Plain sentences, most important first. */
	why: string[];
}

/** What a decision needs to know about an assistant. A `CatalogueEntry` is one. */
export interface DecisionSubject {
	/** Catalogue id, or the extension id for an unrecognised extension. */
	id: string;
	name?: string;
	extensionIds: readonly string[];
	destinations: readonly Destination[];
	/** False for an extension outside the catalogue. Default true. */
	recognised?: boolean;
}

export interface DecideOptions {
	/** Destination ids or jurisdictions the assistant is known to be configured for (see the module comment). */
	configuredDestinations?: readonly string[];
}

/** The subject for an extension outside the catalogue. */
export function unrecognisedSubject(extensionId: string, name?: string): DecisionSubject {
	return { id: extensionId, ...(name ? { name } : {}), extensionIds: [extensionId], destinations: [], recognised: false };
}

function listMatch(list: readonly string[], subject: DecisionSubject): string | undefined {
	const ids = new Set([subject.id, ...subject.extensionIds].map((x) => x.toLowerCase()));
	for (const item of list) {
		const lower = item.toLowerCase();
		if (lower === '*' || ids.has(lower)) {
			return item;
		}
	}
	return undefined;
}

/** Whether one destination is allowed by `allowedDestinations`. */
export function destinationAllowed(allowed: readonly string[], d: Pick<Destination, 'id' | 'jurisdiction'>): boolean {
	const set = new Set(allowed.map((x) => x.toLowerCase()));
	return set.has('*') || set.has(d.id.toLowerCase()) || set.has(d.jurisdiction);
}

/** Decides whether an assistant may run in this workspace, must be warned about, or must be disabled. */
export function decideAssistant(
	policy: Policy,
	assistant: DecisionSubject,
	workspaceRestricted: boolean,
	options: DecideOptions = {},
): DecisionResult {
	const p = policy.assistants;
	const label = assistant.name ?? assistant.id;
	const recognised = assistant.recognised ?? true;
	const blockedBy = listMatch(p.block, assistant);
	if (blockedBy !== undefined) {
		const why = [
			blockedBy === '*'
				? `The policy blocks every assistant ("*" in assistants.block), so ${label} is blocked in every workspace.`
				: `The policy blocks ${label} ("${blockedBy}" in assistants.block) in every workspace.`,
		];
		if (listMatch(p.allow, assistant) !== undefined) {
			why.push('It is also on assistants.allow, but block wins over allow.');
		}
		return { decision: recognised ? p.restrictedAction : 'warn', why: withAction(why, p.restrictedAction, recognised) };
	}
	if (!workspaceRestricted) {
		return { decision: 'allowed', why: ['This workspace is not restricted, and the policy does not block this assistant.'] };
	}
	const why: string[] = [];
	const allowedBy = listMatch(p.allow, assistant);
	if (allowedBy === undefined) {
		why.push(`This workspace is restricted and ${label} is not on assistants.allow.`);
	}
	const destinations = destinationsToCheck(assistant, options);
	if (destinations.length === 0) {
		if (!p.allowedDestinations.includes('*')) {
			why.push(`Where ${label} sends context is unknown, and the policy only allows: ${p.allowedDestinations.join(', ') || '(nothing)'}.`);
		}
	} else {
		const refused = destinations.filter((d) => !destinationAllowed(p.allowedDestinations, d));
		if (refused.length > 0) {
			why.push(
				`${label} may send context to ${refused.map((d) => `${d.region} (${d.id}, ${d.jurisdiction})`).join('; ')}, which the policy does not allow (allowedDestinations: ${p.allowedDestinations.join(', ') || 'none'}).`,
			);
		}
	}
	if (why.length === 0) {
		return {
			decision: 'allowed',
			why: [`${label} is on assistants.allow ("${allowedBy ?? ''}") and every place it sends context to is allowed.`],
		};
	}
	if (!recognised) {
		if (p.unrecognised === 'ignore') {
			return { decision: 'allowed', why: [...why, 'It is not in the catalogue, and the policy ignores unrecognised AI extensions.'] };
		}
		return { decision: 'warn', why: [...why, 'It is not in the catalogue, so Context Warden has no lever to switch it off: warning only.'] };
	}
	return { decision: p.restrictedAction, why: withAction(why, p.restrictedAction, true) };
}

function destinationsToCheck(assistant: DecisionSubject, options: DecideOptions): readonly Destination[] {
	const configured = options.configuredDestinations;
	if (!configured) {
		return assistant.destinations;
	}
	const wanted = new Set(configured.map((x) => x.toLowerCase()));
	const known = assistant.destinations.filter((d) => wanted.has(d.id.toLowerCase()) || wanted.has(d.jurisdiction));
	// A configured destination the catalogue does not know is checked by its name alone.
	const extra = configured
		.filter((c) => !known.some((d) => d.id.toLowerCase() === c.toLowerCase() || d.jurisdiction === c.toLowerCase()))
		.map((c): Destination => ({ id: c, jurisdiction: 'global', region: c, selfHostable: false, evidence: { source: 'adapter', verified: false } }));
	return [...known, ...extra];
}

function withAction(why: string[], action: 'warn' | 'disable', recognised: boolean): string[] {
	if (!recognised) {
		return [...why, 'It is not in the catalogue, so Context Warden can only warn.'];
	}
	return [...why, action === 'disable' ? 'The policy says: disable it with every lever available.' : 'The policy says: warn.'];
}
