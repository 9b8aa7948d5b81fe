/**
 * Assembles the byte scanner's WebAssembly and writes `src/core/classify/kernel/scanKernel.ts`:
 * `npm run kernel`. Run it after changing `scan.wat`; the unit tests fail while the committed file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assembleScanKernel, KERNEL_MODULE, ROOT, scanKernelModuleText } from './scanKernel';

void (async () => {
	const text = scanKernelModuleText(await assembleScanKernel());
	const target = path.join(ROOT, KERNEL_MODULE);
	if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) {
		process.stdout.write(`unchanged ${KERNEL_MODULE}\n`);
		return;
	}
	fs.writeFileSync(target, text);
	process.stdout.write(`wrote     ${KERNEL_MODULE}\n`);
})();
