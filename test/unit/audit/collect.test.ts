import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { auditEnvironment, auditRunData, collectAuditInput, skippedOf } from '../../../src/core/audit/collect';
import { renderAuditSarifJson, type SarifLog } from '../../../src/core/audit/formats/sarif';
import { policyChangeRecords, restrictionRecord } from '../../../src/core/audit/policyEvents';
import { buildAuditReport } from '../../../src/core/audit/report';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { scanDirectory } from '../../../src/core/classify/fileSource';
import { type EffectivePolicy, resolveEffectivePolicy } from '../../../src/core/policy/layering';
import type { PolicyException } from '../../../src/core/policy/schema';
import { sarifSchemaErrors } from './support/sarifSchema';
import { fakeCredentials, makeWorkspace } from './support/samples';

const ORG = { version: 1, name: 'Acme', workspace: { restrictedAt: 'confidential' }, overrides: { exceptions: { allowed: true, maxDays: 30, requireReason: true } } };

function resolve(now: string, opts: { orgText?: string; workspace?: Record<string, unknown>; exceptions?: PolicyException[] } = {}): EffectivePolicy {
	const layer = { ...(opts.workspace ?? {}), ...(opts.exceptions ? { exceptions: opts.exceptions } : {}) };
	return resolveEffectivePolicy({
		org: { file: 'org.json', text: opts.orgText ?? JSON.stringify(ORG) },
		...(Object.keys(layer).length > 0 ? { workspace: { file: 'ctx.json', text: JSON.stringify(layer) } } : {}),
		now: new Date(now),
	});
}

/** ruleId, uri and start line of each result, sorted: what code scanning keys alerts by. */
function findings(log: SarifLog): string[] {
	return (log.runs[0]?.results ?? [])
		.map((r) => {
			const loc = r.locations?.[0]?.physicalLocation;
			return `${r.ruleId ?? ''}|${loc?.artifactLocation?.uri ?? ''}|${loc?.region?.startLine ?? ''}`;
		})
		.sort();
}

describe('audit collect (the input the editor and the CLI share)', () => {
	it('derives the environment, the skipped files and the audit.run entry', () => {
		const env = auditEnvironment({ env: { USER: 'ci' }, extensionVersion: '1.0.0', vscodeVersion: '1.99.0', platform: 'linux' });
		assert.equal(env.user, 'ci');
		assert.equal(env.vscodeVersion, '1.99.0');
		assert.ok(env.host.length > 0);
		assert.deepEqual(
			skippedOf([
				{ path: 'z.bin', level: 'public', reasons: [], skipped: { reason: 'too-large', detail: '9 bytes' } },
				{ path: 'a.ts', level: 'public', reasons: [] },
				{ path: 'b.lnk', level: 'public', reasons: [], skipped: { reason: 'symlink' } },
			]),
			[
				{ path: 'b.lnk', reason: 'symlink' },
				{ path: 'z.bin', reason: 'too-large', detail: '9 bytes' },
			],
		);
		const report = buildAuditReport(collectAuditInput({ environment: env, policy: resolve('2026-06-01T00:00:00Z'), workspaceName: 'ws', files: [] }));
		assert.deepEqual(auditRunData(report, 'md'), { workspace: 'ws', format: 'md', files: 0, findings: 0, level: 'public', restricted: false });
	});

	describe('an editor-style report (index classifications, assistants) against the CLI', () => {
		let dir: string;
		before(() => {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-audit-collect-'));
			makeWorkspace(dir, fakeCredentials(11));
			fs.writeFileSync(path.join(dir, 'org.json'), JSON.stringify(ORG));
		});
		after(() => fs.rmSync(dir, { recursive: true, force: true }));

		it('validates against SARIF 2.1.0 and has the same findings as `context-warden audit --format sarif`', async () => {
			const effective = resolveEffectivePolicy({ org: { file: 'org.json', text: JSON.stringify(ORG) }, now: new Date() });
			const { classifier } = compileClassifier(effective.policy, effective.exceptions.active);
			const scan = scanDirectory(path.join(dir, 'ws'), classifier, effective.policy.content.maxFileSizeBytes);
			// The index hands its classifications over in no particular order.
			const shuffled = [...scan.files].reverse();
			const report = buildAuditReport(
				collectAuditInput({
					environment: auditEnvironment({ env: { USER: 'alice' }, extensionVersion: '0.1.0', vscodeVersion: '1.99.0' }),
					policy: effective,
					workspaceName: 'ws',
					files: shuffled,
					assistants: [
						{ id: 'continue', name: 'Continue', decision: 'disable', why: ['The workspace is restricted.'], leversApplied: ['continue.ignore'], coverageGaps: ['chat not covered'] },
						{ id: 'copilot', name: 'GitHub Copilot', decision: 'warn', leversApplied: [], coverageGaps: [], drift: [{ file: '.vscode/settings.json', kind: 'valueChanged', message: 'changed' }] },
					],
				}),
			);
			const editor = JSON.parse(renderAuditSarifJson(report)) as SarifLog;
			assert.deepEqual(sarifSchemaErrors(editor), []);
			let out = '';
			let err = '';
			const code = await runCli(['audit', 'ws', '--policy', 'org.json', '--format', 'sarif'], {
				stdout: { write: (s: string) => (out += s) },
				stderr: { write: (s: string) => (err += s) },
				cwd: dir,
				env: { HOME: dir, USER: 'ci' },
			});
			assert.equal(code, 0, err);
			const cli = JSON.parse(out) as SarifLog;
			assert.ok(findings(cli).length > 0);
			assert.deepEqual(findings(editor), findings(cli));
		});
	});
});

