/**
 * The byte scanner's WebAssembly: assembled from `src/core/classify/kernel/scan.wat` with wabt (a dev
 * dependency only: the extension and the CLI load the committed bytes, never wabt) into the TypeScript module
 * `scanKernel.ts`. `npm run kernel` writes it; a unit test fails while the committed file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import wabt from 'wabt';

export const ROOT = path.resolve(__dirname, '..', '..');
export const KERNEL_SOURCE = 'src/core/classify/kernel/scan.wat';
export const KERNEL_MODULE = 'src/core/classify/kernel/scanKernel.ts';

/** The assembled, validated module bytes of the kernel source. */
export async function assembleScanKernel(): Promise<Uint8Array> {
	const text = fs.readFileSync(path.join(ROOT, KERNEL_SOURCE), 'utf8');
	const module = (await wabt()).parseWat(KERNEL_SOURCE, text);
	try {
		module.validate();
		return module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer;
	} finally {
		module.destroy();
	}
}

/** The text of the generated TypeScript module holding `bytes`. */
export function scanKernelModuleText(bytes: Uint8Array): string {
	const base64 = Buffer.from(bytes).toString('base64');
	const lines = base64.match(/.{1,100}/g) ?? [];
	return [
		`// Generated from ${KERNEL_SOURCE} by \`npm run kernel\` (src/tools/generateScanKernel.ts). Do not edit.`,
		'/** The byte scanner\'s WebAssembly module, base64-encoded. */',
		'export const SCAN_KERNEL_BASE64 =',
		...lines.map((l, i) => `\t'${l}'${i === lines.length - 1 ? ';' : ' +'}`),
		'',
	].join('\n');
}
