import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { renderAuditJson, stableStringify } from '../../../src/core/audit/formats/json';
import { mdText, renderAuditMarkdown } from '../../../src/core/audit/formats/markdown';
import { MAX_SARIF_RESULTS, pathToRelativeUri, renderAuditSarif, renderAuditSarifJson, SARIF_SCHEMA_URI, sarifLevel } from '../../../src/core/audit/formats/sarif';
import { buildAuditReport } from '../../../src/core/audit/report';
import type { FileClassification } from '../../../src/core/classify/types';
import { sarifSchemaErrors } from './support/sarifSchema';
import { fakeCredentials, HOSTILE_NAMES, sampleInput } from './support/samples';

const CREDS = fakeCredentials(11);

function files(): FileClassification[] {
	return [
		{ path: 'src/plain.ts', level: 'public', reasons: [] },
		{
			path: 'src/aws.ts',
			level: 'restricted',
			reasons: [
				{ kind: 'secret', rule: 'aws-access-key-id', level: 'restricted', message: 'AWS access key ID', line: 4, column: 13, endLine: 4, endColumn: 33, preview: `${CREDS.aws.slice(0, 4)}************${CREDS.aws.slice(-4)}` },
				{ kind: 'secret', rule: 'aws-access-key-id', level: 'restricted', message: 'AWS access key ID', line: 4, column: 40, endLine: 4, endColumn: 60, preview: 'AKIA************ZZZZ' },
			],
		},
		{ path: 'docs/plan.md', level: 'confidential', reasons: [{ kind: 'marker', rule: 'marker:CONFIDENTIAL', level: 'confidential', message: 'Confidentiality marker', line: 3, column: 1, endLine: 3, endColumn: 13 }] },
		{ path: 'notes/todo.md', level: 'internal', reasons: [{ kind: 'pattern', rule: 'ticket', level: 'internal', message: 'Ticket key', line: 1, column: 5, endLine: 1, endColumn: 14 }] },
		...HOSTILE_NAMES.map((name): FileClassification => ({ path: name, level: 'restricted', reasons: [{ kind: 'path', rule: 'dotenv', level: 'restricted', message: 'Environment files hold credentials.' }] })),
	];
}

function report(extra = {}): ReturnType<typeof buildAuditReport> {
	return buildAuditReport(
		sampleInput(files(), {
			skipped: [{ path: 'big.bin', reason: 'too-large', detail: '9000000 bytes' }],
			assistants: [{ id: 'copilot', name: 'GitHub Copilot | `x`', decision: 'disable', leversApplied: ['copilot.enable'], coverageGaps: ['terminal <b>not</b> covered'] }],
			hooks: [{ agent: 'claude-code', installed: true, config: '.claude/settings.json', denies: 2 }],
			...extra,
		}),
	);
}

/** The text of each cell of each row of every table, as a browser would show it. */
function tables(html: string): string[][][] {
	const decode = (s: string): string =>
		s
			.replace(/<[^>]*>/g, '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, '&');
	return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
		[...(t[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1] ?? ''))),
	);
}

