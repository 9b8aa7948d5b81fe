/**
 * The PII family. Every kind is validated, never a bare digit run: e-mail addresses (syntax, a real TLD, not a
 * reserved example domain or a file name), phone numbers (E.164, North American and mainland-China mobile
 * formats, with boundaries), Chinese resident ID numbers (region, birth date, ISO 7064 MOD 11-2 check
 * digit), payment card numbers (IIN prefix and length, Luhn) and IBANs (country length table, mod 97).
 */
import type { PiiKind } from '../../policy/schema';
import { maskSecret } from '../mask';
import type { LineIndex } from '../textIndex';
import type { ContentDetector, Finding } from './finding';

export const ALL_PII_KINDS: readonly PiiKind[] = ['email', 'phone', 'cnResidentId', 'paymentCard', 'iban'];

/** The message of a finding of each kind (adapters translate them by this text). */
export const PII_MESSAGES: Readonly<Record<PiiKind, string>> = {
	email: 'E-mail address',
	phone: 'Phone number',
	cnResidentId: 'Chinese resident ID number',
	paymentCard: 'Payment card number',
	iban: 'IBAN (bank account number)',
};

// ---------------------------------------------------------------- validators (exported for tests)

const CN_PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]);
const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of a Chinese resident ID. */
export function cnIdCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		sum += (first17.charCodeAt(i) - 48) * (CN_WEIGHTS[i] as number);
	}
	return CN_CHECK.charAt(sum % 11);
}

/** Whether an 18-character string is a valid Chinese resident ID: region code, a real past birth date, check digit. */
export function isValidCnResidentId(id: string, now: Date = new Date()): boolean {
	if (!/^[1-9][0-9]{16}[0-9Xx]$/.test(id)) {
		return false;
	}
	if (!CN_PROVINCES.has(Number(id.slice(0, 2)))) {
		return false;
	}
	const y = Number(id.slice(6, 10));
	const mo = Number(id.slice(10, 12));
	const d = Number(id.slice(12, 14));
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getTime() > now.getTime()) {
		return false;
	}
	return cnIdCheckChar(id.slice(0, 17)) === id.charAt(17).toUpperCase();
}

/** The Luhn check over a digit string. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	let double = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (double) {
			d *= 2;
			if (d > 9) {
				d -= 9;
			}
		}
		sum += d;
		double = !double;
	}
	return sum % 10 === 0;
}

/** The card network of a PAN by its IIN prefix and length, or undefined when no known network issues it. */
export function cardNetwork(pan: string): string | undefined {
	const n = pan.length;
	const p2 = Number(pan.slice(0, 2));
	const p3 = Number(pan.slice(0, 3));
	const p4 = Number(pan.slice(0, 4));
	const p6 = Number(pan.slice(0, 6));
	if (pan.startsWith('4') && (n === 13 || n === 16 || n === 19)) return 'visa';
	if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
	if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
	if ((p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'discover';
	if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
	if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
	if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) && n >= 14 && n <= 19) return 'diners';
	return undefined;
}

/** Published test card numbers (Stripe, Braintree, PayPal docs): documentation, not PII. */
const TEST_PANS = new Set([
	'4111111111111111', '4242424242424242', '4012888888881881', '4000056655665556', '5555555555554444', '5105105105105100',
	'2223003122003222', '378282246310005', '371449635398431', '6011111111111117', '6011000990139424', '3530111333300000',
	'3566002020360505', '30569309025904', '38520000023237', '6200000000000005', '4222222222222',
]);

/** Whether a digit string is a plausible payment card number: known network, Luhn, not a documented test number. */
export function isValidPaymentCard(pan: string): boolean {
	return /^[0-9]{13,19}$/.test(pan) && !/^(\d)\1+$/.test(pan) && cardNetwork(pan) !== undefined && luhnValid(pan) && !TEST_PANS.has(pan);
}

/** IBAN lengths by country (SWIFT IBAN registry). */
const IBAN_LENGTHS: Record<string, number> = {
	AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
	DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
	HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
	LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
	RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
	VG: 24, XK: 20,
};

