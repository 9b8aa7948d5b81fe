/**
 * The one registry of the agents Context Warden's hook knows: per agent, its id (the `--agent` value, which is the
 * assistants catalogue's id of the same product), the older ids still accepted on the command line, whether the
 * extension installs its hook and where, how to tell the agent is used in a workspace, and the hook lever the
 * catalogue shows for it. Everything else is derived from here and a unit test checks that they agree:
 * - the hook CLI's list of agents and its aliases (`resolveAgentId`);
 * - the installer (`install.ts` `hookInstallSpecs`, the extension's HookService) and the lever id in its ledger;
 * - the catalogue's hook levers (`hookLever`), which coverage reads;
 * - the README's table of agents (`agentTableMarkdown`).
 *
 * Plain data, no imports beyond types: the catalogue, the installer and the hook all load it.
 *
 * To add an agent: its adapter in `agents/` (payload in, answer out), an entry here, its spec in
 * `install.ts` when the extension installs it, and the README table (the unit test prints the expected one).
 */
import type { CoverageSurface, Evidence } from '../assistants/types';

export const AGENT_IDS = ['vscode', 'copilot-cli', 'claude-code', 'cursor', 'gemini-cli-companion', 'openai-codex', 'cline', 'windsurf-editor'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

/** What the catalogue shows of an installed hook: the lever `<catalogueId>.hook`. */
export interface HookLeverFacts {
	path: string;
	how: string;
	covers: CoverageSurface[];
	partial?: string;
	evidence: Evidence;
}

export interface AgentEntry {
	id: AgentId;
	/** Shown in the hook status lines. */
	name: string;
	/** Older `--agent` values, still accepted (hook commands written by older versions carry them). */
	aliases: readonly string[];
	/**
	 * The catalogue entry whose hook lever this is. Equal to `id` except for `vscode`, the editor's own hook
	 * format (`.github/hooks/*.json`), which the catalogue lists under the Copilot Chat entry whose agent runs it.
	 */
	catalogueId?: string;
	/**
	 * `workspace`: the extension writes the workspace hook file (`lever.path`) in restricted workspaces.
	 * `none`: the hook answers this agent's payloads, but the extension does not install it (`why`).
	 */
	install: { kind: 'workspace'; lever: HookLeverFacts } | { kind: 'none'; why: string };
	/** How to tell the agent is used here: always (the editor itself), a folder at the root, or an extension. */
	presence: { always: true } | { folder: string; extensions?: readonly string[] };
}

/** Evidence recorded in docs/evidence/agent-hooks.md, under the agent's heading. */
const hookEvidence = (anchor: AgentId, verified = true, note?: string): Evidence => ({ source: `docs/evidence/agent-hooks.md#${anchor}`, verified, ...(note ? { note } : {}) });

export const AGENTS: Readonly<Record<AgentId, AgentEntry>> = {
	vscode: {
		id: 'vscode',
		name: 'VS Code',
		aliases: [],
		catalogueId: 'github-copilot-chat',
		install: {
			kind: 'workspace',
			lever: {
				path: '.github/hooks/context-warden.json',
				how: 'PreToolUse hook denies read_file/list_dir/file_search/grep_search on sensitive paths and run_in_terminal commands naming them',
				covers: ['agentFileTools', 'terminal'],
				partial: 'hooks are a Preview feature and fail open on timeout; @-mentions bypass PreToolUse',
				evidence: hookEvidence('vscode'),
			},
		},
		presence: { always: true },
	},
	'copilot-cli': {
		id: 'copilot-cli',
		name: 'Copilot CLI',
		aliases: [],
		install: { kind: 'none', why: 'its hook file is in the home folder (~/.copilot/hooks/), outside the workspace; it also reads the VS Code hook file' },
		presence: { folder: '.github/hooks' },
	},
	'claude-code': {
		id: 'claude-code',
		name: 'Claude Code',
		aliases: ['claude'],
		catalogueId: 'claude-code',
		install: {
			kind: 'workspace',
			lever: {
				path: '.claude/settings.local.json',
				how: 'PreToolUse hook (matcher Read|Grep|Glob|Bash) and UserPromptSubmit hook deny sensitive paths',
				covers: ['agentFileTools', 'terminal', 'chat'],
				partial: 'a hook failing with an exit code other than 2 does not block',
				evidence: hookEvidence('claude-code'),
			},
		},
		presence: { folder: '.claude', extensions: ['anthropic.claude-code'] },
	},
	cursor: {
		id: 'cursor',
		name: 'Cursor',
		aliases: [],
		catalogueId: 'cursor',
		install: {
			kind: 'workspace',
			lever: {
				path: '.cursor/hooks.json',
				how: 'beforeReadFile and beforeShellExecution hooks deny sensitive paths',
				covers: ['agentFileTools', 'terminal'],
				partial: 'fails open unless failClosed is set',
				evidence: hookEvidence('cursor'),
			},
		},
		presence: { folder: '.cursor' },
	},
	'gemini-cli-companion': {
		id: 'gemini-cli-companion',
		name: 'Gemini CLI',
		aliases: ['gemini'],
		catalogueId: 'gemini-cli-companion',
		install: {
			kind: 'workspace',
			lever: {
				path: '.gemini/settings.json',
				how: 'BeforeTool hook on read_file|read_many_files|grep_search|glob|list_directory|run_shell_command',
				covers: ['agentFileTools', 'terminal'],
				evidence: hookEvidence('gemini-cli-companion'),
			},
		},
		presence: { folder: '.gemini', extensions: ['google.gemini-cli-vscode-ide-companion'] },
	},
	'openai-codex': {
		id: 'openai-codex',
		name: 'Codex',
		aliases: ['codex'],
		catalogueId: 'openai-codex',
		install: {
			kind: 'workspace',
			lever: {
				path: '.codex/hooks.json',
				how: 'PreToolUse hook on Bash commands',
				covers: ['terminal'],
				partial: 'no read_file interception',
				evidence: hookEvidence('openai-codex', false, 'config shape from secondary sources'),
			},
		},
		presence: { folder: '.codex', extensions: ['openai.chatgpt'] },
	},
	cline: {
		id: 'cline',
		name: 'Cline',
		aliases: [],
		catalogueId: 'cline',
		install: {
			kind: 'none',
			why: 'Cline runs executable files from .clinerules/hooks/ only after the user turns on "Enable Hooks" in its own settings, which an extension cannot do: the hook answers `--agent cline`, but installing it is left to the user',
		},
		presence: { folder: '.clinerules', extensions: ['saoudrizwan.claude-dev'] },
	},
	'windsurf-editor': {
		id: 'windsurf-editor',
		name: 'Windsurf',
		aliases: ['windsurf'],
		catalogueId: 'windsurf-editor',
		install: {
			kind: 'workspace',
			lever: {
				path: '.windsurf/hooks.json',
				how: 'pre_read_code, pre_run_command and pre_user_prompt hooks block sensitive paths (exit code 2)',
				covers: ['agentFileTools', 'terminal', 'chat'],
				partial: 'Cascade hooks are in beta; the event names come from secondary sources',
				evidence: hookEvidence('windsurf-editor', false, 'event names from secondary sources'),
			},
		},
		presence: { folder: '.windsurf' },
	},
};

/** The registry entry of an `--agent` value (an id or an older alias); undefined when unknown. */
export function resolveAgentId(value: string): AgentId | undefined {
	for (const id of AGENT_IDS) {
		if (id === value || AGENTS[id].aliases.includes(value)) {
			return id;
		}
	}
	return undefined;
}

/** The agents whose hook the extension installs in restricted workspaces. */
export function installedAgents(): AgentEntry[] {
	return AGENT_IDS.map((id) => AGENTS[id]).filter((a) => a.install.kind === 'workspace');
}

/** The lever id of an agent's hook, as the catalogue and the ledger name it (`<catalogueId>.hook`). */
export function hookLeverId(agent: AgentId): string {
	return `${AGENTS[agent].catalogueId ?? agent}.hook`;
}

/** The catalogue's hook lever of a catalogue entry, derived from the agent whose hook it is (none: empty). */
export function hookLever(catalogueId: string): {
	id: string;
	kind: 'hook';
	purpose: 'exclude';
	path: string;
	how: string;
	covers: CoverageSurface[];
	partial?: string;
	evidence: Evidence;
}[] {
	return installedAgents().flatMap((a) => {
		if (a.catalogueId !== catalogueId || a.install.kind !== 'workspace') {
			return [];
		}
		const { path, how, covers, partial, evidence } = a.install.lever;
		return [{ id: hookLeverId(a.id), kind: 'hook' as const, purpose: 'exclude' as const, path, how, covers: [...covers], ...(partial ? { partial } : {}), evidence }];
	});
}

/** The README's table of agents: what the hook answers, what the extension installs and where. */
export function agentTableMarkdown(): string {
	const rows = AGENT_IDS.map((id) => {
		const a = AGENTS[id];
		const ids = [id, ...a.aliases].map((x) => `\`${x}\``).join(', ');
		const installed = a.install.kind === 'workspace' ? `\`${a.install.lever.path}\`` : `not installed: ${a.install.why}`;
		return `| ${a.name} | ${ids} | ${installed} |`;
	});
	return ['| Agent | `--agent` (older ids still accepted) | Installed by the extension in restricted workspaces |', '|---|---|---|', ...rows].join('\n');
}
