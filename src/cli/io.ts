import type { OutStream, Paint } from './terminal';

/** What a CLI command gets from the process: streams, working directory and environment, injectable for tests. */
export interface CliIo {
	stdout: OutStream;
	stderr: OutStream;
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Standard input as text, for commands that read a payload (the hook); read lazily. */
	stdin?: () => Promise<string>;
	/** Colours for what goes to stdout and to stderr (identity when that stream is not coloured); set by `runCli`. */
	paint?: { stdout: Paint; stderr: Paint };
	/** A status line rewritten in place on stderr, for slow work; set by `runCli` only when stderr is a terminal. */
	progress?: Progress;
}

/** A one-line status on a terminal: `update` rewrites it (text already escaped), `clear` removes it. */
export interface Progress {
	update(text: string): void;
	clear(): void;
}

export const ExitCode = {
	ok: 0,
	internal: 1,
	usage: 2,
	threshold: 3,
} as const;

/** A CLI command: its name, a one-line summary, its help text, and what it does. */
export interface CliCommand {
	name: string;
	summary: string;
	help: string;
	run(args: string[], io: CliIo): Promise<number>;
}
