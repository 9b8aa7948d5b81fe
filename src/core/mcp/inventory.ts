/**
 * The MCP inventory: the servers a configuration file declares, read from its text. JSON with comments and trailing
 * commas everywhere; a broken file, an unexpected shape or a strange field never throws: the file is reported with
 * its problem and the servers that could be read are kept.
 */
import { type Node, findNodeAtLocation, getNodeValue, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { toPointer } from '../assistants/managedJson';
import type { McpFormat } from './locations';

/** How a server is reached. */
export type McpTransport = 'stdio' | 'http' | 'sse' | 'unknown';

/** One server as declared, before classification. Values are as written (variables not yet resolved). */
export interface McpServerEntry {
	/** The display name (its key): shown, never used to match policy (a config can rename a server). */
	name: string;
	locationId: string;
	/** The file, as the adapter keyed it (workspace key, `~/...`, or `<userData>/...`). */
	file: string;
	/** JSON pointer of the server's object in the file. */
	pointer: string;
	/** 1-based line of the server's key in the file. */
	line: number;
	transport: McpTransport;
	command?: string;
	args: string[];
	env: Record<string, string>;
	envFile?: string;
	cwd?: string;
	url?: string;
	headers: Record<string, string>;
	/** `disabled: true` (Cline, Roo Code, Windsurf). */
	disabled: boolean;
	/** VS Code: `sandboxEnabled`. */
	sandboxEnabled: boolean;
	/** VS Code: `sandbox.filesystem.denyRead`. */
	denyRead: string[];
	/** Fields this reader does not know (kept for the report; they never stop the reading). */
	unknownFields: string[];
}

export interface McpFileRead {
	file: string;
	locationId: string;
	servers: McpServerEntry[];
	/** Why the file (or part of it) could not be read; empty when it was read whole. */
	problems: string[];
	/** Claude Code's `~/.claude.json` and Gemini's settings: names the assistant itself disables or excludes. */
	disabledNames?: string[];
}

const KNOWN_FIELDS = new Set([
	'type',
	'transport',
	'command',
	'args',
	'env',
	'envFile',
	'cwd',
	'url',
	'serverUrl',
	'httpUrl',
	'headers',
	'disabled',
	'sandboxEnabled',
	'sandbox',
	'alwaysAllow',
	'autoApprove',
	'timeout',
	'trust',
	'description',
	'includeTools',
	'excludeTools',
	'oauth',
	'dev',
	'gallery',
	'version',
	'name',
	'networkTimeout',
	'disabledTools',
]);

const MAX_SERVERS_PER_FILE = 500;

function parseRoot(text: string): { root?: Node; problem?: string } {
	const errors: ParseError[] = [];
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	if (body.trim() === '') {
		return { problem: 'the file is empty' };
	}
	const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
	if (errors.length > 0) {
		const e = errors[0];
		return { ...(root ? { root } : {}), problem: `not valid JSON with comments (${e ? printParseErrorCode(e.error) : '?'} at offset ${e?.offset ?? '?'})` };
	}
	if (!root) {
		return { problem: 'the file is empty' };
	}
	if (root.type !== 'object') {
		return { problem: 'the top level is not an object' };
	}
	return { root };
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (isRecord(v)) {
		for (const [k, x] of Object.entries(v)) {
			if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') {
				out[k] = String(x);
			}
		}
	}
	return out;
}

function stringList(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String) : [];
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** One server object, read leniently. */
function readServer(name: string, raw: unknown, base: Pick<McpServerEntry, 'locationId' | 'file' | 'pointer' | 'line'>, problems: string[]): McpServerEntry | undefined {
	if (!isRecord(raw)) {
		problems.push(`server "${name}" is not an object`);
		return undefined;
	}
	const url = str(raw.url) ?? str(raw.serverUrl) ?? str(raw.httpUrl);
	const command = str(raw.command);
	const declared = str(raw.type) ?? str(raw.transport);
	let transport: McpTransport = 'unknown';
	if (declared === 'stdio' || (!declared && command)) {
		transport = 'stdio';
	} else if (declared === 'sse') {
		transport = 'sse';
	} else if (declared === 'http' || declared === 'streamable-http' || declared === 'streamableHttp' || (!declared && url)) {
		transport = 'http';
	}
	const sandbox = isRecord(raw.sandbox) ? raw.sandbox : undefined;
	const fsRules = sandbox && isRecord(sandbox.filesystem) ? sandbox.filesystem : undefined;
	return {
		name,
		...base,
		transport,
		...(command ? { command } : {}),
		args: stringList(raw.args),
		env: stringMap(raw.env),
		...(str(raw.envFile) ? { envFile: str(raw.envFile) as string } : {}),
		...(str(raw.cwd) ? { cwd: str(raw.cwd) as string } : {}),
		...(url ? { url } : {}),
		headers: stringMap(raw.headers),
		disabled: raw.disabled === true,
		sandboxEnabled: raw.sandboxEnabled === true,
		denyRead: stringList(fsRules?.denyRead),
		unknownFields: Object.keys(raw).filter((k) => !KNOWN_FIELDS.has(k)),
	};
}

