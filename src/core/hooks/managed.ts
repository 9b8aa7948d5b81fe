/**
 * Machine-wide ("managed") hook files: the agents' own admin-owned settings files, read in every terminal session on
 * the machine whether or not an editor is open, and with the highest precedence, so a user's own settings cannot
 * take the hook away. `context-warden install-hooks --managed` writes them (an admin, by MDM or by hand); the hook
 * they run reads the org policy from the machine's well-known path and, with no snapshot, walks the workspace itself.
 *
 * Only agents whose vendor documents such a file are here; docs/evidence/managed-hooks.md has the sources. The
 * hook content is the installer's own (install.ts), so the managed file and the workspace file never disagree on
 * events and matchers.
 *
 * Pure: the CLI reads and writes the files; this says where they are and edits their text.
 */
import { applyEdits, modify, parse, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Evidence } from '../assistants/types';
import { type AgentId } from './agentRegistry';
import { hookInstallSpecs } from './install';
import { shQuote } from './launcher';

export type ManagedPlatform = 'linux' | 'darwin' | 'win32';

export interface ManagedHookTarget {
	agent: AgentId;
	/** The admin-owned file, per OS. */
	paths: Readonly<Record<ManagedPlatform, string>>;
	/** Where it sits among the agent's settings, and whether a user can override it. */
	precedence: string;
	evidence: Evidence;
}

const evidence = (section: string, verified = true): Evidence => ({ source: `docs/evidence/managed-hooks.md#${section}`, verified });

/** The agents with a documented machine-wide settings file that can hold hooks. */
export const MANAGED_HOOK_TARGETS: readonly ManagedHookTarget[] = [
	{
		agent: 'claude-code',
		paths: {
			linux: '/etc/claude-code/managed-settings.json',
			darwin: '/Library/Application Support/ClaudeCode/managed-settings.json',
			win32: 'C:\\ProgramData\\ClaudeCode\\managed-settings.json',
		},
		precedence: 'Managed settings override user, project and local settings and cannot be overridden by users; hook lists from every settings file all run.',
		evidence: evidence('claude-code'),
	},
	{
		agent: 'gemini-cli-companion',
		paths: {
			linux: '/etc/gemini-cli/settings.json',
			darwin: '/Library/Application Support/GeminiCli/settings.json',
			win32: 'C:\\ProgramData\\gemini-cli\\settings.json',
		},
		precedence: 'The system settings file overrides user and workspace settings; objects are merged across files. Google says it is not a foolproof boundary against a user with admin rights.',
		evidence: evidence('gemini-cli'),
	},
	{
		agent: 'cursor',
		paths: {
			linux: '/etc/cursor/hooks.json',
			darwin: '/Library/Application Support/Cursor/hooks.json',
			win32: 'C:\\ProgramData\\Cursor\\hooks.json',
		},
		precedence: 'The enterprise hooks file runs beside project and user hooks; team hooks from the dashboard are a separate mechanism.',
		evidence: evidence('cursor', false),
	},
];

/** Agents with hooks but no machine-wide file we could confirm, and why (the coverage readout says so). */
export const MANAGED_HOOK_GAPS: Readonly<Partial<Record<AgentId, string>>> = {
	'copilot-cli': 'Copilot CLI reads hooks from ~/.copilot/hooks and the repository; its enterprise managed settings carry permissions, not hooks.',
	'openai-codex': 'Codex enforces requirements.toml for approvals and sandbox, not hooks.',
	'windsurf-editor': 'Windsurf names system-level hook paths, but none could be confirmed in its docs.',
	vscode: "VS Code's managed hooks come from enterprise policy (ChatAllowManagedHooksOnly) and plugins, not a file an admin writes.",
	cline: 'Cline has no machine-wide hook file.',
};

export interface ManagedCommandOptions {
	/** The node runtime (absolute). */
	node: string;
	/** The CLI (`dist/cli.js` of an installed Context Warden, e.g. under /usr/local/lib/node_modules). */
	cli: string;
	/** Where the hook appends its audit entries (absolute), if anywhere. */
	log?: string;
	/** The org policy, when not the machine's well-known path. */
	policy?: string;
}

/** The text that marks a hook entry as ours, in every command we write. */
export const MANAGED_MARKER = 'context-warden-managed';

/**
 * The hook's command for a managed file: the CLI's hook for this agent, with no snapshot and no workspace (the hook
 * finds the workspace from the payload and walks it), guarded: if Context Warden is uninstalled it allows and says
 * so, rather than failing every call with a path that does not exist.
 */
export function managedCommand(o: ManagedCommandOptions, agent: AgentId): string {
	const args = ['hook', '--agent', agent, ...(o.log ? ['--log', o.log] : []), ...(o.policy ? ['--policy', o.policy] : [])].map(shQuote).join(' ');
	const gone = `context-warden hook (${MANAGED_MARKER}): Context Warden is not installed at ${o.cli}, so this hook allows everything; ask your administrator.`;
	const allow = agent === 'cursor' ? ` echo '{"permission":"allow"}';` : '';
	return `if [ -f ${shQuote(o.cli)} ] && [ -x ${shQuote(o.node)} ]; then exec ${shQuote(o.node)} ${shQuote(o.cli)} ${args}; else echo ${shQuote(gone)} >&2;${allow} fi`;
}

