/**
 * The org policy, version 1: the single contract every decision in Context Warden reads.
 *
 * Two shapes are defined here:
 * - `PolicySchema`: a complete policy (the built-in default, an org policy file). Omitted fields take the
 *   built-in default's values when layered, so an org policy can be short.
 * - `PolicyLayerSchema`: what a workspace layer (`.vscode/context-policy.json`, workspace settings) may say.
 *   Everything is optional; the layering code accepts only what tightens.
 *
 * Unknown keys are errors everywhere (`strictObject`): a typo must not silently weaken a policy.
 */
import { z } from 'zod';
import { AGENT_READ_ACTIONS } from './agentReads';
import { LEVELS } from './levels';

export { type Level, LEVELS, levelRank, maxLevel } from './levels';
export const LevelSchema = z.enum(LEVELS).describe('A sensitivity level: public < internal < confidential < restricted.');

/** Detector families the classifier knows. */
export const DETECTOR_FAMILIES = ['secrets', 'privateKeys', 'pii', 'markers', 'patterns'] as const;
export type DetectorFamily = (typeof DETECTOR_FAMILIES)[number];

/** PII kinds the `pii` family can look for. */
export const PII_KINDS = ['email', 'phone', 'cnResidentId', 'paymentCard', 'iban'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

const ruleId = z
	.string()
	.min(1)
	.max(100)
	.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an id is letters, digits, ".", "_", ":" or "-"');

export const PathRuleSchema = z
	.strictObject({
		id: ruleId.describe('A stable id, shown in reasons and reports.'),
		globs: z
			.array(z.string().min(1))
			.min(1)
			.describe(
				'minimatch globs on workspace-relative POSIX paths (dot files included, case-insensitive). A glob starting with "!" excludes what the rule\'s other globs matched.',
			),
		level: LevelSchema.describe('The level a matching file gets.'),
		reason: z.string().optional().describe('Why these files are sensitive, shown to developers.'),
	})
	.describe('Files matching the globs get at least this level. When rules overlap, the highest level wins.');
export type PathRule = z.infer<typeof PathRuleSchema>;

export const DetectorSettingSchema = z
	.strictObject({
		enabled: z.boolean().describe('Whether the family runs.'),
		level: LevelSchema.describe('The level a file with a finding of this family gets.'),
	})
	.describe('A detector family switch and the level it assigns.');
export type DetectorSetting = z.infer<typeof DetectorSettingSchema>;

export const PiiSettingSchema = DetectorSettingSchema.extend({
	kinds: z.array(z.enum(PII_KINDS)).optional().describe('Which PII kinds to look for; all when omitted.'),
}).describe('The PII family: validated e-mail, phone, Chinese resident ID, payment card and IBAN numbers.');

/** Whether a string compiles as a JavaScript regular expression. */
export function isValidRegex(source: string): boolean {
	try {
		new RegExp(source);
		return true;
	} catch {
		return false;
	}
}

export const OrgPatternSchema = z
	.strictObject({
		id: ruleId.describe('A stable id, shown in reasons and reports.'),
		regex: z
			.string()
			.min(1)
			.refine(isValidRegex, 'not a valid JavaScript regular expression')
			.describe('A JavaScript regular expression (no flags; matching is per line).'),
		caseInsensitive: z.boolean().optional().describe('Match without regard to case.'),
		level: LevelSchema.describe('The level a file containing a match gets.'),
		description: z.string().optional().describe('What the pattern finds, shown in reasons.'),
	})
	.describe('An org-specific content pattern, e.g. an internal project code name or ticket key.');
export type OrgPattern = z.infer<typeof OrgPatternSchema>;

export const ContentSchema = z
	.strictObject({
		maxFileSizeBytes: z
			.number()
			.int()
			.positive()
			.describe('Files larger than this are not content-scanned (path rules still apply); they are reported as skipped.'),
		detectors: z
			.strictObject({
				secrets: DetectorSettingSchema.describe('API keys, tokens, passwords and connection strings.'),
				privateKeys: DetectorSettingSchema.describe('PEM, OpenSSH and PGP private key blocks.'),
				pii: PiiSettingSchema,
				markers: DetectorSettingSchema.describe('Confidentiality markers such as CONFIDENTIAL or 机密.'),
				patterns: DetectorSettingSchema.describe('The org patterns below.'),
			})
			.describe('The detector families and the level each assigns.'),
		markers: z
			.array(z.string().min(1))
			.describe('Extra confidentiality markers of the org, matched as whole words, case-insensitive.'),
		patterns: z.array(OrgPatternSchema).describe('Org-specific regular expressions.'),
	})
	.describe('Content heuristics applied to saved files and unsaved buffers.');
export type ContentPolicy = z.infer<typeof ContentSchema>;

/** When a workspace counts as restricted: at a level threshold, or always, or never. */
export const RESTRICTED_AT = ['always', 'public', 'internal', 'confidential', 'restricted', 'never'] as const;
export type RestrictedAt = (typeof RESTRICTED_AT)[number];

const AgentReadActionSchema = z
	.enum(AGENT_READ_ACTIONS)
	.describe('deny: the read is refused; redact: the content passes with every finding replaced by a placeholder (where the agent lets a hook rewrite tool output; denied elsewhere); allow: the content passes as it is.');

export const AgentReadsSchema = z
	.strictObject(Object.fromEntries(LEVELS.map((l) => [l, AgentReadActionSchema.optional()])) as Record<(typeof LEVELS)[number], z.ZodOptional<typeof AgentReadActionSchema>>)
	.describe(
		'What an AI agent\'s read of a sensitive file (at or above sensitiveLevel) gets, per level. A level left out is denied: e.g. {"confidential": "redact"} lets agents work on confidential files with their secrets masked while restricted files stay denied.',
	);

export const WorkspaceRuleSchema = z
	.strictObject({
		restrictedAt: z
			.enum(RESTRICTED_AT)
			.describe(
				'A workspace is restricted when any file in it reaches this level; "always" restricts every workspace, "never" none.',
			),
		sensitiveLevel: LevelSchema.describe(
			'Files at or above this level are "sensitive": counted, excluded from assistants, denied to agent tools.',
		),
		agentReads: AgentReadsSchema.optional(),
	})
	.describe('When a workspace is restricted, and which files count as sensitive.');
export type WorkspaceRule = z.infer<typeof WorkspaceRuleSchema>;

export const ASSISTANT_ACTIONS = ['warn', 'disable'] as const;

/** How an org policy's `pathRules` combine with the built-in default groups. */
export const PATH_RULES_MODES = ['extend', 'replace'] as const;
export type AssistantAction = (typeof ASSISTANT_ACTIONS)[number];

export const AssistantsSchema = z
	.strictObject({
		allow: z
			.array(z.string().min(1))
			.describe(
				'Extension ids (publisher.name, case-insensitive) or catalogue ids allowed even in restricted workspaces, whatever their destinations: a name here wins over allowedDestinations. "*" adds nothing to allowedDestinations (an assistant is then allowed when every destination is).',
			),
		block: z
			.array(z.string().min(1))
			.describe('Extension ids or catalogue ids blocked in every workspace; "*" for all. Block wins over allow.'),
		restrictedAction: z
			.enum(ASSISTANT_ACTIONS)
			.describe('What happens to an assistant that is not allowed, in a restricted workspace: warn, or disable with every lever.'),
		allowedDestinations: z
			.array(z.string().min(1))
			.describe(
				'Where context may go, as destination ids or jurisdictions from the assistant catalogue (e.g. "alibaba-cloud", "cn-mainland", "eu", "self-hosted"); "*" for anywhere. In a restricted workspace an assistant every one of whose destinations is listed is allowed; one sending anywhere else gets restrictedAction unless it is named on allow. How the three combine: block wins over everything, in every workspace; then a name on allow; then allowedDestinations. The built-in default lists none.',
			),
		unrecognised: z
			.enum(['ignore', 'warn'])
			.describe('What to do about an extension that looks like an AI assistant but is not in the catalogue.'),
	})
	.describe('Which AI assistants may see this workspace, and what happens to the others.');
export type AssistantsPolicy = z.infer<typeof AssistantsSchema>;

/** What happens to an MCP server that is not allowed, in a restricted workspace. Ordered: each tightens the one before. */
export const MCP_ACTIONS = ['warn', 'sandbox', 'disable'] as const;
export type McpAction = (typeof MCP_ACTIONS)[number];

export const McpServerMatcherSchema = z
	.strictObject({
		command: z
			.string()
			.min(1)
			.optional()
			.describe('The command that starts a local server, compared by its file name without extension, case-insensitive (e.g. "docker", "uvx").'),
		package: z
			.string()
			.min(1)
			.optional()
			.describe('A package the command runs (npx/uvx/pipx/bunx/docker argument), without its version; "*" at the end matches a prefix (e.g. "@modelcontextprotocol/*").'),
		url: z
			.string()
			.min(1)
			.optional()
			.describe('A remote server\'s URL: matched as a prefix (query and fragment ignored); "*" in the host matches one label (e.g. "https://*.example.com/mcp").'),
		reason: z.string().optional().describe('Why, shown in reports.'),
	})
	.refine((m) => m.command !== undefined || m.package !== undefined || m.url !== undefined, 'give at least one of command, package or url (a server\'s display name is never matched: a config can rename it)')
	.describe('An MCP server, by what it runs or where it connects: every field given must match.');
export type McpServerMatcher = z.infer<typeof McpServerMatcherSchema>;

export const McpSchema = z
	.strictObject({
		allow: z.array(McpServerMatcherSchema).describe('Servers allowed even in restricted workspaces (when their destination is allowed).'),
		block: z.array(McpServerMatcherSchema).describe('Servers blocked in every workspace. Block wins over allow.'),
		allowedDestinations: z
			.array(z.string().min(1))
			.describe(
				'Hosts a remote server may connect to ("*.example.com" matches one or more labels; "localhost" covers loopback addresses); "*" for anywhere. A remote server elsewhere is blocked. Local (stdio) servers are not affected.',
			),
		restrictedAction: z
			.enum(MCP_ACTIONS)
			.describe(
				'What happens to a server that is not allowed, in a restricted workspace: warn; sandbox (VS Code: run it sandboxed with the sensitive files denied to it, which also auto-approves its tools; elsewhere disable where the assistant has a switch); or disable where the assistant has a switch.',
			),
	})
	.describe('Model Context Protocol servers the assistants start or connect to: which may run, where they may connect, and what happens to the others.');
export type McpPolicy = z.infer<typeof McpSchema>;

export const OverridesSchema = z
	.strictObject({
		allowWorkspaceLayers: z
			.boolean()
			.describe('Whether a workspace policy file and workspace settings are read at all (they can only tighten).'),
		exceptions: z
			.strictObject({
				allowed: z.boolean().describe('Whether a workspace may declare time-boxed exceptions.'),
				maxDays: z.number().int().positive().max(3650).describe('The longest an exception may last, in days.'),
				requireReason: z.boolean().describe('Whether each exception must say why.'),
			})
			.describe('Time-boxed exceptions: a path treated as public until an expiry date.'),
		pause: z
			.strictObject({
				allowed: z
					.boolean()
					.describe(
						'Whether a developer may pause enforcement in a restricted workspace: "Restore Assistant Settings" and "Remove Agent Hooks" then give the files back and Context Warden only warns until "Resume Enforcement", the end of maxMinutes or a change of the policy (recorded in the audit log with who and when). When false, both commands change nothing while the workspace is restricted.',
					),
				maxMinutes: z
					.number()
					.int()
					.positive()
					.max(525600)
					.optional()
					.describe('The longest a pause lasts, in minutes; without it a pause lasts until it is resumed or the policy changes.'),
			})
			.describe('Pausing enforcement in a restricted workspace (off by default).'),
	})
	.describe('What a workspace may change. Only the org policy (or the built-in default) sets this.');
export type OverridesPolicy = z.infer<typeof OverridesSchema>;

export const ExceptionSchema = z
	.strictObject({
		path: z.string().min(1).describe('A glob of workspace-relative paths the exception covers.'),
		reason: z.string().optional().describe('Why the exception is needed.'),
		granted: z.iso.date().optional().describe('The day the exception starts (YYYY-MM-DD); today when omitted.'),
		expires: z.iso.date().describe('The last day the exception applies (YYYY-MM-DD).'),
	})
	.describe('A time-boxed exception, honoured only where the org policy allows it.');
export type PolicyException = z.infer<typeof ExceptionSchema>;

const POLICY_FIELDS = {
	$schema: z.string().optional().describe('The JSON Schema of this file.'),
	version: z.literal(1).describe('The policy format version.'),
	name: z.string().min(1).describe('The policy\'s name, shown in the status bar and reports.'),
	description: z.string().optional().describe('What the policy is for.'),
};

/** A complete policy: the built-in default, or an org policy (whose omitted sections take the default's). */
export const PolicySchema = z
	.strictObject({
		...POLICY_FIELDS,
		pathRules: z.array(PathRuleSchema).describe('Path rules; a file gets the highest level of any rule that matches it.'),
		content: ContentSchema,
		workspace: WorkspaceRuleSchema,
		assistants: AssistantsSchema,
		mcp: McpSchema,
		overrides: OverridesSchema,
		exceptions: z.array(ExceptionSchema).describe('Exceptions granted by the org itself.'),
	})
	.describe('A Context Warden policy.');
export type Policy = z.infer<typeof PolicySchema>;

const DETECTORS = ContentSchema.shape.detectors;

/** Deep-partial section shapes, still strict: what an org policy or a workspace layer may leave out. */
const PartialContentSchema = z.strictObject({
	maxFileSizeBytes: ContentSchema.shape.maxFileSizeBytes.optional(),
	detectors: z
		.strictObject({
			secrets: DetectorSettingSchema.partial().optional().describe(DETECTORS.shape.secrets.description ?? ''),
			privateKeys: DetectorSettingSchema.partial().optional().describe(DETECTORS.shape.privateKeys.description ?? ''),
			pii: PiiSettingSchema.partial().optional().describe(DETECTORS.shape.pii.description ?? ''),
			markers: DetectorSettingSchema.partial().optional().describe(DETECTORS.shape.markers.description ?? ''),
			patterns: DetectorSettingSchema.partial().optional().describe(DETECTORS.shape.patterns.description ?? ''),
		})
		.optional()
		.describe(DETECTORS.description ?? ''),
	markers: ContentSchema.shape.markers.optional(),
	patterns: ContentSchema.shape.patterns.optional(),
}).describe(ContentSchema.description ?? '');
const WORKSPACE_PARTIAL = WorkspaceRuleSchema.partial().describe(WorkspaceRuleSchema.description ?? '');
const ASSISTANTS_PARTIAL = AssistantsSchema.partial().describe(AssistantsSchema.description ?? '');
const MCP_PARTIAL = McpSchema.partial().describe(McpSchema.description ?? '');

/**
 * An org policy file: `version` and `name` are required, every section may be left out or partly given,
 * and is filled from the built-in default.
 */
export const OrgPolicyFileSchema = z
	.strictObject({
		...POLICY_FIELDS,
		pathRules: PolicySchema.shape.pathRules
			.optional()
			.describe(
				'Path rules. They extend the built-in default\'s groups (a rule with a default group\'s id replaces that group); with pathRulesMode "replace" they are the only ones.',
			),
		pathRulesMode: z
			.enum(PATH_RULES_MODES)
			.optional()
			.describe('"extend" (when omitted): pathRules add to the built-in default groups. "replace": pathRules are the only path rules, and every default group is dropped.'),
		dropDefaultPathRules: z
			.array(ruleId)
			.optional()
			.describe('Ids of built-in default path rule groups to drop deliberately (e.g. "databases-and-dumps"); validate and the editor say which were dropped.'),
		content: PartialContentSchema.optional(),
		workspace: WORKSPACE_PARTIAL.optional(),
		assistants: ASSISTANTS_PARTIAL.optional(),
		mcp: MCP_PARTIAL.optional(),
		overrides: z
			.strictObject({
				allowWorkspaceLayers: OverridesSchema.shape.allowWorkspaceLayers.optional(),
				exceptions: OverridesSchema.shape.exceptions
					.partial()
					.optional()
					.describe(OverridesSchema.shape.exceptions.description ?? ''),
				pause: OverridesSchema.shape.pause.partial().optional().describe(OverridesSchema.shape.pause.description ?? ''),
			})
			.optional()
			.describe(OverridesSchema.description ?? ''),
		exceptions: PolicySchema.shape.exceptions.optional(),
	})
	.describe('A Context Warden org policy. Omitted sections take the built-in default\'s values.');
export type OrgPolicyFile = z.infer<typeof OrgPolicyFileSchema>;

/**
 * A workspace layer (`.vscode/context-policy.json`, or workspace settings translated to this shape).
 * It may only tighten: anything that would loosen the policy is ignored and reported.
 * `overrides` is not part of it: only the org decides what a workspace may change.
 */
export const PolicyLayerSchema = z
	.strictObject({
		$schema: POLICY_FIELDS.$schema,
		version: POLICY_FIELDS.version.optional(),
		name: z.string().min(1).optional().describe('Ignored in a workspace layer: the org policy names the policy.'),
		description: POLICY_FIELDS.description,
		pathRules: PolicySchema.shape.pathRules.optional(),
		content: PartialContentSchema.optional(),
		workspace: WORKSPACE_PARTIAL.optional(),
		assistants: ASSISTANTS_PARTIAL.optional(),
		mcp: MCP_PARTIAL.optional(),
		exceptions: z
			.array(ExceptionSchema)
			.optional()
			.describe('Exceptions this workspace asks for; honoured only within the org policy\'s overrides.exceptions limits.'),
	})
	.describe('A workspace policy layer: it may add rules and tighten, never loosen, the org policy.');
export type PolicyLayer = z.infer<typeof PolicyLayerSchema>;

/** Where a policy layer came from, weakest first. */
export const LAYER_KINDS = ['default', 'org', 'workspace', 'settings'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];
