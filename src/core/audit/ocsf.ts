/**
 * The audit log's entries as OCSF events (Open Cybersecurity Schema Framework 1.8.0), one JSON object per line, for
 * the mirror file a log shipper carries to a SIEM. The native hash-chained log stays the record of truth; each OCSF
 * event carries the native entry's sequence number (`metadata.sequence`), the sha256 of its native line
 * (`metadata.uid`) and the previous line's sha256 (`unmapped.context_warden.prev`), so a SIEM can check that no
 * entry is missing: event n's `prev` equals event n-1's `metadata.uid`.
 *
 * Which OCSF class each event type goes to (docs/audit-ocsf.md says why):
 * - agent hook decisions (`hook.*`): Data Security Finding (2006), the class for DLP and secrets detections: the
 *   file, the rule as `data_security.policy`, and the control's action and disposition (denied/blocked,
 *   asked/challenge, redacted/corrected, allowed/logged);
 * - workspace restriction, assistant governance and drift: Compliance Finding (2003), the policy as the standard;
 * - policy loads and rejections, refused loosenings, exceptions: Device Config State Change (5019);
 * - audit reports: Scan Activity (6007), completed, with the files and findings counted;
 * - retention pruning the log: Event Log Activity (1008), delete.
 *
 * toOcsf reads no file and no clock: the entry, its line and the machine context come in, the event goes out;
 * machineOcsfContext reads the context from the OS once, for the editor, the CLI and the hook alike.
 * Only the entry's metadata is used (what `guardAuditData` let into the log): never content or a secret.
 */
import * as os from 'node:os';
import { sha256Hex } from '../policy/layering';
import type { AuditEventType } from './events';
import { type AuditEntry, type AuditMirror, fsMirror, parseEntry } from './log';

/** The OCSF release the events follow (`metadata.version`). */
export const OCSF_VERSION = '1.8.0';
/** The OCSF profiles every event applies: the device and actor (host), a control's action and disposition. */
export const OCSF_PROFILES = ['host', 'security_control'] as const;

/** Where the events are produced: what the mirror adds to every event. */
export interface OcsfContext {
	productVersion: string;
	hostname: string;
	/** The OS user who runs the editor, the CLI or the agent. */
	user: string;
	/** Node's `process.platform`; osOf turns it into OCSF's `os` object. */
	platform: string;
}

type OcsfValue = string | number | boolean | null | OcsfValue[] | { [key: string]: OcsfValue };
export type OcsfEvent = { [key: string]: OcsfValue };

interface ClassInfo {
	uid: number;
	name: string;
	category: number;
	categoryName: string;
}

const DATA_SECURITY_FINDING: ClassInfo = { uid: 2006, name: 'Data Security Finding', category: 2, categoryName: 'Findings' };
const COMPLIANCE_FINDING: ClassInfo = { uid: 2003, name: 'Compliance Finding', category: 2, categoryName: 'Findings' };
const CONFIG_STATE_CHANGE: ClassInfo = { uid: 5019, name: 'Device Config State Change', category: 5, categoryName: 'Discovery' };
const SCAN_ACTIVITY: ClassInfo = { uid: 6007, name: 'Scan Activity', category: 6, categoryName: 'Application Activity' };
const EVENT_LOG_ACTIVITY: ClassInfo = { uid: 1008, name: 'Event Log Activity', category: 1, categoryName: 'System Activity' };

/** OCSF severity_id. */
const SEVERITY = { informational: 1, low: 2, medium: 3, high: 4 } as const;
const SEVERITY_NAME: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High' };

/** The class of each event type. A new event type must be placed here (the compiler says so). */
export const OCSF_CLASS_OF: Record<AuditEventType, ClassInfo> = {
	'policy.loaded': CONFIG_STATE_CHANGE,
	'policy.rejected': CONFIG_STATE_CHANGE,
	'workspace.restricted': COMPLIANCE_FINDING,
	'workspace.unrestricted': COMPLIANCE_FINDING,
	'assistant.warned': COMPLIANCE_FINDING,
	'assistant.disabled': COMPLIANCE_FINDING,
	'assistant.restored': COMPLIANCE_FINDING,
	'exception.granted': CONFIG_STATE_CHANGE,
	'exception.expired': CONFIG_STATE_CHANGE,
	'drift.detected': COMPLIANCE_FINDING,
	'audit.run': SCAN_ACTIVITY,
	'hook.deny': DATA_SECURITY_FINDING,
	'hook.ask': DATA_SECURITY_FINDING,
	'hook.allow': DATA_SECURITY_FINDING,
	'hook.redact': DATA_SECURITY_FINDING,
	'loosening.refused': CONFIG_STATE_CHANGE,
	'audit.pruned': EVENT_LOG_ACTIVITY,
	'enforcement.paused': CONFIG_STATE_CHANGE,
	'enforcement.resumed': CONFIG_STATE_CHANGE,
	'enforcement.pauseRefused': CONFIG_STATE_CHANGE,
};

