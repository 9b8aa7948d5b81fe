import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnosticGnu, parseOrgPolicy, parsePolicyLayer } from '../core/policy/parse';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { termText } from './terminal';

const HELP = `Usage: context-warden validate <policy.json>... [--layer]

Checks policy files against the policy schema. Comments and trailing commas are allowed (JSONC).
Prints "<file>: valid" for a valid file; for an invalid one, every problem as
"file:line:col: path: message" on stderr.

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
			let text: string;
			try {
				text = await fs.promises.readFile(path.resolve(io.cwd, file), 'utf8');
			} catch (err) {
				const e = err as NodeJS.ErrnoException;
				io.stderr.write(`${termText(file)}: cannot read: ${e.code === 'ENOENT' ? 'no such file' : termText(e.message)}\n`);
				code = ExitCode.usage;
				continue;
			}
			const result = layer ? parsePolicyLayer(text, file) : parseOrgPolicy(text, file);
			for (const d of result.diagnostics) {
				io.stderr.write(`${termText(formatDiagnosticGnu(d))}\n`);
			}
			if (result.ok) {
				io.stdout.write(`${termText(file)}: valid${layer ? ' (workspace layer)' : ''}\n`);
			} else {
				code = ExitCode.usage;
				const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
				const hint =
					!layer && path.basename(file) === 'context-policy.json' ? ' (a workspace layer? use --layer)' : '';
				io.stderr.write(`${termText(file)}: invalid, ${errors} error${errors === 1 ? '' : 's'}${hint}\n`);
			}
		}
		return code;
	},
};
