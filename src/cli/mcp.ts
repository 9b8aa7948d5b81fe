/**
 * The MCP servers of a directory, for `audit` and `scan`: the workspace's MCP configuration files (the same
 * locations the editor reads in each workspace folder), read and judged by the core. The user's own files
 * (`~/.claude.json`, the editor's user `mcp.json`, ...) are the editor's to report: a CI runner's home says
 * nothing about the repository.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sensitiveSet } from '../core/assistants/compile';
import { compileClassifier } from '../core/classify/classifier';
import type { FileClassification } from '../core/classify/types';
import { workspaceVerdict } from '../core/classify/verdict';
import { analyzeMcp, type McpConfigInput, type McpReport, mcpReadTargets } from '../core/mcp/model';
import type { EffectivePolicy } from '../core/policy/layering';
import { continueBlockKind } from '../core/mcp/inventory';
import { blockedServerNames } from '../core/mcp/toolMatch';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_BLOCK_FILES = 50;

function readText(file: string): string | undefined {
	try {
		const st = fs.lstatSync(file);
		return st.isFile() && st.size <= MAX_FILE_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
	} catch {
		return undefined;
	}
}

/** The workspace MCP configuration files under `root`, as the core takes them. */
export function workspaceMcpInputs(root: string): McpConfigInput[] {
	const vars = { workspaceFolder: root.replace(/\\/g, '/'), userHome: os.homedir().replace(/\\/g, '/') };
	const out: McpConfigInput[] = [];
	for (const t of mcpReadTargets(['workspace'])) {
		const abs = path.join(root, t.path);
		if (!t.dir) {
			out.push({ file: t.path, locationId: t.locationId, text: readText(abs), vars });
			continue;
		}
		let names: string[] = [];
		try {
			names = fs.readdirSync(abs).sort().slice(0, MAX_BLOCK_FILES);
		} catch {
			names = [];
		}
		for (const name of names) {
			const kind = continueBlockKind(name);
			if (kind === 'json') {
				out.push({ file: `${t.path}/${name}`, locationId: t.locationId, text: readText(path.join(abs, name)), vars });
			} else if (kind === 'unread') {
				out.push({ file: `${t.path}/${name}`, locationId: t.locationId, text: undefined, vars, unread: 'YAML is not read yet' });
			}
		}
	}
	return out;
}

/** The MCP report of a scanned directory, judged as the editor judges the same folder. */
export function directoryMcp(root: string, effective: EffectivePolicy, files: readonly FileClassification[]): McpReport {
	const { classifier } = compileClassifier(effective.policy, effective.exceptions.active.map((x) => ({ path: x.path, expires: x.expires })));
	const levels = new Map(files.map((f) => [f.path, f.level]));
	return analyzeMcp(workspaceMcpInputs(root), {
		policy: effective.policy,
		restricted: workspaceVerdict(effective.policy, levels.values()).restricted,
		classifier,
		levelOf: (key) => levels.get(key),
		platform: process.platform,
		sensitiveFiles: sensitiveSet(effective.policy, files).files,
	});
}

/**
 * The names of the workspace's MCP servers the policy blocks (block list, or a destination it does not allow).
 * Blocking depends on neither classification nor the workspace's restriction, so no file is classified.
 */
export function blockedWorkspaceServers(root: string, effective: EffectivePolicy): string[] {
	const none = { classifyPath: () => [], classifyText: (path: string) => ({ path, level: 'public' as const, reasons: [] }) };
	return blockedServerNames(analyzeMcp(workspaceMcpInputs(root), { policy: effective.policy, restricted: false, classifier: none, sensitiveFiles: [] }));
}
