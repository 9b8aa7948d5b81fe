/**
 * The managed block of an ignore file sits after the user's own lines, and in gitignore the last matching line wins:
 * a `!/path` of ours (a file the policy does not find sensitive, such as `.env.example`) would re-include a file the
 * user's own lines exclude. Such a line is left out: the block only ever narrows what the user's lines let through.
 */
import ignore from 'ignore';
import { removeBlock } from './managedBlock';

/** The block's lines without the re-includes (`!…`) of paths the file's own lines (outside the block) exclude. */
export function keepUserExclusions(lines: readonly string[], fileText: string | undefined): string[] {
	if (fileText === undefined || !lines.some((l) => l.startsWith('!'))) {
		return [...lines];
	}
	const own = ignore().add(removeBlock(fileText).text);
	return lines.filter((l) => {
		if (!l.startsWith('!')) {
			return true;
		}
		const target = l.slice(1).replace(/^\/+/, '').replace(/\\(.)/g, '$1');
		try {
			return target === '' || !own.ignores(target);
		} catch {
			return true; // a path `ignore` refuses (e.g. `../x`) is not the user's to exclude
		}
	});
}
