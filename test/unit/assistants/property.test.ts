/**
 * Property test: random sequences of classification changes, decision changes and user edits over ignore files and
 * JSONC settings files, applied and finally restored through the ledger.
 *
 * Properties:
 * 1. Every intermediate state is well-formed (intact block, parseable JSON) and the ledger describes it.
 * 2. No user content is ever lost: after a full restore, an ignore file holds exactly the user's lines as they were
 *    before the restore (the block's lines alone are gone), and a JSON file holds every key, value, array entry and
 *    comment the user wrote.
 * 3. Without user edits, a full restore gives back the exact original bytes (or no file, if there was none).
 */
import * as assert from 'node:assert/strict';
import { getEntry } from '../../../src/core/assistants/catalogue';
import { type CompileTarget, compileLevers } from '../../../src/core/assistants/compile';
import type { AssistantDecision } from '../../../src/core/assistants/decide';
import { type LedgerRecord, applyFileEdits, managedItems, planApply, restore } from '../../../src/core/assistants/ledger';
import { readBlock, splitLines } from '../../../src/core/assistants/managedBlock';
import { appendArrayItem, deepEqual, getJsonValue, parseJsonc, setJsonValue } from '../../../src/core/assistants/managedJson';
import type { FileClassification } from '../../../src/core/classify/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import type { Level, Policy } from '../../../src/core/policy/schema';
import { prng } from '../../support/prng';


type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number): boolean => r() < p;

const IGNORE_FILES = ['.cursorignore', '.continueignore', '.copilotignore', '.rooignore'];
const SETTINGS = '.vscode/settings.json';
const CLAUDE = '.claude/settings.json';
const JSON_FILES = [SETTINGS, CLAUDE];
const ALL_FILES = [...IGNORE_FILES, ...JSON_FILES];
const ENTRIES = ['github-copilot-chat', 'vscode-chat', 'claude-code', 'cursor', 'continue', 'tabnine', 'roo-code'];
const PATHS = ['.env', 'config/prod.env', 'secrets/db.txt', 'src/app.ts', 'keys/id_rsa', 'Data/Report.csv', 'weird name .txt', 'a[1].txt', 'x*y?.txt', '#hash.txt', '!bang.txt', 'deep/a/b/c.key', 'README.md'];
const LEVELS: Level[] = ['public', 'internal', 'confidential', 'restricted'];
const DECISIONS: AssistantDecision[] = ['allowed', 'warn', 'disable'];

const POLICY: Policy = {
	...DEFAULT_POLICY,
	pathRules: [
		{ id: 'env', globs: ['**/.env', '**/*.env', '!**/.env.example'], level: 'restricted' },
		{ id: 'secrets', globs: ['secrets/**', '{keys,certs}/**'], level: 'restricted' },
		{ id: 'docs', globs: ['docs/**'], level: 'public' },
	],
};

function eolOf(r: Rand): string {
	return pick(r, ['\n', '\n', '\r\n', '\r\n', '\r']);
}

function randomIgnoreFile(r: Rand): string | undefined {
	if (chance(r, 0.3)) {
		return undefined;
	}
	const eol = eolOf(r);
	const n = Math.floor(r() * 5);
	const lines = Array.from({ length: n }, (_, i) => pick(r, ['node_modules/', '*.log', '# a comment', '', `build${i}/`, '!keep.txt', '  spaced  ']));
	let text = lines.join(eol);
	if (n > 0 && chance(r, 0.6)) {
		text += eol;
	}
	return (chance(r, 0.2) ? '\uFEFF' : '') + text;
}

interface UserJson {
	keys: Map<string, unknown>;
	items: Map<string, unknown[]>;
	comments: string[];
}

function randomJsonFile(r: Rand, file: string, user: UserJson): string | undefined {
	if (chance(r, 0.3)) {
		return undefined;
	}
	if (chance(r, 0.05)) {
		return '';
	}
	const eol = chance(r, 0.3) ? '\r\n' : '\n';
	const indent = pick(r, ['\t', '  ', '    ']);
	const members: string[] = [];
	const n = Math.floor(r() * 4);
	for (let i = 0; i < n; i++) {
		const key = `user.k${i}`;
		const value = pick(r, [true, 1, 'x', { nested: [1, 2] }, null]);
		user.keys.set(key, value);
		const comment = chance(r, 0.4) ? ` // c${i}` : '';
		if (comment) {
			user.comments.push(comment.trim());
		}
		members.push(`${indent}${JSON.stringify(key)}: ${JSON.stringify(value)},${comment}`);
	}
	if (file === CLAUDE && chance(r, 0.5)) {
		user.items.set('/permissions/deny', ['Bash(curl:*)']);
		members.push(`${indent}"permissions": { "deny": ["Bash(curl:*)"] },`);
	}
	if (chance(r, 0.3)) {
		user.comments.push('/* header */');
		members.unshift(`${indent}/* header */`);
	}
	// drop the trailing comma of the last member unless we keep one (allowed in JSONC)
	if (members.length > 0 && !chance(r, 0.2)) {
		const last = members.length - 1;
		members[last] = (members[last] ?? '').replace(/,(\s*(?:\/\/.*)?)$/, '$1');
	}
	const singleLine = chance(r, 0.15) && !members.some((m) => m.includes('//'));
	let text = singleLine ? `{ ${members.map((m) => m.trim()).join(' ')} }` : `{${eol}${members.join(eol)}${members.length ? eol : ''}}`;
	if (chance(r, 0.7)) {
		text += eol;
	}
	return (chance(r, 0.1) ? '\uFEFF' : '') + text;
}

