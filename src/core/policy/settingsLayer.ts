/**
 * Workspace settings as a policy layer, and where the org policy lives on each OS. Shared by the extension and
 * the CLI, so both read the same layers the same way.
 */
import * as path from 'node:path';
import type { SettingId } from '../../constants';

/** The `contextWarden.*` settings that form the settings layer, with the layer key each sets. */
export const SETTINGS_LAYER_MAP = {
	'contextWarden.restrictedAt': 'workspace.restrictedAt',
	'contextWarden.sensitiveLevel': 'workspace.sensitiveLevel',
	'contextWarden.additionalPathRules': 'pathRules',
	'contextWarden.blockAssistants': 'assistants.block',
	'contextWarden.restrictedAction': 'assistants.restrictedAction',
	'contextWarden.additionalMarkers': 'content.markers',
	'contextWarden.exceptions': 'exceptions',
} as const satisfies { [K in SettingId]?: string };

export type SettingsLayerKey = keyof typeof SETTINGS_LAYER_MAP;

/** The full setting keys (`contextWarden.restrictedAt`, ...) that `settingsToLayer` reads. */
export const SETTINGS_LAYER_KEYS = Object.keys(SETTINGS_LAYER_MAP) as SettingsLayerKey[];

/**
 * Decides which policy layer the workspace settings stand for. `settings` maps full keys (`contextWarden.restrictedAt`)
 * to values; other keys, `undefined` and `null` are ignored. Values are not validated here: the layering validates
 * the result and drops what is invalid.
 */
export function settingsToLayer(settings: Record<string, unknown>): Record<string, unknown> {
	const layer: Record<string, unknown> = {};
	if (settings === null || typeof settings !== 'object') {
		return layer;
	}
	for (const key of SETTINGS_LAYER_KEYS) {
		if (!Object.prototype.hasOwnProperty.call(settings, key)) {
			continue;
		}
		const value = settings[key];
		if (value === undefined || value === null) {
			continue;
		}
		const target = SETTINGS_LAYER_MAP[key].split('.');
		let obj = layer;
		for (const seg of target.slice(0, -1)) {
			const next = obj[seg];
			if (next !== null && typeof next === 'object') {
				obj = next as Record<string, unknown>;
			} else {
				const created: Record<string, unknown> = {};
				obj[seg] = created;
				obj = created;
			}
		}
		obj[target[target.length - 1] ?? key] = value;
	}
	return layer;
}

/**
 * Decides where the admin-owned org policy lives on a platform: `/etc/context-warden/policy.json` on Linux (and other
 * Unixes), `/Library/Application Support/ContextWarden/policy.json` on macOS, `%ProgramData%\ContextWarden\policy.json`
 * on Windows.
 */
export function wellKnownOrgPolicyPath(platform: NodeJS.Platform | string, env: Record<string, string | undefined>): string {
	if (platform === 'win32') {
		const programData = env.ProgramData ?? env.PROGRAMDATA ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData';
		return path.win32.join(programData, 'ContextWarden', 'policy.json');
	}
	if (platform === 'darwin') {
		return '/Library/Application Support/ContextWarden/policy.json';
	}
	return '/etc/context-warden/policy.json';
}
