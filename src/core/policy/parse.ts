/**
 * JSONC parsing of policy files with located diagnostics: every syntax or schema problem is reported at the line
 * and column of the offending node, with its JSON path. Nothing here throws, whatever the input.
 */
import { createScanner, type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { type OrgPolicyFile, OrgPolicyFileSchema, type PolicyLayer, PolicyLayerSchema } from './schema';

/** One problem in a policy file, located. `line` and `column` are 1-based; 0 when there is no text location. */
export interface PolicyDiagnostic {
	file: string;
	line: number;
	column: number;
	/** JSON path like `assistants.block[2]`; empty for the whole document. */
	path: string;
	message: string;
	severity: 'error' | 'warning';
}

export type ParseResult<T> =
	| { ok: true; value: T; diagnostics: PolicyDiagnostic[] }
	| { ok: false; diagnostics: PolicyDiagnostic[] };

/** Policy files larger than this are refused unread: no real policy comes near it. */
export const MAX_POLICY_CHARS = 2 * 1024 * 1024;
/** Deeper nesting than this is refused: a policy is at most five levels deep. */
export const MAX_POLICY_DEPTH = 32;

type Segment = string | number;

/** Formats a diagnostic as `policy.json:14:7 assistants.block[2]: expected string`. */
export function formatDiagnostic(d: PolicyDiagnostic): string {
	const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
	const prefix = d.severity === 'warning' ? 'warning: ' : '';
	return d.path ? `${where} ${d.path}: ${prefix}${d.message}` : `${where}: ${prefix}${d.message}`;
}

/** Formats a diagnostic the way compilers do, `file:line:col: path: message`, for terminals and problem matchers. */
export function formatDiagnosticGnu(d: PolicyDiagnostic): string {
	const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
	const prefix = d.severity === 'warning' ? 'warning: ' : '';
	return d.path ? `${where}: ${d.path}: ${prefix}${d.message}` : `${where}: ${prefix}${d.message}`;
}

/** A JSON path as text: `content.detectors.pii.kinds[0]`, `["odd key"]` for keys that are not identifiers. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const seg of path) {
		if (typeof seg === 'number') {
			out += `[${seg}]`;
		} else {
			const key = String(seg);
			if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
				out += out ? `.${key}` : key;
			} else {
				out += `[${JSON.stringify(key)}]`;
			}
		}
	}
	return out;
}

/** Line starts of a text, to turn offsets into 1-based line and column. */
class LineMap {
	private readonly starts: number[] = [0];
	constructor(text: string) {
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) {
				this.starts.push(i + 1);
			} else if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) {
					i++;
				}
				this.starts.push(i + 1);
			}
		}
	}
	position(offset: number): { line: number; column: number } {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.starts[mid] ?? 0) <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
	}
}

/** A parsed JSONC document: its value, its tree for locating nodes, and its syntax diagnostics. */
export interface JsoncDocument {
	file: string;
	/** The text without a leading byte order mark; offsets refer to it. */
	text: string;
	tree: Node | undefined;
	value: unknown;
	/** Syntax errors (and duplicate-key warnings). */
	diagnostics: PolicyDiagnostic[];
	/** False when the text has a syntax error: `value` is then a best-effort recovery. */
	syntaxOk: boolean;
	/** The 1-based line and column of an offset. */
	position(offset: number): { line: number; column: number };
}

const SYNTAX_MESSAGES: Record<string, string> = {
	InvalidSymbol: 'unexpected character',
	InvalidNumberFormat: 'invalid number',
	PropertyNameExpected: 'expected a property name in double quotes',
	ValueExpected: 'expected a value',
	ColonExpected: "expected ':'",
	CommaExpected: "expected ','",
	CloseBraceExpected: "expected '}'",
	CloseBracketExpected: "expected ']'",
	EndOfFileExpected: 'expected the end of the document',
	InvalidCommentToken: 'invalid comment',
	UnexpectedEndOfComment: 'unterminated comment',
	UnexpectedEndOfString: 'unterminated string',
	UnexpectedEndOfNumber: 'unterminated number',
	InvalidUnicode: 'invalid unicode escape',
	InvalidEscapeCharacter: 'invalid escape character',
	InvalidCharacter: 'invalid character in a string',
};

