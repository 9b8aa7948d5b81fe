/**
 * The hook launcher: a small POSIX shell script at a stable path (the extension's global storage, the same for
 * every version) that agents run instead of the extension's own files. Each version of the extension rewrites it
 * when it starts, with the runtime and hook of that version; between an update and the next start it finds the
 * newest installed version beside the recorded one; when Context Warden is no longer installed it allows, and says
 * so on stderr, so an uninstall never leaves agents running a path that does not exist (or blocking every call).
 *
 * The command written into the agents' hook files guards the launcher itself the same way (`guardedCommand`): an
 * uninstall that also removes the global storage still leaves a command that allows and says so.
 *
 * Pure: the adapter writes the script (mode 0755) and passes its path to `hookCommandLine`.
 */

/** The launcher's file name inside `<global storage>/hooks/bin/`. */
export const LAUNCHER_FILE = 'context-warden-hook';

export interface LauncherFacts {
	/** The runtime of this version (`process.execPath`: VS Code's Electron binary, or a remote server's node). */
	node: string;
	/** `node` is an Electron binary: run it with ELECTRON_RUN_AS_NODE=1. */
	electronRunAsNode: boolean;
	/** This version's bundled hook (`<extension>/dist/hook.js`). */
	hook: string;
	/** The folder the editor installs extensions into (the parent of this version's folder). */
	extensionsDir: string;
	/** How an installed version's folder starts: `<publisher>.<name>-` (lower case, then the version). */
	folderPrefix: string;
	/** This version, said in the script's header. */
	version: string;
}

/** A word for sh inside single quotes. */
export function shQuote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

const GONE = 'Context Warden is not installed any more, so this hook allows everything; remove it from the agent settings or install Context Warden again';

/** What Cursor needs on stdout to allow a read whose hook is fail-closed; other agents allow on empty output. */
const CURSOR_ALLOW = '{"permission":"allow"}';

/** The launcher script (POSIX sh). */
export function launcherScript(f: LauncherFacts): string {
	return `#!/bin/sh
# Context Warden agent hook launcher (managed: rewritten by Context Warden ${f.version} each time it starts).
# Agents run this file; it runs the hook of the Context Warden that is installed now.
node=${shQuote(f.node)}
hook=${shQuote(f.hook)}
exts=${shQuote(f.extensionsDir)}
prefix=${shQuote(f.folderPrefix)}
run_as_node=${f.electronRunAsNode ? '1' : ''}
if [ ! -f "$hook" ]; then
  # Updated since this file was written: the newest installed version's hook.
  hook=$(ls -d "$exts/$prefix"*/dist/hook.js 2>/dev/null | sort -V 2>/dev/null | tail -n 1)
fi
if [ ! -x "$node" ]; then
  node=$(command -v node 2>/dev/null)
  run_as_node=
fi
if [ -z "$hook" ] || [ ! -f "$hook" ] || [ -z "$node" ]; then
  echo ${shQuote(`context-warden hook: ${GONE}.`)} >&2
  case " $* " in *" --agent cursor "*) echo ${shQuote(CURSOR_ALLOW)} ;; esac
  exit 0
fi
if [ -n "$run_as_node" ]; then
  ELECTRON_RUN_AS_NODE=1
  export ELECTRON_RUN_AS_NODE
fi
exec "$node" "$hook" "$@"
`;
}

/**
 * The command an agent runs: the launcher through sh (no execute bit needed), or, when the launcher is gone, an
 * allow that says why. `args` are the hook's own words (`hook --agent X ...`), already quoted for sh.
 */
export function guardedCommand(launcher: string, args: string, agent: string): string {
	const allow = agent === 'cursor' ? ` echo ${shQuote(CURSOR_ALLOW)};` : '';
	return `if [ -f ${shQuote(launcher)} ]; then exec sh ${shQuote(launcher)} ${args}; else echo ${shQuote(`context-warden hook: ${GONE}.`)} >&2;${allow} fi`;
}
