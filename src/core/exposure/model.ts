/**
 * The exposure model: an estimate of what each AI assistant present in the window would send as context now.
 * Plain data in (what the editor shows, the classification, each assistant's controls), plain data out (what the
 * preview renders). It decides nothing about enforcement; it reports the consequences of what was decided.
 */
import type { FileClassification, Reason } from '../classify/types';
import { type Level, levelRank } from '../policy/schema';

/** The context surfaces an assistant reads on its own. */
export const SURFACES = ['activeEditor', 'openTabs', 'index', 'instructions'] as const;
export type Surface = (typeof SURFACES)[number];

/** What becomes of one item for one assistant. */
export type Verdict = 'sent' | 'excluded-by-assistant' | 'blocked-by-warden' | 'assistant-disabled';

export interface EditorState {
	/** The active editor's workspace-relative path (or `untitled:...`), if any. */
	active?: { path: string; size: number; selection?: { startLine: number; endLine: number; size: number } };
	/** Other visible editors and open tabs, workspace-relative, without the active one. */
	openTabs: { path: string; size: number }[];
}

/** One assistant as the exposure model sees it: its identity and the controls that bear on it now. */
export interface AssistantView {
	id: string;
	name: string;
	vendor: string;
	/** Where its context goes, in words (e.g. "GitHub (Microsoft) cloud, US"). */
	destination: string;
	/** Disabled in this workspace by a lever Context Warden applied (or by the user). */
	disabled: boolean;
	/** The surfaces this assistant reads; e.g. completion engines read open tabs, agents index the workspace. */
	surfaces: readonly Surface[];
	/** True when the path is excluded by the assistant's own ignore controls (as far as they can be computed). */
	excludedByOwnControls(path: string): boolean;
	/**
	 * True when Context Warden's enforcement (managed ignore entries, hooks) keeps the path from it through `surface`
	 * (an ignore file that only hides files from the index keeps nothing out of the open tabs); without a surface,
	 * whether the managed entries name the path at all.
	 */
	blockedByWarden(path: string, surface?: Surface): boolean;
	/** Globs of instruction files it includes on its own (AGENTS.md, CLAUDE.md, ...). */
	instructionFiles: readonly string[];
	/** Facts about the assistant that are unverified, so the preview can say so. */
	unverified?: boolean;
}

export interface ExposureInput {
	editor: EditorState;
	/** Classification of every indexed workspace file (and open unsaved buffers), by workspace-relative path. */
	files: ReadonlyMap<string, FileClassification>;
	/** Level at or above which a file counts as sensitive. */
	sensitiveLevel: Level;
	assistants: readonly AssistantView[];
	/** Workspace-relative paths of instruction files present in the workspace, with sizes. */
	instructionFilesPresent: readonly { path: string; size: number }[];
	/** Matches a path against a glob (injected: the core's minimatch wrapper). */
	matchGlob(path: string, glob: string): boolean;
	now: Date;
}

export interface ExposureItem {
	path: string;
	level: Level;
	sensitive: boolean;
	/** The top reasons, masked. */
	reasons: Reason[];
	bytes: number;
	tokens: number;
	verdict: Verdict;
	/** For the active editor: which part would be sent. */
	part?: 'whole file' | 'selection' | 'cursor neighbourhood';
}

export interface SurfaceExposure {
	surface: Surface;
	items: ExposureItem[];
}

export interface AssistantExposure {
	id: string;
	name: string;
	vendor: string;
	destination: string;
	disabled: boolean;
	unverified: boolean;
	surfaces: SurfaceExposure[];
	totals: Totals;
}

export interface Totals {
	/** Items that would be sent. */
	sentItems: number;
	/** Sensitive items that would be sent. */
	sensitiveItems: number;
	/** Bytes of sensitive items that would be sent. */
	sensitiveBytes: number;
	/** Approximate tokens of everything that would be sent. */
	tokens: number;
}

export interface ExposureModel {
	/** Always true: this is a simulation, labelled as such in the UI. */
	estimate: true;
	generatedAt: string;
	assistants: AssistantExposure[];
	/** "Any assistant": the surfaces with no assistant's own controls and no enforcement. */
	any: AssistantExposure;
	/** Totals over the assistants present, with the vendors sensitive data would reach. */
	totals: Totals & { destinations: string[] };
}

/** Cursor neighbourhood: completion engines send roughly this much around the cursor. */
const NEIGHBOURHOOD_BYTES = 8 * 1024;

/** A rough token estimate: about four bytes per token for code and English text. */
export function approxTokens(bytes: number): number {
	return Math.ceil(bytes / 4);
}

