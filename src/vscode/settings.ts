/**
 * Typed access to the `contextWarden.*` settings: every read and every change check goes through here with a key of
 * `SettingValues` (src/constants.ts), never a string spelled at the call site.
 */
import * as vscode from 'vscode';
import { type MachineSettingKey, SETTINGS_SECTION, type SettingKey, type SettingValues, settingId } from '../constants';

/** A setting's effective value for a resource (the most specific value set, else package.json's default). */
export function getSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValues[K] | undefined {
	return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<SettingValues[K]>(key);
}

/** A machine-scoped setting's user (machine) value only: a workspace value is ignored, so it cannot redirect it. */
export function machineSetting<K extends MachineSettingKey>(key: K): SettingValues[K] | undefined {
	return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<SettingValues[K]>(key)?.globalValue;
}

/** The value the user or workspace set, the most specific first (folder, workspace, user); defaults excluded. */
export function overrideSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValues[K] | undefined {
	const i = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<SettingValues[K]>(key);
	return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** Whether a configuration change touches one of `keys`, or any `contextWarden.*` setting when `keys` is absent. */
export function changed(e: Pick<vscode.ConfigurationChangeEvent, 'affectsConfiguration'>, keys?: SettingKey | readonly SettingKey[]): boolean {
	if (keys === undefined) {
		return e.affectsConfiguration(SETTINGS_SECTION);
	}
	return (typeof keys === 'string' ? [keys] : keys).some((k) => e.affectsConfiguration(settingId(k)));
}
