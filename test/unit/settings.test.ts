// The typed settings (src/constants.ts SETTINGS, src/vscode/settings.ts): one declaration of every contextWarden.*
// setting, checked against package.json, and the accessors that read them by key.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS, SETTINGS_SECTION, type SettingKey, settingId, settingKeyOf } from '../../src/constants';
import { SETTINGS_LAYER_KEYS } from '../../src/core/policy/settingsLayer';
import type * as SettingsModule from '../../src/vscode/settings';
import { requireWithVscodeStandIn } from '../support/l10nStandIn';

interface ManifestProperty {
	type?: string;
	enum?: unknown[];
	scope?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
	contributes: { configuration: { properties: Record<string, ManifestProperty> } };
	capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const properties = manifest.contributes.configuration.properties;
const keys = Object.keys(SETTINGS) as SettingKey[];

describe('settings: one declaration of every contextWarden.* setting', () => {
	it('declares exactly the settings package.json contributes', () => {
		assert.deepEqual(keys.map(settingId).sort(), Object.keys(properties).sort());
	});

	it("gives each the type and scope package.json declares", () => {
		for (const key of keys) {
			const p = properties[settingId(key)];
			assert.ok(p, key);
			assert.equal(p.enum !== undefined ? 'enum' : p.type, SETTINGS[key].type, `${key}: type`);
			assert.equal(p.scope, SETTINGS[key].scope, `${key}: scope`);
		}
	});

	it("marks restricted exactly the settings in restrictedConfigurations, which are the policy's settings layer", () => {
		const restricted = keys.filter((k) => 'restricted' in SETTINGS[k]).map(settingId);
		assert.deepEqual([...restricted].sort(), [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
		assert.deepEqual([...restricted].sort(), [...SETTINGS_LAYER_KEYS].sort());
	});

	it('maps a full id to its key and back, and nothing else', () => {
		for (const key of keys) {
			assert.equal(settingKeyOf(settingId(key)), key);
		}
		assert.equal(settingKeyOf('contextWarden.nope'), undefined);
		assert.equal(settingKeyOf('contextWarden.constructor'), undefined);
		assert.equal(settingKeyOf('editor.policyFile'), undefined);
		assert.equal(settingKeyOf('policyFile'), undefined);
	});

	describe('the accessors', () => {
		interface Inspected {
			defaultValue?: unknown;
			globalValue?: unknown;
			workspaceValue?: unknown;
			workspaceFolderValue?: unknown;
		}
		let values: Record<string, Inspected> = {};
		const sections: string[] = [];
		const vscode = {
			workspace: {
				getConfiguration(section: string) {
					sections.push(section);
					const at = (k: string): Inspected | undefined => values[`${section}.${k}`];
					return {
						inspect: (k: string) => at(k),
						get: (k: string) => {
							const i = at(k);
							return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue ?? i?.defaultValue;
						},
					};
				},
			},
		};
		let settings: typeof SettingsModule;
		let restore: () => void;
		before(() => {
			({ module: settings, restore } = requireWithVscodeStandIn<typeof SettingsModule>(__filename, '../../src/vscode/settings', vscode));
		});
		after(() => restore());
		beforeEach(() => {
			values = {};
			sections.length = 0;
		});

		it('reads a machine setting from the user value only', () => {
			values['contextWarden.policyFile'] = { defaultValue: '', globalValue: '/org.json', workspaceValue: '/evil.json' };
			assert.equal(settings.machineSetting('policyFile'), '/org.json');
			values['contextWarden.policyFile'] = { defaultValue: '', workspaceValue: '/evil.json' };
			assert.equal(settings.machineSetting('policyFile'), undefined);
			assert.deepEqual(sections, [SETTINGS_SECTION, SETTINGS_SECTION]);
		});

		it('reads an override from the most specific value, never the default', () => {
			values['contextWarden.sensitiveLevel'] = { defaultValue: 'internal', globalValue: 'internal', workspaceValue: 'confidential', workspaceFolderValue: 'restricted' };
			assert.equal(settings.overrideSetting('sensitiveLevel'), 'restricted');
			values['contextWarden.sensitiveLevel'] = { defaultValue: 'internal' };
			assert.equal(settings.overrideSetting('sensitiveLevel'), undefined);
		});

		it('reads an effective value, the default included', () => {
			values['contextWarden.index.maxFiles'] = { defaultValue: 200000 };
			assert.equal(settings.getSetting('index.maxFiles'), 200000);
		});

		it('says whether a change touches the keys, or the section', () => {
			const event = (...affected: string[]) => ({ affectsConfiguration: (s: string) => affected.some((a) => a === s || a.startsWith(`${s}.`)) });
			const e = event('contextWarden.audit.mirrorFile');
			assert.equal(settings.changed(e, 'audit.mirrorFile'), true);
			assert.equal(settings.changed(e, ['audit.retainSegments', 'audit.mirrorFile']), true);
			assert.equal(settings.changed(e, 'audit.retainSegments'), false);
			assert.equal(settings.changed(e), true);
			assert.equal(settings.changed(event('chat.useHooks')), false);
			assert.equal(settings.changed(event('chat.useHooks'), []), false);
		});
	});
});
