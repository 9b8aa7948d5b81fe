import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blockedExtensionIds, machineWideBlocks, planAllowedExtensions, undoAllowedExtensions } from '../../../src/core/assistants/allowedExtensions';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { CATALOGUE, getEntry } from '../../../src/core/assistants/catalogue';
import { runCli } from '../../../src/cli/main';

const policy = (block: string[]): { assistants: { block: string[]; allow: string[] } } => ({ assistants: { block, allow: [] } }) as never;

describe('extensions.allowed from assistants.block', () => {
	it('turns catalogue ids into their extension ids and keeps extension ids, lower case and sorted', () => {
		const claude = getEntry('claude-code');
		assert.ok(claude && claude.extensionIds.length > 0);
		const { ids, notes } = blockedExtensionIds(policy(['claude-code', 'Acme.Helper-AI']) as never);
		assert.deepEqual(ids, [...claude.extensionIds.map((x) => x.toLowerCase()), 'acme.helper-ai'].sort());
		assert.deepEqual(notes, []);
	});

	it('"*" stands for every catalogue assistant with an extension id; nonsense entries get a note', () => {
		const { ids, notes } = blockedExtensionIds(policy(['*', 'not an id']) as never);
		const all = new Set(CATALOGUE.flatMap((e) => e.extensionIds.map((x) => x.toLowerCase())));
		assert.deepEqual(ids, [...all].sort());
		assert.equal(notes.length, 1);
		assert.match(notes[0] ?? '', /not an id/);
	});

	it('starts from "*": true, and merges into an existing value without changing any key already there', () => {
		const fresh = planAllowedExtensions(policy(['acme.helper-ai', 'other.bot']) as never);
		assert.deepEqual(fresh.value, { '*': true, 'acme.helper-ai': false, 'other.bot': false });
		assert.deepEqual(fresh.added, ['acme.helper-ai', 'other.bot']);
		const existing = { '*': true, 'Acme.Helper-AI': 'stable', 'ms-python.python': true };
		const merged = planAllowedExtensions(policy(['acme.helper-ai', 'other.bot']) as never, existing);
		assert.deepEqual(merged.value, { '*': true, 'Acme.Helper-AI': 'stable', 'ms-python.python': true, 'other.bot': false });
		assert.deepEqual(merged.added, ['other.bot']);
		assert.deepEqual(existing, { '*': true, 'Acme.Helper-AI': 'stable', 'ms-python.python': true }, 'the input is not mutated');
	});

	it('undo removes exactly what was added, unless someone changed it since', () => {
		const plan = planAllowedExtensions(policy(['a.one', 'b.two']) as never, { 'c.three': false });
		assert.deepEqual(undoAllowedExtensions(plan.value, plan.added), { 'c.three': false });
		assert.deepEqual(undoAllowedExtensions({ ...plan.value, 'a.one': true }, plan.added), { 'c.three': false, 'a.one': true });
		assert.equal(undoAllowedExtensions('not an object', plan.added), undefined);
	});

	it('a machine-wide setting follows only the org policy: blocks a workspace layer added are left out', () => {
		const eff = resolveEffectivePolicy({
			org: { file: 'org.json', text: JSON.stringify({ version: 1, name: 'Acme', assistants: { block: ['org.bot'] } }) },
			workspace: { file: 'ws/.vscode/context-policy.json', text: JSON.stringify({ assistants: { block: ['ms-python.python'] } }) },
			now: new Date('2026-06-15T12:00:00Z'),
		});
		assert.deepEqual(eff.policy.assistants.block, ['org.bot', 'ms-python.python'], 'the workspace block applies to the workspace');
		assert.deepEqual(machineWideBlocks(eff).assistants.block, ['org.bot']);
		assert.deepEqual(planAllowedExtensions(machineWideBlocks(eff)).added, ['org.bot']);
	});

	it('the CLI prints the value for the org policy, and refuses an invalid policy', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-allowed-'));
		try {
			const file = path.join(dir, 'policy.jsonc');
			fs.writeFileSync(file, '// org\n{ "version": 1, "name": "acme", "assistants": { "block": ["claude-code"] } }\n');
			let out = '';
			let err = '';
			const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} } as never;
			assert.equal(await runCli(['allowed-extensions', '--policy', file], io), 0, err);
			const value = JSON.parse(out) as Record<string, unknown>;
			assert.equal(value['*'], true);
			for (const id of getEntry('claude-code')?.extensionIds ?? []) assert.equal(value[id.toLowerCase()], false);
			fs.writeFileSync(file, '{ "version": 1, "assistants": { "block": 7 } }');
			out = '';
			err = '';
			assert.equal(await runCli(['allowed-extensions', '--policy', file], io), 2);
			assert.equal(out, '');
			assert.match(err, /invalid or unreadable/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
