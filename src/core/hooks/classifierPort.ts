/**
 * What the hook needs from the classifier, as a port: the real one (`compileClassifier(policy)` in
 * src/core/classify/classifier.ts, adapted by `classifierPort`) is loaded lazily by the CLI; tests may pass
 * a path-rule-only classifier.
 */
import { minimatch } from 'minimatch';
import type { Classifier, LeveledFinding } from '../classify/classifier';
import type { Reason } from '../classify/types';
import type { Level, PathRule } from '../policy/schema';
import { rankOf as levelRank } from './levels';

/** A file's level and the rules behind it (a subset of `FileClassification`). */
export interface HookClassification {
	level: Level;
	reasons?: { rule: string; level: Level }[];
}

export interface HookClassifier {
	/** By path rules alone. */
	classifyPath(relPath: string): HookClassification;
	/** By path rules and content. */
	classifyBytes(relPath: string, bytes: Uint8Array): HookClassification;
	/** Every content finding of a text, with offsets and levels (the real classifier only): for redaction and prompts. */
	contentFindings?(text: string): { findings: LeveledFinding[]; complete: boolean };
}

/** A classifier of path rules only (content is not scanned): the stand-in until the real classifier is wired. */
export function pathRuleClassifier(rules: PathRule[]): HookClassifier {
	const classifyPath = (relPath: string): HookClassification => {
		let level: Level = 'public';
		const reasons: { rule: string; level: Level }[] = [];
		for (const r of rules) {
			const positive = r.globs.filter((g) => !g.startsWith('!'));
			const negative = r.globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
			const opts = { dot: true, nocase: true };
			if (positive.some((g) => minimatch(relPath, g, opts)) && !negative.some((g) => minimatch(relPath, g, opts))) {
				reasons.push({ rule: r.id, level: r.level });
				if (levelRank(r.level) > levelRank(level)) {
					level = r.level;
				}
			}
		}
		reasons.sort((a, b) => levelRank(b.level) - levelRank(a.level));
		return { level, reasons };
	};
	return { classifyPath, classifyBytes: (relPath) => classifyPath(relPath) };
}

function fromReasons(reasons: readonly Reason[], level?: Level): HookClassification {
	let top: Level = level ?? 'public';
	if (level === undefined) {
		for (const r of reasons) {
			if (levelRank(r.level) > levelRank(top)) {
				top = r.level;
			}
		}
	}
	return { level: top, reasons: reasons.map((r) => ({ rule: r.rule, level: r.level })) };
}

/** The real classifier seen through the hook's port: levels and rule ids only, never findings or previews. */
export function classifierPort(classifier: Classifier): HookClassifier {
	return {
		classifyPath: (relPath) => fromReasons(classifier.classifyPath(relPath)),
		classifyBytes: (relPath, bytes) => {
			const c = classifier.classifyBytes(relPath, bytes);
			return fromReasons(c.reasons, c.level);
		},
		contentFindings: (text) => classifier.contentFindings(text),
	};
}
