import * as assert from 'node:assert/strict';
import { CLAUDE_DENY_POINTER, claudeDenyRules, compileLevers, ignoreLines, sensitiveSet } from '../../../src/core/assistants/compile';
import { caseInsensitiveVariant, globToGitignore, pathToGitignore } from '../../../src/core/assistants/gitignore';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';
import ignore from 'ignore';
import { file, target } from '../../support/assistantTargets';

const POLICY: Policy = {
	...DEFAULT_POLICY,
	pathRules: [
		{ id: 'env', globs: ['**/.env', '!**/.env.example'], level: 'restricted' },
		{ id: 'secrets', globs: ['secrets/**', 'certs/*.{pem,key}'], level: 'restricted' },
		{ id: 'internal', globs: ['docs/**'], level: 'internal' },
	],
	workspace: { restrictedAt: 'restricted', sensitiveLevel: 'confidential' },
};

describe('assistants/compile', () => {
	it('builds the sensitive set from classifications and path rules at or above the level', () => {
		const set = sensitiveSet(POLICY, [file('src/config.ts', 'confidential'), file('README.md', 'public'), file('docs/a.md', 'internal'), file('secrets/ok.txt', 'public'), file('untitled:1', 'restricted')]);
		assert.deepEqual(set.globs, ['**/.env', 'secrets/**', 'certs/*.{pem,key}']);
		assert.deepEqual(set.files, ['src/config.ts']);
		assert.deepEqual(set.reincluded, ['secrets/ok.txt']);
	});

	it('translates globs to gitignore: anchors, braces, extglobs', () => {
		assert.deepEqual(globToGitignore('secrets/**').lines, ['/secrets/**']);
		assert.deepEqual(globToGitignore('**/.env').lines, ['**/.env']);
		assert.deepEqual(globToGitignore('*.pem').lines, ['/*.pem']);
		assert.deepEqual(globToGitignore('./certs/*.{pem,key}').lines, ['/certs/*.pem', '/certs/*.key']);
		assert.ok(globToGitignore('**/+(a|b).txt').problem);
	});

	it('escapes special characters in concrete paths', () => {
		assert.equal(pathToGitignore('#notes.txt'), '/#notes.txt');
		assert.equal(pathToGitignore('!x.txt'), '/!x.txt');
		assert.equal(pathToGitignore('a[1]*?.txt'), '/a\\[1]\\*\\?.txt');
		assert.equal(pathToGitignore('trailing  '), '/trailing\\ \\ ');
		assert.equal(pathToGitignore('a\\b'), '/a\\\\b');
		assert.equal(pathToGitignore('line\nbreak'), undefined);
		// the `ignore` package (what Copilot, Continue, Cline and Roo use) reads them back as the same paths
		const ig = ignore().add(['a[1]*?.txt', '#notes.txt', 'trailing  ', '!x.txt'].map((p) => pathToGitignore(p) ?? ''));
		assert.ok(ig.ignores('a[1]*?.txt') && ig.ignores('#notes.txt') && ig.ignores('trailing  ') && ig.ignores('!x.txt'));
		assert.ok(!ig.ignores('a1.txt'));
	});

	it('writes case variants where the target may be case-sensitive', () => {
		assert.equal(caseInsensitiveVariant('**/.env'), '**/.[Ee][Nn][Vv]');
		assert.equal(caseInsensitiveVariant('/a[x-z]\\*b'), '/[Aa][x-z]\\*[Bb]');
		const set = sensitiveSet(POLICY, [file('Config/Prod.yaml', 'restricted')]);
		const sensitive = ignoreLines(set, { caseSensitive: 'unknown' });
		assert.deepEqual(sensitive, [
			'**/.env', '**/.[Ee][Nn][Vv]', '/secrets/**', '/[Ss][Ee][Cc][Rr][Ee][Tt][Ss]/**',
			'/certs/*.pem', '/[Cc][Ee][Rr][Tt][Ss]/*.[Pp][Ee][Mm]', '/certs/*.key', '/[Cc][Ee][Rr][Tt][Ss]/*.[Kk][Ee][Yy]',
			'/Config/Prod.yaml',
		]);
		const git = ignore({ ignorecase: false }).add(sensitive);
		assert.ok(git.ignores('.ENV') && git.ignores('sub/.Env') && git.ignores('SECRETS/x') && git.ignores('certs/A.PEM'));
		assert.ok(!git.ignores('src/app.ts'));
		assert.deepEqual(ignoreLines(set, { caseSensitive: false }), ['**/.env', '/secrets/**', '/certs/*.pem', '/certs/*.key', '/Config/Prod.yaml']);
	});

	it('re-includes exception files after the globs and lists uncovered files last', () => {
		const set = sensitiveSet(POLICY, [file('secrets/ok.txt', 'public'), file('secrets/x.txt', 'restricted'), file('app/.env.example', 'public')]);
		assert.deepEqual(ignoreLines(set, { caseSensitive: false }), ['**/.env', '/secrets/**', '/certs/*.pem', '/certs/*.key', '!/secrets/ok.txt']);
	});

	it('writes Claude Code Read() deny rules', () => {
		const set = sensitiveSet(POLICY, [file('src/app.env.ts', 'restricted')]);
		const rules = claudeDenyRules(set);
		assert.ok(rules.includes('Read(**/.env)'));
		assert.ok(rules.includes('Read(./secrets/**)'));
		assert.ok(rules.includes('Read(./[Ss][Ee][Cc][Rr][Ee][Tt][Ss]/**)'));
		assert.ok(rules.includes('Read(./src/app.env.ts)'));
	});

	it('compiles exclusion levers for every target and disable settings only for "disable"', () => {
		const r = compileLevers(POLICY, [file('src/key.ts', 'restricted')], [target('claude-code', 'allowed'), target('github-copilot-chat', 'disable'), target('tabnine', 'warn')]);
		const files = r.changes.map((c) => `${c.kind} ${c.file} ${'key' in c ? c.key : ''}`);
		assert.deepEqual(files, [
			'jsonArrayItems .claude/settings.json /permissions/deny',
			'ignoreBlock .copilotignore ',
			'ignoreBlock .tabnineignore ',
			'jsonArrayItems .vscode/settings.json /tabnine.disableFileRegex',
			'jsonValue .vscode/settings.json /chat.agent.enabled',
			'jsonValue .vscode/settings.json /chat.disableAIFeatures',
			'jsonValue .vscode/settings.json /github.copilot.chat.codesearch.enabled',
			'jsonValue .vscode/settings.json /github.copilot.enable',
			'jsonValue .vscode/settings.json /github.copilot.nextEditSuggestions.enabled',
		]);
		assert.ok(r.changes.some((c) => c.kind === 'jsonArrayItems' && c.key === CLAUDE_DENY_POINTER));
		assert.ok(r.skipped.some((s) => s.leverId === 'claude-code.hook'));
	});

	it('does not pull a shared lever when an allowed assistant would lose it, and never writes application-scoped settings', () => {
		const withAllowed = compileLevers(POLICY, [], [target('vscode-chat', 'disable'), target('continue', 'allowed'), target('amazon-q', 'disable')]);
		assert.ok(!withAllowed.changes.some((c) => c.kind === 'jsonValue' && c.key === '/editor.inlineSuggest.enabled'));
		assert.ok(withAllowed.skipped.some((s) => s.leverId === 'vscode-chat.inlineSuggestOff'));
		assert.ok(withAllowed.skipped.some((s) => s.leverId === 'amazon-q.workspaceIndexOff'));
		assert.ok(withAllowed.skipped.some((s) => s.leverId === 'amazon-q.noOffSwitch'));
		const alone = compileLevers(POLICY, [], [target('vscode-chat', 'disable')]);
		assert.ok(alone.changes.some((c) => c.kind === 'jsonValue' && c.key === '/editor.inlineSuggest.enabled' && c.value === false));
	});

	it('merges levers that write the same key, and reports globs it cannot express', () => {
		const p: Policy = { ...POLICY, pathRules: [...POLICY.pathRules, { id: 'x', globs: ['**/@(a|b).txt'], level: 'restricted' }] };
		const r = compileLevers(p, [], [target('vscode-chat', 'disable'), target('github-copilot-chat', 'disable')]);
		const disable = r.changes.find((c) => c.kind === 'jsonValue' && c.key === '/chat.disableAIFeatures');
		assert.deepEqual(disable?.leverIds, ['vscode-chat.disableAIFeatures', 'github-copilot-chat.disableAIFeatures']);
		assert.ok(r.warnings.some((w) => w.includes('@(a|b)')));
	});

	it('an empty sensitive set compiles to empty blocks (the ledger then removes them)', () => {
		const p: Policy = { ...POLICY, pathRules: [] };
		const r = compileLevers(p, [], [target('cursor', 'allowed')]);
		assert.deepEqual(r.changes, [{ kind: 'ignoreBlock', file: '.cursorignore', lines: [], leverIds: ['cursor.cursorignore'] }]);
	});
});
