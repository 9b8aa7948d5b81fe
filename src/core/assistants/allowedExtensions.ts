/**
 * VS Code's `extensions.allowed` (policy `AllowedExtensions`, since 1.96) compiled from the org policy's
 * `assistants.block`: the one lever that keeps a blocked assistant from being installed or enabled anywhere on
 * the machine. It is application-scoped (user settings or an OS policy, never a workspace), so only what the
 * policy blocks in every workspace belongs in it, never what is only disallowed in restricted workspaces.
 *
 * Decisions:
 * - The value starts from `"*": true` (everything else stays allowed) and sets each blocked extension id to
 *   `false`; a catalogue id stands for all of its extension ids; `"*"` in `block` stands for every catalogue
 *   assistant (unknown AI extensions cannot be listed in advance: they stay governed per workspace).
 * - Merging into an existing value keeps every key the admin or user set, and only adds `false` for blocked ids
 *   that are not listed yet; what it added is returned, so it can be taken back exactly.
 */
import type { EffectivePolicy } from '../policy/layering';
import type { Policy } from '../policy/schema';
import { CATALOGUE, getEntry } from './catalogue';

/** The value of `extensions.allowed`: extension id or publisher → allowed. */
export type AllowedExtensions = Record<string, boolean | string | string[]>;

export interface AllowedExtensionsPlan {
	/** Extension ids (lower case, sorted) the policy blocks everywhere. */
	blocked: string[];
	/** The value to set: the existing one with the blocked ids added as `false` (or a fresh one). */
	value: AllowedExtensions;
	/** The keys this plan adds to the existing value (to remove them again on undo). */
	added: string[];
	/** Why an entry of `assistants.block` could not be turned into extension ids. */
	notes: string[];
}

const EXTENSION_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/i;

/** The extension ids an `assistants.block` list names, and notes for entries that name none. */
export function blockedExtensionIds(policy: Pick<Policy, 'assistants'>): { ids: string[]; notes: string[] } {
	const ids = new Set<string>();
	const notes: string[] = [];
	for (const raw of policy.assistants.block) {
		const entry = raw.trim();
		if (entry === '*') {
			for (const a of CATALOGUE) {
				for (const x of a.extensionIds) {
					ids.add(x.toLowerCase());
				}
			}
			continue;
		}
		const byCatalogue = getEntry(entry);
		if (byCatalogue) {
			if (byCatalogue.extensionIds.length === 0) {
				notes.push(`${entry}: ${byCatalogue.name} is not a VS Code extension; extensions.allowed cannot block it.`);
			}
			for (const x of byCatalogue.extensionIds) {
				ids.add(x.toLowerCase());
			}
		} else if (EXTENSION_ID.test(entry)) {
			ids.add(entry.toLowerCase());
		} else {
			notes.push(`${entry}: neither a catalogue id nor an extension id (publisher.name).`);
		}
	}
	return { ids: [...ids].sort(), notes };
}

/**
 * The `extensions.allowed` value that blocks what the policy blocks everywhere, merged into `existing` (the
 * current value, if any). Keys already present keep their value, whatever it is: the admin's word stands.
 */
export function planAllowedExtensions(policy: Pick<Policy, 'assistants'>, existing?: unknown): AllowedExtensionsPlan {
	const { ids, notes } = blockedExtensionIds(policy);
	const base: AllowedExtensions = isAllowedValue(existing) ? { ...existing } : { '*': true };
	const present = new Set(Object.keys(base).map((k) => k.toLowerCase()));
	const added: string[] = [];
	for (const id of ids) {
		if (!present.has(id)) {
			base[id] = false;
			added.push(id);
		}
	}
	return { blocked: ids, value: base, added, notes };
}

/** Takes back what a plan added: removes each key in `added` whose value is still `false`. */
export function undoAllowedExtensions(current: unknown, added: readonly string[]): AllowedExtensions | undefined {
	if (!isAllowedValue(current)) {
		return undefined;
	}
	const next: AllowedExtensions = { ...current };
	for (const key of added) {
		if (next[key] === false) {
			delete next[key];
		}
	}
	return next;
}

/**
 * The part of an effective policy a machine-wide setting may follow: the `assistants.block` entries of the org
 * policy and the built-in default, not those a workspace layer added (a repository must not be able to block
 * extensions on the whole machine, even with the user's click).
 */
export function machineWideBlocks(effective: Pick<EffectivePolicy, 'policy' | 'origins'>): Pick<Policy, 'assistants'> {
	const block = effective.policy.assistants.block.filter((_, i) => {
		const layer = effective.origins.get(`assistants.block[${i}]`) ?? effective.origins.get('assistants.block');
		return layer === undefined || layer === 'default' || layer === 'org';
	});
	return { assistants: { ...effective.policy.assistants, block } };
}

function isAllowedValue(v: unknown): v is AllowedExtensions {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
