/**
 * Installer data: for each agent, which file to write and what to merge into it, with the exact command
 * line of the hook. Plain data and pure functions; the adapter merges it into the user's files with the
 * managed-block guarantees (src/core/assistants/managedBlock.ts).
 */
import { AGENTS, type AgentId } from './agentRegistry';
import { guardedCommand } from './launcher';

/** Where the hook runs from: absolute paths on this machine. */
export interface HookCommandOptions {
	/** Absolute path of the node executable (e.g. `process.execPath`). */
	node: string;
	/** Absolute path of the bundled hook (`dist/hook.js`, or `dist/cli.js`, which takes the `hook` command). */
	cli: string;
	agent: AgentId;
	snapshot?: string;
	snapshotDir?: string;
	log?: string;
	heartbeat?: string;
	/** The org policy file, when not the machine's well-known path (used when the snapshot is missing). */
	policy?: string;
	/** The workspace root (used when the snapshot is missing and the payload gives no root). */
	workspace?: string;
	/**
	 * `node` is an Electron binary (VS Code's `process.execPath` on the desktop): run it as plain Node with
	 * `ELECTRON_RUN_AS_NODE=1`, or it would start another editor window.
	 */
	electronRunAsNode?: boolean;
	/**
	 * The hook launcher at a stable path (launcher.ts): the POSIX command runs it instead of `node` and `cli`, so an
	 * extension update keeps the hook working and an uninstall leaves a command that allows and says so. The
	 * PowerShell command (Windows) still names `node` and `cli`.
	 */
	launcher?: string;
}

/** One file to create or merge into. */
export interface HookInstallSpec {
	agent: AgentId;
	/** `workspace`: `file` is relative to the workspace root; `user`: `file` starts with `~/`. */
	scope: 'workspace' | 'user';
	file: string;
	/** `json`: merge `content` (an object) into the file; `executable`: write `content` (a script) with mode 0755. */
	format: 'json' | 'executable';
	content: Record<string, unknown> | string;
	/**
	 * The file is this machine's as a whole (the agent's personal, not-committed settings, or a file of our own):
	 * it is kept out of version control even when it was there before us. Other files are shared ones the team may
	 * commit: only when we create them are they kept out (see installPlan.ts `placeHookFiles`).
	 */
	personal?: true;
	notes: string[];
}

function quotePosix(s: string): string {
	return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function quotePowerShell(s: string): string {
	return `'${s.replace(/'/g, "''")}'`;
}

function hookArgs(o: HookCommandOptions): string[] {
	const args = ['hook', '--agent', o.agent];
	if (o.snapshot) {
		args.push('--snapshot', o.snapshot);
	}
	if (o.snapshotDir) {
		args.push('--snapshot-dir', o.snapshotDir);
	}
	if (o.log) {
		args.push('--log', o.log);
	}
	if (o.heartbeat) {
		args.push('--heartbeat', o.heartbeat);
	}
	if (o.policy) {
		args.push('--policy', o.policy);
	}
	if (o.workspace) {
		args.push('--workspace', o.workspace);
	}
	return args;
}

/**
 * The hook's command line for a shell: `posix` (sh, what every agent uses on macOS and Linux) or `powershell`
 * (VS Code on Windows runs hooks in PowerShell; a quoted program needs the `&` call operator).
 */
export function hookCommandLine(o: HookCommandOptions, shell: 'posix' | 'powershell' = 'posix'): string {
	const words = [o.node, o.cli, ...hookArgs(o)];
	if (shell === 'powershell') {
		return `${o.electronRunAsNode ? "$env:ELECTRON_RUN_AS_NODE='1'; " : ''}& ${words.map(quotePowerShell).join(' ')}`;
	}
	if (o.launcher) {
		return guardedCommand(o.launcher, hookArgs(o).map(quotePosix).join(' '), o.agent);
	}
	const line = words.map((w) => (w === o.node || w === o.cli ? `"${w.replace(/(["\\$`])/g, '\\$1')}"` : quotePosix(w))).join(' ');
	return o.electronRunAsNode ? `ELECTRON_RUN_AS_NODE=1 ${line}` : line;
}

const CLAUDE_MATCHER = '^(Read|NotebookRead|Grep|Glob|Bash|Edit|MultiEdit|Write|NotebookEdit|mcp__.*)$';
/** The tools whose output PostToolUse redacts: file reads, searches, the shell and every MCP tool (a regex: `mcp__` needs one). */
const CLAUDE_OUTPUT_MATCHER = '^(Read|NotebookRead|Grep|Bash|mcp__.*)$';
const GEMINI_MATCHER = 'read_file|read_many_files|grep_search|search_file_content|run_shell_command';