/** The servers of one `{ name: {...} }` object at `path` in the tree. */
function serversAt(root: Node, path: string[], file: string, locationId: string, problems: string[], lineAt: (offset: number) => number): McpServerEntry[] {
	const node = findNodeAtLocation(root, path);
	if (!node) {
		return [];
	}
	if (node.type !== 'object') {
		problems.push(`${toPointer(path)} is not an object`);
		return [];
	}
	const out: McpServerEntry[] = [];
	for (const prop of node.children ?? []) {
		const keyNode = prop.children?.[0];
		const valueNode = prop.children?.[1];
		if (!keyNode || typeof keyNode.value !== 'string') {
			continue;
		}
		if (out.length >= MAX_SERVERS_PER_FILE) {
			problems.push(`more than ${MAX_SERVERS_PER_FILE} servers: the rest are not listed`);
			break;
		}
		const name = keyNode.value;
		const s = readServer(name, valueNode ? (getNodeValue(valueNode) as unknown) : undefined, { locationId, file, pointer: toPointer([...path, name]), line: lineAt(prop.offset) }, problems);
		if (s) {
			out.push(s);
		}
	}
	return out;
}

/**
 * Reads the servers of one configuration file in the given format. `projectPath` (an absolute path as Claude Code
 * records it) selects the local-scope servers of `~/.claude.json`. Never throws.
 */
export function readMcpFile(text: string, format: McpFormat, file: string, locationId: string, options: { projectPaths?: readonly string[] } = {}): McpFileRead {
	const problems: string[] = [];
	let parsed: { root?: Node; problem?: string };
	try {
		parsed = parseRoot(text);
	} catch (err) {
		return { file, locationId, servers: [], problems: [`unreadable: ${err instanceof Error ? err.message : String(err)}`] };
	}
	if (parsed.problem) {
		problems.push(parsed.problem);
	}
	const root = parsed.root;
	if (!root || root.type !== 'object') {
		return { file, locationId, servers: [], problems };
	}
	// Offsets are into the text after a byte-order mark.
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const lineAt = (offset: number): number => {
		let n = 1;
		for (let i = body.indexOf('\n'); i !== -1 && i < offset; i = body.indexOf('\n', i + 1)) {
			n++;
		}
		return n;
	};
	const servers: McpServerEntry[] = [];
	let disabledNames: string[] | undefined;
	switch (format) {
		case 'vscode':
			servers.push(...serversAt(root, ['servers'], file, locationId, problems, lineAt));
			break;
		case 'workspaceFile':
			servers.push(...serversAt(root, ['mcp', 'servers'], file, locationId, problems, lineAt));
			break;
		case 'mcpServers': {
			servers.push(...serversAt(root, ['mcpServers'], file, locationId, problems, lineAt));
			const excluded = findNodeAtLocation(root, ['mcp', 'excluded']);
			if (excluded) {
				disabledNames = stringList(getNodeValue(excluded));
			}
			break;
		}
		case 'claudeUser': {
			servers.push(...serversAt(root, ['mcpServers'], file, locationId, problems, lineAt));
			disabledNames = [];
			for (const project of options.projectPaths ?? []) {
				servers.push(...serversAt(root, ['projects', project, 'mcpServers'], file, locationId, problems, lineAt));
				const off = findNodeAtLocation(root, ['projects', project, 'disabledMcpServers']);
				if (off) {
					disabledNames.push(...stringList(getNodeValue(off)));
				}
			}
			break;
		}
	}
	return { file, locationId, servers, problems, ...(disabledNames && disabledNames.length > 0 ? { disabledNames } : {}) };
}

/** Whether a file name in a Continue block folder is one Context Warden reads (JSON), or one it lists as unread. */
export function continueBlockKind(name: string): 'json' | 'unread' | 'other' {
	const lower = name.toLowerCase();
	if (lower.endsWith('.json') || lower.endsWith('.jsonc')) {
		return 'json';
	}
	return lower.endsWith('.yaml') || lower.endsWith('.yml') ? 'unread' : 'other';
}
