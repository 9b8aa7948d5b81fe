/**
 * The effective policy as a document for people: JSONC where every value carries the layer it came from, with the
 * sources, problems, refused loosening attempts and exceptions as comments. And the same facts as JSON, for tools.
 */
import type { EffectivePolicy, PolicyState } from './layering';
import { formatDiagnostic } from './parse';
import type { LayerKind } from './schema';

const STATE_TEXT: Record<PolicyState, string> = {
	default: 'default: no org policy; the built-in default is in force',
	org: 'org: the org policy is in force',
	'org-last-valid': 'org-last-valid: the org policy is invalid or unreadable; the last valid org policy is in force',
	'strict-fallback': 'strict-fallback: the org policy is invalid or unreadable; the strictest built-in policy is in force',
};

/** Arrays shown one element a line, each with its own layer. */
const PER_ELEMENT = new Set(['pathRules', 'content.markers', 'content.patterns', 'assistants.block', 'exceptions']);

/** Text safe inside a `//` comment: one line. */
function oneLine(s: string): string {
	return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function json(v: unknown): string {
	try {
		return JSON.stringify(v) ?? 'undefined';
	} catch {
		return String(v);
	}
}

function originOf(origins: Map<string, LayerKind>, path: string): string {
	let p = path;
	for (;;) {
		const o = origins.get(p);
		if (o) {
			return o;
		}
		const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
		if (cut <= 0) {
			return '?';
		}
		p = p.slice(0, cut);
	}
}

function emit(out: string[], value: unknown, path: string, indent: string, prefix: string, comma: string, origins: Map<string, LayerKind>): void {
	if (Array.isArray(value)) {
		if (PER_ELEMENT.has(path) && value.length > 0) {
			out.push(`${indent}${prefix}[ // ${originOf(origins, path)}`);
			value.forEach((el, i) => {
				out.push(`${indent}\t${json(el)}${i < value.length - 1 ? ',' : ''} // ${originOf(origins, `${path}[${i}]`)}`);
			});
			out.push(`${indent}]${comma}`);
		} else {
			out.push(`${indent}${prefix}${json(value)}${comma} // ${originOf(origins, path)}`);
		}
		return;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined);
		out.push(`${indent}${prefix}{`);
		entries.forEach(([k, v], i) => {
			emit(out, v, path ? `${path}.${k}` : k, `${indent}\t`, `${json(k)}: `, i < entries.length - 1 ? ',' : '', origins);
		});
		out.push(`${indent}}${comma}`);
		return;
	}
	out.push(`${indent}${prefix}${json(value)}${comma} // ${originOf(origins, path)}`);
}

/** Renders the effective policy as an annotated JSONC document: every value followed by the layer it came from. */
export function renderEffectivePolicy(eff: EffectivePolicy): string {
	const out: string[] = [];
	out.push('// Context Warden: the effective policy');
	out.push(`// State: ${STATE_TEXT[eff.state]}`);
	out.push(`// sha256: ${eff.sha256}`);
	out.push('// Sources, weakest first (default < org < workspace < settings):');
	const width = Math.max(9, ...eff.sources.map((s) => s.kind.length));
	for (const s of eff.sources) {
		out.push(
			`//   ${s.kind.padEnd(width)}  ${s.used ? 'used    ' : 'not used'}  sha256 ${s.sha256 ?? '(unreadable)'}  ${oneLine(s.label)}`,
		);
	}
	if (eff.diagnostics.length > 0) {
		out.push('// Problems:');
		for (const d of eff.diagnostics) {
			out.push(`//   ${oneLine(formatDiagnostic(d))}`);
		}
	}
	out.push('// Each value is followed by the layer it came from.');
	emit(out, eff.policy, '', '', '', '', eff.origins);
	out.push('// Refused loosening attempts (ignored; workspace layers can only tighten):');
	if (eff.refused.length === 0) {
		out.push('//   none');
	}
	for (const r of eff.refused) {
		out.push(`//   ${r.layer} (${oneLine(r.source)}): ${r.key}: attempted ${oneLine(json(r.attempted))}, kept ${oneLine(json(r.kept))}: ${oneLine(r.message)}`);
	}
	out.push('// Exceptions in force:');
	if (eff.exceptions.active.length === 0) {
		out.push('//   none');
	}
	for (const x of eff.exceptions.active) {
		out.push(`//   ${oneLine(json(x.path))} until ${x.expires} (${x.layer})${x.reason ? `: ${oneLine(x.reason)}` : ''}`);
	}
	out.push('// Exceptions rejected:');
	if (eff.exceptions.rejected.length === 0) {
		out.push('//   none');
	}
	for (const x of eff.exceptions.rejected) {
		out.push(`//   ${oneLine(json(x.path))} until ${x.expires} (${x.layer}): ${oneLine(x.why)}`);
	}
	return `${out.join('\n')}\n`;
}

/** The effective policy and its provenance as plain JSON-ready data (`origins` as an object). */
export function effectivePolicyToJson(eff: EffectivePolicy): Record<string, unknown> {
	return {
		state: eff.state,
		sha256: eff.sha256,
		sources: eff.sources,
		policy: eff.policy,
		origins: Object.fromEntries([...eff.origins.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
		refused: eff.refused,
		exceptions: eff.exceptions,
		diagnostics: eff.diagnostics,
	};
}

/** The effective policy as a JSON document, for `--json`. */
export function renderEffectivePolicyJson(eff: EffectivePolicy): string {
	return `${JSON.stringify(effectivePolicyToJson(eff), null, 2)}\n`;
}
