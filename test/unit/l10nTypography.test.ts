// Chinese typography of the zh-cn translations (l10n bundle and package.nls): full-width colons, and no word said
// twice in a row ("私钥私钥", "the the"). The checks are functions, tested on bad samples first so they can fail.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

const FILES = ['l10n/bundle.l10n.zh-cn.json', 'package.nls.zh-cn.json'];

/**
 * ASCII colons in a Chinese sentence, with where they are. A colon inside a URL (`https://`), a time or position
 * (`12:30`, `{0}:{1}`) or a code-like token (`key:value`, no space after it) is not punctuation and is left alone.
 */
export function asciiColons(s: string): string[] {
	const found: string[] = [];
	for (const m of s.matchAll(/:/g)) {
		const i = m.index;
		const before = s.slice(0, i);
		const after = s.slice(i + 1);
		const code = /[A-Za-z0-9_}\]]$/.test(before) && /^[A-Za-z0-9_{/[]/.test(after);
		if (!code) {
			found.push(`${before.slice(-12)}[:]${after.slice(0, 12)}`);
		}
	}
	return found;
}

/**
 * Words said twice in a row: a run of two or more Han characters repeated at once ("私钥私钥"), a common particle
 * doubled ("的的"), or a Latin word repeated after a space ("the the").
 */
export function doubledWords(s: string): string[] {
	const out: string[] = [];
	for (const re of [/([\u4e00-\u9fff]{2,})\1/gu, /([的了是在和与或及并])\1/gu, /\b([A-Za-z]{2,})\s+\1\b/giu]) {
		for (const m of s.matchAll(re)) {
			out.push(m[0]);
		}
	}
	return out;
}

describe('zh-cn typography', () => {
	it('the checks catch what they are for', () => {
		assert.deepEqual(asciiColons('公开: 7'), ['公开[:] 7']);
		assert.deepEqual(asciiColons('{0}: 钩子已安装'), ['{0}[:] 钩子已安装']);
		assert.deepEqual(asciiColons('见 https://example.com，时间 12:30，位置 {0}:{1}，键 allowedDestinations:eu'), []);
		assert.deepEqual(doubledWords('这是私钥私钥。'), ['私钥私钥']);
		assert.deepEqual(doubledWords('我的的文件'), ['的的']);
		assert.deepEqual(doubledWords('the the file'), ['the the']);
		assert.deepEqual(doubledWords('常常检查每一个文件；Context Warden'), []);
	});

	for (const file of FILES) {
		const strings = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;

		it(`${file}: no ASCII colon used as punctuation (use ：)`, () => {
			const bad = Object.entries(strings).flatMap(([k, v]) => asciiColons(v).map((c) => `${k} => ${c}`));
			assert.deepEqual(bad, []);
		});

		it(`${file}: no word doubled`, () => {
			const bad = Object.entries(strings).flatMap(([k, v]) => doubledWords(v).map((d) => `${k} => ${d}`));
			assert.deepEqual(bad, []);
		});
	}
});
