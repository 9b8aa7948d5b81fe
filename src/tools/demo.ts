/**
 * `npm run demo`: builds the .vsix, audits a sample workspace with the built CLI, writes the reports to files and
 * prints a short summary: what was found, which files were written, and how to try the extension.
 * The build's own output is shown only when it fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const WORKSPACE = 'test/fixtures/workspaces/basic';
const OUT = 'demo-output';

export interface AuditJson {
	policy: { name: string };
	workspace: { level: string; restricted: boolean };
	files: { path: string; level: string; reasons: { message: string }[] }[];
}

function run(cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
	const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function fail(step: string, r: { stdout: string; stderr: string }): never {
	process.stderr.write(`demo: ${step} failed:\n${r.stdout}${r.stderr}`);
	process.exit(1);
}

function size(file: string): string {
	const n = fs.statSync(path.join(ROOT, file)).size;
	return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The demo's summary: what was found (at most five files named), each file written with what it is, how to install
 * the .vsix. Bounded: 17 lines plus one per file written.
 */
export function demoSummary(report: AuditJson, files: { vsix: string; vsixSize: string; written: readonly (readonly [string, string])[] }): string[] {

	const lines: string[] = [];
	lines.push('', `Audited ${WORKSPACE} with the policy "${report.policy.name}":`);
	lines.push(
		`  ${report.files.length} sensitive file${report.files.length === 1 ? '' : 's'}; workspace level ${report.workspace.level}` +
			(report.workspace.restricted ? ', AI assistants restricted' : ', not restricted'),
	);
	for (const f of report.files.slice(0, 5)) {
		lines.push(`  - ${JSON.stringify(f.path).slice(1, -1)} (${f.level}): ${f.reasons[0]?.message ?? ''}`);
	}
	if (report.files.length > 5) {
		lines.push(`  ... and ${report.files.length - 5} more (see the report)`);
	}
	lines.push('', 'Wrote:');
	const vsix = files.vsix;
	const width = Math.max(vsix.length, ...files.written.map(([f]) => f.length));
	lines.push(`  ${vsix.padEnd(width)}  the extension (${files.vsixSize})`);
	for (const [file, what] of files.written) {
		lines.push(`  ${file.padEnd(width)}  ${what}`);
	}
	lines.push('', 'Try the extension:');
	lines.push(`  VS Code:      code --install-extension ${vsix}`);
	lines.push(`  code-server:  code-server --install-extension ${vsix}`);
	lines.push('  (or Extensions view > ... > Install from VSIX...), then open test/fixtures/workspaces/exposure');
	lines.push('  and click "Context Warden" in the status bar for the Exposure Preview.');
	lines.push('Try the CLI:  node dist/cli.js scan <dir>   (audit, validate, explain-policy: --help)');
	return lines;
}

function main(): void {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
	const vsix = `${pkg.name}-${pkg.version}.vsix`;
	process.stdout.write('Building the extension and packaging it...\n');
	const built = run('npm', ['run', '--silent', 'package']);
	if (built.status !== 0 || !fs.existsSync(path.join(ROOT, vsix))) {
		fail('npm run package', built);
	}

	fs.mkdirSync(path.join(ROOT, OUT), { recursive: true });
	const written: [string, string][] = [];
	for (const [format, file, what] of [
		['md', 'audit.md', 'the audit report (Markdown)'],
		['sarif', 'audit.sarif', 'the same findings as SARIF 2.1.0, for code scanning'],
		['json', 'audit.json', 'the report as JSON, for tools'],
	] as const) {
		const out = `${OUT}/${file}`;
		const r = run(process.execPath, ['dist/cli.js', 'audit', WORKSPACE, '--format', format, '--out', out, '--no-color']);
		if (r.status !== 0) {
			fail(`context-warden audit --format ${format}`, r);
		}
		written.push([out, what]);
	}
	const report = JSON.parse(fs.readFileSync(path.join(ROOT, OUT, 'audit.json'), 'utf8')) as AuditJson;
	const lines = demoSummary(report, { vsix, vsixSize: size(vsix), written });
	process.stdout.write(`${lines.join('\n')}\n`);
}

// Run as a script, not when a test imports the summary.
if (require.main === module) {
	main();
}
