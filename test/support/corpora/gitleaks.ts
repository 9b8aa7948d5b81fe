/**
 * Adapter: the true- and false-positive samples in gitleaks' rule definitions (gitleaks/gitleaks
 * `cmd/generate/config/rules/*.go`), as a labelled corpus. Each rule function builds `tps` and `fps` from Go
 * string literals, `utils.GenerateSampleSecrets(id, secret)` (one line per assignment shape) and
 * `secrets.NewSecret(regex)`; this evaluates that small subset of Go and skips what it cannot evaluate
 * (counted in the corpus notes). Each sample becomes one file and one whole-file label: gitleaks validates
 * each sample as one fragment, so the unit is the sample, not a line of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../prng';
import type { CorpusWriter } from '../../../src/tools/accuracy/corpus';
import { sampleRegex } from './regexSample';

type Tok = { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'num'; v: string } | { t: 'p'; v: string };
type Val = string | string[] | undefined;

/** Go tokens: strings (raw and interpreted), identifiers with dots, numbers, punctuation; comments dropped. */
export function goTokens(src: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src.charAt(i);
		if (/\s/.test(c)) {
			i++;
		} else if (src.startsWith('//', i)) {
			const e = src.indexOf('\n', i);
			i = e === -1 ? src.length : e;
		} else if (src.startsWith('/*', i)) {
			const e = src.indexOf('*/', i + 2);
			i = e === -1 ? src.length : e + 2;
		} else if (c === '`') {
			const e = src.indexOf('`', i + 1);
			out.push({ t: 'str', v: src.slice(i + 1, e === -1 ? src.length : e) });
			i = e === -1 ? src.length : e + 1;
		} else if (c === '"' || c === "'") {
			let j = i + 1;
			let v = '';
			while (j < src.length && src.charAt(j) !== c) {
				if (src.charAt(j) === '\\') {
					const n = src.charAt(j + 1);
					const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' };
					if (n === 'x') {
						v += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
						j += 4;
						continue;
					}
					if (n === 'u') {
						v += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
						j += 6;
						continue;
					}
					v += map[n] ?? n;
					j += 2;
				} else {
					v += src.charAt(j++);
				}
			}
			out.push({ t: 'str', v });
			i = j + 1;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i, i + 200)) as RegExpExecArray;
			out.push({ t: 'id', v: m[0] });
			i += m[0].length;
		} else if (/[0-9]/.test(c)) {
			const m = /^[0-9]+/.exec(src.slice(i)) as RegExpExecArray;
			out.push({ t: 'num', v: m[0] });
			i += m[0].length;
		} else {
			const three = src.slice(i, i + 3);
			const two = src.slice(i, i + 2);
			const p = three === '...' ? three : [':=', '==', '!=', '&&', '||', '+=', '<-'].includes(two) ? two : c;
			out.push({ t: 'p', v: p });
			i += p.length;
		}
	}
	return out;
}

/** One rule function's samples. */
export interface RuleSamples {
	ruleId: string;
	tps: string[];
	fps: string[];
	/** Expressions the evaluator could not evaluate (their samples are left out). */
	skipped: number;
}

