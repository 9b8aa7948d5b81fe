/**
 * MCP levers: from each server's evaluation, the managed changes to workspace files (the same `DesiredChange`s the
 * assistant levers compile to, applied, drift-checked and restored by the same ledger), and for every server whose
 * action has no lever, a sentence saying so.
 *
 * - `sandbox` (VS Code `.vscode/mcp.json`, stdio servers): `sandboxEnabled: true` and the workspace's sensitive
 *   files added to `sandbox.filesystem.denyRead` as `${workspaceFolder}/<path>`. VS Code auto-approves a sandboxed
 *   server's tool calls, and a sandboxed server reaches only the network domains its `sandbox.network` allows:
 *   both are said wherever the lever is shown. A server that is not local, or not in `.vscode/mcp.json`, falls
 *   back to its `disable` switch.
 * - `disable`: the assistant's own switch, where it has one (Claude Code `disabledMcpjsonServers` in
 *   `.claude/settings.json`, Roo Code `"disabled": true`, Gemini CLI `mcp.excluded`). VS Code has none per server.
 * - `envFile` secrets are read by the editor and handed to the process before any sandbox applies: the sandbox
 *   does not keep them from the server. Only disabling does.
 */
import type { DesiredChange } from '../assistants/compile';
import { parsePointer, toPointer } from '../assistants/managedJson';
import type { McpServerClass } from './classify';
import type { McpEvaluation } from './evaluate';
import type { McpServerEntry } from './inventory';
import { MCP_LOCATIONS, mcpLocation } from './locations';

/** Every workspace file an MCP lever may write (watched for drift). */
export const MCP_LEVER_FILES: readonly string[] = [
	...new Set(
		MCP_LOCATIONS.filter((l) => l.origin === 'workspace' && l.base === 'workspace').flatMap((l) => [
			...(l.sandbox || l.disable?.kind === 'serverFlag' ? [l.path] : []),
			...(l.disable?.kind === 'nameList' ? [l.disable.file] : []),
		]),
	),
];

/** What was compiled for one server. */
export interface McpLeverResult {
	/** The server's id (`file#name`). */
	server: string;
	/** The lever compiled, or none. */
	lever: 'sandbox' | 'disable' | 'none';
	/** Lever ids recorded in the ledger. */
	leverIds: string[];
	/** Sentences for the developer: caveats of the lever, or why there is none. */
	notes: string[];
}

export interface McpLeverPlan {
	changes: DesiredChange[];
	results: McpLeverResult[];
}

export interface McpLeverInput {
	entry: McpServerEntry;
	cls: McpServerClass;
	evaluation: McpEvaluation;
}

/** The id of a server: its file and name. Unique within a window. */
export function serverId(e: Pick<McpServerEntry, 'file' | 'name'>): string {
	return `${e.file}#${e.name}`;
}

export const SANDBOX_NOTE =
	'VS Code auto-approves the tool calls of a sandboxed server, and the sandbox lets it reach only the network domains its sandbox.network allows (Context Warden adds none).';
export const ENVFILE_NOTE = 'The sandbox does not stop the envFile: VS Code reads it and hands its values to the server at start.';

/**
 * The changes for every server whose action is `sandbox` or `disable`. `sensitiveFiles` are workspace keys;
 * only those of the server's own folder go into its `denyRead`.
 */
export function compileMcpLevers(inputs: readonly McpLeverInput[], sensitiveFiles: readonly string[], options: { sandbox?: boolean } = {}): McpLeverPlan {
	const sandboxHere = options.sandbox ?? true;
	const changes: DesiredChange[] = [];
	const results: McpLeverResult[] = [];
	const addItems = (file: string, key: string, items: string[], leverId: string): void => {
		const existing = changes.find((c): c is Extract<DesiredChange, { kind: 'jsonArrayItems' }> => c.kind === 'jsonArrayItems' && c.file === file && c.key === key);
		if (existing) {
			existing.items.push(...items.filter((i) => !existing.items.includes(i)));
			existing.leverIds.push(leverId);
			return;
		}
		changes.push({ kind: 'jsonArrayItems', file, key, items, leverIds: [leverId] });
	};
	for (const { entry, cls, evaluation } of inputs) {
		const id = serverId(entry);
		const location = mcpLocation(entry.locationId);
		const action = evaluation.action;
		if (action === 'none' || action === 'warn' || !location) {
			continue;
		}
		if (cls.origin === 'user') {
			results.push({ server: id, lever: 'none', leverIds: [], notes: [location?.noLever ?? 'A user file: Context Warden never edits it.'] });
			continue;
		}
		const folderPrefix = entry.file.endsWith(location.path) ? entry.file.slice(0, entry.file.length - location.path.length) : '';
		if (action === 'sandbox' && location.sandbox && sandboxHere && entry.transport === 'stdio' && cls.runs === 'local') {
			const leverId = `mcp.sandbox:${id}`;
			const base = parsePointer(entry.pointer);
			changes.push({ kind: 'jsonValue', file: entry.file, key: toPointer([...base, 'sandboxEnabled']), value: true, leverIds: [leverId] });
			const deny = sensitiveFiles
				.filter((f) => f.startsWith(folderPrefix))
				.map((f) => `\${workspaceFolder}/${f.slice(folderPrefix.length)}`);
			if (deny.length > 0) {
				addItems(entry.file, toPointer([...base, 'sandbox', 'filesystem', 'denyRead']), deny, leverId);
			}
			const notes = [SANDBOX_NOTE];
			if (cls.secrets.some((x) => x.via === 'envFile')) {
				notes.push(ENVFILE_NOTE);
			}
			results.push({ server: id, lever: 'sandbox', leverIds: [leverId], notes });
			continue;
		}
		const off = location.disable;
		if (off) {
			const leverId = `mcp.disable:${id}`;
			if (off.kind === 'nameList') {
				addItems(`${folderPrefix}${off.file}`, off.pointer, [entry.name], leverId);
			} else {
				changes.push({ kind: 'jsonValue', file: entry.file, key: toPointer([...parsePointer(entry.pointer), off.property]), value: off.value, leverIds: [leverId] });
			}
			results.push({ server: id, lever: 'disable', leverIds: [leverId], notes: [] });
			continue;
		}
		const why =
			action === 'sandbox' && location.sandbox
				? sandboxHere
					? 'Only local (stdio) servers can be sandboxed.'
					: 'VS Code sandboxes MCP servers on macOS and Linux only.'
				: (location.noLever ?? 'No switch is known for this assistant.');
		results.push({ server: id, lever: 'none', leverIds: [], notes: [`No lever: ${why}`] });
	}
	return { changes, results };
}
