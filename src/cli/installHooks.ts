/**
 * `context-warden install-hooks --managed`: writes the agent hook into each agent's machine-wide settings file (for
 * an admin: run as root, or by the MDM), so it runs in every terminal session whether or not an editor is open.
 * `--remove` takes our entries out again; everything else in those files is kept as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENTS, type AgentId, resolveAgentId } from '../core/hooks/agentRegistry';
import { editManagedFile, MANAGED_HOOK_GAPS, MANAGED_HOOK_TARGETS, type ManagedPlatform, managedHookContent } from '../core/hooks/managed';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { termText } from './terminal';

const HELP = `Usage: context-warden install-hooks --managed [options]

Writes Context Warden's agent hook into each agent's machine-wide (admin-owned) settings file, so the
hook runs in every session on this machine, with or without an editor, and users cannot remove it:
${MANAGED_HOOK_TARGETS.map((t) => `  ${t.agent.padEnd(22)} ${t.paths.linux} (Linux), ${t.paths.darwin} (macOS)`).join('\n')}
The hook reads the org policy from the machine's well-known path (or --policy) and, without a snapshot
from the editor, walks the workspace the agent works in. Other keys and other hooks in those files are
kept byte for byte; running it again replaces our entries, --remove takes them out.

Options:
  --managed            required: write the machine-wide files (the only mode so far)
  --agents <ids>       a comma-separated subset (default: every agent above)
  --cli <file>         the Context Warden CLI the hook runs (default: this one, ${'`'}dist/cli.js${'`'})
  --node <file>        the Node.js runtime that runs it (default: this one)
  --log <file>         where the hook appends its audit entries (default: none)
  --policy <file>      the org policy, when not at the machine's well-known path
  --root <dir>         write under <dir> instead of / (to stage files for an MDM package, or to test)
  --platform <os>      linux or darwin (default: this machine's); Windows is not supported yet
  --remove             take our hook entries out of those files
  --dry-run            print what would be written, write nothing

Exit codes: 0 done, 1 a file could not be written (or is not valid JSON: it is left as it is), 2 bad arguments.
`;

const OPTIONS = {
	managed: { type: 'boolean' },
	agents: { type: 'string', value: 'a comma-separated list of agent ids' },
	cli: { type: 'string', value: 'a file' },
	node: { type: 'string', value: 'a file' },
	log: { type: 'string', value: 'a file' },
	policy: { type: 'string', value: 'a file' },
	root: { type: 'string', value: 'a folder' },
	platform: { type: 'string', value: 'linux or darwin' },
	remove: { type: 'boolean' },
	'dry-run': { type: 'boolean' },
} as const;

/** Where `platform`'s managed file lands under `root` (the absolute path itself when root is /). */
function underRoot(root: string, file: string): string {
	return path.join(root, file);
}

export const installHooksCommand: CliCommand = {
	name: 'install-hooks',
	summary: "write the agent hook into each agent's machine-wide settings (--managed), for terminal agents",
	help: HELP,
	async run(args, io) {
		const parsed = parseCommandArgs(args, OPTIONS, 0);
		const fail = (why: string): number => {
			io.stderr.write(`context-warden install-hooks: ${why}\n\n${HELP}`);
			return ExitCode.usage;
		};
		if (typeof parsed === 'string') {
			return fail(parsed);
		}
		const v = parsed.values;
		if (!v.managed) {
			return fail('--managed is required (the workspace hooks are installed by the editor extension)');
		}
		const platform = (v.platform ?? process.platform) as ManagedPlatform;
		if (platform !== 'linux' && platform !== 'darwin') {
			return fail(`--platform ${termText(platform)}: only linux and darwin are supported (the managed command is POSIX sh)`);
		}
		let agents: AgentId[] = MANAGED_HOOK_TARGETS.map((t) => t.agent);
		if (v.agents !== undefined) {
			const wanted: AgentId[] = [];
			for (const raw of v.agents.split(',').map((s) => s.trim()).filter(Boolean)) {
				const id = resolveAgentId(raw);
				if (!id) {
					return fail(`--agents: unknown agent ${termText(raw)}`);
				}
				if (!MANAGED_HOOK_TARGETS.some((t) => t.agent === id)) {
					return fail(`--agents: ${id} has no machine-wide hook file: ${MANAGED_HOOK_GAPS[id] ?? 'none is documented'}`);
				}
				wanted.push(id);
			}
			agents = wanted;
		}
		const cli = path.resolve(io.cwd, v.cli ?? process.argv[1] ?? 'cli.js');
		const node = path.resolve(io.cwd, v.node ?? process.execPath);
		const root = path.resolve(io.cwd, v.root ?? '/');
		const options = { node, cli, ...(v.log ? { log: path.resolve(io.cwd, v.log) } : {}), ...(v.policy ? { policy: path.resolve(io.cwd, v.policy) } : {}) };
		let failed = false;
		for (const target of MANAGED_HOOK_TARGETS.filter((t) => agents.includes(t.agent))) {
			const file = underRoot(root, target.paths[platform]);
			let before = '';
			try {
				const st = fs.lstatSync(file);
				if (!st.isFile()) {
					io.stderr.write(`${termText(file)}: not a regular file: left as it is\n`);
					failed = true;
					continue;
				}
				before = fs.readFileSync(file, 'utf8');
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
					io.stderr.write(`${termText(file)}: cannot read: ${termText(err instanceof Error ? err.message : String(err))}\n`);
					failed = true;
					continue;
				}
			}
			const edit = editManagedFile(before, managedHookContent(options, target.agent), v.remove === true);
			if (!edit.ok) {
				io.stderr.write(`${termText(file)}: ${edit.error}\n`);
				failed = true;
				continue;
			}
			const name = AGENTS[target.agent].name;
			if (!edit.changed) {
				io.stdout.write(`${termText(file)}: ${name}: ${v.remove ? 'no Context Warden hook to remove' : 'already up to date'}\n`);
				continue;
			}
			if (v['dry-run']) {
				io.stdout.write(`${termText(file)}: ${name}: would write:\n${termText(edit.text)}\n`);
				continue;
			}
			try {
				fs.mkdirSync(path.dirname(file), { recursive: true });
				const tmp = `${file}.context-warden-${process.pid}`;
				fs.writeFileSync(tmp, edit.text, { mode: 0o644 });
				fs.renameSync(tmp, file);
				io.stdout.write(`${termText(file)}: ${name}: ${v.remove ? 'hook removed' : 'hook written'}\n`);
			} catch (err) {
				io.stderr.write(`${termText(file)}: cannot write: ${termText(err instanceof Error ? err.message : String(err))}\n`);
				failed = true;
			}
		}
		return failed ? ExitCode.internal : ExitCode.ok;
	},
};
