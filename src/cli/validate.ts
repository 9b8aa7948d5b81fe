import * as path from 'node:path';
import { pathRuleDiagnostics } from '../core/policy/layering';
import { formatDiagnosticGnu, parseOrgPolicy, parsePolicyLayer } from '../core/policy/parse';
import { compileOrgPatterns } from '../core/classify/detectors/patterns';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { readPolicyFile } from './policyInputs';
import { termText } from './terminal';

const HELP = `Usage: context-warden validate <policy.json>... [--layer]

Checks policy files against the policy schema. Comments and trailing commas are allowed (JSONC).
Prints "<file>: valid" for a valid file; for an invalid one, every problem as
"file:line:col: path: message" on stderr. An org policy that drops built-in path
rule groups (pathRulesMode "replace", dropDefaultPathRules) is valid, with a warning
naming the groups.

Options:
  --layer     validate workspace layer files (.vscode/context-policy.json) instead of org policies
  -h, --help  show this help

Exit codes: 0 every file is valid, 2 a file is invalid or unreadable, or bad arguments.
`;

/** `context-warden validate`: checks org policy (or workspace layer) files, with located errors. */
export const validateCommand: CliCommand = {
	name: 'validate',
	summary: 'check a policy file (or a workspace layer with --layer); errors at line and column',
	help: HELP,
	async run(args, io) {
		const parsed = parseCommandArgs(args, { layer: { type: 'boolean' } });
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden validate: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const layer = parsed.values.layer === true;
		const files = parsed.positionals;
		if (files.length === 0) {
			io.stderr.write(`context-warden validate: no policy file given\n\n${HELP}`);
			return ExitCode.usage;
		}
		let code: number = ExitCode.ok;
		for (const file of files) {
			// A regular file below the cap only, opened without blocking (a FIFO or a device is refused at once).
			const read = await readPolicyFile(path.resolve(io.cwd, file));
			if (read === undefined || 'error' in read) {
				io.stderr.write(`${termText(file)}: cannot read: ${read === undefined ? 'no such file' : termText(read.error)}\n`);
				code = ExitCode.usage;
				continue;
			}
			const result = layer ? parsePolicyLayer(read.text, file) : parseOrgPolicy(read.text, file);
			// An org policy that drops default path rule groups is valid, and said so: files only they match lose their level.
			const warnings = !layer && result.ok ? pathRuleDiagnostics(result.value, file) : [];
			for (const d of [...result.diagnostics, ...warnings]) {
				io.stderr.write(`${termText(formatDiagnosticGnu(d))}\n`);
			}
			// The org patterns get the check the classifier applies when it compiles them (scan and the hook too).
			const patternErrors = result.ok ? compileOrgPatterns(result.value.content?.patterns ?? []).errors : [];
			for (const e of patternErrors) {
				io.stderr.write(`${termText(file)}: content.patterns '${termText(e.id)}': ${termText(e.message)}\n`);
			}
			if (result.ok && patternErrors.length === 0) {
				io.stdout.write(`${termText(file)}: valid${layer ? ' (workspace layer)' : ''}\n`);
			} else {
				code = ExitCode.usage;
				const errors = result.diagnostics.filter((d) => d.severity === 'error').length + patternErrors.length;
				const hint =
					!layer && path.basename(file) === 'context-policy.json' ? ' (a workspace layer? use --layer)' : '';
				io.stderr.write(`${termText(file)}: invalid, ${errors} error${errors === 1 ? '' : 's'}${hint}\n`);
			}
		}
		return code;
	},
};
