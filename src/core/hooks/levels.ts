/**
 * The sensitivity levels, re-declared for the hook so its bundle does not load zod (454 KB, most of the
 * hook's start-up). A unit test asserts they equal `LEVELS` of the policy schema.
 */
import type { Level } from '../policy/schema';

/** Levels, weakest first (the same order as the policy schema's `LEVELS`). */
export const HOOK_LEVELS: readonly Level[] = ['public', 'internal', 'confidential', 'restricted'];

/** The rank of a level: 0 for public, 3 for restricted. */
export function rankOf(level: Level): number {
	return HOOK_LEVELS.indexOf(level);
}

/** Whether a value is a level name. */
export function isLevel(v: unknown): v is Level {
	return typeof v === 'string' && (HOOK_LEVELS as readonly string[]).includes(v);
}
