import { machineWideBlocks, planAllowedExtensions } from '../core/assistants/allowedExtensions';
import { formatDiagnosticGnu } from '../core/policy/parse';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { loadEffectivePolicy } from './policyInputs';
import { termText } from './terminal';

const HELP = `Usage: context-warden allowed-extensions [--policy <file>]

Prints the value of VS Code's extensions.allowed setting (the AllowedExtensions policy, VS Code 1.96+)
that blocks, on the whole machine, the assistants the org policy blocks in every workspace
(assistants.block): {"*": true, "<extension id>": false, ...}. Deploy it as the AllowedExtensions
policy (MDM, Group Policy, /etc/vscode/policy.json) or the user setting, so a blocked assistant cannot
be installed or enabled. Only the org policy is read: workspace layers cannot change a machine setting.
Assistants disallowed only in restricted workspaces are governed per workspace and are not listed.

Options:
  --policy <file>  the org policy (default: the machine's well-known path)
  -h, --help       show this help

Exit codes: 0 ok, 2 bad arguments, or the org policy is invalid or unreadable.
`;

/** `context-warden allowed-extensions`: the extensions.allowed value for the policy's blocked assistants. */
export const allowedExtensionsCommand: CliCommand = {
	name: 'allowed-extensions',
	summary: "print the extensions.allowed value (AllowedExtensions policy) blocking the policy's blocked assistants",
	help: HELP,
	async run(args, io) {
		const parsed = parseCommandArgs(args, { policy: { type: 'string' } }, 0);
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden allowed-extensions: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const policyFile = parsed.values.policy;
		const { effective, warnings } = await loadEffectivePolicy({ policyFile, cwd: io.cwd, env: io.env });
		for (const w of warnings) {
			io.stderr.write(`context-warden: warning: ${termText(w)}\n`);
		}
		if (effective.state === 'org-last-valid' || effective.state === 'strict-fallback') {
			for (const d of effective.diagnostics.filter((x) => x.severity === 'error')) {
				io.stderr.write(`${termText(formatDiagnosticGnu(d))}\n`);
			}
			io.stderr.write('context-warden allowed-extensions: the org policy is invalid or unreadable\n');
			return ExitCode.usage;
		}
		const plan = planAllowedExtensions(machineWideBlocks(effective));
		for (const n of plan.notes) {
			io.stderr.write(`context-warden: note: ${termText(n)}\n`);
		}
		if (plan.blocked.length === 0) {
			io.stderr.write('context-warden: note: the policy blocks no assistant in every workspace (assistants.block is empty)\n');
		}
		io.stdout.write(`${JSON.stringify(plan.value, null, 2)}\n`);
		return ExitCode.ok;
	},
};
