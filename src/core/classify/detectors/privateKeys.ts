/**
 * The private-keys family: PEM private keys (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8 plain and encrypted), OpenSSH
 * private keys, PGP private key blocks and PuTTY key files. Public keys and certificates never match: the
 * header must say PRIVATE KEY. A header followed by no key material (`...`, a stub) is a placeholder.
 */
import type { ContentDetector, Finding } from './finding';

const HEADER = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/y;
/** How far after a header the key body is looked for. */
const MAX_BODY = 64 * 1024;
/** Minimum base64 characters of key material (the smallest EC key has well over 100). */
const MIN_BODY_CHARS = 64;

/** The findings' messages by rule id; `{0}` of `pem-private-key` is the PEM label in lower case, e.g. `rsa private key`. */
export const PRIVATE_KEY_MESSAGES = {
	'openssh-private-key': 'OpenSSH private key',
	'pgp-private-key-block': 'PGP private key block',
	'pem-private-key': 'PEM private key ({0})',
	'putty-private-key': 'PuTTY private key file',
} as const;

const RULE_OF: Record<string, { id: string; description: string }> = {
	'OPENSSH PRIVATE KEY': { id: 'openssh-private-key', description: PRIVATE_KEY_MESSAGES['openssh-private-key'] },
	'PGP PRIVATE KEY BLOCK': { id: 'pgp-private-key-block', description: PRIVATE_KEY_MESSAGES['pgp-private-key-block'] },
};

function bodyChars(body: string): number {
	let n = 0;
	for (let i = 0; i < body.length; i++) {
		const c = body.charCodeAt(i);
		if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47) {
			n++;
		}
	}
	return n;
}

/** Private key blocks, found from the `-----BEGIN` and `PuTTY-User-Key-File-` keywords. */
export class PrivateKeysDetector implements ContentDetector {
	readonly family = 'privateKeys' as const;
	readonly keywords = ['-----begin ', 'putty-user-key-file-'];

	detect(text: string, hits: readonly number[], report: (f: Finding) => void): void {
		let coveredTo = -1;
		for (let h = 0; h < hits.length; h += 2) {
			const kw = hits[h] as number;
			const at = hits[h + 1] as number;
			if (at < coveredTo) {
				continue;
			}
			const f = kw === 0 ? this.pem(text, at) : this.putty(text, at);
			if (f) {
				report(f);
				coveredTo = f.end;
			}
		}
	}

	private pem(text: string, at: number): Finding | undefined {
		HEADER.lastIndex = at;
		const m = HEADER.exec(text);
		if (!m) {
			return undefined;
		}
		const label = m[1] as string;
		const bodyStart = at + m[0].length;
		const endMarker = `-----END ${label}-----`;
		const endAt = text.indexOf(endMarker, bodyStart);
		const bodyEnd = endAt === -1 || endAt - bodyStart > MAX_BODY ? Math.min(text.length, bodyStart + 4096) : endAt;
		const body = text.slice(bodyStart, bodyEnd);
		if (body.includes('...') || body.includes('…') || bodyChars(body.replace(/\\n/g, '')) < MIN_BODY_CHARS) {
			return undefined;
		}
		const rule = RULE_OF[label] ?? { id: 'pem-private-key', description: PRIVATE_KEY_MESSAGES['pem-private-key'].replace('{0}', () => label.toLowerCase()) };
		return {
			kind: 'private-key',
			rule: rule.id,
			message: rule.description,
			start: at,
			end: endAt === -1 ? bodyEnd : endAt + endMarker.length,
			preview: `${m[0]} …`,
		};
	}

	private putty(text: string, at: number): Finding | undefined {
		const slice = text.slice(at, at + MAX_BODY);
		const m = /^PuTTY-User-Key-File-[0-9]+: *[A-Za-z0-9@.-]+/.exec(slice);
		const priv = slice.indexOf('Private-Lines:');
		if (!m || priv === -1) {
			return undefined;
		}
		return {
			kind: 'private-key',
			rule: 'putty-private-key',
			message: PRIVATE_KEY_MESSAGES['putty-private-key'],
			start: at,
			end: at + priv + 'Private-Lines:'.length,
			preview: `${m[0]} …`,
		};
	}
}
