/**
 * Writes the generated files under `policies/` (JSON Schemas, REFERENCE.md, default.json): `npm run schema`.
 * Run it after changing src/core/policy; the unit tests fail while the committed files are stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedPolicyFiles } from '../core/policy/artifacts';

const root = path.resolve(__dirname, '..', '..');
for (const file of generatedPolicyFiles()) {
	const target = path.join(root, ...file.path.split('/'));
	const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
	if (before === file.content) {
		process.stdout.write(`unchanged ${file.path}\n`);
		continue;
	}
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.writeFileSync(target, file.content);
	process.stdout.write(`wrote     ${file.path}\n`);
}