/** The workspace hook file of an agent the extension installs, from the agent registry. */
function workspaceFile(agent: AgentId): string {
	const install = AGENTS[agent].install;
	if (install.kind !== 'workspace') {
		throw new Error(`${agent}: the extension does not install its hook`);
	}
	return install.lever.path;
}

/**
 * The files to write for one agent, with the hook registered for the events that matter (none for an agent whose
 * hook the extension does not install, see agentRegistry.ts; Copilot CLI's user-scope file is described, not written).
 */
export function hookInstallSpecs(o: Omit<HookCommandOptions, 'agent'>, agent: AgentId): HookInstallSpec[] {
	const opts = { ...o, agent };
	const command = hookCommandLine(opts);
	const windows = hookCommandLine(opts, 'powershell');
	const local = ['The command holds absolute paths of this machine: a file we create is kept out of git in .git/info/exclude; a file git tracks is not written.'];
	switch (agent) {
		case 'vscode': {
			const entry = { type: 'command', command, windows, timeout: 10 };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					personal: true,
					content: { hooks: { PreToolUse: [entry], UserPromptSubmit: [entry] } },
					notes: [...local, 'PascalCase (Local) format: read by the VS Code Local harness and by Copilot CLI; the hook tells them apart from the payload.', 'Matchers are ignored by VS Code: the hook filters tools itself.'],
				},
			];
		}
		case 'copilot-cli': {
			const entry = { type: 'command', bash: command, powershell: windows, timeoutSec: 10 };
			return [
				{
					agent,
					scope: 'user',
					file: '~/.copilot/hooks/context-warden.json',
					format: 'json',
					content: { version: 1, hooks: { preToolUse: [entry], userPromptSubmitted: [entry] } },
					notes: ['Copilot CLI format (numeric version, camelCase events); exit 2 is only a warning for preToolUse, so the hook answers in JSON with exit 0.'],
				},
			];
		}
		case 'claude-code': {
			const handler = { type: 'command', command, timeout: 10 };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					personal: true,
					content: {
						hooks: {
							PreToolUse: [{ matcher: CLAUDE_MATCHER, hooks: [handler] }],
							PostToolUse: [{ matcher: CLAUDE_OUTPUT_MATCHER, hooks: [handler] }],
							UserPromptSubmit: [{ hooks: [handler] }],
						},
					},
					notes: [
						...local,
						'The personal (not committed) project settings file, read by Claude Code and by VS Code (which also loads Claude-format hooks); .claude/settings.json is the team\'s and gets no machine paths. Only the hooks key is ours.',
					],
				},
			];
		}
		case 'cursor': {
			const read = { command, timeout: 5, failClosed: true };
			const other = { command, timeout: 5 };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					content: { version: 1, hooks: { beforeReadFile: [read], beforeTabFileRead: [read], beforeShellExecution: [other], beforeSubmitPrompt: [other] } },
					notes: [...local, 'Cursor 2.6+ rejects unknown event names and fails the whole file: only these four are written.', 'failClosed on the read events only: the hook answers them with an explicit permission.'],
				},
			];
		}
		case 'gemini-cli-companion': {
			const handler = { name: 'context-warden', type: 'command', command, timeout: 5000 };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					content: { hooks: { BeforeTool: [{ matcher: GEMINI_MATCHER, hooks: [handler] }], BeforeAgent: [{ hooks: [handler] }] } },
					notes: [...local, 'Timeouts are in milliseconds. Gemini asks the user to trust a changed project hook before it runs.'],
				},
			];
		}
		case 'openai-codex': {
			const handler = { type: 'command', command };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					content: { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [handler] }], UserPromptSubmit: [{ hooks: [handler] }] } },
					notes: [...local, 'Codex loads project hooks only from a trusted .codex layer, and asks the user to trust each hook (by hash) in /hooks.'],
				},
			];
		}
		case 'cline':
			return []; // not installed by the extension: see agentRegistry.ts
		case 'windsurf-editor': {
			const entry = { command, show_output: true };
			return [
				{
					agent,
					scope: 'workspace',
					file: workspaceFile(agent),
					format: 'json',
					content: { hooks: { pre_read_code: [entry], pre_run_command: [entry], pre_user_prompt: [entry] } },
					notes: [...local, 'Windsurf blocks on exit code 2 with the reason on stderr.'],
				},
			];
		}
	}
}
