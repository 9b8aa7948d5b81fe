/**
 * Coverage: per assistant, which of its surfaces the applied levers close and which stay open, in plain words for
 * the exposure preview and the audit.
 *
 * A surface is `covered` when an applied lever closes it fully, `partial` when only levers with a stated weakness
 * (or a condition outside our control, or unverified evidence) close it, and `open` otherwise. A disabled extension
 * (the adapter knows: it is no longer in `vscode.extensions.all`) has every surface covered.
 */
import { fillTemplate } from './decide';
import type { CatalogueEntry, CoverageSurface, Lever } from './types';
import { COVERAGE_SURFACES } from './types';

/**
 * Every sentence and phrase coverage is made of, in English with `{0}`-style placeholders (surface ids, setting keys,
 * paths and the example path go in as they are; catalogue prose, such as a lever's weakness, too). The core fills them
 * in for logs, the audit log and reports; an adapter shows `gapTemplates` and `noteTemplate` in the editor's display
 * language instead, keyed by these templates.
 */
export const COVERAGE_TEXT = {
	completionsOpen: 'inline completions not covered: while you edit {0}, its text can be sent for suggestions',
	chatOpen: 'chat not covered: {0} can be attached, mentioned or sent as the open editor',
	agentFileToolsOpen: 'agent file tools not covered: an agent can open {0} with its read and search tools',
	terminalOpen: 'terminal commands not covered: an agent can `cat {0}`',
	indexingOpen: 'indexing not covered: {0} can be indexed and uploaded with the workspace',
	mcpOpen: 'MCP servers not covered: a server the agent calls can be given {0}',
	/** The example path when none is given. */
	aSensitiveFile: 'a sensitive file',
	partlyCovered: '{0} partly covered by {1}: {2}',
	theSetting: 'the setting {0}',
	only: 'only {0}',
	notVerified: 'its effect is not verified',
	/** Two parts of a weakness, one after the other. */
	both: '{0}; {1}',
	userOrAdminOnly: '{0} can only be set in user settings or by an admin',
	setOnlyWhenDisabled: '{0} is set only when the policy disables this assistant',
	notApplied: '{0} is not applied',
	installHook: 'install the Context Warden hook ({0})',
	notAppliedHow: '{0} is not applied: {1}',
} as const;

export type CoverageTemplate = (typeof COVERAGE_TEXT)[keyof typeof COVERAGE_TEXT];

/** A phrase of coverage: text as it is (an id, a path, catalogue prose), or a template with its own phrases. */
export type CoveragePhrase = string | CoverageSentence;

/** One sentence (or phrase) of coverage: a template of `COVERAGE_TEXT` and what fills its placeholders. */
export interface CoverageSentence {
	template: CoverageTemplate;
	args: readonly CoveragePhrase[];
}

/** A coverage phrase in English, as logs, the audit log and reports take it. */
export function fillCoverage(p: CoveragePhrase): string {
	return typeof p === 'string' ? p : fillTemplate(p.template, p.args.map(fillCoverage));
}

export type CoverageState = 'covered' | 'partial' | 'open';

export interface SurfaceCoverage {
	surface: CoverageSurface;
	state: CoverageState;
	/** Applied levers that bear on the surface. */
	leverIds: string[];
	/** Why it is partial or open, in plain words. Empty when covered. */
	gaps: string[];
	/** The same sentences as templates (`gaps[i]` is `fillCoverage(gapTemplates[i])`), for display. */
	gapTemplates: CoverageSentence[];
}

export interface AssistantCoverage {
	assistantId: string;
	name: string;
	surfaces: SurfaceCoverage[];
	/** Every gap sentence, for a one-line summary. */
	gaps: string[];
	/** The same sentences as templates, for display. */
	gapTemplates: CoverageSentence[];
	/**
	 * Levers that could close a gap but are not applied (e.g. need an admin, or are installed by another module);
	 * `note` is `fillCoverage(noteTemplate)`.
	 */
	available: { leverId: string; covers: CoverageSurface[]; note: string; noteTemplate: CoveragePhrase }[];
}

export interface CoverageOptions {
	/** The extension is disabled (by a lever or by hand): nothing is sent. */
	disabled?: boolean;
	/** A sensitive path to make the sentences concrete, e.g. `.env`. */
	examplePath?: string;
}

