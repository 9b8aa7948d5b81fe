import * as assert from 'node:assert/strict';
import { getEntry } from '../../../src/core/assistants/catalogue';
import { decideAssistant, destinationAllowed, unrecognisedSubject } from '../../../src/core/assistants/decide';
import type { CatalogueEntry } from '../../../src/core/assistants/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Policy } from '../../../src/core/policy/schema';

function policy(assistants: Partial<Policy['assistants']>): Policy {
	return { ...DEFAULT_POLICY, assistants: { ...DEFAULT_POLICY.assistants, ...assistants } };
}
function entry(id: string): CatalogueEntry {
	const e = getEntry(id);
	assert.ok(e);
	return e;
}

describe('assistants/decide', () => {
	it('allows everything not blocked in an unrestricted workspace', () => {
		const r = decideAssistant(policy({ allowedDestinations: ['cn-mainland'], restrictedAction: 'disable' }), entry('claude-code'), false);
		assert.equal(r.decision, 'allowed');
	});

	it('block wins over allow, acts in every workspace, and uses the policy\'s action', () => {
		const p = policy({ allow: ['*'], block: ['Anthropic.Claude-Code'], restrictedAction: 'disable' });
		const r = decideAssistant(p, entry('claude-code'), false);
		assert.equal(r.decision, 'disable');
		assert.ok(r.why.some((w) => w.includes('block wins')));
		assert.equal(decideAssistant(policy({ block: ['claude-code'], restrictedAction: 'warn' }), entry('claude-code'), true).decision, 'warn');
		assert.equal(decideAssistant(policy({ block: ['*'], restrictedAction: 'disable' }), entry('cline'), false).decision, 'disable');
	});

	it('in a restricted workspace, a name on allow wins over allowedDestinations', () => {
		const p = policy({ allow: ['continue', 'github.copilot-chat'], allowedDestinations: ['self-hosted'], restrictedAction: 'disable' });
		assert.equal(decideAssistant(p, entry('continue'), true).decision, 'allowed');
		const copilot = decideAssistant(p, entry('github-copilot-chat'), true);
		assert.equal(copilot.decision, 'allowed');
		assert.ok(copilot.why[0]?.includes('named on assistants.allow ("github.copilot-chat")'), copilot.why.join(' '));
		assert.ok(copilot.why.some((w) => w.includes('github-copilot-cloud')), 'Why says where it may send all the same');
		const cline = decideAssistant(p, entry('cline'), true);
		assert.equal(cline.decision, 'disable');
		assert.ok(cline.why.some((w) => w.includes('not on assistants.allow')));
	});

	it('in a restricted workspace, an assistant whose every destination is allowed is allowed, and Why names them', () => {
		const p = policy({ allowedDestinations: ['self-hosted', 'user-configured'], restrictedAction: 'disable' });
		const cline = decideAssistant(p, entry('cline'), true);
		assert.equal(cline.decision, 'allowed');
		assert.match(cline.why.join(' '), /\(user-configured, user-configured\)/);
		assert.equal(decideAssistant(p, entry('github-copilot-chat'), true).decision, 'disable');
		// Block still wins over allowed destinations.
		assert.equal(decideAssistant(policy({ allowedDestinations: ['*'], block: ['cline'], restrictedAction: 'disable' }), entry('cline'), true).decision, 'disable');
		// The built-in default allows no destination: every assistant not named is warned about.
		assert.equal(decideAssistant(policy({}), entry('cline'), true).decision, 'warn');
	});

	it('"*" allows any destination and any assistant', () => {
		assert.equal(decideAssistant(policy({ allow: ['*'], allowedDestinations: ['*'] }), entry('tencent-codebuddy'), true).decision, 'allowed');
	});

	it('accepts destination ids and jurisdictions', () => {
		assert.ok(destinationAllowed(['cn-mainland'], { id: 'alibaba-cloud', jurisdiction: 'cn-mainland' }));
		assert.ok(destinationAllowed(['Alibaba-Cloud'], { id: 'alibaba-cloud', jurisdiction: 'cn-mainland' }));
		assert.ok(!destinationAllowed(['eu'], { id: 'alibaba-cloud', jurisdiction: 'cn-mainland' }));
		const cn = policy({ allow: ['*'], allowedDestinations: ['cn-mainland', 'self-hosted'], restrictedAction: 'disable' });
		assert.equal(decideAssistant(cn, entry('tongyi-lingma'), true).decision, 'allowed');
		assert.equal(decideAssistant(cn, entry('github-copilot-chat'), true).decision, 'disable');
	});

	it('counts every catalogue destination unless the adapter says where the assistant is configured to send', () => {
		const p = policy({ allow: ['*'], allowedDestinations: ['self-hosted'], restrictedAction: 'disable' });
		assert.equal(decideAssistant(p, entry('tabnine'), true).decision, 'disable');
		assert.equal(decideAssistant(p, entry('tabnine'), true, { configuredDestinations: ['self-hosted'] }).decision, 'allowed');
		assert.equal(decideAssistant(p, entry('continue'), true, { configuredDestinations: ['self-hosted'] }).decision, 'allowed');
		assert.equal(decideAssistant(p, entry('continue'), true, { configuredDestinations: ['api.openai.com'] }).decision, 'disable');
	});

	it('warns about (never disables) an unrecognised AI extension in a restricted workspace, or ignores it', () => {
		const subject = unrecognisedSubject('acme.helper', 'Acme');
		assert.equal(decideAssistant(policy({ allow: ['*'], restrictedAction: 'disable', unrecognised: 'warn', allowedDestinations: ['eu'] }), subject, true).decision, 'warn');
		assert.equal(decideAssistant(policy({ restrictedAction: 'disable', unrecognised: 'ignore' }), subject, true).decision, 'allowed');
		assert.equal(decideAssistant(policy({ block: ['acme.helper'], restrictedAction: 'disable' }), subject, false).decision, 'warn');
		assert.equal(decideAssistant(policy({}), subject, false).decision, 'allowed');
	});
});
