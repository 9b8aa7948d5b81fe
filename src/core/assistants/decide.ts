/**
 * Decisions: what happens to one assistant in this workspace under the policy.
 *
 * Rules (in order):
 * 1. **Block wins.** An assistant on `assistants.block` (by catalogue id, by any of its extension ids, or `*`) gets
 *    the policy's `restrictedAction` in *every* workspace, restricted or not: the org said "not here, ever", and the
 *    admin's chosen severity (warn during a rollout, disable once enforced) still applies.
 * 2. **Unrestricted workspace:** everything not blocked is allowed.
 * 3. **Restricted workspace, named on `allow`:** an assistant named on `assistants.allow` (by catalogue id or
 *    extension id, not `*`) is allowed: the admin named it, and that wins over `allowedDestinations`.
 * 4. **Restricted workspace, by destination:** an assistant every one of whose destinations is in
 *    `allowedDestinations` is allowed (a sovereignty policy allows the assistants whose data stays where it may).
 *    `allow: ["*"]` adds nothing to this: it is the same test.
 * 5. Otherwise it gets `restrictedAction`.
 *
 * Destinations: a destination is allowed when `allowedDestinations` contains `*`, its id (e.g. `anthropic-cloud`)
 * or its jurisdiction (e.g. `cn-mainland`, `eu`, `self-hosted`, `user-configured`). An assistant with no known
 * destination (an unrecognised extension) is never "all allowed" unless `*` is. **Self-hosted counts only when
 * configured:** by default every destination of the catalogue entry counts (the worst case: Tabnine may go to its
 * SaaS); when the adapter has read the assistant's own settings and knows where it is pointed (e.g.
 * `tabnine.cloudHost`, `cody.serverEndpoint`, a local Ollama for Continue), it passes `configuredDestinations` and
 * only those are checked. The built-in default allows no destination, so in a restricted workspace every assistant
 * not named on `allow` gets `restrictedAction`.
 *
 * Unrecognised extensions (not in the catalogue) follow the same block/allow rules by extension id; in a restricted
 * workspace one that is not allowed is `warn` when `assistants.unrecognised` is `warn`, and `allowed` (with the
 * reason) when it is `ignore`. It is never `disable`: Context Warden has no lever for an unknown extension.
 */
import type { Policy } from '../policy/schema';
import type { Destination } from './types';

export type AssistantDecision = 'allowed' | 'warn' | 'disable';

/**
 * Every sentence a decision's `why` is made of, in English with `{0}`-style placeholders (names, ids, regions and
 * lists go in the placeholders, as they are). The core fills them in for logs, the audit log and reports; an adapter
 * shows `whyTemplates` in the editor's display language instead, keyed by these templates.
 */
export const DECISION_TEXT = {
	blockedByStar: 'The policy blocks every assistant ("*" in assistants.block), so {0} is blocked in every workspace.',
	blocked: 'The policy blocks {0} ("{1}" in assistants.block) in every workspace.',
	blockWinsOverAllow: 'It is also on assistants.allow, but block wins over allow.',
	notRestricted: 'This workspace is not restricted, and the policy does not block this assistant.',
	notOnAllowList: 'This workspace is restricted and {0} is not on assistants.allow.',
	destinationUnknown: 'Where {0} sends context is unknown, and the policy only allows: {1}.',
	destinationUnknownNothingAllowed: 'Where {0} sends context is unknown, and the policy only allows: (nothing).',
	destinationsRefused: '{0} may send context to {1}, which the policy does not allow (allowedDestinations: {2}).',
	destinationsRefusedNoneAllowed: '{0} may send context to {1}, which the policy does not allow (allowedDestinations: none).',
	allowed: '{0} is on assistants.allow ("{1}") and every place it sends context to is allowed.',
	allowedByName: '{0} is named on assistants.allow ("{1}"), which wins over allowedDestinations.',
	allowedDespiteDestinations: 'It may send context to {1}, which allowedDestinations ({2}) does not list; the policy names it, so it is allowed.',
	allowedByDestinations: '{0} sends context only to {1}, and allowedDestinations allows each ({2}).',
	unrecognisedIgnored: 'It is not in the catalogue, and the policy ignores unrecognised AI extensions.',
	unrecognisedWarnOnly: 'It is not in the catalogue, so Context Warden has no lever to switch it off: warning only.',
	unrecognisedCanOnlyWarn: 'It is not in the catalogue, so Context Warden can only warn.',
	actionDisable: 'The policy says: disable it with every lever available.',
	actionWarn: 'The policy says: warn.',
} as const;

export type DecisionTemplate = (typeof DECISION_TEXT)[keyof typeof DECISION_TEXT];

