// The bytes of managed files as text and back: every file Context Warden may edit comes back byte for byte.
import * as assert from 'node:assert/strict';
import { decodeManaged, encodeManaged, managedEncodingOf } from '../../../src/core/assistants/managedText';
import { applyBlock, removeBlock } from '../../../src/core/assistants/managedBlock';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

function roundTrip(b: Uint8Array): void {
	const d = decodeManaged(b);
	assert.ok(!('error' in d), `not decoded: ${JSON.stringify(d)}`);
	assert.deepEqual([...encodeManaged(d.text, d.encoding)], [...b]);
}

describe('managed file text (byte order marks, line ends, encodings)', () => {
	it('keeps a UTF-8 byte-order mark in the text, so it is written back', () => {
		const b = utf8('\uFEFF# ours\r\nvendor/\r\n');
		const d = decodeManaged(b);
		assert.ok(!('error' in d));
		assert.equal(d.text, '\uFEFF# ours\r\nvendor/\r\n');
		assert.equal(d.encoding, 'utf-8');
		roundTrip(b);
	});

	it('gives UTF-16 files (both byte orders, as Windows PowerShell writes them) back in UTF-16', () => {
		const le = bytes(0xff, 0xfe, 0x2e, 0x00, 0x65, 0x00, 0x0d, 0x00, 0x0a, 0x00, 0x3a, 0x67);
		const be = bytes(0xfe, 0xff, 0x00, 0x2e, 0x00, 0x65, 0x00, 0x0a, 0x67, 0x3a);
		assert.equal(managedEncodingOf(le), 'utf-16le');
		assert.equal(managedEncodingOf(be), 'utf-16be');
		const d = decodeManaged(le);
		assert.ok(!('error' in d));
		assert.equal(d.text, '\uFEFF.e\r\n机');
		roundTrip(le);
		roundTrip(be);
	});

	it('a block added to a UTF-16 file with a BOM is written in UTF-16, and removing it gives the bytes back', () => {
		const original = bytes(0xff, 0xfe, 0x61, 0x00, 0x0d, 0x00, 0x0a, 0x00);
		const d = decodeManaged(original);
		assert.ok(!('error' in d));
		const edit = applyBlock(d.text, ['.env', '机密/']);
		assert.ok(edit.ok);
		const withBlock = edit.text;
		const written = encodeManaged(withBlock, d.encoding);
		const again = decodeManaged(written);
		assert.ok(!('error' in again) && again.encoding === 'utf-16le' && again.text === withBlock);
		assert.deepEqual([...encodeManaged(removeBlock(again.text).text, again.encoding)], [...original]);
	});

	it('refuses bytes that would not come back exactly: Latin-1, a cut UTF-8 sequence, odd UTF-16, a stray surrogate', () => {
		for (const b of [bytes(0x63, 0x61, 0x66, 0xe9, 0x0a), bytes(0x61, 0xe6, 0x9c), bytes(0xff, 0xfe, 0x61), bytes(0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00)]) {
			const d = decodeManaged(b);
			assert.ok('error' in d, `decoded ${JSON.stringify(d)} from ${[...b].join(',')}`);
		}
	});

	it('round-trips empty files and plain UTF-8 with CR, LF and CRLF mixed', () => {
		roundTrip(new Uint8Array());
		roundTrip(utf8('a\rb\nc\r\nd 机密'));
	});
});
