/**
 * `context-warden`: the same core as the extension, from a terminal or CI. Never imports `vscode`.
 * Exit codes: 0 success, 1 internal error, 2 bad arguments or invalid policy, 3 a `--fail-on` threshold was reached.
 */
import { runCli } from './cli/main';
import { runScanWorkerIfWorker } from './core/classify/parallel';

// A `scan`/`audit` worker thread runs this same bundle: it serves batches instead of running the CLI.
if (!runScanWorkerIfWorker()) {
	runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env })
		.then((code) => {
			process.exitCode = code;
		})
		.catch((err: unknown) => {
			process.stderr.write(`context-warden: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
			process.exitCode = 1;
		});
}
