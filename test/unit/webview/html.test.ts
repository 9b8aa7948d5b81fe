import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml, shellHtml } from '../../../src/webview/html';

describe('exposure panel HTML shell', () => {
	const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

	it('uses the strict policy: nothing by default, our styles, our nonce, our images', () => {
		assert.equal(
			contentSecurityPolicy(cspSource, 'abc'),
			`default-src 'none'; style-src ${cspSource}; script-src 'nonce-abc'; img-src ${cspSource}`,
		);
	});

	it('makes a fresh 128-bit nonce every time', () => {
		const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
		assert.equal(nonces.size, 50);
		for (const n of nonces) {
			assert.equal(Buffer.from(n, 'base64').length, 16);
		}
	});

	it('loads one nonce\'d script and one stylesheet, with no inline style, script or handler', () => {
		const nonce = createNonce();
		const html = shellHtml({
			cspSource,
			nonce,
			scriptUri: `${cspSource}/media/exposure.js`,
			styleUri: `${cspSource}/media/exposure.css`,
			lang: 'zh-cn',
			title: 'Exposure <Preview>',
			loading: 'Loading "now"',
		});
		assert.ok(html.includes(`content="default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src ${cspSource}"`.replace(/'/g, '&#39;')));
		const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
		assert.deepEqual(scripts, [`<script nonce="${escapeHtml(nonce)}" src="${cspSource}/media/exposure.js">`]);
		assert.doesNotMatch(html, /<style|style=|\son[a-z]+=/i);
		assert.match(html, /<html lang="zh-cn">/);
		assert.match(html, /<title>Exposure &lt;Preview&gt;<\/title>/);
		assert.match(html, /Loading &quot;now&quot;/);
	});

	it('escapes text for HTML', () => {
		assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
	});
});
