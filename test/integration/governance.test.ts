// Assistant governance in a real extension host: in a restricted workspace whose policy says "disable", stand-ins
// for Continue, Cline, Roo Code and Lingma (real ids, real setting keys) get their levers: workspace settings
// through the configuration API, managed blocks in their ignore files. The user's own ignore lines and the comments
// in .vscode/settings.json survive byte for byte, and Restore gives every file back exactly as it was.
import * as assert from 'node:assert/strict';
import ignore from 'ignore';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ContextWardenApi } from '../../src/extension';
import { type GovernanceService } from '../../src/vscode/assistants/governanceService';
import { waitFor, workspaceRoot } from './helpers';
import { runConfig } from './runConfig';

const RESTORE_COMMAND = 'contextWarden.restoreAssistantSettings';
const STUBS = ['Continue.continue', 'saoudrizwan.claude-dev', 'RooVeterinaryInc.roo-cline', 'Alibaba-Cloud.tongyi-lingma'];
const WATCHED = ['.vscode/settings.json', '.clineignore', '.cursorignore', '.continueignore', '.rooignore', '.tongyiignore', '.lingmaignore'];

async function read(rel: string): Promise<string | undefined> {
	try {
		return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), rel)));
	} catch {
		return undefined;
	}
}

async function snapshot(): Promise<Record<string, string | undefined>> {
	const out: Record<string, string | undefined> = {};
	for (const f of WATCHED) {
		out[f] = await read(f);
	}
	return out;
}

