/**
 * Where the assistants of the catalogue keep their MCP server configurations, in the workspace and in the user's
 * home, with the evidence for each location (the same rule as the catalogue's levers: `verified` only for the
 * vendor's own documentation or source). `docs/evidence/mcp.md` quotes the sources.
 *
 * Paths:
 * - `workspace`: relative to each workspace folder (POSIX).
 * - `home`: relative to the user's home directory.
 * - `userData`: relative to the editor's user data folder (`~/.config/Code/User` on Linux,
 *   `~/Library/Application Support/Code/User` on macOS, `%APPDATA%\Code\User` on Windows); the adapter knows it.
 * - `workspaceFile`: the open `.code-workspace` file (its `mcp` object).
 */
import type { Evidence } from '../assistants/types';

/** How a file lists its servers. */
export type McpFormat =
	/** VS Code: `{ "servers": { name: {...} }, "inputs": [...] }`. */
	| 'vscode'
	/** VS Code workspace file: `{ "mcp": { "servers": {...} } }`. */
	| 'workspaceFile'
	/** Claude Code, Cursor, Windsurf, Cline, Roo Code, Gemini CLI, Continue JSON blocks: `{ "mcpServers": { name: {...} } }`. */
	| 'mcpServers'
	/** `~/.claude.json`: `mcpServers` (user scope) and `projects[<absolute path>].mcpServers` (local scope). */
	| 'claudeUser';

export type McpLocationBase = 'workspace' | 'home' | 'userData' | 'workspaceFile';

/** A switch that turns one server off, written by Context Warden in a workspace file. */
export type McpDisableLever =
	/** A JSON array of server names (e.g. Claude Code's `disabledMcpjsonServers`) in a workspace file. */
	| { kind: 'nameList'; file: string; pointer: string; evidence: Evidence }
	/** A boolean property of the server's own entry (e.g. Roo Code's `"disabled": true`). */
	| { kind: 'serverFlag'; property: string; value: unknown; evidence: Evidence };

export interface McpLocation {
	/** Stable id, recorded in reports, e.g. `vscode-workspace`. */
	id: string;
	/** Catalogue ids of the assistants that read it. */
	assistants: string[];
	/** Whose file it is: a workspace file can be written by whoever wrote the repository. */
	origin: 'workspace' | 'user';
	base: McpLocationBase;
	/** The file, relative to `base`; a `*` segment stands for every JSON file of a folder (Continue's block folder). */
	path: string;
	format: McpFormat;
	/** Whether `${workspaceFolder}`-style variables are expanded by the assistant in this file. */
	variables: 'vscode' | 'env' | 'none';
	/** The sandbox lever (VS Code only): `sandboxEnabled` and `sandbox.filesystem.denyRead` per stdio server. */
	sandbox?: { evidence: Evidence };
	/** The per-server off switch, when the assistant offers one Context Warden may write (workspace files only). */
	disable?: McpDisableLever;
	/** Why there is no switch, or what the admin can do instead. */
	noLever?: string;
	evidence: Evidence;
	/** Files in this location Context Warden does not parse (e.g. YAML), said in reports. */
	unread?: { glob: string; why: string };
}

const VSCODE_MCP_DOC = 'microsoft/vscode-docs docs/agents/reference/mcp-configuration.md (DateApproved 5/28/2026)';