/** Computes what each assistant would send now, and what any assistant with no controls would. */
export function computeExposure(input: ExposureInput): ExposureModel {
	const anyAssistant: AssistantView = {
		id: '*',
		name: 'Any assistant',
		vendor: '',
		destination: '',
		disabled: false,
		surfaces: SURFACES,
		excludedByOwnControls: () => false,
		blockedByWarden: () => false,
		instructionFiles: [],
	};
	const assistants = input.assistants.map((a) => exposureFor(a, input));
	const any = exposureFor(anyAssistant, input);
	const destinations = [
		...new Set(assistants.filter((a) => a.totals.sensitiveItems > 0).map((a) => `${a.vendor}: ${a.destination}`)),
	];
	const totals = assistants.reduce<Totals>(
		(t, a) => ({
			sentItems: t.sentItems + a.totals.sentItems,
			sensitiveItems: t.sensitiveItems + a.totals.sensitiveItems,
			sensitiveBytes: t.sensitiveBytes + a.totals.sensitiveBytes,
			tokens: t.tokens + a.totals.tokens,
		}),
		{ sentItems: 0, sensitiveItems: 0, sensitiveBytes: 0, tokens: 0 },
	);
	return { estimate: true, generatedAt: input.now.toISOString(), assistants, any, totals: { ...totals, destinations } };
}

function exposureFor(a: AssistantView, input: ExposureInput): AssistantExposure {
	const surfaces: SurfaceExposure[] = [];
	const verdictOf = (path: string, surface: Surface): Verdict =>
		a.disabled
			? 'assistant-disabled'
			: a.blockedByWarden(path, surface)
				? 'blocked-by-warden'
				: a.excludedByOwnControls(path)
					? 'excluded-by-assistant'
					: 'sent';
	const item = (surface: Surface, path: string, bytes: number, part?: ExposureItem['part']): ExposureItem => {
		const c = input.files.get(path);
		const level = c?.level ?? 'public';
		return {
			path,
			level,
			sensitive: levelRank(level) >= levelRank(input.sensitiveLevel),
			reasons: (c?.reasons ?? []).slice(0, 3),
			bytes,
			tokens: approxTokens(bytes),
			verdict: verdictOf(path, surface),
			...(part ? { part } : {}),
		};
	};

	if (a.surfaces.includes('activeEditor') && input.editor.active) {
		const { path, size, selection } = input.editor.active;
		const items = [item('activeEditor', path, size, 'whole file')];
		if (selection && selection.size > 0) {
			items.push(item('activeEditor', path, selection.size, 'selection'));
		} else {
			items.push(item('activeEditor', path, Math.min(size, NEIGHBOURHOOD_BYTES), 'cursor neighbourhood'));
		}
		surfaces.push({ surface: 'activeEditor', items });
	}
	if (a.surfaces.includes('openTabs')) {
		surfaces.push({ surface: 'openTabs', items: input.editor.openTabs.map((t) => item('openTabs', t.path, t.size)) });
	}
	if (a.surfaces.includes('index')) {
		const items: ExposureItem[] = [];
		for (const [path, c] of input.files) {
			if (!path.startsWith('untitled:')) {
				items.push(item('index', path, c.size ?? 0));
			}
		}
		items.sort(byRiskThenPath);
		surfaces.push({ surface: 'index', items });
	}
	if (a.surfaces.includes('instructions')) {
		const present = input.instructionFilesPresent.filter(
			(f) => a.id === '*' || a.instructionFiles.some((g) => input.matchGlob(f.path, g)),
		);
		surfaces.push({ surface: 'instructions', items: present.map((f) => item('instructions', f.path, f.size)) });
	}
	for (const s of surfaces) {
		if (s.surface !== 'index') {
			s.items.sort(byRiskThenPath);
		}
	}
	return {
		id: a.id,
		name: a.name,
		vendor: a.vendor,
		destination: a.destination,
		disabled: a.disabled,
		unverified: a.unverified ?? false,
		surfaces,
		totals: totalsOf(surfaces),
	};
}

function totalsOf(surfaces: SurfaceExposure[]): Totals {
	const t: Totals = { sentItems: 0, sensitiveItems: 0, sensitiveBytes: 0, tokens: 0 };
	for (const s of surfaces) {
		for (const i of s.items) {
			if (i.verdict !== 'sent') {
				continue;
			}
			t.sentItems++;
			t.tokens += i.tokens;
			if (i.sensitive) {
				t.sensitiveItems++;
				t.sensitiveBytes += i.bytes;
			}
		}
	}
	return t;
}

function byRiskThenPath(a: ExposureItem, b: ExposureItem): number {
	return levelRank(b.level) - levelRank(a.level) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
