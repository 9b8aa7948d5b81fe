/**
 * One hook call, end to end and pure: a parsed request, the workspace's sensitivity, and the adapter →
 * the decision and the exact output. The CLI adds only I/O (stdin, snapshot file, log, heartbeat).
 */
import { type AgentReadAction, type AgentReads, agentReadAction } from '../policy/agentReads';
import type { Level } from '../policy/schema';
import { rankOf as levelRank } from './levels';
import type { AgentAdapter, HookOutput, HookRequest } from './agents/types';
import { type DecideOptions, type HookDecision, type SensitivityLookup, decideReads, relativeToRoot } from './decide';
import { analyzeShellCommand } from './shell/analyze';

export interface EvaluateOptions {
	/** Absolute POSIX workspace root. */
	root: string;
	threshold: Level;
	lookup: SensitivityLookup;
	classify?: (relPath: string) => Level | undefined;
	/** Classifies content the agent is about to send (Cursor beforeReadFile). */
	classifyContent?: (relPath: string, text: string) => { level: Level; rule?: string } | undefined;
	home?: string;
	/** A small, non-sensitive file's text (lists of names, scripts), for the shell analysis; see ShellContext.readText. */
	readText?: (absPath: string) => string | undefined;
	/** The policy's per-level read actions (`workspace.agentReads`); every level is denied when absent. */
	agentReads?: AgentReads;
	/**
	 * The secrets and private keys in a prompt, with the rule that found each (never the value); undefined when
	 * no classifier is at hand (the caller loads one and asks again).
	 */
	findSecrets?: (text: string) => PromptSecret[] | undefined;
	/** The MCP server this tool call goes to, when the policy blocks it (`mcp` section): the call is denied. */
	blockedMcpServer?: string;
}

/** A secret found in a prompt: its rule and 1-based line, and the level its family assigns. */
export interface PromptSecret {
	rule: string;
	message: string;
	line: number;
	level: Level;
}

/** The action a read at `level` gets from this agent: `redact` only where the agent lets a hook rewrite tool output. */
export function effectiveAction(reads: AgentReads | undefined, level: Level, adapter: AgentAdapter): AgentReadAction {
	const a = agentReadAction(reads, level);
	return a === 'redact' && !adapter.renderOutput ? 'deny' : a;
}

export interface Evaluation {
	decision: HookDecision;
	output: HookOutput;
	/** The reads and uncertainties considered (for tests and the log; names only). */
	considered: { reads: number; uncertain: string[] };
}

/** Decides one parsed hook request and renders the agent's answer. */
export function evaluateRequest(req: HookRequest, adapter: AgentAdapter, opts: EvaluateOptions): Evaluation {
	const reads = [...req.reads];
	const uncertain = [...req.uncertain];
	if (req.command !== undefined) {
		const cwd = req.cwd ?? req.roots[0] ?? opts.root;
		const a = analyzeShellCommand(req.command, { cwd, root: opts.root, ...(opts.readText ? { readText: opts.readText } : {}), ...(opts.home ? { home: opts.home } : {}), ...(req.cwdDrift ? { cwdDrift: true } : {}) });
		reads.push(...a.reads);
		uncertain.push(...a.uncertain);
	}
	const decideOpts: DecideOptions = {
		root: opts.root,
		threshold: opts.threshold,
		lookup: opts.lookup,
		supportsAsk: adapter.supportsAsk(req),
		...(opts.classify ? { classify: opts.classify } : {}),
		...(req.tool ? { tool: req.tool } : {}),
		actionOf: (level) => effectiveAction(opts.agentReads, level, adapter),
	};
	let decision: HookDecision = req.kind === 'ignore' ? { decision: 'allow', reason: '', paths: [] } : decideReads({ reads, uncertain }, decideOpts);
	if (req.kind === 'tool' && opts.blockedMcpServer !== undefined && decision.decision !== 'deny') {
		decision = {
			decision: 'deny',
			reason: `Context Warden: the MCP server '${opts.blockedMcpServer}' is blocked by the organisation's AI context policy; do not call its tools.`,
			rule: 'mcp.block',
			paths: [],
		};
	}
	if (decision.decision !== 'deny' && req.content && opts.classifyContent) {
		const rel = relativeToRoot(opts.root, req.content.path) ?? req.content.path;
		const c = opts.classifyContent(rel, req.content.text);
		if (c && levelRank(c.level) >= levelRank(opts.threshold) && effectiveAction(opts.agentReads, c.level, adapter) === 'deny') {
			const rule = c.rule ?? `level:${c.level}`;
			decision = {
				decision: 'deny',
				reason: `Context Warden: ${rel} (${c.level}, rule ${rule}) may not be read by AI agents: its content is classified at or above ${opts.threshold}. Ask the user for the specific non-secret value you need.`,
				rule,
				paths: [rel],
			};
		}
	}
	if (decision.decision !== 'deny' && req.kind === 'prompt' && req.prompt && opts.findSecrets) {
		const held = (opts.findSecrets(req.prompt) ?? []).filter((f) => agentReadAction(opts.agentReads, f.level) !== 'allow');
		const first = held[0];
		if (first) {
			const rules = [...new Set(held.map((f) => f.rule))];
			decision = {
				decision: 'deny',
				reason: `Context Warden: this prompt was not sent: it holds ${held.length === 1 ? 'a secret' : `${held.length} secrets`} (${first.message}, rule ${first.rule}, line ${first.line}${rules.length > 1 ? `; also ${rules.slice(1, 4).join(', ')}` : ''}). Remove the value and refer to it instead: by the file or setting that holds it ("the key in .env"), or by the name of the environment variable the code reads.`,
				rule: first.rule,
				paths: [],
			};
		}
	}
	return { decision, output: adapter.render(decision, req), considered: { reads: reads.length, uncertain } };
}
