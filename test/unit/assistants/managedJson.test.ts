import * as assert from 'node:assert/strict';
import {
	appendArrayItem,
	detectFormatting,
	firstMissing,
	getJsonValue,
	isEmptyContainer,
	parseJsonc,
	parsePointer,
	removeArrayItem,
	removeJsonValue,
	setJsonValue,
	toPointer,
} from '../../../src/core/assistants/managedJson';

const TEXT = `{
	// editor
	"editor.fontSize": 14, // big
	/* block */
	"files.exclude": { "**/.git": true }
}
`;

describe('assistants/managedJson', () => {
	it('round-trips JSON pointers, dots staying inside one segment', () => {
		assert.deepEqual(parsePointer('/chat.disableAIFeatures'), ['chat.disableAIFeatures']);
		assert.deepEqual(parsePointer('/a~1b/c~0d'), ['a/b', 'c~d']);
		assert.equal(toPointer(['a/b', 'c~d']), '/a~1b/c~0d');
	});

	it('sets a value with modify, keeping comments and the file\'s indentation', () => {
		const out = setJsonValue(TEXT, '/chat.disableAIFeatures', true);
		assert.ok(out.includes('// editor') && out.includes('// big') && out.includes('/* block */'));
		assert.ok(out.includes('\t"chat.disableAIFeatures": true'));
		assert.equal(getJsonValue(out, '/chat.disableAIFeatures').value, true);
		assert.equal(removeJsonValue(out, '/chat.disableAIFeatures'), TEXT);
	});

	it('follows 2-space indentation and CRLF', () => {
		const text = '{\r\n  "a": 1\r\n}\r\n';
		assert.deepEqual(detectFormatting(text), { insertSpaces: true, tabSize: 2, eol: '\r\n' });
		const out = setJsonValue(text, '/b', false);
		assert.equal(out, '{\r\n  "a": 1,\r\n  "b": false\r\n}\r\n');
		assert.equal(removeJsonValue(out, '/b'), text);
	});

	it('creates a new file with a final newline', () => {
		assert.equal(setJsonValue(undefined, '/a', 1), '{\n\t"a": 1\n}\n');
		assert.equal(appendArrayItem(undefined, '/permissions/deny', 'Read(./.env)'), '{\n\t"permissions": {\n\t\t"deny": [\n\t\t\t"Read(./.env)"\n\t\t]\n\t}\n}\n');
	});

	it('removes a property without deleting a comment next to it', () => {
		const text = '{\n\t"a": 1, // keep me\n\t"ours": true\n}';
		assert.equal(removeJsonValue(text, '/ours'), '{\n\t"a": 1 // keep me\n}');
		const first = '{\n\t// lead\n\t"ours": true, // trailing\n\t"b": 2\n}';
		assert.equal(removeJsonValue(first, '/ours'), '{\n\t// lead\n\t // trailing\n\t"b": 2\n}');
		assert.equal(removeJsonValue('{ "a": 1, "ours": true }', '/ours'), '{ "a": 1 }');
		assert.equal(removeJsonValue('{ "ours": true, "a": 1 }', '/ours'), '{ "a": 1 }');
		assert.equal(removeJsonValue('{"ours": true}', '/ours'), '{}');
		assert.equal(removeJsonValue('{"a": 1}', '/missing'), '{"a": 1}');
	});

	it('adds and removes array entries, keeping the others', () => {
		let t = '{ "permissions": { "deny": ["Bash(curl:*)"] } }';
		t = appendArrayItem(t, '/permissions/deny', 'Read(./.env)');
		assert.deepEqual(getJsonValue(t, '/permissions/deny').value, ['Bash(curl:*)', 'Read(./.env)']);
		t = removeArrayItem(t, '/permissions/deny', 'Read(./.env)');
		assert.deepEqual(getJsonValue(t, '/permissions/deny').value, ['Bash(curl:*)']);
		assert.equal(removeArrayItem(t, '/permissions/deny', 'nope'), t);
	});

	it('knows which container an insertion would create and when a container is empty', () => {
		assert.equal(firstMissing('{}', '/permissions/deny'), '/permissions');
		assert.equal(firstMissing('{"permissions": {}}', '/permissions/deny'), '/permissions/deny');
		assert.equal(firstMissing('{"permissions": {"deny": []}}', '/permissions/deny'), undefined);
		assert.ok(isEmptyContainer('{"p": {"d": []}}', '/p/d'));
		assert.ok(!isEmptyContainer('{"p": {"d": [ /* mine */ ]}}', '/p/d'));
		assert.ok(!isEmptyContainer('{"p": {"d": [1]}}', '/p/d'));
	});

	it('parses JSONC with comments and trailing commas, refuses broken text and non-objects', () => {
		assert.ok(parseJsonc('{ // c\n "a": 1, }').ok);
		assert.ok(!parseJsonc('{ "a": ').ok);
		assert.ok(!parseJsonc('[1]').ok);
	});
});
