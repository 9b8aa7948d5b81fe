/**
 * The exposure preview's one list as display data: per surface, each file once with its level, reasons, size and a
 * chip per assistant present saying what becomes of it; the totals over distinct files; the destinations split by
 * whether the policy allows them. Localised by the host (`PreviewStrings`); no `vscode` import.
 */
import type { Surface, Verdict } from '../core/exposure/model';
import type { Preview, PreviewItem } from '../core/exposure/preview';
import { type Level, levelRank } from '../core/policy/schema';
import { formatBytes, formatCount, formatTokens, PUBLIC_LIST_CAP, SHOWN_LIST_CAP, type ViewStrings } from './viewModel';

/** The preview's own sentences, beyond the per-assistant view's `ViewStrings`. */
export interface PreviewStrings {
	/** Over the list: what it is. */
	listIntro: string;
	sensitiveNone: string;
	sensitiveOne(size: string): string;
	sensitiveMany(count: string, size: string): string;
	/** With assistants present: how many of the sensitive files they would send. */
	sentNone: string;
	sentOne(size: string): string;
	sentMany(count: string, size: string): string;
	/** No assistant present. */
	noAssistants: string;
	destinationsNotAllowed: string;
	destinationsAllowed: string;
	/** "Also on: Open tabs, Indexed files". */
	alsoOn(surfaces: string): string;
	/** A chip's accessible text: "GitHub Copilot: Would be sent". */
	chip(assistant: string, verdict: string): string;
	/** The row's assistants cell when no assistant present reads the file. */
	noAssistantReads: string;
	/** Shown beside the active file when a selection is what a chat would send first. */
	selection: string;
}

export interface ChipView {
	id: string;
	name: string;
	verdict: Verdict;
	title: string;
}

export interface PreviewItemView {
	path: string;
	level: Level;
	levelLabel: string;
	sensitive: boolean;
	sent: boolean;
	part?: string;
	reasons: string[];
	size: string;
	tokens: string;
	alsoOn?: string;
	chips: ChipView[];
	/** Offers "Close tab": the file is listed under open tabs (the active editor's tab is not offered). */
	closable: boolean;
}

export interface PreviewSurfaceView {
	key: string;
	surface: Surface;
	title: string;
	summary: string;
	items: PreviewItemView[];
	notListed?: string;
	publicItems?: { key: string; label: string; items: PreviewItemView[]; notListed?: string };
	empty?: string;
}

export interface PreviewView {
	intro: string;
	/** A row's assistants cell when no assistant present reads the file. */
	noAssistantReads: string;
	totals: {
		/** Distinct sensitive files open or indexed: the status bar's count (for the e2e check and screen readers). */
		sensitiveFiles: number;
		headline: string;
		sensitive: boolean;
		detail?: string;
		notAllowedIntro?: string;
		notAllowed: string[];
		allowedIntro?: string;
		allowed: string[];
	};
	surfaces: PreviewSurfaceView[];
}

