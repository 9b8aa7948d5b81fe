/**
 * Allow-lists that keep secret detection quiet on values that are not secrets: templating, placeholders,
 * documentation examples, runs of one character and sequences. Checked on the captured value only.
 */

/** Templating and indirection: `${VAR}`, `{{ var }}`, `<your-key>`, `%VAR%`, `$VAR`, `#{x}`, `${{ secrets.X }}`. */
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|<[^<>]{1,80}>|%[A-Za-z_][A-Za-z0-9_]*%|^\$[A-Za-z_{(]|#\{[^}]*\}|%\([A-Za-z_]+\)s|^\{[A-Za-z_][A-Za-z0-9_.]*\}$/;

/** Words that mark a value as an example in any rule (provider tokens included). */
const PLACEHOLDER_WORDS =
	/example|placeholder|change[_-]?me|changeit|dummy|fake|sample|redacted|your[_-]|insert[_-]?|replace[_-]?me|lorem|ipsum|not[_-]?a[_-]?real|notreal|foobar|deadbeef|xxxx|\*\*\*|\.\.\./i;

/** Extra stopwords for generic (assignment) rules, where a value is only a guess. */
const GENERIC_STOPWORDS =
	/test|demo|passw(?:or)?d|secret|token|admin|default|null|none|undefined|true|false|string|qwerty|letmein|hunter2|foo|bar|baz|todo|tbd|empty|hidden|mask|required|optional|value|generated|enter|mypass|localhost/i;

/**
 * Whole values that are never credentials: demo passwords too short for the stopwords (`pass`, `pw`), one or
 * two characters (`https://a:b@host`), and the Fetch API's credentials modes (`credentials: "same-origin"`).
 */
const GENERIC_VALUES = /^(?:pass|pw|pwd|pword|.{1,2}|same-origin|use-credentials|include|omit)$/i;

/** Letters outside ASCII: translated prose (`"Unexpected_token": "予期しないトークンです。"`), not a key. */
const NON_ASCII_LETTER = /[^\x00-\x7f]/;

/** A run of five or more identical characters: `xxxxx`, `00000`, `*****`. */
const RUN = /(.)\1{4,}/;

/** Six or more consecutive ascending or descending characters: `abcdef`, `123456`, `987654`. */
function hasSequence(value: string, min = 6): boolean {
	let up = 1;
	let down = 1;
	for (let i = 1; i < value.length; i++) {
		const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
		up = d === 1 ? up + 1 : 1;
		down = d === -1 ? down + 1 : 1;
		if (up >= min || down >= min) {
			return true;
		}
	}
	return false;
}

/** Whether a captured provider-token value is a placeholder or an example rather than a live credential. */
export function isPlaceholderValue(value: string): boolean {
	return TEMPLATE.test(value) || PLACEHOLDER_WORDS.test(value) || RUN.test(value) || hasSequence(value);
}

/** Whether a value captured by a generic assignment rule is a placeholder, a stopword or a sequence. */
export function isGenericPlaceholder(value: string): boolean {
	return isPlaceholderValue(value) || GENERIC_STOPWORDS.test(value) || GENERIC_VALUES.test(value) || NON_ASCII_LETTER.test(value);
}

/**
 * What makes a value a reference (any one of these):
 * - an identifier or a word: `userPassword`, `DB_PASSWORD`, `string`;
 * - a type or class name: `SignUpAttributeV2`, `CustomAuthResult`;
 * - a property access: `config.password`, `process.env.TOKEN`, `ENV['X']`;
 * - a call or an index (a bracket or parenthesis anywhere), or a URL (`://`);
 * - an operator, an annotation or an object literal at the start, not a value;
 * - a path: it starts with `.`, `/`, `~` or a drive (`C:\`) and holds a `/` or `\`.
 * One expression rather than one each: `isReference` runs on most generic matches, and each test has a cost.
 */
const REFERENCE =
	/^(?:[A-Za-z_]+|(?:[A-Z][a-z]+){2,}(?:V?[0-9]{1,2})?|[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\[[^\]]*\])+)$|[()[\]]|:\/\/|^[=!<>@%&|{]|^(?=[./~]|[A-Za-z]:\\)[^]*[/\\]/;

/**
 * Whether a value assigned to a secret-looking key is a reference rather than a literal: an identifier,
 * a property access, a call, an environment lookup, a path or a URL (`REFERENCE`).
 */
export function isReference(value: string): boolean {
	// Code embedded in a JSON string (source maps, bundles): what precedes an escaped line break is the value.
	if (value.indexOf('\\') !== -1) {
		const escaped = /\\[nrt]/.exec(value);
		if (escaped && escaped.index > 0) {
			return isReference(value.slice(0, escaped.index));
		}
	}
	return REFERENCE.test(value);
}
