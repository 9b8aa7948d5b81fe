/**
 * The org-patterns family: the policy's own regular expressions, compiled when the policy loads.
 *
 * Safety, because V8 regexes backtrack and a policy is data from elsewhere:
 * - an invalid regex, or one that fails the safety check, is a compile error for that pattern (reported, the
 *   pattern skipped), never a crash;
 * - the static check rejects nested quantifiers (`(a+)+`, `(\w*)*`, `(x+){2,}`), the classic catastrophic
 *   backtracking shape, and quantified back-references; then a real analysis (redos.ts: recheck) rejects the
 *   rest that backtrack exponentially, such as `(a|aa)+$`;
 * - at run time, patterns are matched per line, lines longer than `MAX_LINE_WINDOW` are matched in overlapping
 *   windows of that size, and a per-file time budget stops pattern matching (with a warning) when exceeded.
 */
import type { OrgPattern } from '../../policy/schema';
import { maskSecret } from '../mask';
import { type ContentDetector, type Finding, MAX_LINE_WINDOW } from './finding';
import { backtrackingProblem } from './redos';

/** Per-file time budget for all org patterns together, in milliseconds. */
export const PATTERN_BUDGET_MS = 250;
const MAX_SOURCE = 2000;
const OVERLAP = 256;

export interface PatternError {
	id: string;
	message: string;
}

/**
 * Why a regex source is unsafe to run with a backtracking engine, or undefined when it passes the heuristic:
 * a quantified group that itself contains an unbounded quantifier, or a quantified back-reference.
 */
export function regexSafetyProblem(source: string): string | undefined {
	if (source.length > MAX_SOURCE) {
		return `longer than ${MAX_SOURCE} characters`;
	}
	interface Frame {
		unbounded: boolean;
		backref: boolean;
	}
	const stack: Frame[] = [{ unbounded: false, backref: false }];
	let lastGroup: Frame | undefined;
	let lastWasBackref = false;
	for (let i = 0; i < source.length; i++) {
		const c = source.charAt(i);
		const top = stack[stack.length - 1] as Frame;
		if (c === '\\') {
			const next = source.charAt(i + 1);
			lastWasBackref = /[1-9]/.test(next) || (next === 'k' && source.charAt(i + 2) === '<');
			if (lastWasBackref) {
				top.backref = true;
			}
			i++;
			lastGroup = undefined;
			continue;
		}
		if (c === '[') {
			// Skip a character class.
			i++;
			if (source.charAt(i) === '^') i++;
			if (source.charAt(i) === ']') i++;
			while (i < source.length && source.charAt(i) !== ']') {
				if (source.charAt(i) === '\\') i++;
				i++;
			}
			lastGroup = undefined;
			lastWasBackref = false;
			continue;
		}
		if (c === '(') {
			stack.push({ unbounded: false, backref: false });
			lastGroup = undefined;
			lastWasBackref = false;
			continue;
		}
		if (c === ')') {
			const closed = stack.length > 1 ? (stack.pop() as Frame) : top;
			const parent = stack[stack.length - 1] as Frame;
			parent.unbounded ||= closed.unbounded;
			parent.backref ||= closed.backref;
			lastGroup = closed;
			lastWasBackref = false;
			continue;
		}
		const q = quantifierAt(source, i);
		if (q) {
			if (lastGroup && (q.unbounded || q.max > 1)) {
				if (lastGroup.unbounded) {
					return `nested quantifier at offset ${i}: a repeated group contains an unbounded repetition (catastrophic backtracking)`;
				}
				if (lastGroup.backref) {
					return `quantified back-reference at offset ${i}`;
				}
			}
			if (lastWasBackref && q.unbounded) {
				return `quantified back-reference at offset ${i}`;
			}
			if (q.unbounded) {
				top.unbounded = true;
			}
			i += q.length - 1;
			if (source.charAt(i + 1) === '?' || source.charAt(i + 1) === '+') i++;
			lastGroup = undefined;
			lastWasBackref = false;
			continue;
		}
		lastGroup = undefined;
		lastWasBackref = false;
	}
	return undefined;
}

