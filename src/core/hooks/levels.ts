/**
 * The sensitivity levels as the hook uses them: the zod-free `policy/levels.ts` (the schema, and zod with it,
 * is most of the hook's start-up, and the hook runs before every tool call).
 */
export { isLevel, LEVELS as HOOK_LEVELS, levelRank as rankOf } from '../policy/levels';
