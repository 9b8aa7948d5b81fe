/**
 * `context-warden hook --agent <id>`: the tool-level enforcement point an agent runs before a tool call.
 * Reads the agent's JSON payload on stdin, decides from the sensitivity snapshot (or the policy), prints the
 * agent's answer, and exits 0 (Windsurf: 2 with the reason on stderr to block). It never crashes into the
 * agent: garbage in gives no output, exit 0 and a note on stderr.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { Level, PathRule } from '../core/policy/schema';
import { HOOK_LEVELS as LEVELS } from '../core/hooks/levels';
import { adapterFor } from '../core/hooks/agents/registry';
import { AGENT_IDS, type HookRequest } from '../core/hooks/agents/types';
import { type HookClassifier, pathRuleClassifier } from '../core/hooks/classifierPort';
import type { SensitivityLookup } from '../core/hooks/decide';
import { evaluateRequest } from '../core/hooks/evaluate';
import { type HookSnapshot, parseSnapshot, snapshotFileName, snapshotLookup } from '../core/hooks/snapshot';
import { type CliCommand, type CliIo, ExitCode } from './io';

const HELP = `Usage: context-warden hook --agent <id> [options]

Runs as an AI agent's hook: reads the agent's JSON payload on stdin and answers in the agent's format
whether the tool call may read what it names. Allow prints nothing.

Agents: ${AGENT_IDS.join(', ')}

Options:
  --agent <id>          the agent whose payload and output format to use (required)
  --snapshot <file>     the sensitivity snapshot the extension writes
  --snapshot-dir <dir>  a folder of snapshots named by workspace root (see snapshotFileName)
  --policy <file>       a policy (JSON) whose path rules classify files when there is no snapshot
  --workspace <dir>     the workspace root when neither the snapshot nor the payload gives it
  --log <file>          append deny/ask decisions as JSON lines (paths and rules, never content)
  --heartbeat <file>    write {agent, at} on every run, so the extension can show "hooks active"
`;

/** A file at most this large is read to classify it on demand. */
const MAX_CLASSIFY_BYTES = 1024 * 1024;

interface HookArgs {
	agent?: string;
	snapshot?: string;
	snapshotDir?: string;
	policy?: string;
	workspace?: string;
	log?: string;
	heartbeat?: string;
}

