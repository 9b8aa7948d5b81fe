/**
 * Turns an `ExposureModel` into what the exposure preview displays: sections, rows, badges and sentences, already
 * localised, sorted and with long public lists collapsed. No `vscode` import: the host injects the localised
 * strings (`ViewStrings`), so these helpers are unit-tested in plain Node.
 */
import type { Reason } from '../core/classify/types';
import type { AssistantExposure, ExposureItem, ExposureModel, Surface, SurfaceExposure, Totals, Verdict } from '../core/exposure/model';
import { type Level, levelRank } from '../core/policy/schema';
import type { PreviewView } from './previewView';

/** Public items listed (collapsed) under a surface; the rest are only counted. */
export const PUBLIC_LIST_CAP = 200;
/** Non-public items listed under a surface; the rest are only counted. */
export const SHOWN_LIST_CAP = 1000;

export type ItemPart = NonNullable<ExposureItem['part']>;

/**
 * Every localised sentence the view model builds. The host implements it with `vscode.l10n.t`; each function
 * receives already formatted numbers (see `formatCount`, `formatBytes`).
 */
export interface ViewStrings {
	/** BCP 47 locale for numbers and dates, e.g. `vscode.env.language`. */
	locale: string;
	level(level: Level): string;
	verdict(verdict: Verdict): string;
	surface(surface: Surface): string;
	part(part: ItemPart): string;
	anyAssistant: string;
	anyAssistantNote: string;
	disabledNote: string;
	unverifiedNote: string;
	/** The line under an assistant's name: its vendor and where its context goes. */
	assistantSubtitle(vendor: string, destination: string): string;
	/** Top of the page when no assistant is present. */
	noAssistants: string;
	sensitiveNone: string;
	sensitiveOne(size: string): string;
	sensitiveMany(count: string, size: string): string;
	destinationsIntro: string;
	sentOverall(items: string, tokens: string): string;
	assistantSummary(sent: string, sensitive: string, size: string, tokens: string): string;
	surfaceSummary(sensitive: string, total: string): string;
	emptySurface: string;
	publicOne: string;
	publicMany(count: string): string;
	notListed(count: string): string;
	bytes(n: string): string;
	kilobytes(n: string): string;
	megabytes(n: string): string;
	tokenOne: string;
	tokensMany(n: string): string;
	reasonAtLine(message: string, line: string): string;
	/** A reason's sentence in the display language; without it, the core's English `message`. */
	reason?(reason: Reason): string;
	generatedAt(time: string): string;
}

/**
 * The static strings of the webview's own chrome (headings, buttons, ARIA labels). `{0}` in an ARIA template is
 * replaced by the webview with the item's path or the assistant's name, as text.
 */
export interface UiLabels {
	title: string;
	estimateBadge: string;
	estimateNote: string;
	loading: string;
	noData: string;
	assistantsHeading: string;
	open: string;
	openAria: string;
	closeTab: string;
	closeTabAria: string;
	explain: string;
	explainAria: string;
	governance: string;
	governanceAria: string;
	filterLabel: string;
	noMatch: string;
	columnFile: string;
	columnLevel: string;
	columnReasons: string;
	columnSize: string;
	columnVerdict: string;
	columnActions: string;
	columnAssistants: string;
	previewHeading: string;
	redactedTitle: string;
	redactedNote: string;
	redactedTruncated: string;
	noRedacted: string;
	actionFailed: string;
	hooksHeading: string;
	hooksNote: string;
	columnAgent: string;
	columnHookState: string;
	columnHookFile: string;
	mcpHeading: string;
	mcpNote: string;
	columnServer: string;
	columnMcpWhere: string;
	columnMcpRisk: string;
}

export interface ItemView {
	path: string;
	level: Level;
	levelLabel: string;
	sensitive: boolean;
	/** For the active editor: which part would be sent, localised. */
	part?: string;
	reasons: string[];
	size: string;
	tokens: string;
	verdict: Verdict;
	verdictLabel: string;
	/** Offers "Close tab" (open-tabs surface only). */
	closable: boolean;
}

