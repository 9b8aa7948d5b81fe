/**
 * The bytes of a managed file (a settings, ignore, permission or hook file Context Warden edits) as text, and back,
 * so that what is not ours comes back byte for byte: a byte-order mark is part of the text (U+FEFF, which the ledger
 * and the managed block and JSON editors keep in front), line ends are left as they are, and a UTF-16 file is
 * written back in UTF-16 with the same byte order.
 *
 * A file whose bytes would not come back exactly from its text (not UTF-8, not UTF-16 with a byte-order mark, or
 * with a stray surrogate) is not managed at all: `decodeManaged` says why, and the adapter leaves it alone.
 */
import { byteOrderMark } from '../classify/decode';

export type ManagedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type DecodedManaged = { text: string; encoding: ManagedEncoding } | { error: string };

/** Why a file is left alone, in English with `{0}`-style placeholders; an adapter shows it in the display language. */
export const MANAGED_TEXT = {
	notText: 'not UTF-8 or UTF-16 text: Context Warden does not edit it, so that its bytes stay as they are',
} as const;

export type ManagedTextTemplate = (typeof MANAGED_TEXT)[keyof typeof MANAGED_TEXT];

const decoders: Record<ManagedEncoding, { decode(bytes: Uint8Array): string }> = {
	'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
	'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
	'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
};

/** The encoding a file is written in: UTF-16 when its bytes start with a UTF-16 byte-order mark, else UTF-8. */
export function managedEncodingOf(bytes: Uint8Array | undefined): ManagedEncoding {
	const bom = bytes ? byteOrderMark(bytes) : undefined;
	return bom === 'utf-16le' || bom === 'utf-16be' ? bom : 'utf-8';
}

/** The text of a managed file's bytes, byte-order mark included; an error when the bytes would not come back exactly. */
export function decodeManaged(bytes: Uint8Array): DecodedManaged {
	const encoding = managedEncodingOf(bytes);
	let text: string;
	try {
		text = decoders[encoding].decode(bytes);
	} catch {
		return { error: MANAGED_TEXT.notText };
	}
	if (!sameBytes(encodeManaged(text, encoding), bytes)) {
		return { error: MANAGED_TEXT.notText };
	}
	return { text, encoding };
}

/** The bytes of a managed file's text in an encoding (a byte-order mark only when the text starts with U+FEFF). */
export function encodeManaged(text: string, encoding: ManagedEncoding): Uint8Array {
	if (encoding === 'utf-8') {
		return new TextEncoder().encode(text);
	}
	const out = new Uint8Array(text.length * 2);
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		const [first, second] = encoding === 'utf-16le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
		out[2 * i] = first;
		out[2 * i + 1] = second;
	}
	return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) {
		return false;
	}
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i]) {
			return false;
		}
	}
	return true;
}
