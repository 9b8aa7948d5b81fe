/**
 * The classification contract: what the classifier says about a file, read by the index, the explorer
 * decorations, the exposure preview, the assistant compilers, the hook and the audit.
 */
import type { Level } from '../policy/schema';

/** What kind of evidence a reason is. `path` comes from a path rule; the others from content detectors. */
export const REASON_KINDS = ['path', 'secret', 'private-key', 'pii', 'marker', 'pattern'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One reason a file has its level. Content reasons carry a 1-based position and a masked preview. */
export interface Reason {
	kind: ReasonKind;
	/** The rule's id: a path rule id, a detector rule id (e.g. `aws-access-key-id`) or an org pattern id. */
	rule: string;
	level: Level;
	/** A human sentence: the rule's reason or description. Never contains the secret. */
	message: string;
	/** 1-based line and column of the finding's start (content reasons only). */
	line?: number;
	column?: number;
	/** 1-based line and column just past the finding's end (content reasons only). */
	endLine?: number;
	endColumn?: number;
	/** The finding with its sensitive part masked, e.g. `AKIA************MPLE`. Never the raw value. */
	preview?: string;
}

/** Why a file was not content-scanned. Path rules still applied to it. */
export const SKIP_REASONS = ['too-large', 'binary', 'unreadable', 'symlink', 'not-a-file', 'excluded'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The classification of one file: its level and every reason for it. */
export interface FileClassification {
	/** Workspace-relative POSIX path. */
	path: string;
	level: Level;
	/** Most severe first. Empty for a public file with no findings. */
	reasons: Reason[];
	/** Set when the content was not scanned, with why (the level then rests on path rules only). */
	skipped?: { reason: SkipReason; detail?: string };
	/** Size in bytes of what was classified, when known. */
	size?: number;
	/**
	 * Set when an active exception covers the path: the file is treated as public and `reasons` is empty; the
	 * exception's glob, expiry and reason say why.
	 */
	exception?: { path: string; expires?: string; reason?: string };
	/** How many content findings were left out of `reasons` (per-rule and per-file caps), when any. */
	omittedFindings?: number;
	/** Problems met while classifying (e.g. the org-pattern time budget ran out), for logs. */
	warnings?: string[];
}
