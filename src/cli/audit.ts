/**
 * `context-warden audit <dir>`: the audit report of a directory (policy, sources, refused loosenings, exceptions,
 * sensitive files with their findings, the MCP servers of its MCP configuration files) as Markdown, JSON or SARIF
 * 2.1.0. The editor's report adds assistants, hooks and the user's own MCP files; the CLI leaves them out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditEnvironment, auditRunData, collectAuditInput } from '../core/audit/collect';
import { renderAuditJson } from '../core/audit/formats/json';
import { renderAuditMarkdown } from '../core/audit/formats/markdown';
import { renderAuditSarifJson } from '../core/audit/formats/sarif';
import { openAuditLog } from '../core/audit/log';
import { fsLogStore } from '../core/audit/logStore';
import { MIRROR_FORMATS, type MirrorFormat, mirrorFor } from '../core/audit/ocsf';
import { type AuditReport, buildAuditReport } from '../core/audit/report';
import { scanDirectoryParallel } from '../core/classify/parallel';
import { type Level, LEVELS, levelRank } from '../core/policy/schema';
import { type OptionSpecs, parseCommandArgs } from './args';
import { type CliCommand, ExitCode } from './io';
import { directoryMcp } from './mcp';
import { prepareScan } from './prepareScan';
import { levelArg, parseJobs } from './scan';
import { failOnLine } from './scanText';
import { plural, scanProgress, termText } from './terminal';

export const AUDIT_FORMATS = ['md', 'json', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

const HELP = `Usage: context-warden audit <dir> [--policy <file>] [--format md|json|sarif] [--out <file>] [--fail-on <level>] [--jobs <n>]

Writes the audit report of <dir>: the effective policy (org policy, then <dir>'s workspace layers, which can
only tighten), its sources and their sha256, refused loosenings, exceptions, every file above public with
its findings (rule ids, positions and masked previews: never a secret), and the MCP servers its MCP
configuration files declare (.vscode/mcp.json, .mcp.json, .cursor/mcp.json, ...) with their verdicts.

Options:
  --policy <file>     the org policy (default: the machine's well-known path)
  --format <f>        md (default), json (stable key order) or sarif (SARIF 2.1.0, for code scanning)
  --out <file>        write the report to <file> instead of standard output
  --fail-on <level>   exit 3 when a file is at or above <level> (internal, confidential, restricted)
  --min-level <level> list only files at or above <level> (default: internal)
  --no-gitignore      scan gitignored files' content too
  --log <file>        also append an audit.run entry to the audit log <file> (hash-chained JSONL)
  --mirror <file>     with --log: also append the entry to <file>, for a log shipper
  --mirror-format <f> native (default: the log's own line) or ocsf (one OCSF 1.8.0 event per line)
  --jobs <n>          read and classify with <n> worker threads (default: the available CPUs;
                      1 = on the main thread; small trees are always scanned on the main thread)
  -h, --help          show this help

SARIF results are relative to the audited directory (uriBaseId %SRCROOT%): audit the repository root for
GitHub code scanning. They never carry a preview of the value found.
Exit codes: 0 ok, 1 internal error (e.g. --out not writable), 2 bad arguments or invalid policy,
3 --fail-on threshold reached.
`;

export interface AuditArgs {
	dir: string;
	policyFile?: string;
	format: AuditFormat;
	out?: string;
	failOn?: Level;
	minLevel?: Level;
	gitignore: boolean;
	log?: string;
	mirror?: string;
	mirrorFormat?: MirrorFormat;
	jobs?: number;
}

const AUDIT_OPTIONS = {
	policy: { type: 'string', value: 'a file' },
	format: { type: 'string', value: `one of: ${AUDIT_FORMATS.join(', ')}` },
	out: { type: 'string', value: 'a file' },
	'fail-on': { type: 'string', value: `a level: ${LEVELS.join(', ')}` },
	'min-level': { type: 'string', value: `a level: ${LEVELS.join(', ')}` },
	'no-gitignore': { type: 'boolean' },
	log: { type: 'string', value: 'a file' },
	mirror: { type: 'string', value: 'a file' },
	'mirror-format': { type: 'string', value: `one of: ${MIRROR_FORMATS.join(', ')}` },
	jobs: { type: 'string', value: 'a positive whole number' },
} as const satisfies OptionSpecs;

/** Parses `audit`'s arguments, or says what is wrong with them. */
export function parseAuditArgs(args: readonly string[]): AuditArgs | string {
	const parsed = parseCommandArgs(args, AUDIT_OPTIONS, 1);
	if (typeof parsed === 'string') {
		return parsed;
	}
	const v = parsed.values;
	const jobs = v.jobs === undefined ? undefined : parseJobs(v.jobs);
	if (v.jobs !== undefined && jobs === undefined) {
		return '--jobs needs a positive whole number';
	}
	if (v.format !== undefined && !(AUDIT_FORMATS as readonly string[]).includes(v.format)) {
		return `--format needs one of: ${AUDIT_FORMATS.join(', ')}`;
	}
	const failOn = levelArg('--fail-on', v['fail-on']);
	const minLevel = levelArg('--min-level', v['min-level']);
	for (const level of [failOn, minLevel]) {
		if (typeof level === 'object') return level.error;
	}
	const dir = parsed.positionals[0];
	if (dir === undefined) {
		return 'no directory given';
	}
	if (v.mirror !== undefined && v.log === undefined) {
		return '--mirror needs --log';
	}
	if (v['mirror-format'] !== undefined && !(MIRROR_FORMATS as readonly string[]).includes(v['mirror-format'])) {
		return `--mirror-format needs one of: ${MIRROR_FORMATS.join(', ')}`;
	}
	if (v['mirror-format'] !== undefined && v.mirror === undefined) {
		return '--mirror-format needs --mirror';
	}
	return {
		...(v.policy !== undefined ? { policyFile: v.policy } : {}),
		...(v.out !== undefined ? { out: v.out } : {}),
		...(v.log !== undefined ? { log: v.log } : {}),
		...(v.mirror !== undefined ? { mirror: v.mirror } : {}),
		...(v['mirror-format'] !== undefined ? { mirrorFormat: v['mirror-format'] as MirrorFormat } : {}),
		...(jobs !== undefined ? { jobs } : {}),
		...(failOn ? { failOn: failOn as Level } : {}),
		...(minLevel ? { minLevel: minLevel as Level } : {}),
		dir,
		format: (v.format as AuditFormat | undefined) ?? 'md',
		gitignore: v['no-gitignore'] !== true,
	};
}

