/**
 * JSON Schemas (draft-07) generated from the zod schema, so editors give completion and errors for policy files.
 * Two files: one for org policies, one for workspace layers (`.vscode/context-policy.json`).
 */
import { z } from 'zod';
import { OrgPolicyFileSchema, PolicyLayerSchema } from './schema';

export const ORG_SCHEMA_FILE = 'org-policy.schema.json';
export const LAYER_SCHEMA_FILE = 'context-policy.schema.json';

type JsonSchema = Record<string, unknown>;

function generate(schema: z.ZodType, title: string): JsonSchema {
	const generated = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as JsonSchema;
	const { $schema, ...rest } = generated;
	// VS Code reads these two keywords: policy files are JSONC.
	return { $schema, title, ...rest, allowComments: true, allowTrailingCommas: true };
}

/** The JSON Schema of an org policy file (`policy.json` at the well-known path or the `policyFile` setting). */
export function policyJsonSchema(): JsonSchema {
	return generate(OrgPolicyFileSchema, 'Context Warden org policy');
}

/** The JSON Schema of a workspace policy layer (`.vscode/context-policy.json`). */
export function layerJsonSchema(): JsonSchema {
	return generate(PolicyLayerSchema, 'Context Warden workspace policy layer');
}
