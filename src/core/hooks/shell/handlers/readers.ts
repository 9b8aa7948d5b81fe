/** Readers (cat, grep, tar, cp…): the operands and flag values their spec says they read. */
import { escapePattern } from '../pattern';
import type { ReaderSpec } from '../programs';
import type { Arg, Env, Feed } from '../types';
import type { Walker } from '../walk';
import { argOf, cloneEnv, resolve } from '../words';

export function reader(w: Walker, name: string, spec: ReaderSpec, args: Arg[], env: Env, here: string, feed: Feed | undefined): void {
	const operands: Arg[] = [];
	let recursive = spec.alwaysRecursive === true;
	let cancelled = false;
	let hidden = false;
	let target = false;
	let endOfOptions = false;
	const include: string[] = [];
	const exclude: string[] = [];
	let e = env;
	const fileValue = (value: Arg): void => {
		w.pathOperand(value, e, `${here} (flag value)`, false, {});
	};
	const onFlag = (flag: string, value: Arg | undefined): void => {
		if (spec.recursiveFlags?.includes(flag)) {
			recursive = true;
		}
		if (spec.skipCancelledBy?.includes(flag)) {
			cancelled = true;
		}
		if (spec.skipsHidden?.includes(flag) || spec.skipsHidden?.includes(`-${flag}`)) {
			hidden = true;
		}
		if (spec.targetFlags?.includes(flag)) {
			target = true;
		}
		if (value && spec.fileFlags?.includes(flag)) {
			fileValue(value);
		}
		if (value?.text !== undefined) {
			if (flag === '--include') {
				include.push(value.text);
			} else if (flag === '--exclude' || flag === '--exclude-dir') {
				exclude.push(value.text);
			} else if ((flag === 'g' || flag === '--glob' || flag === '--iglob') && name === 'rg') {
				if (value.text.startsWith('!')) {
					exclude.push(value.text.slice(1));
				} else {
					include.push(value.text);
				}
			} else if (flag === 'C' && (name === 'tar' || name === 'bsdtar')) {
				e = { ...cloneEnv(env), cwds: value.patterns.flatMap((p) => resolve(p, env)) };
			} else if ((flag === '--directories' || flag === 'd') && value.text === 'recurse' && name.endsWith('grep')) {
				recursive = true;
			}
		}
	};
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (!a) {
			continue;
		}
		const t = a.text;
		if (endOfOptions || t === undefined || !t.startsWith('-') || t === '-') {
			// `-` is stdin, except as an archiver's output (`zip - files`: the archive goes to stdout).
			if (t !== '-' || (spec.firstIsOutput && operands.length === 0)) {
				operands.push(a);
			}
			continue;
		}
		if (t === '--') {
			endOfOptions = true;
			continue;
		}
		if (spec.stopFlags?.includes(t)) {
			break;
		}
		if (t.startsWith('--') || spec.longValue?.includes(t)) {
			const eq = t.indexOf('=');
			const flag = eq >= 0 ? t.slice(0, eq) : t;
			let value: Arg | undefined;
			if (eq >= 0) {
				const v = t.slice(eq + 1);
				value = argOf([escapePattern(v)], [], v);
				if (spec.recursiveFlags?.includes(t)) {
					recursive = true;
				}
			} else if (spec.longValue?.includes(flag)) {
				value = args[i + 1];
				i++;
			}
			onFlag(flag, value);
			continue;
		}
		if (/^-\d+$/.test(t)) {
			continue;
		}
		const letters = t.slice(1);
		for (let k = 0; k < letters.length; k++) {
			const l = letters[k] ?? '';
			if (spec.shortValue?.includes(l)) {
				const inline = letters.slice(k + 1);
				let value: Arg | undefined;
				if (inline !== '') {
					value = argOf([escapePattern(inline)], [], inline);
				} else {
					value = args[i + 1];
					i++;
				}
				onFlag(l, value);
				break;
			}
			onFlag(l, undefined);
		}
	}
	let ops = operands;
	if (spec.skipOperands && !cancelled) {
		ops = ops.slice(spec.skipOperands);
	}
	if (spec.assignmentOperands) {
		ops = ops.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o.patterns[0] ?? ''));
	}
	if (spec.firstIsOutput && ops.length > 0) {
		ops[0]?.patterns.forEach((p) => w.writes.push(...resolve(p, e)));
		ops = ops.slice(1);
	}
	if (spec.lastIsDestination && !target && ops.length >= 2) {
		ops[ops.length - 1]?.patterns.forEach((p) => w.writes.push(...resolve(p, e)));
		ops = ops.slice(0, -1);
	}
	const extra = {
		...(spec.skipsHidden && !hidden ? { skipHidden: true } : {}),
		...(include.length > 0 ? { include } : {}),
		...(exclude.length > 0 ? { exclude } : {}),
	};
	if (ops.length === 0) {
		if (feed) {
			w.fromFeed(feed, here, recursive, extra);
			return;
		}
		if (spec.defaultOperand !== undefined && (!spec.defaultOnlyWhenRecursive || recursive)) {
			ops = [argOf([spec.defaultOperand], [], spec.defaultOperand)];
		}
	} else if (feed) {
		w.fromFeed(feed, here, recursive, extra);
	}
	for (const o of ops) {
		w.pathOperand(o, e, recursive ? `${here} (recursive)` : here, recursive, extra);
	}
}
