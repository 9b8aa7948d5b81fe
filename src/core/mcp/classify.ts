/**
 * What an MCP server is, from its declaration: where it runs and connects, what of the file system it is pointed
 * at, which secrets it is handed, and whose file declared it. Plain data in and out.
 *
 * A local (stdio) server is a process of the user: it can read whatever the user can. "Reach" says what it is
 * *pointed at* (a known file-system server, folder arguments, container mounts), which is what it will read when a
 * model asks it to; it is not a sandbox boundary.
 */
import type { Classifier } from '../classify/classifier';
import { type Level, levelRank } from '../policy/schema';
import type { McpServerEntry } from './inventory';

/** The values the assistants substitute in a configuration, as far as Context Warden knows them. */
export interface McpVariables {
	/** The workspace folder the file belongs to (absolute, POSIX separators). */
	workspaceFolder?: string;
	/** The user's home directory (absolute, POSIX separators). */
	userHome?: string;
	/** Environment variables, for `${env:NAME}` / `${NAME}` (never stored). */
	env?: Readonly<Record<string, string | undefined>>;
}

/** Resolves `${workspaceFolder}`, `${workspaceFolderBasename}`, `${userHome}`, `${env:X}`, `${X}` and a leading `~`. Unknown variables stay as written. */
export function resolveVariables(value: string, vars: McpVariables): string {
	let out = value.replace(/\$\{([^}]+)\}/g, (whole, inner: string) => {
		if (inner === 'workspaceFolder' || inner === 'workspaceRoot') {
			return vars.workspaceFolder ?? whole;
		}
		if (inner === 'workspaceFolderBasename') {
			return vars.workspaceFolder ? (vars.workspaceFolder.split('/').filter(Boolean).pop() ?? whole) : whole;
		}
		if (inner === 'userHome') {
			return vars.userHome ?? whole;
		}
		if (inner === 'pathSeparator' || inner === '/') {
			return '/';
		}
		const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner) ?? /^([A-Za-z_][A-Za-z0-9_]*)(?::-.*)?$/.exec(inner);
		if (env?.[1] && vars.env?.[env[1]] !== undefined) {
			return vars.env[env[1]] as string;
		}
		return whole;
	});
	if (vars.userHome && (out === '~' || out.startsWith('~/'))) {
		out = vars.userHome + out.slice(1);
	}
	return out;
}

/** Whether a value is only a reference the assistant fills in at start (an input prompt, an environment variable). */
export function isReferenceOnly(value: string): boolean {
	return /^\s*(?:Bearer\s+|Basic\s+|token\s+)?(?:\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*)\s*$/i.test(value);
}

/** Where a server runs. */
export type McpRuns = 'local' | 'remote' | 'unknown';

/** One secret a server is handed. Never the value: the variable or header name, the file, the rule. */
export interface McpSecret {
	via: 'envFile' | 'env' | 'header' | 'arg';
	/** The variable, header or argument position (`args[3]`); for `envFile`, the file as written. */
	name: string;
	/** For `envFile`: the workspace key of the file when it lies in the workspace. */
	file?: string;
	/** The path rule or secret rule that matched. */
	rule: string;
	level: Level;
}

export interface McpReach {
	/** `server`: a known file-system or git server; `paths`: folder arguments or mounts; `none`: nothing seen. */
	kind: 'server' | 'paths' | 'none';
	/** The folders it is pointed at, resolved, then written relative to `${workspaceFolder}` or `~` where they lie there. */
	paths: string[];
	/** It is pointed at the workspace folder or a folder above it. */
	workspace: boolean;
	/** It is pointed at the home directory or a folder above it. */
	home: boolean;
}

export interface McpServerClass {
	runs: McpRuns;
	/** A remote server's host, lower-case (`localhost` for loopback addresses). */
	host?: string;
	/** The program a local server starts (file name without extension, lower-case), e.g. `npx`, `docker`, `node`. */
	program?: string;
	/** The packages or images it runs, without versions. */
	packages: string[];
	reach: McpReach;
	secrets: McpSecret[];
	origin: 'workspace' | 'user';
}

