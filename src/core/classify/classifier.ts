/**
 * The classifier: a policy compiled once into path rules, one keyword automaton and the enabled detector
 * families, then applied to paths, texts and bytes. Pure: no I/O, no clock except the org-pattern budget.
 *
 * Decisions:
 * - A file's level is the highest level of its reasons (path rules and content findings); `public` without any.
 * - An active exception (a glob) makes a file public with no reasons and `exception` set; content is not read.
 *   Exceptions come from the effective policy (`EffectivePolicy.exceptions.active`): the caller passes the
 *   ones in force, because only it knows today's date and what the org allows.
 * - Content over `content.maxFileSizeBytes` is not scanned (`skipped: too-large`); binary content is not
 *   scanned (`skipped: binary`); path rules apply to both.
 * - At most 50 findings per rule and 500 per file become reasons; the rest are counted in `omittedFindings`.
 */
import { Minimatch } from 'minimatch';
import { type Level, levelRank, maxLevel } from '../policy/levels';
import type { DetectorFamily, Policy } from '../policy/schema';
import { KeywordAutomaton } from './ahoCorasick';
import { ByteScanner, KEEP_INPUT } from './byteScanner';
import { byteOrderMark, decodeBytes, decodeValidUtf8, mostlyControl, SNIFF_BYTES } from './decode';
import type { ContentDetector, Finding } from './detectors/finding';
import { MarkersDetector } from './detectors/markers';
import { compileOrgPatterns, PatternsDetector } from './detectors/patterns';
import { ALL_PII_KINDS, PiiDetector } from './detectors/pii';
import { PrivateKeysDetector } from './detectors/privateKeys';
import { SecretsDetector } from './detectors/secrets';
import { compilePathRules, expandGlob, normalizePath, type PathRuleSet } from './pathRules';
import { LineIndex } from './textIndex';
import type { FileClassification, Reason, ReasonKind } from './types';

export const MAX_FINDINGS_PER_RULE = 50;
export const MAX_FINDINGS_PER_FILE = 500;

/** An exception in force: a glob of workspace-relative paths treated as public. */
export interface ExceptionInput {
	path: string;
	expires?: string;
	reason?: string;
}

/** A problem in the policy found while compiling it. The rest of the policy still applies. */
export interface ClassifierError {
	family: 'pathRules' | 'patterns' | 'exceptions';
	id: string;
	message: string;
}

/** A policy compiled for classification. */
export interface Classifier {
	readonly policyName: string;
	/** How many rules of each kind are active. */
	readonly counts: { pathRules: number; secretRules: number; markers: number; patterns: number };
	/** Reasons from path rules alone, most severe first (empty when an exception covers the path). */
	classifyPath(path: string): Reason[];
	/** Classifies a file's text (an unsaved buffer, or decoded bytes). */
	classifyText(path: string, text: string): FileClassification;
	/** Classifies a file's bytes: size cap, binary sniffing, decoding, then `classifyText`. */
	classifyBytes(path: string, bytes: Uint8Array): FileClassification;
	/** The exception covering a path, if any. */
	exceptionFor(path: string): ExceptionInput | undefined;
	/**
	 * Every content finding in a text, with offsets and its family's level, uncapped (the redaction core needs
	 * all of them); `complete` is false when a detector stopped early (the org-pattern time budget).
	 */
	contentFindings(text: string): { findings: LeveledFinding[]; complete: boolean };
}

/** A content finding with the level its detector family assigns. */
export interface LeveledFinding extends Finding {
	level: Level;
}

interface DetectorSlot {
	detector: ContentDetector;
	level: Level;
	hits: number[];
}

const KIND_ORDER: Record<ReasonKind, number> = { 'private-key': 0, secret: 1, pii: 2, pattern: 3, marker: 4, path: 5 };

