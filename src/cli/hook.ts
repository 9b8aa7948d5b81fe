/**
 * `context-warden hook --agent <id>`: the tool-level enforcement point an agent runs before a tool call.
 * Reads the agent's JSON payload on stdin, decides from the sensitivity snapshot (or the policy), prints the
 * agent's answer, and exits 0 (Windsurf: 2 with the reason on stderr to block). It never crashes into the
 * agent: garbage in gives no output, exit 0 and a note on stderr.
 */
import { mkdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type * as ClassifierModule from '../core/classify/classifier';
import type * as RedosModule from '../core/classify/detectors/redos';
import type { AgentReads } from '../core/policy/agentReads';
import type * as PolicyParseModule from '../core/policy/parse';
import type { Level } from '../core/policy/schema';
import { adapterFor } from '../core/hooks/agents/registry';
import { AGENT_IDS, type HookRequest } from '../core/hooks/agents/types';
import { classifierPort, type HookClassification, type HookClassifier } from '../core/hooks/classifierPort';
import { type HookDecision, relativeToRoot, type SensitivityLookup } from '../core/hooks/decide';
import { type Evaluation, evaluateRequest, type PromptSecret } from '../core/hooks/evaluate';
import { rankOf as levelRank } from '../core/hooks/levels';
import { type HookSnapshot, parseSnapshot, snapshotFileName, snapshotLookup } from '../core/hooks/snapshot';
import { parseCommandArgs } from './args';
import { appendAudit, setHookMirror } from './hookAudit';
import { Budget, BudgetExceeded, HOOK_BUDGET_MS } from './hookBudget';
import { runOutputHook, withheldAnswer } from './hookOutput';
import { cacheFileFor, defaultCacheDir, hashOf, type WorkspaceIndex, workspaceIndex } from './hookWorkspace';
import { type CliCommand, type CliIo, ExitCode } from './io';
import { readRegularFileSync } from './regularFile';
import type * as PolicyInputs from './policyInputs';
import type * as McpCli from './mcp';
import { looksLikeMcpTool, serverOfTool } from '../core/mcp/toolMatch';

const HELP = `Usage: context-warden hook --agent <id> [options]

Runs as an AI agent's hook: reads the agent's JSON payload on stdin and answers in the agent's format
whether the tool call may read what it names. Allow prints nothing.

Agents: ${AGENT_IDS.join(', ')}

Options:
  --agent <id>          the agent whose payload and output format to use (required)
  --snapshot <file>     the sensitivity snapshot the extension writes
  --snapshot-dir <dir>  a folder of snapshots named by workspace root (see snapshotFileName)
  --policy <file>       the org policy (default: the machine's well-known path); with the workspace's layers
                        it classifies files the snapshot does not know, or everything without a snapshot
  --workspace <dir>     the workspace root when neither the snapshot nor the payload gives it
  --log <file>          append deny/ask/redact decisions as JSON lines (paths and rules, never content)
  --heartbeat <file>    write {agent, at} on every run, so the extension can show "hooks active"
  --redact-dir <dir>    where redaction sessions keep their placeholders (hashes, never values);
                        default: redact-sessions next to --log
  --cache-dir <dir>     where the walk of a workspace without a snapshot is kept (default: the user's cache
                        folder, e.g. ~/.cache/context-warden/hook)
  --budget-ms <n>       the hard time budget for one call (default ${HOOK_BUDGET_MS}); when it runs out the answer
                        is ask, or deny where the agent cannot ask
  --mirror <file>       also append each --log entry to <file> for a log shipper (default: the
                        mirror.json the extension writes beside the log, when an admin set one)
  --mirror-format <f>   native (default) or ocsf (one OCSF 1.8.0 event per line)

A tool's output (Claude Code PostToolUse) comes back with every finding at or above the sensitive level
replaced by a placeholder; output that cannot be checked in full is withheld behind a notice.
`;

/** A snapshot file is at most this large. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
/** Whatever the policy says, content past this is never read by the hook (path rules still apply). */
const HARD_CLASSIFY_BYTES = 64 * 1024 * 1024;
/** A list of names or a script the shell analysis looks into is at most this large. */
const MAX_LIST_BYTES = 64 * 1024;
/** The walk without a snapshot leaves this much of the budget for the rest of the call. */
const WALK_RESERVE_MS = 600;

interface HookArgs {
	agent?: string;
	snapshot?: string;
	snapshotDir?: string;
	policy?: string;
	workspace?: string;
	log?: string;
	heartbeat?: string;
	redactDir?: string;
	cacheDir?: string;
	budgetMs?: string;
	mirror?: string;
	mirrorFormat?: string;
}

/** Parses `hook`'s arguments, or says what is wrong with them. */
export function parseHookArgs(args: readonly string[]): HookArgs | string {
	const parsed = parseCommandArgs(
		args,
		{
			agent: { type: 'string' },
			snapshot: { type: 'string' },
			'snapshot-dir': { type: 'string' },
			policy: { type: 'string' },
			workspace: { type: 'string' },
			log: { type: 'string' },
			heartbeat: { type: 'string' },
			'redact-dir': { type: 'string' },
			'cache-dir': { type: 'string' },
			'budget-ms': { type: 'string' },
			mirror: { type: 'string' },
			'mirror-format': { type: 'string' },
		},
		0,
	);
	if (typeof parsed === 'string') {
		return parsed;
	}
	const {
		'snapshot-dir': snapshotDir,
		'redact-dir': redactDir,
		'cache-dir': cacheDir,
		'budget-ms': budgetMs,
		'mirror-format': mirrorFormat,
		...rest
	} = parsed.values;
	if (mirrorFormat !== undefined && mirrorFormat !== 'native' && mirrorFormat !== 'ocsf') {
		return '--mirror-format needs one of: native, ocsf';
	}
	return {
		...rest,
		...(snapshotDir !== undefined ? { snapshotDir } : {}),
		...(redactDir !== undefined ? { redactDir } : {}),
		...(cacheDir !== undefined ? { cacheDir } : {}),
		...(budgetMs !== undefined ? { budgetMs } : {}),
		...(mirrorFormat !== undefined ? { mirrorFormat } : {}),
	};
}

async function readStdin(io: CliIo): Promise<string> {
	if (io.stdin) {
		return io.stdin();
	}
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	}
	return Buffer.concat(chunks).toString('utf8');
}