/** Sensitive first, then the most severe level, then what would be sent, then by path. */
function compare(a: PreviewItem, b: PreviewItem): number {
	return (
		Number(b.sensitive) - Number(a.sensitive) ||
		levelRank(b.level) - levelRank(a.level) ||
		Number(b.sent) - Number(a.sent) ||
		(a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
	);
}

function itemView(
	item: PreviewItem,
	names: ReadonlyMap<string, string>,
	openTabs: ReadonlySet<string>,
	s: ViewStrings,
	p: PreviewStrings,
): PreviewItemView {
	return {
		path: item.path,
		level: item.level,
		levelLabel: s.level(item.level),
		sensitive: item.sensitive,
		sent: item.sent,
		...(item.part ? { part: p.selection } : {}),
		reasons: item.reasons.map((r) => {
			const message = s.reason ? s.reason(r) : r.message;
			return r.line !== undefined ? s.reasonAtLine(message, formatCount(r.line, s.locale)) : message;
		}),
		size: formatBytes(item.bytes, s),
		tokens: formatTokens(item.tokens, s),
		...(item.alsoOn.length ? { alsoOn: p.alsoOn(item.alsoOn.map((x) => s.surface(x)).join(', ')) } : {}),
		chips: item.by.map((b) => {
			const name = names.get(b.id) ?? b.id;
			return { id: b.id, name, verdict: b.verdict, title: p.chip(name, s.verdict(b.verdict)) };
		}),
		closable: openTabs.has(item.path),
	};
}

function capped<T>(items: readonly T[], max: number, s: ViewStrings): { items: T[]; notListed?: string } {
	return items.length > max
		? { items: items.slice(0, max), notListed: s.notListed(formatCount(items.length - max, s.locale)) }
		: { items: [...items] };
}

/**
 * The preview as display data. `names` maps assistant ids to display names; the chips follow the order of the
 * assistants in the model.
 */
export function buildPreviewView(preview: Preview, names: ReadonlyMap<string, string>, assistantsPresent: number, s: ViewStrings, p: PreviewStrings): PreviewView {
	const openTabs = new Set<string>();
	for (const surface of preview.surfaces) {
		if (surface.surface === 'openTabs') {
			for (const i of surface.items) {
				openTabs.add(i.path);
			}
		}
	}
	const t = preview.totals;
	const size = formatBytes(t.sensitiveBytes, s);
	const headline =
		t.sensitiveFiles === 0 ? p.sensitiveNone : t.sensitiveFiles === 1 ? p.sensitiveOne(size) : p.sensitiveMany(formatCount(t.sensitiveFiles, s.locale), size);
	let detail: string | undefined;
	if (t.sensitiveFiles > 0) {
		const sentSize = formatBytes(t.sentSensitiveBytes, s);
		detail =
			assistantsPresent === 0
				? p.noAssistants
				: t.sentSensitiveFiles === 0
					? p.sentNone
					: t.sentSensitiveFiles === 1
						? p.sentOne(sentSize)
						: p.sentMany(formatCount(t.sentSensitiveFiles, s.locale), sentSize);
	} else if (assistantsPresent === 0) {
		detail = p.noAssistants;
	}
	const { allowed, notAllowed } = preview.destinations;
	const surfaces = preview.surfaces.map((surface): PreviewSurfaceView => {
		const key = `preview/${surface.surface}`;
		const sorted = [...surface.items].sort(compare);
		const collapse = surface.surface === 'index';
		const shown = collapse ? sorted.filter((i) => i.level !== 'public') : sorted;
		const hidden = collapse ? sorted.filter((i) => i.level === 'public') : [];
		const listed = capped(shown, SHOWN_LIST_CAP, s);
		const sensitive = surface.items.filter((i) => i.sensitive).length;
		const view: PreviewSurfaceView = {
			key,
			surface: surface.surface,
			title: s.surface(surface.surface),
			summary: s.surfaceSummary(formatCount(sensitive, s.locale), formatCount(surface.items.length, s.locale)),
			items: listed.items.map((i) => itemView(i, names, openTabs, s, p)),
			...(listed.notListed ? { notListed: listed.notListed } : {}),
		};
		if (hidden.length) {
			const pub = capped(hidden, PUBLIC_LIST_CAP, s);
			view.publicItems = {
				key: `${key}/public`,
				label: hidden.length === 1 ? s.publicOne : s.publicMany(formatCount(hidden.length, s.locale)),
				items: pub.items.map((i) => itemView(i, names, openTabs, s, p)),
				...(pub.notListed ? { notListed: pub.notListed } : {}),
			};
		}
		if (!surface.items.length) {
			view.empty = s.emptySurface;
		}
		return view;
	});
	return {
		intro: p.listIntro,
		noAssistantReads: p.noAssistantReads,
		totals: {
			sensitiveFiles: t.sensitiveFiles,
			headline,
			sensitive: t.sentSensitiveFiles > 0 || (assistantsPresent === 0 && t.sensitiveFiles > 0),
			...(detail ? { detail } : {}),
			...(notAllowed.length ? { notAllowedIntro: p.destinationsNotAllowed } : {}),
			notAllowed: [...notAllowed],
			...(allowed.length ? { allowedIntro: p.destinationsAllowed } : {}),
			allowed: [...allowed],
		},
		surfaces,
	};
}
