import { allowedExtensionsCommand } from './allowedExtensions';
import { auditCommand } from './audit';
import { explainPolicyCommand } from './explainPolicy';
import { hookCommand } from './hook';
import { installHooksCommand } from './installHooks';
import { type CliCommand, type CliIo, ExitCode, type Progress } from './io';
import { scanCommand } from './scan';
import { colourFor, guardOutput, type OutStream, painter, termText } from './terminal';
import { validateCommand } from './validate';
import { verifyLogCommand } from './verifyLog';

/**
 * The command table. Each command lives in its own module under src/cli/ and is registered here.
 */
const commands: CliCommand[] = [
	validateCommand,
	explainPolicyCommand,
	scanCommand,
	hookCommand,
	installHooksCommand,
	auditCommand,
	verifyLogCommand,
	allowedExtensionsCommand,
];

function usage(): string {
	const width = Math.max(...commands.map((c) => c.name.length), 8);
	const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
	return [
		'Usage: context-warden <command> [options]',
		'',
		'Commands:',
		...lines,
		'',
		'Run `context-warden <command> --help` for a command\'s options.',
		'Colour only on a terminal; off with NO_COLOR set or --no-color.',
		'Exit codes: 0 ok, 1 internal error, 2 bad arguments or invalid policy, 3 --fail-on threshold reached.',
		'',
	].join('\n');
}

/** Commands whose output is read by programs, byte for byte (an agent reads the hook's JSON): not guarded. */
const RAW_OUTPUT = new Set(['hook']);

/**
 * The streams a command writes to, guarded (`guardOutput`: no control character from a name reaches the terminal)
 * and coloured only where a person reads them; and the progress line when stderr is a terminal.
 */
function terminalIo(io: CliIo, noColour: boolean): CliIo {
	const outColour = colourFor(io.stdout, io.env, noColour);
	const errColour = colourFor(io.stderr, io.env, noColour);
	const guarded = (s: OutStream, colour: boolean): OutStream => ({
		write: (text: string) => s.write(guardOutput(text, colour)),
		...(s.isTTY !== undefined ? { isTTY: s.isTTY } : {}),
		...(s.columns !== undefined ? { columns: s.columns } : {}),
	});
	return {
		...io,
		stdout: guarded(io.stdout, outColour),
		stderr: guarded(io.stderr, errColour),
		paint: { stdout: painter(outColour), stderr: painter(errColour) },
		...(io.stderr.isTTY === true && io.env.TERM !== 'dumb' ? { progress: progressLine(io.stderr) } : {}),
	};
}

/** A status line on a terminal, rewritten in place with CR and erase-line; the text is escaped by the caller. */
function progressLine(stream: OutStream): Progress {
	let shown = false;
	return {
		update(text) {
			const width = Math.max(20, (stream.columns ?? 80) - 1);
			stream.write(`\r\u001b[K${guardOutput(text, false).replace(/\n/g, ' ').slice(0, width)}`);
			shown = true;
		},
		clear() {
			if (shown) {
				stream.write('\r\u001b[K');
				shown = false;
			}
		},
	};
}

/** Runs one CLI invocation and resolves to its exit code. Never throws for bad input. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
	const raw = argv[0] !== undefined && RAW_OUTPUT.has(argv[0]);
	// `--no-color` is a global option: every command accepts it, anywhere among the arguments.
	const kept = raw ? argv : argv.filter((a) => a !== '--no-color');
	const io = raw ? rawIo : terminalIo(rawIo, kept.length !== argv.length);
	const [name, ...rest] = kept;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(usage());
		return name === undefined ? ExitCode.usage : ExitCode.ok;
	}
	if (name === '--version' || name === '-v') {
		io.stdout.write(`${VERSION}\n`);
		return ExitCode.ok;
	}
	const command = commands.find((c) => c.name === name);
	if (!command) {
		io.stderr.write(`context-warden: unknown command '${termText(name)}'\n\n${usage()}`);
		return ExitCode.usage;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
		return ExitCode.ok;
	}
	return command.run(rest, io);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
