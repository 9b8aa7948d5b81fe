// The hook's audit entries reach the admin's mirror even though the hook runs outside the editor: it reads the
// sidecar the extension writes beside the audit log (mirror.json), or --mirror from its command line; a sidecar
// that is not a small regular file (a FIFO, a folder, a huge file, broken JSON) is ignored without blocking.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MIRROR_SIDECAR } from '../../../src/core/audit/log';
import { appendAudit, readMirrorSidecar, setHookMirror } from '../../../src/cli/hookAudit';

describe('hook audit mirror', () => {
	let tmp = '';
	beforeEach(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-hook-audit-'));
		setHookMirror(undefined);
	});
	afterEach(() => {
		setHookMirror(undefined);
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	const now = () => new Date(Date.UTC(2026, 11, 8, 1, 0, 0));
	const deny = { agent: 'claude', tool: 'Read', rule: 'env-files', paths: ['.env'] };

	it('mirrors to the file the sidecar names, in its format', async () => {
		const mirror = path.join(tmp, 'ship', 'audit.ocsf.jsonl');
		fs.writeFileSync(path.join(tmp, MIRROR_SIDECAR), JSON.stringify({ file: mirror, format: 'ocsf' }));
		const notes: string[] = [];
		await appendAudit(path.join(tmp, 'audit.jsonl'), now, notes, 'hook.deny', deny);
		assert.deepEqual(notes, []);
		const event = JSON.parse(fs.readFileSync(mirror, 'utf8')) as { class_uid: number; metadata: { sequence: number } };
		assert.equal(event.class_uid, 2006);
		assert.equal(event.metadata.sequence, 1);
	});

	it('the command line wins over the sidecar; native lines are the log lines', async () => {
		const fromSidecar = path.join(tmp, 'sidecar.jsonl');
		const fromArgs = path.join(tmp, 'args.jsonl');
		fs.writeFileSync(path.join(tmp, MIRROR_SIDECAR), JSON.stringify({ file: fromSidecar, format: 'ocsf' }));
		setHookMirror({ file: fromArgs, format: 'native' });
		await appendAudit(path.join(tmp, 'audit.jsonl'), now, [], 'hook.deny', deny);
		assert.ok(!fs.existsSync(fromSidecar));
		assert.equal(fs.readFileSync(fromArgs, 'utf8'), fs.readFileSync(path.join(tmp, 'audit.jsonl'), 'utf8'));
	});

	it('no sidecar, no mirror: only the log is written', async () => {
		await appendAudit(path.join(tmp, 'audit.jsonl'), now, [], 'hook.deny', deny);
		assert.deepEqual(fs.readdirSync(tmp).sort(), ['audit.jsonl', 'audit.jsonl.head']);
	});

	it('a sidecar that is a FIFO, a folder, too big or not JSON is ignored without blocking', () => {
		const side = path.join(tmp, MIRROR_SIDECAR);
		execFileSync('mkfifo', [side]);
		assert.equal(readMirrorSidecar(tmp), undefined); // would block forever on a plain open
		fs.rmSync(side);
		fs.mkdirSync(side);
		assert.equal(readMirrorSidecar(tmp), undefined);
		fs.rmSync(side, { recursive: true });
		fs.writeFileSync(side, JSON.stringify({ file: 'x', pad: 'y'.repeat(10_000) }));
		assert.equal(readMirrorSidecar(tmp), undefined);
		fs.writeFileSync(side, '{ not json');
		assert.equal(readMirrorSidecar(tmp), undefined);
		fs.writeFileSync(side, JSON.stringify({ file: '/var/log/cw.jsonl', format: 'bogus' }));
		assert.deepEqual(readMirrorSidecar(tmp), { file: '/var/log/cw.jsonl', format: 'native' });
	});
});