/** Packages and images known to give a model the file system or a repository. */
const FILE_SERVERS = [
	/^@modelcontextprotocol\/server-(?:filesystem|git)$/,
	/^mcp-server-(?:filesystem|git)$/,
	/^@wonderwhy-er\/desktop-commander$/,
	/^@cyanheads\/(?:filesystem|git)-mcp-server$/,
	/^(?:docker\.io\/)?mcp\/(?:filesystem|git)$/,
	/^mcp-filesystem-server$/,
	/^@modelcontextprotocol\/server-everything$/,
];

const RUNNERS: Record<string, { skipValue: readonly string[] }> = {
	npx: { skipValue: ['-p', '--package', '-c', '--call'] },
	bunx: { skipValue: ['-p', '--package'] },
	pnpx: { skipValue: [] },
	uvx: { skipValue: ['--from', '--with', '--python', '-p', '--index-url'] },
	pipx: { skipValue: ['--spec', '--python'] },
	docker: { skipValue: ['-e', '--env', '-v', '--volume', '--mount', '--name', '-p', '--publish', '--network', '--env-file', '-w', '--workdir', '-u', '--user', '--entrypoint', '--platform'] },
	podman: { skipValue: ['-e', '--env', '-v', '--volume', '--mount', '--name', '-p', '--publish', '--network', '--env-file', '-w', '--workdir', '-u', '--user', '--entrypoint'] },
};
const SUBCOMMANDS: Record<string, readonly string[]> = { pipx: ['run'], docker: ['run'], podman: ['run'], pnpm: ['dlx'], yarn: ['dlx'], deno: ['run'] };

/** The file name of a command without directory and extension, lower-case. */
export function programOf(command: string): string {
	const base = command.replace(/\\/g, '/').split('/').pop() ?? command;
	return base.replace(/\.(?:exe|cmd|bat|ps1|sh)$/i, '').toLowerCase();
}

/** A package or image name without its version or tag. */
export function stripVersion(pkg: string): string {
	let p = pkg.replace(/^npm:/, '');
	if (p.startsWith('@')) {
		const at = p.indexOf('@', 1);
		p = at > 0 ? p.slice(0, at) : p;
	} else {
		p = p.split('@')[0] ?? p;
	}
	p = p.split(/==|>=|<=|~=|!=/)[0] ?? p;
	// an image tag (not a registry port): the last ':' after the last '/'
	const slash = p.lastIndexOf('/');
	const colon = p.lastIndexOf(':');
	return colon > slash ? p.slice(0, colon) : p;
}