/** What to merge into an agent's managed file: the installer's hook content with the managed command. */
export function managedHookContent(o: ManagedCommandOptions, agent: AgentId): Record<string, unknown> {
	const [spec] = hookInstallSpecs({ node: o.node, cli: o.cli }, agent);
	if (!spec || spec.format !== 'json' || typeof spec.content !== 'object') {
		throw new Error(`${agent}: no JSON hook content`);
	}
	return replaceCommands(spec.content, managedCommand(o, agent)) as Record<string, unknown>;
}

/** The same content with every `command`/`bash` string replaced by `command` (the installer's carry machine paths). */
function replaceCommands(v: unknown, command: string): unknown {
	if (Array.isArray(v)) {
		return v.map((x) => replaceCommands(x, command));
	}
	if (v && typeof v === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) {
			if (k === 'windows' || k === 'powershell') {
				continue; // The managed command is POSIX sh (macOS, Linux); see docs/fleet.md for Windows.
			}
			out[k] = (k === 'command' || k === 'bash') && typeof x === 'string' ? command : replaceCommands(x, command);
		}
		return out;
	}
	return v;
}

/** Whether a hook entry (or a group holding one) runs our managed command. */
function isOurs(entry: unknown): boolean {
	return JSON.stringify(entry).includes(MANAGED_MARKER);
}

export type ManagedEdit = { ok: true; text: string; changed: boolean } | { ok: false; error: string };

/**
 * Merges the content into the file's text (JSONC kept: comments, other keys and other hooks stay as they are):
 * for each event, our previous entries are replaced by the new ones, everyone else's kept. `remove` takes ours out.
 */
export function editManagedFile(text: string, content: Record<string, unknown>, remove = false): ManagedEdit {
	const errors: ParseError[] = [];
	const source = text.trim() === '' ? '{}' : text;
	const root = parse(source, errors, { allowTrailingComma: true }) as unknown;
	const first = errors[0];
	if (first) {
		return { ok: false, error: `not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset}): left as it is` };
	}
	if (!root || typeof root !== 'object' || Array.isArray(root)) {
		return { ok: false, error: 'not a JSON object: left as it is' };
	}
	if (text.trim() === '') {
		// A new file: written whole, indented.
		return remove ? { ok: true, text, changed: false } : { ok: true, text: `${JSON.stringify(content, null, 2)}\n`, changed: true };
	}
	let out = source;
	// No formatting options: jsonc-parser would reformat the object or array around each edit, the admin's entries
	// too. Unformatted edits touch only what they add or take away, so --remove gives the file back byte for byte.
	const set = (path: (string | number)[], value: unknown): void => {
		out = applyEdits(out, modify(out, path, value, {}));
	};
	const existingHooks = (root as Record<string, unknown>).hooks;
	const hooks = existingHooks && typeof existingHooks === 'object' && !Array.isArray(existingHooks) ? (existingHooks as Record<string, unknown>) : {};
	for (const [key, value] of Object.entries(content)) {
		if (key !== 'hooks') {
			if (!remove && (root as Record<string, unknown>)[key] === undefined) {
				set([key], value); // e.g. Cursor's "version": 1, only where the file has none
			}
			continue;
		}
		for (const [event, entries] of Object.entries(value as Record<string, unknown[]>)) {
			const before = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : [];
			const ours = before.map((e, i) => (isOurs(e) ? i : -1)).filter((i) => i >= 0);
			const same = !remove && ours.length === entries.length && ours.every((i, k) => JSON.stringify(before[i]) === JSON.stringify(entries[k]));
			if (same) {
				continue;
			}
			if (ours.length === before.length && (remove || before.length === 0)) {
				// Only ours there (or nothing): the event goes, or is written whole.
				if (hooks[event] !== undefined || !remove) {
					set(['hooks', event], remove ? undefined : entries);
				}
				continue;
			}
			// Others' entries stay byte for byte: ours are taken out one by one (last first) and added at the end.
			for (const i of [...ours].reverse()) {
				set(['hooks', event, i], undefined);
			}
			if (!remove) {
				for (const entry of entries) {
					out = applyEdits(out, modify(out, ['hooks', event, -1], entry, { isArrayInsertion: true }));
				}
			}
		}
	}
	if (remove) {
		const after = parse(out, [], { allowTrailingComma: true }) as Record<string, unknown>;
		const left = after.hooks;
		if (left && typeof left === 'object' && Object.keys(left).length === 0) {
			set(['hooks'], undefined);
		}
	}
	if (out !== source && !out.endsWith('\n')) {
		out += '\n';
	}
	return { ok: true, text: out === source ? text : out, changed: out !== source };
}
