/** The hook's audit entries: the hash-chained log, loaded only when there is something to record. */
import { basename, dirname, join } from 'node:path';
import type { AuditEventData } from '../core/audit/events';
import type * as AuditLogModule from '../core/audit/log';
import type * as LogStoreModule from '../core/audit/logStore';
import type * as OcsfModule from '../core/audit/ocsf';
import { MIRROR_SIDECAR } from '../core/audit/mirrorSidecar';
import { readRegularFileSync } from './regularFile';

/** Where the hook's entries are mirrored for a log shipper, and in which format. */
export interface HookMirror {
	file: string;
	format: 'native' | 'ocsf';
}

/** Set from the command line (`--mirror`, `--mirror-format`): wins over the sidecar beside the log. */
let commandLineMirror: HookMirror | undefined;

export function setHookMirror(mirror: HookMirror | undefined): void {
	commandLineMirror = mirror;
}

const MAX_SIDECAR_BYTES = 4096;

/**
 * Reads the sidecar the extension writes beside its audit log when the admin set a mirror: a small regular file,
 * opened without blocking (a FIFO in its place is not waited on), as every file the hook reads.
 */
export function readMirrorSidecar(dir: string): HookMirror | undefined {
	const read = readRegularFileSync(join(dir, MIRROR_SIDECAR), MAX_SIDECAR_BYTES);
	if (read.kind !== 'bytes') {
		return undefined;
	}
	try {
		const v = JSON.parse(read.bytes.toString('utf8')) as { file?: unknown; format?: unknown };
		return typeof v.file === 'string' && v.file ? { file: v.file, format: v.format === 'ocsf' ? 'ocsf' : 'native' } : undefined;
	} catch {
		return undefined;
	}
}

declare const __VERSION__: string | undefined;

/** Appends one entry to the hash-chained audit log (loaded only when there is something to record), and to the mirror. */
export async function appendAudit<K extends 'hook.deny' | 'hook.ask' | 'hook.allow' | 'hook.redact'>(
	log: string,
	now: () => Date,
	notes: string[],
	type: K,
	data: AuditEventData[K],
): Promise<void> {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { openAuditLog } = require('../core/audit/log') as typeof AuditLogModule;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { fsLogStore } = require('../core/audit/logStore') as typeof LogStoreModule;
		const mirrorTo = commandLineMirror ?? readMirrorSidecar(dirname(log));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mirror = mirrorTo ? (require('../core/audit/ocsf') as typeof OcsfModule).mirrorFor(mirrorTo.file, mirrorTo.format, typeof __VERSION__ === 'string' ? __VERSION__ : undefined) : undefined;
		const auditLog = openAuditLog({ store: fsLogStore(dirname(log)), name: basename(log), now, ...(mirror ? { mirror } : {}) });
		const r = await auditLog.append(type, data);
		if (r.mirrorError) {
			notes.push(`mirror: ${r.mirrorError}`);
		}
	} catch (err) {
		notes.push(`log: ${err instanceof Error ? err.message : String(err)}`);
	}
}
