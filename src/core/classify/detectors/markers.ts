/**
 * The confidentiality-marker family: CONFIDENTIAL, INTERNAL ONLY, PROPRIETARY, DO NOT DISTRIBUTE, 机密, 绝密,
 * 秘密, 内部资料, 仅供内部使用, plus the org's own markers.
 *
 * Decisions (tested in markers.test.ts):
 * - Latin-script markers are whole words: the characters around them must not be letters, digits, `_` or `$`,
 *   so identifiers never match (`isConfidential`, `confidentialityLevel`, `CONFIDENTIAL_FLAG`). A hyphen or a
 *   dot is a word boundary (`CONFIDENTIAL-2024` matches).
 * - Built-in Latin markers match in UPPER CASE or Title Case only (`CONFIDENTIAL`, `Confidential`): lower-case
 *   prose ("confidential computing") is not a marker. Org markers match in any case, as the policy schema says.
 * - A marker that is the entire content of a string literal (`'CONFIDENTIAL'`, `"Proprietary"`) is a value in
 *   code (an enum member, a label), not a marking of the file, and does not match.
 * - CJK has no word boundaries: CJK markers match as substrings, except in compounds that mean something else:
 *   机密性 ("confidentiality", the property), 秘密钥 (part of 秘密钥匙/"secret key"), and negations 非机密 / 非秘密 /
 *   不保密 ("not confidential").
 */
import type { ContentDetector, Finding } from './finding';

/** A marker finding's message; `{0}` is the marker as the policy or the built-in list spells it. */
export const MARKER_MESSAGE = 'Confidentiality marker "{0}"';

export const BUILTIN_MARKERS: readonly string[] = [
	'CONFIDENTIAL',
	'INTERNAL ONLY',
	'INTERNAL USE ONLY',
	'PROPRIETARY',
	'DO NOT DISTRIBUTE',
	'TOP SECRET',
	'机密',
	'绝密',
	'秘密',
	'内部资料',
	'仅供内部使用',
];

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const IDENT = /[A-Za-z0-9_$]/;
/** CJK compounds that contain a marker but do not mark a document. */
const CJK_NOT_AFTER = new Map<string, string>([
	['机密', '性'],
	['秘密', '钥'],
]);
const CJK_NEGATIONS = ['非', '不'];

interface MarkerSpec {
	text: string;
	builtin: boolean;
	cjk: boolean;
}

/** Marker matching over the shared keyword prefilter. */
export class MarkersDetector implements ContentDetector {
	readonly family = 'markers' as const;
	readonly keywords: string[];
	private readonly specs: MarkerSpec[];

	constructor(orgMarkers: readonly string[] = []) {
		const seen = new Set<string>();
		this.specs = [];
		const add = (text: string, builtin: boolean): void => {
			const t = text.trim();
			const key = t.toLowerCase();
			if (t.length === 0 || seen.has(key)) {
				return;
			}
			seen.add(key);
			this.specs.push({ text: t, builtin, cjk: CJK.test(t) });
		};
		BUILTIN_MARKERS.forEach((m) => add(m, true));
		orgMarkers.forEach((m) => add(m, false));
		this.keywords = this.specs.map((s) => s.text);
	}

	detect(text: string, hits: readonly number[], report: (f: Finding) => void): void {
		let lastEnd = -1;
		for (let h = 0; h < hits.length; h += 2) {
			const spec = this.specs[hits[h] as number];
			const at = hits[h + 1] as number;
			if (!spec || at < lastEnd) {
				continue;
			}
			const end = at + spec.text.length;
			const found = text.slice(at, end);
			if (!(spec.cjk ? this.cjkOk(text, spec.text, at, end) : this.latinOk(text, spec, found, at, end))) {
				continue;
			}
			report({
				kind: 'marker',
				rule: `marker:${spec.text}`,
				message: MARKER_MESSAGE.replace('{0}', () => spec.text),
				start: at,
				end,
				preview: found,
			});
			lastEnd = end;
		}
	}

	private latinOk(text: string, spec: MarkerSpec, found: string, at: number, end: number): boolean {
		const before = at > 0 ? text.charAt(at - 1) : '';
		const after = text.charAt(end);
		const first = spec.text.charAt(0);
		const last = spec.text.charAt(spec.text.length - 1);
		if ((IDENT.test(first) && before !== '' && IDENT.test(before)) || (IDENT.test(last) && after !== '' && IDENT.test(after))) {
			return false;
		}
		if (spec.builtin && found !== found.toUpperCase() && !isTitleCase(found)) {
			return false;
		}
		// The whole of a string literal: a value in code, not a marking.
		if ((before === '"' || before === "'" || before === '`') && after === before) {
			return false;
		}
		return true;
	}

	private cjkOk(text: string, marker: string, at: number, end: number): boolean {
		const notAfter = CJK_NOT_AFTER.get(marker);
		if (notAfter !== undefined && text.startsWith(notAfter, end)) {
			return false;
		}
		const before = at > 0 ? text.charAt(at - 1) : '';
		return !CJK_NEGATIONS.includes(before);
	}
}

function isTitleCase(s: string): boolean {
	return s.split(/\s+/).every((w) => w.length > 0 && w.charAt(0) === w.charAt(0).toUpperCase() && w.slice(1) === w.slice(1).toLowerCase());
}