/** The package (or image) a runner command starts, if the command is a known runner. */
export function packagesOf(program: string, args: readonly string[]): string[] {
	let runner = program;
	let i = 0;
	const sub = SUBCOMMANDS[program];
	if (sub) {
		while (i < args.length && args[i]?.startsWith('-')) {
			i++;
		}
		if (!sub.includes(args[i] ?? '')) {
			return [];
		}
		i++;
		runner = program === 'pnpm' || program === 'yarn' ? 'npx' : program;
	}
	const spec = RUNNERS[runner];
	if (!spec && program !== 'deno') {
		return [];
	}
	const out: string[] = [];
	for (; i < args.length; i++) {
		const a = args[i] ?? '';
		if (a === '--') {
			continue;
		}
		if (a.startsWith('-')) {
			if ((a === '--from' || a === '-p' || a === '--package' || a === '--spec') && args[i + 1] && runner !== 'docker' && runner !== 'podman') {
				out.push(stripVersion(args[i + 1] as string));
			}
			if (!a.includes('=') && spec?.skipValue.includes(a)) {
				i++;
			}
			continue;
		}
		out.push(stripVersion(a));
		break;
	}
	return [...new Set(out.filter((p) => p.length > 0))];
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** The host of a remote server's URL, lower-case (`localhost` for loopback, `local-socket` for unix:/pipe:). */
export function hostOf(url: string): string | undefined {
	if (/^(?:unix|pipe):/i.test(url)) {
		return 'local-socket';
	}
	try {
		const host = new URL(url).hostname.toLowerCase();
		return LOOPBACK.test(host) ? 'localhost' : host.replace(/^\[|\]$/g, '');
	} catch {
		return undefined;
	}
}

function looksLikePath(a: string): boolean {
	return /^(?:\/|~(?:\/|$)|\.{1,2}(?:\/|$)|[A-Za-z]:[\\/]|\$\{(?:workspaceFolder|workspaceRoot|userHome)\})/.test(a);
}

function normalize(p: string): string {
	const parts: string[] = [];
	for (const seg of p.replace(/\\/g, '/').split('/')) {
		if (seg === '..') {
			parts.pop();
		} else if (seg !== '.' && seg !== '') {
			parts.push(seg);
		}
	}
	return `${/^[A-Za-z]:/.test(parts[0] ?? '') ? '' : '/'}${parts.join('/')}`;
}

/** An absolute path for a path-like argument (relative ones against the server's folder). */
function absolute(p: string, vars: McpVariables, cwd: string | undefined): string | undefined {
	const r = resolveVariables(p, vars);
	if (r.includes('${')) {
		return undefined;
	}
	if (r.startsWith('/') || /^[A-Za-z]:[\\/]/.test(r)) {
		return normalize(r);
	}
	const base = cwd ?? vars.workspaceFolder;
	return base ? normalize(`${base}/${r}`) : undefined;
}

function within(child: string, parent: string): boolean {
	const c = child.toLowerCase();
	const p = parent.toLowerCase().replace(/\/+$/, '');
	return c === p || c.startsWith(`${p}/`);
}

/** Docker/Podman mount sources: `-v src:dst`, `--volume=src:dst`, `--mount type=bind,source=src,...`. */
function mountSources(args: readonly string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i] ?? '';
		let spec: string | undefined;
		let mount = false;
		if (a === '-v' || a === '--volume') {
			spec = args[++i];
		} else if (a.startsWith('--volume=')) {
			spec = a.slice('--volume='.length);
		} else if (a === '--mount') {
			spec = args[++i];
			mount = true;
		} else if (a.startsWith('--mount=')) {
			spec = a.slice('--mount='.length);
			mount = true;
		}
		if (!spec) {
			continue;
		}
		if (mount) {
			const src = /(?:^|,)(?:source|src)=([^,]+)/.exec(spec)?.[1];
			if (src) {
				out.push(src);
			}
		} else {
			const src = /^([A-Za-z]:[\\/][^:]*|[^:]+):/.exec(spec)?.[1];
			if (src && looksLikePath(src)) {
				out.push(src);
			}
		}
	}
	return out;
}

/** The workspace key of an absolute path inside the workspace folder (`prefix` is the folder's key + '/' or ''). */
function workspaceKey(abs: string, vars: McpVariables, prefix: string): string | undefined {
	if (!vars.workspaceFolder || !within(abs, vars.workspaceFolder)) {
		return undefined;
	}
	const rel = abs.slice(vars.workspaceFolder.replace(/\/+$/, '').length + 1);
	return rel ? `${prefix}${rel}` : undefined;
}

/** What `classifyMcpServer` needs besides the entry. */
export interface McpClassifyContext {
	vars: McpVariables;
	origin: 'workspace' | 'user';
	/** The classifier of the effective policy: path rules for `envFile`, secret rules for inline values. */
	classifier: Pick<Classifier, 'classifyPath' | 'classifyText'>;
	/** Workspace key prefix of the server's folder (`<folderKey>/` in a multi-root workspace, else ''). */
	folderPrefix?: string;
	/** A file's level from the index, when it was classified (content included); path rules otherwise. */
	levelOf?: (workspaceKey: string) => Level | undefined;
	/** Files at or above this level count as secrets handed over. */
	sensitiveLevel: Level;
}

const SECRET_KINDS = new Set(['secret', 'private-key']);

