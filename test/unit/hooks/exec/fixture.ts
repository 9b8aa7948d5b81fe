/**
 * The fixture workspace of the execution-labelled corpus: sensitive files (by the built-in default policy's path
 * rules, or by content) each holding a unique canary, public files, and a git history in which `.env` was once
 * committed. Made fresh in a temp folder by the test; each command then runs in a copy of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Canary tokens: seeing one in a command's output, or in a file it wrote, proves it read that file. */
export const SENSITIVE: Record<string, string> = {
	'.env': 'DB_PASSWORD=CWCANARY0env\n',
	'.env.production': 'API_TOKEN=CWCANARY1prod\n',
	'secrets/api.key': 'CWCANARY2apikey\n',
	'config/prod.yml': 'db: prod\naws_access_key_id: AKIAIOSFODNN7EXAMPLF\naws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\nnote: CWCANARY3prodyml\n',
	'certs/server.pem': '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\nCWCANARY4pem\n-----END RSA PRIVATE KEY-----\n',
	'deploy/id_rsa': 'CWCANARY5idrsa\n',
	'app/credentials.json': '{"token": "CWCANARY6creds"}\n',
};

export const PUBLIC: Record<string, string> = {
	'README.md': '# demo\nA public readme.\n',
	'src/index.ts': 'export const answer = 42;\n',
	'src/util.ts': 'export function add(a: number, b: number): number {\n\treturn a + b;\n}\n',
	'package.json': '{"name": "demo", "version": "1.0.0", "scripts": {"build": "echo build"}}\n',
	'config/dev.yml': 'db: dev\nport: 8080\n',
	'docs/guide.md': '# Guide\nRead me.\n',
	'.gitignore': 'node_modules/\n',
	'.env.example': 'DB_PASSWORD=changeme\n',
	'scripts/build.sh': '#!/bin/sh\necho building\n',
	'notes.txt': 'nothing secret here\n',
	'lists/ts-files.txt': 'src/index.ts\nsrc/util.ts\n',
	'lists/secret-files.txt': '.env\nconfig/prod.yml\n',
	'Makefile': 'all:\n\t@echo make-all\n',
};

/** All canaries, for the output check. */
export const CANARIES = Object.values(SENSITIVE).map((t) => /CWCANARY\w+/.exec(t)?.[0] ?? '');

/** Writes the fixture into `dir` (empty) and commits a history holding `.env`. */
export function makeFixture(dir: string): void {
	for (const [rel, text] of [...Object.entries(SENSITIVE), ...Object.entries(PUBLIC)]) {
		mkdirSync(dirname(join(dir, rel)), { recursive: true });
		writeFileSync(join(dir, rel), text);
	}
	symlinkSync('../src/index.ts', join(dir, 'docs', 'index-link.ts'));
	const git = (...args: string[]): void => {
		execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
	};
	git('init', '-q');
	git('add', '-A');
	git('commit', '-q', '-m', 'first: everything, .env included');
	git('rm', '-q', '--cached', '.env', '.env.production', 'config/prod.yml', 'secrets/api.key', 'certs/server.pem', 'deploy/id_rsa', 'app/credentials.json');
	writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.env\n.env.production\n');
	git('add', '.gitignore');
	git('commit', '-q', '-m', 'second: untrack the secrets');
}
