/**
 * Drift: comparing what the ledger says Context Warden applied with what the files hold now.
 *
 * A drift event says what changed and where. Causes seen in practice: a user edited inside a managed block or
 * deleted it; VS Code wrote `chat.disableAIFeatures: false` back when the user re-enabled Copilot; a teammate's
 * commit replaced an ignore file; the file was deleted. When the policy requires enforcement, `detectDrift` also
 * returns the edits that re-apply the desired state (computed by `planApply`, so the user's own content survives).
 */
import { type DesiredChange, settingKeyOf, WORKSPACE_FILE_KEY } from './compile';
import { fillTemplate } from './decide';
import { type FileTexts, type Ledger, type PlanResult, managedItems, planApply } from './ledger';
import { readBlock } from './managedBlock';
import { deepEqual, getArrayItems, getJsonValue, parseJsonc } from './managedJson';

/**
 * Every drift sentence, in English with `{0}`-style placeholders (files, keys and JSON values go in as they are). The
 * core fills them in for logs, the audit log and reports; an adapter shows `messageTemplate` in the editor's display
 * language instead, keyed by these templates.
 */
export const DRIFT_TEXT = {
	fileDeleted: '{0} was deleted; Context Warden had written to it.',
	blockRemoved: 'The Context Warden block in {0} was removed.',
	blockDamaged: 'The Context Warden block in {0} lost its end marker (line {1}).',
	blockEdited: 'The Context Warden block in {0} was edited.',
	unparseable: '{0} is not valid JSON now; Context Warden cannot check its entries.',
	valueChanged: '{0} in {1} is {2}; Context Warden set {3}.',
	valueRemoved: '{0} was removed from {1}; Context Warden set {2}.',
	itemRemoved: '{0} was removed from {1} in {2}.',
} as const;

export type DriftTemplate = (typeof DRIFT_TEXT)[keyof typeof DRIFT_TEXT];

/** A drift sentence: a template of `DRIFT_TEXT` and what fills its placeholders. */
export interface DriftSentence {
	template: DriftTemplate;
	args: readonly string[];
}

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
	/** The same sentence as a template (`message` is `fillTemplate` of it), for display. */
	messageTemplate: DriftSentence;
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
				events.push({ ...base, key: undefined, kind: 'fileDeleted', ...say('fileDeleted', fileLabel(item.file)) });
			}
			continue;
		}
		if (item.kind === 'ignoreBlock') {
			const block = readBlock(text);
			const expected = (item.latest.text ?? '').split('\n');
			if (block.state === 'absent') {
				events.push({ ...base, kind: 'blockRemoved', expected, ...say('blockRemoved', fileLabel(item.file)) });
			} else if (block.state === 'damaged') {
				events.push({ ...base, kind: 'blockDamaged', expected, ...say('blockDamaged', fileLabel(item.file), String(block.beginLine + 1)) });
			} else if (!block.intact || block.lines.join('\n') !== item.latest.text) {
				events.push({ ...base, kind: 'blockEdited', expected, actual: block.lines, ...say('blockEdited', fileLabel(item.file)) });
			}
			continue;
		}
		const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
		if (!parseJsonc(body).ok) {
			if (!unparseable.has(item.file)) {
				unparseable.add(item.file);
				events.push({ ...base, key: undefined, kind: 'unparseable', ...say('unparseable', fileLabel(item.file)) });
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
					...(cur.exists
						? say('valueChanged', valueLabel(item.file, key), fileLabel(item.file), String(JSON.stringify(cur.value)), String(JSON.stringify(item.latest.value)))
						: say('valueRemoved', valueLabel(item.file, key), fileLabel(item.file), String(JSON.stringify(item.latest.value)))),
				});
			}
		} else {
			const items = getArrayItems(body, key) ?? [];
			if (!items.some((x) => deepEqual(x, item.latest.value))) {
				events.push({ ...base, kind: 'itemRemoved', expected: item.latest.value, ...say('itemRemoved', String(JSON.stringify(item.latest.value)), settingKeyOf(item.file, key) ?? key, fileLabel(item.file)) });
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

/** A managed file as a sentence names it: the workspace file's ledger key (`/.code-workspace`) without its slash. */
function fileLabel(file: string): string {
	return file === WORKSPACE_FILE_KEY ? file.slice(1) : file;
}

/** A managed value's pointer as a sentence names it: a setting by its id (also under the workspace file's `settings`). */
function valueLabel(file: string, pointer: string): string {
	return settingKeyOf(file, pointer) ?? pointer.slice(1);
}

function say(key: keyof typeof DRIFT_TEXT, ...args: string[]): Pick<DriftEvent, 'message' | 'messageTemplate'> {
	const messageTemplate = { template: DRIFT_TEXT[key], args };
	return { message: fillTemplate(messageTemplate.template, args), messageTemplate };
}
