/**
 * A random string matching a regular expression, for the corpus adapters (gitleaks builds its samples with
 * `secrets.NewSecret(regex)`, a port of lucasjones/reggen). Covers the subset its rule files use: literals,
 * escapes (`\d \w \s`, escaped punctuation), classes with ranges, groups, alternation, `(?i)`/`(?:`, and the
 * quantifiers `? * + {n} {n,m}` (unbounded repeats add at most `limit` more, as reggen's `Generate(limit)`).
 */

type Node =
	| { t: 'chars'; set: string }
	| { t: 'alt'; branches: Node[][] }
	| { t: 'rep'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function escapeSet(c: string): string {
	switch (c) {
		case 'd':
			return DIGITS;
		case 'w':
			return WORD;
		case 's':
			return ' ';
		case 'n':
			return '\n';
		case 't':
			return '\t';
		default:
			return c;
	}
}

class Parser {
	private i = 0;
	constructor(private readonly s: string) {}

	parse(): Node[] {
		const alt = this.alternation();
		return alt.branches.length === 1 ? (alt.branches[0] as Node[]) : [alt];
	}

	private alternation(): { t: 'alt'; branches: Node[][] } {
		const branches: Node[][] = [this.sequence()];
		while (this.s.charAt(this.i) === '|') {
			this.i++;
			branches.push(this.sequence());
		}
		return { t: 'alt', branches };
	}

	private sequence(): Node[] {
		const out: Node[] = [];
		while (this.i < this.s.length && this.s.charAt(this.i) !== '|' && this.s.charAt(this.i) !== ')') {
			const atom = this.atom();
			if (atom) out.push(this.quantified(atom));
		}
		return out;
	}

	private atom(): Node | undefined {
		const c = this.s.charAt(this.i++);
		if (c === '(') {
			if (this.s.charAt(this.i) === '?') {
				// (?i) (?:  (?i:  (?P<name>
				const m = /^\?[a-zA-Z]*(?::|\))|^\?P?<[^>]*>/.exec(this.s.slice(this.i));
				if (m) {
					this.i += m[0].length;
					if (m[0].endsWith(')')) return undefined;
				}
			}
			const alt = this.alternation();
			this.i++; // ')'
			return alt;
		}
		if (c === '[') return { t: 'chars', set: this.charClass() };
		if (c === '\\') return { t: 'chars', set: escapeSet(this.s.charAt(this.i++)) };
		if (c === '.') return { t: 'chars', set: WORD };
		if (c === '^' || c === '$') return undefined;
		return { t: 'chars', set: c };
	}

	private charClass(): string {
		let negate = false;
		if (this.s.charAt(this.i) === '^') {
			negate = true;
			this.i++;
		}
		let set = '';
		let first = true;
		while (this.i < this.s.length && (first || this.s.charAt(this.i) !== ']')) {
			first = false;
			let c = this.s.charAt(this.i++);
			if (c === '\\') {
				const e = escapeSet(this.s.charAt(this.i++));
				if (e.length > 1) {
					set += e;
					continue;
				}
				c = e;
			}
			if (this.s.charAt(this.i) === '-' && this.s.charAt(this.i + 1) !== ']' && this.i + 1 < this.s.length) {
				this.i++;
				let to = this.s.charAt(this.i++);
				if (to === '\\') to = this.s.charAt(this.i++);
				for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) set += String.fromCharCode(k);
			} else {
				set += c;
			}
		}
		this.i++; // ']'
		if (negate) {
			return [...PRINTABLE].filter((ch) => !set.includes(ch) && ch !== ' ').join('');
		}
		return set;
	}

	private quantified(node: Node): Node {
		const c = this.s.charAt(this.i);
		let q: { min: number; max: number } | undefined;
		if (c === '?') q = { min: 0, max: 1 };
		else if (c === '*') q = { min: 0, max: -1 };
		else if (c === '+') q = { min: 1, max: -1 };
		else if (c === '{') {
			const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.s.slice(this.i));
			if (m) {
				const min = Number(m[1]);
				const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : -1;
				this.i += m[0].length - 1;
				q = { min, max };
			}
		}
		if (!q) return node;
		this.i++;
		if (this.s.charAt(this.i) === '?') this.i++;
		return { t: 'rep', node, ...q };
	}
}

/** A random string matching `regex` (Go/RE2 syntax subset), with `next()` in [0, 1). */
export function sampleRegex(regex: string, next: () => number, limit = 1): string {
	const pick = (n: number): number => Math.floor(next() * n);
	const gen = (nodes: readonly Node[]): string => nodes.map(one).join('');
	function one(n: Node): string {
		if (n.t === 'chars') return n.set.charAt(pick(n.set.length));
		if (n.t === 'alt') return gen(n.branches[pick(n.branches.length)] as Node[]);
		const max = n.max < 0 ? n.min + limit : n.max;
		const count = n.min + pick(max - n.min + 1);
		let s = '';
		for (let k = 0; k < count; k++) s += one(n.node);
		return s;
	}
	return gen(new Parser(regex).parse());
}
