/**
 * The assistant-governance contract: how the catalogue describes an AI assistant, where its context goes, and the
 * levers (settings, ignore files, permission files, hooks) that restrict or switch it off.
 *
 * Everything here is plain data. Facts carry their evidence; a fact we could not check against a vendor's own
 * source or documentation is marked `verified: false`, and the UI must say so.
 */
import type { Surface } from '../exposure/model';

/**
 * The ways an assistant can take context from the workspace, as the coverage report names them. `mcp`: the MCP
 * servers it calls (a catalogue entry lists it once a lever or a gap for it is known).
 */
export const COVERAGE_SURFACES = ['completions', 'chat', 'agentFileTools', 'terminal', 'indexing', 'mcp'] as const;
export type CoverageSurface = (typeof COVERAGE_SURFACES)[number];

/** Where a fact comes from. `verified` is true only for the vendor's own source code or documentation. */
export interface Evidence {
	/** A repository path at a commit, a documentation URL, an issue, or a research note section. */
	source: string;
	verified: boolean;
	/** What the evidence does not settle, or a known caveat. */
	note?: string;
}

/**
 * Legal/geographic zones a destination falls in. `global` means the vendor does not promise a region (or we could
 * not verify one); `user-configured` means whatever provider the developer configures (cloud API or local model).
 */
export const JURISDICTIONS = ['us', 'eu', 'cn-mainland', 'global', 'self-hosted', 'local', 'user-configured'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** One place an assistant can send context to. */
export interface Destination {
	/** A stable id an org policy can name in `assistants.allowedDestinations`, e.g. `github-copilot-cloud`. */
	id: string;
	/** The zone, also accepted in `allowedDestinations` (e.g. `cn-mainland`, `eu`, `self-hosted`). */
	jurisdiction: Jurisdiction;
	/** Human text: who runs it and where. */
	region: string;
	/** Whether the org can run this destination itself. */
	selfHostable: boolean;
	evidence: Evidence;
}

/** Why a lever exists: to keep sensitive files out (`exclude`) or to switch the assistant (or a part) off. */
export type LeverPurpose = 'exclude' | 'disable';

interface LeverBase {
	/** Unique in the catalogue, e.g. `copilot-chat.disableAIFeatures`. Recorded in the ledger and the audit. */
	id: string;
	purpose: LeverPurpose;
	/** The surfaces the lever closes when applied. */
	covers: CoverageSurface[];
	/** Set when the lever only partly closes what `covers` says, in words shown to the developer. */
	partial?: string;
	/** Set when the lever only works under a condition outside our control (an account flag, a product edition). */
	condition?: string;
	evidence: Evidence;
}

/** A VS Code setting. Only `window`/`resource`/`language-overridable` settings can be written to a workspace. */
export interface SettingLever extends LeverBase {
	kind: 'setting';
	key: string;
	/** The value that disables (purpose `disable`) or a fixed exclusion value. */
	value?: unknown;
	/**
	 * Instead of a fixed value: an array setting whose entries Context Warden adds from the sensitive set
	 * (`pathRegexes`: JavaScript regular expressions on the file path). The user's own entries are kept.
	 */
	itemsFrom?: 'pathRegexes';
	scope: 'window' | 'resource' | 'language-overridable' | 'application' | 'machine' | 'unknown';
	/** True when the setting also affects other assistants (e.g. `editor.inlineSuggest.enabled`). */
	shared?: boolean;
}

/** An ignore file the assistant reads, with the workspace-relative path we write. */
export interface IgnoreFileLever extends LeverBase {
	kind: 'ignoreFile';
	path: string;
	syntax: 'gitignore' | 'glob';
	/**
	 * Whether the assistant matches the file case-sensitively. `unknown` is treated as case-sensitive, so that
	 * a case-insensitive policy glob is written in a form that matches every case (see `compile.ts`).
	 */
	caseSensitive: boolean | 'unknown';
}

/** A JSON permission file (e.g. Claude Code's `.claude/settings.json`), or a config file we only describe. */
export interface PermissionFileLever extends LeverBase {
	kind: 'permissionFile';
	path: string;
	/** `claudePermissions`: `permissions.deny` entries `Read(<gitignore pattern>)`. `toml`: described, not written. */
	format: 'claudePermissions' | 'toml';
	/** How the file restricts the assistant, in words. */
	how: string;
}

/** An agent hook file. Hooks are installed by the hook module; the catalogue says where and what they cover. */
export interface HookLever extends LeverBase {
	kind: 'hook';
	path: string;
	how: string;
}

/** No known control: the entry says so, with the evidence of looking. */
export interface NoLever extends LeverBase {
	kind: 'none';
	/** What the developer (or the admin) can do instead. */
	remedy: string;
}

export type Lever = SettingLever | IgnoreFileLever | PermissionFileLever | HookLever | NoLever;
export type LeverKind = Lever['kind'];

/** An instruction/rule file an assistant includes in its context on its own. */
export interface InstructionFile {
	/** A minimatch glob on workspace-relative POSIX paths. */
	glob: string;
	evidence: Evidence;
}

/** How an assistant behaves in VS Code's Restricted Mode (an untrusted workspace). */
export type RestrictedModeSupport = 'disabled' | 'runs' | 'limited' | 'unknown';

/** One assistant in the catalogue. */
export interface CatalogueEntry {
	/** Stable catalogue id, usable in `assistants.allow` / `assistants.block`, e.g. `claude-code`. */
	id: string;
	name: string;
	vendor: string;
	/** Marketplace ids `publisher.name`, compared lower-cased. Empty for the editor's own AI and for forks. */
	extensionIds: string[];
	/** `editor`: part of VS Code itself (always present). `fork`: a VS Code fork whose files teams share. */
	host?: 'editor' | 'fork';
	destinations: Destination[];
	/** The surfaces the assistant has at all (a completion engine has no terminal). */
	surfaces: CoverageSurface[];
	/** The surfaces the exposure preview simulates for it. */
	exposureSurfaces: Surface[];
	levers: Lever[];
	instructionFiles: InstructionFile[];
	restrictedMode: { support: RestrictedModeSupport; evidence: Evidence };
	/** Anything else the developer should know (status, deprecation, name collisions). */
	notes?: string[];
}

/** An installed catalogue assistant, as found among the extensions of this window. */
export interface DetectedAssistant {
	entry: CatalogueEntry;
	/** The extension id as installed (original case); undefined for the editor's own AI. */
	extensionId?: string;
	isActive?: boolean;
	version?: string;
}
