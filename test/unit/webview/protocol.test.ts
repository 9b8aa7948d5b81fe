import * as assert from 'node:assert/strict';
import { checkAction, parseWebviewMessage, targetsOf, type ActionMessage } from '../../../src/webview/protocol';
import { assistant, sampleModel, XSS_NAME } from './fixtures';

function parsed(raw: unknown) {
	const r = parseWebviewMessage(raw);
	assert.ok(r.ok, `expected ${JSON.stringify(raw)} to parse: ${r.ok ? '' : r.reason}`);
	return r.message;
}

function rejected(raw: unknown): string {
	const r = parseWebviewMessage(raw);
	assert.equal(r.ok, false, `expected ${JSON.stringify(raw)} to be rejected`);
	return r.ok ? '' : r.reason;
}

describe('webview protocol: parsing messages from the webview', () => {
	it('accepts each known message with exactly its fields', () => {
		assert.deepEqual(parsed({ type: 'ready', requestId: 1 }), { type: 'ready', requestId: 1 });
		assert.deepEqual(parsed({ type: 'openFile', requestId: 2, path: 'src/a.ts' }), { type: 'openFile', requestId: 2, path: 'src/a.ts' });
		assert.deepEqual(parsed({ type: 'closeTab', requestId: 3, path: '.env' }), { type: 'closeTab', requestId: 3, path: '.env' });
		assert.deepEqual(parsed({ type: 'explainFile', requestId: 4, path: XSS_NAME }), { type: 'explainFile', requestId: 4, path: XSS_NAME });
		assert.deepEqual(parsed({ type: 'showGovernance', requestId: 5, assistantId: 'copilot' }), {
			type: 'showGovernance',
			requestId: 5,
			assistantId: 'copilot',
		});
	});

	it('rejects what is not an object, and unknown types', () => {
		for (const raw of [undefined, null, 'ready', 42, [], [{ type: 'ready', requestId: 1 }]]) {
			rejected(raw);
		}
		assert.match(rejected({ type: 'runCommand', requestId: 1, command: 'rm -rf /' }), /unknown type/);
		assert.match(rejected({ type: 'snapshot', requestId: 1 }), /unknown type/);
		assert.match(rejected({ requestId: 1 }), /no type/);
		assert.match(rejected({ type: 7, requestId: 1 }), /no type/);
	});

	it('rejects a missing or malformed request id', () => {
		for (const requestId of [undefined, '1', -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null]) {
			assert.match(rejected({ type: 'ready', requestId }), /bad requestId/);
		}
	});

	it('rejects missing, mistyped, empty, oversized or NUL-bearing paths and ids', () => {
		rejected({ type: 'openFile', requestId: 1 });
		rejected({ type: 'openFile', requestId: 1, path: 7 });
		rejected({ type: 'openFile', requestId: 1, path: '' });
		rejected({ type: 'openFile', requestId: 1, path: 'a'.repeat(5000) });
		rejected({ type: 'closeTab', requestId: 1, path: 'a\0b' });
		rejected({ type: 'explainFile', requestId: 1, path: { toString: () => 'x' } });
		rejected({ type: 'showGovernance', requestId: 1, assistantId: ['copilot'] });
		rejected({ type: 'showGovernance', requestId: 1, path: 'copilot' });
	});

	it('rejects extra fields (a message is exactly one known shape)', () => {
		assert.match(rejected({ type: 'ready', requestId: 1, path: 'x' }), /unexpected fields/);
		assert.match(rejected({ type: 'openFile', requestId: 1, path: 'a', uri: 'file:///etc/passwd' }), /unexpected fields/);
		assert.match(rejected({ type: 'showGovernance', requestId: 1, assistantId: 'a', command: 'x' }), /unexpected fields/);
	});

	it('keeps an attacker-chosen type out of the log reason in full', () => {
		const reason = rejected({ type: 'x'.repeat(500), requestId: 1 });
		assert.ok(reason.length < 80, reason);
	});
});

describe('webview protocol: actions must name what the webview was shown', () => {
	const model = sampleModel(3, [assistant(), assistant({ id: 'claude-code', name: 'Claude Code', surfaces: ['index'] })]);
	const shown = targetsOf(model, 'src/app.ts');
	const ok = (m: ActionMessage) => assert.deepEqual(checkAction(m, shown), { ok: true });
	const no = (m: ActionMessage) => assert.equal(checkAction(m, shown).ok, false, JSON.stringify(m));

	it('collects paths from every surface of every assistant and "Any assistant"', () => {
		for (const p of ['.env', 'src/app.ts', 'docs/internal.md', 'AGENTS.md', XSS_NAME, 'gen/f0000.ts']) {
			assert.ok(shown.paths.has(p), p);
		}
		assert.deepEqual([...shown.openTabs].sort(), ['.env', XSS_NAME].sort());
		assert.deepEqual([...shown.assistantIds].sort(), ['claude-code', 'copilot']);
	});

	it('accepts open and explain of a path in the model', () => {
		ok({ type: 'openFile', requestId: 1, path: '.env' });
		ok({ type: 'explainFile', requestId: 1, path: XSS_NAME });
		ok({ type: 'openFile', requestId: 1, path: 'gen/f0002.ts' });
	});

	it('rejects paths not in the model, including traversal and absolute paths', () => {
		no({ type: 'openFile', requestId: 1, path: '../../etc/passwd' });
		no({ type: 'openFile', requestId: 1, path: '/etc/passwd' });
		no({ type: 'explainFile', requestId: 1, path: 'src/APP.ts' });
		no({ type: 'openFile', requestId: 1, path: 'src/app.ts ' });
	});

	it('closes only tabs that the model lists as open', () => {
		ok({ type: 'closeTab', requestId: 1, path: '.env' });
		no({ type: 'closeTab', requestId: 1, path: 'docs/internal.md' });
		no({ type: 'closeTab', requestId: 1, path: 'src/app.ts' });
	});

	it('shows governance only for an assistant present, not for the "Any assistant" simulation', () => {
		ok({ type: 'showGovernance', requestId: 1, assistantId: 'claude-code' });
		no({ type: 'showGovernance', requestId: 1, assistantId: '*' });
		no({ type: 'showGovernance', requestId: 1, assistantId: 'cursor' });
	});

	it('accepts nothing before a model was shown', () => {
		const none = targetsOf(undefined);
		assert.equal(checkAction({ type: 'openFile', requestId: 1, path: '.env' }, none).ok, false);
		assert.equal(checkAction({ type: 'showGovernance', requestId: 1, assistantId: 'copilot' }, none).ok, false);
	});

	it('accepts the redacted file path even when no surface lists it', () => {
		const t = targetsOf(sampleModel(0, []), 'untitled:Untitled-1');
		assert.ok(t.paths.has('untitled:Untitled-1'));
	});
});