export interface SurfaceView {
	/** Stable key for collapsed/expanded state, `<assistant key>/<surface>`. */
	key: string;
	surface: Surface;
	title: string;
	summary: string;
	/** Sensitive items first, then the rest that is not collapsed. */
	items: ItemView[];
	/** How many items beyond `items` are not listed (cap). */
	notListed?: string;
	/** Public items, collapsed behind "and N public files" (index surface). */
	publicItems?: { key: string; label: string; items: ItemView[]; notListed?: string };
	/** Set when the surface has no item. */
	empty?: string;
}

export interface AssistantSectionView {
	/** Stable key for collapsed/expanded state. */
	key: string;
	id: string;
	name: string;
	subtitle?: string;
	isAny: boolean;
	disabled: boolean;
	/** A short status shown next to the name (e.g. "Disabled in this workspace."). */
	statusBadge?: string;
	notes: string[];
	summary: string;
	sensitiveItems: number;
	surfaces: SurfaceView[];
}

export interface ExposureView {
	generatedAt: string;
	totals: {
		headline: string;
		/** True when sensitive items would leave: the webview styles the headline as a warning. */
		sensitive: boolean;
		detail?: string;
		destinationsIntro?: string;
		destinations: string[];
	};
	/** Assistants present (most sensitive first), then "Any assistant". */
	assistants: AssistantSectionView[];
	/** The one list (each file once, with a chip per assistant) and its distinct totals; the panel renders this. */
	preview?: PreviewView;
}

/**
 * The agent hooks' state as the hook service reports it: the lines the status bar tooltip shows (already localised),
 * and the agents whose hook is installed, each with its own lines (`<agent name>: <state>`).
 */
export interface HookStatusInput {
	lines: readonly string[];
	agents: readonly { agent: string; config?: string; notes?: readonly string[] }[];
}

/** One agent's row: its name, what its hook is doing (installed, active, cannot run) and the file that holds it. */
export interface HookAgentView {
	id: string;
	name: string;
	state: string;
	config?: string;
}

/** One MCP server in the preview: where it is declared, where it runs, what it reaches and receives, the verdict (localised). */
export interface McpServerRowView {
	name: string;
	/** `file:line`. */
	where: string;
	/** Where it runs: local (package or program) or the remote host. */
	runs: string;
	/** What it reaches and receives, in one phrase. */
	risk: string;
	/** The verdict and what was done. */
	verdict: string;
}

/** The MCP servers section: every server of every MCP configuration read, as the status bar tooltip lists them. */
export interface McpSectionView {
	servers: McpServerRowView[];
}

/** The agent hooks section: a row per agent whose hook is installed, and the tooltip's other lines as notes. */
export interface HooksView {
	agents: HookAgentView[];
	notes: string[];
}

/**
 * Splits the tooltip's hook lines into a row per agent (a line the hook service attributes to an installed agent,
 * split at its `name:` prefix) and notes (why no hook is installed, problems). Every line appears exactly once, in
 * the tooltip's order, so the preview says what the tooltip says.
 */
export function buildHooksView(input: HookStatusInput): HooksView {
	// By the agent's name as its own lines start, so a line whose state moved on since (a heartbeat) still matches.
	const byName = new Map<string, HookStatusInput['agents'][number]>();
	for (const a of input.agents) {
		for (const n of a.notes ?? []) {
			const name = agentPrefix(n);
			if (name) {
				byName.set(name, a);
			}
		}
	}
	const view: HooksView = { agents: [], notes: [] };
	for (const line of input.lines) {
		const name = agentPrefix(line);
		const agent = name ? byName.get(name) : undefined;
		if (name && agent) {
			view.agents.push({
				id: agent.agent,
				name,
				state: line.slice(name.length + 1).trim(),
				...(agent.config ? { config: agent.config } : {}),
			});
		} else {
			view.notes.push(line);
		}
	}
	return view;
}

/** The text before a line's first colon, ASCII or full-width (Chinese puts `：` after the agent's name), if any. */
function agentPrefix(line: string): string | undefined {
	const colon = line.search(/[:：]/);
	return colon > 0 ? line.slice(0, colon) : undefined;
}

