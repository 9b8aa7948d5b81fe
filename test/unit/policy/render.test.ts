import * as assert from 'node:assert/strict';
import { parseJsonc } from '../../../src/core/policy/parse';
import { resolveEffectivePolicy } from '../../../src/core/policy/layering';
import { type effectivePolicyToJson, renderEffectivePolicy, renderEffectivePolicyJson } from '../../../src/core/policy/render';

const eff = resolveEffectivePolicy({
	org: {
		file: '/etc/context-warden/policy.json',
		text: JSON.stringify({ version: 1, name: 'Acme', assistants: { allow: ['a.one'] }, overrides: { exceptions: { allowed: true } } }),
	},
	workspace: {
		file: 'ws/.vscode/context-policy.json',
		text: JSON.stringify({
			assistants: { allow: ['*'], block: ['x.y'] },
			workspace: { restrictedAt: 'internal' },
			exceptions: [
				{ path: 'fixtures/**', reason: 'synthetic\ndata', expires: '2026-06-20' },
				{ path: 'old/**', reason: 'r', expires: '2026-01-01' },
			],
		}),
	},
	settings: { source: 'workspace settings', layer: { content: { markers: ['PROJECT-X'] } } },
	now: new Date('2026-06-15T00:00:00Z'),
});

describe('policy rendering', () => {
	const text = renderEffectivePolicy(eff);
	const lines = text.split('\n');

	it('is a JSONC document whose value is the effective policy', () => {
		const doc = parseJsonc(text, 'effective.jsonc');
		assert.equal(doc.syntaxOk, true, doc.diagnostics.map((d) => d.message).join());
		assert.deepEqual(doc.value, JSON.parse(JSON.stringify(eff.policy)));
	});

	it('annotates every value with the layer it came from', () => {
		const line = (needle: string): string => lines.find((l) => l.includes(needle)) ?? '';
		assert.match(line('"name": "Acme"'), /\/\/ org$/);
		assert.match(line('"restrictedAt": "internal"'), /\/\/ workspace$/);
		assert.match(line('"sensitiveLevel"'), /\/\/ default$/);
		assert.match(line('"allow": ["a.one"]'), /\/\/ org$/);
		assert.match(line('"x.y"'), /\/\/ workspace$/);
		assert.match(line('"PROJECT-X"'), /\/\/ settings$/);
		assert.match(line('"id":"dotenv"'), /\/\/ default$/);
		assert.match(line('"path":"fixtures/**"'), /\/\/ workspace$/);
		// Every line in the JSON body with a value has a layer comment.
		const body = lines.filter((l) => l.trim() !== '' && !l.startsWith('//') && !/^\s*([{}\]],?|"[^"]+": \{)$/.test(l));
		assert.ok(body.length > 30);
		for (const l of body) {
			assert.match(l, /\/\/ (default|org|workspace|settings)$/, l);
		}
	});

	it('lists the sources with hashes and the state in the header', () => {
		assert.match(text, /^\/\/ State: org: the org policy is in force$/m);
		assert.ok(text.includes(`// sha256: ${eff.sha256}`));
		for (const s of eff.sources) {
			assert.ok(text.includes(`sha256 ${s.sha256 ?? ''}  ${s.label}`), s.label);
		}
	});

	it('lists refused loosening attempts and exceptions as comments, one line each', () => {
		assert.match(text, /^\/\/ {3}workspace \(ws\/\.vscode\/context-policy\.json\): assistants\.allow: attempted \["\*"\], kept \["a\.one"\]: /m);
		assert.match(text, /^\/\/ {3}"fixtures\/\*\*" until 2026-06-20 \(workspace\): synthetic data$/m);
		assert.match(text, /^\/\/ {3}"old\/\*\*" until 2026-01-01 \(workspace\): expired on 2026-01-01$/m);
	});

	it('has a JSON form with the same facts', () => {
		const json = JSON.parse(renderEffectivePolicyJson(eff)) as ReturnType<typeof effectivePolicyToJson>;
		assert.equal(json.state, 'org');
		assert.equal(json.sha256, eff.sha256);
		assert.deepEqual(json.policy, JSON.parse(JSON.stringify(eff.policy)));
		assert.equal((json.origins as Record<string, string>)['workspace.restrictedAt'], 'workspace');
		assert.equal((json.refused as unknown[]).length, eff.refused.length);
	});

	it('renders the fallback states', () => {
		const strict = renderEffectivePolicy(resolveEffectivePolicy({ org: { file: 'p.json', text: '{' }, now: new Date() }));
		assert.match(strict, /State: strict-fallback/);
		assert.match(strict, /\/\/ Problems:\n\/\/ {3}p\.json:1:2: /);
		assert.equal(parseJsonc(strict, 'x').syntaxOk, true);
	});
});
