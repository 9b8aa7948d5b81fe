import * as assert from 'node:assert/strict';
import { BLOCK_END, applyBlock, beginMarker, blockHash, readBlock, removeBlock, splitLines } from '../../../src/core/assistants/managedBlock';

function apply(text: string | undefined, lines: string[]): string {
	const r = applyBlock(text, lines);
	assert.ok(r.ok);
	return r.text;
}

describe('assistants/managedBlock', () => {
	const cases: [string, string][] = [
		['empty', ''],
		['LF with trailing newline', 'node_modules/\n*.log\n'],
		['LF without trailing newline', 'node_modules/\n*.log'],
		['CRLF with trailing newline', 'a\r\nb\r\n'],
		['CRLF without trailing newline', 'a\r\nb'],
		['CR only', 'a\rb\r'],
		['BOM only', '\uFEFF'],
		['BOM and lines', '\uFEFFa\nb'],
		['just a newline', '\n'],
		['blank lines', '\n\n\n'],
	];
	for (const [name, original] of cases) {
		it(`apply then remove gives the original bytes back (${name})`, () => {
			const applied = apply(original, ['/.env', '/secrets/**']);
			assert.notEqual(applied, original);
			assert.equal(removeBlock(applied).text, original);
		});
	}

	it('a new file gets the block with LF line endings and a final newline', () => {
		const text = apply(undefined, ['/.env']);
		assert.equal(text, `${beginMarker(['/.env'])}\n/.env\n${BLOCK_END}\n`);
		assert.match(text, /^# >>> context-warden managed sha256=[0-9a-f]{16} \(do not edit inside; run "Context Warden: Restore Assistant Settings" to remove\) >>>/);
	});

	it('uses the file\'s own line ending and keeps the missing final newline missing', () => {
		const text = apply('a\r\nb', ['/x']);
		assert.equal(text, `a\r\nb\r\n${beginMarker(['/x'])}\r\n/x\r\n${BLOCK_END}`);
	});

	it('keeps the BOM in front', () => {
		const text = apply('\uFEFFa\n', ['/x']);
		assert.ok(text.startsWith('\uFEFFa\n# >>>'));
	});

	it('updates a block in place, keeping the user\'s lines around it byte for byte', () => {
		const first = apply('top\n', ['/a']);
		const withUser = `${first}bottom\r\n`;
		const updated = apply(withUser, ['/b', '/c']);
		assert.equal(updated, `top\n${beginMarker(['/b', '/c'])}\n/b\n/c\n${BLOCK_END}\nbottom\r\n`);
		assert.equal(removeBlock(updated).text, 'top\nbottom\r\n');
	});

	it('reads the block and checks its hash', () => {
		const text = apply('x\n', ['/a', '/b']);
		const r = readBlock(text);
		assert.equal(r.state, 'present');
		assert.ok(r.state === 'present' && r.intact && r.storedHash === blockHash(['/a', '/b']));
		const edited = text.replace('/b\n', '/b\n!/b/keep\n');
		const e = readBlock(edited);
		assert.ok(e.state === 'present' && !e.intact);
		assert.deepEqual(e.state === 'present' ? e.lines : [], ['/a', '/b', '!/b/keep']);
	});

	it('the hash ignores line-ending conversion (git autocrlf)', () => {
		const text = apply('x\n', ['/a', '/b']).replace(/\n/g, '\r\n');
		const r = readBlock(text);
		assert.ok(r.state === 'present' && r.intact);
	});

	it('refuses to touch a block without an end marker', () => {
		const text = apply('x\n', ['/a']).replace(`${BLOCK_END}\n`, '');
		assert.equal(readBlock(text).state, 'damaged');
		const r = applyBlock(text, ['/b']);
		assert.equal(r.ok, false);
	});

	it('keeps lines someone typed into the block when asked to', () => {
		const text = apply('x\n', ['/a', '/b']).replace('/a\n', '/a\nmine\n');
		const r = removeBlock(text, { keepForeign: ['/a', '/b'] });
		assert.equal(r.text, 'x\nmine\n');
		assert.deepEqual(r.removed, [['/a', 'mine', '/b']]);
	});

	it('splitLines keeps every terminator', () => {
		assert.deepEqual(splitLines('a\r\nb\nc\rd'), [
			{ content: 'a', eol: '\r\n' },
			{ content: 'b', eol: '\n' },
			{ content: 'c', eol: '\r' },
			{ content: 'd', eol: '' },
		]);
	});

	it('rejects lines with line breaks', () => {
		assert.throws(() => applyBlock('', ['a\nb']));
	});
});