function userEditIgnore(r: Rand, text: string | undefined, n: number): string {
	const line = `user-line-${n}`;
	if (text === undefined) {
		return `${line}\n`;
	}
	const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
	const body = bom ? text.slice(1) : text;
	const lines = splitLines(body);
	const block = readBlock(text);
	const inside = (i: number): boolean => block.state === 'present' && i > block.beginLine && i <= block.endLine;
	const eol = lines.find((l) => l.eol !== '')?.eol ?? '\n';
	if (chance(r, 0.25) && lines.length > 0) {
		// delete one of the user's lines
		const candidates = lines.map((_, i) => i).filter((i) => !(block.state === 'present' && i >= block.beginLine && i <= block.endLine));
		if (candidates.length > 0) {
			const i = pick(r, candidates);
			lines.splice(i, 1);
			return bom + lines.map((l) => l.content + l.eol).join('');
		}
	}
	const positions = Array.from({ length: lines.length + 1 }, (_, i) => i).filter((i) => !inside(i));
	const at = pick(r, positions);
	if (at === lines.length) {
		const last = lines[lines.length - 1];
		if (last && last.eol === '') {
			last.eol = eol as typeof last.eol;
			lines.push({ content: line, eol: '' });
		} else {
			lines.push({ content: line, eol: eol as '\n' });
		}
	} else {
		lines.splice(at, 0, { content: line, eol: eol as '\n' });
	}
	return bom + lines.map((l) => l.content + l.eol).join('');
}

