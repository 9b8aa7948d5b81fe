import * as assert from 'node:assert/strict';
import { buildAuditReport } from '../../../src/core/audit/report';
import type { FileClassification } from '../../../src/core/classify/types';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { sampleInput } from './support/samples';

const FILES: FileClassification[] = [
	{ path: 'src/plain.ts', level: 'public', reasons: [] },
	{
		path: 'src/aws.ts',
		level: 'restricted',
		reasons: [{ kind: 'secret', rule: 'aws-access-key-id', level: 'restricted', message: 'AWS access key ID', line: 4, column: 13, endLine: 4, endColumn: 33, preview: 'AKIA************MPLF' }],
		size: 120,
	},
	{ path: 'docs/plan.md', level: 'confidential', reasons: [{ kind: 'marker', rule: 'marker:CONFIDENTIAL', level: 'confidential', message: 'Confidentiality marker', line: 3, column: 1 }] },
	{ path: '.env', level: 'restricted', reasons: [{ kind: 'path', rule: 'dotenv', level: 'restricted', message: 'Environment files hold credentials.' }], skipped: { reason: 'too-large', detail: '9000000 bytes' } },
	{ path: 'notes/todo.md', level: 'internal', reasons: [{ kind: 'pattern', rule: 'ticket', level: 'internal', message: 'Ticket key', line: 1, column: 1, preview: 'x'.repeat(300) }], omittedFindings: 3 },
	{ path: 'fixtures/.env', level: 'public', reasons: [], exception: { path: 'fixtures/**', expires: '2025-12-31', reason: 'test data' } },
];

