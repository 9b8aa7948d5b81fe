import * as assert from 'node:assert/strict';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { decodeBytes } from '../../../src/core/classify/decode';
import { regexSafetyProblem } from '../../../src/core/classify/detectors/patterns';
import { cardNetwork, isValidCnResidentId, isValidIban, luhnValid } from '../../../src/core/classify/detectors/pii';
import { maskSecret } from '../../../src/core/classify/mask';
import { workspaceVerdict } from '../../../src/core/classify/verdict';
import { Rand, SECRET_SAMPLES } from '../../support/genCorpus';
import { testPolicy } from '../../support/classifyPolicy';

const r = new Rand(7);
const ghp = (SECRET_SAMPLES['github-pat'] as (r: Rand) => string)(r).split('=')[1] as string;

describe('classifier', () => {
	const { classifier, errors } = compileClassifier(
		testPolicy({
			pathRules: [{ id: 'dotenv', globs: ['.env'], level: 'restricted' }],
			content: {
				...testPolicy().content,
				markers: ['Acme Secret'],
				patterns: [
					{ id: 'ticket', regex: 'ACME-[0-9]{4}', level: 'internal' },
					{ id: 'bad', regex: '(a+)+$', level: 'internal' },
					{ id: 'broken', regex: '([', level: 'internal' },
				],
			},
		}),
		[{ path: 'vendor/', expires: '2099-01-01', reason: 'third-party test data' }],
	);

	it('reports invalid and unsafe org patterns as errors, not crashes', () => {
		assert.deepEqual(errors.map((e) => e.id), ['bad', 'broken']);
		assert.match(errors[0]?.message ?? '', /nested quantifier/);
		assert.match(errors[1]?.message ?? '', /invalid regular expression/);
	});

	it('gives 1-based line/column ranges, handles CRLF, and never shows the raw secret', () => {
		const c = classifier.classifyText('src/a.ts', `// header\r\nconst x = 1;\r\nconst t = "${ghp}";\r\n`);
		assert.equal(c.level, 'restricted');
		const f = c.reasons[0];
		assert.equal(f?.rule, 'github-pat');
		assert.equal(f?.line, 3);
		assert.equal(f?.column, 12);
		assert.equal(f?.endLine, 3);
		assert.equal(f?.endColumn, 12 + ghp.length);
		assert.ok(!JSON.stringify(c).includes(ghp));
		assert.equal(f?.preview, maskSecret(ghp));
		assert.ok(f?.preview?.startsWith('ghp_') && f.preview.includes('*'));
	});

	it('masks keep at most 4 leading and 4 trailing characters', () => {
		assert.equal(maskSecret('abcdefghijklmnopqrst'), 'abcd************qrst');
		assert.equal(maskSecret('short'), '*****');
		assert.ok(maskSecret('x'.repeat(500)).length < 40);
	});

	it('combines path and content reasons, most severe first', () => {
		const c = classifier.classifyText('.env', 'see ACME-1234 and Acme Secret stuff');
		assert.deepEqual(c.reasons.map((x) => [x.kind, x.rule, x.level]), [
			['path', 'dotenv', 'restricted'],
			['marker', 'marker:Acme Secret', 'confidential'],
			['pattern', 'ticket', 'internal'],
		]);
	});

	it('treats a path under an active exception as public, with the exception', () => {
		const c = classifier.classifyText('vendor/lib/.env', `token = "${ghp}"`);
		assert.equal(c.level, 'public');
		assert.deepEqual(c.reasons, []);
		assert.equal(c.exception?.reason, 'third-party test data');
		assert.deepEqual(classifier.classifyPath('vendor/x/.env'), []);
	});

	it('sniffs binaries by content, not extension, and decodes UTF-16 with a BOM', () => {
		const bin = classifier.classifyBytes('notes.txt', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3]));
		assert.equal(bin.skipped?.reason, 'binary');
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`key: ${ghp}\n`, 'utf16le')]);
		assert.equal(classifier.classifyBytes('a.bin', le).reasons[0]?.rule, 'github-pat');
		const be = Buffer.from(Buffer.from(`x\n机密\n`, 'utf16le')).swap16();
		const c = classifier.classifyBytes('b.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
		assert.equal(c.reasons[0]?.rule, 'marker:机密');
		assert.equal(c.reasons[0]?.line, 2);
		assert.equal(decodeBytes(Buffer.from(`\ufeffhello`, 'utf8')).kind, 'text');
		assert.equal(decodeBytes(Buffer.from('hello world, plain', 'utf16le')).kind, 'text');
	});

	it('skips content over the size cap but still applies path rules', () => {
		const small = compileClassifier(testPolicy({ pathRules: [{ id: 'dotenv', globs: ['.env'], level: 'restricted' }], content: { ...testPolicy().content, maxFileSizeBytes: 10 } })).classifier;
		const c = small.classifyBytes('.env', Buffer.from('0123456789ABC'));
		assert.equal(c.skipped?.reason, 'too-large');
		assert.equal(c.level, 'restricted');
	});

	it('handles a 5 MB single-line minified file and still finds a secret in it', () => {
		const filler = 'function(a){return a+1};var b=[1,2,3];'.repeat(140_000);
		const text = `${filler.slice(0, 2_500_000)}var k="${ghp}";${filler.slice(0, 2_500_000)}`;
		const big = compileClassifier(testPolicy({ content: { ...testPolicy().content, maxFileSizeBytes: 8 * 1024 * 1024 } })).classifier;
		const value = big.classifyText('dist/app.min.js', text);
		assert.equal(value.reasons[0]?.rule, 'github-pat');
		assert.equal(value.reasons[0]?.line, 1);
	});

	it('re-classifies an edited 100 KB file to the same result each time (speed: npm run bench)', () => {
		const lines: string[] = [];
		while (lines.join('\n').length < 100_000) {
			lines.push(`export function f${lines.length}(token: string, password = input.value) { return fetch('https://api.acme.io/v1/items/' + token, { headers: { authorization: token } }); } // key-${lines.length}`);
		}
		const text = lines.join('\n');
		const first = classifier.classifyText('src/big.ts', text);
		for (let i = 0; i < 5; i++) {
			const again = classifier.classifyText('src/big.ts', `${text}\n// edit ${i}`);
			assert.equal(again.level, first.level);
			assert.deepEqual(again.reasons.map((r) => [r.rule, r.line]), first.reasons.map((r) => [r.rule, r.line]));
		}
	});
});

