/**
 * Masking of sensitive values for previews: a finding is shown with at most four leading and four trailing
 * characters, never in full.
 */

const MAX_STARS = 24;

/**
 * Masks a sensitive value: keeps at most 4 leading and 4 trailing characters (fewer for short values, none
 * for values under 8 characters) and replaces the rest with `*`. Very long values are shortened with `…`.
 */
export function maskSecret(value: string): string {
	const chars = Array.from(value);
	const n = chars.length;
	const keep = n < 8 ? 0 : Math.min(4, Math.floor(n / 5));
	const hidden = n - 2 * keep;
	const stars = hidden > MAX_STARS ? `${'*'.repeat(MAX_STARS)}…` : '*'.repeat(Math.max(hidden, 1));
	return chars.slice(0, keep).join('') + stars + chars.slice(n - keep).join('');
}

/** Masks the `value` part of a larger match, e.g. `password=hu******rd` stays readable around the secret. */
export function maskWithin(prefix: string, value: string, suffix = ''): string {
	return `${prefix}${maskSecret(value)}${suffix}`;
}
