import { allowedExtensionsCommand } from './allowedExtensions';
import { auditCommand } from './audit';
import { explainPolicyCommand } from './explainPolicy';
import { hookCommand } from './hook';
import { type CliCommand, type CliIo, ExitCode } from './io';
import { scanCommand } from './scan';
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
		'Exit codes: 0 ok, 1 internal error, 2 bad arguments or invalid policy, 3 --fail-on threshold reached.',
		'',
	].join('\n');
}

/** Runs one CLI invocation and resolves to its exit code. Never throws for bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
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
		io.stderr.write(`context-warden: unknown command '${name}'\n\n${usage()}`);
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