describe('audit report model', () => {
	it('lists every non-public file, most severe first then by path, and counts all files', () => {
		const r = buildAuditReport(sampleInput(FILES, { skipped: [{ path: '.env', reason: 'too-large', detail: '9000000 bytes' }, { path: 'a.png', reason: 'binary' }] }));
		assert.deepEqual(r.files.map((f) => [f.level, f.path]), [
			['restricted', '.env'],
			['restricted', 'src/aws.ts'],
			['confidential', 'docs/plan.md'],
			['internal', 'notes/todo.md'],
		]);
		assert.deepEqual(r.totals.byLevel, { public: 2, internal: 1, confidential: 1, restricted: 2 });
		assert.equal(r.totals.files, 6);
		// The default policy's sensitiveLevel is confidential.
		assert.equal(r.workspace.sensitiveLevel, 'confidential');
		assert.equal(r.totals.sensitive, 3);
		assert.equal(r.totals.listed, 4);
		assert.equal(r.totals.findings, 4);
		assert.deepEqual(r.totals.byKind, { path: 1, secret: 1, marker: 1, pattern: 1 });
		assert.deepEqual(r.skipped.map((s) => s.path), ['.env', 'a.png']);
		assert.equal(r.totals.skipped, 2);
		assert.deepEqual(r.excepted, [{ path: 'fixtures/.env', exception: { path: 'fixtures/**', expires: '2025-12-31', reason: 'test data' } }]);
		assert.equal(r.files.find((f) => f.path === '.env')?.skipped?.reason, 'too-large');
		assert.equal(r.files.find((f) => f.path === 'notes/todo.md')?.omittedFindings, 3);
	});

	it('derives the workspace verdict from the files with the effective policy', () => {
		const r = buildAuditReport(sampleInput(FILES));
		assert.deepEqual([r.workspace.rootName, r.workspace.level, r.workspace.restricted, r.workspace.restrictedAt], ['payments', 'restricted', true, 'restricted']);
		const calm = buildAuditReport(sampleInput(FILES.filter((f) => f.level !== 'restricted')));
		assert.deepEqual([calm.workspace.level, calm.workspace.restricted], ['confidential', false]);
	});

	it('honours minLevel, and bounds previews', () => {
		const r = buildAuditReport(sampleInput(FILES, { minLevel: 'confidential' }));
		assert.deepEqual(r.files.map((f) => f.path), ['.env', 'src/aws.ts', 'docs/plan.md']);
		const all = buildAuditReport(sampleInput(FILES));
		const preview = all.files.find((f) => f.path === 'notes/todo.md')?.reasons[0]?.preview ?? '';
		assert.equal(Array.from(preview).length, 80);
		assert.ok(preview.endsWith('…'));
		assert.equal(all.files.find((f) => f.path === 'src/aws.ts')?.reasons[0]?.preview, 'AKIA************MPLF');
	});

	it('carries the policy: name, state, hash, sources, effective policy, refused loosenings, exceptions', () => {
		const effective = resolveEffectivePolicy({
			now: new Date(Date.UTC(2025, 5, 1)),
			org: {
				file: 'org.json',
				text: JSON.stringify({ version: 1, name: 'Acme', overrides: { exceptions: { allowed: true, maxDays: 30, requireReason: true } } }),
			},
			workspace: {
				file: '.vscode/context-policy.json',
				text: JSON.stringify({
					workspace: { restrictedAt: 'never' },
					exceptions: [
						{ path: 'fixtures/**', reason: 'test data', granted: '2025-05-20', expires: '2025-06-10' },
						{ path: 'secrets/**', expires: '2025-06-10' },
					],
				}),
			},
		});
		const r = buildAuditReport(sampleInput(FILES, { policy: effective }));
		assert.equal(r.policy.name, 'Acme');
		assert.equal(r.policy.state, 'org');
		assert.equal(r.policy.sha256, effective.sha256);
		assert.deepEqual(r.policy.sources.map((s) => s.kind), effective.sources.map((s) => s.kind));
		assert.ok(r.policy.sources.some((s) => s.label === 'org.json' && /^[0-9a-f]{64}$/.test(s.sha256 ?? '')));
		assert.equal(r.policy.effective, effective.policy);
		assert.deepEqual(r.policy.refused.map((x) => x.key), ['workspace.restrictedAt']);
		assert.equal(r.totals.refused, 1);
		assert.deepEqual(r.policy.exceptions.active.map((e) => [e.path, e.layer, e.expires, e.reason]), [['fixtures/**', 'workspace', '2025-06-10', 'test data']]);
		assert.deepEqual(r.policy.exceptions.rejected.map((e) => e.path), ['secrets/**']);
		assert.match(r.policy.exceptions.rejected[0]?.why ?? '', /reason/);
	});

	it('leaves editor-only parts out unless given, and keeps only plain drift fields', () => {
		const cli = buildAuditReport(sampleInput(FILES));
		assert.equal(cli.assistants, undefined);
		assert.equal(cli.hooks, undefined);
		assert.equal(cli.totals.assistants, undefined);
		const drift = { file: '.vscode/settings.json', kind: 'valueChanged', message: 'chat.disableAIFeatures was set back to false.', leverIds: ['vscode.disableAI'], expected: true, actual: 'line with a secret' };
		const editor = buildAuditReport(
			sampleInput(FILES, {
				environment: { user: 'alice', host: 'h', platform: 'darwin', vscodeVersion: '1.138.0', extensionVersion: '1.2.3' },
				assistants: [
					{ id: 'copilot', name: 'GitHub Copilot', decision: 'disable', leversApplied: ['copilot.enable'], coverageGaps: ['terminal commands not covered'], drift: [drift] },
					{ id: 'continue', name: 'Continue', decision: 'warn', leversApplied: [], coverageGaps: [] },
				],
				hooks: [{ agent: 'claude-code', installed: true, config: '.claude/settings.json', denies: 4, asks: 1 }, { agent: 'cursor', installed: false }],
			}),
		);
		assert.deepEqual(editor.totals.assistants, { allowed: 0, warn: 1, disable: 1 });
		assert.deepEqual(editor.totals.hooks, { installed: 1, denies: 4, asks: 1 });
		assert.deepEqual(editor.assistants?.[0]?.drift, [{ file: '.vscode/settings.json', kind: 'valueChanged', message: 'chat.disableAIFeatures was set back to false.', leverIds: ['vscode.disableAI'] }]);
		assert.ok(!JSON.stringify(editor).includes('line with a secret'));
		assert.equal(editor.environment.vscodeVersion, '1.138.0');
		assert.deepEqual(editor.hooks?.[1], { agent: 'cursor', installed: false, notes: [] });
	});

	it('does not alias its inputs', () => {
		const files = structuredClone(FILES);
		const r = buildAuditReport(sampleInput(files));
		(r.files[0]?.reasons[0] as { rule: string }).rule = 'changed';
		assert.equal(files.find((f) => f.path === '.env')?.reasons[0]?.rule, 'dotenv');
	});
});