const VERDICT_ORDER: Record<Verdict, number> = {
	sent: 0,
	'excluded-by-assistant': 1,
	'blocked-by-warden': 2,
	'assistant-disabled': 3,
};

const PART_ORDER: Record<ItemPart, number> = { 'whole file': 0, selection: 1, 'cursor neighbourhood': 2 };

/** Display order: sensitive first, then the most severe level, then what would be sent, then by path. */
export function compareItems(a: ExposureItem, b: ExposureItem): number {
	return (
		Number(b.sensitive) - Number(a.sensitive) ||
		levelRank(b.level) - levelRank(a.level) ||
		VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
		(a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
		(a.part ? PART_ORDER[a.part] : -1) - (b.part ? PART_ORDER[b.part] : -1)
	);
}

/** Assistants present, the one sending the most sensitive items first; ties by name. */
export function compareAssistants(a: AssistantExposure, b: AssistantExposure): number {
	return (
		b.totals.sensitiveItems - a.totals.sensitiveItems ||
		b.totals.sensitiveBytes - a.totals.sensitiveBytes ||
		a.name.localeCompare(b.name)
	);
}

/**
 * Splits a surface's items into those listed and the public ones collapsed behind "and N public files". Only the
 * index surface (which can hold the whole workspace) collapses; the others list everything.
 */
export function splitForDisplay(surface: SurfaceExposure): { shown: ExposureItem[]; collapsed: ExposureItem[] } {
	const sorted = [...surface.items].sort(compareItems);
	if (surface.surface !== 'index') {
		return { shown: sorted, collapsed: [] };
	}
	return { shown: sorted.filter((i) => i.level !== 'public'), collapsed: sorted.filter((i) => i.level === 'public') };
}

/** Formats an integer for the locale (falls back to plain digits for an unknown locale). */
export function formatCount(n: number, locale: string): string {
	return numberFormat(locale, 0).format(n);
}

/** A human size: bytes below 1 KiB, KB with one decimal below 1 MiB, MB above. */
export function formatBytes(n: number, s: ViewStrings): string {
	if (n < 1024) {
		return s.bytes(numberFormat(s.locale, 0).format(n));
	}
	if (n < 1024 * 1024) {
		return s.kilobytes(numberFormat(s.locale, 1).format(n / 1024));
	}
	return s.megabytes(numberFormat(s.locale, 1).format(n / (1024 * 1024)));
}

/** "about 1 token" / "about N tokens". */
export function formatTokens(n: number, s: ViewStrings): string {
	return n === 1 ? s.tokenOne : s.tokensMany(formatCount(n, s.locale));
}

function numberFormat(locale: string, maxFraction: number): Intl.NumberFormat {
	try {
		return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction });
	} catch {
		return new Intl.NumberFormat('en', { maximumFractionDigits: maxFraction });
	}
}

/** The localised verdict of an item. */
export function verdictLabel(verdict: Verdict, s: ViewStrings): string {
	return s.verdict(verdict);
}

/** The sentences at the top of the preview: how many sensitive items and bytes would leave, and where to. */
export function totalsText(model: ExposureModel, s: ViewStrings): ExposureView['totals'] {
	const t = model.totals;
	const detail = s.sentOverall(formatCount(t.sentItems, s.locale), formatCount(t.tokens, s.locale));
	if (model.assistants.length === 0) {
		return { headline: s.noAssistants, sensitive: false, destinations: [] };
	}
	if (t.sensitiveItems === 0) {
		return { headline: s.sensitiveNone, sensitive: false, detail, destinations: [] };
	}
	const size = formatBytes(t.sensitiveBytes, s);
	const headline = t.sensitiveItems === 1 ? s.sensitiveOne(size) : s.sensitiveMany(formatCount(t.sensitiveItems, s.locale), size);
	return {
		headline,
		sensitive: true,
		detail,
		...(t.destinations.length ? { destinationsIntro: s.destinationsIntro } : {}),
		destinations: [...t.destinations],
	};
}

function assistantSummary(t: Totals, s: ViewStrings): string {
	return s.assistantSummary(
		formatCount(t.sentItems, s.locale),
		formatCount(t.sensitiveItems, s.locale),
		formatBytes(t.sensitiveBytes, s),
		formatCount(t.tokens, s.locale),
	);
}