/** Sorts reasons most severe first; ties: path rules first, then content by position. */
function sortReasons(reasons: Reason[]): Reason[] {
	return reasons.sort(
		(a, b) =>
			levelRank(b.level) - levelRank(a.level) ||
			(a.kind === 'path' ? -1 : 0) - (b.kind === 'path' ? -1 : 0) ||
			(a.line ?? 0) - (b.line ?? 0) ||
			(a.column ?? 0) - (b.column ?? 0) ||
			KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
	);
}

class CompiledClassifier implements Classifier {
	readonly policyName: string;
	readonly counts: Classifier['counts'];
	private readonly pathRules: PathRuleSet;
	private readonly slots: DetectorSlot[] = [];
	private readonly automaton: KeywordAutomaton | undefined;
	/** The automaton's keywords, for the byte scanner. */
	private readonly allKeywords: string[];
	/** Built on the first `classifyBytes` (null: this runtime cannot have one). */
	private byteScanner: ByteScanner | null | undefined;
	/** Sorts one keyword hit into the hits of the slots whose detectors own the keyword. */
	private readonly onHit: (keyword: number, start: number) => void;
	/** For each automaton keyword: [slotIndex, localKeywordIndex, …]. */
	private readonly keywordTargets: number[][] = [];
	private readonly exceptions: { input: ExceptionInput; globs: Minimatch[] }[] = [];
	private readonly maxBytes: number;
	private readonly patterns: PatternsDetector | undefined;

	constructor(policy: Policy, exceptions: readonly (string | ExceptionInput)[], errors: ClassifierError[]) {
		this.policyName = policy.name;
		this.maxBytes = policy.content.maxFileSizeBytes;
		this.pathRules = compilePathRules(policy.pathRules);
		for (const e of this.pathRules.errors) {
			errors.push({ family: 'pathRules', ...e });
		}
		const d = policy.content.detectors;
		const add = (family: DetectorFamily, make: () => ContentDetector): ContentDetector | undefined => {
			const setting = d[family];
			if (!setting.enabled) {
				return undefined;
			}
			const detector = make();
			this.slots.push({ detector, level: setting.level, hits: [] });
			return detector;
		};
		const secrets = add('secrets', () => new SecretsDetector());
		add('privateKeys', () => new PrivateKeysDetector());
		add('pii', () => new PiiDetector(d.pii.kinds ?? ALL_PII_KINDS));
		const markers = add('markers', () => new MarkersDetector(policy.content.markers));
		let patternCount = 0;
		if (d.patterns.enabled && policy.content.patterns.length > 0) {
			const { compiled, errors: pErrors } = compileOrgPatterns(policy.content.patterns);
			for (const e of pErrors) {
				errors.push({ family: 'patterns', ...e });
			}
			patternCount = compiled.length;
			this.patterns = add('patterns', () => new PatternsDetector(compiled)) as PatternsDetector | undefined;
		}
		this.counts = {
			pathRules: this.pathRules.size,
			secretRules: secrets instanceof SecretsDetector ? secrets.ruleCount : 0,
			markers: markers?.keywords.length ?? 0,
			patterns: patternCount,
		};
		// One automaton over every family's keywords; a keyword shared by families is scanned once.
		const all: string[] = [];
		const index = new Map<string, number>();
		this.slots.forEach((slot, si) => {
			slot.detector.keywords.forEach((k, li) => {
				const key = k.replace(/[A-Z]/g, (c) => c.toLowerCase());
				let id = index.get(key);
				if (id === undefined) {
					id = all.length;
					index.set(key, id);
					all.push(key);
					this.keywordTargets.push([]);
				}
				(this.keywordTargets[id] as number[]).push(si, li);
			});
		});
		this.automaton = all.length > 0 ? new KeywordAutomaton(all) : undefined;
		this.allKeywords = all;
		const slots = this.slots;
		const targets = this.keywordTargets;
		this.onHit = (kw, start) => {
			const t = targets[kw] as number[];
			for (let i = 0; i < t.length; i += 2) {
				(slots[t[i] as number] as DetectorSlot).hits.push(t[i + 1] as number, start);
			}
		};
		for (const raw of exceptions) {
			const input = typeof raw === 'string' ? { path: raw } : raw;
			try {
				const globs = expandGlob(input.path).map((p) => new Minimatch(p, { dot: true, nocase: true, nonegate: true, nocomment: true }));
				this.exceptions.push({ input, globs });
			} catch (err) {
				errors.push({ family: 'exceptions', id: input.path, message: err instanceof Error ? err.message : String(err) });
			}
		}
	}

