// The commit-message check of `npm run check` (src/tools/checkCommits.ts), on messages and on throwaway repositories:
// a full clone, a shallow one without the baseline, a history without it, and a folder that is not a checkout.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkCommits, messageProblems } from '../../../src/tools/checkCommits';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function commit(cwd: string, message: string): string {
	fs.appendFileSync(path.join(cwd, 'f.txt'), `${message.length}\n`);
	git(cwd, 'add', 'f.txt');
	git(cwd, 'commit', '-q', '--cleanup=verbatim', '-m', message);
	return git(cwd, 'rev-parse', 'HEAD');
}

describe('commit message check', () => {
	it('accepts a short subject alone, or with a blank line before the body', () => {
		assert.deepEqual(messageProblems('Keep BOM when restoring managed files\n'), []);
		assert.deepEqual(messageProblems('Keep BOM when restoring managed files\n\nWhy, and the numbers.\n'), []);
		assert.deepEqual(messageProblems(`${'x'.repeat(72)}\n\nbody`), []);
		assert.deepEqual(messageProblems(`${'界'.repeat(72)}`), [], 'counts characters, not bytes');
	});

	it('names a long subject, a missing blank line and an empty subject', () => {
		assert.deepEqual(messageProblems(`${'x'.repeat(73)}\n\nbody`), ['the subject is 73 characters long (at most 72)']);
		assert.deepEqual(messageProblems('Fix it\nbecause of this'), ['no blank line between the subject and the body']);
		assert.deepEqual(messageProblems('\n\nbody'), ['the subject is empty']);
	});

	describe('over a history', () => {
		let tmp: string;
		let repo: string;
		let baseline: string;
		before(() => {
			tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-commits-'));
			repo = path.join(tmp, 'repo');
			fs.mkdirSync(repo);
			git(repo, 'init', '-q');
			commit(repo, `An old commit whose subject says everything at once, ${'and more '.repeat(10)}`);
			baseline = commit(repo, 'Another old one\nwithout a blank line');
			commit(repo, 'Add a short subject\n\nWith a body.');
			commit(repo, `Add a subject that runs on ${'and on '.repeat(10)}\n\nbody`);
			commit(repo, 'Say it in one line');
		});
		after(() => fs.rmSync(tmp, { recursive: true, force: true }));

		it('checks only the commits after the baseline', () => {
			const r = checkCommits(repo, baseline);
			assert.equal(r.checked, 3);
			assert.deepEqual(r.notes, []);
			assert.deepEqual(
				r.failures.map((f) => f.problems),
				[['the subject is 97 characters long (at most 72)']],
			);
		});

		it('checks every commit of a shallow clone that lacks the baseline, and says so', () => {
			const shallow = path.join(tmp, 'shallow');
			git(tmp, 'clone', '-q', '--depth', '2', `file://${repo}`, shallow);
			const r = checkCommits(shallow, baseline);
			assert.equal(r.checked, 2);
			assert.equal(r.failures.length, 1);
			assert.match(r.notes[0] ?? '', /shallow clone without the baseline/);
		});

		it('fails on a full history that does not hold the baseline', () => {
			const r = checkCommits(repo, 'f'.repeat(40));
			assert.equal(r.failures.length, 1);
			assert.match(r.failures[0]?.problems[0] ?? '', /baseline commit is not in this history/);
		});

		it('passes with a note outside a git checkout', () => {
			const plain = path.join(tmp, 'plain');
			fs.mkdirSync(plain);
			const r = checkCommits(plain, baseline);
			assert.deepEqual([r.checked, r.failures], [0, []]);
			assert.match(r.notes[0] ?? '', /not a git checkout/);
		});
	});

	it("holds on this repository's own history", () => {
		const r = checkCommits(path.join(__dirname, '..', '..', '..'));
		assert.deepEqual(r.failures, []);
	});
});