/** Every MCP configuration location Context Warden reads. */
export const MCP_LOCATIONS: readonly McpLocation[] = [
	{
		id: 'vscode-workspace',
		assistants: ['vscode-chat', 'github-copilot-chat'],
		origin: 'workspace',
		base: 'workspace',
		path: '.vscode/mcp.json',
		format: 'vscode',
		variables: 'vscode',
		sandbox: {
			evidence: {
				source: `${VSCODE_MCP_DOC}, "Sandbox configuration"`,
				verified: true,
				note: 'macOS and Linux only; "When sandboxing is enabled, tool confirmations are auto-approved because the server runs in a controlled environment."',
			},
		},
		noLever:
			'VS Code has no per-server off switch in mcp.json; an admin can restrict servers with the ChatMCP policy (chat.mcp.access) or the allowed/denied MCP server policies.',
		evidence: { source: `${VSCODE_MCP_DOC}, "Configuration file"`, verified: true },
	},
	{
		id: 'vscode-workspace-file',
		assistants: ['vscode-chat', 'github-copilot-chat'],
		origin: 'workspace',
		base: 'workspaceFile',
		path: '.code-workspace',
		format: 'workspaceFile',
		variables: 'vscode',
		noLever: 'Context Warden does not sandbox servers in a workspace file yet; the levers are written to .vscode/mcp.json only.',
		evidence: {
			source: 'microsoft/vscode-docs docs/agent-customization/mcp-servers.md ("mcp" section of a .code-workspace file)',
			verified: false,
			note: 'Read from the workspace file\'s "mcp" object with the same shape as mcp.json.',
		},
	},
	{
		id: 'vscode-user',
		assistants: ['vscode-chat', 'github-copilot-chat'],
		origin: 'user',
		base: 'userData',
		path: 'mcp.json',
		format: 'vscode',
		variables: 'vscode',
		noLever: 'A user file: Context Warden reports it and never edits it.',
		evidence: { source: `${VSCODE_MCP_DOC}: "This file can be in your workspace (.vscode/mcp.json) or in your user profile."`, verified: true },
	},
	{
		id: 'claude-project',
		assistants: ['claude-code'],
		origin: 'workspace',
		base: 'workspace',
		path: '.mcp.json',
		format: 'mcpServers',
		variables: 'env',
		disable: {
			kind: 'nameList',
			file: '.claude/settings.json',
			pointer: '/disabledMcpjsonServers',
			evidence: {
				source: 'code.claude.com/docs/en/settings (disabledMcpjsonServers: "List of specific MCP servers from .mcp.json files to reject")',
				verified: false,
				note: 'Seen in Claude Code settings tables and in tools that toggle project servers through it; the settings page itself was not in the stored corpus.',
			},
		},
		evidence: { source: 'code.claude.com/docs/en/mcp ("Project scope": .mcp.json at the project root)', verified: true },
	},
	{
		id: 'claude-user',
		assistants: ['claude-code'],
		origin: 'user',
		base: 'home',
		path: '.claude.json',
		format: 'claudeUser',
		variables: 'env',
		noLever: 'A user file: Context Warden reports it and never edits it. Claude Code\'s deniedMcpServers in managed settings blocks a server by name, command or URL.',
		evidence: {
			source: 'code.claude.com/docs/en/mcp ("Local scope" under projects[<path>], "User scope" at the top level of ~/.claude.json)',
			verified: true,
		},
	},
	{
		id: 'cursor-project',
		assistants: ['cursor'],
		origin: 'workspace',
		base: 'workspace',
		path: '.cursor/mcp.json',
		format: 'mcpServers',
		variables: 'vscode',
		noLever: 'Cursor has no documented per-server off switch in mcp.json (servers are toggled in its settings UI).',
		evidence: { source: 'cursor.com/docs/mcp (".cursor/mcp.json" project, "~/.cursor/mcp.json" global; ${workspaceFolder}, ${userHome}, ${env:NAME})', verified: true },
	},
	{
		id: 'cursor-user',
		assistants: ['cursor'],
		origin: 'user',
		base: 'home',
		path: '.cursor/mcp.json',
		format: 'mcpServers',
		variables: 'vscode',
		noLever: 'A user file: Context Warden reports it and never edits it.',
		evidence: { source: 'cursor.com/docs/mcp ("~/.cursor/mcp.json" global configuration)', verified: true },
	},
	{
		id: 'windsurf-user',
		assistants: ['windsurf'],
		origin: 'user',
		base: 'home',
		path: '.codeium/windsurf/mcp_config.json',
		format: 'mcpServers',
		variables: 'env',
		noLever: 'A user file: Context Warden reports it and never edits it (Windsurf reads no workspace MCP file).',
		evidence: {
			source: 'docs.windsurf.com/windsurf/cascade/mcp (~/.codeium/windsurf/mcp_config.json; remote servers use "serverUrl")',
			verified: false,
			note: 'Quoted by several server vendors\' setup guides (github/github-mcp-server docs/installation-guides/install-windsurf.md); the Windsurf page itself was not in the stored corpus.',
		},
	},
	{
		id: 'cline-user',
		assistants: ['cline'],
		origin: 'user',
		base: 'userData',
		path: 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
		format: 'mcpServers',
		variables: 'none',
		noLever: 'A user file (Cline has no workspace MCP file): Context Warden reports it and never edits it.',
		evidence: { source: 'docs.cline.bot/mcp/configuring-mcp-servers ("Settings are stored in cline_mcp_settings.json"; "disabled" per server)', verified: true },
	},
	{
		id: 'roo-project',
		assistants: ['roo-code'],
		origin: 'workspace',
		base: 'workspace',
		path: '.roo/mcp.json',
		format: 'mcpServers',
		variables: 'none',
		disable: {
			kind: 'serverFlag',
			property: 'disabled',
			value: true,
			evidence: { source: 'docs.roocode.com/features/mcp/using-mcp-in-roo (server entries carry "disabled": false|true)', verified: true },
		},
		evidence: { source: 'docs.roocode.com/features/mcp/using-mcp-in-roo ("Project-level Configuration: .roo/mcp.json")', verified: true },
	},
	{
		id: 'roo-user',
		assistants: ['roo-code'],
		origin: 'user',
		base: 'userData',
		path: 'globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
		format: 'mcpServers',
		variables: 'none',
		noLever: 'A user file: Context Warden reports it and never edits it.',
		evidence: { source: 'docs.roocode.com/features/mcp/using-mcp-in-roo ("Global Configuration: Stored in the mcp_settings.json file")', verified: true, note: 'The folder under globalStorage is the extension id.' },
	},
	{
		id: 'gemini-project',
		assistants: ['gemini-cli-companion', 'gemini-code-assist'],
		origin: 'workspace',
		base: 'workspace',
		path: '.gemini/settings.json',
		format: 'mcpServers',
		variables: 'env',
		disable: {
			kind: 'nameList',
			file: '.gemini/settings.json',
			pointer: '/mcp/excluded',
			evidence: { source: 'google-gemini/gemini-cli docs/tools/mcp-server.md ("mcp.excluded": servers to skip)', verified: true },
		},
		evidence: { source: 'geminicli.com/docs/cli/configuration (project settings file .gemini/settings.json) and docs/tools/mcp-server.md (mcpServers)', verified: true },
	},
	{
		id: 'gemini-user',
		assistants: ['gemini-cli-companion', 'gemini-code-assist'],
		origin: 'user',
		base: 'home',
		path: '.gemini/settings.json',
		format: 'mcpServers',
		variables: 'env',
		noLever: 'A user file: Context Warden reports it and never edits it. System settings (/etc/gemini-cli/settings.json) can set mcp.allowed / mcp.excluded for the machine.',
		evidence: { source: 'geminicli.com/docs/cli/configuration (user settings file ~/.gemini/settings.json)', verified: true },
	},
	{
		id: 'continue-project',
		assistants: ['continue'],
		origin: 'workspace',
		base: 'workspace',
		path: '.continue/mcpServers/*',
		format: 'mcpServers',
		variables: 'none',
		noLever: 'Continue has no per-server off switch in its block files.',
		unread: { glob: '.continue/mcpServers/*.yaml', why: 'YAML blocks are not parsed by Context Warden yet: listed as unread' },
		evidence: {
			source: 'continuedev/continue docs/customize/deep-dives/mcp.mdx (".continue/mcpServers" folder; JSON files from Claude, Cursor, Cline "picked up automatically")',
			verified: true,
		},
	},
	{
		id: 'continue-user',
		assistants: ['continue'],
		origin: 'user',
		base: 'home',
		path: '.continue/mcpServers/*',
		format: 'mcpServers',
		variables: 'none',
		noLever: 'A user file: Context Warden reports it and never edits it. Servers in ~/.continue/config.yaml (YAML) are not read.',
		unread: { glob: '.continue/config.yaml', why: 'YAML configuration is not parsed by Context Warden yet' },
		evidence: { source: 'continuedev/continue docs/customize/deep-dives/mcp.mdx (mcpServers blocks)', verified: true },
	},
];

/** The VS Code settings that govern MCP as a whole, read by the adapter and reported with the inventory. */
export const MCP_SETTINGS = [
	{ key: 'chat.mcp.access', evidence: { source: `${VSCODE_MCP_DOC}, "Settings"; policy ChatMCP in build/lib/policies/policyData.jsonc`, verified: true } },
	{
		key: 'chat.mcp.discovery.enabled',
		evidence: { source: `${VSCODE_MCP_DOC}, "Settings": "automatic discovery of MCP server configuration from other applications"`, verified: true },
	},
	{ key: 'chat.mcp.autostart', evidence: { source: `${VSCODE_MCP_DOC}, "Settings" (experimental)`, verified: true } },
] as const;

export function mcpLocation(id: string): McpLocation | undefined {
	return MCP_LOCATIONS.find((l) => l.id === id);
}
