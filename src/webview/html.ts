/**
 * The exposure panel's HTML shell: a strict Content Security Policy, one nonce'd script and one stylesheet, both
 * from `media/`. No inline style or handler; the script builds everything else from messages, as text.
 * No `vscode` import: tested in plain Node.
 */
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
	/** `webview.cspSource`. */
	cspSource: string;
	/** From `createNonce()`, fresh for every HTML the panel sets. */
	nonce: string;
	/** `webview.asWebviewUri(...)` of `media/exposure.js` and `media/exposure.css`, as strings. */
	scriptUri: string;
	styleUri: string;
	/** BCP 47 language of the editor, for `<html lang>`. */
	lang: string;
	title: string;
	loading: string;
}

/** A CSP nonce: 128 bits from the platform CSPRNG, base64. */
export function createNonce(): string {
	return randomBytes(16).toString('base64');
}

/** The policy the panel runs under: nothing but our own stylesheet, our nonce'd script and our own images. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
	return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** The HTML of the panel. Every value is escaped, though none is file-derived. */
export function shellHtml(o: ShellOptions): string {
	const e = escapeHtml;
	return `<!DOCTYPE html>
<html lang="${e(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(o.styleUri)}">
<title>${e(o.title)}</title>
</head>
<body>
<main id="root" aria-busy="true"><p class="muted">${e(o.loading)}</p></main>
<script nonce="${e(o.nonce)}" src="${e(o.scriptUri)}"></script>
</body>
</html>`;
}
