/**
 * The secrets family: provider-specific rules and generic assignment rules, gated by the keyword prefilter,
 * run on the hit's line only, filtered by entropy, placeholders and (for generic rules) key-name and
 * reference heuristics. Overlapping findings keep the earlier (more specific) rule.
 */
import { maskSecret } from '../mask';
import { type LineIndex, shannonEntropy } from '../textIndex';
import { type ContentDetector, type Finding, HIT_RADIUS } from './finding';
import { isGenericPlaceholder, isPlaceholderValue, isReference } from './placeholders';
import { SECRET_RULES, type SecretRule } from './secretRules';
import { type Span, windowAround } from './window';

interface CompiledRule {
	rule: SecretRule;
	order: number;
	regex: RegExp;
	/** The same regex, sticky: tried only where a match can start (rules with a `lead`). */
	sticky: RegExp | undefined;
	lead: number;
	group: number;
	entropy: number;
}

/** Whether some keyword of a rule contains another one after its first character (hits could then come out of start order). */
function keywordsNest(keywords: readonly string[]): boolean {
	return keywords.some((a) => keywords.some((b) => a !== b && b.indexOf(a, 1) !== -1));
}

/** Key names that contain a secret word but name something that is not a secret. */
const NON_SECRET_KEY =
	/(?:^|[_.-])(?:id|ids|type|name|names|file|path|url|uri|length|len|field|header|prefix|suffix|expires?|expiry|expiration|ttl|count|env|policy|regex|pattern|hash|min|max|size|limit|label|hint|placeholder|format|mode|enabled|required|endpoint|dir|version|index|timeout|reset|param|key_name|keyname|location|store|provider|manager|service|class|kind|ref|source|selector|input|validation|strength|rules?|policy|lifetime|hint|mask)$|tokeniz|tokens$|public[_.-]?key|csrf|xsrf|keyword|monkey|passwordless|forgot|_at$/;
/** The same for camelCase key names: `tokenId`, `passwordField`, `secretName`. */
const NON_SECRET_CAMEL = /[a-z](?:Id|Ids|Type|Name|Url|Uri|Path|File|Length|Count|Field|Header|Prefix|Label|Hint|Placeholder|Format|Mode|Enabled|Required|Endpoint|Version|Index|Timeout|Policy|Pattern|Regex|Hash|Key(?:Name|Id))$/;

/** How many key-name verdicts `secretKeyName` remembers (then it starts over). */
const KEY_NAME_CACHE = 4096;

/** Compiled secret rules and their share of the prefilter keywords. */
export class SecretsDetector implements ContentDetector {
	readonly family = 'secrets' as const;
	readonly keywords: string[] = [];
	private readonly byKeyword: number[][] = [];
	private readonly rules: CompiledRule[];
	/** Per rule, the start of the last window it ran on in the current `detect` call (-1: none yet). */
	private readonly lastWindow: Int32Array;
	/** Per sticky rule, the first position of the current window not yet tried or matched over. */
	private readonly nextTry: Int32Array;
	/** Key names already judged by `secretKeyName` (the same few recur across a file and a tree). */
	private readonly keyNames = new Map<string, boolean>();
	/** The text of the current `detect` call (rules with `near` look around their match in it). */
	private text = '';

	/**
	 * `options.anchored: false` runs every rule across its whole window, ignoring `lead`: the reference the
	 * anchored attempts are tested against.
	 */
	constructor(rules: readonly SecretRule[] = SECRET_RULES, options: { anchored?: boolean } = {}) {
		this.rules = rules.map((rule, order) => {
			// Match indices (`d`) make a successful match 2-3 times dearer. The generic rules, which match often and
			// are mostly turned away, do without: their value's offsets follow from the match (see `valueSpan`).
			const base = rule.regex.flags.replace(/[dgy]/g, '');
			const flags = rule.generic ? base : `${base}d`;
			const anchored = options.anchored !== false && rule.lead !== undefined && !keywordsNest(rule.keywords);
			return {
				rule,
				order,
				regex: new RegExp(rule.regex.source, `${flags}g`),
				sticky: anchored ? new RegExp(rule.regex.source, `${flags}y`) : undefined,
				lead: rule.lead ?? 0,
				group: rule.group ?? 1,
				entropy: rule.entropy ?? (rule.generic ? 3.5 : 3),
			};
		});
		this.lastWindow = new Int32Array(this.rules.length);
		this.nextTry = new Int32Array(this.rules.length);
		const index = new Map<string, number>();
		this.rules.forEach((c, i) => {
			for (const k of c.rule.keywords) {
				let id = index.get(k);
				if (id === undefined) {
					id = this.keywords.length;
					index.set(k, id);
					this.keywords.push(k);
					this.byKeyword.push([]);
				}
				(this.byKeyword[id] as number[]).push(i);
			}
		});
	}

