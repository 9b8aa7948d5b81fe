/**
 * Validation against the SARIF 2.1.0 JSON schema. The schema file comes from the npm package
 * @microsoft/jest-sarif (Microsoft's SARIF SDK), `lib/schemas/sarif-2.1.0-rtm.5.json`: the schema of the
 * SARIF 2.1.0 OASIS Standard, in JSON Schema draft-04, so it is compiled with ajv-draft-04 and ajv-formats
 * (which checks `uri`, `uri-reference` and `date-time`).
 */
import * as fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** Validates a SARIF log; returns the schema errors (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
	if (!validator) {
		const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
		// unicodeRegExp: false: the schema's toolComponent.language pattern ends in a stray `]`, a syntax error
		// under the `u` flag that ajv uses by default; without it the pattern means what JSON Schema engines read.
		const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
		addFormats(ajv);
		validator = ajv.compile(schema);
	}
	if (validator(log)) {
		return [];
	}
	const errors = (validator.errors ?? []) as { instancePath?: string; message?: string; params?: unknown }[];
	return errors.map((e) => `${e.instancePath ?? ''}: ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`);
}
