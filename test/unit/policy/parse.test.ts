import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	didYouMean,
	formatDiagnostic,
	formatDiagnosticGnu,
	formatJsonPath,
	MAX_POLICY_DEPTH,
	parseJsonc,
	parseOrgPolicy,
	parsePolicyLayer,
	type PolicyDiagnostic,
	salvagePolicyLayer,
} from '../../../src/core/policy/parse';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'policies');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function find(ds: PolicyDiagnostic[], p: string): PolicyDiagnostic {
	const d = ds.find((x) => x.path === p);
	assert.ok(d, `no diagnostic at ${p}; got ${ds.map(formatDiagnostic).join(' | ')}`);
	return d;
}

describe('policy parse', () => {
	it('accepts comments, trailing commas and a BOM', () => {
		const r = parseOrgPolicy(`\uFEFF${fixture('valid-org.jsonc')}`, 'valid-org.jsonc');
		assert.equal(r.ok, true);
		assert.ok(r.ok);
		assert.equal(r.value.name, 'Acme');
		assert.deepEqual(r.value.assistants?.allow, ['github.copilot', 'acme.internal-assistant']);
		assert.deepEqual(r.diagnostics, []);
	});

	it('locates every schema error at its line and column with its JSON path', () => {
		const r = parseOrgPolicy(fixture('broken-schema.json'), 'policy.json');
		assert.equal(r.ok, false);
		const ds = r.diagnostics;
		assert.ok(ds.every((d) => d.severity === 'error' && d.file === 'policy.json'));

		const unknown = find(ds, 'pathRule');
		assert.deepEqual([unknown.line, unknown.column], [4, 3]);
		assert.equal(unknown.message, "unknown key 'pathRule' (did you mean 'pathRules'?)");

		const block = find(ds, 'assistants.block[2]');
		assert.deepEqual([block.line, block.column], [10, 7]);
		assert.equal(formatDiagnostic(block), 'policy.json:10:7 assistants.block[2]: expected a string, got 42');
		assert.equal(formatDiagnosticGnu(block), 'policy.json:10:7: assistants.block[2]: expected a string, got 42');

		const action = find(ds, 'assistants.restrictedAction');
		assert.deepEqual([action.line, action.column], [12, 25]);
		assert.match(action.message, /expected one of "warn", "disable", got "disabel" \(did you mean 'disable'\?\)/);

		const at = find(ds, 'workspace.restrictedAt');
		assert.deepEqual([at.line, at.column], [15, 21]);

		const size = find(ds, 'content.maxFileSizeBytes');
		assert.deepEqual([size.line, size.column], [18, 25]);
		assert.match(size.message, /expected a number > 0, got -1/);

		const regex = find(ds, 'content.patterns[0].regex');
		assert.deepEqual([regex.line, regex.column], [20, 30]);
		assert.equal(regex.message, 'not a valid JavaScript regular expression');

		const date = find(ds, 'exceptions[0].expires');
		assert.deepEqual([date.line, date.column], [24, 34]);
		assert.match(date.message, /expected a date YYYY-MM-DD, got "2024-02-30"/);

		// A missing key is reported at the object that lacks it.
		const missing = find(ds, 'exceptions[1].expires');
		assert.deepEqual([missing.line, missing.column], [25, 5]);
		assert.equal(missing.message, "missing required key 'expires'");

		assert.equal(ds.length, 8);
		// Sorted by position.
		const positions = ds.map((d) => d.line * 1000 + d.column);
		assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
	});

	it('locates syntax errors', () => {
		const r = parseOrgPolicy(fixture('broken-syntax.json'), 'p.json');
		assert.equal(r.ok, false);
		const first = r.diagnostics[0];
		assert.ok(first);
		assert.deepEqual([first.line, first.column, first.message], [4, 3, "expected ','"]);
	});

	it('counts columns after a BOM as an editor does', () => {
		const r = parseOrgPolicy('\uFEFF{"version": 2, "name": "x"}', 'p.json');
		assert.equal(r.ok, false);
		const d = find(r.diagnostics, 'version');
		assert.deepEqual([d.line, d.column], [1, 13]);
		assert.equal(d.message, 'expected 1, got 2');
	});

	it('handles CRLF line ends', () => {
		const r = parseOrgPolicy('{\r\n"version": 1,\r\n"name": 5\r\n}', 'p.json');
		const d = find(r.diagnostics, 'name');
		assert.deepEqual([d.line, d.column], [3, 9]);
	});

	it('reports a missing required key at the root object', () => {
		const r = parseOrgPolicy('\n\n  {"version": 1}', 'p.json');
		const d = find(r.diagnostics, 'name');
		assert.deepEqual([d.line, d.column, d.message], [3, 3, "missing required key 'name'"]);
	});

	it('refuses non-object roots, empty and whitespace documents', () => {
		for (const text of ['[]', '42', '"x"', 'null', 'true', '', '   ', '// only a comment']) {
			const r = parseOrgPolicy(text, 'p.json');
			assert.equal(r.ok, false, text);
			assert.ok(r.diagnostics.length > 0, text);
			assert.ok(r.diagnostics.every((d) => d.line >= 1 && d.column >= 1), text);
		}
		const arr = parseOrgPolicy('[1]', 'p.json');
		assert.equal(arr.diagnostics[0]?.message, 'an org policy must be a JSON object, got an array');
	});

	it('refuses deep nesting without recursing', () => {
		const text = `{"version":1,"name":"x","description":${'['.repeat(200_000)}`;
		const r = parseOrgPolicy(text, 'p.json');
		assert.equal(r.ok, false);
		assert.match(r.diagnostics[0]?.message ?? '', new RegExp(`nesting deeper than ${MAX_POLICY_DEPTH} levels`));
	});

	it('refuses huge input before parsing it', () => {
		const text = `{"version":1,"name":"${'x'.repeat(3 * 1024 * 1024)}"}`;
		const r = parseOrgPolicy(text, 'p.json');
		assert.equal(r.ok, false);
		assert.match(r.diagnostics[0]?.message ?? '', /too large/);
	});

	it('treats __proto__ as an unknown key, not as a prototype', () => {
		const r = parseOrgPolicy('{"version":1,"name":"x","__proto__":{"polluted":true}}', 'p.json');
		assert.equal(r.ok, false);
		assert.equal(find(r.diagnostics, '__proto__').message, "unknown key '__proto__'");
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
	});

	it('warns about duplicate keys (the last wins) without failing', () => {
		const r = parseOrgPolicy('{"version":1,"name":"a","name":"b"}', 'p.json');
		assert.ok(r.ok);
		assert.equal(r.value.name, 'b');
		const d = find(r.diagnostics, 'name');
		assert.equal(d.severity, 'warning');
		assert.deepEqual([d.line, d.column], [1, 25]);
	});

	it('quotes odd keys in JSON paths', () => {
		assert.equal(formatJsonPath(['assistants', 'block', 2]), 'assistants.block[2]');
		assert.equal(formatJsonPath(['a b', 0, 'c']), '["a b"][0].c');
		const r = parseOrgPolicy('{"version":1,"name":"x","content":{"my key":1}}', 'p.json');
		assert.equal(find(r.diagnostics, 'content["my key"]').message, "unknown key 'my key'");
	});

	it('suggests close keys only', () => {
		assert.equal(didYouMean('pathRule', ['pathRules', 'content']), 'pathRules');
		assert.equal(didYouMean('Assistants', ['assistants']), 'assistants');
		assert.equal(didYouMean('zzzzzz', ['pathRules', 'content']), undefined);
	});

	it('validates a workspace layer with its own schema', () => {
		const ok = parsePolicyLayer(fixture('layer-tighten.json'), 'ctx.json');
		assert.ok(ok.ok);
		assert.equal(ok.value.workspace?.restrictedAt, 'confidential');
		// `overrides` is not part of a layer, and org-only requirements (name) do not apply.
		const r = parsePolicyLayer('{"overrides":{"allowWorkspaceLayers":true}}', 'ctx.json');
		assert.equal(r.ok, false);
		assert.equal(find(r.diagnostics, 'overrides').message, "unknown key 'overrides'");
		assert.ok(parsePolicyLayer('{}', 'ctx.json').ok);
	});

	it('salvages the valid parts of a layer and reports the rest', () => {
		const text = '{"pathRules":[{"id":"a","globs":["x"],"level":"restricted"},{"id":"b","globs":[]}],"workspace":{"restrictedAt":"internal","sensitiveLevel":"top"},"typo":1}';
		const r = salvagePolicyLayer(text, 'ctx.json');
		assert.ok(r.layer);
		assert.deepEqual(r.layer.pathRules?.map((x) => x.id), ['a']);
		assert.deepEqual(r.layer.workspace, { restrictedAt: 'internal' });
		const paths = r.diagnostics.map((d) => d.path).sort();
		assert.deepEqual(paths, ['pathRules[1].globs', 'pathRules[1].level', 'typo', 'workspace.sensitiveLevel']);
		assert.ok(r.diagnostics.every((d) => d.message.endsWith('; ignored')));
	});

	it('ignores a layer with a syntax error whole', () => {
		const r = salvagePolicyLayer('{"workspace":{"restrictedAt":"always"', 'ctx.json');
		assert.equal(r.layer, undefined);
		assert.ok(r.diagnostics.some((d) => /the layer is ignored/.test(d.message)));
	});

	it('keeps the tree and positions for callers', () => {
		const doc = parseJsonc('{\n  "a": [1, 2]\n}', 'x.json');
		assert.equal(doc.syntaxOk, true);
		assert.deepEqual(doc.value, { a: [1, 2] });
		assert.deepEqual(doc.position(7), { line: 2, column: 6 });
	});
});