/** The offset at which bracket nesting first exceeds `max`, or -1. Iterative: safe on any input. */
function excessiveNesting(text: string, max: number): number {
	const scanner = createScanner(text, true);
	let depth = 0;
	for (;;) {
		const token = scanner.scan();
		// SyntaxKind: 1 `{`, 2 `}`, 3 `[`, 4 `]`, 17 EOF (a const enum, not importable under isolatedModules).
		if (token === 17) {
			return -1;
		}
		if (token === 1 || token === 3) {
			depth++;
			if (depth > max) {
				return scanner.getTokenOffset();
			}
		} else if (token === 2 || token === 4) {
			depth = Math.max(0, depth - 1);
		}
	}
}

/** The plain value of a tree node; keys become own properties, `__proto__` included. */
function nodeValue(node: Node): unknown {
	switch (node.type) {
		case 'object': {
			const obj: Record<string, unknown> = {};
			for (const prop of node.children ?? []) {
				const key = prop.children?.[0];
				const valueNode = prop.children?.[1];
				if (key && typeof key.value === 'string' && valueNode) {
					Object.defineProperty(obj, key.value, {
						value: nodeValue(valueNode),
						enumerable: true,
						writable: true,
						configurable: true,
					});
				}
			}
			return obj;
		}
		case 'array':
			return (node.children ?? []).map(nodeValue);
		case 'string':
		case 'number':
		case 'boolean':
		case 'null':
			return node.value as unknown;
		default:
			return undefined;
	}
}

/** Warnings for keys given twice in one object (the last one wins, as in JSON.parse). */
function duplicateKeys(node: Node, path: Segment[], out: { node: Node; path: Segment[]; key: string }[]): void {
	if (node.type === 'object') {
		const seen = new Set<string>();
		for (const prop of node.children ?? []) {
			const key = prop.children?.[0];
			const valueNode = prop.children?.[1];
			if (!key || typeof key.value !== 'string') {
				continue;
			}
			if (seen.has(key.value)) {
				out.push({ node: key, path: [...path, key.value], key: key.value });
			}
			seen.add(key.value);
			if (valueNode) {
				duplicateKeys(valueNode, [...path, key.value], out);
			}
		}
	} else if (node.type === 'array') {
		(node.children ?? []).forEach((child, i) => duplicateKeys(child, [...path, i], out));
	}
}

/** Parses JSONC (comments and trailing commas allowed) into a value and a tree, with located syntax errors. */
export function parseJsonc(rawText: string, file: string): JsoncDocument {
	const text = typeof rawText === 'string' ? (rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText) : '';
	const lines = new LineMap(text.length > MAX_POLICY_CHARS ? '' : text);
	const position = (offset: number): { line: number; column: number } => lines.position(offset);
	const doc: JsoncDocument = { file, text, tree: undefined, value: undefined, diagnostics: [], syntaxOk: false, position };
	const at = (offset: number, message: string, path: Segment[] = [], severity: PolicyDiagnostic['severity'] = 'error'): PolicyDiagnostic => ({
		file,
		...position(offset),
		path: formatJsonPath(path),
		message,
		severity,
	});
	if (text.length > MAX_POLICY_CHARS) {
		doc.diagnostics.push({ file, line: 1, column: 1, path: '', message: `the file is too large for a policy (${text.length} characters, at most ${MAX_POLICY_CHARS})`, severity: 'error' });
		return doc;
	}
	try {
		const deep = excessiveNesting(text, MAX_POLICY_DEPTH);
		if (deep >= 0) {
			doc.diagnostics.push(at(deep, `nesting deeper than ${MAX_POLICY_DEPTH} levels`));
			return doc;
		}
		const errors: ParseError[] = [];
		const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
		for (const e of errors) {
			const name = printParseErrorCode(e.error);
			doc.diagnostics.push(at(e.offset, SYNTAX_MESSAGES[name] ?? 'syntax error'));
		}
		if (errors.length === 0 && !tree) {
			doc.diagnostics.push(at(0, 'the document is empty'));
		}
		doc.tree = tree;
		doc.value = tree ? nodeValue(tree) : undefined;
		doc.syntaxOk = doc.diagnostics.length === 0;
		if (tree) {
			const dups: { node: Node; path: Segment[]; key: string }[] = [];
			duplicateKeys(tree, [], dups);
			for (const d of dups) {
				doc.diagnostics.push(at(d.node.offset, `duplicate key '${d.key}': the last one wins`, d.path, 'warning'));
			}
		}
	} catch (err) {
		doc.diagnostics.push({ file, line: 1, column: 1, path: '', message: `cannot parse: ${err instanceof Error ? err.message : String(err)}`, severity: 'error' });
		doc.syntaxOk = false;
	}
	return doc;
}

