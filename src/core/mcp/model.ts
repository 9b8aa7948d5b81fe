/**
 * The MCP report: every server of every configuration file read, classified, judged under the policy, with the
 * levers compiled for it. Built from file texts the adapter (editor or CLI) read; one function, so the editor and
 * the CLI say the same about the same files.
 */
import type { DesiredChange } from '../assistants/compile';
import type { Classifier } from '../classify/classifier';
import type { Level, Policy } from '../policy/schema';
import { classifyMcpServer, type McpReach, type McpRuns, type McpSecret, type McpVariables } from './classify';
import { evaluateMcpServer, type McpVerdict } from './evaluate';
import { readMcpFile, type McpTransport } from './inventory';
import { compileMcpLevers, type McpLeverInput, serverId } from './levers';
import { MCP_LOCATIONS, mcpLocation, type McpLocation } from './locations';

/** One configuration file as the adapter read it. */
export interface McpConfigInput {
	/** The file's key: a workspace key, `~/...`, `<userData>/...` or the workspace file key. */
	file: string;
	locationId: string;
	/** undefined: the file does not exist. */
	text: string | undefined;
	vars: McpVariables;
	/** `<folderKey>/` in a multi-root workspace (workspace files), else ''. */
	folderPrefix?: string;
	/** `~/.claude.json`: the workspace folders' absolute paths, as Claude Code keys its projects. */
	projectPaths?: readonly string[];
	/** Read, but not parsed (a YAML block), with why. */
	unread?: string;
}

export interface McpServerReport {
	id: string;
	name: string;
	file: string;
	/** 1-based line of the server in its file. */
	line: number;
	locationId: string;
	assistants: string[];
	origin: 'workspace' | 'user';
	transport: McpTransport;
	runs: McpRuns;
	host?: string;
	program?: string;
	packages: string[];
	reach: McpReach;
	secrets: McpSecret[];
	sandboxed: boolean;
	disabled: boolean;
	verdict: McpVerdict;
	action: 'none' | 'warn' | 'sandbox' | 'disable';
	why: string[];
	risks: string[];
	lever: 'sandbox' | 'disable' | 'none';
	leverIds: string[];
	notes: string[];
	unknownFields: string[];
}

export interface McpFileReport {
	file: string;
	locationId: string;
	servers: number;
	problems: string[];
	unread?: string;
}

export interface McpReport {
	servers: McpServerReport[];
	/** Files that exist, with what was read from them. */
	files: McpFileReport[];
	/** The managed changes the levers need (workspace files only). */
	changes: DesiredChange[];
}

export interface McpAnalyzeContext {
	policy: Policy;
	restricted: boolean;
	classifier: Pick<Classifier, 'classifyPath' | 'classifyText'>;
	/** A workspace file's level from the index, when classified. */
	levelOf?: (workspaceKey: string) => Level | undefined;
	/** Sensitive files (workspace keys), for the sandbox's `denyRead`. */
	sensitiveFiles: readonly string[];
	/** The OS (`process.platform`): VS Code sandboxes MCP servers on macOS and Linux only, so not on `win32`. */
	platform?: string;
}

/** Reads, classifies and judges every server of the given files, and compiles their levers. Never throws. */
export function analyzeMcp(inputs: readonly McpConfigInput[], ctx: McpAnalyzeContext): McpReport {
	const files: McpFileReport[] = [];
	const prepared: (McpLeverInput & { location: McpLocation })[] = [];
	for (const input of inputs) {
		if (input.text === undefined && !input.unread) {
			continue;
		}
		const location = mcpLocation(input.locationId);
		if (!location) {
			continue;
		}
		if (input.unread !== undefined || input.text === undefined) {
			files.push({ file: input.file, locationId: input.locationId, servers: 0, problems: [], unread: input.unread ?? 'not read' });
			continue;
		}
		const read = readMcpFile(input.text, location.format, input.file, input.locationId, input.projectPaths ? { projectPaths: input.projectPaths } : {});
		files.push({ file: input.file, locationId: input.locationId, servers: read.servers.length, problems: read.problems });
		for (const entry of read.servers) {
			const disabled = entry.disabled || (read.disabledNames?.includes(entry.name) ?? false);
			const e = disabled === entry.disabled ? entry : { ...entry, disabled };
			const cls = classifyMcpServer(e, {
				vars: input.vars,
				origin: location.origin,
				classifier: ctx.classifier,
				folderPrefix: input.folderPrefix ?? '',
				sensitiveLevel: ctx.policy.workspace.sensitiveLevel,
				...(ctx.levelOf ? { levelOf: ctx.levelOf } : {}),
			});
			const evaluation = evaluateMcpServer(ctx.policy.mcp, e, cls, ctx.restricted);
			prepared.push({ entry: e, cls, evaluation, location });
		}
	}
	const plan = compileMcpLevers(prepared, ctx.sensitiveFiles, { sandbox: ctx.platform !== 'win32' });
	const servers = prepared.map(({ entry, cls, evaluation, location }): McpServerReport => {
		const id = serverId(entry);
		const lever = plan.results.find((r) => r.server === id);
		return {
			id,
			name: entry.name,
			file: entry.file,
			line: entry.line,
			locationId: entry.locationId,
			assistants: location.assistants,
			origin: cls.origin,
			transport: entry.transport,
			runs: cls.runs,
			...(cls.host ? { host: cls.host } : {}),
			...(cls.program ? { program: cls.program } : {}),
			packages: cls.packages,
			reach: cls.reach,
			secrets: cls.secrets,
			sandboxed: entry.sandboxEnabled,
			disabled: entry.disabled,
			verdict: evaluation.verdict,
			action: evaluation.action,
			why: evaluation.why,
			risks: evaluation.risks,
			lever: lever?.lever ?? 'none',
			leverIds: lever?.leverIds ?? [],
			notes: lever?.notes ?? [],
			unknownFields: entry.unknownFields,
		};
	});
	return { servers, files, changes: plan.changes };
}

/** A file of one location to read: `workspace` files relative to each folder; `dir` for Continue's block folders. */
export interface McpReadTarget {
	locationId: string;
	base: McpLocation['base'];
	/** The file, or the folder whose JSON files are read (`dir: true`). */
	path: string;
	dir: boolean;
}

/** What an adapter reads: every location's file, or its block folder. */
export function mcpReadTargets(bases: readonly McpLocation['base'][]): McpReadTarget[] {
	return MCP_LOCATIONS.filter((l) => bases.includes(l.base)).map((l) => {
		const dir = l.path.endsWith('/*');
		return { locationId: l.id, base: l.base, path: dir ? l.path.slice(0, -2) : l.path, dir };
	});
}

/** The one sentence a server's classification comes to, in English (logs, reports, the CLI). */
export function describeServer(s: Pick<McpServerReport, 'runs' | 'host' | 'program' | 'packages' | 'reach' | 'secrets'>): string {
	const where = s.runs === 'remote' ? `remote (${s.host ?? 'unknown host'})` : s.runs === 'local' ? `local (${s.packages[0] ?? s.program ?? 'process'})` : 'unknown transport';
	const reach = s.reach.kind === 'none' ? 'no file-system reach seen' : s.reach.workspace ? 'reaches the workspace' : s.reach.home ? 'reaches the home folder' : `reaches ${s.reach.paths.join(', ')}`;
	const secrets = s.secrets.length === 0 ? 'no secrets seen' : `receives ${s.secrets.map((x) => (x.via === 'envFile' ? `secret file ${x.file ?? x.name}` : `${x.via} ${x.name}`)).join(', ')}`;
	return `${where}; ${reach}; ${secrets}`;
}
