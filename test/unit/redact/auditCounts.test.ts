/** The audit report counts, per agent, the reads its hook denied, the outputs it redacted and the reads the policy allowed. */
import * as assert from 'node:assert/strict';
import { renderAuditMarkdown } from '../../../src/core/audit/formats/markdown';
import { buildAuditReport } from '../../../src/core/audit/report';
import { sampleInput } from '../audit/support/samples';

describe('audit: reads denied, redacted and allowed per agent', () => {
	it('carries the counts into the report, its totals and the Markdown table', () => {
		const r = buildAuditReport(
			sampleInput([], {
				hooks: [
					{ agent: 'claude', installed: true, config: '.claude/settings.local.json', denies: 2, asks: 0, redactions: 5, allows: 1 },
					{ agent: 'cursor', installed: true, config: '.cursor/hooks.json', denies: 3, asks: 1, redactions: 0, allows: 0 },
				],
			}),
		);
		assert.deepEqual(r.hooks?.map((h) => [h.agent, h.denies, h.redactions, h.allows]), [['claude', 2, 5, 1], ['cursor', 3, 0, 0]]);
		assert.deepEqual(r.totals.hooks, { installed: 2, denies: 5, asks: 1, redactions: 5, allows: 1 });
		const md = renderAuditMarkdown(r);
		assert.match(md, /2 installed; 5 denied, 1 asked, 5 redacted, 1 allowed/);
		assert.match(md, /\| Agent \| Installed \| Configuration \| Denied \| Asked \| Redacted \| Allowed \| Notes \|/);
		assert.match(md, /\| claude \| yes \| \.claude\/settings\.local\.json \| 2 \| 0 \| 5 \| 1 \|/);
	});
});
