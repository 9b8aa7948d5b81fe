/**
 * Pausing enforcement in a restricted workspace: a decision the org controls (`overrides.pause`). Where the org
 * allows it, "Restore Assistant Settings" and "Remove Agent Hooks" start a pause: the files stay as the user had them
 * and assistants are only warned about, until the user resumes, the pause reaches `maxMinutes`, or the policy
 * changes. Where it does not, both commands change nothing while the workspace is restricted. Pure: the adapter keeps
 * the state, the timer and the audit entries.
 */
import type { Policy } from '../policy/schema';

/** The command that started a pause, as the audit log names it. */
export type PauseCommand = 'restoreAssistantSettings' | 'restoreHooks';

export interface PauseState {
	/** ISO time the pause started. */
	since: string;
	/** ISO time it ends by itself (the org's `maxMinutes`); none: until resumed or the policy changes. */
	until?: string;
	/** Who paused (the OS user name). */
	by: string;
	command: PauseCommand;
	/** The effective policy the pause was allowed under: another one ends it. */
	policySha256: string;
}

export type PauseEnd = 'expired' | 'policy changed';

/** Whether the policy lets a developer pause enforcement, and for how long at most (minutes). */
export function pauseRule(policy: Policy): { allowed: boolean; maxMinutes?: number } {
	return policy.overrides.pause;
}

/** A pause starting now under this policy; undefined when the policy does not allow one. */
export function startPause(policy: Policy, policySha256: string, by: string, command: PauseCommand, now: Date): PauseState | undefined {
	const rule = pauseRule(policy);
	if (!rule.allowed) {
		return undefined;
	}
	return {
		since: now.toISOString(),
		...(rule.maxMinutes !== undefined ? { until: new Date(now.getTime() + rule.maxMinutes * 60_000).toISOString() } : {}),
		by,
		command,
		policySha256,
	};
}

/**
 * Why a pause is over, or undefined while it holds: its end time has come (`expired`), or the effective policy is
 * not the one it was allowed under (`policy changed`, which includes an org that no longer allows pausing).
 */
export function pauseEnded(state: PauseState, policySha256: string | undefined, now: Date): PauseEnd | undefined {
	if (state.until !== undefined && now.getTime() >= Date.parse(state.until)) {
		return 'expired';
	}
	if (policySha256 !== undefined && policySha256 !== state.policySha256) {
		return 'policy changed';
	}
	return undefined;
}