	exceptionFor(path: string): ExceptionInput | undefined {
		if (this.exceptions.length === 0) {
			return undefined;
		}
		const p = normalizePath(path);
		return this.exceptions.find((e) => e.globs.some((g) => g.match(p)))?.input;
	}

	classifyPath(path: string): Reason[] {
		if (this.exceptionFor(path)) {
			return [];
		}
		return this.pathRules.match(path);
	}

	classifyText(path: string, text: string): FileClassification {
		const p = normalizePath(path);
		const exception = this.exceptionFor(p);
		if (exception) {
			return { path: p, level: 'public', reasons: [], exception };
		}
		const reasons = this.pathRules.match(p);
		if (text.length > this.maxBytes) {
			return this.result(p, reasons, { skipped: { reason: 'too-large', detail: `${text.length} characters` } });
		}
		this.clearHits();
		this.automaton?.scan(text, this.onHit);
		return this.classifyScanned(p, reasons, text, undefined);
	}

	/** The classification of a text whose keyword hits are in the slots (`numbers`: its number candidates, if known). */
	private classifyScanned(p: string, reasons: Reason[], text: string, numbers: ArrayLike<number> | undefined): FileClassification {
		const { content, omitted, warnings } = this.scanContent(text, numbers);
		return this.result(p, reasons.concat(content), {
			...(omitted > 0 ? { omittedFindings: omitted } : {}),
			...(warnings.length > 0 ? { warnings } : {}),
		});
	}

	classifyBytes(path: string, bytes: Uint8Array): FileClassification {
		const p = normalizePath(path);
		const exception = this.exceptionFor(p);
		if (exception) {
			return { path: p, level: 'public', reasons: [], exception, size: bytes.length };
		}
		if (bytes.length > this.maxBytes) {
			return this.result(p, this.pathRules.match(p), { size: bytes.length, skipped: { reason: 'too-large', detail: `${bytes.length} bytes` } });
		}
		const scanned = this.classifyUtf8(p, bytes);
		if (scanned) {
			return { ...scanned, size: bytes.length };
		}
		const decoded = decodeBytes(bytes);
		if (decoded.kind === 'binary') {
			return this.result(p, this.pathRules.match(p), { size: bytes.length, skipped: { reason: 'binary', detail: decoded.detail } });
		}
		return { ...this.classifyText(p, decoded.text), size: bytes.length };
	}

	/**
	 * The byte scanner's path for UTF-8 (with or without a BOM): sniffing, keyword hits and number candidates
	 * from the bytes, then decoding (ASCII as Latin-1, which is the same text and much faster) and the
	 * detectors. Decides as `decodeBytes` + `classifyText` would. Undefined: take that path (no scanner, UTF-16,
	 * NUL bytes, invalid UTF-8, too many hits).
	 */
	private classifyUtf8(p: string, bytes: Uint8Array): FileClassification | undefined {
		if (this.byteScanner === undefined) {
			this.byteScanner = this.slots.length > 0 ? (ByteScanner.create(this.allKeywords) ?? null) : null;
		}
		const scanner = this.byteScanner;
		if (!scanner) {
			return undefined;
		}
		const bom = byteOrderMark(bytes);
		if (bom === 'utf-16le' || bom === 'utf-16be') {
			return undefined;
		}
		if (!bom) {
			// A UTF-8 BOM means text, not sniffed (as decodeBytes).
			const n = Math.min(bytes.length, SNIFF_BYTES);
			const { control, nuls } = scanner.sniff(bytes, n);
			if (nuls > 0) {
				return undefined;
			}
			if (mostlyControl(control, n)) {
				return this.result(p, this.pathRules.match(p), { skipped: { reason: 'binary', detail: 'control characters' } });
			}
		}
		this.clearHits();
		const scanned = scanner.scan(bytes, bom ? 3 : 0, this.onHit);
		if (bytes.length > KEEP_INPUT) {
			scanner.release();
		}
		if (!scanned) {
			return undefined;
		}
		return this.classifyScanned(p, this.pathRules.match(p), decodeValidUtf8(bytes, scanned.ascii), scanned.numbers);
	}

