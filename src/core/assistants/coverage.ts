/**
 * Coverage: per assistant, which of its surfaces the applied levers close and which stay open, in plain words for
 * the exposure preview and the audit.
 *
 * A surface is `covered` when an applied lever closes it fully, `partial` when only levers with a stated weakness
 * (or a condition outside our control, or unverified evidence) close it, and `open` otherwise. A disabled extension
 * (the adapter knows: it is no longer in `vscode.extensions.all`) has every surface covered.
 */
import type { CatalogueEntry, CoverageSurface, Lever } from './types';
import { COVERAGE_SURFACES } from './types';

export type CoverageState = 'covered' | 'partial' | 'open';

export interface SurfaceCoverage {
	surface: CoverageSurface;
	state: CoverageState;
	/** Applied levers that bear on the surface. */
	leverIds: string[];
	/** Why it is partial or open, in plain words. Empty when covered. */
	gaps: string[];
}

export interface AssistantCoverage {
	assistantId: string;
	name: string;
	surfaces: SurfaceCoverage[];
	/** Every gap sentence, for a one-line summary. */
	gaps: string[];
	/** Levers that could close a gap but are not applied (e.g. need an admin, or are installed by another module). */
	available: { leverId: string; covers: CoverageSurface[]; note: string }[];
}

export interface CoverageOptions {
	/** The extension is disabled (by a lever or by hand): nothing is sent. */
	disabled?: boolean;
	/** A sensitive path to make the sentences concrete, e.g. `.env`. */
	examplePath?: string;
}

const SURFACE_WORDS: Record<CoverageSurface, (example: string) => string> = {
	completions: (x) => `inline completions not covered: while you edit ${x}, its text can be sent for suggestions`,
	chat: (x) => `chat not covered: ${x} can be attached, mentioned or sent as the open editor`,
	agentFileTools: (x) => `agent file tools not covered: an agent can open ${x} with its read and search tools`,
	terminal: (x) => `terminal commands not covered: an agent can \`cat ${x}\``,
	indexing: (x) => `indexing not covered: ${x} can be indexed and uploaded with the workspace`,
};

/** Reports which surfaces of an assistant the applied levers cover, with the gaps in plain language. */
export function coverageFor(entry: CatalogueEntry, appliedLeverIds: ReadonlySet<string> | readonly string[], options: CoverageOptions = {}): AssistantCoverage {
	const applied = new Set(appliedLeverIds);
	const example = options.examplePath ?? 'a sensitive file';
	const surfaces: SurfaceCoverage[] = [];
	for (const surface of COVERAGE_SURFACES) {
		if (!entry.surfaces.includes(surface)) {
			continue;
		}
		if (options.disabled) {
			surfaces.push({ surface, state: 'covered', leverIds: [], gaps: [] });
			continue;
		}
		const levers = entry.levers.filter((l) => applied.has(l.id) && l.covers.includes(surface));
		const full = levers.filter((l) => isFull(l));
		if (full.length > 0) {
			surfaces.push({ surface, state: 'covered', leverIds: levers.map((l) => l.id), gaps: [] });
			continue;
		}
		if (levers.length > 0) {
			surfaces.push({ surface, state: 'partial', leverIds: levers.map((l) => l.id), gaps: levers.map((l) => `${surface} partly covered by ${describe(l)}: ${weakness(l)}`) });
			continue;
		}
		surfaces.push({ surface, state: 'open', leverIds: [], gaps: [SURFACE_WORDS[surface](example)] });
	}
	const available = entry.levers
		.filter((l) => !applied.has(l.id) && l.covers.length > 0)
		.map((l) => ({ leverId: l.id, covers: l.covers, note: availabilityNote(l) }));
	return { assistantId: entry.id, name: entry.name, surfaces, gaps: surfaces.flatMap((s) => s.gaps), available };
}

function isFull(l: Lever): boolean {
	return !l.partial && !l.condition && l.evidence.verified;
}

function describe(l: Lever): string {
	switch (l.kind) {
		case 'setting':
			return `the setting ${l.key}`;
		case 'ignoreFile':
		case 'permissionFile':
		case 'hook':
			return l.path;
		case 'none':
			return l.id;
	}
}

function weakness(l: Lever): string {
	const parts = [l.partial, l.condition ? `only ${l.condition}` : undefined, l.evidence.verified ? undefined : 'its effect is not verified'];
	return parts.filter((p): p is string => Boolean(p)).join('; ');
}

function availabilityNote(l: Lever): string {
	switch (l.kind) {
		case 'setting':
			return l.scope === 'application' || l.scope === 'machine'
				? `${l.key} can only be set in user settings or by an admin`
				: l.purpose === 'disable'
					? `${l.key} is set only when the policy disables this assistant`
					: `${l.key} is not applied`;
		case 'hook':
			return `install the Context Warden hook (${l.path})`;
		case 'permissionFile':
			return `${l.path} is not applied: ${l.how}`;
		case 'ignoreFile':
			return `${l.path} is not applied`;
		case 'none':
			return l.remedy;
	}
}