function toPosix(p: string): string {
	return p.replace(/\\/g, '/');
}

/** Loads the snapshot for this request: the given file, or the one for the payload's root in the folder. */
function loadSnapshot(args: HookArgs, req: HookRequest, notes: string[]): HookSnapshot | undefined {
	const candidates: string[] = [];
	if (args.snapshot) {
		candidates.push(args.snapshot);
	}
	if (args.snapshotDir) {
		const starts = [args.workspace, ...req.roots, req.cwd].filter((x): x is string => !!x).map(toPosix);
		for (const start of starts) {
			for (let dir = posix.normalize(start); ; dir = posix.dirname(dir)) {
				candidates.push(join(args.snapshotDir, snapshotFileName(dir)));
				if (dir === posix.dirname(dir)) {
					break;
				}
			}
		}
	}
	for (const file of candidates) {
		const read = readRegularFileSync(file, MAX_SNAPSHOT_BYTES);
		if (read.kind === 'missing') {
			continue;
		}
		if (read.kind !== 'bytes') {
			notes.push(`snapshot ${file}: ${read.kind === 'error' ? read.message : read.kind === 'too-large' ? 'too large' : read.what}`);
			continue;
		}
		const parsed = parseSnapshot(read.bytes.toString('utf8'));
		if ('error' in parsed) {
			notes.push(`snapshot ${file}: ${parsed.error}`);
			continue;
		}
		return parsed.snapshot;
	}
	if (args.snapshot) {
		notes.push(`snapshot ${args.snapshot} not usable; classifying on demand`);
	}
	return undefined;
}

/**
 * The effective policy of the workspace (org policy from `--policy` or the machine's well-known path, then the
 * workspace's layers) compiled into the real classifier. Loaded lazily: the snapshot-only path never pays for zod.
 * Reading the layers is raced against the budget; compiling (the regex safety analysis) runs under it.
 */
export interface LoadedPolicy {
	classifier: HookClassifier;
	threshold: Level;
	agentReads?: AgentReads;
	/** content.maxFileSizeBytes (capped): content up to this size is classified. */
	maxBytes: number;
	/** Identifies the effective policy (for the walk's cache). */
	hash: string;
}