	/** How many rules there are. */
	get ruleCount(): number {
		return this.rules.length;
	}

	detect(text: string, hits: readonly number[], report: (f: Finding) => void, lines: LineIndex): void {
		if (hits.length === 0) {
			return;
		}
		this.text = text;
		// Each rule runs once per window (line) that holds one of its keywords. Hits come in text order, so
		// windows do too: remembering each rule's last window is enough. A rule with a `lead` is not run
		// across the window but tried, sticky, only at the few positions where a match can start; positions
		// already tried or inside a match are not tried again, so it finds what a scan of the window finds.
		const lastWindow = this.lastWindow;
		const nextTry = this.nextTry;
		lastWindow.fill(-1);
		const found: { f: Finding; order: number }[] = [];
		let span: Span = { start: -1, end: -1, full: true };
		let window: string | undefined;
		for (let h = 0; h < hits.length; h += 2) {
			const kw = hits[h] as number;
			const at = hits[h + 1] as number;
			const kwEnd = at + (this.keywords[kw]?.length ?? 0);
			// Hits come in text order: most fall in the window of the previous one (the same line).
			if (at < span.start || kwEnd > span.end || (!span.full && kwEnd + HIT_RADIUS / 2 > span.end)) {
				span = windowAround(lines, at, kwEnd);
				window = undefined;
			}
			for (const ri of this.byKeyword[kw] ?? []) {
				const c = this.rules[ri] as CompiledRule;
				const first = lastWindow[ri] !== span.start;
				if (first) {
					lastWindow[ri] = span.start;
					nextTry[ri] = span.start;
				}
				window ??= text.slice(span.start, span.end);
				if (c.sticky) {
					nextTry[ri] = this.tryAt(c, window, span.start, Math.max(nextTry[ri] as number, at - c.lead), at, found);
				} else if (first) {
					this.runRule(c, window, span.start, found);
				}
			}
		}
		if (found.length === 0) {
			return;
		}
		// Overlaps: the earlier rule (provider before generic) wins.
		found.sort((a, b) => a.order - b.order || a.f.start - b.f.start);
		const kept: Finding[] = [];
		for (const { f } of found) {
			if (!kept.some((k) => k.start < f.end && f.start < k.end)) {
				kept.push(f);
			}
		}
		kept.sort((a, b) => a.start - b.start);
		for (const f of kept) {
			report(f);
		}
	}