/** Classifies one declared server. */
export function classifyMcpServer(s: McpServerEntry, ctx: McpClassifyContext): McpServerClass {
	const { vars } = ctx;
	const prefix = ctx.folderPrefix ?? '';
	const threshold = levelRank(ctx.sensitiveLevel);
	const program = s.command ? programOf(resolveVariables(s.command, vars)) : undefined;
	const args = s.args.map((a) => resolveVariables(a, vars));
	const packages = program ? packagesOf(program, s.args) : [];
	let runs: McpRuns = 'unknown';
	let host: string | undefined;
	if (s.url) {
		host = hostOf(resolveVariables(s.url, vars));
		runs = host === 'localhost' || host === 'local-socket' ? 'local' : 'remote';
	} else if (s.command) {
		runs = 'local';
	}

	// Reach
	const cwd = s.cwd ? absolute(s.cwd, vars, undefined) : undefined;
	const known = packages.some((p) => FILE_SERVERS.some((re) => re.test(p.toLowerCase())));
	const raw = [...mountSources(s.args), ...s.args.filter((a, i) => looksLikePath(a) && !(program === 'docker' || program === 'podman') && !isScriptArg(s.args, i))];
	const paths = [...new Set(raw.map((p) => absolute(p, vars, cwd) ?? p))];
	const reachPaths = known && paths.length === 0 && vars.workspaceFolder ? [vars.workspaceFolder] : paths;
	const reach: McpReach = {
		kind: known ? 'server' : paths.length > 0 ? 'paths' : 'none',
		paths: reachPaths.map((p) => shownPath(p, vars)),
		workspace: vars.workspaceFolder !== undefined && reachPaths.some((p) => within(vars.workspaceFolder as string, p)),
		home: vars.userHome !== undefined && reachPaths.some((p) => within(vars.userHome as string, p)),
	};

	// Secrets
	const secrets: McpSecret[] = [];
	if (s.envFile) {
		const abs = absolute(s.envFile, vars, cwd);
		const key = abs ? workspaceKey(abs, vars, prefix) : undefined;
		const pathForRules = key ?? (abs ? abs.replace(/^\/+/, '') : s.envFile);
		const fromIndex = key ? ctx.levelOf?.(key) : undefined;
		const reasons = ctx.classifier.classifyPath(pathForRules);
		const top = reasons[0];
		const level = fromIndex && (!top || levelRank(fromIndex) > levelRank(top.level)) ? fromIndex : (top?.level ?? fromIndex);
		if (level && levelRank(level) >= threshold) {
			secrets.push({ via: 'envFile', name: s.envFile, ...(key ? { file: key } : {}), rule: top?.rule ?? 'classified', level });
		}
	}
	const inline = (via: McpSecret['via'], name: string, value: string, sep: string): void => {
		if (value.length === 0 || isReferenceOnly(value)) {
			return;
		}
		const c = ctx.classifier.classifyText('mcp-inline.env', `${name}${sep}${value}\n`);
		const hit = c.reasons.find((r) => SECRET_KINDS.has(r.kind));
		if (hit) {
			secrets.push({ via, name, rule: hit.rule, level: hit.level });
		} else if (via === 'header' && /^(?:authorization|proxy-authorization|x-api-key|api-key)$/i.test(name)) {
			secrets.push({ via, name, rule: 'credential-header', level: 'restricted' });
		}
	};
	for (const [k, v] of Object.entries(s.env)) {
		inline('env', k, v, '=');
	}
	for (const [k, v] of Object.entries(s.headers)) {
		inline('header', k, v, ': ');
	}
	args.forEach((a, i) => {
		if (!looksLikePath(a)) {
			inline('arg', `args[${i}]`, a, ' ');
		}
	});
	return {
		runs,
		...(host ? { host } : {}),
		...(program ? { program } : {}),
		packages,
		reach,
		secrets,
		origin: ctx.origin,
	};
}

/** A path as reports show it: under the workspace folder as `${workspaceFolder}/...`, under the home folder as `~/...`. */
function shownPath(p: string, vars: McpVariables): string {
	for (const [base, name] of [[vars.workspaceFolder, '${workspaceFolder}'], [vars.userHome, '~']] as const) {
		if (base && within(p, base)) {
			return name + p.slice(base.replace(/\/+$/, '').length);
		}
	}
	return p;
}

/** The first argument of `node`/`python`/`deno run` is the server's own script, not a folder it reads. */
function isScriptArg(args: readonly string[], i: number): boolean {
	const first = args.findIndex((a) => !a.startsWith('-'));
	return i === first && /\.(?:m?js|cjs|ts|py|rb|php|jar)$/i.test(args[i] ?? '');
}
