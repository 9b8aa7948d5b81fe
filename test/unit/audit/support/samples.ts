/**
 * Test data for the audit tests: a seeded PRNG for fake credentials in real formats (generated at test time, so
 * no secret-shaped string sits in the repository), attacker-chosen file names, and a small workspace on disk.
 */
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReportInput } from '../../../../src/core/audit/report';
import type { FileClassification } from '../../../../src/core/classify/types';
import { resolveEffectivePolicy } from '../../../../src/core/policy/layering';

import { prng } from '../../../support/prng';


function pick(rand: () => number, alphabet: string, n: number): string {
	let s = '';
	for (let i = 0; i < n; i++) {
		s += alphabet[Math.floor(rand() * alphabet.length)];
	}
	return s;
}

/** A fake AWS access key id and GitHub token in their real formats. */
export function fakeCredentials(seed = 7): { aws: string; github: string } {
	const rand = prng(seed);
	return {
		aws: `AKIA${pick(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
		github: `ghp_${pick(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 36)}`,
	};
}

/** File names an attacker can commit: table breakers, code-span openers, HTML, bidi controls, newlines. */
export const HOSTILE_NAMES = [
	'evil|name`<img src=x onerror=alert(1)>.env',
	'[click](javascript:alert(1)) **bold** _x_ ~~s~~ &amp; \\|.env',
	'line\nbreak.env',
	'invoice\u202Etxt.exe.env',
	'100% #1 ?q=a&b.env',
];

/** A plain-data report input with the default policy and hand-made classifications. */
export function sampleInput(files: FileClassification[], extra: Partial<AuditReportInput> = {}): AuditReportInput {
	return {
		generatedAt: new Date(Date.UTC(2025, 5, 1, 12, 0, 0)),
		environment: { user: 'alice', host: 'build-7', platform: 'linux', extensionVersion: '1.2.3' },
		policy: resolveEffectivePolicy({ now: new Date(Date.UTC(2025, 5, 1)) }),
		workspaceName: 'payments',
		files,
		...extra,
	};
}

/** Creates a small workspace under `dir`: credentials at known positions, a PEM key, a marker, hostile names. */
export function makeWorkspace(dir: string, creds = fakeCredentials()): { root: string; lines: Record<string, number> } {
	const root = path.join(dir, 'ws');
	fs.mkdirSync(path.join(root, 'src'), { recursive: true });
	fs.mkdirSync(path.join(root, 'keys'), { recursive: true });
	fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
	fs.writeFileSync(path.join(root, 'src', 'aws.ts'), `// AWS client\nimport { S3 } from 'aws-sdk';\n\nconst id = '${creds.aws}';\nexport const s3 = new S3({ accessKeyId: id });\n`);
	fs.writeFileSync(path.join(root, 'src', 'gh.ts'), `export const token = "${creds.github}";\n`);
	fs.writeFileSync(path.join(root, 'src', 'plain.ts'), 'export const x = 1;\n');
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	fs.writeFileSync(path.join(root, 'keys', 'server.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
	fs.writeFileSync(path.join(root, 'docs', 'plan.md'), '# Plan\n\nCONFIDENTIAL: not for distribution.\n');
	for (const name of HOSTILE_NAMES) {
		fs.writeFileSync(path.join(root, name), 'A=1\n');
	}
	return { root, lines: { 'src/aws.ts': 4, 'src/gh.ts': 1 } };
}
