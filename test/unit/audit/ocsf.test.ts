// The OCSF mirror: every event type's OCSF event validates against the OCSF 1.8.0 class it is mapped to (a JSON
// Schema generated from the public OCSF schema: test/support/ocsf/), carries the native entry's sequence number
// and line hash so a SIEM can check continuity, and never carries what the native log's guard kept out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { AUDIT_EVENT_TYPES, type AuditEventData, type AuditEventType } from '../../../src/core/audit/events';
import { fsMirror, openAuditLog, parseEntry } from '../../../src/core/audit/log';
import { memoryLogStore } from '../../../src/core/audit/logStore';
import { OCSF_CLASS_OF, OCSF_PROFILES, OCSF_VERSION, type OcsfContext, ocsfMirror, toOcsf } from '../../../src/core/audit/ocsf';
import { sha256Hex } from '../../../src/core/policy/layering';

const SCHEMA_FILE = path.join(__dirname, '..', '..', 'support', 'ocsf', 'ocsf-classes.schema.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { $comment: string; definitions: Record<string, { title: string; properties: { class_uid: { const: number } } }> };
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema);

/** The generated definition for a class uid. */
function definitionOf(classUid: number): string {
	const found = Object.entries(schema.definitions).find(([k, v]) => k.startsWith('class_') && v.properties.class_uid.const === classUid);
	assert.ok(found, `no OCSF class ${classUid} in the generated schema`);
	return found[0];
}

function validate(event: unknown, classUid: number): void {
	const validator = ajv.getSchema(`ocsf-classes#/definitions/${definitionOf(classUid)}`);
	assert.ok(validator, 'validator');
	const ok = validator(event);
	assert.ok(ok, `${JSON.stringify(validator.errors, null, 1)}\n${JSON.stringify(event, null, 1)}`);
}

const CONTEXT: OcsfContext = { productVersion: '0.1.0', hostname: 'dev-42', user: 'alice', platform: 'linux' };

/** One realistic entry's data per event type, every optional field set. */
const SAMPLES: { [K in AuditEventType]: AuditEventData[K] } = {
	'policy.loaded': { name: 'Sovereign CN', state: 'org', sha256: 'a'.repeat(64), sources: [{ kind: 'org', label: '/etc/context-warden/policy.json', sha256: 'b'.repeat(64) }], workspace: 'shop' },
	'policy.rejected': { file: '/etc/context-warden/policy.json', state: 'lastValidOrg', errors: 2, firstError: '3:5 unknown key', workspace: 'shop' },
	'workspace.restricted': { workspace: 'shop', level: 'restricted', restrictedAt: 'confidential', sensitiveFiles: 11 },
	'workspace.unrestricted': { workspace: 'shop', level: 'internal', restrictedAt: 'confidential' },
	'assistant.warned': { assistantId: 'cody', name: 'Cody', extensionId: 'sourcegraph.cody-ai', why: ['no lever for chat'], workspace: 'shop' },
	'assistant.disabled': { assistantId: 'continue', name: 'Continue', levers: ['continueignore', 'settings'], gaps: ['chat'], workspace: 'shop' },
	'assistant.restored': { assistantId: 'continue', name: 'Continue', levers: ['continueignore'], workspace: 'shop' },
	'exception.granted': { path: 'fixtures/**', expires: '2027-01-01', layer: 'workspace', reason: 'test data', workspace: 'shop' },
	'exception.expired': { path: 'fixtures/**', expires: '2026-01-01', layer: 'workspace', why: 'expired', workspace: 'shop' },
	'drift.detected': { file: '.cursorignore', kind: 'blockEdited', levers: ['cursorignore'], reapplied: true, workspace: 'shop' },
	'audit.run': { workspace: 'shop', format: 'sarif', files: 120, findings: 7, level: 'restricted', restricted: true, out: 'audit.sarif' },
	'hook.deny': { agent: 'claude-code', tool: 'Bash', rule: 'env-files', paths: ['config/.env', 'keys/id_rsa'], workspace: 'shop' },
	'hook.ask': { agent: 'gemini-cli', tool: 'run_shell_command', rule: 'unresolvable', paths: [], workspace: 'shop' },
	'hook.allow': { agent: 'claude-code', tool: 'Read', paths: ['config/app.yaml'], levels: ['confidential'], workspace: 'shop' },
	'hook.redact': { agent: 'claude-code', tool: 'Read', rules: ['aws-access-key-id', 'generic-password'], replaced: 3, workspace: 'shop' },
	'loosening.refused': { layer: 'workspace', source: '.vscode/context-policy.json', key: 'workspace.restrictedAt', workspace: 'shop' },
	'audit.pruned': { segments: ['audit.000001.jsonl'], throughSeq: 40, lastHash: 'c'.repeat(64), retain: 2 },
	'enforcement.paused': { by: 'alice', command: 'restoreAssistantSettings', until: '2026-12-08T03:00:00.000Z', workspace: 'shop' },
	'enforcement.resumed': { by: 'alice', why: 'resumed', workspace: 'shop' },
	'enforcement.pauseRefused': { by: 'alice', command: 'restoreHooks', workspace: 'shop' },
};

function clock(start = Date.UTC(2026, 11, 8, 1, 2, 3)): () => Date {
	let t = start;
	return () => new Date((t += 1000));
}

