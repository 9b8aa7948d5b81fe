/**
 * Loads the policy layers from disk for CLI commands (`explain-policy`, `scan`, `audit`): the org policy (from
 * `--policy`, else the machine's well-known path), the workspace layer `<dir>/.vscode/context-policy.json`, and the
 * `contextWarden.*` keys of `<dir>/.vscode/settings.json`.
 *
 * Usage:
 *   const { effective, warnings } = await loadEffectivePolicy({ policyFile, workspaceDir, cwd: io.cwd, env: io.env });
 *   for (const w of warnings) io.stderr.write(`context-warden: ${w}\n`);
 */
import * as path from 'node:path';
import { parse as parseJsoncValue, type ParseError } from 'jsonc-parser';
import { type EffectivePolicy, type PolicyInputs, type PolicyReadError, type PolicyText, resolveEffectivePolicy } from '../core/policy/layering';
import { settingsToLayer, wellKnownOrgPolicyPath } from '../core/policy/settingsLayer';
import { POLICY_FILE_MAX_BYTES, readRegularFile } from './regularFile';

export const WORKSPACE_LAYER_FILE = path.join('.vscode', 'context-policy.json');
export const WORKSPACE_SETTINGS_FILE = path.join('.vscode', 'settings.json');

export interface PolicyLoadOptions {
	/** `--policy`: the org policy file, relative to `cwd`. When absent, the well-known path (missing there = no org policy). */
	policyFile?: string;
	/** The workspace folder whose layers are read, relative to `cwd`. When absent, no workspace layers. */
	workspaceDir?: string;
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Defaults to `process.platform`. */
	platform?: NodeJS.Platform;
	/** Defaults to now. */
	now?: Date;
}

export interface LoadedPolicyInputs {
	inputs: PolicyInputs;
	/** The org policy path that was looked at. */
	orgFile: string;
	/** Problems outside the policy layers themselves (an unreadable settings file), for stderr. */
	warnings: string[];
}

/**
 * Reads a policy file as UTF-8: `undefined` when it does not exist, a read error when it cannot be read or is not
 * a regular file below POLICY_FILE_MAX_BYTES (a FIFO, a device, a symlink to one: refused without blocking).
 */
export async function readPolicyFile(file: string): Promise<PolicyText | PolicyReadError | undefined> {
	const r = await readRegularFile(file, POLICY_FILE_MAX_BYTES);
	switch (r.kind) {
		case 'bytes':
			return { file, text: r.bytes.toString('utf8') };
		case 'missing':
			return undefined;
		case 'not-regular':
			return { file, error: r.what === 'a directory' ? 'is a directory' : `is ${r.what}, not a regular file` };
		case 'too-large':
			return { file, error: `is ${r.size} bytes, larger than the ${POLICY_FILE_MAX_BYTES} a policy file may be` };
		case 'error':
			return { file, error: r.message };
	}
}

/** The `contextWarden.*` keys of a settings.json text (flat keys, or a nested `contextWarden` object). */
export function contextWardenSettings(text: string): { settings: Record<string, unknown>; error?: string } {
	const errors: ParseError[] = [];
	let value: unknown;
	try {
		value = parseJsoncValue(text, errors, { allowTrailingComma: true });
	} catch (err) {
		return { settings: {}, error: err instanceof Error ? err.message : String(err) };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { settings: {}, error: errors.length > 0 ? 'syntax error' : 'not a JSON object' };
	}
	const settings: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		if (key.startsWith('contextWarden.')) {
			settings[key] = v;
		} else if (key === 'contextWarden' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
			for (const [sub, sv] of Object.entries(v as Record<string, unknown>)) {
				settings[`contextWarden.${sub}`] ??= sv;
			}
		}
	}
	return errors.length > 0 ? { settings, error: 'syntax error; the readable keys are used' } : { settings };
}

/** Reads the policy layers from disk into the inputs of `resolveEffectivePolicy`. Never throws. */
export async function loadPolicyInputs(opts: PolicyLoadOptions): Promise<LoadedPolicyInputs> {
	const warnings: string[] = [];
	const inputs: PolicyInputs = { now: opts.now ?? new Date() };
	const orgFile = opts.policyFile
		? path.resolve(opts.cwd, opts.policyFile)
		: wellKnownOrgPolicyPath(opts.platform ?? process.platform, opts.env);
	const org = await readPolicyFile(orgFile);
	if (org) {
		inputs.org = { ...org, file: opts.policyFile ?? orgFile };
	} else if (opts.policyFile) {
		// Asked for explicitly: a missing file is an error, not "no org policy".
		inputs.org = { file: opts.policyFile, error: 'no such file' };
	}
	if (opts.workspaceDir !== undefined) {
		const dir = path.resolve(opts.cwd, opts.workspaceDir);
		const layerFile = path.join(dir, WORKSPACE_LAYER_FILE);
		const ws = await readPolicyFile(layerFile);
		if (ws) {
			inputs.workspace = { ...ws, file: path.join(opts.workspaceDir, WORKSPACE_LAYER_FILE) };
		}
		const settingsLabel = path.join(opts.workspaceDir, WORKSPACE_SETTINGS_FILE);
		const settingsFile = await readPolicyFile(path.join(dir, WORKSPACE_SETTINGS_FILE));
		if (settingsFile && 'error' in settingsFile) {
			warnings.push(`${settingsLabel}: cannot read: ${settingsFile.error}`);
		} else if (settingsFile) {
			const { settings, error } = contextWardenSettings(settingsFile.text);
			if (error) {
				warnings.push(`${settingsLabel}: ${error}`);
			}
			const layer = settingsToLayer(settings);
			if (Object.keys(layer).length > 0) {
				inputs.settings = { source: settingsLabel, layer };
			}
		}
	}
	return { inputs, orgFile, warnings };
}

/** Loads the layers from disk and resolves the effective policy. Never throws. */
export async function loadEffectivePolicy(opts: PolicyLoadOptions): Promise<{ effective: EffectivePolicy; orgFile: string; warnings: string[] }> {
	const loaded = await loadPolicyInputs(opts);
	return { effective: resolveEffectivePolicy(loaded.inputs), orgFile: loaded.orgFile, warnings: loaded.warnings };
}