describe('audit formats', () => {
	describe('Markdown', () => {
		const md = new MarkdownIt({ html: true });

		it('renders hostile file names as text: no HTML, no link, no broken table, the name reads as itself', () => {
			const text = renderAuditMarkdown(report());
			const html = md.render(text);
			assert.ok(!/<img|<b>|<a |<script|<em>|<strong>x|<del>|<code>[^<]*onerror/i.test(html.replace(/<strong>[^<]*<\/strong>/g, '')), html);
			const sensitive = tables(html).find((t) => t[0]?.join('|') === 'Level|File|Where|Rule|Evidence');
			assert.ok(sensitive, 'the sensitive files table');
			for (const row of sensitive) {
				assert.equal(row.length, 5, `row keeps its five cells: ${JSON.stringify(row)}`);
			}
			const shown = new Set(sensitive.map((r) => r[1]));
			assert.ok(shown.has('evil|name`<img src=x onerror=alert(1)>.env'));
			assert.ok(shown.has('[click](javascript:alert(1)) **bold** _x_ ~~s~~ &amp; \\|.env'));
			assert.ok(shown.has('line break.env'), 'a newline becomes a space');
			assert.ok(shown.has('invoiceU+202Etxt.exe.env'), 'a bidi override is shown, not applied');
			assert.ok(shown.has('100% #1 ?q=a&b.env'));
			assert.ok(!text.includes('\u202E'));
		});

		it('escapes assistants, hooks and policy strings too, and keeps the policy JSON in an unbreakable fence', () => {
			const r = report();
			r.policy.effective = { ...r.policy.effective, description: 'ends a fence ``` and ```` <script>x</script>' };
			const html = md.render(renderAuditMarkdown(r));
			assert.ok(!html.includes('<script>'));
			assert.ok(!html.includes('<b>not</b>'));
			const assistants = tables(html).find((t) => t[0]?.[0] === 'Assistant');
			assert.equal(assistants?.[1]?.[0], 'GitHub Copilot | `x` (copilot)');
			assert.equal(assistants?.[1]?.[3], 'terminal <b>not</b> covered');
			const code = /<pre><code class="language-json">([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
			assert.ok(code.includes('&lt;script&gt;'), 'the whole policy stays inside the code block');
			assert.ok(code.trim().endsWith('}'));
		});

		it('has the sections and numbers a reader looks for, and masked previews only', () => {
			const text = renderAuditMarkdown(report());
			for (const h of ['# Context Warden audit: payments', '## Summary', '## Policy', '### Sources', '### Refused loosenings', '### Exceptions', '## Sensitive files', '## Not content-scanned', '## Assistants', '## Agent hooks', '## Effective policy']) {
				assert.ok(text.includes(`\n${h}\n`) || text.startsWith(`${h}\n`), h);
			}
			assert.match(text, /\| By level \| 1 public, 1 internal, 1 confidential, 6 restricted \|/);
			assert.match(text, /\| restricted \| src\/aws\.ts \| line 4, col 13 \| secret: aws-access-key-id \| AWS access key ID — masked: AKIA/);
			assert.ok(!text.includes(CREDS.aws));
			assert.ok(text.includes(`masked: ${CREDS.aws.slice(0, 4)}\\*\\*\\*`));
		});

		it('mdText escapes each special character and nothing else of note', () => {
			assert.equal(mdText('a|b'), 'a\\|b');
			assert.equal(mdText('`x`'), '\\`x\\`');
			assert.equal(mdText('<i>&'), '&lt;i&gt;&amp;');
			assert.equal(mdText('src/app-main.config.ts'), 'src/app-main.config.ts');
			assert.equal(mdText('a\r\nb\tc'), 'a  b c');
		});
	});

	describe('JSON', () => {
		it('sorts keys at every depth and round-trips the report', () => {
			const r = report();
			const text = renderAuditJson(r);
			assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(r)));
			const check = (v: unknown): void => {
				if (Array.isArray(v)) {
					v.forEach(check);
				} else if (v && typeof v === 'object') {
					const keys = Object.keys(v);
					assert.deepEqual(keys, [...keys].sort());
					Object.values(v).forEach(check);
				}
			};
			check(JSON.parse(text));
			assert.ok(text.endsWith('}\n'));
		});

		it('is byte-identical whatever order the inputs\' keys were built in', () => {
			const a = stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } });
			const b = stableStringify({ a: { d: [{ y: 2, z: 1 }] }, b: 1 });
			assert.equal(a, b);
			assert.equal(renderAuditJson(report()), renderAuditJson(report()));
		});
	});

	describe('SARIF 2.1.0', () => {
		it('validates against the SARIF 2.1.0 JSON schema', () => {
			const log = JSON.parse(renderAuditSarifJson(report(), { informationUri: 'https://example.com/context-warden' })) as unknown;
			assert.deepEqual(sarifSchemaErrors(log), []);
		});

		it('the schema check is real: it rejects what SARIF forbids', () => {
			const log = renderAuditSarif(report()) as unknown as { runs: { results: { level: string }[] }[] };
			const bad = structuredClone(log);
			(bad.runs[0]?.results[0] as { level: string }).level = 'critical';
			assert.notDeepEqual(sarifSchemaErrors(bad), []);
			const noVersion = { ...structuredClone(log), version: undefined };
			assert.notDeepEqual(sarifSchemaErrors(noVersion), []);
		});

		it('has what GitHub code scanning requires: schema, version, driver, described rules, located results, fingerprints', () => {
			const log = renderAuditSarif(report());
			assert.equal(log.$schema, SARIF_SCHEMA_URI);
			assert.equal(log.version, '2.1.0');
			assert.equal(log.runs.length, 1);
			const run = log.runs[0];
			assert.equal(run.tool.driver.name, 'Context Warden');
			assert.equal(run.tool.driver.version, '1.2.3');
			const ids = run.tool.driver.rules.map((r) => r.id);
			assert.deepEqual(ids, ['marker/marker:CONFIDENTIAL', 'path/dotenv', 'pattern/ticket', 'secret/aws-access-key-id']);
			for (const rule of run.tool.driver.rules) {
				for (const t of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
					assert.ok(t.length > 0 && t.length <= 1024 * 4);
				}
				assert.ok(rule.shortDescription.text.length <= 1024 && rule.fullDescription.text.length <= 1024);
				assert.ok(rule.properties.tags.includes('security'));
			}
			assert.deepEqual(Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level])), {
				'marker/marker:CONFIDENTIAL': 'warning',
				'path/dotenv': 'error',
				'pattern/ticket': 'note',
				'secret/aws-access-key-id': 'error',
			});
			assert.equal(run.results.length, 2 + 1 + 1 + HOSTILE_NAMES.length);
			for (const res of run.results) {
				assert.equal(run.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
				assert.ok(res.message.text.length > 0);
				assert.equal(res.locations.length, 1);
				const loc = res.locations[0]?.physicalLocation;
				assert.equal(loc?.artifactLocation.uriBaseId, '%SRCROOT%');
				assert.ok(!loc?.artifactLocation.uri.startsWith('/') && !/^[a-z]+:/i.test(loc?.artifactLocation.uri ?? ''));
				assert.ok((loc?.region?.startLine ?? 0) >= 1);
				assert.match(res.partialFingerprints.primaryLocationLineHash ?? '', /^[0-9a-f]{16}:\d+$/);
			}
			assert.deepEqual(Object.keys(run.originalUriBaseIds), ['%SRCROOT%']);
			assert.equal(run.invocations[0]?.toolExecutionNotifications?.length, 1);
		});

		it('maps levels, regions and URIs', () => {
			assert.deepEqual((['restricted', 'confidential', 'internal', 'public'] as const).map(sarifLevel), ['error', 'warning', 'note', 'none']);
			const run = renderAuditSarif(report()).runs[0];
			const aws = run.results.filter((r) => r.ruleId === 'secret/aws-access-key-id');
			assert.deepEqual(aws[0]?.locations[0]?.physicalLocation, { artifactLocation: { uri: 'src/aws.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 33 } });
			assert.equal(aws[0]?.level, 'error');
			assert.equal(run.results.find((r) => r.ruleId === 'marker/marker:CONFIDENTIAL')?.level, 'warning');
			assert.equal(run.results.find((r) => r.ruleId === 'pattern/ticket')?.level, 'note');
			const path = run.results.find((r) => r.ruleId === 'path/dotenv');
			assert.deepEqual(path?.locations[0]?.physicalLocation.region, { startLine: 1 });
			const uris = run.results.filter((r) => r.ruleId === 'path/dotenv').map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
			assert.ok(uris.includes('evil%7Cname%60%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.env'));
			assert.ok(uris.includes('100%25%20%231%20%3Fq%3Da%26b.env'));
			assert.equal(pathToRelativeUri('a b/c:d/e.ts'), 'a%20b/c%3Ad/e.ts');
			for (const u of uris) {
				assert.equal(decodeURIComponent(u ?? ''), HOSTILE_NAMES.find((n) => n === decodeURIComponent(u ?? '')), 'URIs decode back to the path');
			}
		});

		it('never carries the secret or its preview; fingerprints hash rule, path and line, not the value', () => {
			const text = renderAuditSarifJson(report());
			assert.ok(!text.includes(CREDS.aws));
			assert.ok(!text.includes(CREDS.aws.slice(-4)), 'not even the masked preview');
			assert.ok(!text.includes('AKIA****'));
			const a = renderAuditSarif(report()).runs[0].results;
			// Same findings with another value at the same place: the same fingerprints.
			const other = files().map((f) => ({ ...f, reasons: f.reasons.map((r) => ({ ...r, ...(r.preview ? { preview: 'AKIA************QQQQ' } : {}) })) }));
			const b = renderAuditSarif(buildAuditReport(sampleInput(other))).runs[0].results;
			assert.deepEqual(a.map((r) => r.partialFingerprints), b.map((r) => r.partialFingerprints));
			// Two findings of one rule on one line stay distinct.
			const onLine4 = a.filter((r) => r.ruleId === 'secret/aws-access-key-id').map((r) => r.partialFingerprints.primaryLocationLineHash);
			assert.equal(new Set(onLine4).size, 2);
			assert.deepEqual(onLine4.map((h) => h?.split(':')[1]), ['1', '2']);
			// A finding on another line gets another fingerprint.
			const moved = files().map((f) => ({ ...f, reasons: f.reasons.map((r) => (r.line === 4 ? { ...r, line: 5, endLine: 5 } : r)) }));
			const c = renderAuditSarif(buildAuditReport(sampleInput(moved))).runs[0].results;
			assert.notEqual(c.find((r) => r.ruleId === 'secret/aws-access-key-id')?.partialFingerprints.primaryLocationLineHash, onLine4[0]);
		});

		it('stays valid with no findings, and caps results at the code scanning limit', () => {
			const empty = renderAuditSarif(buildAuditReport(sampleInput([{ path: 'a.ts', level: 'public', reasons: [] }])));
			assert.deepEqual(empty.runs[0].results, []);
			assert.deepEqual(empty.runs[0].tool.driver.rules, []);
			assert.deepEqual(sarifSchemaErrors(empty), []);
			assert.equal(MAX_SARIF_RESULTS, 25_000);
			const capped = renderAuditSarif(report(), { maxResults: 3 });
			assert.equal(capped.runs[0].results.length, 3);
			assert.equal(capped.runs[0].properties.droppedResults, HOSTILE_NAMES.length + 1);
			assert.equal(capped.runs[0].invocations[0]?.toolExecutionNotifications?.[0]?.level, 'warning');
			assert.deepEqual(sarifSchemaErrors(capped), []);
		});
	});
});
