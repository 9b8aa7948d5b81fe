import * as assert from 'node:assert/strict';
import { compileLevers, WORKSPACE_SETTINGS_FILE } from '../../../src/core/assistants/compile';
import { compileForFolders, folderKey, splitFolderKey, uniqueFolderKeys } from '../../../src/core/assistants/folders';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';
import { file, target } from '../../support/assistantTargets';

const POLICY: Policy = {
	...DEFAULT_POLICY,
	pathRules: [{ id: 'secrets', globs: ['secrets/**'], level: 'restricted' }],
	workspace: { restrictedAt: 'restricted', sensitiveLevel: 'confidential' },
};

describe('assistants/folders', () => {
	it('keys a path by its folder only when there are several folders', () => {
		assert.equal(folderKey(['app'], 'app', '.copilotignore'), '.copilotignore');
		assert.equal(folderKey(['app', 'lib'], 'lib', '.copilotignore'), 'lib/.copilotignore');
		assert.deepEqual(splitFolderKey(['app'], 'src/a.ts'), { folder: 'app', rel: 'src/a.ts' });
		assert.deepEqual(splitFolderKey(['app', 'lib'], 'lib/src/a.ts'), { folder: 'lib', rel: 'src/a.ts' });
		assert.equal(splitFolderKey(['app', 'lib'], 'other/a.ts'), undefined);
		assert.equal(splitFolderKey(['app', 'lib'], '.copilotignore'), undefined);
	});

	it('compiles one folder exactly as compileLevers does', () => {
		const files = [file('src/key.ts', 'restricted'), file('README.md', 'public')];
		const targets = [target('claude-code', 'allowed'), target('github-copilot-chat', 'disable'), target('continue', 'allowed')];
		assert.deepEqual(compileForFolders(POLICY, files, targets, ['app']), compileLevers(POLICY, files, targets));
		assert.deepEqual(compileForFolders(POLICY, files, targets, []), compileLevers(POLICY, files, targets));
	});

	it('writes each folder its own files, with paths relative to that folder', () => {
		const r = compileForFolders(
			POLICY,
			[file('app/src/key.ts', 'restricted'), file('lib/config/prod.env', 'confidential'), file('lib/README.md', 'public'), file('untitled:1', 'restricted')],
			[target('claude-code', 'allowed'), target('github-copilot-chat', 'disable')],
			['app', 'lib'],
		);
		const byFile = new Map(r.changes.map((c) => [c.file, c]));
		const appIgnore = byFile.get('app/.copilotignore');
		const libIgnore = byFile.get('lib/.copilotignore');
		assert.ok(appIgnore?.kind === 'ignoreBlock' && libIgnore?.kind === 'ignoreBlock');
		assert.ok(appIgnore.lines.includes('/src/key.ts'));
		assert.ok(!appIgnore.lines.some((l) => l.includes('prod.env')));
		assert.ok(libIgnore.lines.includes('/config/prod.env'));
		assert.ok(!libIgnore.lines.some((l) => l.includes('key.ts')));
		// the policy's globs are relative to each folder
		assert.ok(appIgnore.lines.includes('/secrets/**') && libIgnore.lines.includes('/secrets/**'));
		const appClaude = byFile.get('app/.claude/settings.json');
		assert.ok(appClaude?.kind === 'jsonArrayItems');
		assert.ok(appClaude.items.includes('Read(./src/key.ts)'));
		assert.ok(!r.changes.some((c) => !c.file.startsWith('app/') && !c.file.startsWith('lib/')));
	});

	it('writes no workspace settings with several folders and no saved workspace file, and says so', () => {
		const targets = [target('continue', 'disable')];
		const single = compileLevers(POLICY, [], targets);
		const settingLevers = single.changes.filter((c) => c.file === WORKSPACE_SETTINGS_FILE).flatMap((c) => c.leverIds);
		assert.ok(settingLevers.length > 0);
		const multi = compileForFolders(POLICY, [], targets, ['app', 'lib']);
		assert.ok(!multi.changes.some((c) => c.file.endsWith(WORKSPACE_SETTINGS_FILE)));
		for (const id of settingLevers) {
			assert.ok(multi.skipped.some((s) => s.leverId === id && /not saved/.test(s.reason)));
		}
	});

	describe('uniqueFolderKeys', () => {
		it('leaves unique names as they are, so existing keys do not move', () => {
			assert.deepEqual(uniqueFolderKeys([]), []);
			assert.deepEqual(uniqueFolderKeys(['app']), ['app']);
			assert.deepEqual(uniqueFolderKeys(['alpha', 'beta', 'App', 'app.v2', 'my app']), ['alpha', 'beta', 'App', 'app.v2', 'my app']);
		});

		it('keeps the first of two same-named folders and numbers the second', () => {
			assert.deepEqual(uniqueFolderKeys(['app', 'app']), ['app', 'app (2)']);
			assert.deepEqual(uniqueFolderKeys(['app', 'lib', 'app']), ['app', 'lib', 'app (2)']);
		});

		it('numbers a third and each further one in order', () => {
			assert.deepEqual(uniqueFolderKeys(['app', 'app', 'app']), ['app', 'app (2)', 'app (3)']);
			assert.deepEqual(uniqueFolderKeys(['app', 'lib', 'app', 'lib', 'app']), ['app', 'lib', 'app (2)', 'lib (2)', 'app (3)']);
		});

		it('never gives a key a folder already has, when a name looks like a numbered one', () => {
			assert.deepEqual(uniqueFolderKeys(['app', 'app (2)', 'app']), ['app', 'app (2)', 'app (3)']);
			assert.deepEqual(uniqueFolderKeys(['app (2)', 'app', 'app']), ['app (2)', 'app', 'app (3)']);
			assert.deepEqual(uniqueFolderKeys(['app', 'app', 'app (2)']), ['app', 'app (2)', 'app (2) (2)']);
			assert.deepEqual(uniqueFolderKeys(['app (2)', 'app (2)']), ['app (2)', 'app (2) (2)']);
			for (const names of [['app', 'app (2)', 'app', 'app', 'app (3)', 'app (2)'], ['x', 'x (2) (2)', 'x', 'x (2)', 'x']]) {
				const keys = uniqueFolderKeys(names);
				assert.equal(new Set(keys).size, names.length, `not unique: ${JSON.stringify(keys)}`);
			}
		});

		it("gives a folder's key from the folders before it only: adding one at the end moves no key", () => {
			const names = ['app', 'lib', 'app', 'app (2)', 'lib'];
			const all = uniqueFolderKeys(names);
			for (let n = 0; n <= names.length; n++) {
				assert.deepEqual(uniqueFolderKeys(names.slice(0, n)), all.slice(0, n));
			}
			// The same names in another order: the first of each name keeps it.
			assert.deepEqual(uniqueFolderKeys(['lib', 'app', 'app']), ['lib', 'app', 'app (2)']);
			assert.deepEqual(uniqueFolderKeys(['app', 'app', 'lib']), ['app', 'app (2)', 'lib']);
		});

		it('makes every key one segment of a workspace key', () => {
			const keys = uniqueFolderKeys(['a/b', 'a_b', '', 'c']);
			assert.deepEqual(keys, ['a_b', 'a_b (2)', '_', 'c']);
			for (const k of keys) {
				assert.deepEqual(splitFolderKey(keys, folderKey(keys, k, 'src/x.ts')), { folder: k, rel: 'src/x.ts' });
			}
		});

		it('keeps two same-named folders apart when compiling', () => {
			const keys = uniqueFolderKeys(['app', 'app']);
			const r = compileForFolders(POLICY, [file('app (2)/src/key.ts', 'restricted'), file('app/README.md', 'public')], [target('github-copilot-chat', 'disable')], keys);
			const first = r.changes.find((c) => c.file === 'app/.copilotignore');
			const second = r.changes.find((c) => c.file === 'app (2)/.copilotignore');
			assert.ok(first?.kind === 'ignoreBlock' && second?.kind === 'ignoreBlock', JSON.stringify(r.changes.map((c) => c.file)));
			assert.ok(second.lines.includes('/src/key.ts'));
			assert.ok(!first.lines.includes('/src/key.ts'));
		});
	});
});
