/**
 * The hook installer's desired state, in the assistants core's terms (`DesiredChange`), so that the ledger
 * (src/core/assistants/ledger.ts) applies it with comments and the user's keys kept byte for byte, and undoes it
 * exactly. Pure.
 *
 * Each event's hook entries are added to the event's array (`hooks.<Event>`), next to the user's own hooks;
 * other top-level members (Cursor's `version`) are set as values.
 */
import type { DesiredChange } from '../assistants/compile';
import { toPointer } from '../assistants/managedJson';
import type { HookInstallSpec } from './install';

/** The lever id of an agent's hook, as the assistants catalogue names it (for coverage). */
export const HOOK_LEVER_IDS: Readonly<Record<string, string>> = {
	vscode: 'github-copilot-chat.hook',
	claude: 'claude-code.hook',
	codex: 'openai-codex.hook',
	cline: 'cline.hook',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The ledger changes that install one JSON spec (workspace scope). Executable specs and user-scope files are not
 * expressible here: they return an empty list.
 */
export function hookDesiredChanges(spec: HookInstallSpec): DesiredChange[] {
	if (spec.format !== 'json' || spec.scope !== 'workspace' || !isRecord(spec.content)) {
		return [];
	}
	const leverIds = [HOOK_LEVER_IDS[spec.agent] ?? `${spec.agent}.hook`];
	const changes: DesiredChange[] = [];
	for (const [key, value] of Object.entries(spec.content)) {
		if (key === 'hooks' && isRecord(value)) {
			for (const [event, entries] of Object.entries(value)) {
				if (Array.isArray(entries)) {
					// The ledger compares array items with deep equality: objects work as well as the strings its type names.
					changes.push({ kind: 'jsonArrayItems', file: spec.file, key: toPointer(['hooks', event]), items: entries as string[], leverIds });
				}
			}
		} else {
			changes.push({ kind: 'jsonValue', file: spec.file, key: toPointer([key]), value, leverIds });
		}
	}
	return changes;
}
