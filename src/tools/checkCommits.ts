/**
 * `npm run check` (last step): the messages of the commits after BASELINE have a subject of at most 72 characters
 * and, when there is a body, a blank line between the subject and the body, so `git log --oneline` reads as a
 * list. Commits up to BASELINE are not checked: most of their subjects are long, and history is never rewritten.
 *
 * Where the history is cut (a shallow clone, as CI checkouts often are) and BASELINE is not in it, every commit
 * the clone has is newer than BASELINE (main's history is linear), so all of them are checked, and a note says so.
 * Outside a git work tree (an unpacked tarball) there is nothing to check: a note, and success.
 */
import { execFileSync } from 'node:child_process';

/** main's head when the check was introduced; every later commit is checked. */
export const BASELINE = '63a430e58bd58ca5adddb48d91b58f9921fea32c';

export const MAX_SUBJECT = 72;

/** What is wrong with one commit message (empty when nothing is). */
export function messageProblems(message: string): string[] {
	const lines = message.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
	const subject = lines[0] ?? '';
	const problems: string[] = [];
	if (subject.trim() === '') {
		problems.push('the subject is empty');
	} else if ([...subject].length > MAX_SUBJECT) {
		problems.push(`the subject is ${[...subject].length} characters long (at most ${MAX_SUBJECT})`);
	}
	if (lines.length > 1 && (lines[1] ?? '').trim() !== '') {
		problems.push('no blank line between the subject and the body');
	}
	return problems;
}

function git(args: string[], cwd: string): string {
	return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function gitOk(args: string[], cwd: string): boolean {
	try {
		git(args, cwd);
		return true;
	} catch {
		return false;
	}
}

export interface CheckResult {
	checked: number;
	notes: string[];
	failures: { commit: string; subject: string; problems: string[] }[];
}

/** Checks the commits of the repository at `cwd` after `baseline` (all the clone has when `baseline` is not in it). */
export function checkCommits(cwd: string, baseline = BASELINE): CheckResult {
	const notes: string[] = [];
	if (!gitOk(['rev-parse', '--is-inside-work-tree'], cwd) || !gitOk(['rev-parse', '--verify', '--quiet', 'HEAD'], cwd)) {
		return { checked: 0, notes: ['not a git checkout with commits: no commit message to check'], failures: [] };
	}
	let range: string[];
	if (gitOk(['cat-file', '-e', `${baseline}^{commit}`], cwd)) {
		range = [`${baseline}..HEAD`];
	} else if (git(['rev-parse', '--is-shallow-repository'], cwd).trim() === 'true') {
		range = ['HEAD'];
		notes.push(`shallow clone without the baseline ${baseline.slice(0, 7)}: checking every commit it has (all are newer)`);
	} else {
		// A full history without the baseline is another history (a fork rewritten, a fresh repository): say so.
		return {
			checked: 0,
			notes: [],
			failures: [{ commit: baseline.slice(0, 7), subject: '(baseline)', problems: ['the baseline commit is not in this history: update BASELINE in src/tools/checkCommits.ts'] }],
		};
	}
	// NUL-separated: hash, then the raw message.
	const out = git(['log', '--no-merges', '--format=%H%x00%B%x00', ...range], cwd);
	const parts = out.split('\0');
	const failures: CheckResult['failures'] = [];
	let checked = 0;
	for (let i = 0; i + 1 < parts.length; i += 2) {
		const commit = (parts[i] ?? '').trim();
		const message = parts[i + 1] ?? '';
		if (!commit) continue;
		checked++;
		const problems = messageProblems(message);
		if (problems.length > 0) {
			failures.push({ commit: commit.slice(0, 7), subject: message.split('\n')[0] ?? '', problems });
		}
	}
	return { checked, notes, failures };
}

if (require.main === module) {
	const result = checkCommits(process.cwd());
	for (const note of result.notes) {
		process.stdout.write(`commit messages: note: ${note}\n`);
	}
	for (const f of result.failures) {
		process.stderr.write(`commit ${f.commit} ${JSON.stringify(f.subject.slice(0, 100))}: ${f.problems.join('; ')}\n`);
	}
	if (result.failures.length > 0) {
		process.stderr.write(
			`commit messages: ${result.failures.length} of ${result.checked} commits need a subject of at most ${MAX_SUBJECT} characters and a blank line before the body (git commit --amend, or git rebase -i before landing)\n`,
		);
		process.exitCode = 1;
	} else {
		process.stdout.write(`commit messages: ${result.checked} commits after ${BASELINE.slice(0, 7)} ok\n`);
	}
}
