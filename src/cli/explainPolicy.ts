import { renderEffectivePolicy, renderEffectivePolicyJson } from '../core/policy/render';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { loadEffectivePolicy } from './policyInputs';
import { termText } from './terminal';

const HELP = `Usage: context-warden explain-policy [--policy <file>] [--workspace <dir>] [--json]

Prints the effective policy: the built-in default, the org policy, the workspace layer
<dir>/.vscode/context-policy.json and the contextWarden.* keys of <dir>/.vscode/settings.json,
merged (workspace layers can only tighten), with the layer every value came from, the sources
and their sha256, refused loosening attempts, and exceptions.

Options:
  --policy <file>    the org policy (default: the machine's well-known path:
                     /etc/context-warden/policy.json on Linux,
                     /Library/Application Support/ContextWarden/policy.json on macOS,
                     %ProgramData%\\ContextWarden\\policy.json on Windows)
  --workspace <dir>  the workspace folder whose layers are read (default: the current directory)
  --json             print JSON instead of annotated JSONC
  -h, --help         show this help

Exit codes: 0 ok, 2 bad arguments, or the org policy is invalid or unreadable (the fallback in force is
still printed).
`;

/** `context-warden explain-policy`: the effective policy, each value annotated with its source layer. */
export const explainPolicyCommand: CliCommand = {
	name: 'explain-policy',
	summary: 'print the effective policy with the layer each value came from',
	help: HELP,
	async run(args, io) {
		const parsed = parseCommandArgs(args, { policy: { type: 'string' }, workspace: { type: 'string' }, json: { type: 'boolean' } }, 0);
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden explain-policy: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const { policy: policyFile, workspace: workspaceDir, json } = parsed.values;
		const { effective, warnings } = await loadEffectivePolicy({ policyFile, workspaceDir: workspaceDir ?? '.', cwd: io.cwd, env: io.env });
		for (const w of warnings) {
			io.stderr.write(`context-warden: warning: ${termText(w)}\n`);
		}
		io.stdout.write(json ? renderEffectivePolicyJson(effective) : renderEffectivePolicy(effective));
		if (effective.state === 'org-last-valid' || effective.state === 'strict-fallback') {
			io.stderr.write('context-warden: the org policy is invalid or unreadable; see the problems above the policy\n');
			return ExitCode.usage;
		}
		return ExitCode.ok;
	},
};
