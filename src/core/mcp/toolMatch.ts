/**
 * Which configured MCP server an agent's tool call goes to, from the tool's name: Claude Code and Codex name MCP
 * tools `mcp__<server>__<tool>`, Gemini CLI `mcp_<server>_<tool>` (the agents' hook documentation, see
 * docs/evidence/mcp.md). Claude Code writes a server name with every character other than letters, digits, `_` and `-` as
 * `_`, so names are compared in that form. A name is only ever matched against servers the configuration declares:
 * an unknown tool name matches nothing.
 */
import type { McpReport } from './model';

/** Whether a tool name has the form of an MCP tool of an agent Context Warden hooks. */
export function looksLikeMcpTool(tool: string): boolean {
	return /^mcp_/.test(tool);
}

function normalized(name: string): string {
	return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The configured server (among `names`) a tool call goes to, the longest name first; undefined when none. */
export function serverOfTool(tool: string, names: readonly string[]): string | undefined {
	const sorted = [...names].sort((a, b) => b.length - a.length);
	for (const name of sorted) {
		const n = normalized(name);
		if (tool.startsWith(`mcp__${n}__`) || tool.startsWith(`mcp_${n}_`)) {
			return name;
		}
	}
	return undefined;
}

/** The servers of a report the policy blocks (their names, as tool calls name them). */
export function blockedServerNames(report: Pick<McpReport, 'servers'>): string[] {
	return [...new Set(report.servers.filter((s) => s.verdict === 'blocked').map((s) => s.name))];
}
