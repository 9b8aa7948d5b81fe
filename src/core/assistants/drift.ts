/**
 * Drift: comparing what the ledger says Context Warden applied with what the files hold now.
 *
 * A drift event says what changed and where. Causes seen in practice: a user edited inside a managed block or
 * deleted it; VS Code wrote `chat.disableAIFeatures: false` back when the user re-enabled Copilot; a teammate's
 * commit replaced an ignore file; the file was deleted. When the policy requires enforcement, `detectDrift` also
 * returns the edits that re-apply the desired state (computed by `planApply`, so the user's own content survives).
 */
import type { DesiredChange } from './compile';
import { type FileTexts, type Ledger, type PlanResult, managedItems, planApply } from './ledger';
import { readBlock } from './managedBlock';
import { deepEqual, getArrayItems, getJsonValue, parseJsonc } from './managedJson';

export type DriftKind = 'fileDeleted' | 'blockRemoved' | 'blockEdited' | 'blockDamaged' | 'valueChanged' | 'itemRemoved' | 'unparseable';

export interface DriftEvent {
	file: string;
	kind: DriftKind;
	/** JSON pointer of the value or array (JSON files). */
	key?: string;
	/** What Context Warden applied (a value, an array entry, or the block's lines). */
	expected?: unknown;
	/** What is there now (absent when removed). */
	actual?: unknown;
	leverIds: string[];
	/** One plain sentence. */
	message: string;
}

export interface DriftReport {
	events: DriftEvent[];
	/** Present when `desired` was given and there is drift: the edits and records that enforce it again. */
	reapply?: PlanResult;
}

/**
 * Lists what changed since Context Warden applied its levers. Pass `desired` (and `now`) when the policy requires
 * enforcement, to get the re-apply plan too.
 */
export function detectDrift(ledger: Ledger, files: FileTexts, desired?: readonly DesiredChange[], now?: Date): DriftReport {
	const events: DriftEvent[] = [];
	const unparseable = new Set<string>();
	for (const item of managedItems(ledger)) {
		if (!item.latest.existed) {
			continue;
		}
		const text = files[item.file];
		const base = { file: item.file, leverIds: item.leverIds, ...(item.key !== undefined ? { key: item.key } : {}) };
		if (text === undefined) {
			if (!events.some((e) => e.file === item.file && e.kind === 'fileDeleted')) {
				events.push({ ...base, key: undefined, kind: 'fileDeleted', message: `${item.file} was deleted; Context Warden had written to it.` });
			}
			continue;
		}
		if (item.kind === 'ignoreBlock') {
			const block = readBlock(text);
			const expected = (item.latest.text ?? '').split('\n');
			if (block.state === 'absent') {
				events.push({ ...base, kind: 'blockRemoved', expected, message: `The Context Warden block in ${item.file} was removed.` });
			} else if (block.state === 'damaged') {
				events.push({ ...base, kind: 'blockDamaged', expected, message: `The Context Warden block in ${item.file} lost its end marker (line ${block.beginLine + 1}).` });
			} else if (!block.intact || block.lines.join('\n') !== item.latest.text) {
				events.push({ ...base, kind: 'blockEdited', expected, actual: block.lines, message: `The Context Warden block in ${item.file} was edited.` });
			}
			continue;
		}
		const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
		if (!parseJsonc(body).ok) {
			if (!unparseable.has(item.file)) {
				unparseable.add(item.file);
				events.push({ ...base, key: undefined, kind: 'unparseable', message: `${item.file} is not valid JSON now; Context Warden cannot check its entries.` });
			}
			continue;
		}
		const key = item.key ?? '';
		if (item.kind === 'jsonValue') {
			const cur = getJsonValue(body, key);
			if (!cur.exists || !deepEqual(cur.value, item.latest.value)) {
				events.push({
					...base,
					kind: 'valueChanged',
					expected: item.latest.value,
					...(cur.exists ? { actual: cur.value } : {}),
					message: cur.exists
						? `${key.slice(1)} in ${item.file} is ${JSON.stringify(cur.value)}; Context Warden set ${JSON.stringify(item.latest.value)}.`
						: `${key.slice(1)} was removed from ${item.file}; Context Warden set ${JSON.stringify(item.latest.value)}.`,
				});
			}
		} else {
			const items = getArrayItems(body, key) ?? [];
			if (!items.some((x) => deepEqual(x, item.latest.value))) {
				events.push({ ...base, kind: 'itemRemoved', expected: item.latest.value, message: `${JSON.stringify(item.latest.value)} was removed from ${key} in ${item.file}.` });
			}
		}
	}
	for (const e of events) {
		if (e.key === undefined) {
			delete e.key;
		}
	}
	if (desired && events.length > 0) {
		return { events, reapply: planApply(desired, ledger, files, now ?? new Date()) };
	}
	return { events };
}
