/**
 * The hook's answer to what a tool returned (Claude Code `PostToolUse`): the output with every finding at or above
 * the sensitive level replaced by its session placeholder, in the agent's rewrite format. Output that cannot be
 * checked (too large, no classifier, an internal error) is replaced by a notice: never passed through. Nothing is
 * printed when there is nothing to replace. The audit log gets the rules and counts, never a value.
 */
import type { AgentAdapter, HookOutput, HookRequest } from '../core/hooks/agents/types';
import type { HookClassifier } from '../core/hooks/classifierPort';
import type { AgentReads } from '../core/policy/agentReads';
import type { Level } from '../core/policy/levels';
import { redactToolOutput, withholdToolOutput, type OutputRedaction } from '../core/redact/toolOutput';
import { appendAudit } from './hookAudit';
import { type CliIo, ExitCode } from './io';
import { withRedactionSession } from './redactSession';

export interface OutputHookOptions {
	io: CliIo;
	notes: string[];
	now: () => Date;
	log?: string;
	sessionDir?: string | undefined;
	classifier?: HookClassifier | undefined;
	threshold: Level;
	agentReads?: AgentReads | undefined;
}

/**
 * The agent's answer withholding a tool's output (the hook ran out of time or failed before it could check it):
 * undefined when the agent cannot replace output.
 */
export function withheldAnswer(req: HookRequest, adapter: AgentAdapter, why: string): HookOutput | undefined {
	return adapter.renderOutput?.(withholdToolOutput(req.output, why).output, req);
}

/** Redacts one tool output and prints the agent's replacement; returns the exit code. */
export async function runOutputHook(req: HookRequest, adapter: AgentAdapter, o: OutputHookOptions): Promise<number> {
	const render = adapter.renderOutput;
	if (!render) {
		return ExitCode.ok;
	}
	let result: OutputRedaction;
	try {
		const classifier = o.classifier;
		const contentFindings = classifier?.contentFindings?.bind(classifier);
		if (!contentFindings) {
			result = withholdToolOutput(req.output, 'no policy could be loaded to check it for secrets');
		} else {
			result = withRedactionSession(o.sessionDir, req.sessionId, o.notes, (session) =>
				redactToolOutput(req.output, { source: { contentFindings }, session, threshold: o.threshold, ...(o.agentReads ? { agentReads: o.agentReads } : {}) }),
			);
		}
	} catch (err) {
		o.notes.push(`redaction failed, output withheld: ${err instanceof Error ? err.message : String(err)}`);
		result = withholdToolOutput(req.output, 'it could not be checked for secrets');
	}
	if (result.kind !== 'unchanged' && o.log) {
		const tool = req.tool ?? req.event;
		const rules = result.kind === 'redacted' ? [...new Set(result.replacements.map((r) => r.rule))] : [];
		await appendAudit(o.log, o.now, o.notes, 'hook.redact', {
			agent: adapter.id,
			...(tool ? { tool } : {}),
			rules,
			replaced: result.kind === 'redacted' ? result.replacements.length : 0,
			...(result.kind === 'withheld' ? { withheld: result.why.slice(0, 200) } : {}),
		});
	}
	for (const n of o.notes) {
		o.io.stderr.write(`context-warden hook: ${n}\n`);
	}
	if (result.kind === 'unchanged') {
		return ExitCode.ok;
	}
	const out = render(result.output, req);
	o.io.stdout.write(out.stdout);
	o.io.stderr.write(out.stderr);
	return out.exitCode;
}
