/**
 * `context-warden verify-log <file>`: checks an audit log's hash chain across its rotated segments and its head,
 * and names the first entry that does not verify.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeNameOf, verifyLog } from '../core/audit/log';
import { fsLogStore } from '../core/audit/logStore';
import { parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { termText } from './terminal';

const HELP = `Usage: context-warden verify-log <file>

Verifies the audit log <file> (the active segment, e.g. audit.jsonl, or any of its rotated segments
audit.N.jsonl): every line parses, matches its own hash, chains to the sha256 of the line before it
(across segments, oldest first), counts on from it, and the log ends where its head file
(<file>.head) says it does.

On success prints '<file>: ok: N entries in M segments'. Otherwise prints the first bad entry to
standard error as
  <segment file>:<line>: seq <N>: <edited|deleted|reordered|truncated|malformed>
followed by a sentence on what was found.

Limit: the chain makes tampering evident, not impossible: whoever can write the directory can rewrite
the whole log and its head consistently. Mirror the log to a collector to keep an independent copy.

Exit codes: 0 the log verifies, 2 the log is broken (or bad arguments, or no such log).
`;

/** `context-warden verify-log`: tamper evidence of the audit log. */
export const verifyLogCommand: CliCommand = {
	name: 'verify-log',
	summary: 'verify an audit log\'s hash chain; names the first edited, deleted, reordered or truncated entry',
	help: HELP,
	async run(args, io) {
		const parsed = parseCommandArgs(args, {});
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden verify-log: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const files = parsed.positionals;
		if (files.length !== 1) {
			io.stderr.write(`context-warden verify-log: ${files.length === 0 ? 'no log file given' : 'one log file at a time'}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const given = files[0] as string;
		const abs = path.resolve(io.cwd, given);
		const dir = path.dirname(abs);
		const name = activeNameOf(abs);
		const store = fsLogStore(dir);
		let present: string[];
		try {
			present = await store.list();
		} catch (err) {
			io.stderr.write(`context-warden verify-log: cannot read ${termText(path.dirname(given))}: ${termText(err instanceof Error ? err.message : String(err))}\n`);
			return ExitCode.usage;
		}
		if (!present.includes(name) && !present.includes(`${name}.head`) && !fs.existsSync(abs)) {
			io.stderr.write(`context-warden verify-log: no such log: ${termText(given)}\n`);
			return ExitCode.usage;
		}
		const result = await verifyLog(store, name);
		// Name segments as the user named the log: relative to what they typed.
		const shown = (segment: string): string => path.join(path.dirname(given), segment);
		if (result.ok) {
			const pruned = result.pruned ? `; entries 1-${result.pruned.throughSeq} pruned by retention (recorded in the log)` : '';
			io.stdout.write(`${termText(given)}: ok: ${result.entries.length} entries in ${result.segments.length} segment${result.segments.length === 1 ? '' : 's'}${pruned}\n`);
			return ExitCode.ok;
		}
		const b = result.firstBad;
		io.stderr.write(`${termText(shown(b.segment))}:${b.line}: seq ${b.seq}: ${termText(b.problem)}\n`);
		io.stderr.write(`context-warden verify-log: ${termText(b.detail)}; ${result.entries.length} entries before it verify\n`);
		return ExitCode.usage;
	},
};
