// The repository explains itself: no tracked file points at a path outside it (a clone has only the repository),
// and every reference to docs/evidence/<file>.md#<section> names a file and a heading that exist.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Paths of notes kept outside the repository while it was written; spelled in parts so this file does not match. */
const OUTSIDE = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/'), ['research', ''].join('/')];

function trackedTextFiles(): string[] {
	let listed: string;
	try {
		listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	} catch {
		return []; // not a git checkout (an unpacked tarball): nothing tracked to check
	}
	return listed
		.split('\0')
		.filter((f) => f !== '' && !/\.(png|jpe?g|gif|ico|vsix|wasm|woff2?|pdf|zip|gz)$/i.test(f))
		.filter((f) => fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
}

/** GitHub's anchor for a Markdown heading: lower case, spaces to dashes, punctuation dropped. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

describe('repository paths', () => {
	const files = trackedTextFiles();

	it('no tracked file names a path outside the repository', () => {
		const found: string[] = [];
		for (const file of files) {
			const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
			text.split('\n').forEach((line, i) => {
				for (const outside of OUTSIDE) {
					if (line.includes(outside)) {
						found.push(`${file}:${i + 1}: ${outside}`);
					}
				}
			});
		}
		assert.deepEqual(found, [], 'write the fact into docs/evidence/ (one file per topic) and point there, or at the public source');
	});

	it('every docs/evidence reference names a file and a heading that exist', () => {
		const broken: string[] = [];
		const anchors = new Map<string, Set<string>>();
		const headingsOf = (doc: string): Set<string> | undefined => {
			if (!anchors.has(doc)) {
				const full = path.join(ROOT, 'docs', 'evidence', doc);
				anchors.set(
					doc,
					fs.existsSync(full)
						? new Set(
								fs
									.readFileSync(full, 'utf8')
									.split('\n')
									.filter((l) => /^#{1,6} /.test(l))
									.map((l) => anchorOf(l.replace(/^#+ /, ''))),
							)
						: new Set(['\0missing']),
				);
			}
			const set = anchors.get(doc);
			return set?.has('\0missing') ? undefined : set;
		};
		for (const file of files) {
			const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
			for (const m of text.matchAll(/docs\/evidence\/([A-Za-z0-9_-]+\.md)(?:#([a-z0-9-]+))?/g)) {
				const doc = m[1] as string;
				const headings = headingsOf(doc);
				if (!headings) {
					broken.push(`${file}: docs/evidence/${doc} does not exist`);
				} else if (m[2] !== undefined && !headings.has(m[2])) {
					broken.push(`${file}: docs/evidence/${doc}#${m[2]}: no such heading`);
				}
			}
		}
		assert.deepEqual(broken, []);
	});
});
