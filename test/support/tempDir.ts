import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Temp dirs that do not outlive their tests. `tempDirs(hook)` registers one clean-up with the mocha hook given and
 * returns a maker: each `make('cw-x-')` is a new dir under os.tmpdir(), removed by that hook, which mocha runs even
 * when a test failed. Pass the hook of the file's interface and scope: `afterEach` or `after` (bdd: the unit tests),
 * `teardown` or `suiteTeardown` (tdd: the integration suites).
 */
export function tempDirs(hook: (fn: () => void) => void): (prefix: string) => string {
	const made: string[] = [];
	hook(() => {
		for (const dir of made.splice(0)) {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	return (prefix) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
		made.push(dir);
		return dir;
	};
}