	/** Runs a rule across a whole window (`ws`: where the window starts in the text). */
	private runRule(c: CompiledRule, w: string, ws: number, out: { f: Finding; order: number }[]): void {
		const re = c.regex;
		re.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(w)) !== null) {
			if (m[0].length === 0) {
				re.lastIndex++;
				continue;
			}
			this.consider(c, w, ws, m, out);
		}
	}

	/**
	 * Tries a sticky rule at each text position from `from` to `to` (inclusive) until one matches; returns the
	 * first position left to try: after the match (a window scan resumes there too), or after `to`.
	 */
	private tryAt(c: CompiledRule, w: string, ws: number, from: number, to: number, out: { f: Finding; order: number }[]): number {
		const re = c.sticky as RegExp;
		for (let p = Math.max(from, ws); p <= to; p++) {
			re.lastIndex = p - ws;
			const m = re.exec(w);
			if (m !== null && m[0].length > 0) {
				this.consider(c, w, ws, m, out);
				return p + m[0].length;
			}
		}
		return Math.max(from, to + 1);
	}

	private consider(c: CompiledRule, w: string, ws: number, m: RegExpExecArray, out: { f: Finding; order: number }[]): void {
		const value = m[c.group];
		if (value === undefined || !this.accept(c, value, w, m)) {
			return;
		}
		const near = c.rule.near;
		if (near) {
			const at = ws + m.index;
			const around = this.text.slice(Math.max(0, at - near.radius), Math.min(this.text.length, at + m[0].length + near.radius));
			if (!near.regex.test(around)) {
				return;
			}
		}
		const span = c.rule.generic ? valueSpan(m) : m.indices?.[c.group];
		if (span === undefined) {
			return;
		}
		out.push({
			order: c.order,
			f: {
				kind: 'secret',
				rule: c.rule.id,
				message: c.rule.description,
				start: ws + span[0],
				end: ws + span[1],
				preview: maskSecret(value),
			},
		});
	}

	/** Whether a match is a secret: every filter must pass (the cheap, most often failing ones first). */
	private accept(c: CompiledRule, value: string, window: string, m: RegExpExecArray): boolean {
		if (c.rule.generic) {
			if (!this.secretKeyName(window, m) || isGenericPlaceholder(value) || !literalBySyntax(window, m, value)) {
				return false;
			}
		}
		if (c.entropy > 0 && shannonEntropy(value) < adjustedThreshold(c, value)) {
			return false;
		}
		if (c.rule.validate && !c.rule.validate(value)) {
			return false;
		}
		if (c.rule.check && !c.rule.check(value, m)) {
			return false;
		}
		if (!c.rule.generic) {
			// Rules without an entropy floor (passwords in URLs) take the generic stopwords too.
			return c.entropy > 0 ? !isPlaceholderValue(value) : !isGenericPlaceholder(value);
		}
		return true;
	}

	/** Whether a generic match's whole key name (walked back from the keyword over identifier characters) names a secret. */
	private secretKeyName(window: string, m: RegExpExecArray): boolean {
		let ks = m.index;
		while (ks > 0 && isKeyChar(window.charCodeAt(ks - 1))) {
			ks--;
		}
		const keyEnd = keyNameEnd(window, m.index);
		const key = window.slice(ks, keyEnd);
		// The keyword's place in the key name: where it starts, and how long it is (the key ends with group 1).
		const kwAt = m.index - ks;
		const kwLen = keyEnd - m.index - (m[1]?.length ?? 0);
		const cacheKey = `${kwAt}:${kwLen}:${key}`;
		let verdict = this.keyNames.get(cacheKey);
		if (verdict === undefined) {
			verdict = !NON_SECRET_KEY.test(key.toLowerCase()) && !NON_SECRET_CAMEL.test(key) && keywordIsWord(key, kwAt, kwLen);
			if (this.keyNames.size >= KEY_NAME_CACHE) {
				this.keyNames.clear();
			}
			this.keyNames.set(cacheKey, verdict);
		}
		return verdict;
	}
}

/** Keywords that are words only on their own in a key name (`pass` in `DB_PASS`, not in `compass` or `passthrough`). */
const SHORT_KEYWORD = /^(?:pass|pswd|pwd|pw|auth)$/i;

/**
 * Whether the keyword at `[at, at + len)` of a key name stands as a word of it. Long keywords (`password`,
 * `secret`, `token`…) count anywhere (`dbpassword`, `apitoken`). Short ones need a boundary on both sides: the
 * key's start or end, a separator (`_`, `.`, `-`), a digit, a camelCase step (`smtpPass`, `passHash`), or a key
 * written all in capitals (`MYSQLPASS`, `MYSQL_PWD`).
 */
export function keywordIsWord(key: string, at: number, len: number): boolean {
	const kw = key.slice(at, at + len);
	if (!SHORT_KEYWORD.test(kw)) {
		return true;
	}
	const before = key.charAt(at - 1);
	const after = key.charAt(at + len);
	const upper = kw === kw.toUpperCase();
	const isLower = (ch: string): boolean => ch >= 'a' && ch <= 'z';
	const isUpperCh = (ch: string): boolean => ch >= 'A' && ch <= 'Z';
	const allCaps = key === key.toUpperCase();
	const startOk = before === '' || !/[A-Za-z]/.test(before) || (isLower(before) && isUpperCh(kw.charAt(0))) || (allCaps && upper);
	const endOk = after === '' || !/[A-Za-z]/.test(after) || (!upper && isUpperCh(after));
	return startOk && endOk;
}

/** Type names that follow a key in declarations (`password: string`, `token: Optional[str]`), never values. */
const TYPE_WORDS = /^(?:string|str|number|int|integer|bool|boolean|bytes|any|object|char|varchar|text|secretstr|securestring|optional|none|null|nil|undefined)$/i;

/**
 * Whether a generic value is a literal rather than a reference, decided by the syntax around it:
 * - quoted (`"v"`, `'v'`): a literal, whatever words it is made of (a dictionary word in a quoted password is
 *   still a password), unless it names something: an environment variable (`"DB_PASSWORD"`), a path or a URL;
 * - unquoted, in a configuration shape (`KEY=v` with no blank before `=`, YAML `key: v`, `<k>v</k>`) and running
 *   to the end of the line (or a comment): a literal, unless it is a lookup or a call (`os.environ[...]`,
 *   `env(X)`, `process.env.X`), a template or a type name;
 * - unquoted in code (`password = userPassword`): a reference when it is an identifier, a property access, a
 *   call or an index (`isReference`), or when more of an expression follows it on the line.
 * A comma is an assignment only between a quoted key and a quoted value (`define('DB_PASSWORD', 'v')`).
 */
