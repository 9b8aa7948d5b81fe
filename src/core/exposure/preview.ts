/**
 * The exposure preview's one list: every file an assistant could read now, listed once under the surface that
 * brings it closest (the active editor, then open tabs, instruction files, the index), with what becomes of it for
 * each assistant present; and totals over distinct files, so the preview's count of sensitive files is the status
 * bar's. Plain data from the `ExposureModel`; no `vscode`.
 */
import type { Reason } from '../classify/types';
import type { Level } from '../policy/schema';
import { approxTokens, type AssistantExposure, type ExposureItem, type ExposureModel, type Surface, type Verdict } from './model';

/** The order in which a file is placed: the first surface of this list that holds it. */
export const PREVIEW_SURFACE_ORDER: readonly Surface[] = ['activeEditor', 'openTabs', 'instructions', 'index'];

export interface PreviewItem {
	path: string;
	level: Level;
	sensitive: boolean;
	reasons: Reason[];
	/** The whole file's size (an assistant may send all of it). */
	bytes: number;
	tokens: number;
	/** For the active editor with a selection: the selection is what a chat sends first. */
	part?: 'selection';
	/** The other surfaces that hold the file (it is listed once, under the first). */
	alsoOn: Surface[];
	/** Each assistant present that reads a surface holding the file, with what becomes of it (sent on any surface wins). */
	by: { id: string; verdict: Verdict }[];
	/** True when at least one assistant present would send it. */
	sent: boolean;
}

export interface PreviewSurface {
	surface: Surface;
	items: PreviewItem[];
}

export interface PreviewTotals {
	/** Distinct files open or indexed (what an assistant with no controls could read). */
	files: number;
	/** Distinct sensitive files among them, and their bytes: the status bar's count. */
	sensitiveFiles: number;
	sensitiveBytes: number;
	/** Distinct files, and sensitive files with their bytes, that at least one assistant present would send. */
	sentFiles: number;
	sentSensitiveFiles: number;
	sentSensitiveBytes: number;
	/** Approximate tokens of the distinct files that would be sent. */
	sentTokens: number;
}

/** Where sensitive data would go, split by whether the policy allows the destination. */
export interface PreviewDestinations {
	allowed: string[];
	notAllowed: string[];
}

export interface Preview {
	surfaces: PreviewSurface[];
	totals: PreviewTotals;
	destinations: PreviewDestinations;
}

/** What the preview needs to know about an assistant's destinations beyond the model: which the policy allows. */
export interface DestinationFacts {
	/** By assistant id: each destination in words and whether `allowedDestinations` allows it. */
	[assistantId: string]: readonly { name: string; allowed: boolean }[] | undefined;
}

const VERDICT_RANK: Record<Verdict, number> = { sent: 0, 'excluded-by-assistant': 1, 'blocked-by-warden': 2, 'assistant-disabled': 3 };

/** Per path, the verdict of one assistant over all its surfaces: sent if any surface sends it. */
function verdictsOf(a: AssistantExposure): Map<string, Verdict> {
	const out = new Map<string, Verdict>();
	for (const s of a.surfaces) {
		for (const i of s.items) {
			const had = out.get(i.path);
			if (had === undefined || VERDICT_RANK[i.verdict] < VERDICT_RANK[had]) {
				out.set(i.path, i.verdict);
			}
		}
	}
	return out;
}

/**
 * The preview's single list and its totals. The universe is "Any assistant" (every surface, no controls): each of
 * its files appears once, under the first surface of `PREVIEW_SURFACE_ORDER` that holds it. `line` words an
 * assistant's destinations of one kind as one line (`Name: a; b`, or the display language's).
 */
export function buildPreview(
	model: ExposureModel,
	destinations: DestinationFacts = {},
	line: (assistant: string, destinations: readonly string[]) => string = (a, d) => `${a}: ${d.join('; ')}`,
): Preview {
	const placed = new Map<string, { surface: Surface; item: ExposureItem; alsoOn: Surface[] }>();
	for (const surface of PREVIEW_SURFACE_ORDER) {
		const s = model.any.surfaces.find((x) => x.surface === surface);
		for (const item of s?.items ?? []) {
			// The active editor comes as "whole file" and a part (selection or cursor): one row, the whole file's size.
			if (item.part === 'cursor neighbourhood') {
				continue;
			}
			const had = placed.get(item.path);
			if (!had) {
				placed.set(item.path, { surface, item, alsoOn: [] });
			} else if (had.surface !== surface && !had.alsoOn.includes(surface)) {
				had.alsoOn.push(surface);
			} else if (item.part === 'selection') {
				had.item = { ...had.item, part: 'selection' };
			}
		}
	}
	const verdicts = model.assistants.map((a) => ({ id: a.id, verdicts: verdictsOf(a) }));
	const surfaces: PreviewSurface[] = PREVIEW_SURFACE_ORDER.map((surface) => ({ surface, items: [] }));
	const totals: PreviewTotals = { files: 0, sensitiveFiles: 0, sensitiveBytes: 0, sentFiles: 0, sentSensitiveFiles: 0, sentSensitiveBytes: 0, sentTokens: 0 };
	for (const { surface, item, alsoOn } of placed.values()) {
		const by = verdicts.flatMap(({ id, verdicts: v }) => {
			const verdict = v.get(item.path);
			return verdict ? [{ id, verdict }] : [];
		});
		const sent = by.some((b) => b.verdict === 'sent');
		const bytes = item.bytes;
		const previewItem: PreviewItem = {
			path: item.path,
			level: item.level,
			sensitive: item.sensitive,
			reasons: item.reasons,
			bytes,
			tokens: approxTokens(bytes),
			...(item.part === 'selection' ? { part: 'selection' as const } : {}),
			alsoOn,
			by,
			sent,
		};
		surfaces.find((s) => s.surface === surface)?.items.push(previewItem);
		totals.files++;
		if (item.sensitive) {
			totals.sensitiveFiles++;
			totals.sensitiveBytes += bytes;
		}
		if (sent) {
			totals.sentFiles++;
			totals.sentTokens += previewItem.tokens;
			if (item.sensitive) {
				totals.sentSensitiveFiles++;
				totals.sentSensitiveBytes += bytes;
			}
		}
	}
	const allowed = new Set<string>();
	const notAllowed = new Set<string>();
	for (const a of model.assistants) {
		if (a.totals.sensitiveItems === 0) {
			continue;
		}
		const facts = destinations[a.id];
		if (facts && facts.length > 0) {
			// One line per assistant and kind: its name once, then its destinations of that kind.
			for (const kind of [true, false]) {
				const names = facts.filter((d) => d.allowed === kind).map((d) => d.name);
				if (names.length > 0) {
					(kind ? allowed : notAllowed).add(line(a.name, names));
				}
			}
		} else if (a.destination) {
			// No facts about the policy's view of it: not known to be allowed.
			notAllowed.add(line(a.name, [a.destination]));
		}
	}
	return { surfaces, totals, destinations: { allowed: [...allowed], notAllowed: [...notAllowed] } };
}
