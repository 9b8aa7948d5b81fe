/** The hook's audit entries: the hash-chained log, loaded only when there is something to record. */
import { basename, dirname } from 'node:path';
import type { AuditEventData } from '../core/audit/events';
import type * as AuditLogModule from '../core/audit/log';
import type * as LogStoreModule from '../core/audit/logStore';

/** Appends one entry to the hash-chained audit log (loaded only when there is something to record). */
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
		const auditLog = openAuditLog({ store: fsLogStore(dirname(log)), name: basename(log), now });
		await auditLog.append(type, data);
	} catch (err) {
		notes.push(`log: ${err instanceof Error ? err.message : String(err)}`);
	}
}

