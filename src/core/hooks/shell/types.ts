/** The shell analysis' data: what a command may read, where it runs, and the walker's own state. */
import type { ShCommand } from './parse';
export interface ShellRead {
	/** Absolute POSIX path, or a pattern (see `glob`) in the dialect of `pattern.ts`. */
	path: string;
	/** A folder read with everything under it. */
	recursive: boolean;
	/** The program (chain) that reads it, e.g. `cat`, `< redirect`, `sh -c → grep -r`. */
	via: string;
	/** `path` is a pattern: a shell glob, or `**` standing for a value unknown at hook time. */
	glob?: boolean;
	/** The command may, not certainly, read it (an unknown program, a guess from interpreter code). */
	maybe?: boolean;
	/** Globs in `path` match a leading dot (find -name); shell globs do not. */
	dot?: boolean;
	/** A recursive reader that skips dot files and folders (rg, ag without --hidden). */
	skipHidden?: boolean;
	/** A recursive reader limited to base names matching one of these shell globs (grep --include). */
	include?: string[];
	/** A recursive reader skipping base names matching these shell globs (grep --exclude, rg -g !x). */
	exclude?: string[];
}

/** What a command line may read, and what the analysis could not resolve (each with why). */
export interface ShellAnalysis {
	reads: ShellRead[];
	uncertain: string[];
	/** Redirect and copy targets written to, for completeness. */
	writes: string[];
}

/** Where the command runs. */
export interface ShellContext {
	/** Absolute POSIX directory the command starts in. */
	cwd: string;
	/** The user's home directory, for `~` and `$HOME`; unknown when omitted. */
	home?: string;
	/** The terminal may be elsewhere than `cwd` (VS Code keeps one terminal whose cwd drifts). */
	cwdDrift?: boolean;
	/** Static environment variables known to the caller. */
	vars?: Record<string, string>;
	/** The workspace (and repository) root: `git show REV:path` paths are relative to it. */
	root?: string;
	/**
	 * A small file's text, when the caller can read it: lists of names (`xargs < list`, `tar -T list`,
	 * `$(cat list)`) and scripts (`sh < script`) are then judged by what they hold. Undefined: unknown.
	 */
	readText?: (absPath: string) => string | undefined;
}

/** The value standing for a part unknown at hook time: in a pattern, it matches any path. */
export const HOLE = '**';
/** At most this many possible values are followed for one word. */
export const MAX_VALUES = 64;
/** Nested shells, substitutions and wrappers deeper than this are "unresolvable". */
export const MAX_DEPTH = 8;

export interface Env {
	/** Absolute directory patterns the shell may be in; `**` means unknown. */
	cwds: string[];
	vars: Map<string, string[] | null>;
	dirStack: string[][];
	dotglob: boolean;
	/** The repository's top, when known (ShellContext.root). */
	root?: string;
}

/** An expanded word: its possible values as patterns, and why parts were unknown. */
export interface Arg {
	patterns: string[];
	holes: string[];
	/** The single static value, when the word has no glob and no unknown part. */
	text?: string;
	raw: string;
	/** A process substitution: a pipe, not a file. */
	pipe?: boolean;
}

/** What a command gets besides its words: heredoc text, the command piping into it, names fed by xargs/find. */
export interface Io {
	stdin?: { text?: string; dynamic?: boolean };
	upstream?: ShCommand;
	upstreamEnv?: Env;
	feed?: Feed;
}

/** A producer of path names on a pipe or for -exec: what the consumer's extra operands will be. */
export type Feed = { reads: Omit<ShellRead, 'via'>[] } | { unknown: string };

/** The standard input a command gets from a heredoc or here-string. */
export interface Stdin {
	text?: string;
	dynamic?: boolean;
}

/** One program invocation handed to its handler. */
export interface Call {
	/** The program's base name (`cat`, `git`). */
	name: string;
	/** The words after the program name, expanded. */
	args: Arg[];
	env: Env;
	/** The chain of programs that led here, e.g. `sh -c → `. */
	via: string;
	/** `via` plus the program name, for reasons. */
	here: string;
	depth: number;
	io: Io;
}