/** The ISO 7064 mod-97 remainder of an IBAN (country and check digits moved to the end, letters as 10–35). */
export function ibanRemainder(iban: string): number {
	const s = iban.slice(4) + iban.slice(0, 4);
	let r = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		const v = c >= 65 ? c - 55 : c - 48;
		r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
	}
	return r;
}

/** Whether a compact upper-case string is a valid IBAN: known country, its length, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
	const len = IBAN_LENGTHS[iban.slice(0, 2)];
	return len !== undefined && iban.length === len && /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban) && ibanRemainder(iban) === 1;
}

const RESERVED_DOMAIN = /(?:^|\.)(?:example|test|invalid|localhost|local|internal|lan)$|(?:^|\.)example\.(?:com|org|net|edu)$|(?:^|\.)(?:domain|email|yourdomain|yourcompany|company|mail)\.com$/i;
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'scss', 'map', 'json', 'lock', 'md', 'txt', 'html', 'xml', 'yml', 'yaml', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'swift', 'vue', 'svelte', 'wasm', 'zip', 'gz', 'tgz', 'pdf', 'woff', 'woff2', 'ttf', 'eot', 'mp4', 'mp3']);
const NON_PERSONAL_LOCAL = /^(?:git|noreply|no-reply|donotreply|do-not-reply|user|username|name|email|someone|somebody|foo|bar|test|john\.doe|jane\.doe|you|your\.name|me)$/i;

/** Whether a candidate e-mail address is a real-looking address (not a placeholder, file name or SSH remote). */
export function isPlausibleEmail(local: string, domain: string): boolean {
	if (local.length === 0 || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
		return false;
	}
	const labels = domain.split('.');
	const tld = labels[labels.length - 1] ?? '';
	if (labels.length < 2 || !/^[A-Za-z]{2,24}$/.test(tld) || FILE_TLDS.has(tld.toLowerCase())) {
		return false;
	}
	if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-'))) {
		return false;
	}
	return !RESERVED_DOMAIN.test(domain) && !NON_PERSONAL_LOCAL.test(local);
}

function isDigitSequence(d: string): boolean {
	if (/^(\d)\1+$/.test(d)) {
		return true;
	}
	let up = 1;
	let down = 1;
	for (let i = 1; i < d.length; i++) {
		const diff = d.charCodeAt(i) - d.charCodeAt(i - 1);
		up = diff === 1 ? up + 1 : 1;
		down = diff === -1 ? down + 1 : 1;
		if (up >= 6 || down >= 6) {
			return true;
		}
	}
	return false;
}

// ---------------------------------------------------------------- the detector

/** `[A-Za-z0-9.-]`: a character of an e-mail domain. */
export function isDomainChar(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** `[A-Za-z0-9._%+-]`: a character of an e-mail local part. */
export function isLocalChar(c: number): boolean {
	return isDomainChar(c) || c === 95 || c === 37 || c === 43;
}

const CN_MOBILE = /(?<![0-9A-Za-z_.+-])(?:(?:\+|00)86[ -]?)?(1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4}))(?![0-9A-Za-z_])/gd;
const E164 = /(?<![0-9A-Za-z_+])(\+[1-9][0-9]{7,14}|\+[1-9][0-9]{0,2}[ .-]\(?[0-9]{1,4}\)?[ .-][0-9]{2,4}[ .-][0-9]{2,4}(?:[ .-][0-9]{2,4})?)(?![0-9A-Za-z_])/gd;
const NANP = /(?<![0-9A-Za-z_+.-])(\([2-9][0-9]{2}\) ?[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}([.-])[2-9][0-9]{2}\2[0-9]{4})(?![0-9A-Za-z_.-])/gd;
const CN_ID = /(?<![0-9A-Za-z_])([1-9][0-9]{16}[0-9Xx])(?![0-9A-Za-z_])/gd;
const CARD = /(?<![0-9A-Za-z_.,-])([0-9]{13,19}|[0-9]{4}([ -])[0-9]{4}\2[0-9]{4}\2[0-9]{1,7}|3[47][0-9]{2}([ -])[0-9]{6}\3[0-9]{5})(?![0-9A-Za-z_.-])/gd;
const IBAN = /(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?))(?![A-Za-z0-9])/gd;

