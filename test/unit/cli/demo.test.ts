import * as assert from 'node:assert/strict';
import { type AuditJson, demoSummary } from '../../../src/tools/demo';

describe('npm run demo: the summary', () => {
	const written = [
		['demo-output/audit.md', 'the audit report (Markdown)'],
		['demo-output/audit.sarif', 'the same findings as SARIF 2.1.0, for code scanning'],
		['demo-output/audit.json', 'the report as JSON, for tools'],
	] as const;

	it('stays under 30 lines with npm\'s header and the build line, however many files are found, and names every file written', () => {
		for (const n of [0, 1, 5, 40]) {
			const report: AuditJson = {
				policy: { name: 'p' },
				workspace: { level: 'restricted', restricted: true },
				files: Array.from({ length: n }, (_, i) => ({ path: `f${i}.env`, level: 'restricted', reasons: [{ message: 'Environment files hold credentials.' }] })),
			};
			const lines = demoSummary(report, { vsix: 'context-warden-0.1.0.vsix', vsixSize: '1.4 MB', written });
			// npm prints 4 lines before the script ("", "> name demo", "> tsx …", ""), the script one before this.
			assert.ok(4 + 1 + lines.length < 30, `${n} files: ${4 + 1 + lines.length} lines`);
			for (const [file] of written) {
				assert.ok(lines.some((l) => l.includes(file)), `${file} is named`);
			}
			assert.ok(lines.some((l) => l.includes('code --install-extension context-warden-0.1.0.vsix')));
			assert.ok(lines.some((l) => l.includes('code-server --install-extension context-warden-0.1.0.vsix')));
		}
	});
});
