/**
 * The workspace verdict: its level (the highest file level) and whether the policy restricts it.
 */
import { type Level, levelRank } from '../policy/levels';
import type { Policy } from '../policy/schema';

export interface WorkspaceVerdict {
	level: Level;
	restricted: boolean;
}

/**
 * Decides a workspace's level and restriction from its files' levels: the level is the highest file level
 * (public for an empty workspace); `restrictedAt: 'always'` restricts every workspace, `'never'` none, and a
 * level restricts a workspace whose level reaches it (so `'public'` restricts any workspace, as in
 * `summarizeWorkspace`).
 */
export function workspaceVerdict(policy: Policy, levels: Iterable<Level>): WorkspaceVerdict {
	let level: Level = 'public';
	for (const l of levels) {
		if (levelRank(l) > levelRank(level)) {
			level = l;
		}
	}
	const at = policy.workspace.restrictedAt;
	const restricted = at === 'always' ? true : at === 'never' ? false : levelRank(level) >= levelRank(at);
	return { level, restricted };
}