	contentFindings(text: string): { findings: LeveledFinding[]; complete: boolean } {
		this.clearHits();
		this.automaton?.scan(text, this.onHit);
		const findings: LeveledFinding[] = [];
		const lines = new LineIndex(text);
		for (const slot of this.slots) {
			if (slot.detector.keywords.length > 0 && slot.hits.length === 0) {
				continue;
			}
			slot.detector.detect(text, slot.hits, (f: Finding) => findings.push({ ...f, level: slot.level }), lines);
		}
		return { findings, complete: !this.patterns?.budgetExceeded };
	}

	private clearHits(): void {
		for (const s of this.slots) {
			s.hits.length = 0;
		}
	}

	private result(path: string, reasons: Reason[], extra: Partial<FileClassification>): FileClassification {
		let level: Level = 'public';
		for (const r of reasons) {
			level = maxLevel(level, r.level);
		}
		return { path, level, reasons: sortReasons(reasons), ...extra };
	}

	private scanContent(text: string, numbers: ArrayLike<number> | undefined): { content: Reason[]; omitted: number; warnings: string[] } {
		const slots = this.slots;
		const content: Reason[] = [];
		const perRule = new Map<string, number>();
		let omitted = 0;
		const lines = new LineIndex(text);
		for (const slot of slots) {
			if (slot.detector.keywords.length > 0 && slot.hits.length === 0) {
				continue;
			}
			slot.detector.detect(text, slot.hits, (f: Finding) => {
				const n = (perRule.get(f.rule) ?? 0) + 1;
				perRule.set(f.rule, n);
				if (n > MAX_FINDINGS_PER_RULE || content.length >= MAX_FINDINGS_PER_FILE) {
					omitted++;
					return;
				}
				const start = lines.position(f.start);
				const end = lines.position(f.end);
				content.push({
					kind: f.kind,
					rule: f.rule,
					level: slot.level,
					message: f.message,
					line: start.line,
					column: start.column,
					endLine: end.line,
					endColumn: end.column,
					preview: f.preview,
				});
			}, lines, numbers);
		}
		const warnings = this.patterns?.budgetExceeded ? ['org patterns: time budget exceeded, the rest of the file was not matched'] : [];
		return { content, omitted, warnings };
	}
}

/**
 * Compiles a policy for classification. Invalid or unsafe parts (a bad glob, an invalid or catastrophic org
 * regex) are reported in `errors` and left out; the rest of the policy still applies.
 */
export function compileClassifier(
	policy: Policy,
	exceptions: readonly (string | ExceptionInput)[] = [],
): { classifier: Classifier; errors: ClassifierError[] } {
	const errors: ClassifierError[] = [];
	const classifier = new CompiledClassifier(policy, exceptions, errors);
	return { classifier, errors };
}

/** The level of a set of reasons: the highest, or public when there are none. */
export function levelOf(reasons: readonly Reason[]): Level {
	let level: Level = 'public';
	for (const r of reasons) {
		level = maxLevel(level, r.level);
	}
	return level;
}
