// Shared by the unit tests of the assistants' lever compiler (compile, folders, workspace file).
import * as assert from 'node:assert/strict';
import { getEntry } from '../../src/core/assistants/catalogue';
import type { CompileTarget } from '../../src/core/assistants/compile';
import type { AssistantDecision } from '../../src/core/assistants/decide';
import type { FileClassification } from '../../src/core/classify/types';
import type { Level } from '../../src/core/policy/schema';

/** A classified file with no reasons: all the compiler reads is its path and level. */
export const file = (path: string, level: Level): FileClassification => ({ path, level, reasons: [] });

/** The catalogue entry of `id` under `decision`, as a compile target; fails the test for an unknown id. */
export function target(id: string, decision: AssistantDecision): CompileTarget {
	const entry = getEntry(id);
	assert.ok(entry, id);
	return { entry, decision };
}
