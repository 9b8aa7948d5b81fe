// Bundles the extension and the CLI. Type-checking is `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	// recheck (3 MB, the regex safety analysis) is its own file, loaded on first use (src/core/classify/detectors/redos.ts).
	external: ['vscode', './recheck.js', 'recheck'],
	logLevel: 'warning',
	legalComments: 'none',
	// jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
	mainFields: ['module', 'main'],
	define: { __VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
	{ entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
	{ entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
	{ entryPoints: ['src/worker/classifyWorker.ts'], outfile: 'dist/classifyWorker.js' },
	{ entryPoints: ['src/worker/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
	{ entryPoints: ['src/hookImpl.ts'], outfile: 'dist/hookImpl.js' },
	{ entryPoints: ['src/hook.ts'], outfile: 'dist/hook.js', banner: { js: '#!/usr/bin/env node' }, external: ['vscode', './hookImpl.js'] },
	{ entryPoints: ['src/recheck.ts'], outfile: 'dist/recheck.js', external: ['vscode'] },
];

import { existsSync, statSync } from 'node:fs';

async function main() {
	const contexts = [];
	for (const { optional, ...entry } of entries) {
		if (optional && !existsSync(entry.entryPoints[0])) {
			continue;
		}
		contexts.push(await esbuild.context({ ...common, ...entry, metafile: true }));
	}
	if (watch) {
		await Promise.all(contexts.map((c) => c.watch()));
		return;
	}
	for (const ctx of contexts) {
		await ctx.rebuild();
		await ctx.dispose();
	}
	for (const { outfile, optional, entryPoints } of entries) {
		if (optional && !existsSync(entryPoints[0])) {
			continue;
		}
		console.log(`${outfile}: ${(statSync(outfile).size / 1024).toFixed(1)} KiB`);
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
