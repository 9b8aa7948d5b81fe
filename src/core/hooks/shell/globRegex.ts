/** A bash glob (`*`, `?`, `[…]`, backslash escapes) as an anchored RegExp, for `${…}` operators. */
export function globToRegExp(glob: string): RegExp {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i] ?? '';
		if (c === '\\' && i + 1 < glob.length) {
			re += escape(glob[++i] ?? '');
		} else if (c === '*') {
			re += '[\\s\\S]*';
		} else if (c === '?') {
			re += '[\\s\\S]';
		} else if (c === '[') {
			const close = glob.indexOf(']', i + 2);
			if (close < 0) {
				re += '\\[';
			} else {
				let body = glob.slice(i + 1, close);
				if (body.startsWith('!')) {
					body = `^${body.slice(1)}`;
				}
				re += `[${body.replace(/\\/g, '\\\\')}]`;
				i = close;
			}
		} else {
			re += escape(c);
		}
	}
	return new RegExp(`^${re}$`);
}

function escape(c: string): string {
	return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
