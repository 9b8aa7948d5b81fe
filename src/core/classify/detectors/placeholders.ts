/**
 * Allow-lists that keep secret detection quiet on values that are not secrets: templating, placeholders,
 * documentation examples, runs of one character and sequences. Checked on the captured value only.
 */

/** Templating and indirection: `${VAR}`, `{{ var }}`, `<your-key>`, `%VAR%`, `$VAR`, `#{x}`, `${{ secrets.X }}`. */
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|<[^<>]{1,80}>|%[A-Za-z_][A-Za-z0-9_]*%|^\$[A-Za-z_{(]|#\{[^}]*\}|%\([A-Za-z_]+\)s|^\{[A-Za-z_][A-Za-z0-9_.]*\}$/;

/** Words that mark a value as an example in any rule (provider tokens included). */
const PLACEHOLDER_WORDS =
	/example|placeholder|change[_-]?me|changeit|dummy|fake|sample|redacted|your[_-]|insert[_-]?|replace[_-]?me|lorem|ipsum|not[_-]?a[_-]?real|notreal|foobar|deadbeef|xxxx|\*\*\*|\.\.\./i;

/**
 * Stopwords for generic (assignment) rules, where a value is only a guess. A value made only of them, digits
 * and punctuation (`password123`, `admin_secret`, `test-token!`, `foobar`) is a placeholder; a value that
 * merely contains one (`Adminpass#2023`, `Tokyo-Secretariat-9`) is not: a word inside a password does not make
 * it an example.
 */
const GENERIC_STOPWORDS =
	/test|demo|passw(?:or)?d|pass|pwd|secret|token|admin|root|user|default|null|none|nil|undefined|true|false|string|qwerty|letmein|hunter|foo|bar|baz|qux|todo|tbd|empty|hidden|mask|masked|required|optional|value|generated|enter|mypass|my|localhost|key|api|app|auth|sec|abc|xyz|welcome|guest|dev|local|prod|db|config|here|new|old|pw|env|x/gi;
/** What is left of a value once stopwords, digits and punctuation are taken out must have a letter in it. */
const STOPWORD_RESIDUE = /[A-Za-z]/;

/**
 * Whole values that are never credentials: demo passwords too short for the stopwords (`pass`, `pw`), one or
 * two characters (`https://a:b@host`), the Fetch API's credentials modes (`credentials: "same-origin"`) and hex
 * number literals (`pass_mask = 0x31c45018`).
 */
const GENERIC_VALUES = /^(?:pass|pw|pwd|pword|.{1,2}|same-origin|use-credentials|include|omit|0x[0-9a-f]+)$/i;

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
	return isPlaceholderValue(value) || onlyStopwords(value) || GENERIC_VALUES.test(value) || NON_ASCII_LETTER.test(value) || namesASecret(value);
}

/**
 * A value of letters only that names a credential (`passwordReset`, `invalidUserNameOrPassword`, `clientSecret`,
 * `access-token`, `msal:acquireTokenStart`) is an identifier or a label, not the credential: a real password made of words rarely
 * contains the word for password.
 */
export function namesASecret(value: string): boolean {
	return /^[A-Za-z_:.-]+(?:V?[0-9]{1,2})?$/.test(value) && /passw|secret|token|apikey|api_key|credential|auth|pwd/i.test(value);
}

/** Whether a value is nothing but stopwords, digits and punctuation (see `GENERIC_STOPWORDS`). */
export function onlyStopwords(value: string): boolean {
	return !STOPWORD_RESIDUE.test(value.replace(GENERIC_STOPWORDS, ''));
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
