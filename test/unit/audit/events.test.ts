import * as assert from 'node:assert/strict';
import { AUDIT_EVENT_TYPES, contentProblem, guardAuditData, MAX_ARRAY_ITEMS } from '../../../src/core/audit/events';
import { fakeCredentials } from './support/samples';

const CREDS = fakeCredentials(21);

describe('audit event data guard', () => {
	it('lists the twenty documented event types', () => {
		assert.deepEqual([...AUDIT_EVENT_TYPES], [
			'policy.loaded',
			'policy.rejected',
			'workspace.restricted',
			'workspace.unrestricted',
			'assistant.warned',
			'assistant.disabled',
			'assistant.restored',
			'exception.granted',
			'exception.expired',
			'drift.detected',
			'audit.run',
			'hook.deny',
			'hook.ask',
			'hook.allow',
			'hook.redact',
			'loosening.refused',
			'audit.pruned',
			'enforcement.paused',
			'enforcement.resumed',
			'enforcement.pauseRefused',
		]);
	});

	it('keeps plain metadata as it is', () => {
		const data = {
			name: 'Acme org',
			sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
			sources: [{ kind: 'org', label: '/etc/context-warden/policy.json', sha256: null }],
			paths: ['src/components/UserProfileSettingsPanel.tsx', '.vscode/settings.json', 'secrets/prod.env'],
			rule: 'aws-access-key-id',
			assistantId: 'github.copilot-chat',
			why: ['Blocked by assistants.block.', 'Its data goes to us, not in allowedDestinations.'],
			requestId: '123e4567-e89b-12d3-a456-426614174000',
			errors: 2,
			restricted: true,
			nothing: null,
		};
		assert.deepEqual(guardAuditData(data), { data, stripped: [] });
	});

	it('drops content fields whatever they hold', () => {
		const r = guardAuditData({ file: 'a.md', text: 'short', expected: ['x'], actual: 1, preview: 'AKIA****', value: true, password: 'x' });
		assert.deepEqual(r.data, { file: 'a.md' });
		assert.deepEqual(r.stripped, [
			'data.text: a content field is never logged',
			'data.expected: a content field is never logged',
			'data.actual: a content field is never logged',
			'data.preview: a content field is never logged',
			'data.value: a content field is never logged',
			'data.password: a content field is never logged',
		]);
	});

	it('drops strings that look like secrets or file content, wherever they are', () => {
		const pem = '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA';
		const r = guardAuditData({
			note: `key ${CREDS.aws} leaked`,
			nested: { deeper: [CREDS.github, 'fine'] },
			pem,
			assignment: 'DB_PASSWORD=hunter2hunter2',
			header: 'Authorization: Bearer abcdefghijklmnop.qrstuvwx',
			token: undefined,
			random: 'q8Zr1xT4vLm9PwK2sYc7Nb3Hd6Fg0JaQ',
			lines: undefined,
			body2: 'line one\nline two',
			long: 'x'.repeat(600),
			nan: Number.NaN,
			fn: () => 1,
			cls: new Map([['a', 1]]),
			when: new Date(Date.UTC(2025, 0, 1)),
		});
		assert.deepEqual(r.data, { nested: { deeper: ['fine'] }, when: '2025-01-01T00:00:00.000Z' });
		const why = Object.fromEntries(r.stripped.map((s) => s.split(': ')));
		assert.equal(why['data.note'], 'looks like a secret');
		assert.equal(why['data.nested.deeper[0]'], 'looks like a secret');
		assert.equal(why['data.pem'], 'looks like a key or certificate');
		assert.match(why['data.assignment'] ?? '', /^looks like a secret/);
		assert.match(why['data.header'] ?? '', /^looks like a secret/);
		assert.equal(why['data.random'], 'looks like a secret (a long random token)');
		assert.equal(why['data.body2'], 'looks like content (several lines)');
		assert.equal(why['data.long'], 'looks like content (600 characters)');
		assert.equal(why['data.nan'], 'not a finite number');
		assert.equal(why['data.fn'], 'not plain data (function)');
		assert.equal(why['data.cls'], 'not plain data (object)');
		assert.ok(!JSON.stringify(r).includes(CREDS.aws));
	});

	it('bounds depth and array length, and refuses what is not an object', () => {
		const r = guardAuditData({ a: { b: { c: { d: { e: 1 } } } }, list: Array.from({ length: 60 }, (_, i) => `f${i}.ts`) });
		assert.deepEqual(r.data.a, { b: { c: {} } });
		assert.equal((r.data.list as string[]).length, MAX_ARRAY_ITEMS);
		assert.deepEqual(r.stripped, ['data.a.b.c.d: too deep', 'data.list: 10 items left out']);
		assert.deepEqual(guardAuditData('text'), { data: {}, stripped: ['data: not an object'] });
		assert.deepEqual(guardAuditData([1]), { data: {}, stripped: ['data: not an object'] });
	});

	it('allows a sha256 under a hash key, and a hashed file name', () => {
		assert.equal(contentProblem('a'.repeat(64), 'prev'), undefined);
		assert.equal(contentProblem('dist/main.4f9a1c2e8b7d6a5f3e2d1c0b9a8f7e6d.js'), undefined);
	});
});