async function loadPolicyClassifier(args: HookArgs, root: string, io: CliIo, notes: string[], budget: Budget): Promise<LoadedPolicy | undefined> {
	try {
		// require, not import(): the bundler initialises these modules (and zod) only when this runs.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { loadEffectivePolicy } = require('./policyInputs') as typeof PolicyInputs;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { compileClassifier } = require('../core/classify/classifier') as typeof ClassifierModule;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { formatDiagnosticGnu } = require('../core/policy/parse') as typeof PolicyParseModule;
		const { effective, warnings } = await budget.race('reading the policy', loadEffectivePolicy({ ...(args.policy ? { policyFile: args.policy } : {}), workspaceDir: root, cwd: io.cwd, env: io.env }));
		notes.push(...warnings);
		if (effective.state === 'org-last-valid' || effective.state === 'strict-fallback') {
			notes.push(`policy: ${effective.state} (${effective.diagnostics.filter((d) => d.severity === 'error').length} error(s) in the policy layers)`);
		}
		for (const d of effective.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) {
			notes.push(`policy: ${formatDiagnosticGnu(d)}`);
		}
		const verdicts = regexVerdicts(args.cacheDir ?? defaultCacheDir(io.env));
		const { classifier, errors } = budget.run("checking the policy's patterns", () => compileClassifier(effective.policy, effective.exceptions.active));
		verdicts.save();
		for (const e of errors) {
			notes.push(`policy ${e.family} ${e.id}: ${e.message}`);
		}
		const agentReads = effective.policy.workspace.agentReads;
		return {
			classifier: classifierPort(classifier),
			threshold: effective.policy.workspace.sensitiveLevel,
			...(agentReads ? { agentReads } : {}),
			maxBytes: Math.min(effective.policy.content.maxFileSizeBytes, HARD_CLASSIFY_BYTES),
			hash: hashOf({ policy: effective.policy, exceptions: effective.exceptions.active }),
		};
	} catch (err) {
		if (BudgetExceeded.is(err)) {
			throw err;
		}
		notes.push(`policy: cannot load, nothing classified on demand: ${err instanceof Error ? err.message : String(err)}`);
		return undefined;
	}
}

/** The regex safety verdicts kept between calls (the analysis can take 100s of ms per pattern). */
function regexVerdicts(cacheDir: string | undefined): { save: () => void } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { REDOS_VERDICTS } = require('../core/classify/detectors/redos') as typeof RedosModule;
	const file = cacheDir ? join(cacheDir, 'regex-verdicts.json') : undefined;
	if (file) {
		const r = readRegularFileSync(file, 8 * 1024 * 1024);
		if (r.kind === 'bytes') {
			try {
				for (const [k, v] of Object.entries(JSON.parse(r.bytes.toString('utf8')) as Record<string, unknown>)) {
					if (typeof v === 'string' || v === null) {
						REDOS_VERDICTS.set(k, v);
					}
				}
			} catch {
				// rebuilt below
			}
		}
	}
	const before = REDOS_VERDICTS.size;
	return {
		save: () => {
			if (!file || REDOS_VERDICTS.size === before) {
				return;
			}
			try {
				mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
				writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(Object.fromEntries(REDOS_VERDICTS)), { mode: 0o600 });
				renameSync(`${file}.${process.pid}.tmp`, file);
			} catch {
				// recomputed next time
			}
		},
	};
}

/**
 * The workspace MCP server an MCP tool call goes to, when the policy blocks it: the workspace's MCP configuration
 * read and judged by the core (only for tool names of MCP's form, so other calls never pay for it).
 */
async function blockedMcpServerOf(args: HookArgs, root: string, io: CliIo, notes: string[], tool: string, budget: Budget): Promise<string | undefined> {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { loadEffectivePolicy } = require('./policyInputs') as typeof PolicyInputs;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { blockedWorkspaceServers } = require('./mcp') as typeof McpCli;
		const { effective } = await budget.race('reading the policy', loadEffectivePolicy({ ...(args.policy ? { policyFile: args.policy } : {}), workspaceDir: root, cwd: io.cwd, env: io.env }));
		return budget.run('reading the MCP configuration', () => serverOfTool(tool, blockedWorkspaceServers(root, effective)));
	} catch (err) {
		if (BudgetExceeded.is(err)) {
			throw err;
		}
		notes.push(`mcp: cannot read the workspace's MCP configuration: ${err instanceof Error ? err.message : String(err)}`);
		return undefined;
	}
}

