/**
 * The workspace summary the status bar and tooltips show: the workspace level, whether it is restricted, and
 * counts per level.
 */
import type { FileClassification } from '../classify/types';
import { type Level, LEVELS, levelRank, type Policy } from '../policy/schema';

export interface WorkspaceSummary {
	level: Level;
	restricted: boolean;
	counts: Record<Level, number>;
	/** Files at or above the policy's sensitive level. */
	sensitive: number;
	total: number;
}

/** Whether a workspace whose highest file level is `level` is restricted under the policy. */
export function isRestricted(policy: Policy, level: Level): boolean {
	const at = policy.workspace.restrictedAt;
	if (at === 'always') {
		return true;
	}
	if (at === 'never') {
		return false;
	}
	return levelRank(level) >= levelRank(at);
}

/** Summarises classifications into the workspace's level, restriction and counts. */
export function summarizeWorkspace(policy: Policy, files: Iterable<FileClassification>): WorkspaceSummary {
	const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
	let level: Level = 'public';
	let sensitive = 0;
	let total = 0;
	const threshold = levelRank(policy.workspace.sensitiveLevel);
	for (const f of files) {
		total++;
		counts[f.level]++;
		if (levelRank(f.level) > levelRank(level)) {
			level = f.level;
		}
		if (levelRank(f.level) >= threshold) {
			sensitive++;
		}
	}
	return { level, restricted: isRestricted(policy, level), counts, sensitive, total };
}
