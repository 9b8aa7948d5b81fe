/**
 * Managed values in a user's JSON-with-comments file (`.vscode/settings.json`, `.claude/settings.json`).
 *
 * Setting and inserting go through jsonc-parser's `modify` + `applyEdits`, formatted like the file (indentation and
 * line ending detected), so the user's comments and layout elsewhere survive. Removal does not use `modify`: its
 * removal edit spans from the previous sibling to the removed node and would delete a comment lying between them.
 * `removeNode` here deletes only the node, one adjacent comma, and the node's line when nothing else is on it.
 *
 * Keys are JSON pointers (RFC 6901) over object properties: `/chat.disableAIFeatures` is one segment (VS Code
 * setting ids contain dots), `/permissions/deny` is two.
 */
import {
	type FormattingOptions,
	type JSONPath,
	type Node,
	type ParseError,
	type SyntaxKind,
	applyEdits,
	createScanner,
	findNodeAtLocation,
	getNodeValue,
	modify,
	parseTree,
} from 'jsonc-parser';
import { fillTemplate } from './decide';
import { detectEol } from './managedBlock';

/** Splits a JSON pointer into property names. */
export function parsePointer(pointer: string): string[] {
	if (pointer === '') {
		return [];
	}
	if (!pointer.startsWith('/')) {
		throw new Error(`not a JSON pointer: ${pointer}`);
	}
	return pointer
		.slice(1)
		.split('/')
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a JSON pointer from property names. */
export function toPointer(path: readonly string[]): string {
	return path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Why a file is not a JSONC object Context Warden can edit, in English with `{0}`-style placeholders (the parser's
 * error code and offset go in as they are). The core says them in English for logs; an adapter shows
 * `messageTemplate` in the editor's display language instead, keyed by these templates.
 */
export const MANAGED_JSON_TEXT = {
	invalid: 'not valid JSON with comments (error {0} at offset {1})',
	notAnObject: 'the top level is not an object',
} as const;

export type ManagedJsonTemplate = (typeof MANAGED_JSON_TEXT)[keyof typeof MANAGED_JSON_TEXT];

export type JsonParse =
	| { ok: true; root: Node | undefined }
	/** `message` is `fillTemplate` of `messageTemplate`. */
	| { ok: false; message: string; messageTemplate: { template: ManagedJsonTemplate; args: readonly string[] } };

/** Parses a JSONC document (comments and trailing commas allowed); the root must be an object. */
export function parseJsonc(text: string): JsonParse {
	const errors: ParseError[] = [];
	const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
	if (errors.length > 0) {
		return notJson(MANAGED_JSON_TEXT.invalid, String(errors[0]?.error ?? '?'), String(errors[0]?.offset ?? '?'));
	}
	if (root && root.type !== 'object') {
		return notJson(MANAGED_JSON_TEXT.notAnObject);
	}
	return { ok: true, root };
}

function notJson(template: ManagedJsonTemplate, ...args: string[]): JsonParse {
	return { ok: false, message: fillTemplate(template, args), messageTemplate: { template, args } };
}

/** Indentation and line ending as the file already uses them (tabs and LF for a new file). */
export function detectFormatting(text: string): FormattingOptions {
	const eol = detectEol(text);
	const m = /^([ \t]+)\S/m.exec(text);
	const indent = m?.[1];
	if (indent && !indent.startsWith('\t')) {
		return { insertSpaces: true, tabSize: Math.min(indent.length, 8), eol };
	}
	return { insertSpaces: false, tabSize: 4, eol };
}

/** The value at a pointer, if the property exists. */
export function getJsonValue(text: string | undefined, pointer: string): { exists: boolean; value?: unknown } {
	if (text === undefined) {
		return { exists: false };
	}
	const parsed = parseJsonc(text);
	if (!parsed.ok || !parsed.root) {
		return { exists: false };
	}
	const node = findNodeAtLocation(parsed.root, parsePointer(pointer));
	return node ? { exists: true, value: plain(getNodeValue(node) as unknown) } : { exists: false };
}

/** The text of a new, empty settings object. */
function emptyDocument(): string {
	return '{}';
}

function indentUnit(fmt: FormattingOptions): string {
	return fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 4) : '\t';
}

/** JSON text of a value, indented to sit at `baseIndent`, with the file's line ending. */
function serialize(value: unknown, baseIndent: string, fmt: FormattingOptions): string {
	return JSON.stringify(value, null, indentUnit(fmt))
		.split('\n')
		.join((fmt.eol ?? '\n') + baseIndent);
}

function lineStartOf(text: string, offset: number): number {
	return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/**
 * Inserts a member as the last one of a multi-line object or array, on its own line before the closing bracket,
 * adding a comma after the previous member (before its trailing comment). Nothing else in the file moves, so
 * `removeNode` undoes it exactly. Returns undefined when the container is not laid out one member per line (the
 * caller then falls back to jsonc-parser's `modify`, which reformats the lines it touches).
 */
function insertLast(text: string, container: Node, member: (indent: string) => string, fmt: FormattingOptions): string | undefined {
	const close = container.offset + container.length - 1;
	const closeLine = lineStartOf(text, close);
	if (closeLine === 0 || !onlySpaces(text.slice(closeLine, close))) {
		return undefined;
	}
	const children = container.children ?? [];
	const last = children[children.length - 1];
	let indent: string;
	if (last) {
		const lineStart = lineStartOf(text, last.offset);
		const lead = text.slice(lineStart, last.offset);
		if (!onlySpaces(lead)) {
			return undefined;
		}
		indent = lead;
	} else {
		if (lineStartOf(text, container.offset) === closeLine) {
			return undefined;
		}
		indent = text.slice(closeLine, close) + indentUnit(fmt);
	}
	const eol = fmt.eol ?? '\n';
	const inserted = `${indent}${member(indent)}${eol}`;
	let out = text.slice(0, closeLine) + inserted + text.slice(closeLine);
	if (last) {
		const lastEnd = last.offset + last.length;
		if (nextToken(text, lastEnd).kind !== COMMA) {
			out = out.slice(0, lastEnd) + ',' + out.slice(lastEnd);
		}
	}
	return out;
}

/**
 * Sets the value at a pointer (creating parents). `text` undefined or blank means a new file, which gets a final
 * line break. A new property goes last, on its own line, leaving every other line as it was; where the object is
 * written on one line, jsonc-parser's `modify` does it (and formats the lines it touches). Throws when the text is
 * not a JSONC object: callers check `parseJsonc` first.
 */
export function setJsonValue(text: string | undefined, pointer: string, value: unknown): string {
	const isNew = text === undefined || text.trim() === '';
	const base = isNew ? emptyDocument() : text;
	const fmt = detectFormatting(isNew ? '' : base);
	const path = parsePointer(pointer);
	const parsed = parseJsonc(base);
	if (!isNew && parsed.ok && parsed.root && !findNodeAtLocation(parsed.root, path)) {
		// find the deepest existing object on the path, and insert the rest there
		let depth = path.length - 1;
		let parent = depth === 0 ? parsed.root : findNodeAtLocation(parsed.root, path.slice(0, depth));
		while (!parent && depth > 0) {
			depth--;
			parent = depth === 0 ? parsed.root : findNodeAtLocation(parsed.root, path.slice(0, depth));
		}
		if (parent && parent.type === 'object') {
			let nested: unknown = value;
			for (let i = path.length - 1; i > depth; i--) {
				nested = { [path[i] ?? '']: nested };
			}
			const key = path[depth] ?? '';
			const out = insertLast(base, parent, (indent) => `${JSON.stringify(key)}: ${serialize(nested, indent, fmt)}`, fmt);
			if (out !== undefined) {
				return out;
			}
		}
	}
	const edits = modify(base, path, value, { formattingOptions: fmt });
	const out = applyEdits(base, edits);
	return isNew ? out + (fmt.eol ?? '\n') : out;
}

/** Appends an item to the array at a pointer (creating the array and parents). */
export function appendArrayItem(text: string | undefined, pointer: string, item: unknown): string {
	const isNew = text === undefined || text.trim() === '';
	if (isNew) {
		return setJsonValue(text, pointer, [item]);
	}
	const parsed = parseJsonc(text);
	const array = parsed.ok && parsed.root ? findNodeAtLocation(parsed.root, parsePointer(pointer)) : undefined;
	if (!array) {
		return setJsonValue(text, pointer, [item]);
	}
	const fmt = detectFormatting(text);
	const out = array.type === 'array' ? insertLast(text, array, (indent) => serialize(item, indent, fmt), fmt) : undefined;
	if (out !== undefined) {
		return out;
	}
	const edits = modify(text, [...parsePointer(pointer), -1] as JSONPath, item, { formattingOptions: fmt, isArrayInsertion: true });
	return applyEdits(text, edits);
}

/** The shallowest missing container along a pointer: what adding under it would create. */
export function firstMissing(text: string | undefined, pointer: string): string | undefined {
	const path = parsePointer(pointer);
	for (let i = 1; i <= path.length; i++) {
		const prefix = toPointer(path.slice(0, i));
		if (!getJsonValue(text, prefix).exists) {
			return prefix;
		}
	}
	return undefined;
}

/** jsonc-parser's `SyntaxKind` values we use (a const enum, which isolatedModules cannot read from a .d.ts). */
const COMMA = 5 as SyntaxKind;
const EOF_TOKEN = 17 as SyntaxKind;
const TRIVIA = new Set<number>([12, 13, 14, 15]); // line comment, block comment, line break, whitespace

interface Token {
	kind: SyntaxKind;
	offset: number;
	length: number;
}

function isTrivia(kind: SyntaxKind): boolean {
	return TRIVIA.has(kind);
}

function nextToken(text: string, offset: number): Token {
	const scanner = createScanner(text, false);
	scanner.setPosition(offset);
	for (;;) {
		const kind = scanner.scan();
		if (!isTrivia(kind) || kind === EOF_TOKEN) {
			return { kind, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
		}
	}
}

function onlySpaces(s: string): boolean {
	return /^[ \t]*$/.test(s);
}

/**
 * Removes one property (or array element) node with one adjacent comma, keeping comments. When the node was alone
 * on its line, the line goes too.
 */
function removeNode(text: string, node: Node): string {
	const container = node.parent;
	if (!container || !container.children) {
		throw new Error('cannot remove the root');
	}
	const index = container.children.indexOf(node);
	let start = node.offset;
	let end = node.offset + node.length;
	const after = nextToken(text, end);
	const edits: { offset: number; length: number }[] = [];
	if (after.kind === COMMA) {
		end = after.offset + after.length;
		// on one line, swallow the spaces up to the next token
		const next = nextToken(text, end);
		if (onlySpaces(text.slice(end, next.offset))) {
			end = next.offset;
		}
	} else if (index > 0) {
		const prev = container.children[index - 1];
		if (prev) {
			const comma = nextToken(text, prev.offset + prev.length);
			if (comma.kind === COMMA) {
				if (onlySpaces(text.slice(comma.offset + 1, start))) {
					start = comma.offset;
				} else {
					edits.push({ offset: comma.offset, length: 1 });
				}
			}
		}
	}
	const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
	const eolMatch = /\r\n|\n|\r/.exec(text.slice(end));
	const lineEnd = eolMatch ? end + eolMatch.index : text.length;
	if (onlySpaces(text.slice(lineStart, start)) && onlySpaces(text.slice(end, lineEnd)) && eolMatch) {
		start = lineStart;
		end = lineEnd + eolMatch[0].length;
	}
	edits.push({ offset: start, length: end - start });
	edits.sort((a, b) => b.offset - a.offset);
	let out = text;
	for (const e of edits) {
		out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
	}
	return out;
}

/** Removes the property at a pointer; the text is returned unchanged when it is absent. */
export function removeJsonValue(text: string, pointer: string): string {
	const parsed = parseJsonc(text);
	if (!parsed.ok || !parsed.root) {
		return text;
	}
	const node = findNodeAtLocation(parsed.root, parsePointer(pointer));
	const property = node?.parent;
	if (!node || !property || property.type !== 'property') {
		return text;
	}
	return removeNode(text, property);
}

/** The string items of the array at a pointer (non-strings are skipped), or undefined when there is no array. */
export function getArrayItems(text: string | undefined, pointer: string): unknown[] | undefined {
	const v = getJsonValue(text, pointer);
	return v.exists && Array.isArray(v.value) ? v.value : undefined;
}

/** Removes the first array element deep-equal to `item`; unchanged when absent. */
export function removeArrayItem(text: string, pointer: string, item: unknown): string {
	const parsed = parseJsonc(text);
	if (!parsed.ok || !parsed.root) {
		return text;
	}
	const array = findNodeAtLocation(parsed.root, parsePointer(pointer));
	if (!array || array.type !== 'array' || !array.children) {
		return text;
	}
	const node = array.children.find((c) => deepEqual(getNodeValue(c) as unknown, item));
	return node ? removeNode(text, node) : text;
}

/** Whether the node at a pointer is an empty object/array with no comment inside. */
export function isEmptyContainer(text: string, pointer: string): boolean {
	const parsed = parseJsonc(text);
	if (!parsed.ok || !parsed.root) {
		return false;
	}
	const node = pointer === '' ? parsed.root : findNodeAtLocation(parsed.root, parsePointer(pointer));
	if (!node || (node.type !== 'object' && node.type !== 'array') || (node.children?.length ?? 0) > 0) {
		return false;
	}
	return !/\/[/*]/.test(text.slice(node.offset, node.offset + node.length));
}

/** Whether a whole document is an empty object with nothing else (no comments) in the file. */
export function isEmptyDocument(text: string): boolean {
	const t = text.replace(/^\uFEFF/, '').trim();
	return /^\{\s*\}$/.test(t);
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) {
		return true;
	}
	if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
		return false;
	}
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
	}
	const ao = a as Record<string, unknown>;
	const bo = b as Record<string, unknown>;
	const ak = Object.keys(ao);
	return ak.length === Object.keys(bo).length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/** jsonc-parser builds objects without a prototype; callers get ordinary JSON values. */
function plain(v: unknown): unknown {
	return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as unknown);
}
