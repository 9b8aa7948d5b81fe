/**
 * The generated files under `policies/`: both JSON Schemas, the reference and the built-in default serialized.
 * `npm run schema` writes them; a unit test fails when the committed copies are stale.
 */
import { DEFAULT_POLICY } from './defaultPolicy';
import { LAYER_SCHEMA_FILE, layerJsonSchema, ORG_SCHEMA_FILE, policyJsonSchema } from './jsonSchema';
import { policyReferenceMarkdown } from './reference';

export interface GeneratedFile {
	/** Repository-relative POSIX path. */
	path: string;
	content: string;
}

function jsonFile(value: unknown): string {
	return `${JSON.stringify(value, null, '\t')}\n`;
}

/** The built-in default as an org policy file, `$schema` first. */
export function defaultPolicyFileText(): string {
	return jsonFile({ $schema: `./${ORG_SCHEMA_FILE}`, ...DEFAULT_POLICY });
}

/** Every generated file under `policies/`, with its content. */
export function generatedPolicyFiles(): GeneratedFile[] {
	return [
		{ path: `policies/${ORG_SCHEMA_FILE}`, content: jsonFile(policyJsonSchema()) },
		{ path: `policies/${LAYER_SCHEMA_FILE}`, content: jsonFile(layerJsonSchema()) },
		{ path: 'policies/REFERENCE.md', content: policyReferenceMarkdown() },
		{ path: 'policies/default.json', content: defaultPolicyFileText() },
	];
}