const SURFACE_OPEN: Record<CoverageSurface, CoverageTemplate> = {
	completions: COVERAGE_TEXT.completionsOpen,
	chat: COVERAGE_TEXT.chatOpen,
	agentFileTools: COVERAGE_TEXT.agentFileToolsOpen,
	terminal: COVERAGE_TEXT.terminalOpen,
	indexing: COVERAGE_TEXT.indexingOpen,
	mcp: COVERAGE_TEXT.mcpOpen,
};

/** Reports which surfaces of an assistant the applied levers cover, with the gaps in plain language. */
export function coverageFor(entry: CatalogueEntry, appliedLeverIds: ReadonlySet<string> | readonly string[], options: CoverageOptions = {}): AssistantCoverage {
	const applied = new Set(appliedLeverIds);
	const example: CoveragePhrase = options.examplePath ?? { template: COVERAGE_TEXT.aSensitiveFile, args: [] };
	const surfaces: SurfaceCoverage[] = [];
	const push = (surface: CoverageSurface, state: CoverageState, leverIds: string[], gapTemplates: CoverageSentence[]): void => {
		surfaces.push({ surface, state, leverIds, gaps: gapTemplates.map(fillCoverage), gapTemplates });
	};
	for (const surface of COVERAGE_SURFACES) {
		if (!entry.surfaces.includes(surface)) {
			continue;
		}
		if (options.disabled) {
			push(surface, 'covered', [], []);
			continue;
		}
		const levers = entry.levers.filter((l) => applied.has(l.id) && l.covers.includes(surface));
		const full = levers.filter((l) => isFull(l));
		if (full.length > 0) {
			push(surface, 'covered', levers.map((l) => l.id), []);
			continue;
		}
		if (levers.length > 0) {
			push(surface, 'partial', levers.map((l) => l.id), levers.map((l) => say('partlyCovered', surface, describe(l), weakness(l))));
			continue;
		}
		push(surface, 'open', [], [{ template: SURFACE_OPEN[surface], args: [example] }]);
	}
	const available = entry.levers
		.filter((l) => !applied.has(l.id) && l.covers.length > 0)
		.map((l) => {
			const noteTemplate = availabilityNote(l);
			return { leverId: l.id, covers: l.covers, note: fillCoverage(noteTemplate), noteTemplate };
		});
	return { assistantId: entry.id, name: entry.name, surfaces, gaps: surfaces.flatMap((s) => s.gaps), gapTemplates: surfaces.flatMap((s) => s.gapTemplates), available };
}

function isFull(l: Lever): boolean {
	return !l.partial && !l.condition && l.evidence.verified;
}

function say(key: keyof typeof COVERAGE_TEXT, ...args: CoveragePhrase[]): CoverageSentence {
	return { template: COVERAGE_TEXT[key], args };
}

function describe(l: Lever): CoveragePhrase {
	switch (l.kind) {
		case 'setting':
			return say('theSetting', l.key);
		case 'ignoreFile':
		case 'permissionFile':
		case 'hook':
			return l.path;
		case 'none':
			return l.id;
	}
}

/** The lever's weaknesses, joined with `COVERAGE_TEXT.both` (an empty phrase when it has none). */
function weakness(l: Lever): CoveragePhrase {
	const parts: CoveragePhrase[] = [];
	if (l.partial) {
		parts.push(l.partial);
	}
	if (l.condition) {
		parts.push(say('only', l.condition));
	}
	if (!l.evidence.verified) {
		parts.push(say('notVerified'));
	}
	const [first = '', ...rest] = parts;
	return rest.reduce<CoveragePhrase>((joined, p) => say('both', joined, p), first);
}

function availabilityNote(l: Lever): CoveragePhrase {
	switch (l.kind) {
		case 'setting':
			return l.scope === 'application' || l.scope === 'machine'
				? say('userOrAdminOnly', l.key)
				: l.purpose === 'disable'
					? say('setOnlyWhenDisabled', l.key)
					: say('notApplied', l.key);
		case 'hook':
			return say('installHook', l.path);
		case 'permissionFile':
			return say('notAppliedHow', l.path, l.how);
		case 'ignoreFile':
			return say('notApplied', l.path);
		case 'none':
			return l.remedy;
	}
}
