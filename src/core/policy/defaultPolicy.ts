/**
 * The built-in policy: what Context Warden enforces on a machine with no org policy, and what an org policy's
 * omitted fields are filled from.
 */
import type { Policy } from './schema';

/** Whole-file globs for dot-env files: `.env`, `.env.local`, `prod.env`, but not the committed templates. */
const ENV_GLOBS = [
	'**/.env',
	'**/.env.*',
	'**/*.env',
	'!**/.env.example',
	'!**/.env.sample',
	'!**/.env.template',
	'!**/.env.dist',
	'!**/.env.defaults',
	'!**/*.env.example',
	'!**/*.env.sample',
	'!**/*.env.template',
];

/** The built-in default policy: sensible for an organisation that has not written one yet. */
export const DEFAULT_POLICY: Policy = {
	version: 1,
	name: 'Context Warden built-in default',
	description:
		'Secret-bearing files are restricted, credentials and personal data confidential; AI assistants get a warning in restricted workspaces.',
	pathRules: [
		{
			id: 'dotenv',
			globs: ENV_GLOBS,
			level: 'restricted',
			reason: 'Environment files hold credentials and connection strings.',
		},
		{
			id: 'private-keys',
			globs: ['**/*.pem', '**/*.key', '**/id_rsa*', '**/id_dsa*', '**/id_ecdsa*', '**/id_ed25519*', '!**/*.pub', '**/*.ppk', '**/*.kdbx'],
			level: 'restricted',
			reason: 'Private keys and key stores.',
		},
		{
			id: 'keystores',
			globs: ['**/*.p12', '**/*.pfx', '**/*.jks', '**/*.keystore'],
			level: 'restricted',
			reason: 'Certificate and key stores.',
		},
		{
			id: 'package-credentials',
			globs: ['**/.npmrc', '**/.yarnrc.yml', '**/.pypirc', '**/pip.conf', '**/.gem/credentials', '**/.m2/settings.xml', '**/.gradle/gradle.properties', '**/.nuget/NuGet.Config', '**/.cargo/credentials*', '**/.composer/auth.json'],
			level: 'confidential',
			reason: 'Package registry configuration often holds publish tokens.',
		},
		{
			id: 'cloud-credentials',
			globs: [
				'**/credentials.json',
				'**/service-account*.json',
				'**/client_secret*.json',
				'**/.aws/credentials',
				'**/.azure/**',
				'**/.config/gcloud/**',
				'**/application_default_credentials.json',
			],
			level: 'restricted',
			reason: 'Cloud provider credentials.',
		},
		{
			id: 'kubeconfig',
			globs: ['**/kubeconfig', '**/kubeconfig.*', '**/*.kubeconfig', '**/.kube/config'],
			level: 'restricted',
			reason: 'Kubernetes cluster credentials.',
		},
		{
			id: 'terraform-state',
			globs: ['**/terraform.tfstate', '**/terraform.tfstate.*', '**/*.tfstate', '**/*.tfstate.backup', '**/*.tfvars', '!**/*.tfvars.example'],
			level: 'restricted',
			reason: 'Terraform state and variables contain secrets in plain text.',
		},
		{
			id: 'vcs-and-net-credentials',
			globs: ['**/.git-credentials', '**/.netrc', '**/_netrc', '**/.pgpass', '**/.my.cnf', '**/.htpasswd', '**/.docker/config.json'],
			level: 'restricted',
			reason: 'Stored login credentials.',
		},
		{
			id: 'ftp-sftp-clients',
			// FileZilla (sitemanager.xml, recentservers.xml, filezilla.xml), WinSCP (WinSCP.ini), Sublime SFTP
			// (sftp-config.json), VS Code SFTP (.vscode/sftp.json), Atom remote-ftp (.ftpconfig), grunt/gulp (.ftppass).
			globs: ['**/sitemanager.xml', '**/recentservers.xml', '**/filezilla.xml', '**/WinSCP.ini', '**/sftp-config.json', '**/.vscode/sftp.json', '**/.ftpconfig', '**/.ftppass', '**/.remote-sync.json'],
			level: 'restricted',
			reason: 'FTP and SFTP client configurations store server passwords (often only base64-encoded).',
		},
		{
			id: 'database-tool-connections',
			// DBeaver (credentials-config.json), JetBrains (dataSources.local.xml), Robo 3T / Studio 3T, pgAdmin,
			// MySQL Workbench, SQL Developer, Navicat (.ncx exports), ODBC data sources.
			globs: ['**/.dbeaver/credentials-config.json', '**/credentials-config.json', '**/dataSources.local.xml', '**/robo3t.json', '**/3T/**/connections*.json', '**/pgadmin4/**/pgpassfile', '**/pgpass.conf', '**/connections.xml', '**/*.ncx', '**/odbc.ini', '**/.odbc.ini', '**/tnsnames.ora', '**/sqlnet.ora'],
			level: 'restricted',
			reason: 'Database tool connection files hold server addresses, users and saved passwords.',
		},
		{
			id: 'system-password-files',
			globs: ['**/etc/shadow', '**/etc/shadow-', '**/etc/gshadow', '**/etc/master.passwd', '**/shadow.bak', '**/*.htpasswd', '**/htpasswd'],
			level: 'restricted',
			reason: 'System password files hold password hashes that can be cracked offline.',
		},
		{
			id: 'cms-configs',
			// WordPress, Joomla, Drupal, MediaWiki, phpMyAdmin, Magento 2, PrestaShop, Laravel-style .env excluded (dotenv).
			globs: ['**/wp-config.php', '**/configuration.php', '**/sites/*/settings.php', '**/LocalSettings.php', '**/config.inc.php', '**/app/etc/env.php', '**/app/config/parameters.php', '**/config/database.yml', '**/settings.local.php'],
			level: 'restricted',
			reason: 'CMS and web application configuration files hold database passwords and salts.',
		},
		{
			id: 'desktop-credential-stores',
			// Podman registry logins (Docker's config.json is under vcs-and-net-credentials), Subversion auth cache, rclone, s3cmd, Heroku.
			globs: ['**/containers/auth.json', '**/.svn/auth/**', '**/.subversion/auth/**', '**/rclone.conf', '**/.s3cfg', '**/.boto', '**/.config/hub', '**/.config/gh/hosts.yml', '**/.vault-token', '**/.passwd-s3fs'],
			level: 'restricted',
			reason: 'Credential stores of desktop and server tools.',
		},
		{
			id: 'secrets-files',
			globs: ['**/secrets.yml', '**/secrets.yaml', '**/secrets.json', '**/secrets.toml', '**/*.secret', '**/*.secrets', '**/secrets/**', '**/.secrets/**', '**/vault.yml', '**/vault.yaml'],
			level: 'restricted',
			reason: 'Files named as secrets.',
		},
		{
			id: 'databases-and-dumps',
			globs: ['**/*.sqlite', '**/*.sqlite3', '**/*.db', '**/*.sql.gz', '**/*.dump'],
			level: 'confidential',
			reason: 'Databases, dumps and backups usually hold real data.',
		},
		{
			id: 'shell-history',
			globs: ['**/.bash_history', '**/.zsh_history', '**/.history', '**/.python_history', '**/.psql_history', '**/.mysql_history'],
			level: 'confidential',
			reason: 'Shell histories contain pasted tokens and passwords.',
		},
	],
	content: {
		maxFileSizeBytes: 2 * 1024 * 1024,
		detectors: {
			secrets: { enabled: true, level: 'restricted' },
			privateKeys: { enabled: true, level: 'restricted' },
			pii: { enabled: true, level: 'confidential' },
			markers: { enabled: true, level: 'confidential' },
			patterns: { enabled: true, level: 'confidential' },
		},
		markers: [],
		patterns: [],
	},
	workspace: {
		restrictedAt: 'restricted',
		sensitiveLevel: 'confidential',
	},
	assistants: {
		allow: [],
		block: [],
		restrictedAction: 'warn',
		allowedDestinations: [],
		unrecognised: 'warn',
	},
	mcp: {
		allow: [],
		block: [],
		allowedDestinations: ['*'],
		restrictedAction: 'warn',
	},
	overrides: {
		allowWorkspaceLayers: true,
		exceptions: { allowed: false, maxDays: 30, requireReason: true },
		pause: { allowed: false },
	},
	exceptions: [],
};

/**
 * The policy in force when the org policy is invalid or unreadable and no valid one was seen before: the default,
 * with every workspace restricted, other assistants disabled, `internal` files sensitive, and no exceptions.
 * Workspace layers may still tighten it.
 */
export function strictestDefault(): Policy {
	const p = structuredClone(DEFAULT_POLICY);
	p.name = 'Context Warden strictest built-in policy (the org policy is invalid or unreadable)';
	p.description = 'In force until the org policy is fixed: every workspace is restricted and other AI assistants are disabled.';
	p.workspace = { restrictedAt: 'always', sensitiveLevel: 'internal' };
	p.assistants.restrictedAction = 'disable';
	p.overrides = { allowWorkspaceLayers: true, exceptions: { allowed: false, maxDays: p.overrides.exceptions.maxDays, requireReason: true }, pause: { allowed: false } };
	return p;
}
