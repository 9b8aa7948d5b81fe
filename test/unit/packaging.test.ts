// What the .vsix carries: `vsce ls` (which applies .vscodeignore) lists only the files the installed extension
// reads. Sources, tests, fixtures, source maps, configs and node_modules must stay out.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Every packaged file must match one of these. */
const ALLOWED: readonly RegExp[] = [
	/^dist\/.+(?<!\.map)$/,
	/^media\/.+$/,
	/^policies\/.+$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^package\.json$/,
	/^package\.nls(\.[A-Za-z-]+)?\.json$/,
	/^l10n\/bundle\.l10n(\.[A-Za-z-]+)?\.json$/,
];

function vsceLs(): string[] {
	const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
	return out
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.sort();
}

describe('packaging (.vscodeignore)', () => {
	let files: string[] = [];

	before(function () {
		this.timeout(120_000);
		if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
			// A fresh clone has no dist/ yet: build it, so the listing shows what a release would carry.
			execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
		}
		files = vsceLs();
	});

	it('lists only dist/, media/, policies/, README.md, LICENSE, CHANGELOG.md, package.json and package.nls*.json', () => {
		const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
		assert.deepEqual(stray, [], `files that must not ship:\n${stray.join('\n')}`);
	});

	it('ships no source maps', () => {
		assert.deepEqual(
			files.filter((f) => f.endsWith('.map')),
			[],
		);
	});

	it('source maps on disk (dev build) are left out', function () {
		const maps = readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.map'));
		if (maps.length === 0) {
			this.skip(); // a production build: nothing to leave out
		}
		for (const m of maps) {
			assert.ok(!files.includes(`dist/${m}`), `dist/${m} would ship`);
		}
	});

	it('ships what the installed extension needs', () => {
		for (const required of ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js']) {
			assert.ok(files.includes(required), `${required} is missing from the package`);
		}
	});

	it('ships every translation and every policy file that is on disk', () => {
		const nls = readdirSync(ROOT).filter((f) => /^package\.nls(\.[A-Za-z-]+)?\.json$/.test(f));
		const policies = existsSync(path.join(ROOT, 'policies'))
			? readdirSync(path.join(ROOT, 'policies')).map((f) => `policies/${f}`)
			: [];
		const bundles = existsSync(path.join(ROOT, 'l10n'))
			? readdirSync(path.join(ROOT, 'l10n')).filter((f) => f.endsWith('.json')).map((f) => `l10n/${f}`)
			: [];
		assert.ok(bundles.includes('l10n/bundle.l10n.zh-cn.json'), 'the zh-cn bundle exists');
		for (const f of [...nls, ...policies, ...bundles]) {
			assert.ok(files.includes(f), `${f} is on disk but not in the package`);
		}
	});
});
