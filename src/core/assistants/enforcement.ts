/**
 * Enforcement: the one account of what Context Warden does to an assistant in this workspace, from which every
 * place that says so derives its words (status bar tooltip, notifications, Why, the exposure preview's verdicts, the
 * audit). The levers applied decide it, never the decision alone:
 * - `disabled` only where an off switch was applied (a `disable` setting lever, or the extension disabled) and no
 *   surface is left open;
 * - `restricted` where levers close some surfaces and others stay open (or only partly closed): the words name both;
 * - `pending` where the policy wants the assistant disabled and nothing is applied yet (untrusted workspace, first scan);
 * - `allowed` / `warned` as decided, with the surfaces the applied levers close all the same.
 *
 * Installed agent hooks count as applied levers (`<catalogueId>.hook`), as the ledger's levers do.
 */
import type { Surface } from '../exposure/model';
import type { AssistantDecision } from './decide';
import { type AssistantCoverage, coverageFor } from './coverage';
import type { CatalogueEntry, CoverageSurface, Lever } from './types';

export type EnforcementState = 'allowed' | 'warned' | 'disabled' | 'restricted' | 'pending';

export interface Enforcement {
	assistantId: string;
	decision: AssistantDecision;
	state: EnforcementState;
	/** Surfaces an applied lever closes fully. */
	covered: CoverageSurface[];
	/** Surfaces applied levers close only in part (a stated weakness, a condition, unverified evidence). */
	partial: CoverageSurface[];
	/** Surfaces nothing applied closes. */
	open: CoverageSurface[];
	/** An off switch (a `disable` setting lever) is applied, or the extension is disabled. */
	offSwitch: boolean;
	/** The coverage it is computed from (the gaps, in sentences). */
	coverage: AssistantCoverage;
}

export interface EnforcementInput {
	entry: CatalogueEntry;
	decision: AssistantDecision;
	/** Lever ids applied: the ledger's and the installed hooks' (`hookLeverIds`). */
	applied: ReadonlySet<string> | readonly string[];
	/** The extension itself is disabled (it is no longer among the window's extensions). */
	extensionDisabled?: boolean;
	/** A sensitive path to make the coverage sentences concrete. */
	examplePath?: string;
}

/** What Context Warden does to one assistant now, from the levers applied. */
export function enforcementFor(input: EnforcementInput): Enforcement {
	const applied = new Set(input.applied);
	const { entry } = input;
	const offSwitch = input.extensionDisabled === true || entry.levers.some((l) => isOffSwitch(l) && applied.has(l.id));
	const probe = coverageFor(entry, applied, input.examplePath !== undefined ? { examplePath: input.examplePath } : {});
	const nothingOpen = probe.surfaces.every((s) => s.state !== 'open');
	const disabled = input.extensionDisabled === true || (offSwitch && nothingOpen);
	const coverage = disabled
		? coverageFor(entry, applied, { disabled: true, ...(input.examplePath !== undefined ? { examplePath: input.examplePath } : {}) })
		: probe;
	const of = (state: 'covered' | 'partial' | 'open'): CoverageSurface[] => coverage.surfaces.filter((s) => s.state === state).map((s) => s.surface);
	const anyApplied = entry.levers.some((l) => applied.has(l.id));
	let state: EnforcementState;
	if (disabled) {
		state = 'disabled';
	} else if (input.decision === 'disable') {
		state = anyApplied ? 'restricted' : 'pending';
	} else {
		state = input.decision === 'warn' ? 'warned' : 'allowed';
	}
	return { assistantId: entry.id, decision: input.decision, state, covered: of('covered'), partial: of('partial'), open: of('open'), offSwitch, coverage };
}

function isOffSwitch(l: Lever): boolean {
	return l.kind === 'setting' && l.purpose === 'disable';
}

/** The lever ids of the installed agent hooks, by the catalogue entry each belongs to (`<catalogueId>.hook`). */
export function hookLeverIds(catalogueIds: Iterable<string>): string[] {
	return [...new Set([...catalogueIds].map((id) => `${id}.hook`))];
}

/**
 * The coverage surfaces an exposure surface stands for: what reaches an assistant through it. The active editor
 * and the open tabs go out with completions and as chat context; the index is indexing; instruction files are read
 * into chat and by agents.
 */
export const EXPOSURE_SURFACE_COVERAGE: Readonly<Record<Surface, readonly CoverageSurface[]>> = {
	activeEditor: ['completions', 'chat'],
	openTabs: ['completions', 'chat'],
	index: ['indexing'],
	instructions: ['chat', 'agentFileTools'],
};

/**
 * Whether Context Warden's managed path entries keep a file from the assistant through one exposure surface: only
 * when every coverage surface it stands for (that the assistant has) is closed by an applied path lever (an ignore
 * file, a permission file, an installed hook). An ignore file that only hides files from the index blocks nothing
 * the open tabs send.
 */
export function wardenBlocksSurface(entry: CatalogueEntry, applied: ReadonlySet<string> | readonly string[], surface: Surface): boolean {
	const set = new Set(applied);
	const closed = new Set(
		entry.levers.filter((l) => set.has(l.id) && (l.kind === 'ignoreFile' || l.kind === 'permissionFile' || l.kind === 'hook')).flatMap((l) => l.covers),
	);
	const wanted = EXPOSURE_SURFACE_COVERAGE[surface].filter((s) => entry.surfaces.includes(s));
	return wanted.length > 0 && wanted.every((s) => closed.has(s));
}

/** Every sentence enforcement words are made of, in English with `{0}` placeholders (surface lists as they are). */
export const ENFORCEMENT_TEXT = {
	allowed: 'allowed',
	warned: 'warned',
	disabled: 'disabled',
	pending: 'to be disabled (nothing applied yet)',
	restricted: 'restricted: {0}; not covered: {1}',
	restrictedAll: 'restricted: {0}',
	coveredNone: 'nothing covered',
	partly: '{0} (partly)',
} as const;

/** The surfaces an enforcement covers and leaves open, as the words name them (partial ones among the covered). */
export function enforcementLists(e: Enforcement): { covered: string[]; notCovered: CoverageSurface[] } {
	return { covered: [...e.covered, ...e.partial.map((s) => fillPartly(s))], notCovered: e.open };
}

function fillPartly(s: CoverageSurface): string {
	return ENFORCEMENT_TEXT.partly.replace('{0}', s);
}

/** One line for the state, in English (logs, the audit): "disabled", or "restricted: chat; not covered: completions". */
export function enforcementWords(e: Enforcement): string {
	switch (e.state) {
		case 'allowed':
		case 'warned':
		case 'disabled':
		case 'pending':
			return ENFORCEMENT_TEXT[e.state];
		case 'restricted': {
			const { covered, notCovered } = enforcementLists(e);
			const coveredText = covered.length > 0 ? covered.join(', ') : ENFORCEMENT_TEXT.coveredNone;
			return notCovered.length > 0
				? ENFORCEMENT_TEXT.restricted.replace('{0}', coveredText).replace('{1}', notCovered.join(', '))
				: ENFORCEMENT_TEXT.restrictedAll.replace('{0}', coveredText);
		}
	}
}