function parseArgs(args: string[]): HookArgs | string {
	const out: HookArgs = {};
	const keys: Record<string, keyof HookArgs> = {
		'--agent': 'agent',
		'--snapshot': 'snapshot',
		'--snapshot-dir': 'snapshotDir',
		'--policy': 'policy',
		'--workspace': 'workspace',
		'--log': 'log',
		'--heartbeat': 'heartbeat',
	};
	for (let i = 0; i < args.length; i++) {
		const a = args[i] ?? '';
		const eq = a.indexOf('=');
		const flag = eq > 0 ? a.slice(0, eq) : a;
		const key = keys[flag];
		if (!key) {
			return `unknown option '${a}'`;
		}
		const value = eq > 0 ? a.slice(eq + 1) : args[++i];
		if (value === undefined) {
			return `${flag} needs a value`;
		}
		out[key] = value;
	}
	return out;
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
		if (!existsSync(file)) {
			continue;
		}
		const parsed = parseSnapshot(readFileSync(file, 'utf8'));
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

/** Reads a policy file leniently: its path rules and sensitive level (the full layering is the extension's). */
function loadPolicy(file: string, notes: string[]): { rules: PathRule[]; threshold?: Level } {
	try {
		const data = JSON.parse(readFileSync(file, 'utf8')) as { pathRules?: unknown; workspace?: { sensitiveLevel?: unknown } };
		const rules = Array.isArray(data.pathRules)
			? data.pathRules.filter((r): r is PathRule => typeof r === 'object' && r !== null && Array.isArray((r as PathRule).globs) && (LEVELS as readonly string[]).includes((r as PathRule).level))
			: [];
		const sl = data.workspace?.sensitiveLevel;
		return { rules, ...(typeof sl === 'string' && (LEVELS as readonly string[]).includes(sl) ? { threshold: sl as Level } : {}) };
	} catch (err) {
		notes.push(`policy ${file}: ${err instanceof Error ? err.message : String(err)}`);
		return { rules: [] };
	}
}

/** Runs the hook once. Exported for tests; `deps` replaces the classifier. */
export async function runHook(argv: string[], io: CliIo, deps: { classifier?: HookClassifier; now?: () => Date } = {}): Promise<number> {
	const args = parseArgs(argv);
	if (typeof args === 'string' || !args.agent) {
		io.stderr.write(`context-warden hook: ${typeof args === 'string' ? args : '--agent is required'}\n`);
		// Exit 1, not 2: several agents read exit 2 as "block", and a broken install must not block everything.
		return ExitCode.internal;
	}
	const adapter = adapterFor(args.agent);
	if (!adapter) {
		io.stderr.write(`context-warden hook: unknown agent '${args.agent}' (one of ${AGENT_IDS.join(', ')})\n`);
		return ExitCode.internal;
	}
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
		payload = JSON.parse(await readStdin(io));
	} catch {
		io.stderr.write('context-warden hook: stdin is not a JSON payload; nothing decided (the call proceeds)\n');
		return ExitCode.ok;
	}
	try {
		const req = adapter.parse(payload);
		notes.push(...req.notes);
		if (req.kind === 'ignore') {
			flushNotes(io, notes);
			return ExitCode.ok;
		}
		const snapshot = loadSnapshot(args, req, notes);
		const policy = args.policy ? loadPolicy(args.policy, notes) : undefined;
		const classifier = deps.classifier ?? (policy ? pathRuleClassifier(policy.rules) : undefined);
		const root = toPosix(snapshot?.root ?? args.workspace ?? req.roots[0] ?? req.cwd ?? io.cwd);
		const threshold: Level = snapshot?.threshold ?? policy?.threshold ?? 'confidential';
		const onDisk = (rel: string): string => join(root, rel);
		const classify = classifier
			? (rel: string): Level | undefined => {
					try {
						const st = statSync(onDisk(rel));
						if (!st.isFile()) {
							return undefined;
						}
						return st.size <= MAX_CLASSIFY_BYTES ? classifier.classifyBytes(rel, readFileSync(onDisk(rel))).level : classifier.classifyPath(rel).level;
					} catch {
						return classifier.classifyPath(rel).level;
					}
				}
			: undefined;
		const lookup: SensitivityLookup = snapshot
			? snapshotLookup(snapshot, (rel, since) => {
					try {
						return statSync(onDisk(rel)).mtimeMs > since;
					} catch {
						return false;
					}
				})
			: { levelOf: () => undefined, sensitiveUnder: () => [], ruleOf: (rel) => classifier?.classifyPath(rel).reasons?.[0]?.rule };
		if (!snapshot && !classifier) {
			notes.push('no snapshot and no policy: nothing is known to be sensitive');
		}
		const result = evaluateRequest(req, adapter, {
			root,
			threshold,
			lookup,
			...(classify ? { classify } : {}),
			...(classifier ? { classifyContent: (rel: string, text: string) => toContentVerdict(classifier.classifyBytes(rel, Buffer.from(text, 'utf8'))) } : {}),
			home: toPosix(io.env.HOME ?? homedir()),
		});
		if (result.decision.decision !== 'allow' && args.log) {
			try {
				mkdirSync(dirname(args.log), { recursive: true });
				appendFileSync(
					args.log,
					`${JSON.stringify({ type: `hook.${result.decision.decision}`, agent: adapter.id, tool: req.tool ?? req.event, paths: result.decision.paths, rule: result.decision.rule ?? null, at: now().toISOString() })}\n`,
				);
			} catch (err) {
				notes.push(`log: ${err instanceof Error ? err.message : String(err)}`);
			}
		}
		flushNotes(io, notes);
		io.stdout.write(result.output.stdout);
		io.stderr.write(result.output.stderr);
		return result.output.exitCode;
	} catch (err) {
		// Never crash into the agent: say so, and let the call proceed (the agents fail open on crashes anyway).
		io.stderr.write(`context-warden hook: internal error, nothing decided: ${err instanceof Error ? err.message : String(err)}\n`);
		return ExitCode.ok;
	}
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