describe('PII validators', () => {
	it('validates Chinese resident IDs: region, date, MOD 11-2 check digit', () => {
		assert.equal(isValidCnResidentId('11010519491231002X'), true);
		assert.equal(isValidCnResidentId('110105194912310021'), false);
		assert.equal(isValidCnResidentId('11010519491331002X'), false);
		assert.equal(isValidCnResidentId('99010519491231002X'), false);
	});
	it('validates cards by IIN, length and Luhn', () => {
		assert.equal(luhnValid('79927398713'), true);
		assert.equal(cardNetwork('378282246310005'), 'amex');
		assert.equal(cardNetwork('9999999999999999'), undefined);
	});
	it('validates IBANs by country length and mod 97', () => {
		assert.equal(isValidIban('GB82WEST12345698765432'), true);
		assert.equal(isValidIban('GB82WEST12345698765433'), false);
		assert.equal(isValidIban('DE89370400440532013000'), true);
		assert.equal(isValidIban('DE8937040044053201300'), false);
	});
});

describe('org pattern safety', () => {
	it('rejects nested quantifiers and quantified back-references, accepts ordinary patterns', () => {
		for (const bad of ['(a+)+', '(\\w*)*x', '(x+){2,}', '((ab)+c)*', '(a)\\1+', '(?:[a-z]+\\s?)+$']) {
			assert.ok(regexSafetyProblem(bad), bad);
		}
		for (const ok of ['ACME-[0-9]{4}', '(?:foo|bar)+', '\\bproject-(alpha|beta)\\b', '[a-z]+@acme\\.com', '(\\d{3}-)+x']) {
			assert.equal(regexSafetyProblem(ok), undefined, ok);
		}
	});
});

describe('workspaceVerdict', () => {
	it('takes the highest level and applies restrictedAt', () => {
		const p = testPolicy();
		assert.deepEqual(workspaceVerdict(p, ['public', 'confidential', 'internal']), { level: 'confidential', restricted: true });
		assert.deepEqual(workspaceVerdict(p, ['internal']), { level: 'internal', restricted: false });
		assert.deepEqual(workspaceVerdict({ ...p, workspace: { ...p.workspace, restrictedAt: 'always' } }, []), { level: 'public', restricted: true });
		assert.deepEqual(workspaceVerdict({ ...p, workspace: { ...p.workspace, restrictedAt: 'never' } }, ['restricted']), { level: 'restricted', restricted: false });
	});
});
