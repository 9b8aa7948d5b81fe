/**
 * A child process for the concurrency test: appends `count` events to the log in `dir`, tagged with `writer`.
 * Usage: node --require tsx/cjs appendMany.ts <dir> <writer> <count> <maxSegmentBytes>
 */
import { openAuditLog } from '../../../../src/core/audit/log';
import { fsLogStore } from '../../../../src/core/audit/logStore';

async function main(): Promise<void> {
	const [dir, writer, count, maxBytes] = process.argv.slice(2);
	if (!dir || !writer || !count || !maxBytes) {
		throw new Error('usage: appendMany <dir> <writer> <count> <maxSegmentBytes>');
	}
	const log = openAuditLog({ store: fsLogStore(dir), maxSegmentBytes: Number(maxBytes) });
	for (let i = 0; i < Number(count); i++) {
		await log.append('hook.deny', { agent: writer, tool: 'Read', rule: 'env-files', paths: [`secrets/${writer}-${i}.env`] });
	}
}

main().catch((err: unknown) => {
	process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
	process.exit(1);
});
