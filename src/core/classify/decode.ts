/**
 * Bytes to text: binary sniffing by content, and decoding of UTF-8 and UTF-16 (with a BOM, or without one when
 * the NUL pattern says so).
 */

/** How many leading bytes are sniffed. */
export const SNIFF_BYTES = 8192;

export type Decoded = { kind: 'text'; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { kind: 'binary'; detail: string };

/** The control characters counted below: all below 0x20 except tab, line feed, vertical tab, form feed, carriage return and escape. */
const CONTROL = /[\x01-\x08\x0e-\x1a\x1c-\x1f]/;

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: false });

/** A byte order mark at the start of `bytes`, if any. */
export function byteOrderMark(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return 'utf-8';
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return 'utf-16le';
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return 'utf-16be';
	}
	return undefined;
}

/** Whether `control` control characters among the `n` sniffed bytes make them binary (more than 10 %). */
export function mostlyControl(control: number, n: number): boolean {
	return n > 0 && control / n > 0.1;
}

/**
 * UTF-8 bytes the byte scanner found valid, as text: ASCII (`ascii`) as Latin-1, which is the same string and
 * several times faster; a BOM is not part of the text.
 */
export function decodeValidUtf8(bytes: Uint8Array, ascii: boolean): string {
	if (!ascii) {
		return utf8.decode(bytes);
	}
	const from = byteOrderMark(bytes) === 'utf-8' ? 3 : 0;
	return Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.length - from).toString('latin1');
}

/**
 * Decides whether `bytes` are text and decodes them. Binary: a NUL byte or more than 10 % control characters
 * (other than tab, line breaks, form feed and escape) in the first 8 KB, unless a UTF-16 BOM or a UTF-16 NUL
 * pattern explains the NULs. Extensions play no part: a `.txt` full of NULs is binary, a `.bin` of text is text.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
	const n = Math.min(bytes.length, SNIFF_BYTES);
	const bom = byteOrderMark(bytes);
	if (bom) {
		return { kind: 'text', text: (bom === 'utf-8' ? utf8 : bom === 'utf-16le' ? utf16le : utf16be).decode(bytes), encoding: bom };
	}
	// The common case, checked natively: no NUL in the sniffed bytes, and no control character in the decoded
	// text's first SNIFF_BYTES characters (which cover at least the sniffed bytes: a byte below 0x20 is always
	// a character of its own in UTF-8). Otherwise the exact count below decides.
	if (bytes.subarray(0, n).indexOf(0) === -1) {
		const text = utf8.decode(bytes);
		if (!CONTROL.test(text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text)) {
			return { kind: 'text', text, encoding: 'utf-8' };
		}
	}
	let nulEven = 0;
	let nulOdd = 0;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i] as number;
		if (b === 0) {
			if (i & 1) {
				nulOdd++;
			} else {
				nulEven++;
			}
		} else if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27 && b !== 11) {
			control++;
		}
	}
	if (nulEven + nulOdd > 0) {
		// ASCII-range UTF-16 without a BOM: every other byte is NUL, on one side only.
		const half = n / 2;
		if (n >= 16 && nulEven === 0 && nulOdd >= half * 0.6) {
			return { kind: 'text', text: utf16le.decode(bytes), encoding: 'utf-16le' };
		}
		if (n >= 16 && nulOdd === 0 && nulEven >= half * 0.6) {
			return { kind: 'text', text: utf16be.decode(bytes), encoding: 'utf-16be' };
		}
		return { kind: 'binary', detail: 'NUL bytes' };
	}
	if (mostlyControl(control, n)) {
		return { kind: 'binary', detail: 'control characters' };
	}
	return { kind: 'text', text: utf8.decode(bytes), encoding: 'utf-8' };
}