/** Evaluates the tps/fps of every rule function in one Go file. */
export function evaluateRuleFile(src: string, seed: number): RuleSamples[] {
	const toks = goTokens(src);
	const next = prng(seed);
	const results: RuleSamples[] = [];
	let i = 0;
	const peek = (k = 0): Tok | undefined => toks[i + k];
	const isP = (v: string, k = 0): boolean => peek(k)?.t === 'p' && peek(k)?.v === v;
	let vars = new Map<string, Val>();
	let current: RuleSamples | undefined;
	let skipped = 0;

	const HELPERS: Record<string, (n: string) => string> = {
		'utils.Numeric': (n) => `[0-9]{${n}}`,
		'utils.Hex': (n) => `[a-f0-9]{${n}}`,
		'utils.AlphaNumeric': (n) => `[a-z0-9]{${n}}`,
		'utils.AlphaNumericExtendedShort': (n) => `[a-z0-9_-]{${n}}`,
		'utils.AlphaNumericExtended': (n) => `[a-z0-9=_\\-]{${n}}`,
		'utils.AlphaNumericExtendedLong': (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
		'utils.Hex8_4_4_4_12': () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
	};

	function args(): Val[] {
		const out: Val[] = [];
		i++; // (
		while (i < toks.length && !isP(')')) {
			out.push(expr());
			if (isP('...')) i++;
			if (isP(',')) i++;
		}
		i++; // )
		return out;
	}

	function list(map: boolean): Val {
		i++; // {
		const items: string[] = [];
		let bad = false;
		while (i < toks.length && !isP('}')) {
			let v = expr();
			if (map && isP(':')) {
				i++;
				const key = v;
				v = expr();
				// A path-keyed sample: keep the content, with the path as a comment-free prefix unknown: content only.
				void key;
			}
			if (typeof v === 'string') items.push(v);
			else if (Array.isArray(v)) items.push(...v);
			else bad = true;
			if (isP(',')) i++;
		}
		i++; // }
		if (bad) skipped++;
		return items;
	}

	function primary(): Val {
		const t = peek();
		if (!t) return undefined;
		if (t.t === 'str' || t.t === 'num') {
			i++;
			return t.v;
		}
		if (t.t === 'p' && t.v === '(') {
			i++;
			const v = expr();
			i++;
			return v;
		}
		if (t.t === 'p' && t.v === '[') {
			// []string{...}
			while (i < toks.length && !isP('{')) i++;
			return list(false);
		}
		if (t.t === 'id' && t.v === 'map') {
			while (i < toks.length && !isP('{')) i++;
			return list(true);
		}
		if (t.t === 'id') {
			i++;
			if (isP('(')) {
				const a = args();
				return call(t.v, a);
			}
			if (isP('{')) {
				// A composite literal of another type: skip it.
				let depth = 0;
				do {
					if (peek()?.t === 'id' && peek()?.v === 'RuleID' && isP(':', 1) && peek(2)?.t === 'str') {
						current = { ruleId: (peek(2) as Tok).v, tps: [], fps: [], skipped: 0 };
						results.push(current);
					}
					if (isP('{')) depth++;
					if (isP('}')) depth--;
					i++;
				} while (i < toks.length && depth > 0);
				return undefined;
			}
			return vars.get(t.v);
		}
		i++;
		return undefined;
	}

	function call(name: string, a: Val[]): Val {
		const s = (k: number): string | undefined => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
		const helper = HELPERS[name];
		if (helper) return helper(s(0) ?? '');
		switch (name) {
			case 'utils.GenerateSampleSecrets': {
				const id = s(0);
				const secret = s(1);
				return id !== undefined && secret !== undefined ? sampleSecrets(id, secret) : undefined;
			}
			case 'utils.GenerateSampleSecret': {
				const id = s(0);
				const secret = s(1);
				return id !== undefined && secret !== undefined ? `${id}_api_token = "${secret}"` : undefined;
			}
			case 'secrets.NewSecret':
			case 'newPlausibleSecret': {
				const re = s(0);
				return re === undefined ? undefined : sampleRegex(re, next);
			}
			case 'strings.Repeat': {
				const str = s(0);
				return str === undefined ? undefined : str.repeat(Number(a[1]) || 0);
			}
			case 'append': {
				const out: string[] = [];
				for (const v of a) {
					if (typeof v === 'string') out.push(v);
					else if (Array.isArray(v)) out.push(...v);
					else skipped++;
				}
				return out;
			}
			case 'fmt.Sprintf': {
				const f = s(0);
				if (f === undefined) return undefined;
				let k = 1;
				return f.replace(/%[sdvq]/g, () => String(a[k++] ?? ''));
			}
			default:
				return undefined;
		}
	}

	function expr(): Val {
		let v = primary();
		while (isP('+')) {
			i++;
			const r = primary();
			v = typeof v === 'string' && typeof r === 'string' ? v + r : undefined;
		}
		return v;
	}

	while (i < toks.length) {
		const t = peek() as Tok;
		if (t.t === 'id' && t.v === 'func') {
			vars = new Map();
			current = undefined;
			i++;
			continue;
		}
		if (t.t === 'id' && t.v === 'RuleID' && isP(':', 1) && peek(2)?.t === 'str') {
			current = { ruleId: (peek(2) as Tok).v, tps: [], fps: [], skipped: 0 };
			results.push(current);
			i += 3;
			continue;
		}
		if (t.t === 'id' && (isP(':=', 1) || isP('=', 1)) && !t.v.includes('.')) {
			i += 2;
			const before = skipped;
			const v = expr();
			vars.set(t.v, v);
			if (current && (t.v === 'tps' || t.v === 'fps')) {
				const list = typeof v === 'string' ? [v] : (v ?? []);
				if (v === undefined) skipped++;
				current[t.v] = list;
				current.skipped += skipped - before;
			}
			continue;
		}
		i++;
	}
	return results;
}

/** gitleaks' `GenerateSampleSecrets` (cmd/generate/config/utils/generate.go): the same secret in many shapes. */
export function sampleSecrets(identifier: string, secret: string): string[] {
	const templates = [
		'{i}Token="{s}"',
		'{i}Token = "{s}"',
		'{i}Token={s}',
		'{i}Token = {s}',
		'{\n    "{i}_token": "{s}"\n}',
		'{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
		'<{i}Token>\n    {s}\n</{i}Token>',
		'{i}_token: {s}',
		"{i}_token: '{s}'",
		'{i}_token: "{s}"',
		'string {i}Token = "{s}";',
		'var {i}Token string = "{s}"',
		'{i}Token := "{s}"',
		'{i}Token := `{s}`',
		'String {i}Token = "{s}";',
		'var {i}Token = "{s}"',
		'${i}Token .= "{s}"',
		"{i}Token = '{s}'",
		'{i}Token = "{s}"',
		'System.setProperty("{I}_TOKEN", "{s}")',
		'  "{i}Token" => "{s}"',
		'{i}_TOKEN = "{s}"',
		'{i}_TOKEN := "{s}"',
		'{i}_TOKEN ::= "{s}"',
		'{i}_TOKEN :::= "{s}"',
		'{i}_TOKEN ?= "{s}"',
	];
	return templates.map((t) =>
		t.replace(/\{i\}|\{I\}|\{s\}/g, (m) => (m === '{i}' ? identifier : m === '{I}' ? identifier.toUpperCase() : secret)),
	);
}

/** Writes gitleaks' rule samples from a checkout (`repo`: its root) into a corpus. */
export function buildGitleaksCorpus(repo: string, out: CorpusWriter): void {
	const dir = path.join(repo, 'cmd', 'generate', 'config', 'rules');
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort();
	let skipped = 0;
	files.forEach((f, fi) => {
		const rules = evaluateRuleFile(fs.readFileSync(path.join(dir, f), 'utf8'), 20261208 + fi);
		for (const r of rules) {
			skipped += r.skipped;
			const family = /private-key|pkcs12|age-secret/.test(r.ruleId) ? 'private-key' : 'secret';
			r.tps.forEach((text, k) => {
				if (text.trim() === '') return;
				out.file(`tp/${r.ruleId}/${k}.txt`, text, { label: family, category: `gitleaks:${r.ruleId}` });
			});
			r.fps.forEach((text, k) => {
				if (text.trim() === '') return;
				out.file(`fp/${r.ruleId}/${k}.txt`, text, { label: 'none', category: `gitleaks:${r.ruleId}` });
			});
		}
	});
	out.note(`gitleaks ${files.length} rule files; ${skipped} sample expressions could not be evaluated and are left out`);
}
