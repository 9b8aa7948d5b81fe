/**
 * The hook's code (dist/hookImpl.js, loaded by dist/hook.js from src/hook.ts): an agent runs it before each tool
 * call, so it loads only the hook's code, not the whole CLI. `node dist/hook.js --agent X ...` equals `context-warden hook --agent X ...`.
 */
import { runHook } from './cli/hook';

const argv = process.argv.slice(2);
runHook(argv[0] === 'hook' ? argv.slice(1) : argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
	(code) => {
		process.exitCode = code;
		// Exit once the answer is flushed: nothing left pending (a read the budget gave up on) may keep the agent waiting.
		process.stdout.write('', () => process.exit(code));
	},
	(err: unknown) => {
		// Fail quietly towards the agent (no output means no decision); say why on stderr.
		process.stderr.write(`context-warden hook: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
	},
);
