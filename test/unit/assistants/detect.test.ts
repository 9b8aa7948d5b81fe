import * as assert from 'node:assert/strict';
import { aiEvidence, matchInstalled } from '../../../src/core/assistants/detect';

const code = { main: './out/extension.js' };

describe('assistants/detect', () => {
	it('matches catalogue assistants by extension id, whatever the case, and keeps the installed spelling', () => {
		const r = matchInstalled([
			{ id: 'GitHub.copilot-chat', isActive: true, packageJSON: { ...code, version: '0.42.0' } },
			{ id: 'saoudrizwan.claude-dev', packageJSON: code },
		]);
		const copilot = r.known.find((k) => k.entry.id === 'github-copilot-chat');
		assert.equal(copilot?.extensionId, 'GitHub.copilot-chat');
		assert.equal(copilot?.version, '0.42.0');
		assert.equal(copilot?.isActive, true);
		assert.ok(r.known.some((k) => k.entry.id === 'cline'));
		assert.deepEqual(r.unrecognised, []);
	});

	it('always includes the editor\'s own AI unless told not to', () => {
		assert.ok(matchInstalled([]).known.some((k) => k.entry.id === 'vscode-chat' && k.extensionId === undefined));
		assert.equal(matchInstalled([], { includeEditorBuiltins: false }).known.length, 0);
	});

	it('reports an unknown extension contributing a chat participant or language-model tools', () => {
		const r = matchInstalled([
			{ id: 'acme.helper', packageJSON: { ...code, displayName: 'Acme Helper', contributes: { chatParticipants: [{ id: 'acme' }] } } },
			{ id: 'acme.tools', packageJSON: { ...code, activationEvents: ['onLanguageModelTool:acme_read'] } },
			{ id: 'acme.models', packageJSON: { ...code, contributes: { languageModelChatProviders: [{ vendor: 'acme' }] } } },
		]);
		assert.deepEqual(r.unrecognised.map((u) => u.id), ['acme.helper', 'acme.tools', 'acme.models']);
		assert.deepEqual(r.unrecognised[0]?.evidence, ['contributes.chatParticipants']);
	});

	it('reports an unknown extension whose words say AI assistant, in English or Chinese', () => {
		const r = matchInstalled([
			{ id: 'x.gpt-pilot', packageJSON: { ...code, displayName: 'GPT Pilot', description: 'Your AI pair programmer' } },
			{ id: 'y.cn-helper', packageJSON: { ...code, displayName: '智码', description: '基于大模型的智能编程助手' } },
			{ id: 'z.local', packageJSON: { ...code, description: 'Chat with Ollama models in your editor' } },
		]);
		assert.deepEqual(r.unrecognised.map((u) => u.id), ['x.gpt-pilot', 'y.cn-helper', 'z.local']);
		assert.ok(r.unrecognised[0]?.evidence.some((e) => e.includes('"GPT"')));
	});

	it('does not report themes, language packs, ordinary tools, built-ins, or Context Warden itself', () => {
		const r = matchInstalled([
			{ id: 'a.copilot-theme', packageJSON: { displayName: 'Copilot Dark Theme', description: 'A theme inspired by AI chat apps', categories: ['Themes'], contributes: { themes: [{}] } } },
			{ id: 'ms-ceintl.vscode-language-pack-zh-hans', packageJSON: { displayName: 'Chinese (Simplified) Language Pack', description: '人工智能 chat', contributes: { localizations: [{}] } } },
			{ id: 'b.maintain', packageJSON: { ...code, displayName: 'Maintainer tools', description: 'Explains chain and domain settings; autocomplete for paths' } },
			{ id: 'c.docker', packageJSON: { ...code, displayName: 'Docker assistant', description: 'Chat-free container helper' } },
			{ id: 'vscode.builtin-ai', isBuiltin: true, packageJSON: { ...code, contributes: { chatParticipants: [{}] } } },
			{ id: 'd.flagged', packageJSON: { ...code, isBuiltin: true, description: 'AI assistant' } },
			{ id: 'Context-Warden.context-warden', packageJSON: { ...code, description: 'Enforces your AI context policy for AI assistants' } },
		]);
		assert.deepEqual(r.unrecognised, []);
	});

	it('honours an ignore list and counts an extension once', () => {
		const ext = { id: 'acme.helper', packageJSON: { ...code, contributes: { chatParticipants: [{}] } } };
		assert.equal(matchInstalled([ext, { ...ext, id: 'ACME.helper' }]).unrecognised.length, 1);
		assert.equal(matchInstalled([ext], { ignore: ['Acme.Helper'] }).unrecognised.length, 0);
	});

	it('needs more than a lone AI word', () => {
		assert.equal(aiEvidence({ ...code, displayName: 'Claude Monet colour names' }), undefined);
		assert.ok(aiEvidence({ ...code, displayName: 'Claude helper', categories: ['AI'] }));
		assert.ok(aiEvidence({ ...code, description: 'Use OpenAI and Anthropic models' }));
	});
});