/** One row of the preview. */
export function itemView(item: ExposureItem, surface: Surface, s: ViewStrings): ItemView {
	return {
		path: item.path,
		level: item.level,
		levelLabel: s.level(item.level),
		sensitive: item.sensitive,
		...(item.part ? { part: s.part(item.part) } : {}),
		reasons: item.reasons.map((r) => {
			const message = s.reason ? s.reason(r) : r.message;
			return r.line !== undefined ? s.reasonAtLine(message, formatCount(r.line, s.locale)) : message;
		}),
		size: formatBytes(item.bytes, s),
		tokens: formatTokens(item.tokens, s),
		verdict: item.verdict,
		verdictLabel: verdictLabel(item.verdict, s),
		closable: surface === 'openTabs',
	};
}

function cap<T>(items: readonly T[], max: number, s: ViewStrings): { items: T[]; notListed?: string } {
	return items.length > max
		? { items: items.slice(0, max), notListed: s.notListed(formatCount(items.length - max, s.locale)) }
		: { items: [...items] };
}

/** One surface of one assistant: sensitive items first, public index files collapsed. */
export function surfaceView(assistantKey: string, surface: SurfaceExposure, s: ViewStrings): SurfaceView {
	const key = `${assistantKey}/${surface.surface}`;
	const { shown, collapsed } = splitForDisplay(surface);
	const sensitive = surface.items.filter((i) => i.sensitive).length;
	const listed = cap(shown, SHOWN_LIST_CAP, s);
	const view: SurfaceView = {
		key,
		surface: surface.surface,
		title: s.surface(surface.surface),
		summary: s.surfaceSummary(formatCount(sensitive, s.locale), formatCount(surface.items.length, s.locale)),
		items: listed.items.map((i) => itemView(i, surface.surface, s)),
		...(listed.notListed ? { notListed: listed.notListed } : {}),
	};
	if (collapsed.length) {
		const pub = cap(collapsed, PUBLIC_LIST_CAP, s);
		view.publicItems = {
			key: `${key}/public`,
			label: collapsed.length === 1 ? s.publicOne : s.publicMany(formatCount(collapsed.length, s.locale)),
			items: pub.items.map((i) => itemView(i, surface.surface, s)),
			...(pub.notListed ? { notListed: pub.notListed } : {}),
		};
	}
	if (!surface.items.length) {
		view.empty = s.emptySurface;
	}
	return view;
}

function assistantView(a: AssistantExposure, isAny: boolean, s: ViewStrings): AssistantSectionView {
	const key = isAny ? 'any' : `assistant:${a.id}`;
	const notes: string[] = [];
	if (isAny) {
		notes.push(s.anyAssistantNote);
	}
	if (a.unverified) {
		notes.push(s.unverifiedNote);
	}
	return {
		key,
		id: a.id,
		name: isAny ? s.anyAssistant : a.name,
		...(!isAny && (a.vendor || a.destination) ? { subtitle: s.assistantSubtitle(a.vendor, a.destination) } : {}),
		isAny,
		disabled: a.disabled,
		...(a.disabled ? { statusBadge: s.disabledNote } : {}),
		notes,
		summary: assistantSummary(a.totals, s),
		sensitiveItems: a.totals.sensitiveItems,
		surfaces: a.surfaces.map((surface) => surfaceView(key, surface, s)),
	};
}

/** Formats the model's timestamp as a local time, or returns it as is when it does not parse. */
export function formatTime(iso: string, locale: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) {
		return iso;
	}
	try {
		return d.toLocaleTimeString(locale);
	} catch {
		return d.toLocaleTimeString('en');
	}
}

/** The whole preview: totals at the top, assistants present (most exposed first), then "Any assistant". */
export function buildExposureView(model: ExposureModel, s: ViewStrings): ExposureView {
	return {
		generatedAt: s.generatedAt(formatTime(model.generatedAt, s.locale)),
		totals: totalsText(model, s),
		assistants: [
			...[...model.assistants].sort(compareAssistants).map((a) => assistantView(a, false, s)),
			assistantView(model.any, true, s),
		],
	};
}
