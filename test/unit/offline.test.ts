// Neither the extension nor the CLI opens a network connection: no bundle imports a networking module, no
// source calls fetch/WebSocket/XMLHttpRequest, and the CLI, run with networking trapped, never tries.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { tempDirs } from '../support/tempDir';

const ROOT = path.resolve(__dirname, '../..');
const ENTRIES = ['src/extension.ts', 'src/cli.ts', 'src/hookImpl.ts', 'src/worker/classifyWorker.ts'];
const NETWORK_MODULES = ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'undici', 'ws'];

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p) : [p];
	});
}

describe('offline by construction', () => {
	const tempDir = tempDirs(afterEach);

	for (const entry of ENTRIES) {
		it(`${entry}: its bundle imports no networking module`, async () => {
			const result = await esbuild.build({
				entryPoints: [path.join(ROOT, entry)],
				bundle: true,
				platform: 'node',
				format: 'cjs',
				external: ['vscode'],
				mainFields: ['module', 'main'],
				write: false,
				metafile: true,
				logLevel: 'silent',
			});
			const imported = new Set<string>();
			for (const input of Object.values(result.metafile.inputs)) {
				for (const imp of input.imports) {
					if (imp.external) {
						imported.add(imp.path.replace(/^node:/, '').split('/')[0] ?? imp.path);
					}
				}
			}
			const network = [...imported].filter((m) => NETWORK_MODULES.includes(m));
			assert.deepEqual(network, [], `networking modules imported: ${network.join(', ')}`);
		});
	}

	it('no source file calls fetch, WebSocket, XMLHttpRequest or EventSource', () => {
		const offenders = walk(path.join(ROOT, 'src'))
			.filter((f) => f.endsWith('.ts'))
			.filter((f) => /\b(fetch|WebSocket|XMLHttpRequest|EventSource)\s*\(/.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
		assert.deepEqual(offenders, []);
	});

	it('the CLI scans and explains a workspace with networking trapped, and never tries to connect', function () {
		this.timeout(60_000);
		const dir = tempDir('cw-offline-');
		const log = path.join(dir, 'net.log');
		const bundle = path.join(dir, 'cli.js');
		esbuild.buildSync({
			entryPoints: [path.join(ROOT, 'src/cli.ts')],
			bundle: true,
			platform: 'node',
			format: 'cjs',
			mainFields: ['module', 'main'],
			outfile: bundle,
			logLevel: 'silent',
		});
		const ws = path.join(ROOT, 'test/fixtures/workspaces/basic');
		for (const args of [
			['scan', ws, '--json'],
			['explain-policy', '--workspace', ws, '--policy', path.join(ROOT, 'policies/strict.json')],
			['validate', path.join(ROOT, 'policies/sovereign-cn.json')],
		]) {
			const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'test/support/noNetwork.cjs'), bundle, ...args], {
				env: { ...process.env, CW_NET_LOG: log },
				encoding: 'utf8',
			});
			assert.equal(r.status, 0, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
		}
		assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'network access was attempted');
	});
});
