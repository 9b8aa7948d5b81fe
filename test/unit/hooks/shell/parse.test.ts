/** The shell parser on its own: the tree it builds for the grammar the walk relies on. */
import * as assert from 'node:assert/strict';
import { literalText, parseShell, type ShCommand } from '../../../../src/core/hooks/shell/parse';

function first(src: string): ShCommand {
	const c = parseShell(src).items[0]?.pipelines[0]?.commands[0];
	assert.ok(c, `no command in ${src}`);
	return c;
}

describe('hooks/shell parse', () => {
	it('splits lists, and-or chains and pipelines', () => {
		const list = parseShell('a && b || c; d | e &');
		assert.equal(list.items.length, 2);
		assert.deepEqual(list.items[0]?.ops, ['&&', '||']);
		assert.equal(list.items[1]?.pipelines[0]?.commands.length, 2);
		assert.equal(list.items[1]?.background, true);
	});

	it('keeps assignments apart from words, and quotes as literal text', () => {
		const c = first(`F=.env cat "$F" 'x y'`);
		assert.equal(c.type, 'simple');
		if (c.type === 'simple') {
			assert.equal(c.assigns.length, 1);
			assert.deepEqual(c.words.map((w) => w.raw), ['cat', '"$F"', "'x y'"]);
			assert.equal(literalText(c.words[2] ?? { parts: [], raw: '' }), 'x y');
		}
	});

	it('reads redirects and heredoc bodies', () => {
		const c = first('cat <<EOF > out\nhello .env\nEOF\n');
		assert.equal(c.type, 'simple');
		if (c.type === 'simple') {
			assert.deepEqual(c.redirects.map((r) => r.op), ['<<', '>']);
			assert.equal(literalText(c.redirects[0]?.heredoc?.body ?? { parts: [], raw: '' }), 'hello .env\n');
		}
	});

	it('parses compound commands: subshell, group, for, case, function', () => {
		assert.equal(first('(cd a; cat b)').type, 'subshell');
		assert.equal(first('{ cat a; }').type, 'group');
		assert.equal(first('for f in a b; do cat "$f"; done').type, 'for');
		assert.equal(first('case x in a) cat a;; esac').type, 'compound');
		assert.equal(first('f() { cat a; }').type, 'function');
	});

	it('throws a syntax error with an offset on an unterminated quote', () => {
		assert.throws(() => parseShell('cat "abc'), (e: Error & { offset?: number }) => typeof e.offset === 'number');
	});
});