function userEditJson(r: Rand, file: string, text: string | undefined, n: number, user: UserJson): string {
	const bom = text?.startsWith('\uFEFF') ? '\uFEFF' : '';
	const body = bom ? (text ?? '').slice(1) : text;
	const roll = r();
	if (roll < 0.4 || body === undefined || body.trim() === '') {
		const key = `user.n${n}`;
		const value = pick(r, [false, 42, 'v', [1], { a: 'b' }]);
		user.keys.set(key, value);
		return bom + setJsonValue(body, `/${key}`, value);
	}
	if (roll < 0.6 && user.keys.size > 0) {
		const key = pick(r, [...user.keys.keys()]);
		const value = `changed-${n}`;
		user.keys.set(key, value);
		return bom + setJsonValue(body, `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value);
	}
	if (roll < 0.8 && file === CLAUDE) {
		const item = `Bash(user-${n})`;
		user.items.set('/permissions/deny', [...(user.items.get('/permissions/deny') ?? []), item]);
		return bom + appendArrayItem(body, '/permissions/deny', item);
	}
	// a comment line right after the opening brace
	const eol = /\r\n/.test(body) ? '\r\n' : '\n';
	const comment = `// note ${n}`;
	user.comments.push(comment);
	const i = body.indexOf('{');
	return bom + body.slice(0, i + 1) + eol + comment + eol + body.slice(i + 1);
}

function randomClassifications(r: Rand): FileClassification[] {
	return PATHS.filter(() => chance(r, 0.5)).map((path) => ({ path, level: pick(r, LEVELS), reasons: [] }));
}

function randomTargets(r: Rand): CompileTarget[] {
	return ENTRIES.filter(() => chance(r, 0.7)).map((id) => {
		const entry = getEntry(id);
		assert.ok(entry);
		return { entry, decision: pick(r, DECISIONS) };
	});
}

function checkWellFormed(files: Record<string, string | undefined>, ledger: LedgerRecord[] | undefined, ctx: string): void {
	for (const f of IGNORE_FILES) {
		const b = readBlock(files[f]);
		assert.notEqual(b.state, 'damaged', `${ctx}: ${f} damaged`);
		if (b.state === 'present') {
			assert.ok(b.intact, `${ctx}: ${f} block not intact`);
		}
	}
	for (const f of JSON_FILES) {
		const t = files[f];
		if (t !== undefined && t.trim() !== '') {
			assert.ok(parseJsonc(t.replace(/^\uFEFF/, '')).ok, `${ctx}: ${f} not parseable:\n${t}`);
		}
	}
	// what the ledger says is applied is there
	for (const item of managedItems(ledger ?? [])) {
		if (!item.latest.existed || item.kind === 'ignoreBlock') {
			continue;
		}
		const body = files[item.file]?.replace(/^\uFEFF/, '');
		if (item.kind === 'jsonValue') {
			assert.ok(deepEqual(getJsonValue(body, item.key ?? '').value, item.latest.value), `${ctx}: ${item.file}${item.key ?? ''} not as recorded`);
		}
	}
}

function contentLines(text: string | undefined): string[] {
	if (text === undefined) {
		return [];
	}
	return splitLines(text.replace(/^\uFEFF/, '')).map((l) => l.content);
}

function withoutBlock(text: string | undefined): string[] {
	const lines = contentLines(text);
	const b = readBlock(text);
	return b.state === 'present' ? [...lines.slice(0, b.beginLine), ...lines.slice(b.endLine + 1)] : lines;
}

describe('assistants property: apply, user edits, restore', function () {
	this.timeout(120_000);
	const SEQUENCES = Number(process.env.CW_PROPERTY_SEQUENCES ?? 2000);

	it(`${SEQUENCES} random sequences never lose user content, and restore exact bytes when the user made no edit`, () => {
		let exactChecks = 0;
		let editedChecks = 0;
		for (let seed = 1; seed <= SEQUENCES; seed++) {
			const r = prng(seed);
			const users = new Map<string, UserJson>(JSON_FILES.map((f) => [f, { keys: new Map(), items: new Map(), comments: [] }]));
			const original: Record<string, string | undefined> = {};
			for (const f of IGNORE_FILES) {
				original[f] = randomIgnoreFile(r);
			}
			for (const f of JSON_FILES) {
				original[f] = randomJsonFile(r, f, users.get(f) as UserJson);
			}
			let files: Record<string, string | undefined> = { ...original };
			let ledger: LedgerRecord[] = [];
			const edited = new Set<string>();
			const steps = 3 + Math.floor(r() * 8);
			for (let step = 0; step < steps; step++) {
				const ctx = `seed ${seed} step ${step}`;
				if (chance(r, 0.6) || step === 0) {
					const compiled = compileLevers(POLICY, randomClassifications(r), randomTargets(r));
					const plan = planApply(compiled.changes, ledger, files, new Date(Date.UTC(2026, 10, 24, 0, 0, step)));
					assert.deepEqual(plan.problems, [], ctx);
					files = applyFileEdits(files, plan.edits);
					ledger = [...ledger, ...plan.records];
				} else {
					const f = pick(r, ALL_FILES);
					edited.add(f);
					files[f] = IGNORE_FILES.includes(f) ? userEditIgnore(r, files[f], step) : userEditJson(r, f, files[f], step, users.get(f) as UserJson);
				}
				checkWellFormed(files, undefined, ctx);
			}
			checkWellFormed(files, edited.size === 0 ? ledger : undefined, `seed ${seed} end`);
			const before = { ...files };
			const result = restore(ledger, files);
			const after = applyFileEdits(files, result.edits);
			for (const f of ALL_FILES) {
				const ctx = `seed ${seed} ${f}`;
				if (!edited.has(f)) {
					assert.equal(after[f], original[f], `${ctx}: restore is not byte-exact\n--- before restore:\n${before[f]}`);
					exactChecks++;
					continue;
				}
				editedChecks++;
				if (IGNORE_FILES.includes(f)) {
					assert.deepEqual(contentLines(after[f]), withoutBlock(before[f]), `${ctx}: user lines changed\n--- original:\n${JSON.stringify(original[f])}\n--- before:\n${JSON.stringify(before[f])}\n--- after:\n${JSON.stringify(after[f])}`);
					assert.equal(readBlock(after[f]).state, 'absent', ctx);
					if (before[f]?.startsWith('\uFEFF') && after[f] !== undefined) {
						assert.ok(after[f]?.startsWith('\uFEFF'), `${ctx}: BOM lost`);
					}
					continue;
				}
				const user = users.get(f) as UserJson;
				const text = after[f];
				const body = text?.replace(/^\uFEFF/, '');
				if (user.keys.size > 0 || user.items.size > 0 || user.comments.length > 0) {
					assert.ok(body !== undefined, `${ctx}: file with user content deleted`);
				}
				for (const [k, v] of user.keys) {
					const got = getJsonValue(body, `/${k}`);
					assert.ok(got.exists && deepEqual(got.value, v), `${ctx}: user key ${k} lost\n--- before:\n${before[f]}\n--- after:\n${text}`);
				}
				for (const [k, vs] of user.items) {
					const got = getJsonValue(body, k).value;
					for (const v of vs) {
						assert.ok(Array.isArray(got) && got.some((x) => deepEqual(x, v)), `${ctx}: user item ${String(v)} lost\n--- after:\n${text}`);
					}
				}
				for (const c of user.comments) {
					assert.ok(body?.includes(c), `${ctx}: comment ${c} lost\n--- before:\n${before[f]}\n--- after:\n${text}`);
				}
				// nothing of ours is left where the user did not have it
				assert.equal(getJsonValue(body, '/chat.disableAIFeatures').exists, getJsonValue(original[f]?.replace(/^\uFEFF/, ''), '/chat.disableAIFeatures').exists, ctx);
				const deny = getJsonValue(body, '/permissions/deny').value;
				assert.ok(!Array.isArray(deny) || !deny.some((x) => typeof x === 'string' && x.startsWith('Read(')), `${ctx}: a Read rule is left\n${text}`);
			}
		}
		assert.ok(exactChecks > SEQUENCES / 2 && editedChecks > SEQUENCES / 2, `exact ${exactChecks}, edited ${editedChecks}`);
	});
});
