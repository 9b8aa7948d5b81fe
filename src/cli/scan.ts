/**
 * `context-warden scan <dir>`: classifies every file of a directory with the effective policy and prints the
 * result as a table or as JSON, for CI gates and audits.
 */
import { scanDirectoryParallel } from '../core/classify/parallel';
import type { FileClassification } from '../core/classify/types';
import { describeServer } from '../core/mcp/model';
import { workspaceVerdict } from '../core/classify/verdict';
import { type Level, LEVELS, levelRank } from '../core/policy/schema';
import { type OptionSpecs, parseCommandArgs } from './args';
import { directoryMcp } from './mcp';
import { type CliCommand, ExitCode } from './io';
import { prepareScan } from './prepareScan';
import { renderScanText } from './scanText';
import { scanProgress, termText } from './terminal';

const HELP = `Usage: context-warden scan <dir> [--policy <file>] [--json] [--min-level <level>] [--fail-on <level>] [--jobs <n>]

Classifies every file under <dir> with the effective policy (the org policy, then <dir>'s workspace
layers, which can only tighten): path rules, secrets, private keys, PII, confidentiality markers and
org patterns. .git, .hg, .svn and node_modules are not entered; .gitignore is honoured (ignored files
are classified by path only); symbolic links are not followed.

Options:
  --policy <file>     the org policy (default: the machine's well-known path)
  --json              print JSON: { policy, workspace, files, skipped, stats, mcp }
  --min-level <level> list only files at or above <level> (public, internal, confidential, restricted)
  --fail-on <level>   exit 3 when a file is at or above <level>
  --no-gitignore      scan gitignored files' content too
  --jobs <n>          read and classify with <n> worker threads (default: the available CPUs;
                      1 = on the main thread; small trees are always scanned on the main thread)
  -h, --help          show this help

Findings never show a secret: positions and rule ids only (and masked previews in the table).
Exit codes: 0 ok, 2 bad arguments or invalid policy, 3 --fail-on threshold reached.
`;

interface ScanArgs {
	dir: string;
	policyFile?: string;
	json: boolean;
	minLevel: Level;
	failOn?: Level;
	gitignore: boolean;
	jobs?: number;
}

const SCAN_OPTIONS = {
	policy: { type: 'string', value: 'a file' },
	json: { type: 'boolean' },
	'min-level': { type: 'string', value: `a level: ${LEVELS.join(', ')}` },
	'fail-on': { type: 'string', value: `a level: ${LEVELS.join(', ')}` },
	'no-gitignore': { type: 'boolean' },
	jobs: { type: 'string', value: 'a positive whole number' },
} as const satisfies OptionSpecs;

/** Parses `scan`'s arguments, or says what is wrong with them. */
export function parseScanArgs(args: readonly string[]): ScanArgs | string {
	const parsed = parseCommandArgs(args, SCAN_OPTIONS, 1);
	if (typeof parsed === 'string') {
		return parsed;
	}
	const v = parsed.values;
	const minLevel = levelArg('--min-level', v['min-level']);
	const failOn = levelArg('--fail-on', v['fail-on']);
	for (const level of [minLevel, failOn]) {
		if (typeof level === 'object') return level.error;
	}
	const jobs = v.jobs === undefined ? undefined : parseJobs(v.jobs);
	if (v.jobs !== undefined && jobs === undefined) {
		return '--jobs needs a positive whole number';
	}
	const dir = parsed.positionals[0];
	if (dir === undefined) {
		return 'no directory given';
	}
	return {
		dir,
		json: v.json === true,
		gitignore: v['no-gitignore'] !== true,
		minLevel: (minLevel as Level | undefined) ?? 'public',
		...(v.policy ? { policyFile: v.policy } : {}),
		...(failOn ? { failOn: failOn as Level } : {}),
		...(jobs ? { jobs } : {}),
	};
}