function quantifierAt(s: string, i: number): { unbounded: boolean; max: number; length: number } | undefined {
	const c = s.charAt(i);
	if (c === '*' || c === '+') return { unbounded: true, max: Infinity, length: 1 };
	if (c === '?') return { unbounded: false, max: 1, length: 1 };
	if (c === '{') {
		const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i));
		if (m) {
			const unbounded = m[2] !== undefined && (m[3] === undefined || m[3] === '');
			const max = unbounded ? Infinity : Number(m[3] ?? m[1]);
			return { unbounded: unbounded || max > 100, max, length: m[0].length };
		}
	}
	return undefined;
}

interface Compiled {
	pattern: OrgPattern;
	regex: RegExp;
}

/** Compiles the org's patterns, reporting (and skipping) invalid or unsafe ones. */
export function compileOrgPatterns(patterns: readonly OrgPattern[]): { compiled: Compiled[]; errors: PatternError[] } {
	const compiled: Compiled[] = [];
	const errors: PatternError[] = [];
	for (const p of patterns) {
		let regex: RegExp;
		try {
			regex = new RegExp(p.regex, p.caseInsensitive ? 'gi' : 'g');
		} catch (err) {
			errors.push({ id: p.id, message: `invalid regular expression: ${err instanceof Error ? err.message : String(err)}` });
			continue;
		}
		const problem = regexSafetyProblem(p.regex) ?? backtrackingProblem(p.regex, regex.flags);
		if (problem) {
			errors.push({ id: p.id, message: `unsafe regular expression rejected: ${problem}` });
			continue;
		}
		if (regex.test('')) {
			errors.push({ id: p.id, message: 'the regular expression matches the empty string' });
			continue;
		}
		compiled.push({ pattern: p, regex });
	}
	return { compiled, errors };
}

/** Org patterns, matched per line with a length cap and a time budget. */
export class PatternsDetector implements ContentDetector {
	readonly family = 'patterns' as const;
	readonly keywords: readonly string[] = [];
	/** Set after a `detect` call that ran out of time budget. */
	budgetExceeded = false;

	constructor(private readonly compiled: readonly Compiled[], private readonly budgetMs = PATTERN_BUDGET_MS) {}

	get size(): number {
		return this.compiled.length;
	}

	detect(text: string, _hits: readonly number[], report: (f: Finding) => void): void {
		this.budgetExceeded = false;
		if (this.compiled.length === 0) {
			return;
		}
		const deadline = Date.now() + this.budgetMs;
		let lineStart = 0;
		let lines = 0;
		while (lineStart <= text.length) {
			let lineEnd = lineStart;
			while (lineEnd < text.length) {
				const c = text.charCodeAt(lineEnd);
				if (c === 10 || c === 13) break;
				lineEnd++;
			}
			if (lineEnd > lineStart) {
				this.matchLine(text, lineStart, lineEnd, report);
			}
			if ((++lines & 63) === 0 && Date.now() > deadline) {
				this.budgetExceeded = true;
				return;
			}
			if (lineEnd >= text.length) break;
			lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
		}
	}

	private matchLine(text: string, ls: number, le: number, report: (f: Finding) => void): void {
		for (let ws = ls; ws < le; ws += MAX_LINE_WINDOW - OVERLAP) {
			const we = Math.min(le, ws + MAX_LINE_WINDOW);
			const w = text.slice(ws, we);
			for (const c of this.compiled) {
				const re = c.regex;
				re.lastIndex = 0;
				let m: RegExpExecArray | null;
				while ((m = re.exec(w)) !== null) {
					if (m[0].length === 0) {
						re.lastIndex++;
						continue;
					}
					// In an overlap, the previous window already reported it.
					if (ws > ls && m.index < OVERLAP) {
						continue;
					}
					report({
						kind: 'pattern',
						rule: c.pattern.id,
						message: c.pattern.description ?? `Matches the org pattern ${c.pattern.id}`,
						start: ws + m.index,
						end: ws + m.index + m[0].length,
						preview: maskSecret(m[0]),
					});
				}
			}
			if (we >= le) break;
		}
	}
}