/**
 * What every number-shaped PII match above contains: six digits with at most two of ` .()+-` between
 * neighbours (an ID has 18 in a row, a card 13+, a mobile 11, a North American number 10, a formatted E.164
 * number at least 6), or, for an IBAN, two capitals and two digits. So every match overlaps a candidate
 * `forEachNumberCandidate` reports, and the regexes run only on windows of `REACH` characters around candidates,
 * within their line (none of the regexes crosses a line break): the same findings, a fraction of the work, also
 * on minified files whose one line holds a few numbers.
 */
/** The most characters a candidate spans: six digits, two separators between each. */
const CANDIDATE_SPAN = 16;
/**
 * How far a window reaches beyond its candidate: at least twice the longest number-shaped match (an IBAN in
 * groups, 43), so a match the window's cut edges could fake never overlaps a real one and can be dropped.
 */
const REACH = 128;

function isSeparator(c: number): boolean {
	return c === 32 || c === 46 || c === 40 || c === 41 || c === 43 || c === 45;
}

function isCapital(c: number): boolean {
	return c >= 65 && c <= 90;
}

/**
 * The number candidates of a text, as offsets just after their last character, in text order: after each digit
 * that ends a chain of at least six digits whose neighbours are at most two separators (` .()+-`) apart, and
 * after two capitals and two digits. Whether an offset is reported depends only on the 16 characters before it,
 * so the byte scanner's kernel (kernel/scan.wat), which computes the same on UTF-8 bytes, can split the work.
 * Streamed to `fn`: a long run of digits in a hostile file gives as many candidates as digits.
 */
export function forEachNumberCandidate(text: string, fn: (end: number) => void): void {
	let last = -CANDIDATE_SPAN;
	let run = 0;
	for (let i = 0, n = text.length; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) {
			continue;
		}
		const gap = i - last - 1;
		if (gap === 0) {
			run++;
			if (i >= 3 && isCapital(text.charCodeAt(i - 2)) && isCapital(text.charCodeAt(i - 3))) {
				fn(i + 1);
			}
		} else if (gap <= 2 && isSeparator(text.charCodeAt(i - 1)) && (gap === 1 || isSeparator(text.charCodeAt(i - 2)))) {
			run++;
		} else {
			run = 1;
		}
		last = i;
		if (run >= 6) {
			fn(i + 1);
		}
	}
}


/** A window cut inside its line: the regexes must not trust a boundary there. */
interface Cut {
	start: boolean;
	end: boolean;
}

const NO_CUT: Cut = { start: false, end: false };

/** Validated PII of the kinds the policy asks for. */
export class PiiDetector implements ContentDetector {
	readonly family = 'pii' as const;
	readonly keywords: readonly string[] = [];
	private readonly kinds: ReadonlySet<PiiKind>;
	/** Whether any number-shaped kind is asked for. */
	private readonly numbered: boolean;

	/**
	 * `options.prefilter: false` runs the number-shaped regexes over the whole text instead of the prefiltered
	 * lines: the reference the prefilter is tested against.
	 */
	constructor(kinds: readonly PiiKind[] = ALL_PII_KINDS, private readonly options: { prefilter?: boolean } = {}) {
		this.kinds = new Set(kinds);
		this.numbered = kinds.some((k) => k !== 'email');
	}