/** Runs the hook once. Exported for tests; `deps.classifier` replaces the policy's classifier (and its loading). */
export async function runHook(argv: string[], io: CliIo, deps: { classifier?: HookClassifier; now?: () => Date } = {}): Promise<number> {
	const args = parseHookArgs(argv);
	if (typeof args === 'string' || !args.agent) {
		io.stderr.write(`context-warden hook: ${typeof args === 'string' ? args : '--agent is required'}\n`);
		// Exit 1, not 2: several agents read exit 2 as "block", and a broken install must not block everything.
		return ExitCode.internal;
	}
	setHookMirror(args.mirror ? { file: args.mirror, format: args.mirrorFormat === 'ocsf' ? 'ocsf' : 'native' } : undefined);
	const adapter = adapterFor(args.agent);
	if (!adapter) {
		io.stderr.write(`context-warden hook: unknown agent '${args.agent}' (one of ${AGENT_IDS.join(', ')})\n`);
		return ExitCode.internal;
	}
	const budgetMs = args.budgetMs !== undefined && /^\d+$/.test(args.budgetMs) ? Number(args.budgetMs) : HOOK_BUDGET_MS;
	const budget = new Budget(budgetMs);
	const now = deps.now ?? (() => new Date());
	const notes: string[] = [];
	if (args.heartbeat) {
		try {
			mkdirSync(dirname(args.heartbeat), { recursive: true });
			writeFileSync(args.heartbeat, `${JSON.stringify({ agent: adapter.id, at: now().toISOString() })}\n`);
		} catch (err) {
			notes.push(`heartbeat: ${err instanceof Error ? err.message : String(err)}`);
		}
	}
	let payload: unknown;
	try {
		// The agent's own payload: read and parsed in linear time, outside the budget (the answer needs it).
		payload = JSON.parse(await readStdin(io));
	} catch {
		io.stderr.write('context-warden hook: stdin is not a JSON payload; nothing decided (the call proceeds)\n');
		return ExitCode.ok;
	}
	let req: HookRequest | undefined;
	try {
		req = adapter.parse(payload);
		notes.push(...req.notes);
		if (req.kind === 'ignore') {
			flushNotes(io, notes);
			return ExitCode.ok;
		}
		const request = req;
		const snapshot = budget.run('reading the snapshot', () => loadSnapshot(args, request, notes));
		const root = toPosix(snapshot?.root ?? args.workspace ?? req.roots[0] ?? req.cwd ?? io.cwd);
		let classifier: HookClassifier | undefined = deps.classifier;
		let threshold: Level = snapshot?.threshold ?? 'confidential';
		let agentReads: AgentReads | undefined = snapshot?.agentReads;
		if (req.kind === 'output') {
			// What a tool returned: only agents that can replace it are asked (the installer registers no other).
			if (!adapter.renderOutput) {
				flushNotes(io, notes);
				return ExitCode.ok;
			}
			const loaded = classifier ? undefined : await loadPolicyClassifier(args, root, io, notes, budget);
			return await runOutputHook(req, adapter, {
				io,
				notes,
				now,
				...(args.log ? { log: args.log } : {}),
				sessionDir: args.redactDir ?? (args.log ? join(dirname(args.log), 'redact-sessions') : undefined),
				classifier: loaded?.classifier ?? classifier,
				threshold: loaded?.threshold ?? threshold,
				agentReads: loaded ? loaded.agentReads : agentReads,
			});
		}
		let maxBytes = HARD_CLASSIFY_BYTES;
		let policyHash = 'injected';
		let policyTried = false;
		if (!snapshot && !classifier) {
			policyTried = true;
			// No snapshot: the policy decides everything, so load it now (its threshold is needed too).
			const loaded = await loadPolicyClassifier(args, root, io, notes, budget);
			if (loaded) {
				({ classifier, threshold, maxBytes, hash: policyHash } = loaded);
				agentReads = loaded.agentReads;
			} else {
				notes.push('no snapshot and no usable policy: nothing is known to be sensitive');
			}
		}
		const onDisk = (rel: string): string => join(root, rel);
		const rules = new Map<string, string>();
		let walk: WorkspaceIndex | undefined;
		let lookup: SensitivityLookup;
		if (snapshot) {
			lookup = snapshotLookup(snapshot, (rel, since) => {
				try {
					return statSync(onDisk(rel)).mtimeMs > since;
				} catch {
					return false;
				}
			});
		} else if (classifier) {
			// No snapshot: walk the workspace (from the cache when warm) so globs and recursive reads are judged.
			const cacheFile = cacheFileFor(args.cacheDir ?? defaultCacheDir(io.env), root);
			walk = workspaceIndex({ root, classifier, threshold, maxBytes, policyHash, cacheFile, timeLeft: () => budget.left() - WALK_RESERVE_MS });
			const w = walk.lookup;
			lookup = { ...w, ruleOf: (rel) => rules.get(rel) ?? w.ruleOf?.(rel) };
		} else {
			lookup = { levelOf: () => undefined, sensitiveUnder: () => [], ruleOf: (rel) => rules.get(rel) };
		}
		const classifyOne = (cl: HookClassifier, rel: string): HookClassification => {
			const read = readRegularFileSync(onDisk(rel), maxBytes);
			// A FIFO, a device, a file past the cap: judged by its path (a `.env` that is a named pipe is still `.env`).
			return read.kind === 'bytes' ? cl.classifyBytes(rel, read.bytes) : cl.classifyPath(rel);
		};
		// With a snapshot, the classifier is needed only for what the snapshot does not know (a file changed since,
		// content to check): a first pass notes whether it is; the policy is then loaded and the request decided again.
		let wanted = false;
		const classify = (rel: string): Level | undefined => {
			if (!classifier) {
				wanted = true;
				return undefined;
			}
			let c = classifyOne(classifier, rel);
			// A symbolic link (or a path through one) is as sensitive as what it resolves to inside the workspace.
			const target = realRel(root, onDisk(rel));
			if (target !== undefined && target !== rel) {
				const known = lookup.levelOf(target);
				const t = known !== undefined ? { level: known, reasons: [] } : classifyOne(classifier, target);
				if (levelRank(t.level) > levelRank(c.level)) {
					c = t;
				}
			}
			const rule = c.reasons?.[0]?.rule;
			if (rule !== undefined) {
				rules.set(rel, rule);
			}
			return c.level;
		};
		const classifyContent = (rel: string, text: string): { level: Level; rule?: string } | undefined => {
			if (snapshot && lookup.levelOf(rel) !== undefined) {
				return undefined; // the snapshot knows this file and it has not changed since
			}
			if (!classifier) {
				wanted = true;
				return undefined;
			}
			const bytes = Buffer.from(text, 'utf8');
			return toContentVerdict(bytes.length <= maxBytes ? classifier.classifyBytes(rel, bytes) : classifier.classifyPath(rel));
		};
		// Secrets typed or pasted into a prompt: the real classifier's findings (a path-rule classifier has none).
		const findSecrets = (text: string): PromptSecret[] | undefined => {
			if (!classifier) {
				wanted = true;
				return undefined;
			}
			if (!classifier.contentFindings) {
				return [];
			}
			const lines = lineStarts(text);
			return classifier.contentFindings(text).findings
				.filter((f) => f.kind === 'secret' || f.kind === 'private-key')
				.map((f) => ({ rule: f.rule, message: f.message, level: f.level, line: lineOf(lines, f.start) }));
		};
		// Lists of names and scripts a command reads: the analysis may look at them, unless they are sensitive.
		const readText = (abs: string): string | undefined => {
			const rel = relativeToRoot(root, toPosix(abs));
			if (rel === undefined || rel === '') {
				return undefined;
			}
			const level = lookup.levelOf(rel) ?? classify(rel);
			if (level === undefined || levelRank(level) >= levelRank(threshold)) {
				return undefined;
			}
			const read = readRegularFileSync(onDisk(rel), MAX_LIST_BYTES);
			return read.kind === 'bytes' ? read.bytes.toString('utf8') : undefined;
		};
		const blockedMcpServer = request.kind === 'tool' && request.tool && looksLikeMcpTool(request.tool) ? await blockedMcpServerOf(args, root, io, notes, request.tool, budget) : undefined;
		const evaluate = (): Evaluation =>
			budget.run('deciding', () => evaluateRequest(request, adapter, { root, threshold, lookup, classify, classifyContent, findSecrets, home: toPosix(io.env.HOME ?? homedir()), readText, ...(agentReads ? { agentReads } : {}), ...(blockedMcpServer !== undefined ? { blockedMcpServer } : {}) }));
		let result = evaluate();
		if (wanted && !classifier && !policyTried && result.decision.decision !== 'deny') {
			const loaded = await loadPolicyClassifier(args, root, io, notes, budget);
			if (loaded) {
				classifier = loaded.classifier;
				maxBytes = loaded.maxBytes;
				result = evaluate();
			}
		}
		walk?.save();
		if (args.log) {
			const tool = req.tool ?? req.event;
			const base = { agent: adapter.id, ...(tool ? { tool } : {}) };
			const d = result.decision;
			if (d.decision !== 'allow') {
				const data = { ...base, paths: d.paths, ...(d.rule ? { rule: d.rule } : {}) };
				await appendAudit(args.log, now, notes, d.decision === 'deny' ? 'hook.deny' : 'hook.ask', data);
			}
			const allowed = (d.passed ?? []).filter((p) => p.action === 'allow');
			if (d.decision === 'allow' && allowed.length > 0) {
				await appendAudit(args.log, now, notes, 'hook.allow', { ...base, paths: allowed.map((p) => p.path), levels: [...new Set(allowed.map((p) => p.level))] });
			}
		}
		flushNotes(io, notes);
		io.stdout.write(result.output.stdout);
		io.stderr.write(result.output.stderr);
		return result.output.exitCode;
	} catch (err) {
		if (req?.kind === 'output') {
			// What a tool returned and could not be checked: withheld, never passed through (silence would pass it).
			const answer = withheldAnswer(req, adapter, BudgetExceeded.is(err) ? `it could not be checked for secrets within ${budgetMs} ms` : 'it could not be checked for secrets');
			notes.push(err instanceof Error ? err.message : String(err));
			if (args.log && answer) {
				const tool = req.tool ?? req.event;
				await appendAudit(args.log, now, notes, 'hook.redact', { agent: adapter.id, ...(tool ? { tool } : {}), rules: [], replaced: 0, withheld: BudgetExceeded.is(err) ? 'time budget' : 'internal error' });
			}
			flushNotes(io, notes);
			if (answer) {
				io.stdout.write(answer.stdout);
				io.stderr.write(answer.stderr);
				return answer.exitCode;
			}
			return ExitCode.ok;
		}
		if (BudgetExceeded.is(err) && req) {
			// Out of time: not silence (most agents proceed on silence) but ask, or deny where the agent cannot ask.
			const decision: HookDecision = {
				decision: adapter.supportsAsk(req) ? 'ask' : 'deny',
				reason: `Context Warden could not finish checking this ${req.tool ?? 'call'} within ${budgetMs} ms (${err.phase}), so it cannot tell whether it reads files classified as sensitive. Name the files explicitly, or ask the user.`,
				rule: 'hook:budget',
				paths: [],
			};
			const output = adapter.render(decision, req);
			notes.push(err.message);
			if (args.log && output) {
				const tool = req.tool ?? req.event;
				await appendAudit(args.log, now, notes, decision.decision === 'deny' ? 'hook.deny' : 'hook.ask', { agent: adapter.id, ...(tool ? { tool } : {}), paths: [], rule: 'hook:budget' });
			}
			flushNotes(io, notes);
			if (output) {
				io.stdout.write(output.stdout);
				io.stderr.write(output.stderr);
				return output.exitCode;
			}
			return ExitCode.ok;
		}
		// Never crash into the agent: say so, and let the call proceed (the agents fail open on crashes anyway).
		io.stderr.write(`context-warden hook: internal error, nothing decided: ${err instanceof Error ? err.message : String(err)}\n`);
		return ExitCode.ok;
	}
}

/** The workspace-relative path a path resolves to through symbolic links, when it is inside the root. */
function realRel(root: string, abs: string): string | undefined {
	try {
		const real = toPosix(realpathSync(abs));
		const r = toPosix(realpathSync(root));
		return real.startsWith(`${r}/`) ? real.slice(r.length + 1) : undefined;
	} catch {
		return undefined;
	}
}

function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
			starts.push(i + 1);
		}
	}
	return starts;
}

function lineOf(starts: number[], offset: number): number {
	let line = 0;
	while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) {
		line++;
	}
	return line + 1;
}

function toContentVerdict(c: { level: Level; reasons?: { rule: string }[] }): { level: Level; rule?: string } {
	const rule = c.reasons?.[0]?.rule;
	return rule !== undefined ? { level: c.level, rule } : { level: c.level };
}

function flushNotes(io: CliIo, notes: string[]): void {
	for (const n of notes) {
		io.stderr.write(`context-warden hook: ${n}\n`);
	}
}

export const hookCommand: CliCommand = {
	name: 'hook',
	summary: 'Answer an AI agent\'s pre-tool hook: may this call read what it names?',
	help: HELP,
	run: (args, io) => runHook(args, io),
};
