/**
 * The sidecar file beside the audit log that names the admin's mirror. Its own module: the hook reads it on every
 * call, and importing it from log.ts would load the policy parser (and zod) into the hook's fast path.
 */
export const MIRROR_SIDECAR = 'mirror.json';