describe('audit entries for policy and restriction changes', () => {
	const ws = 'payments';

	it('records policy.loaded at the first load and when the policy changes, not when it does not', () => {
		const a = resolve('2026-06-01T00:00:00Z');
		const first = policyChangeRecords(undefined, a, new Date(), ws);
		assert.deepEqual(first.map((r) => r.type), ['policy.loaded']);
		assert.equal(first[0]?.type === 'policy.loaded' && first[0].data.sha256, a.sha256);
		assert.deepEqual(policyChangeRecords(a, a, new Date(), ws), []);
	});

	it('records policy.rejected when the org policy is invalid, once', () => {
		const good = resolve('2026-06-01T00:00:00Z');
		const bad = resolveEffectivePolicy({
			org: { file: 'org.json', text: '{ "version": 1, "name": ' },
			lastValidOrg: { file: 'org.json', text: JSON.stringify(ORG) },
			now: new Date('2026-06-01T00:00:00Z'),
		});
		assert.equal(bad.state, 'org-last-valid');
		const records = policyChangeRecords(good, bad, new Date(), ws);
		assert.deepEqual(records.map((r) => r.type), ['policy.rejected']);
		const r = records[0];
		assert.ok(r?.type === 'policy.rejected');
		assert.equal(r.data.file, 'org.json');
		assert.equal(r.data.state, 'org-last-valid');
		assert.ok(r.data.errors >= 1);
		assert.deepEqual(policyChangeRecords(bad, bad, new Date(), ws), []);
	});

	it('records each new refused loosening once', () => {
		const a = resolve('2026-06-01T00:00:00Z');
		const b = resolve('2026-06-01T00:00:00Z', { workspace: { workspace: { restrictedAt: 'never' } } });
		assert.ok(b.refused.length > 0);
		const records = policyChangeRecords(a, b, new Date(), ws).filter((r) => r.type === 'loosening.refused');
		assert.equal(records.length, b.refused.length);
		assert.deepEqual(records[0]?.data, { layer: b.refused[0]?.layer, source: b.refused[0]?.source, key: b.refused[0]?.key, workspace: ws });
		assert.deepEqual(policyChangeRecords(b, b, new Date(), ws), []);
	});

	it('records exceptions granted, and expired (with why) when they leave the active set', () => {
		const x: PolicyException = { path: 'fixtures/**', reason: 'synthetic data', granted: '2026-06-01', expires: '2026-06-15' };
		const none = resolve('2026-06-10T00:00:00Z');
		const active = resolve('2026-06-10T00:00:00Z', { exceptions: [x] });
		const granted = policyChangeRecords(none, active, new Date('2026-06-10T00:00:00Z'), ws).filter((r) => r.type === 'exception.granted');
		assert.deepEqual(granted.map((r) => r.data), [{ path: 'fixtures/**', expires: '2026-06-15', layer: 'workspace', reason: 'synthetic data', workspace: ws }]);
		const expired = resolve('2026-06-16T00:00:00Z', { exceptions: [x] });
		const gone = policyChangeRecords(active, expired, new Date('2026-06-16T00:00:00Z'), ws).filter((r) => r.type === 'exception.expired');
		assert.deepEqual(gone.map((r) => r.data), [{ path: 'fixtures/**', expires: '2026-06-15', layer: 'workspace', why: 'expired on 2026-06-15', workspace: ws }]);
		const removed = policyChangeRecords(active, none, new Date('2026-06-10T00:00:00Z'), ws).filter((r) => r.type === 'exception.expired');
		assert.equal(removed[0]?.type === 'exception.expired' && removed[0].data.why, 'removed from the policy');
	});

	it('records a restriction change only when it changes', () => {
		assert.equal(restrictionRecord(undefined, { restricted: false, level: 'internal', restrictedAt: 'confidential' }, ws), undefined);
		assert.deepEqual(restrictionRecord(undefined, { restricted: true, level: 'restricted', restrictedAt: 'confidential', sensitiveFiles: 2 }, ws), {
			type: 'workspace.restricted',
			data: { workspace: ws, level: 'restricted', restrictedAt: 'confidential', sensitiveFiles: 2 },
		});
		assert.equal(restrictionRecord({ restricted: true, level: 'restricted' }, { restricted: true, level: 'confidential', restrictedAt: 'confidential' }, ws), undefined);
		assert.deepEqual(restrictionRecord({ restricted: true, level: 'restricted' }, { restricted: false, level: 'internal', restrictedAt: 'confidential' }, ws), {
			type: 'workspace.unrestricted',
			data: { workspace: ws, level: 'internal', restrictedAt: 'confidential' },
		});
	});
});
