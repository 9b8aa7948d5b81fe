// The policy layers in a real extension host: a workspace that tries to loosen the org policy through
// .vscode/context-policy.json and .vscode/settings.json gets the org's decision, and the attempt is visible;
// an org policy file edited while running takes effect without a reload; a broken one falls back safely.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_POLICY } from '../../src/core/policy/defaultPolicy';
import type { ContextWardenApi } from '../../src/extension';
import { tempDirs } from '../support/tempDir';
import { activatedApi, waitFor } from './helpers';

const api = (): Promise<ContextWardenApi> => activatedApi();

suite('policy layers', () => {
	test('activate() does under 50 ms of synchronous work', async () => {
		const cw = await api();
		assert.ok(cw.activationMs < 50, `activate() took ${cw.activationMs.toFixed(1)} ms`);
	});

	suiteTeardown(async () => {
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', undefined, vscode.ConfigurationTarget.Global);
	});
	// Declared after the teardown above, which mocha runs first: the dir goes once no setting points at it.
	const tempDir = tempDirs(suiteTeardown);
	let orgFile = '';
	suiteSetup(() => {
		orgFile = path.join(tempDir('cw-org-'), 'policy.json');
	});

	test('loosening attempts from the workspace file and workspace settings are refused and reported', async () => {
		const cw = await api();
		const eff = cw.effectivePolicy();
		assert.ok(eff);
		assert.equal(eff.policy.workspace.restrictedAt, 'restricted', 'the built-in threshold stands');
		assert.deepEqual(eff.policy.assistants.allow, [], 'allow ["*"] from the workspace was not added');
		const refused = eff.refused.map((r) => `${r.layer}:${r.key}`);
		assert.ok(refused.includes('workspace:workspace.restrictedAt'), `refused: ${refused.join(', ')}`);
		assert.ok(refused.includes('workspace:assistants.allow'), `refused: ${refused.join(', ')}`);
		assert.ok(refused.includes('settings:workspace.restrictedAt'), `refused: ${refused.join(', ')}`);
		// The workspace file was read as a layer (its hash is recorded), even though nothing in it applied.
		const ws = eff.sources.find((s) => s.kind === 'workspace');
		assert.ok(ws?.sha256, 'the workspace layer has a sha256');
	});

	test('Show Effective Policy opens a read-only document annotated with layers and the refused attempts', async () => {
		await vscode.commands.executeCommand('contextWarden.showEffectivePolicy');
		assert.ok(await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'context-warden', 10_000));
		const text = vscode.window.activeTextEditor?.document.getText() ?? '';
		assert.match(text, /restrictedAt/);
		assert.match(text, /refused/i);
		assert.match(text, /workspace/);
		assert.match(text, /settings/);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	test('an org policy set by the machine setting takes effect, and an edit takes effect without a reload', async () => {
		const cw = await api();
		fs.writeFileSync(orgFile, JSON.stringify({ version: 1, name: 'Org One', workspace: { restrictedAt: 'confidential' } }));
		await vscode.workspace.getConfiguration('contextWarden').update('policyFile', orgFile, vscode.ConfigurationTarget.Global);
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.name === 'Org One', 10_000), `name is ${cw.effectivePolicy()?.policy.name}`);
		assert.equal(cw.effectivePolicy()?.state, 'org');
		assert.equal(cw.effectivePolicy()?.policy.workspace.restrictedAt, 'confidential');

		const editedAt = Date.now();
		fs.writeFileSync(orgFile, `// edited\n{ "version": 1, "name": "Org Two", "workspace": { "restrictedAt": "internal" }, }\n`);
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.name === 'Org Two', 5_000), 'the edit did not take effect');
		const ms = Date.now() - editedAt;
		assert.ok(ms < 2_000, `took ${ms} ms`);
		// The workspace still cannot loosen the org's threshold.
		assert.equal(cw.effectivePolicy()?.policy.workspace.restrictedAt, 'internal');
	});

	test('a broken org policy keeps the last valid one in force and says why', async () => {
		const cw = await api();
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.name === 'Org Two', 10_000));
		fs.writeFileSync(orgFile, '{ "version": 1, "name": "Broken", "assistants": { "block": [42] } ');
		assert.ok(await waitFor(() => cw.effectivePolicy()?.state === 'org-last-valid', 5_000), `state ${cw.effectivePolicy()?.state}`);
		const eff = cw.effectivePolicy();
		assert.equal(eff?.policy.name, 'Org Two', 'the last valid org policy stays in force');
		assert.ok(eff?.diagnostics.some((d) => d.severity === 'error' && d.file === orgFile && d.line >= 1), 'a located error');
	});
	test('an org policy with one path rule keeps the default groups; one that drops a group says so', async () => {
		const cw = await api();
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder);
		fs.mkdirSync(path.join(folder.uri.fsPath, 'infra'), { recursive: true });
		fs.writeFileSync(path.join(folder.uri.fsPath, 'infra', 'terraform.tfstate'), '{ "version": 4 }\n');
		fs.writeFileSync(path.join(folder.uri.fsPath, 'infra', 'plan.acme'), 'design\n');
		fs.writeFileSync(orgFile, JSON.stringify({ version: 1, name: 'One Rule', pathRules: [{ id: 'acme-designs', globs: ['**/*.acme'], level: 'restricted' }] }));
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.name === 'One Rule', 10_000), `name is ${cw.effectivePolicy()?.policy.name}`);
		const ids = cw.effectivePolicy()?.policy.pathRules.map((r) => r.id) ?? [];
		// Every built-in group, and the org's one on top (the count follows the default policy as groups are added).
		assert.equal(ids.length, DEFAULT_POLICY.pathRules.length + 1, ids.join(', '));
		assert.ok(ids.includes('terraform-state') && ids.includes('acme-designs'), ids.join(', '));
		const level = (rel: string) => cw.classification(vscode.Uri.joinPath(folder.uri, rel))?.level;
		assert.ok(await waitFor(() => level('infra/terraform.tfstate') === 'restricted' && level('infra/plan.acme') === 'restricted', 10_000), `terraform.tfstate: ${level('infra/terraform.tfstate')}, plan.acme: ${level('infra/plan.acme')}`);

		fs.writeFileSync(orgFile, JSON.stringify({ version: 1, name: 'Drops', dropDefaultPathRules: ['terraform-state'] }));
		assert.ok(await waitFor(() => cw.effectivePolicy()?.policy.name === 'Drops', 10_000));
		assert.ok(cw.effectivePolicy()?.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('terraform-state')), 'the dropped group is a warning');
		await vscode.commands.executeCommand('contextWarden.showEffectivePolicy');
		assert.ok(await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'context-warden', 10_000));
		const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
		assert.match(shown, new RegExp(`drops 1 of the ${DEFAULT_POLICY.pathRules.length} built-in path rule groups.*terraform-state`));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});
});