suite('governance', () => {
	const config = runConfig();
	let service: GovernanceService;
	let before: Record<string, string | undefined> = {};

	suiteSetup(async function () {
		this.timeout(60_000);
		before = await snapshot();
		const ext = vscode.extensions.getExtension<ContextWardenApi>(EXTENSION_ID);
		assert.ok(ext, 'Context Warden is not installed');
		service = (await ext.activate()).governance();
		assert.ok((await vscode.commands.getCommands(true)).includes(RESTORE_COMMAND), `${RESTORE_COMMAND} is registered`);
	});

	/** The assistants the extension's governance service shows now. */
	function governed(): ReturnType<GovernanceService['views']> {
		return service.views();
	}

	test('the run is trusted and the assistant stand-ins are loaded under their real ids', () => {
		assert.equal(config.trusted, true);
		assert.equal(vscode.workspace.isTrusted, true);
		for (const id of STUBS) {
			assert.ok(vscode.extensions.getExtension(id), `${id} is not loaded`);
		}
		assert.equal(vscode.workspace.getConfiguration().inspect('continue.enableTabAutocomplete')?.defaultValue, true);
	});

	test('in the restricted workspace the levers are applied: settings through the configuration API, ignore blocks', async function () {
		this.timeout(60_000);
		const applied = await waitFor(async () => (await read('.continueignore')) !== undefined && /"continue\.enableTabAutocomplete": false/.test((await read('.vscode/settings.json')) ?? ''), 45_000, 250);
		assert.ok(applied, `levers not applied in 45 s; settings.json is now:\n${(await read('.vscode/settings.json')) ?? '(missing)'}`);
		const inspected = vscode.workspace.getConfiguration().inspect<boolean>('continue.enableTabAutocomplete');
		assert.equal(inspected?.workspaceValue, false, 'the editor sees the workspace value');
		assert.equal(vscode.workspace.getConfiguration().inspect('chat.disableAIFeatures')?.workspaceValue, true, "the editor's own AI is switched off");
		// Keys nobody registers are never written (Cline and Lingma have none; Copilot's are not registered here).
		const settings = (await read('.vscode/settings.json')) ?? '';
		assert.doesNotMatch(settings, /github\.copilot/);
		// The ignore files: a managed block with the secret file, the user's own lines first and unchanged.
		for (const f of ['.continueignore', '.clineignore', '.rooignore', '.cursorignore']) {
			const text = (await read(f)) ?? '';
			assert.match(text, /# >>> context-warden managed/, `${f} has no managed block`);
			assert.ok(ignore().add(text).ignores('.env'), `${f} does not exclude .env:\n${text}`);
		}
	});

	test("the user's own ignore lines and the comments in .vscode/settings.json survive byte for byte", async () => {
		const cline = (await read('.clineignore')) ?? '';
		const original = before['.clineignore'] ?? '';
		assert.ok(original.length > 0);
		assert.ok(cline.startsWith(original), `the user's lines were changed:\n${cline}`);
		// A team that also uses the Cursor fork: its .cursorignore (CRLF, as the user wrote it) keeps every byte.
		const cursor = (await read('.cursorignore')) ?? '';
		const cursorBefore = before['.cursorignore'] ?? '';
		assert.ok(cursorBefore.includes('\r\n'));
		assert.ok(cursor.startsWith(cursorBefore), `the user's .cursorignore lines were changed:\n${JSON.stringify(cursor)}`);
		const settings = (await read('.vscode/settings.json')) ?? '';
		for (const comment of ['// The team\'s editor settings. Context Warden must keep this comment byte for byte.', '/* a block comment\n\t   over two lines */']) {
			assert.ok(settings.includes(comment), `lost: ${comment}\n${settings}`);
		}
		assert.match(settings, /"editor\.tabSize": 2/);
	});

	test('the exposure views say what is blocked and what each assistant reads', () => {
		const views = service.views();
		const continueView = views.find((v) => v.id === 'continue');
		assert.ok(continueView, `views: ${views.map((v) => v.id).join(', ')}`);
		assert.ok(continueView.blockedByWarden('.env'), 'the managed .continueignore covers .env');
		assert.ok(!continueView.blockedByWarden('src/app.ts'));
		assert.equal(continueView.disabled, false, 'Continue chat stays open: its settings do not switch everything off');
		const cline = views.find((v) => v.id === 'cline');
		assert.ok(cline, 'no Cline view');
		assert.ok(cline.excludedByOwnControls('node_modules/x.js'), "Cline's own .clineignore line");
		assert.ok(!cline.excludedByOwnControls('src/app.ts'));
		// The words follow the levers applied: Continue's settings stop completions, not its chat, so it is restricted,
		// not disabled; the ignore files of Lingma, Roo Code and Cline switch nothing off either.
		const lines = service.statusLines();
		const state = (name: string) => lines.find((l) => l.name === name)?.state ?? '';
		assert.match(state('Continue'), /^restricted: .*; not covered: .*chat/, JSON.stringify(lines));
		for (const name of ['Roo Code', 'Cline', 'Tongyi Lingma (通义灵码)']) {
			assert.doesNotMatch(state(name), /disabled/, `${name}: ${state(name)}`);
			assert.match(state(name), /not covered/, `${name}: ${state(name)}`);
		}
		// The audit's coverage gaps name the same open surfaces the status line does.
		const audit = service.auditAssistants().find((a) => a.id === 'continue');
		assert.ok(audit?.coverageGaps.some((g) => g.startsWith('chat not covered')), JSON.stringify(audit?.coverageGaps));
		assert.ok(audit?.why?.some((w) => /^Context Warden: restricted: .*not covered: .*chat/.test(w)), JSON.stringify(audit?.why));
	});

	test('restore gives every file back exactly as it was', async function () {
		this.timeout(30_000);
		await vscode.commands.executeCommand(RESTORE_COMMAND);
		let now: Record<string, string | undefined> = {};
		const same = await waitFor(async () => {
			now = await snapshot();
			return WATCHED.every((f) => now[f] === before[f]);
		}, 15_000, 250);
		assert.ok(same, WATCHED.filter((f) => now[f] !== before[f]).map((f) => `${f}: ${JSON.stringify(now[f])} (was ${JSON.stringify(before[f])})`).join('\n'));
		const reloaded = await waitFor(() => vscode.workspace.getConfiguration().inspect('continue.enableTabAutocomplete')?.workspaceValue === undefined, 10_000);
		assert.ok(reloaded, 'the editor still sees the workspace value after restore');
		// And it stays restored (no re-application while nothing changed). The editor may bring up an assistant of
		// its own late (code-server enables its built-in Copilot Chat asynchronously): that one is governed as new,
		// so then only the files of the assistants restored are compared.
		const present = new Set(governed().map((v) => v.id));
		await new Promise((r) => setTimeout(r, 2_000));
		now = await snapshot();
		const appeared = governed().filter((v) => !present.has(v.id));
		if (appeared.length === 0) {
			assert.deepEqual(now, before);
		} else {
			for (const f of ['.clineignore', '.cursorignore', '.continueignore', '.rooignore', '.tongyiignore', '.lingmaignore']) {
				assert.equal(now[f], before[f], `${f} came back after restore (new: ${appeared.map((v) => v.id).join(', ')})`);
			}
			assert.equal(vscode.workspace.getConfiguration().inspect('continue.enableTabAutocomplete')?.workspaceValue, undefined);
		}
	});
});
