/** Network clients that upload files (curl, wget, httpie) and openssl's file options. */
import { escapePattern } from '../pattern';
import type { Arg, Env } from '../types';
import type { Walker } from '../walk';
import { argOf } from '../words';

export function http(w: Walker, name: string, args: Arg[], env: Env, here: string): void {
	const fileAt = (v: string | undefined, raw: string): void => {
		if (v === undefined) {
			return;
		}
		const m = /^(?:[^@<=]*=)?[@<]([^;]+)(?:;.*)?$/s.exec(v) ?? /^[^@=]*@([^;]+)$/s.exec(v);
		if (m?.[1] !== undefined && m[1] !== '-') {
			w.pathOperand(argOf([escapePattern(m[1])], [], raw), env, `${here} (upload)`, false, {});
		}
	};
	// -H @file and --url-query @file read the file too (headers, query pairs).
	const dataFlags = new Set(['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-F', '--form', '--form-string', '-H', '--header', '--url-query', '--proxy-header']);
	const fileFlags = new Set(['-T', '--upload-file', '-K', '--config', '--post-file', '--body-file', '--load-cookies', '-i', '--input-file', '--netrc-file', '--raw']);
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		const t = a?.text;
		if (!a) {
			continue;
		}
		if (t === undefined) {
			if (a.holes.length > 0 && /@/.test(a.raw)) {
				w.unsure(`${here}: uploads a file whose name is computed at run time`);
			}
			continue;
		}
		const eq = t.startsWith('--') ? t.indexOf('=') : -1;
		const flag = eq > 0 ? t.slice(0, eq) : t;
		const inlineValue = eq > 0 ? t.slice(eq + 1) : undefined;
		if (dataFlags.has(flag) || /^-[dFH]./.test(t)) {
			const v = inlineValue ?? (/^-[dFH]./.test(t) ? t.slice(2) : args[++i]?.text);
			if (v === undefined && args[i]?.holes.length) {
				w.unsure(`${here}: sends data computed at run time`);
			}
			fileAt(v, t);
			continue;
		}
		if (fileFlags.has(flag)) {
			const v = inlineValue ?? args[++i]?.text;
			if (v !== undefined && v !== '-' && v !== '.') {
				w.pathOperand(argOf([escapePattern(v)], [], v), env, `${here} (upload)`, false, {});
			}
			continue;
		}
		if (/^file:\/\//i.test(t)) {
			w.pathOperand(argOf([escapePattern(decodeURIComponent(t.replace(/^file:\/\/[^/]*/i, '')))], [], t), env, here, false, {});
			continue;
		}
		if ((name === 'http' || name === 'https' || name === 'xh' || name === 'httpie') && /^(?:[^=:@]*(?:=|:=)@|@)(.+)$/.test(t)) {
			const m = /^(?:[^=:@]*(?:=|:=)@|@)(.+)$/.exec(t);
			if (m?.[1] !== undefined) {
				w.pathOperand(argOf([escapePattern(m[1])], [], t), env, `${here} (upload)`, false, {});
			}
		}
		if (name === 'curl' && t.startsWith('-') && !t.startsWith('--') && /^-[a-zA-Z]*[oHXuAeEx]$/.test(t)) {
			i++;
		}
	}
}

export function openssl(w: Walker, args: Arg[], env: Env, here: string): void {
	const reads = new Set(['-in', '-inkey', '-key', '-signkey', '-kfile', '-cert', '-infiles', '-CAkey', '-certfile', '-sigfile', '-prverify']);
	for (let i = 0; i < args.length; i++) {
		const t = args[i]?.text ?? '';
		const v = args[i + 1];
		if (reads.has(t) && v) {
			w.pathOperand(v, env, `${here} ${t}`, false, {});
			i++;
		} else if (/^-pass(in|out)?$/.test(t) && v?.text?.startsWith('file:')) {
			w.pathOperand(argOf([escapePattern(v.text.slice(5))], [], v.raw), env, `${here} ${t}`, false, {});
			i++;
		} else if (t.startsWith('-') && v?.text !== undefined && !v.text.startsWith('-') && !reads.has(t)) {
			i++;
		}
	}
}
