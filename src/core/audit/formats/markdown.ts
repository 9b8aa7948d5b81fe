/**
 * The audit report as Markdown, for a pull request, a wiki page or a ticket. File names, rule ids, reasons and
 * policy labels are attacker-controlled (anyone can commit a file named `` a|b`<img src=x onerror=…>``): every
 * such string goes through `mdText`, which makes it inert text in CommonMark and GitHub Flavored Markdown.
 */
import type { Reason } from '../../classify/types';
import { LEVELS } from '../../policy/schema';
import type { AuditReport } from '../report';

/** Bidirectional-text controls (the "Trojan Source" characters) are shown as escapes, not applied. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * Makes any string inert inline Markdown text: HTML-significant characters become entities, Markdown punctuation
 * is backslash-escaped (so `|` cannot split a table cell, a backtick cannot open a code span, `[` cannot start a
 * link), line breaks and other control characters become spaces, and bidi controls are shown as `U+202E`.
 * Rendered, the result reads as the original string.
 */
export function mdText(s: string): string {
	return s
		.replace(CONTROL, ' ')
		.replace(BIDI, (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
		.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** A fenced code block that no content can close early. */
function codeBlock(lang: string, text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${lang}\n${text}\n${fence}`;
}

function table(head: string[], rows: string[][]): string {
	const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
	return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function where(r: Reason): string {
	if (r.line === undefined) {
		return 'path';
	}
	return `line ${r.line}${r.column !== undefined ? `, col ${r.column}` : ''}`;
}

function evidence(r: Reason): string {
	const parts = [mdText(r.message)];
	if (r.preview !== undefined) {
		parts.push(`masked: ${mdText(r.preview)}`);
	}
	return parts.join(' — ');
}

/** Renders the audit report as GitHub-flavoured Markdown. Every string from files or policies is escaped. */
export function renderAuditMarkdown(report: AuditReport): string {
	const out: string[] = [];
	const p = report.policy;
	const w = report.workspace;
	const env = report.environment;
	out.push(`# Context Warden audit: ${mdText(w.rootName)}`);
	out.push(
		[
			`Generated ${mdText(report.generatedAt)} by ${mdText(env.user)} on ${mdText(env.host)} (${mdText(env.platform)}),`,
			`Context Warden ${mdText(env.extensionVersion)}${env.vscodeVersion ? `, VS Code ${mdText(env.vscodeVersion)}` : ''}.`,
		].join(' '),
	);
	out.push('## Summary');
	const t = report.totals;
	out.push(
		table(
			['Item', 'Value'],
			[
				['Workspace level', mdText(w.level)],
				['Restricted', `${w.restricted ? 'yes' : 'no'} (restricted at: ${mdText(w.restrictedAt)})`],
				['Files classified', String(t.files)],
				['By level', LEVELS.map((l) => `${t.byLevel[l]} ${l}`).join(', ')],
				[`Sensitive (at or above ${mdText(w.sensitiveLevel)})`, String(t.sensitive)],
				['Findings in listed files', `${t.findings}${t.findings > 0 ? ` (${Object.entries(t.byKind).map(([k, n]) => `${n} ${mdText(k)}`).join(', ')})` : ''}`],
				['Not content-scanned', String(t.skipped)],
				['Covered by an exception', String(t.excepted)],
				['Loosenings refused', String(t.refused)],
				...(t.assistants ? [['Assistants', `${t.assistants.allowed} allowed, ${t.assistants.warn} warned, ${t.assistants.disable} disabled`]] : []),
				...(t.hooks ? [['Agent hooks', `${t.hooks.installed} installed; ${t.hooks.denies} denied, ${t.hooks.asks} asked${t.hooks.redactions !== undefined ? `, ${t.hooks.redactions} redacted, ${t.hooks.allows ?? 0} allowed` : ''}`]] : []),
				...(t.mcp ? [['MCP servers', `${t.mcp.servers}; ${t.mcp.receivingSecretFiles} receive a secret file, ${t.mcp.blocked} blocked, ${t.mcp.levers} with a lever`]] : []),
			],
		),
	);

	out.push('## Policy');
	out.push(`**${mdText(p.name)}**, state \`${p.state}\`, sha256 \`${p.sha256}\`.`);
	out.push('### Sources');
	out.push(
		table(
			['Kind', 'Source', 'sha256', 'Used'],
			p.sources.map((s) => [mdText(s.kind), mdText(s.label), s.sha256 === null ? 'unreadable' : `\`${s.sha256.slice(0, 16)}…\``, s.used ? 'yes' : 'no']),
		),
	);
	out.push('### Refused loosenings');
	out.push(
		p.refused.length === 0
			? 'None: no workspace layer tried to loosen the policy.'
			: table(['Layer', 'Source', 'Key', 'What happened'], p.refused.map((r) => [mdText(r.layer), mdText(r.source), mdText(r.key), mdText(r.message)])),
	);
	out.push('### Exceptions');
	out.push(
		p.exceptions.active.length === 0
			? 'No exception is in force.'
			: table(
					['Path', 'Layer', 'Expires', 'Reason'],
					p.exceptions.active.map((e) => [mdText(e.path), mdText(e.layer), mdText(e.expires), mdText(e.reason ?? '')]),
				),
	);
	if (p.exceptions.rejected.length > 0) {
		out.push('Rejected exceptions:');
		out.push(
			table(
				['Path', 'Layer', 'Expires', 'Why rejected'],
				p.exceptions.rejected.map((e) => [mdText(e.path), mdText(e.layer), mdText(e.expires), mdText(e.why)]),
			),
		);
	}

	out.push('## Sensitive files');
	if (report.files.length === 0) {
		out.push('No file is above public.');
	} else {
		const rows: string[][] = [];
		for (const f of report.files) {
			if (f.reasons.length === 0) {
				rows.push([f.level, mdText(f.path), '', '', '']);
			}
			for (const r of f.reasons) {
				rows.push([r.level, mdText(f.path), where(r), `${mdText(r.kind)}: ${mdText(r.rule)}`, evidence(r)]);
			}
			if (f.omittedFindings) {
				rows.push([f.level, mdText(f.path), '', '', `${f.omittedFindings} more findings not listed`]);
			}
		}
		out.push(table(['Level', 'File', 'Where', 'Rule', 'Evidence'], rows));
		out.push('Evidence never shows a secret: previews keep at most four characters at each end.');
	}
	if (report.excepted.length > 0) {
		out.push('## Files covered by an exception');
		out.push(
			table(
				['File', 'Exception', 'Expires', 'Reason'],
				report.excepted.map((e) => [mdText(e.path), mdText(e.exception.path), mdText(e.exception.expires ?? ''), mdText(e.exception.reason ?? '')]),
			),
		);
	}
	if (report.skipped.length > 0) {
		out.push('## Not content-scanned');
		out.push('Path rules still applied to these files.');
		out.push(table(['File', 'Why', 'Detail'], report.skipped.map((s) => [mdText(s.path), s.reason, mdText(s.detail ?? '')])));
	}
	if (report.assistants) {
		out.push('## Assistants');
		out.push(
			report.assistants.length === 0
				? 'No AI assistant is installed.'
				: table(
						['Assistant', 'Decision', 'Levers applied', 'Coverage gaps', 'Drift'],
						report.assistants.map((a) => [
							`${mdText(a.name)} (${mdText(a.id)})`,
							a.decision,
							a.leversApplied.map(mdText).join(', ') || 'none',
							a.coverageGaps.map(mdText).join('; ') || 'none',
							a.drift.map((d) => mdText(d.message)).join('; ') || 'none',
						]),
					),
		);
	}
	if (report.hooks) {
		out.push('## Agent hooks');
		out.push(
			report.hooks.length === 0
				? 'No agent hook is configured.'
				: table(
						['Agent', 'Installed', 'Configuration', 'Denied', 'Asked', 'Redacted', 'Allowed', 'Notes'],
						report.hooks.map((h) => [
							mdText(h.agent),
							h.installed ? 'yes' : 'no',
							mdText(h.config ?? ''),
							h.denies === undefined ? '' : String(h.denies),
							h.asks === undefined ? '' : String(h.asks),
							h.redactions === undefined ? '' : String(h.redactions),
							h.allows === undefined ? '' : String(h.allows),
							h.notes.map(mdText).join('; '),
						]),
					),
		);
	}
	if (report.mcp) {
		out.push(mcpSection(report.mcp));
	}
	out.push('## Effective policy');
	out.push(codeBlock('json', JSON.stringify(p.effective, null, 2)));
	return `${out.join('\n\n')}\n`;
}

/** The MCP servers: where each is declared, what it runs and reaches, what it receives, the verdict and the lever. */
function mcpSection(mcp: NonNullable<AuditReport['mcp']>): string {
	const parts = ['## MCP servers'];
	parts.push(
		mcp.servers.length === 0
			? 'No MCP server is configured.'
			: table(
					['Server', 'Declared in', 'Origin', 'Runs', 'Reaches', 'Receives', 'Verdict', 'Lever'],
					mcp.servers.map((s) => [
						mdText(s.name),
						mdText(`${s.file}:${s.line}`),
						s.origin,
						mdText(s.runs === 'remote' ? `remote: ${s.host ?? '?'}` : s.runs === 'local' ? `local: ${s.packages.join(', ') || s.program || '?'}` : 'unknown'),
						mdText(s.reach.kind === 'none' ? 'nothing seen' : s.reach.paths.join(', ') || 'workspace (client roots)'),
						mdText(s.secrets.map((x) => (x.via === 'envFile' ? `secret file ${x.file ?? x.name} (${x.rule})` : `${x.via} ${x.name} (${x.rule})`)).join('; ') || 'nothing seen'),
						mdText(`${s.verdict}${s.action !== 'none' ? `: ${s.action}` : ''}`),
						mdText([s.lever === 'none' ? '' : s.lever, ...s.notes].filter(Boolean).join(' ') || 'none'),
					]),
				),
	);
	const settings = Object.entries(mcp.settings ?? {});
	if (settings.length > 0) {
		parts.push(`Editor MCP settings: ${settings.map(([k, v]) => `\`${mdText(k)}\` = ${mdText(JSON.stringify(v) ?? '')}`).join(', ')}.`);
	}
	const notes = mcp.files.filter((f) => f.problems.length > 0 || f.unread);
	if (notes.length > 0) {
		parts.push(table(['Configuration file', 'Problem'], notes.map((f) => [mdText(f.file), mdText(f.unread ? `not read: ${f.unread}` : f.problems.join('; '))])));
	}
	return parts.join('\n\n');
}