/** A `--min-level`/`--fail-on` value: the level, absent when not given, or what is wrong with it. */
export function levelArg(flag: string, value: string | undefined): Level | undefined | { error: string } {
	if (value === undefined) return undefined;
	return (LEVELS as readonly string[]).includes(value) ? (value as Level) : { error: `${flag} needs a level: ${LEVELS.join(', ')}` };
}

/** `--jobs`' value: a whole number from 1 to 256, or undefined when it is not one. */
export function parseJobs(v: string | undefined): number | undefined {
	if (!v || !/^[0-9]+$/.test(v)) return undefined;
	const n = Number(v);
	return n >= 1 && n <= 256 ? n : undefined;
}

/** The JSON shape of a reason in `scan --json`: no message, no preview (nothing derived from a secret). */
function jsonReason(r: FileClassification['reasons'][number]): Record<string, unknown> {
	return { kind: r.kind, rule: r.rule, ...(r.line !== undefined ? { line: r.line, column: r.column } : {}) };
}

/** `context-warden scan`: the classification of every file in a directory. */
export const scanCommand: CliCommand = {
	name: 'scan',
	summary: 'classify every file of a directory (table or --json); --fail-on for CI',
	help: HELP,
	async run(args, io) {
		const parsed = parseScanArgs(args);
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden scan: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const prepared = await prepareScan('scan', parsed.dir, parsed.policyFile, io);
		if (typeof prepared === 'number') {
			return prepared;
		}
		const { root, effective } = prepared;
		const policy = effective.policy;
		const progress = scanProgress(io.progress);
		const result = await scanDirectoryParallel(root, policy, effective.exceptions.active, policy.content.maxFileSizeBytes, {
			gitignore: parsed.gitignore,
			...(parsed.jobs ? { jobs: parsed.jobs } : {}),
			onProgress: progress.onProgress,
		}).finally(() => progress.stop());
		const verdict = workspaceVerdict(policy, result.files.map((f) => f.level));
		const mcp = directoryMcp(root, effective, result.files);
		const min = levelRank(parsed.minLevel);
		const listed = result.files.filter((f) => levelRank(f.level) >= min);
		const failed = parsed.failOn !== undefined && result.files.some((f) => levelRank(f.level) >= levelRank(parsed.failOn as Level));
		if (parsed.json) {
			const out = {
				policy: { name: policy.name, sha256: effective.sha256 },
				workspace: verdict,
				files: listed.map((f) => ({ path: f.path, level: f.level, reasons: f.reasons.map(jsonReason) })),
				skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason })),
				stats: result.stats,
				mcp: mcp.servers.map((m) => ({ name: m.name, file: m.file, line: m.line, runs: m.runs, host: m.host, packages: m.packages, reach: m.reach, secrets: m.secrets, verdict: m.verdict, action: m.action, lever: m.lever })),
			};
			io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
		} else {
			const threshold = min > 0 ? min : levelRank(policy.workspace.sensitiveLevel);
			io.stdout.write(
				renderScanText({
					listed: listed.filter((f) => levelRank(f.level) >= threshold),
					all: result.files,
					skipped: result.skipped.length,
					bytes: result.stats.bytes,
					ms: result.stats.ms,
					workspace: verdict,
					policyName: policy.name,
					...(parsed.failOn ? { failOn: parsed.failOn } : {}),
					...(io.stdout.isTTY && io.stdout.columns ? { columns: io.stdout.columns } : {}),
					paint: io.paint?.stdout ?? ((_s, t) => t),
				}),
			);
			for (const m of mcp.servers) {
				io.stdout.write(`MCP server ${termText(m.name)} (${termText(m.file)}:${m.line}): ${m.verdict}${m.action !== 'none' ? ` (${m.action})` : ''}; ${termText(describeServer(m))}\n`);
			}
			for (const f of mcp.files.filter((x) => x.problems.length > 0 || x.unread)) {
				io.stdout.write(`MCP file ${termText(f.file)}: ${termText(f.unread ? `not read: ${f.unread}` : f.problems.join('; '))}\n`);
			}
		}
		return failed ? ExitCode.threshold : ExitCode.ok;
	},
};
