import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileClassifier } from '../core/classify/classifier';
import type { EffectivePolicy } from '../core/policy/layering';
import { formatDiagnosticGnu } from '../core/policy/parse';
import { type CliIo, ExitCode } from './io';
import { loadEffectivePolicy } from './policyInputs';
import { termText } from './terminal';

/**
 * What `scan` and `audit` do before scanning: check the directory, load the effective policy, print its problems,
 * and refuse an invalid org policy or rules the classifier cannot compile. Resolves to the absolute root and the
 * policy, or to the exit code after saying why on stderr.
 */
export async function prepareScan(
	command: string,
	dir: string,
	policyFile: string | undefined,
	io: CliIo,
): Promise<{ root: string; effective: EffectivePolicy } | number> {
	const root = path.resolve(io.cwd, dir);
	let st: fs.Stats;
	try {
		st = fs.statSync(root);
	} catch {
		io.stderr.write(`context-warden ${command}: no such directory: ${termText(dir)}\n`);
		return ExitCode.usage;
	}
	if (!st.isDirectory()) {
		io.stderr.write(`context-warden ${command}: not a directory: ${termText(dir)}\n`);
		return ExitCode.usage;
	}
	const { effective, warnings } = await loadEffectivePolicy({ policyFile, workspaceDir: dir, cwd: io.cwd, env: io.env });
	for (const w of warnings) {
		io.stderr.write(`context-warden: warning: ${termText(w)}\n`);
	}
	if (effective.state === 'org-last-valid' || effective.state === 'strict-fallback') {
		for (const d of effective.diagnostics.filter((x) => x.severity === 'error')) {
			io.stderr.write(`${termText(formatDiagnosticGnu(d))}\n`);
		}
		io.stderr.write(`context-warden ${command}: the org policy is invalid or unreadable\n`);
		return ExitCode.usage;
	}
	for (const d of effective.diagnostics) {
		io.stderr.write(`context-warden: ${termText(formatDiagnosticGnu(d))}\n`);
	}
	// Compiled here for its errors only: the scan compiles its own (one per worker thread).
	const { errors } = compileClassifier(effective.policy, effective.exceptions.active);
	if (errors.length > 0) {
		for (const e of errors) {
			io.stderr.write(`context-warden ${command}: policy ${e.family} '${termText(e.id)}': ${termText(e.message)}\n`);
		}
		return ExitCode.usage;
	}
	return { root, effective };
}
