import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	activeNameOf,
	type AuditLog,
	entryHash,
	fsMirror,
	GENESIS_HASH,
	MAX_LINE_BYTES,
	openAuditLog,
	parseEntry,
	segmentName,
	segmentNumber,
	verifyLog,
} from '../../../src/core/audit/log';
import { fsLogStore, type LogStore, memoryLogStore } from '../../../src/core/audit/logStore';
import { sha256Hex } from '../../../src/core/policy/layering';

const ROOT = path.join(__dirname, '..', '..', '..');

function clock(start = Date.UTC(2025, 0, 2, 3, 4, 5)): () => Date {
	let t = start;
	return () => new Date((t += 1000));
}

async function fill(log: AuditLog, n: number, from = 0): Promise<void> {
	for (let i = from; i < from + n; i++) {
		await log.append('hook.deny', { agent: 'claude-code', tool: 'Read', rule: 'env-files', paths: [`svc/${i}/.env`] });
	}
}

function lines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

function writeLines(file: string, ls: string[]): void {
	fs.writeFileSync(file, ls.map((l) => `${l}\n`).join(''));
}

describe('audit log', () => {
	let tmp: string;
	let dir: string;
	let store: LogStore;
	let log: AuditLog;
	let file: string;
	beforeEach(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-audit-log-'));
		dir = path.join(tmp, 'logs');
		store = fsLogStore(dir);
		log = openAuditLog({ store, now: clock() });
		file = path.join(dir, 'audit.jsonl');
	});
	afterEach(() => {
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	describe('writing', () => {
		it('writes one JSON line per entry, chained by the sha256 of the previous line', async () => {
			await fill(log, 3);
			const ls = lines(file);
			assert.equal(ls.length, 3);
			const es = ls.map((l) => JSON.parse(l) as Record<string, unknown>);
			assert.deepEqual(Object.keys(es[0] ?? {}), ['seq', 'at', 'type', 'data', 'prev', 'hash']);
			assert.deepEqual(es.map((e) => e.seq), [1, 2, 3]);
			assert.equal(es[0]?.prev, GENESIS_HASH);
			assert.equal(es[1]?.prev, sha256Hex(ls[0] ?? ''));
			assert.equal(es[2]?.prev, sha256Hex(ls[1] ?? ''));
			assert.equal(es[0]?.at, '2025-01-02T03:04:06.000Z');
			assert.equal(es[0]?.type, 'hook.deny');
			assert.deepEqual(es[0]?.data, { agent: 'claude-code', tool: 'Read', rule: 'env-files', paths: ['svc/0/.env'] });
			const e0 = parseEntry(ls[0] ?? '');
			assert.ok(typeof e0 !== 'string');
			assert.equal(e0.hash, entryHash(e0));
		});

		it('keeps the head sidecar at the last seq and line hash', async () => {
			await fill(log, 2);
			const head = JSON.parse(fs.readFileSync(`${file}.head`, 'utf8')) as { seq: number; hash: string; segment: string };
			assert.equal(head.seq, 2);
			assert.equal(head.hash, sha256Hex(lines(file)[1] ?? ''));
			assert.equal(head.segment, 'audit.jsonl');
			assert.ok(!fs.existsSync(`${file}.lock`), 'the lock is released');
		});

		it('strips content and secrets from data, and says what it stripped', async () => {
			const r = await log.append('drift.detected', {
				file: '.github/copilot-instructions.md',
				kind: 'blockEdited',
				levers: ['copilot.excludes'],
				// Callers must not pass these; the guard drops them whatever their type says.
				...({ expected: ['# line one', 'line two'], note: 'AKIAIOSFODNN7EXAMPLF is the key' } as object),
			} as never);
			assert.deepEqual(Object.keys(r.entry.data).sort(), ['file', 'kind', 'levers', 'redacted']);
			assert.ok(!lines(file)[0]?.includes('AKIA'));
			assert.ok(!lines(file)[0]?.includes('line one'));
			assert.deepEqual(r.stripped, ['data.expected: a content field is never logged', 'data.note: looks like a secret']);
			assert.deepEqual(r.entry.data.redacted, r.stripped);
			assert.deepEqual((await verifyLog(store)).ok, true);
		});

		it('keeps each line under 4 KB by leaving out the largest fields', async () => {
			const paths = Array.from({ length: 50 }, (_, i) => `very/long/directory/name/number/${i}/${'x'.repeat(60)}.env`);
			const r = await log.append('hook.ask', { agent: 'cursor', paths, rule: 'env-files' });
			assert.ok(Buffer.byteLength(r.line) + 1 <= MAX_LINE_BYTES);
			assert.equal(r.entry.data.paths, undefined);
			assert.equal(r.entry.data.rule, 'env-files');
			assert.match(r.stripped.join('\n'), /data\.paths: left out/);
			assert.equal((await verifyLog(store)).ok, true);
		});

		it('names segments and finds the log from any of its files', () => {
			assert.equal(segmentName('audit.jsonl', 3), 'audit.3.jsonl');
			assert.equal(segmentName('events', 2), 'events.2');
			assert.equal(segmentNumber('audit.jsonl', 'audit.12.jsonl'), 12);
			assert.equal(segmentNumber('audit.jsonl', 'audit.jsonl'), undefined);
			assert.equal(segmentNumber('audit.jsonl', 'audit.01.jsonl'), undefined);
			assert.equal(segmentNumber('audit.jsonl', 'other.1.jsonl'), undefined);
			assert.equal(activeNameOf('/var/log/cw/audit.7.jsonl'), 'audit.jsonl');
			assert.equal(activeNameOf('audit.jsonl.head'), 'audit.jsonl');
			assert.equal(activeNameOf('audit.jsonl'), 'audit.jsonl');
		});
	});

	describe('verifying', () => {
		it('verifies an intact log, and an empty one', async () => {
			assert.deepEqual(await verifyLog(store), { ok: true, entries: [], segments: [] });
			await fill(log, 5);
			const r = await verifyLog(store);
			assert.equal(r.ok, true);
			assert.deepEqual(r.entries.map((e) => e.seq), [1, 2, 3, 4, 5]);
		});

		it('detects one edited field, at its line', async () => {
			await fill(log, 5);
			const ls = lines(file);
			ls[2] = (ls[2] ?? '').replace('svc/2/.env', 'svc/2/.envx');
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.equal(r.ok, false);
			assert.ok(!r.ok);
			assert.deepEqual({ ...r.firstBad, detail: undefined }, { segment: 'audit.jsonl', line: 3, seq: 3, problem: 'edited', detail: undefined });
			assert.deepEqual(r.entries.map((e) => e.seq), [1, 2]);
		});

		it('detects an edit whose own hash was recomputed, through the next entry\'s prev', async () => {
			await fill(log, 4);
			const ls = lines(file);
			const e = JSON.parse(ls[1] ?? '') as { seq: number; at: string; type: string; data: { rule: string }; prev: string; hash: string };
			e.data.rule = 'nothing-to-see';
			e.hash = entryHash(e);
			ls[1] = JSON.stringify(e);
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.seq, r.firstBad.problem], [2, 2, 'edited']);
		});

		it('detects an edit of the last line through the head', async () => {
			await fill(log, 3);
			const ls = lines(file);
			const e = JSON.parse(ls[2] ?? '') as { data: { tool: string }; hash: string; seq: number; at: string; type: string; prev: string };
			e.data.tool = 'Bash';
			e.hash = entryHash(e);
			ls[2] = JSON.stringify(e);
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.seq, r.firstBad.problem], [3, 3, 'edited']);
		});

		it('detects a deleted line, naming the missing seq where it was', async () => {
			await fill(log, 5);
			const ls = lines(file);
			ls.splice(2, 1);
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.segment, r.firstBad.line, r.firstBad.seq, r.firstBad.problem], ['audit.jsonl', 3, 3, 'deleted']);
			assert.match(r.firstBad.detail, /entry 3 is missing before seq 4/);
		});

		it('detects two swapped lines as reordered', async () => {
			await fill(log, 5);
			const ls = lines(file);
			[ls[1], ls[2]] = [ls[2] ?? '', ls[1] ?? ''];
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.seq, r.firstBad.problem], [2, 3, 'reordered']);
		});

		it('detects a truncated tail through the head sidecar', async () => {
			await fill(log, 5);
			writeLines(file, lines(file).slice(0, 3));
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.seq, r.firstBad.problem], [4, 4, 'truncated']);
			assert.match(r.firstBad.detail, /ends at seq 3; the head says 5 \(2 missing\)/);
			assert.equal(r.entries.length, 3);
		});

		it('reports a log emptied entirely, and a missing head, as truncated', async () => {
			await fill(log, 2);
			fs.writeFileSync(file, '');
			const emptied = await verifyLog(store);
			assert.ok(!emptied.ok);
			assert.deepEqual([emptied.firstBad.line, emptied.firstBad.seq, emptied.firstBad.problem], [1, 1, 'truncated']);
			fs.rmSync(dir, { recursive: true });
			await fill(log, 2);
			fs.rmSync(`${file}.head`);
			const headless = await verifyLog(store);
			assert.ok(!headless.ok);
			assert.equal(headless.firstBad.problem, 'truncated');
			assert.match(headless.firstBad.detail, /head file is missing/);
		});

		it('detects corrupt JSON and a torn line as malformed', async () => {
			await fill(log, 4);
			const ls = lines(file);
			ls[1] = (ls[1] ?? '').slice(0, 40);
			writeLines(file, ls);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.seq, r.firstBad.problem], [2, 2, 'malformed']);
			assert.match(r.firstBad.detail, /not JSON/);
			writeLines(file, [ls[0] ?? '', '{"seq":2,"at":"x","type":"hook.deny","data":{},"prev":"00"}']);
			const shape = await verifyLog(store);
			assert.ok(!shape.ok);
			assert.equal(shape.firstBad.problem, 'malformed');
		});

		it('accepts a head one entry behind (a writer died between its line and its head)', async () => {
			await fill(log, 3);
			const ls = lines(file);
			fs.writeFileSync(`${file}.head`, JSON.stringify({ seq: 2, hash: sha256Hex(ls[1] ?? ''), segment: 'audit.jsonl', at: '' }));
			assert.equal((await verifyLog(store)).ok, true);
		});

		it('continues the chain after a torn last line, and verify names the torn line', async () => {
			await fill(log, 2);
			fs.appendFileSync(file, '{"seq":3,"at":"2025');
			await fill(log, 1, 10);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.deepEqual([r.firstBad.line, r.firstBad.problem], [3, 'malformed']);
			assert.equal(lines(file).length, 4);
		});
	});

	describe('retention', () => {
		const rotatedOf = (): string[] => fs.readdirSync(dir).filter((f) => segmentNumber('audit.jsonl', f) !== undefined);

		it('keeps the newest rotated segments, records the pruning in the chain, and still verifies', async () => {
			log = openAuditLog({ store, now: clock(), maxSegmentBytes: 1000, retainSegments: 2 });
			await fill(log, 40);
			assert.ok(rotatedOf().length <= 2, rotatedOf().join(' '));
			const r = await verifyLog(store);
			assert.equal(r.ok, true, JSON.stringify(!r.ok && r.firstBad));
			assert.ok(r.pruned && r.pruned.throughSeq > 0, 'reports what was pruned');
			const seqs = r.entries.map((e) => e.seq);
			assert.equal(seqs[0], (r.pruned?.throughSeq ?? 0) + 1);
			assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i), 'the rest counts on without a gap');
			const records = r.entries.filter((e) => e.type === 'audit.pruned');
			assert.ok(records.length > 0);
			const kept = r.entries.filter((e) => e.type === 'hook.deny').map((e) => (e.data.paths as string[])[0]);
			assert.equal(kept[kept.length - 1], 'svc/39/.env', 'the newest entry is kept');
		});

		it('still names a start deleted by hand, and an edit of the first kept entry', async () => {
			log = openAuditLog({ store, now: clock(), maxSegmentBytes: 1000, retainSegments: 3 });
			await fill(log, 40);
			const oldest = rotatedOf().sort((a, b) => (segmentNumber('audit.jsonl', a) ?? 0) - (segmentNumber('audit.jsonl', b) ?? 0))[0] as string;
			const saved = fs.readFileSync(path.join(dir, oldest), 'utf8');
			// Deleting one more segment than retention did: no record covers that gap.
			fs.rmSync(path.join(dir, oldest));
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.equal(r.firstBad.problem, 'deleted');
			fs.writeFileSync(path.join(dir, oldest), saved);
			assert.equal((await verifyLog(store)).ok, true);
			// Editing the first kept entry breaks its own hash.
			const ls = lines(path.join(dir, oldest));
			writeLines(path.join(dir, oldest), [(ls[0] ?? '').replace('claude-code', 'cursor'), ...ls.slice(1)]);
			const r2 = await verifyLog(store);
			assert.ok(!r2.ok);
			assert.equal(r2.firstBad.problem, 'edited');
			assert.equal(r2.firstBad.segment, oldest);
		});

		it('a crash between the record and the deletion leaves a log that verifies', async () => {
			const mem = memoryLogStore();
			const l = openAuditLog({ store: mem, now: clock(), maxSegmentBytes: 1000, retainSegments: 2 });
			const removed = new Map<string, string>();
			const remove = mem.remove.bind(mem);
			mem.remove = async (name) => {
				removed.set(name, mem.files.get(name) ?? '');
				await remove(name);
			};
			await fill(l, 40);
			assert.ok(removed.size > 0, 'something was pruned');
			for (const [name, text] of removed) mem.files.set(name, text);
			const r = await verifyLog(mem);
			assert.equal(r.ok, true, JSON.stringify(!r.ok && r.firstBad));
			assert.equal(r.entries[0]?.seq, 1);
			assert.equal(r.pruned, undefined);
		});

		it('keeps everything without retention', async () => {
			log = openAuditLog({ store, now: clock(), maxSegmentBytes: 1000 });
			await fill(log, 40);
			const r = await verifyLog(store);
			assert.equal(r.ok, true);
			assert.equal(r.entries.length, 40);
			assert.equal(r.pruned, undefined);
		});
	});

	describe('rotation', () => {
		it('rotates by size into numbered segments that chain to each other', async () => {
			log = openAuditLog({ store, now: clock(), maxSegmentBytes: 1000 });
			await fill(log, 20);
			const files = fs.readdirSync(dir).sort();
			const segs = files.filter((f) => segmentNumber('audit.jsonl', f) !== undefined);
			assert.ok(segs.length >= 3, files.join(' '));
			for (const s of segs) {
				assert.ok(fs.statSync(path.join(dir, s)).size <= 1000, `${s} is within the limit`);
			}
			const r = await verifyLog(store);
			assert.equal(r.ok, true);
			assert.deepEqual(r.entries.map((e) => e.seq), Array.from({ length: 20 }, (_, i) => i + 1));
			assert.deepEqual(r.segments[r.segments.length - 1], 'audit.jsonl');
			// The first line of segment 2 chains to the last line of segment 1.
			const first2 = JSON.parse(lines(path.join(dir, 'audit.2.jsonl'))[0] ?? '') as { prev: string };
			const seg1 = lines(path.join(dir, 'audit.1.jsonl'));
			assert.equal(first2.prev, sha256Hex(seg1[seg1.length - 1] ?? ''));
		});

		it('detects a deleted segment and a segment edited across the boundary', async () => {
			log = openAuditLog({ store, now: clock(), maxSegmentBytes: 1000 });
			await fill(log, 20);
			const seg2 = path.join(dir, 'audit.2.jsonl');
			const saved = fs.readFileSync(seg2, 'utf8');
			fs.rmSync(seg2);
			const r = await verifyLog(store);
			assert.ok(!r.ok);
			assert.equal(r.firstBad.problem, 'deleted');
			assert.equal(r.firstBad.segment, 'audit.3.jsonl');
			assert.equal(r.firstBad.line, 1);
			fs.writeFileSync(seg2, saved);
			// Drop the last line of segment 2: the first entry of segment 3 names what is missing.
			const ls = lines(seg2);
			const lastSeq = (JSON.parse(ls[ls.length - 1] ?? '') as { seq: number }).seq;
			writeLines(seg2, ls.slice(0, -1));
			const r2 = await verifyLog(store);
			assert.ok(!r2.ok);
			assert.deepEqual([r2.firstBad.segment, r2.firstBad.line, r2.firstBad.seq, r2.firstBad.problem], ['audit.3.jsonl', 1, lastSeq, 'deleted']);
		});

		it('starts a new active segment after rotation that chains to the rotated one (memory store)', async () => {
			const mem = memoryLogStore();
			const l = openAuditLog({ store: mem, now: clock(), maxSegmentBytes: 700 });
			const results = [];
			for (let i = 0; i < 6; i++) {
				results.push(await l.append('policy.loaded', { name: 'Acme', state: 'org', sha256: 'a'.repeat(64) }));
			}
			assert.ok(results.some((r) => r.rotated === 'audit.1.jsonl'));
			assert.equal((await l.verify()).ok, true);
		});
	});

	describe('mirror', () => {
		it('sends the same lines to the mirror file', async () => {
			const mirrorFile = path.join(tmp, 'shipper', 'context-warden.jsonl');
			log = openAuditLog({ store, now: clock(), mirror: fsMirror(mirrorFile), maxSegmentBytes: 1000 });
			await fill(log, 12);
			const all = (await verifyLog(store)).entries.length;
			assert.equal(all, 12);
			const logged = fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.jsonl'))
				.flatMap((f) => lines(path.join(dir, f)));
			assert.deepEqual(lines(mirrorFile).sort(), logged.sort());
			assert.deepEqual(lines(mirrorFile).map((l) => (JSON.parse(l) as { seq: number }).seq), Array.from({ length: 12 }, (_, i) => i + 1));
		});

		it('mirrors the retention entry too, so the mirror has every sequence number', async () => {
			const mirrorFile = path.join(tmp, 'shipper', 'pruned.jsonl');
			log = openAuditLog({ store, now: clock(), mirror: fsMirror(mirrorFile), maxSegmentBytes: 1000, retainSegments: 2 });
			await fill(log, 30);
			const r = await verifyLog(store);
			assert.ok(r.pruned, 'something was pruned');
			const seqs = lines(mirrorFile).map((l) => (JSON.parse(l) as { seq: number }).seq);
			const last = r.entries[r.entries.length - 1]?.seq ?? 0;
			assert.deepEqual(seqs, Array.from({ length: last }, (_, i) => i + 1), 'no gap in the mirrored sequence');
			assert.ok(lines(mirrorFile).some((l) => (JSON.parse(l) as { type: string }).type === 'audit.pruned'));
		});

		it('still writes the log when the mirror fails, and says so', async () => {
			const blocker = path.join(tmp, 'not-a-dir');
			fs.writeFileSync(blocker, '');
			log = openAuditLog({ store, now: clock(), mirror: fsMirror(path.join(blocker, 'm.jsonl')) });
			const r = await log.append('audit.run', { workspace: 'svc', format: 'sarif', files: 10, findings: 2, level: 'restricted', restricted: true });
			assert.match(r.mirrorError ?? '', /not-a-dir/);
			assert.equal(lines(file).length, 1);
		});
	});

	describe('concurrency', () => {
		it('two processes appending at once produce one unbroken chain', async function () {
			this.timeout(60_000);
			const helper = path.join(__dirname, 'support', 'appendMany.ts');
			const run = (writer: string): Promise<void> =>
				new Promise((resolve, reject) => {
					const child = spawn(process.execPath, ['--require', 'tsx/cjs', helper, dir, writer, '150', '4000'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
					let err = '';
					child.stderr.on('data', (d: Buffer) => (err += d.toString()));
					child.on('error', reject);
					child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${writer} exited ${code}: ${err}`))));
				});
			await Promise.all([run('alpha'), run('beta')]);
			const r = await verifyLog(store);
			assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.firstBad));
			assert.equal(r.entries.length, 300);
			assert.deepEqual(r.entries.map((e) => e.seq), Array.from({ length: 300 }, (_, i) => i + 1));
			const writers = new Set(r.entries.map((e) => e.data.agent));
			assert.deepEqual([...writers].sort(), ['alpha', 'beta']);
			assert.ok(r.segments.length > 2, 'rotated under contention');
			assert.ok(!fs.existsSync(`${file}.lock`));
		});

		it('breaks a stale lock left by a dead process', async () => {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(`${file}.lock`, '99999 dead\n');
			const old = new Date(Date.now() - 60_000);
			fs.utimesSync(`${file}.lock`, old, old);
			await fill(log, 1);
			assert.equal((await verifyLog(store)).ok, true);
		});

		it('gives up waiting for a live lock after its timeout', async () => {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(`${file}.lock`, `${process.pid} now\n`);
			const impatient = openAuditLog({ store: fsLogStore(dir, { lockTimeoutMs: 100 }) });
			await assert.rejects(impatient.append('policy.loaded', { name: 'x', state: 'default', sha256: 'b'.repeat(64) }), /timed out waiting for the lock/);
		});
	});
});
