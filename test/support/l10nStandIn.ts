// Loads an adapter module that only needs `vscode.l10n.t` in plain Node, against a stand-in that marks what went
// through it, «like this», filling placeholders as vscode.l10n.t does: a text equals «the English» only when it
// was translated under exactly that key.
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleStatics = Module as unknown as { _resolveFilename: ResolveFilename };
const STAND_IN = path.join(__dirname, 'vscode-l10n-stand-in.js');

/** The stand-in for `vscode.l10n.t`. */
export function markedT(message: string, ...args: unknown[]): string {
	return `«${message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])))}»`;
}

/** What the stand-in makes of an English text translated under its own key. */
export const translated = (english: string): string => `«${english}»`;

/**
 * Requires `modulePath` (resolved from `fromFile`) with `vscode` mapped to the stand-in; returns the module and a
 * function that undoes the mapping.
 */
export function requireWithL10nStandIn<T>(fromFile: string, modulePath: string): { module: T; restore: () => void } {
	return requireWithVscodeStandIn<T>(fromFile, modulePath, { l10n: { t: markedT } });
}

/**
 * Requires `modulePath` (resolved from `fromFile`) with `vscode` mapped to `vscodeExports`; returns the module and a
 * function that undoes the mapping.
 */
export function requireWithVscodeStandIn<T>(fromFile: string, modulePath: string, vscodeExports: object): { module: T; restore: () => void } {
	const original = moduleStatics._resolveFilename;
	moduleStatics._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
		return request === 'vscode' ? STAND_IN : original.call(this, request, ...rest);
	};
	const stand = new Module(STAND_IN);
	stand.filename = STAND_IN;
	stand.loaded = true;
	stand.exports = vscodeExports;
	require.cache[STAND_IN] = stand;
	const module = createRequire(fromFile)(modulePath) as T;
	return {
		module,
		restore: () => {
			moduleStatics._resolveFilename = original;
			delete require.cache[STAND_IN];
		},
	};
}