	/**
	 * `numbers`: the text's number candidates (`forEachNumberCandidate`), when the caller has them (the byte
	 * scanner computes them in its pass); computed here otherwise.
	 */
	detect(text: string, _hits: readonly number[], report: (f: Finding) => void, lines: LineIndex, numbers?: ArrayLike<number>): void {
		const found: Finding[] = [];
		const push = (rule: PiiKind, message: string, start: number, value: string): void => {
			found.push({ kind: 'pii', rule: `pii-${kebab(rule)}`, message, start, end: start + value.length, preview: maskSecret(value) });
		};
		if (this.kinds.has('email')) {
			this.emails(text, push);
		}
		if (this.numbered && this.options.prefilter === false) {
			this.numbers(text, 0, push, NO_CUT);
		} else if (this.numbered) {
			// The current line's bounds (none yet: le = -1) and window. A candidate ends with a digit, never on a
			// line break: the line holding its last digit is its line.
			let ws = 0;
			let we = 0;
			let ls = 0;
			let le = -1;
			const candidate = (end: number): void => {
				const from = end - CANDIDATE_SPAN - REACH;
				if (end - 1 >= le) {
					if (le !== -1) {
						this.numbers(text.slice(ws, we), ws, push, { start: ws > ls, end: we < le });
					}
					ls = lines.lineStartAt(end - 1);
					le = lines.lineEndAt(end - 1);
					ws = Math.max(ls, from);
				} else if (from > we) {
					this.numbers(text.slice(ws, we), ws, push, { start: ws > ls, end: we < le });
					ws = from;
				}
				we = Math.min(le, end + REACH);
			};
			if (numbers) {
				for (let i = 0; i < numbers.length; i++) {
					candidate(numbers[i] as number);
				}
			} else {
				forEachNumberCandidate(text, candidate);
			}
			if (le !== -1) {
				this.numbers(text.slice(ws, we), ws, push, { start: ws > ls, end: we < le });
			}
		}
		// One finding per span: an ID number is not also a phone number.
		found.sort((a, b) => a.start - b.start || b.end - a.end);
		let lastEnd = -1;
		for (const f of found) {
			if (f.start >= lastEnd) {
				report(f);
				lastEnd = f.end;
			}
		}
	}

	/** The number-shaped kinds in a window of one line (`offset`: where it starts in the text; `cut`: its cut edges). */
	private numbers(line: string, offset: number, push: (rule: PiiKind, message: string, start: number, value: string) => void, cut: Cut): void {
		if (this.kinds.has('cnResidentId')) {
			this.each(CN_ID, line, offset, cut, (v, at) => {
				if (isValidCnResidentId(v)) push('cnResidentId', PII_MESSAGES.cnResidentId, at, v);
			});
		}
		if (this.kinds.has('paymentCard')) {
			this.each(CARD, line, offset, cut, (v, at) => {
				if (isValidPaymentCard(v.replace(/[ -]/g, ''))) push('paymentCard', PII_MESSAGES.paymentCard, at, v);
			});
		}
		if (this.kinds.has('iban')) {
			this.each(IBAN, line, offset, cut, (v, at) => {
				if (isValidIban(v.replace(/ /g, ''))) push('iban', PII_MESSAGES.iban, at, v);
			});
		}
		if (this.kinds.has('phone')) {
			const phone = (v: string, at: number): void => {
				const digits = v.replace(/[^0-9]/g, '');
				if (!isDigitSequence(digits.slice(-8))) push('phone', PII_MESSAGES.phone, at, v);
			};
			this.each(CN_MOBILE, line, offset, cut, phone);
			this.each(E164, line, offset, cut, phone);
			this.each(NANP, line, offset, cut, phone);
		}
	}

	/**
	 * Runs one regex over a window. At a cut start no match is tried at the first character (whose real
	 * predecessor is outside); at a cut end a match ending at the edge is dropped (its lookahead saw the cut).
	 */
	private each(re: RegExp, text: string, offset: number, cut: Cut, fn: (value: string, at: number) => void): void {
		re.lastIndex = cut.start ? 1 : 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(text)) !== null) {
			if (cut.end && m.index + m[0].length === text.length) {
				continue;
			}
			const v = m[1] as string;
			fn(v, offset + (m.indices?.[1]?.[0] ?? m.index));
		}
	}

	private emails(text: string, push: (rule: PiiKind, message: string, start: number, value: string) => void): void {
		let at = text.indexOf('@');
		while (at !== -1) {
			let s = at;
			while (s > 0 && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) {
				s--;
			}
			let e = at + 1;
			while (e < text.length && e - at < 254 && isDomainChar(text.charCodeAt(e))) {
				e++;
			}
			while (e > at + 1 && (text.charAt(e - 1) === '.' || text.charAt(e - 1) === '-')) {
				e--;
			}
			const local = text.slice(s, at);
			const domain = text.slice(at + 1, e);
			const before = s > 0 ? text.charAt(s - 1) : '';
			if (before !== '/' && before !== ':' && isPlausibleEmail(local, domain)) {
				push('email', PII_MESSAGES.email, s, `${local}@${domain}`);
			}
			at = text.indexOf('@', Math.max(e, at + 1));
		}
	}
}

function kebab(s: string): string {
	return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
