/**
 * Sensitivity levels, without zod: the policy schema builds its enum from these, and the code the agent hook
 * loads before every tool call (path rules, the hook's decisions) uses them without loading the schema.
 */

/** Sensitivity levels, weakest first. The order is the meaning: compare with `levelRank`. */
export const LEVELS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Level = (typeof LEVELS)[number];

/** The rank of a level: 0 for public, 3 for restricted. */
export function levelRank(level: Level): number {
	return LEVELS.indexOf(level);
}

/** The higher of two levels. */
export function maxLevel(a: Level, b: Level): Level {
	return levelRank(a) >= levelRank(b) ? a : b;
}

/** Whether a value is a level name. */
export function isLevel(v: unknown): v is Level {
	return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}