/** Renders a report in one of the CLI's formats. */
export function renderAudit(report: AuditReport, format: AuditFormat): string {
	return format === 'json' ? renderAuditJson(report) : format === 'sarif' ? renderAuditSarifJson(report) : renderAuditMarkdown(report);
}

/** `context-warden audit`: the audit report of a directory. */
export const auditCommand: CliCommand = {
	name: 'audit',
	summary: 'audit report of a directory: Markdown, JSON or SARIF 2.1.0; --fail-on for CI',
	help: HELP,
	async run(args, io) {
		const parsed = parseAuditArgs(args);
		if (typeof parsed === 'string') {
			io.stderr.write(`context-warden audit: ${parsed}\n\n${HELP}`);
			return ExitCode.usage;
		}
		const prepared = await prepareScan('audit', parsed.dir, parsed.policyFile, io);
		if (typeof prepared === 'number') {
			return prepared;
		}
		const { root, effective } = prepared;
		const progress = scanProgress(io.progress);
		const scan = await scanDirectoryParallel(root, effective.policy, effective.exceptions.active, effective.policy.content.maxFileSizeBytes, {
			gitignore: parsed.gitignore,
			...(parsed.jobs ? { jobs: parsed.jobs } : {}),
			onProgress: progress.onProgress,
		}).finally(() => progress.stop());
		const report = buildAuditReport(
			collectAuditInput({
				environment: auditEnvironment({ env: io.env, extensionVersion: VERSION }),
				policy: effective,
				workspaceName: path.basename(root),
				files: scan.files,
				...(parsed.minLevel ? { minLevel: parsed.minLevel } : {}),
				mcp: directoryMcp(root, effective, scan.files),
			}),
		);
		const text = renderAudit(report, parsed.format);
		if (parsed.out) {
			const outFile = path.resolve(io.cwd, parsed.out);
			try {
				await fs.promises.mkdir(path.dirname(outFile), { recursive: true });
				await fs.promises.writeFile(outFile, text, 'utf8');
			} catch (err) {
				io.stderr.write(`context-warden audit: cannot write ${termText(parsed.out)}: ${termText(err instanceof Error ? err.message : String(err))}\n`);
				return ExitCode.internal;
			}
			io.stderr.write(
				`context-warden audit: wrote ${termText(parsed.out)}: ${plural(report.totals.listed, 'file')} listed, ${plural(report.totals.findings, 'finding')}; ` +
					`workspace level ${report.workspace.level}${report.workspace.restricted ? ', AI assistants restricted' : ', not restricted'}\n`,
			);
		} else {
			io.stdout.write(text);
		}
		if (parsed.log) {
			const logFile = path.resolve(io.cwd, parsed.log);
			try {
				const log = openAuditLog({
					store: fsLogStore(path.dirname(logFile)),
					name: path.basename(logFile),
					...(parsed.mirror ? { mirror: mirrorFor(path.resolve(io.cwd, parsed.mirror), parsed.mirrorFormat ?? 'native', VERSION) } : {}),
				});
				const r = await log.append('audit.run', auditRunData(report, parsed.format, parsed.out));
				if (r.mirrorError) {
					io.stderr.write(`context-warden: warning: audit log mirror: ${termText(r.mirrorError)}\n`);
				}
			} catch (err) {
				io.stderr.write(`context-warden audit: cannot append to the audit log ${termText(parsed.log)}: ${termText(err instanceof Error ? err.message : String(err))}\n`);
				return ExitCode.internal;
			}
		}
		const failed = parsed.failOn !== undefined && scan.files.some((f) => levelRank(f.level) >= levelRank(parsed.failOn as Level));
		const threshold = failOnLine(scan.files, parsed.failOn, io.paint?.stderr ?? ((_s, t) => t));
		if (threshold) {
			io.stderr.write(`context-warden audit: ${threshold}\n`);
		}
		return failed ? ExitCode.threshold : ExitCode.ok;
	},
};

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