/** An event type this version does not know (a newer writer's): hook decisions stay findings, the rest config. */
function classOf(type: string): ClassInfo {
	const known = (OCSF_CLASS_OF as Record<string, ClassInfo | undefined>)[type];
	if (known) {
		return known;
	}
	return type.startsWith('hook.') ? DATA_SECURITY_FINDING : CONFIG_STATE_CHANGE;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** OCSF's os object for a Node platform name; none for a platform OCSF's os.type_id cannot name. */
function osOf(platform: string): OcsfEvent | undefined {
	switch (platform) {
		case 'linux':
			return { name: 'Linux', type_id: 200 };
		case 'darwin':
			return { name: 'macOS', type_id: 300 };
		case 'win32':
			return { name: 'Windows', type_id: 100 };
		default:
			return undefined;
	}
}

/** A file object for a workspace-relative POSIX path (or a policy file's path). */
function fileOf(p: string): OcsfEvent {
	const name = p.slice(p.lastIndexOf('/') + 1) || p;
	return { name, path: p, type_id: 1 };
}

/** What each event type says, in one sentence, from its metadata. */
function messageOf(type: string, d: Record<string, unknown>): string {
	const ws = str(d.workspace) ? ` in ${str(d.workspace)}` : '';
	const paths = strings(d.paths);
	switch (type) {
		case 'hook.deny':
			return `Agent ${str(d.agent) ?? 'unknown'} was denied ${str(d.tool) ?? 'a tool call'} on ${paths.join(', ') || 'a sensitive path'}${ws}${str(d.rule) ? ` (${str(d.rule)})` : ''}.`;
		case 'hook.allow':
			return `Agent ${str(d.agent) ?? 'unknown'} was allowed ${str(d.tool) ?? 'a tool call'} on ${paths.join(', ') || 'a path'}${ws}.`;
		case 'hook.redact':
			return `Agent ${str(d.agent) ?? 'unknown'} got ${str(d.tool) ?? 'a tool'}'s output with ${num(d.replaced) ?? 0} findings masked${str(d.withheld) ? ' (withheld)' : ''}${ws}.`;
		case 'hook.ask':
			return `Agent ${str(d.agent) ?? 'unknown'} had to ask the user before ${str(d.tool) ?? 'a tool call'} on ${paths.join(', ') || 'a path'}${ws}${str(d.rule) ? ` (${str(d.rule)})` : ''}.`;
		case 'policy.loaded':
			return `Policy "${str(d.name) ?? ''}" is in force (${str(d.state) ?? 'unknown'})${ws}.`;
		case 'policy.rejected':
			return `Policy file ${str(d.file) ?? ''} was rejected (${num(d.errors) ?? 0} errors); ${str(d.state) ?? 'a safe state'} is in force${ws}.`;
		case 'workspace.restricted':
			return `Workspace ${str(d.workspace) ?? ''} is restricted (level ${str(d.level) ?? ''}, restricted at ${str(d.restrictedAt) ?? ''}).`;
		case 'workspace.unrestricted':
			return `Workspace ${str(d.workspace) ?? ''} is no longer restricted (level ${str(d.level) ?? ''}).`;
		case 'assistant.warned':
			return `Assistant ${str(d.name) ?? str(d.assistantId) ?? ''} was warned about${ws}.`;
		case 'assistant.disabled':
			return `Assistant ${str(d.name) ?? str(d.assistantId) ?? ''} was governed with ${strings(d.levers).length} levers${ws}.`;
		case 'assistant.restored':
			return `Levers on assistant ${str(d.name) ?? str(d.assistantId) ?? ''} were removed${ws}.`;
		case 'drift.detected':
			return `Managed file ${str(d.file) ?? ''} changed (${str(d.kind) ?? 'drift'})${d.reapplied === true ? '; the levers were applied again' : ''}${ws}.`;
		case 'exception.granted':
			return `Exception for ${str(d.path) ?? ''} is in force until ${str(d.expires) ?? ''}${ws}.`;
		case 'exception.expired':
			return `Exception for ${str(d.path) ?? ''} expired or was rejected${ws}.`;
		case 'loosening.refused':
			return `A loosening of ${str(d.key) ?? ''} from ${str(d.source) ?? ''} was refused${ws}.`;
		case 'audit.run':
			return `Audit of ${str(d.workspace) ?? ''}: ${num(d.files) ?? 0} files, ${num(d.findings) ?? 0} findings, level ${str(d.level) ?? ''}.`;
		case 'audit.pruned':
			return `Audit log retention deleted ${strings(d.segments).length} segments through entry ${num(d.throughSeq) ?? 0}.`;
		default:
			return `Context Warden event ${type}${ws}.`;
	}
}

/** The class-specific attributes: activity, severity and the objects the class is about. */
function classAttributes(cls: ClassInfo, type: string, d: Record<string, unknown>, lineHash: string): { activity: [number, string]; severity: number; attrs: OcsfEvent } {
	const findingInfo = (title: string): OcsfEvent => ({ uid: lineHash, title, types: [type], product: { name: 'Context Warden', vendor_name: 'Context Warden' } });
	switch (cls) {
		case DATA_SECURITY_FINDING: {
			const paths = strings(d.paths);
			const denied = type === 'hook.deny';
			const asked = type === 'hook.ask';
			const redacted = type === 'hook.redact';
			const rule = str(d.rule) ?? strings(d.rules).join(', ');
			return {
				activity: [1, 'Create'],
				severity: denied ? SEVERITY.medium : SEVERITY.low,
				attrs: {
					finding_info: findingInfo(`${str(d.tool) ?? 'Tool call'} by ${str(d.agent) ?? 'an agent'}: ${denied ? 'denied' : asked ? 'asked' : redacted ? 'redacted' : 'allowed'}`),
					...(paths[0] ? { file: fileOf(paths[0]) } : {}),
					...(paths.length ? { resources: paths.map((p) => ({ name: p, type: 'file' })) } : {}),
					data_security: {
						// An agent about to send the file's content to its vendor: data in transit, seen at the endpoint.
						data_lifecycle_state_id: 2,
						detection_system_id: 1,
						...(rule ? { policy: { name: rule, uid: rule } } : {}),
					},
					action_id: denied ? 2 : asked ? 99 : 1,
					action: denied ? 'Denied' : asked ? 'Ask' : 'Allowed',
					// Redacted: the read went through with every finding masked (OCSF 11, Corrected).
					disposition_id: denied ? 2 : asked ? 23 : redacted ? 11 : 17,
					disposition: denied ? 'Blocked' : asked ? 'Challenge' : redacted ? 'Corrected' : 'Logged',
					is_alert: denied,
					actor: { app_name: str(d.agent) ?? 'unknown agent' },
				},
			};
		}
		case COMPLIANCE_FINDING: {
			const closing = type === 'workspace.unrestricted' || type === 'assistant.restored';
			// Pass: the policy holds (levers applied); Warning: only a warning was possible or the levers went;
			// Fail: a managed file drifted from the policy.
			const status = type === 'drift.detected' ? 3 : type === 'assistant.disabled' || type === 'workspace.restricted' ? 1 : 2;
			const control = str(d.assistantId) ?? str(d.file) ?? str(d.workspace) ?? type;
			return {
				activity: closing ? [3, 'Close'] : [1, 'Create'],
				severity: type === 'drift.detected' ? SEVERITY.medium : type === 'assistant.warned' ? SEVERITY.low : SEVERITY.informational,
				attrs: {
					finding_info: findingInfo(messageOf(type, d)),
					compliance: {
						standards: ['Context Warden AI context-sending policy'],
						control,
						status_id: status,
						status: status === 1 ? 'Pass' : status === 2 ? 'Warning' : 'Fail',
					},
					resources: [
						...(str(d.file) ? [{ name: str(d.file) ?? '', type: 'file' }] : []),
						...strings(d.levers).map((l) => ({ name: l, type: 'lever' })),
					],
					action_id: 1,
					disposition_id: type === 'assistant.disabled' || (type === 'drift.detected' && d.reapplied === true) ? 11 : 17,
				},
			};
		}
		case SCAN_ACTIVITY:
			return {
				activity: [2, 'Completed'],
				severity: d.restricted === true ? SEVERITY.low : SEVERITY.informational,
				attrs: {
					scan: { name: `Context Warden audit (${str(d.format) ?? 'report'})`, type_id: 1, type: 'Manual' },
					num_files: num(d.files) ?? 0,
					num_detections: num(d.findings) ?? 0,
				},
			};
		case EVENT_LOG_ACTIVITY:
			return { activity: [2, 'Delete'], severity: SEVERITY.informational, attrs: { log_name: 'context-warden-audit', log_provider: 'Context Warden' } };
		default: {
			const policyName = str(d.name);
			const sha = str(d.sha256);
			return {
				activity: [1, 'Log'],
				severity: type === 'policy.rejected' || type === 'loosening.refused' ? SEVERITY.medium : SEVERITY.informational,
				attrs: {
					...(policyName || sha ? { policy: { name: policyName ?? 'Context Warden policy', ...(sha ? { uid: sha } : {}) } } : {}),
					...(type === 'policy.rejected' ? { status_id: 2, status: 'Failure' } : {}),
				},
			};
		}
	}
}

/**
 * The OCSF event for one native entry. `line` is the entry's exact line in the native log (without its newline):
 * its sha256 is what the next entry's `prev` holds.
 */
export function toOcsf(entry: AuditEntry, line: string, context: OcsfContext): OcsfEvent {
	const cls = classOf(entry.type);
	const lineHash = sha256Hex(line);
	const data = entry.data as Record<string, unknown>;
	const { activity, severity, attrs } = classAttributes(cls, entry.type, data, lineHash);
	const time = Date.parse(entry.at);
	const os = osOf(context.platform);
	return {
		class_uid: cls.uid,
		class_name: cls.name,
		category_uid: cls.category,
		category_name: cls.categoryName,
		activity_id: activity[0],
		activity_name: activity[1],
		type_uid: cls.uid * 100 + activity[0],
		type_name: `${cls.name}: ${activity[1]}`,
		time: Number.isFinite(time) ? time : 0,
		severity_id: severity,
		severity: SEVERITY_NAME[severity] ?? 'Other',
		message: messageOf(entry.type, data),
		metadata: {
			product: { name: 'Context Warden', vendor_name: 'Context Warden', version: context.productVersion },
			version: OCSF_VERSION,
			profiles: [...OCSF_PROFILES],
			uid: lineHash,
			sequence: entry.seq,
			event_code: entry.type,
			log_name: 'context-warden-audit',
			original_time: entry.at,
		},
		// type_id 2 (Desktop): a developer's workstation; OCSF has no closer type.
		device: { hostname: context.hostname, type_id: 2, ...(os ? { os } : {}) },
		actor: { user: { name: context.user }, ...(attrs.actor && typeof attrs.actor === 'object' ? (attrs.actor as OcsfEvent) : {}) },
		...Object.fromEntries(Object.entries(attrs).filter(([k]) => k !== 'actor')),
		unmapped: {
			context_warden: {
				type: entry.type,
				seq: entry.seq,
				prev: entry.prev,
				...(entry.hash ? { hash: entry.hash } : {}),
				data: entry.data as OcsfValue,
			},
		},
	};
}

/** How the mirror file is written: the native lines as they are, or one OCSF event per line. */
export type MirrorFormat = 'native' | 'ocsf';
export const MIRROR_FORMATS: readonly MirrorFormat[] = ['native', 'ocsf'];

/**
 * A mirror that writes each native line as its OCSF event to `inner`. A line that is not an entry is refused (the
 * append reports a mirror error; the native log has it).
 */
export function ocsfMirror(inner: AuditMirror, context: OcsfContext): AuditMirror {
	return {
		label: `${inner.label} (OCSF)`,
		async append(withNewline) {
			const line = withNewline.endsWith('\n') ? withNewline.slice(0, -1) : withNewline;
			const entry = parseEntry(line);
			if (typeof entry === 'string') {
				throw new Error(`not an audit entry: ${entry}`);
			}
			await inner.append(`${JSON.stringify(toOcsf(entry, line, context))}\n`);
		},
	};
}

/** This machine's context: the host name, the OS user (unknown where it has no passwd entry) and the platform. */
export function machineOcsfContext(productVersion: unknown): OcsfContext {
	let user = 'unknown';
	try {
		user = os.userInfo().username;
	} catch {
		// An arbitrary uid without a passwd entry (a container): the user stays unknown.
	}
	return { productVersion: typeof productVersion === 'string' ? productVersion : 'unknown', hostname: os.hostname(), user, platform: process.platform };
}

/** The mirror file in the admin's format: the native lines, or their OCSF events with this machine's context. */
export function mirrorFor(file: string, format: MirrorFormat, productVersion: unknown): AuditMirror {
	return format === 'ocsf' ? ocsfMirror(fsMirror(file), machineOcsfContext(productVersion)) : fsMirror(file);
}
