// One registry of agents: the hook CLI, the installer, the catalogue's hook levers, coverage and the README all
// derive from src/core/hooks/agentRegistry.ts, and this checks that they agree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE, getEntry } from '../../../src/core/assistants/catalogue';
import { coverageFor } from '../../../src/core/assistants/coverage';
import { AGENT_IDS, AGENTS, agentTableMarkdown, hookLeverId, installedAgents, resolveAgentId } from '../../../src/core/hooks/agentRegistry';
import { ADAPTERS, adapterFor } from '../../../src/core/hooks/agents/registry';
import { hookInstallSpecs } from '../../../src/core/hooks/install';
import { hookDesiredChanges } from '../../../src/core/hooks/installPlan';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const O = { node: '/usr/bin/node', cli: '/ext/dist/hook.js' };

describe('hooks: one registry of agents', () => {
	it('has an adapter per agent under its own id, and resolves every older id to it', () => {
		assert.deepEqual(Object.keys(ADAPTERS).sort(), [...AGENT_IDS].sort());
		for (const id of AGENT_IDS) {
			assert.equal(ADAPTERS[id].id, id);
			assert.equal(adapterFor(id)?.id, id);
			for (const alias of AGENTS[id].aliases) {
				assert.equal(resolveAgentId(alias), id, alias);
				assert.equal(adapterFor(alias)?.id, id, alias);
			}
		}
		assert.deepEqual(
			['claude', 'gemini', 'codex', 'windsurf'].map(resolveAgentId),
			['claude-code', 'gemini-cli-companion', 'openai-codex', 'windsurf-editor'],
			'hook commands written by older versions keep working',
		);
		const all = AGENT_IDS.flatMap((id) => [id, ...AGENTS[id].aliases]);
		assert.equal(new Set(all).size, all.length, 'an id or alias names one agent only');
		assert.equal(adapterFor('constructor'), undefined);
	});

	it('uses the catalogue id of the same product (one id per product)', () => {
		for (const id of AGENT_IDS) {
			const { catalogueId } = AGENTS[id];
			if (catalogueId === undefined) {
				continue;
			}
			assert.ok(getEntry(catalogueId), `${id}: no catalogue entry ${catalogueId}`);
			// VS Code's own hook format is listed under the Copilot Chat entry (see the registry's note).
			assert.ok(catalogueId === id || id === 'vscode', `${id} is ${catalogueId} in the catalogue`);
		}
	});

	it('installs exactly the registry\'s workspace hook file for each installed agent, and nothing for the others', () => {
		for (const id of AGENT_IDS) {
			const workspace = hookInstallSpecs(O, id).filter((s) => s.scope === 'workspace');
			const install = AGENTS[id].install;
			if (install.kind === 'workspace') {
				assert.deepEqual(workspace.map((s) => s.file), [install.lever.path], id);
				assert.ok(hookDesiredChanges(workspace[0]!).every((c) => c.leverIds.join() === hookLeverId(id)), id);
			} else {
				assert.deepEqual(workspace, [], `${id} is not installed: ${install.why}`);
			}
		}
	});

	it('gives the catalogue exactly one hook lever per installed agent, in its entry, with the installed file', () => {
		const hookLevers = CATALOGUE.flatMap((e) => e.levers.filter((l) => l.kind === 'hook').map((l) => ({ entry: e.id, lever: l })));
		assert.deepEqual(
			hookLevers.map((h) => h.lever.id).sort(),
			installedAgents().map((a) => hookLeverId(a.id)).sort(),
		);
		for (const a of installedAgents()) {
			const found = hookLevers.find((h) => h.lever.id === hookLeverId(a.id));
			assert.equal(found?.entry, a.catalogueId, a.id);
			assert.equal(found?.lever.kind === 'hook' ? found.lever.path : undefined, hookInstallSpecs(O, a.id)[0]?.file, a.id);
		}
		assert.ok(!getEntry('cline')?.levers.some((l) => l.kind === 'hook'), 'no Cline hook lever: the extension does not install it');
	});

	it('lets coverage count an installed hook: its lever closes the surfaces the registry says', () => {
		for (const a of installedAgents()) {
			const entry = getEntry(a.catalogueId ?? '');
			assert.ok(entry && a.install.kind === 'workspace');
			const cov = coverageFor(entry, [hookLeverId(a.id)]);
			for (const s of a.install.lever.covers.filter((x) => entry.surfaces.includes(x))) {
				assert.notEqual(cov.surfaces.find((x) => x.surface === s)?.state, 'open', `${a.id}: ${s}`);
			}
		}
	});

	it('is what the README\'s table of agents says', () => {
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const m = /<!-- agents:start -->\n([\s\S]*?)\n<!-- agents:end -->/.exec(readme);
		assert.equal(m?.[1], agentTableMarkdown(), `put this table between the agents markers of README.md:\n${agentTableMarkdown()}`);
	});
});
