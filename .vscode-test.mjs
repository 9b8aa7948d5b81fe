// @vscode/test-cli configuration (`npx vscode-test`), for machines that can download VS Code or that set
// VSCODE_EXECUTABLE_PATH to an installed one. It runs the same integration suites as test/support/runIntegration.mjs
// (which uses code-server and needs no download), from the same list: test/integration/suites.json.
//
//   node test/support/buildTests.mjs && npm run build && npx vscode-test [--label basic-trusted]
//
// Differences from the code-server runner: @vscode/test-electron always disables workspace trust, so runs with
// "trusted": false (Restricted Mode) are left out; the fixture folder is opened in place, not as a temp copy;
// user settings come from a per-run settings.json under .vscode-test/user-data/<run>; a run's stub extensions are
// copied into its own extensions dir, .vscode-test/extensions/<run>, which holds nothing else.
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installExtensionFolder } from './test/support/codeServer.mjs';

const root = import.meta.dirname;
const { runs } = JSON.parse(readFileSync(join(root, 'test', 'integration', 'suites.json'), 'utf8'));
const executable = process.env.VSCODE_EXECUTABLE_PATH;

export default defineConfig(
	runs
		.filter((run) => run.trusted !== false)
		.map((run) => {
			const userDataDir = join(root, '.vscode-test', 'user-data', run.name);
			mkdirSync(join(userDataDir, 'User'), { recursive: true });
			writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(run.settings ?? {}, null, '\t'));
			const extensionsDir = join(root, '.vscode-test', 'extensions', run.name);
			rmSync(extensionsDir, { recursive: true, force: true });
			mkdirSync(extensionsDir, { recursive: true });
			for (const dir of run.extensions ?? []) {
				installExtensionFolder(join(root, dir), extensionsDir);
			}
			return {
				label: run.name,
				files: run.suites.map((s) => `out/integration/${s}.test.js`),
				extensionDevelopmentPath: root,
				workspaceFolder: join(root, 'test', 'fixtures', 'workspaces', run.fixture, run.workspaceFile ?? ''),
				launchArgs: [`--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`],
				env: {
					...run.env,
					CW_TEST_RUN: JSON.stringify({ name: run.name, fixture: run.fixture, trusted: true, settings: run.settings ?? {} }),
				},
				mocha: { ui: 'tdd', timeout: 30_000, color: true },
				...(executable ? { useInstallation: { fromPath: executable } } : { version: 'stable' }),
			};
		}),
);
