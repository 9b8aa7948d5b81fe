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
	verifyAuditLog: 'contextWarden.verifyAuditLog',
	applyAllowedExtensions: 'contextWarden.applyAllowedExtensions',
	undoAllowedExtensions: 'contextWarden.undoAllowedExtensions',
} as const;

export const ContextKeys = {
	policyState: 'contextWarden.policyState',
	restricted: 'contextWarden.restricted',
	scanning: 'contextWarden.scanning',
} as const;

/** Setting keys, relative to the `contextWarden` section. */
export const Settings = {
	section: 'contextWarden',
	policyFile: 'policyFile',
} as const;

/** The workspace policy layer, relative to a workspace folder. */
export const WORKSPACE_POLICY_PATH = '.vscode/context-policy.json';

export const STATUS_BAR_ID = 'contextWarden.status';
export const EFFECTIVE_POLICY_SCHEME = 'context-warden';