describe('OCSF audit events', () => {
	it('the schema the test holds names the OCSF release and commit it was generated from', () => {
		assert.match(schema.$comment, /ocsf\/ocsf-schema 1\.8\.0 at commit [0-9a-f]{40}/);
		assert.equal(OCSF_VERSION, '1.8.0');
	});

	it('every event type has a class, and each class is one the schema holds', () => {
		assert.deepEqual(Object.keys(OCSF_CLASS_OF).sort(), [...AUDIT_EVENT_TYPES].sort());
		for (const cls of Object.values(OCSF_CLASS_OF)) {
			definitionOf(cls.uid);
		}
	});

	for (const type of AUDIT_EVENT_TYPES) {
		it(`${type}: validates against its OCSF class, with the native sequence and hash`, async () => {
			const log = openAuditLog({ store: memoryLogStore(), now: clock() });
			await log.append('policy.loaded', SAMPLES['policy.loaded']);
			const r = await log.append(type, SAMPLES[type] as never);
			const event = toOcsf(r.entry, r.line, CONTEXT);
			const cls = OCSF_CLASS_OF[type];
			validate(event, cls.uid);
			assert.equal(event.class_uid, cls.uid);
			assert.equal(event.type_uid, cls.uid * 100 + Number(event.activity_id), 'type_uid = class_uid * 100 + activity_id');
			const metadata = event.metadata as Record<string, unknown>;
			assert.equal(metadata.sequence, 2);
			assert.equal(metadata.uid, sha256Hex(r.line));
			assert.deepEqual(metadata.profiles, [...OCSF_PROFILES]);
			assert.equal((metadata.product as Record<string, unknown>).name, 'Context Warden');
			assert.equal(event.time, Date.parse(r.entry.at));
			const unmapped = (event.unmapped as Record<string, Record<string, unknown>>).context_warden;
			assert.equal(unmapped?.prev, r.entry.prev);
			assert.equal(typeof event.message, 'string');
		});
	}

	it('an event type from a newer writer still validates (hook decisions as findings, the rest as config)', () => {
		for (const [type, uid] of [['hook.rewrite', 2006], ['mcp.server.blocked', 5019]] as const) {
			const line = JSON.stringify({ seq: 7, at: '2026-12-08T01:00:00.000Z', type, data: { agent: 'claude-code', paths: ['a/.env'] }, prev: 'd'.repeat(64), hash: 'e'.repeat(64) });
			const entry = parseEntry(line);
			assert.ok(typeof entry !== 'string', String(entry));
			const event = toOcsf(entry, line, CONTEXT);
			validate(event, uid);
		}
	});

	it('macOS and Windows machines and an unknown platform validate too', () => {
		for (const platform of ['darwin', 'win32', 'freebsd']) {
			const line = JSON.stringify({ seq: 1, at: '2026-12-08T01:00:00.000Z', type: 'hook.deny', data: SAMPLES['hook.deny'], prev: '0'.repeat(64) });
			const entry = parseEntry(line);
			assert.ok(typeof entry !== 'string');
			validate(toOcsf(entry, line, { ...CONTEXT, platform }), 2006);
		}
	});

	it('the OCSF mirror: one event per native entry, in order, each chaining to the one before by its line hash', async () => {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-ocsf-'));
		try {
			const mirrorFile = path.join(tmp, 'siem', 'context-warden.ocsf.jsonl');
			const log = openAuditLog({ store: memoryLogStore(), now: clock(), mirror: ocsfMirror(fsMirror(mirrorFile), CONTEXT), maxSegmentBytes: 1500, retainSegments: 2 });
			for (let i = 0; i < 20; i++) {
				const type = AUDIT_EVENT_TYPES[i % AUDIT_EVENT_TYPES.length] ?? 'hook.deny';
				const r = await log.append(type, SAMPLES[type] as never);
				assert.equal(r.mirrorError, undefined);
			}
			const events = fs.readFileSync(mirrorFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
			const seqs = events.map((e) => e.metadata?.sequence);
			assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'every entry once, in order, retention entries included');
			assert.ok(seqs.length > 20, 'retention added its own entries');
			for (let i = 1; i < events.length; i++) {
				assert.equal(events[i]?.unmapped?.context_warden && (events[i]?.unmapped?.context_warden as Record<string, unknown>).prev, events[i - 1]?.metadata?.uid, `event ${i + 1} chains to event ${i}`);
			}
			for (const e of events) {
				validate(e, Number(e.class_uid));
			}
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	});

	it('never carries a secret the native guard kept out of the log', async () => {
		// A well-formed access key id (base32 body): the guard's secret rules recognise it.
		const secret = ['AKIA', 'Z7Q4N2XK5R3T3W6Y'].join('');
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-ocsf-'));
		try {
			const mirrorFile = path.join(tmp, 'm.jsonl');
			const log = openAuditLog({ store: memoryLogStore(), now: clock(), mirror: ocsfMirror(fsMirror(mirrorFile), CONTEXT) });
			await log.append('hook.deny', { agent: 'claude-code', tool: 'Bash', rule: `aws key ${secret}`, paths: [`x/${secret}.env`] });
			const text = fs.readFileSync(mirrorFile, 'utf8');
			assert.ok(text.length > 0);
			assert.ok(!text.includes(secret), text);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	});

	it('a line that is not an entry is refused by the mirror, not passed on', async () => {
		const written: string[] = [];
		const mirror = ocsfMirror({ label: 'mem', append: async (l) => void written.push(l) }, CONTEXT);
		await assert.rejects(mirror.append('{"not":"an entry"}\n'), /not an audit entry/);
		assert.deepEqual(written, []);
	});
});