/** One sentence of a decision: a template of `DECISION_TEXT` and what fills its placeholders. */
export interface DecisionSentence {
	template: DecisionTemplate;
	args: readonly string[];
	/**
	 * In the destinations-refused sentences: the refused destinations that `{1}` lists (`placesText` of them), so an
	 * adapter can say each region and jurisdiction in its own language.
	 */
	places?: readonly DecisionPlace[];
}

/** A refused destination as a decision names it. */
export type DecisionPlace = Pick<Destination, 'region' | 'id' | 'jurisdiction'>;

/** The refused destinations as the English sentence lists them: `region (id, jurisdiction)`, separated by `; `. */
export function placesText(places: readonly DecisionPlace[]): string {
	return places.map((d) => `${d.region} (${d.id}, ${d.jurisdiction})`).join('; ');
}

export interface DecisionResult {
	decision: AssistantDecision;
	/** Plain sentences in English, most important first: for logs, the audit log and reports. */
	why: string[];
	/** The same sentences as templates and arguments (`why[i]` is `fillTemplate` of `whyTemplates[i]`), for display. */
	whyTemplates: DecisionSentence[];
}

/** Fills `{0}`, `{1}`, ... of a template with its arguments, as they are (an argument is never read as a template). */
export function fillTemplate(template: string, args: readonly string[]): string {
	return template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
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
		const why = [blockedBy === '*' ? say('blockedByStar', label) : say('blocked', label, blockedBy)];
		if (listMatch(p.allow, assistant) !== undefined) {
			why.push(say('blockWinsOverAllow'));
		}
		return result(recognised ? p.restrictedAction : 'warn', withAction(why, p.restrictedAction, recognised));
	}
	if (!workspaceRestricted) {
		return result('allowed', [say('notRestricted')]);
	}
	const why: DecisionSentence[] = [];
	const allowedBy = listMatch(p.allow, assistant);
	const allowedList = p.allowedDestinations.join(', ');
	const destinations = destinationsToCheck(assistant, options);
	const refused = destinations.filter((d) => !destinationAllowed(p.allowedDestinations, d));
	const placesOf = (ds: readonly Destination[]): DecisionPlace[] => ds.map(({ region, id, jurisdiction }) => ({ region, id, jurisdiction }));
	if (allowedBy !== undefined && allowedBy !== '*') {
		// Named on allow: the admin's explicit word wins over the destinations.
		const named = [say('allowedByName', label, allowedBy)];
		if (refused.length > 0) {
			const places = placesOf(refused);
			named.push({ ...say('allowedDespiteDestinations', label, placesText(places), allowedList || 'none'), places });
		}
		return result('allowed', named);
	}
	if (destinations.length > 0 && refused.length === 0) {
		const places = placesOf(destinations);
		return result('allowed', [{ ...say('allowedByDestinations', label, placesText(places), allowedList), places }]);
	}
	if (allowedBy === undefined) {
		why.push(say('notOnAllowList', label));
	}
	if (destinations.length === 0) {
		if (!p.allowedDestinations.includes('*')) {
			why.push(allowedList ? say('destinationUnknown', label, allowedList) : say('destinationUnknownNothingAllowed', label));
		}
	} else if (refused.length > 0) {
		const places = placesOf(refused);
		const listed = placesText(places);
		const sentence = allowedList ? say('destinationsRefused', label, listed, allowedList) : say('destinationsRefusedNoneAllowed', label, listed);
		why.push({ ...sentence, places });
	}
	if (why.length === 0) {
		return result('allowed', [say('allowed', label, allowedBy ?? '')]);
	}
	if (!recognised) {
		if (p.unrecognised === 'ignore') {
			return result('allowed', [...why, say('unrecognisedIgnored')]);
		}
		return result('warn', [...why, say('unrecognisedWarnOnly')]);
	}
	return result(p.restrictedAction, withAction(why, p.restrictedAction, true));
}

function say(key: keyof typeof DECISION_TEXT, ...args: string[]): DecisionSentence {
	return { template: DECISION_TEXT[key], args };
}

function result(decision: AssistantDecision, sentences: DecisionSentence[]): DecisionResult {
	return { decision, why: sentences.map((s) => fillTemplate(s.template, s.args)), whyTemplates: sentences };
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

function withAction(why: DecisionSentence[], action: 'warn' | 'disable', recognised: boolean): DecisionSentence[] {
	if (!recognised) {
		return [...why, say('unrecognisedCanOnlyWarn')];
	}
	return [...why, say(action === 'disable' ? 'actionDisable' : 'actionWarn')];
}
