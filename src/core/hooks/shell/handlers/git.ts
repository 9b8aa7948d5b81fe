/** git: the subcommands that print the work tree's files or their history. */
import { escapePattern } from '../pattern';
import { type Arg, type Env, HOLE } from '../types';
import type { Walker } from '../walk';
import { argOf, cloneEnv, resolve } from '../words';

export function git(w: Walker, args: Arg[], env: Env, here: string): void {
	let e = env;
	let i = 0;
	for (; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		if (t === '-C' || t === '-c' || t === '--git-dir' || t === '--work-tree' || t === '--namespace') {
			if (t === '-C') {
				e = { ...cloneEnv(env), cwds: (args[i + 1]?.patterns ?? [HOLE]).flatMap((p) => resolve(p, env)) };
			}
			i++;
			continue;
		}
		if (t.startsWith('-')) {
			continue;
		}
		break;
	}
	const sub = args[i]?.text;
	const rest = args.slice(i + 1);
	const afterDashDash = (): Arg[] => {
		const k = rest.findIndex((a) => a.text === '--');
		return k >= 0 ? rest.slice(k + 1) : [];
	};
	switch (sub) {
		case 'grep': {
			let k = 0;
			let patternGiven = false;
			const paths: Arg[] = [];
			for (; k < rest.length; k++) {
				const t = rest[k]?.text ?? '';
				if (t === '--') {
					paths.push(...rest.slice(k + 1));
					break;
				}
				if (t === '-e' || t === '-f') {
					patternGiven = true;
					k++;
					continue;
				}
				if (/^-[ABCm]$|^--(max-count|context|after-context|before-context|threads)$/.test(t)) {
					k++;
					continue;
				}
				if (t.startsWith('-')) {
					continue;
				}
				if (!patternGiven) {
					patternGiven = true;
					continue;
				}
				const a = rest[k];
				if (a) {
					paths.push(a);
				}
			}
			// A revision searches that commit's tree: the history's files (HEAD~1, a hash, main@{1}).
			const revs = paths.filter((p) => p.text !== undefined && /^(HEAD|FETCH_HEAD|ORIG_HEAD|[0-9a-f]{7,40}|.*[~^@].*)$/.test(p.text));
			if (revs.length > 0) {
				w.pathOperand(argOf(['.'], [], '.'), repoRoot(e), `${here} grep (history)`, true, {}, true);
			}
			const targets = revs.length > 0 ? paths.filter((p) => !revs.includes(p)) : paths.length > 0 ? paths : [argOf(['.'], [], '.')];
			for (const p of targets) {
				w.pathOperand(p, e, `${here} grep (recursive)`, true, {});
			}
			return;
		}
		case 'show':
		case 'cat-file':
		case 'blame':
		case 'diff':
		case 'log':
		case 'whatchanged':
		case 'format-patch':
		case 'difftool':
		case 'annotate':
		case 'stash':
		case 'reflog': {
			const root = repoRoot(e);
			for (const a of rest) {
				const t = a.text ?? '';
				const m = /^[^:\s]*:(.+)$/.exec(t);
				if (m?.[1] !== undefined && !t.startsWith('-')) {
					// `rev:path` is relative to the repository's top, unless it starts with ./ or ../
					const rel = /^\.\.?\//.test(m[1]) ? e : root;
					w.pathOperand(argOf([escapePattern(m[1])], [], m[1]), rel, `${here} ${sub} (from history)`, false, {});
				}
			}
			const paths = afterDashDash();
			for (const a of paths) {
				w.pathOperand(a, e, `${here} ${sub}`, false, {});
			}
			if (sub === 'diff' && rest.some((a) => a.text === '--no-index')) {
				for (const a of rest) {
					if (a.text === undefined || !a.text.startsWith('-')) {
						w.pathOperand(a, e, `${here} diff --no-index`, false, {});
					}
				}
				return;
			}
			if (sub === 'blame' || sub === 'annotate') {
				for (const a of rest) {
					if (a.text !== undefined && !a.text.startsWith('-') && !a.text.includes(':')) {
						w.pathOperand(a, e, `${here} ${sub}`, false, {}, true);
					}
				}
			}
			if (paths.length === 0 && printsHistory(sub, rest)) {
				// Diffs of whole commits: whatever sensitive file the history touched may be printed.
				w.pathOperand(argOf(['.'], [], '.'), root, `${here} ${sub} (history)`, true, {}, true);
			}
			return;
		}
		case 'archive':
			w.pathOperand(argOf(['.'], [], '.'), e, `${here} archive (recursive)`, true, {});
			return;
		case 'add':
		case 'stage':
			// Adding hashes the files' content into the repository, from where a push publishes it.
			if (rest.some((a) => a.text === '--stdin-paths' || a.text === '--pathspec-from-file' || a.text?.startsWith('--pathspec-from-file='))) {
				w.unsure(`${here} add: paths read from a file or stdin`);
				return;
			}
			for (const a of rest) {
				if (a.text === undefined || !a.text.startsWith('-')) {
					w.pathOperand(a, e, `${here} add`, true, {});
				} else if (/^(-A|--all|-u|--update)$/.test(a.text)) {
					w.pathOperand(argOf(['.'], [], '.'), repoRoot(e), `${here} add ${a.text}`, true, {}, true);
				}
			}
			return;
		case 'hash-object':
			for (const a of rest) {
				if (a.text === undefined || !a.text.startsWith('-')) {
					w.pathOperand(a, e, `${here} hash-object`, false, {});
				}
			}
			return;
		default:
			return;
	}
}

function repoRoot(e: Env): Env {
	return e.root !== undefined ? { ...cloneEnv(e), cwds: [e.root] } : e;
}

/** Whether a history command prints the content of whole commits (diffs), not only names or messages. */
function printsHistory(sub: string, rest: Arg[]): boolean {
	const flags = rest.map((a) => a.text ?? '');
	const revs = rest.filter((a) => a.text !== undefined && !a.text.startsWith('-') && !a.text.includes(':'));
	if (flags.some((f) => /^--(stat|shortstat|numstat|name-only|name-status|summary|oneline|format=.*|pretty=.*)$/.test(f)) && !flags.some((f) => /^(-p|-u|--patch)$/.test(f))) {
		return false;
	}
	switch (sub) {
		case 'log':
		case 'whatchanged':
		case 'reflog':
			return flags.some((f) => /^(-p|-u|--patch|--full-diff|-\d*p)$/.test(f) || /^-[a-zA-Z]*p[a-zA-Z]*$/.test(f));
		case 'show':
			return !rest.some((a) => (a.text ?? '').includes(':'));
		case 'diff':
		case 'difftool':
			return revs.length > 0 || flags.some((f) => f.includes('..'));
		case 'format-patch':
			return true;
		case 'stash':
			return flags[0] === 'show' && flags.some((f) => /^(-p|--patch)$/.test(f));
		default:
			return false;
	}
}
