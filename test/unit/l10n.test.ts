// Localisation completeness: every string passed to `vscode.l10n.t` is extracted into the committed
// l10n/bundle.l10n.json (never stale), and has a zh-cn translation keeping the same `{N}` placeholders; every
// `%key%` package.json uses resolves in package.nls.json and package.nls.zh-cn.json.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

type Strings = Record<string, string>;

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

/** The CLI of @vscode/l10n-dev, from its package.json `bin`. */
function l10nCli(): string {
	const dir = path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev');
	const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
	const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0];
	assert.ok(bin, '@vscode/l10n-dev declares no bin');
	return path.join(dir, bin);
}

/** The sorted set of `{N}` placeholders in a string. */
function placeholders(s: string): string[] {
	return [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
}

/** Every `%key%` string value anywhere in package.json. */
function nlsKeysUsed(value: unknown, out = new Set<string>()): Set<string> {
	if (typeof value === 'string') {
		const m = /^%([^%\s]+)%$/.exec(value);
		if (m?.[1]) {
			out.add(m[1]);
		}
	} else if (Array.isArray(value)) {
		for (const v of value) {
			nlsKeysUsed(v, out);
		}
	} else if (value && typeof value === 'object') {
		for (const v of Object.values(value)) {
			nlsKeysUsed(v, out);
		}
	}
	return out;
}

describe('localisation (vscode.l10n, package.nls)', function () {
	this.timeout(60_000);

	let extracted: Strings = {};
	let committed: Strings = {};
	let zh: Strings = {};

	before(function () {
		this.timeout(60_000);
		const out = mkdtempSync(path.join(tmpdir(), 'cw-l10n-'));
		try {
			execFileSync(process.execPath, [l10nCli(), 'export', '--outDir', out, './src'], {
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 60_000,
			});
			extracted = JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Strings;
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
		committed = readJson<Strings>('l10n/bundle.l10n.json');
		zh = readJson<Strings>('l10n/bundle.l10n.zh-cn.json');
	});

	it('extracts the strings of the sources', () => {
		assert.ok(Object.keys(extracted).length > 0, 'the extraction found no vscode.l10n.t string');
	});

	it('the committed l10n/bundle.l10n.json equals a fresh extraction (run `npm run l10n`)', () => {
		const added = Object.keys(extracted).filter((k) => !(k in committed));
		const removed = Object.keys(committed).filter((k) => !(k in extracted));
		assert.deepEqual({ added, removed }, { added: [], removed: [] });
		assert.deepEqual(committed, extracted);
	});

	it('every extracted string has a non-empty zh-cn translation', () => {
		const missing = Object.keys(extracted).filter((k) => typeof zh[k] !== 'string' || zh[k].trim() === '');
		assert.deepEqual(missing, [], 'untranslated in l10n/bundle.l10n.zh-cn.json');
	});

	it('the zh-cn bundle carries no stale string', () => {
		const stale = Object.keys(zh).filter((k) => !(k in extracted));
		assert.deepEqual(stale, [], 'no longer in the sources');
	});

	it('every zh-cn translation keeps exactly the placeholders of its source string', () => {
		const wrong = Object.entries(zh)
			.filter(([k, v]) => JSON.stringify(placeholders(k)) !== JSON.stringify(placeholders(v)))
			.map(([k, v]) => ({ key: k, expected: placeholders(k), actual: placeholders(v) }));
		assert.deepEqual(wrong, []);
	});

	describe('package.nls', () => {
		const pkg = readJson<unknown>('package.json');
		const nls = readJson<Strings>('package.nls.json');
		const nlsZh = readJson<Strings>('package.nls.zh-cn.json');
		const used = [...nlsKeysUsed(pkg)].sort();

		it('package.json uses %key% strings', () => {
			assert.ok(used.length > 0);
		});

		it('every %key% of package.json is in package.nls.json', () => {
			assert.deepEqual(
				used.filter((k) => typeof nls[k] !== 'string' || nls[k].trim() === ''),
				[],
			);
		});

		it('every %key% of package.json is in package.nls.zh-cn.json', () => {
			assert.deepEqual(
				used.filter((k) => typeof nlsZh[k] !== 'string' || nlsZh[k].trim() === ''),
				[],
			);
		});

		it('package.nls.zh-cn.json translates every key of package.nls.json, and nothing else', () => {
			assert.deepEqual(
				Object.keys(nls).filter((k) => typeof nlsZh[k] !== 'string' || nlsZh[k].trim() === ''),
				[],
				'untranslated',
			);
			assert.deepEqual(
				Object.keys(nlsZh).filter((k) => !(k in nls)),
				[],
				'stale',
			);
		});
	});
});
