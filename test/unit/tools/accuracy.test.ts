import * as assert from 'node:assert/strict';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { type Corpus, parseLabels } from '../../../src/tools/accuracy/corpus';
import { classifyWith, precision, recall, scoreCorpus } from '../../../src/tools/accuracy/score';
import { evaluateRuleFile, sampleSecrets } from '../../support/corpora/gitleaks';
import { sampleRegex } from '../../support/corpora/regexSample';
import { prng } from '../../support/prng';

describe('accuracy corpus format', () => {
	it('parses labels and names the bad line', () => {
		const labels = parseLabels('{"file":"a.env","line":2,"label":"secret","category":"Password"}\n\n{"file":"b.txt","label":"none"}\n');
		assert.deepEqual(labels, [
			{ file: 'a.env', line: 2, label: 'secret', category: 'Password' },
			{ file: 'b.txt', label: 'none' },
		]);
		assert.throws(() => parseLabels('{"file":"a","label":"maybe"}'), /labels.jsonl:1/);
		assert.throws(() => parseLabels('{"file":"a","label":"none"}\n{"file":"../x","label":"none"}'), /labels.jsonl:2: "file" must stay inside/);
		assert.throws(() => parseLabels('{"file":"a","line":0,"label":"none"}'), /1-based/);
	});
});

describe('accuracy scoring', () => {
	const { classifier } = compileClassifier(DEFAULT_POLICY);
	const files: Record<string, string> = {
		'one.env': 'HOME=/root\nGITHUB_TOKEN=ghp_Zq9xLm2pQ7vB4nR8tW3yK6cD1fH5jA0sE2gU\nNAME=app\n',
		'two.txt': 'nothing here\n',
		'three.txt': 'const a = 1;\n',
	};
	const corpus = (exhaustive: boolean): Corpus => ({
		dir: '/',
		info: { name: 't', exhaustive },
		labels: [
			{ file: 'one.env', line: 2, label: 'secret', category: 'gh' },
			{ file: 'two.txt', label: 'secret', category: 'missed' },
			{ file: 'three.txt', line: 1, label: 'none' },
		],
	});
	const read = (f: string): Uint8Array => Buffer.from(files[f] ?? '');

	it('counts found and missed positives, and file-level recall', () => {
		const s = scoreCorpus(corpus(false), classifyWith(classifier), read);
		assert.deepEqual(s.all, { tp: 1, fp: 0, fn: 1 });
		assert.equal(recall(s.all), 0.5);
		assert.equal(precision(s.all), 1);
		assert.deepEqual(s.fileRecall, { files: 2, sensitive: 1, anyFinding: 1 });
		assert.deepEqual(s.misses, [{ file: 'two.txt', category: 'missed' }]);
	});

	it('makes every other non-blank line of a labelled file a negative when exhaustive', () => {
		assert.deepEqual(scoreCorpus(corpus(false), classifyWith(classifier), read).units, { positive: 2, negative: 1 });
		assert.deepEqual(scoreCorpus(corpus(true), classifyWith(classifier), read).units, { positive: 2, negative: 3 });
	});

	it('counts a finding on a negative line as a false positive of its rule', () => {
		const c: Corpus = { dir: '/', info: { name: 't', exhaustive: false }, labels: [{ file: 'one.env', line: 2, label: 'none' }] };
		const s = scoreCorpus(c, classifyWith(classifier), read);
		assert.deepEqual(s.all, { tp: 0, fp: 1, fn: 0 });
		assert.deepEqual([...s.fpByRule], [['github-pat', 1]]);
	});
});

describe('corpus adapters', () => {
	it('samples strings that match the regex', () => {
		const next = prng(7);
		for (const re of ['[a-z0-9]{36}', 'EZTK[a-zA-Z0-9]{54}', '(?i)ab(?:c|d)[0-9]{2,4}x?', '[A-Z2-7]{16}', '[a-f0-9]{8}:[a-f0-9]{8}', '[a-z0-9\\/=_\\+\\-]{12}']) {
			const js = new RegExp(`^${re.replace('(?i)', '')}$`, re.startsWith('(?i)') ? 'i' : '');
			for (let k = 0; k < 20; k++) {
				const s = sampleRegex(re, next);
				assert.match(s, js);
			}
		}
	});

	it("evaluates a gitleaks rule function's tps and fps", () => {
		const go = `
func Thing() *config.Rule {
	r := config.Rule{
		RuleID: "thing-token",
		Regex:  utils.GenerateUniqueTokenRegex("thg_[a-z]{4}", false),
	}
	tps := utils.GenerateSampleSecrets("thing", "thg_"+secrets.NewSecret(utils.Hex("8")))
	tps = append(tps, \`raw = "thg_abcd"\`, "esc\\t\\"q\\"")
	fps := []string{
		"thg_xxxx", // placeholder
		unknownCall(),
	}
	return utils.Validate(r, tps, fps)
}`;
		const [rule] = evaluateRuleFile(go, 1);
		assert.ok(rule);
		assert.equal(rule.ruleId, 'thing-token');
		assert.equal(rule.tps.length, sampleSecrets('a', 'b').length + 2);
		assert.match(rule.tps[0] ?? '', /thg_[a-f0-9]{8}/);
		assert.deepEqual(rule.tps.slice(-2), ['raw = "thg_abcd"', 'esc\t"q"']);
		assert.deepEqual(rule.fps, ['thg_xxxx']);
		assert.equal(rule.skipped, 1);
	});
});
