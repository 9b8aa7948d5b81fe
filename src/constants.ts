/** The single source of the strings the manifest and the code share. */
export const EXTENSION_ID = 'context-warden.context-warden';
export const OUTPUT_CHANNEL_NAME = 'Context Warden';

export const Commands = {
	showEffectivePolicy: 'contextWarden.showEffectivePolicy',
	openLog: 'contextWarden.openLog',
	explainFile: 'contextWarden.explainFile',
	showExposurePreview: 'contextWarden.showExposurePreview',
	rescanWorkspace: 'contextWarden.rescanWorkspace',
	cancelScan: 'contextWarden.cancelScan',
	restoreAssistantSettings: 'contextWarden.restoreAssistantSettings',
	auditWorkspace: 'contextWarden.auditWorkspace',
	installHooks: 'contextWarden.installHooks',
	restoreHooks: 'contextWarden.restoreHooks',
	resumeEnforcement: 'contextWarden.resumeEnforcement',
	verifyAuditLog: 'contextWarden.verifyAuditLog',
	applyAllowedExtensions: 'contextWarden.applyAllowedExtensions',
	undoAllowedExtensions: 'contextWarden.undoAllowedExtensions',
} as const;

export const ContextKeys = {
	policyState: 'contextWarden.policyState',
	restricted: 'contextWarden.restricted',
	scanning: 'contextWarden.scanning',
	/** Enforcement is paused in this workspace (overrides.pause): "Resume Enforcement" is offered. */
	enforcementPaused: 'contextWarden.enforcementPaused',
} as const;

/** The section of every setting the extension contributes. */
export const SETTINGS_SECTION = 'contextWarden';

/**
 * Every `contextWarden.*` setting and the type of its value as package.json declares it (VS Code does not enforce
 * it: a reader that depends on the type checks it). The keys are relative to the section.
 */
export interface SettingValues {
	policyFile: string;
	restrictedAt: string;
	sensitiveLevel: string;
	restrictedAction: string;
	additionalPathRules: unknown[];
	additionalMarkers: string[];
	blockAssistants: string[];
	exceptions: unknown[];
	'index.respectGitignore': boolean;
	'index.maxFiles': number;
	'audit.mirrorFile': string;
	'audit.mirrorFormat': string;
	'audit.retainSegments': number;
}

export type SettingKey = keyof SettingValues;

/** A setting's full id, as in settings.json. */
export type SettingId = `${typeof SETTINGS_SECTION}.${SettingKey}`;

/** How package.json declares a setting: its JSON type, its scope, and whether Restricted Mode ignores a workspace value. */
export interface SettingInfo {
	type: 'string' | 'enum' | 'array' | 'boolean' | 'number' | 'integer';
	scope: 'machine' | 'resource';
	/** Listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`. */
	restricted?: true;
}

/** The declaration of every setting; test/unit/settings.test.ts checks it against package.json. */
export const SETTINGS = {
	policyFile: { type: 'string', scope: 'machine' },
	restrictedAt: { type: 'enum', scope: 'resource', restricted: true },
	sensitiveLevel: { type: 'enum', scope: 'resource', restricted: true },
	restrictedAction: { type: 'enum', scope: 'resource', restricted: true },
	additionalPathRules: { type: 'array', scope: 'resource', restricted: true },
	additionalMarkers: { type: 'array', scope: 'resource', restricted: true },
	blockAssistants: { type: 'array', scope: 'resource', restricted: true },
	exceptions: { type: 'array', scope: 'resource', restricted: true },
	'index.respectGitignore': { type: 'boolean', scope: 'resource' },
	'index.maxFiles': { type: 'number', scope: 'resource' },
	'audit.mirrorFile': { type: 'string', scope: 'machine' },
	'audit.mirrorFormat': { type: 'enum', scope: 'machine' },
	'audit.retainSegments': { type: 'integer', scope: 'machine' },
} as const satisfies { [K in SettingKey]: SettingInfo };

/** The keys of the machine-scoped settings: only the user (machine) value counts, a workspace cannot set them. */
export type MachineSettingKey = { [K in SettingKey]: (typeof SETTINGS)[K]['scope'] extends 'machine' ? K : never }[SettingKey];

/** The key of a full setting id (`contextWarden.policyFile` → `policyFile`), or undefined for any other id. */
export function settingKeyOf(id: string): SettingKey | undefined {
	const key = id.startsWith(`${SETTINGS_SECTION}.`) ? id.slice(SETTINGS_SECTION.length + 1) : undefined;
	return key !== undefined && Object.hasOwn(SETTINGS, key) ? (key as SettingKey) : undefined;
}

/** A setting's full id, as in settings.json: `contextWarden.policyFile`. */
export function settingId<K extends SettingKey>(key: K): `${typeof SETTINGS_SECTION}.${K}` {
	return `${SETTINGS_SECTION}.${key}`;
}

/** The workspace policy layer, relative to a workspace folder. */
export const WORKSPACE_POLICY_PATH = '.vscode/context-policy.json';

export const STATUS_BAR_ID = 'contextWarden.status';
export const EFFECTIVE_POLICY_SCHEME = 'context-warden';
