/** What a CLI command gets from the process: streams, working directory and environment, injectable for tests. */
export interface CliIo {
	stdout: { write(s: string): unknown };
	stderr: { write(s: string): unknown };
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Standard input as text, for commands that read a payload (the hook); read lazily. */
	stdin?: () => Promise<string>;
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
