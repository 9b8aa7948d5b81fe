// Bundles the integration suites (test/integration/*.ts) into out/integration/ for the extension host.
// Sources under src/ are bundled in; npm packages (mocha) stay external and resolve from node_modules;
// `vscode` is the editor's own module.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './setup.mjs';

export const INTEGRATION_SRC = join(ROOT, 'test', 'integration');
export const INTEGRATION_OUT = join(ROOT, 'out', 'integration');

/** Builds <outdir>/{index,*.test}.js (default out/integration); returns the suite base names found. */
export async function buildIntegrationTests(outdir = INTEGRATION_OUT) {
	const entries = readdirSync(INTEGRATION_SRC).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
	rmSync(outdir, { recursive: true, force: true });
	await esbuild.build({
		absWorkingDir: ROOT,
		entryPoints: entries.map((f) => join(INTEGRATION_SRC, f)),
		outdir,
		bundle: true,
		packages: 'external',
		external: ['vscode'],
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		sourcemap: 'inline',
		sourcesContent: false,
		logLevel: 'warning',
	});
	return entries.filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const suites = await buildIntegrationTests();
	console.log(`built ${suites.length} integration suite(s) into ${INTEGRATION_OUT}: ${suites.join(', ')}`);
}