export function literalBySyntax(window: string, m: RegExpExecArray, value: string): boolean {
	const quote = m[2] ?? '';
	const valueEnd = m.index + m[0].length - quote.length;
	const valueStart = valueEnd - value.length;
	const keyEnd = keyNameEnd(window, m.index);
	const op = window.slice(keyEnd, valueStart - quote.length);
	if (op.includes(',') && (quote === '' || !/["']/.test(op) || !callArgumentKey(window, m.index))) {
		return false;
	}
	const rest = window.slice(valueEnd);
	// `>` assigns only in an element: `<Password>v</Password>`, not `Foo<T> extends Bar`.
	if (op.trim() === '>' && !rest.startsWith('<')) {
		return false;
	}
	if (TYPE_WORDS.test(value)) {
		return false;
	}
	if (quote !== '') {
		return !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && !QUOTED_REFERENCE.test(value);
	}
	const configShape = (/^\s*(?::|=|>)\s*$/.test(op) && !/^\s+=/.test(op) && (/^[ \t]*(?:$|#|\/\/|<\/)/.test(rest) || op.trim() === '>'));
	if (configShape) {
		return !CONFIG_REFERENCE.test(value);
	}
	// Code: more expression after the value (`$token = Get-Token @params`, `pass = a + b`) is not a literal.
	if (/^[ \t]+[^\s#;,)\]}]/.test(rest) && !/^[ \t]+\/\//.test(rest)) {
		return false;
	}
	// Identifiers: `JsonWebTokenTypes$1` (a bundler's rename), `SIGN_IN_V2_SUBMIT_PASSWORD` (a constant).
	return !isReference(value) && !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Za-z_$][\w]*\$[\w$]*$/.test(value);
}

/** Whether the key at `at` is the first argument of a call, quoted: `define('K', …)`, `setProperty("K", …)`. */
function callArgumentKey(window: string, at: number): boolean {
	let ks = at;
	while (ks > 0 && isKeyChar(window.charCodeAt(ks - 1))) {
		ks--;
	}
	return /\([ \t]*["']$/.test(window.slice(Math.max(0, ks - 8), ks));
}

/** Quoted values that name rather than hold: paths (with a separator), URLs, dotted names (`Errors.PASSWORD_TOO_LONG`). */
const QUOTED_REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|:\/\/|^(?=[./~]|[A-Za-z]:\\)[^]*[/\\]|^(?:[\w@.-]+\/)+[\w@-]+\.[A-Za-z0-9]{1,6}$/;
/** Unquoted configuration values that are lookups: calls, indexes, dotted paths, `$VAR`, `!tag`, `*alias`, `&anchor`. */
const CONFIG_REFERENCE = /[()[\]]|^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$|^[$!*&%@{=<>|]|:\/\/|^(?=[./~]|[A-Za-z]:\\)[^]*[/\\]/;

/**
 * Where a generic rule's value (group 3) lies in the match's window: the match ends with the value, then the
 * closing quote (group 2, the same as the opening one), then only lookaheads.
 */
export function valueSpan(m: RegExpExecArray): [number, number] | undefined {
	const value = m[3];
	if (value === undefined) {
		return undefined;
	}
	const end = m.index + m[0].length - (m[2]?.length ?? 0);
	return [end - value.length, end];
}

/**
 * Where a generic match's key name ends (its group 1's end): the keyword and group 1 are key characters, and
 * what follows them in a match (a quote, a blank, the assignment) is not.
 */
export function keyNameEnd(window: string, matchStart: number): number {
	let end = matchStart;
	while (end < window.length && isKeyChar(window.charCodeAt(end))) {
		end++;
	}
	return end;
}

/** `[A-Za-z0-9_.-]`: the characters of a key name. */
function isKeyChar(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** Generic rules scale the entropy threshold with the value's length (short values cannot reach 3.5 bits). */
function adjustedThreshold(c: CompiledRule, value: string): number {
	if (!c.rule.generic) {
		return c.entropy;
	}
	return Math.min(c.entropy, Math.log2(value.length) - 0.7);
}

/** The number of built-in secret rules, and how many of them are provider-specific. */
export function secretRuleCounts(): { total: number; provider: number } {
	const provider = SECRET_RULES.filter((r) => !r.generic).length;
	return { total: SECRET_RULES.length, provider };
}