/** The node at a path, walking only existing children (no throwing on odd trees). */
function nodeAt(root: Node | undefined, path: readonly PropertyKey[]): Node | undefined {
	let node = root;
	for (const seg of path) {
		if (!node) {
			return undefined;
		}
		if (node.type === 'object' && typeof seg === 'string') {
			let found: Node | undefined;
			for (const prop of node.children ?? []) {
				if (prop.children?.[0]?.value === seg) {
					found = prop.children[1];
				}
			}
			node = found;
		} else if (node.type === 'array' && typeof seg === 'number') {
			node = node.children?.[seg];
		} else {
			return undefined;
		}
	}
	return node;
}

/** The key node of property `key` in the object at `path`. */
function keyNodeAt(root: Node | undefined, path: readonly PropertyKey[], key: string): Node | undefined {
	const obj = nodeAt(root, path);
	let found: Node | undefined;
	for (const prop of obj?.type === 'object' ? (obj.children ?? []) : []) {
		if (prop.children?.[0]?.value === key) {
			found = prop.children[0];
		}
	}
	return found;
}

/** The schema expected at a path, for listing known keys; undefined when it cannot be told. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
	let s: z.ZodType | undefined = unwrap(schema);
	for (const seg of path) {
		if (!s) {
			return undefined;
		}
		if (s instanceof z.ZodObject && typeof seg === 'string') {
			const shape = s.shape as Record<string, z.ZodType>;
			s = Object.prototype.hasOwnProperty.call(shape, seg) ? unwrap(shape[seg]) : undefined;
		} else if (s instanceof z.ZodArray && typeof seg === 'number') {
			s = unwrap(s.element as z.ZodType);
		} else {
			return undefined;
		}
	}
	return s;
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
	let cur = s;
	while (cur instanceof z.ZodOptional) {
		cur = cur.unwrap() as z.ZodType;
	}
	return cur;
}

/** The keys an object schema accepts. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
	const s = schemaAt(schema, path);
	return s instanceof z.ZodObject ? Object.keys(s.shape as Record<string, unknown>) : [];
}

function editDistance(a: string, b: string): number {
	if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) {
		return 99;
	}
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
		}
		prev = cur;
	}
	return prev[b.length] ?? 99;
}

/** The closest candidate to a misspelt word, if one is close enough. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
	const lower = word.toLowerCase();
	let best: string | undefined;
	let bestScore = Infinity;
	for (const c of candidates) {
		const cl = c.toLowerCase();
		const score = cl === lower ? 0 : editDistance(lower, cl);
		if (score < bestScore) {
			best = c;
			bestScore = score;
		}
	}
	const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
	return best !== undefined && bestScore <= limit ? best : undefined;
}

function describeValue(v: unknown): string {
	if (v === null) {
		return 'null';
	}
	if (Array.isArray(v)) {
		return 'an array';
	}
	if (typeof v === 'object') {
		return 'an object';
	}
	if (typeof v === 'string') {
		return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
	}
	return typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v;
}

const TYPE_NAMES: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	int: 'an integer',
	boolean: 'true or false',
	array: 'an array',
	object: 'an object',
};

/** A friendly message for one zod issue. */
function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
	switch (issue.code) {
		case 'invalid_type':
			return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(input)}`;
		case 'invalid_value': {
			const values = issue.values.map((v) => JSON.stringify(v));
			const hint = typeof input === 'string' ? didYouMean(input, issue.values.map(String)) : undefined;
			const base =
				values.length === 1
					? `expected ${values[0] ?? ''}, got ${describeValue(input)}`
					: `expected one of ${values.join(', ')}, got ${describeValue(input)}`;
			return hint !== undefined ? `${base} (did you mean '${hint}'?)` : base;
		}
		case 'too_small':
			if (issue.origin === 'array') {
				return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
			}
			if (issue.origin === 'string') {
				return Number(issue.minimum) === 1 ? 'must not be empty' : `expected at least ${issue.minimum} characters`;
			}
			return `expected a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, got ${describeValue(input)}`;
		case 'too_big':
			if (issue.origin === 'string') {
				return `expected at most ${issue.maximum} characters`;
			}
			if (issue.origin === 'array') {
				return `expected at most ${issue.maximum} items`;
			}
			return `expected a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, got ${describeValue(input)}`;
		case 'invalid_format':
			if (issue.format === 'date') {
				return `expected a date YYYY-MM-DD, got ${describeValue(input)}`;
			}
			return issue.format === 'regex' && !issue.message.startsWith('Invalid') ? issue.message : `invalid ${issue.format}: ${describeValue(input)}`;
		default:
			return issue.message;
	}
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
	let cur = value;
	for (const seg of path) {
		if (cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg)) {
			cur = (cur as Record<PropertyKey, unknown>)[seg];
		} else {
			return undefined;
		}
	}
	return cur;
}

function hasOwnPath(value: unknown, path: readonly PropertyKey[]): boolean {
	let cur = value;
	for (const seg of path) {
		if (cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg)) {
			cur = (cur as Record<PropertyKey, unknown>)[seg];
		} else {
			return false;
		}
	}
	return true;
}

/**
 * Located diagnostics for the zod issues of a value. Unknown keys are reported at the key, missing keys at the
 * object that lacks them, everything else at the offending value. Without a document, positions are 0.
 */
export function issueDiagnostics(
	issues: readonly z.core.$ZodIssue[],
	value: unknown,
	schema: z.ZodType,
	file: string,
	doc?: JsoncDocument,
): PolicyDiagnostic[] {
	const out: PolicyDiagnostic[] = [];
	const locate = (node: Node | undefined): { line: number; column: number } =>
		doc ? doc.position(node?.offset ?? doc.tree?.offset ?? 0) : { line: 0, column: 0 };
	for (const issue of issues) {
		const path = issue.path;
		if (issue.code === 'unrecognized_keys') {
			const known = knownKeys(schema, path);
			for (const key of issue.keys) {
				const hint = didYouMean(key, known);
				out.push({
					file,
					...locate(keyNodeAt(doc?.tree, path, key) ?? nodeAt(doc?.tree, path)),
					path: formatJsonPath([...path, key]),
					message: hint ? `unknown key '${key}' (did you mean '${hint}'?)` : `unknown key '${key}'`,
					severity: 'error',
				});
			}
			continue;
		}
		const present = hasOwnPath(value, path);
		if (!present && path.length > 0 && hasOwnPath(value, path.slice(0, -1))) {
			const parent = path.slice(0, -1);
			out.push({
				file,
				...locate(nodeAt(doc?.tree, parent)),
				path: formatJsonPath(path),
				message: `missing required key '${String(path[path.length - 1])}'`,
				severity: 'error',
			});
			continue;
		}
		out.push({
			file,
			...locate(nodeAt(doc?.tree, path)),
			path: formatJsonPath(path),
			message: issueMessage(issue, valueAt(value, path)),
			severity: 'error',
		});
	}
	return out;
}

function sortDiagnostics(ds: PolicyDiagnostic[]): PolicyDiagnostic[] {
	return ds.sort((a, b) => a.line - b.line || a.column - b.column);
}

function parseWith<T>(text: string, file: string, schema: z.ZodType<T>, what: string): ParseResult<T> {
	try {
		const doc = parseJsonc(text, file);
		if (!doc.syntaxOk) {
			return { ok: false, diagnostics: sortDiagnostics(doc.diagnostics) };
		}
		const warnings = doc.diagnostics;
		if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
			const at = doc.position(doc.tree?.offset ?? 0);
			return {
				ok: false,
				diagnostics: [...warnings, { file, ...at, path: '', message: `${what} must be a JSON object, got ${describeValue(doc.value)}`, severity: 'error' }],
			};
		}
		const result = schema.safeParse(doc.value);
		if (result.success) {
			return { ok: true, value: result.data, diagnostics: warnings };
		}
		return { ok: false, diagnostics: sortDiagnostics([...warnings, ...issueDiagnostics(result.error.issues, doc.value, schema, file, doc)]) };
	} catch (err) {
		return {
			ok: false,
			diagnostics: [{ file, line: 1, column: 1, path: '', message: `cannot validate: ${err instanceof Error ? err.message : String(err)}`, severity: 'error' }],
		};
	}
}

/** Decides whether a text is a valid org policy file; every problem is located. Never throws. */
export function parseOrgPolicy(text: string, file: string): ParseResult<OrgPolicyFile> {
	return parseWith(text, file, OrgPolicyFileSchema, 'an org policy');
}

/** Decides whether a text is a valid workspace policy layer (strictly: any problem makes it invalid). Never throws. */
export function parsePolicyLayer(text: string, file: string): ParseResult<PolicyLayer> {
	return parseWith(text, file, PolicyLayerSchema, 'a policy layer');
}

/** Removes the value at a path from a (cloned) value: array elements are spliced out, keys deleted. */
function removeAt(root: unknown, path: readonly PropertyKey[]): boolean {
	if (path.length === 0) {
		return false;
	}
	const parent = valueAt(root, path.slice(0, -1));
	const last = path[path.length - 1];
	if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) {
		parent.splice(last, 1);
		return true;
	}
	if (parent !== null && typeof parent === 'object' && last !== undefined && Object.prototype.hasOwnProperty.call(parent, last)) {
		delete (parent as Record<PropertyKey, unknown>)[last];
		return true;
	}
	return false;
}

/** The part of a path to drop for an issue: the innermost array element (a whole rule), else the key itself. */
function dropPath(path: readonly PropertyKey[]): PropertyKey[] {
	for (let i = path.length - 1; i >= 0; i--) {
		if (typeof path[i] === 'number') {
			return path.slice(0, i + 1);
		}
	}
	return [...path];
}

/**
 * Validates a layer value leniently: the parts that fail validation are dropped (a whole path rule or exception, a
 * single key) and reported, the rest is kept. A layer can only tighten, so what remains is safe to apply.
 * Returns undefined when nothing usable remains (not an object).
 */
export function salvageLayerValue(
	value: unknown,
	file: string,
	doc?: JsoncDocument,
): { layer: PolicyLayer | undefined; diagnostics: PolicyDiagnostic[] } {
	const diagnostics: PolicyDiagnostic[] = [];
	try {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			const at = doc ? doc.position(doc.tree?.offset ?? 0) : { line: 0, column: 0 };
			diagnostics.push({ file, ...at, path: '', message: `a policy layer must be a JSON object, got ${describeValue(value)}; ignored`, severity: 'error' });
			return { layer: undefined, diagnostics };
		}
		const first = PolicyLayerSchema.safeParse(value);
		if (first.success) {
			return { layer: first.data, diagnostics };
		}
		diagnostics.push(...issueDiagnostics(first.error.issues, value, PolicyLayerSchema, file, doc).map((d) => ({ ...d, message: `${d.message}; ignored` })));
		const work: unknown = structuredClone(value);
		let issues = first.error.issues;
		for (let round = 0; round < 100; round++) {
			const paths = new Map<string, PropertyKey[]>();
			for (const issue of issues) {
				const targets = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [dropPath(issue.path)];
				for (const t of targets) {
					paths.set(JSON.stringify(t.map(String)), t);
				}
			}
			// Remove deepest and highest-index first, so earlier removals do not shift later paths.
			const ordered = [...paths.values()].sort((a, b) => {
				for (let i = 0; i < Math.min(a.length, b.length); i++) {
					const x = a[i];
					const y = b[i];
					if (x !== y) {
						return typeof x === 'number' && typeof y === 'number' ? y - x : String(x) < String(y) ? -1 : 1;
					}
				}
				return b.length - a.length;
			});
			let removed = false;
			for (const p of ordered) {
				removed = removeAt(work, p) || removed;
			}
			if (!removed) {
				break;
			}
			const again = PolicyLayerSchema.safeParse(work);
			if (again.success) {
				return { layer: again.data, diagnostics };
			}
			issues = again.error.issues;
		}
		diagnostics.push({ file, line: 0, column: 0, path: '', message: 'the layer could not be salvaged; ignored', severity: 'error' });
		return { layer: undefined, diagnostics };
	} catch (err) {
		diagnostics.push({ file, line: 0, column: 0, path: '', message: `cannot validate: ${err instanceof Error ? err.message : String(err)}; ignored`, severity: 'error' });
		return { layer: undefined, diagnostics };
	}
}

/**
 * Reads a workspace layer file leniently (see `salvageLayerValue`). A layer with a syntax error is ignored whole:
 * a recovered half-document is not trusted.
 */
export function salvagePolicyLayer(text: string, file: string): { layer: PolicyLayer | undefined; diagnostics: PolicyDiagnostic[] } {
	const doc = parseJsonc(text, file);
	if (!doc.syntaxOk) {
		const errors = doc.diagnostics.map((d) => (d.severity === 'error' ? { ...d, message: `${d.message}; the layer is ignored` } : d));
		return { layer: undefined, diagnostics: sortDiagnostics(errors) };
	}
	const r = salvageLayerValue(doc.value, file, doc);
	return { layer: r.layer, diagnostics: sortDiagnostics([...doc.diagnostics, ...r.diagnostics]) };
}
