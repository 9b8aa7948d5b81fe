/**
 * The core's sentences in the editor's display language. The core keeps English for logs, the audit log and reports
 * and exports the texts and templates it uses; each is mapped here to a literal `vscode.l10n.t` call, so that
 * `npm run l10n` extracts it. A message is translated only while it is still the core's text for its rule: text a
 * policy's author wrote (path rule reasons, org pattern descriptions, org markers) and anything unmapped are shown as
 * they are. test/unit/coreText.test.ts fails when a core text has no entry here, or an entry's key is not that text.
 */
import * as vscode from 'vscode';
import { COVERAGE_TEXT, type CoveragePhrase, type CoverageSentence } from '../core/assistants/coverage';
import { type AssistantDecision, DECISION_TEXT, type DecisionResult, type DecisionSentence } from '../core/assistants/decide';
import { DRIFT_TEXT, type DriftEvent } from '../core/assistants/drift';
import type { Enforcement } from '../core/assistants/enforcement';
import { LEDGER_TEXT, type Problem, type ProblemSentence } from '../core/assistants/ledger';
import { MANAGED_BLOCK_TEXT } from '../core/assistants/managedBlock';
import { MANAGED_JSON_TEXT } from '../core/assistants/managedJson';
import { MANAGED_TEXT } from '../core/assistants/managedText';
import { COVERAGE_SURFACES, type CoverageSurface } from '../core/assistants/types';
import { MARKER_MESSAGE } from '../core/classify/detectors/markers';
import { PII_MESSAGES } from '../core/classify/detectors/pii';
import { PRIVATE_KEY_MESSAGES } from '../core/classify/detectors/privateKeys';
import { SECRET_RULES } from '../core/classify/detectors/secretRules';
import { HOOK_PLACEMENT_TEXT } from '../core/hooks/installPlan';
import type { Reason, ReasonKind, SkipReason } from '../core/classify/types';
import type { PolicySource } from '../core/policy/layering';
import { DEFAULT_POLICY } from '../core/policy/defaultPolicy';
import type { LayerKind, PiiKind } from '../core/policy/schema';
import { assistantNameText, destinationPlacesText, leverConditionText, leverHowText, leverPartialText, leverRemedyText } from './assistants/catalogueText';

type Text = () => string;

/** Secret rule descriptions (`SECRET_RULES`), by rule id. */
const SECRET_RULE_TEXT: Readonly<Record<string, Text>> = {
	'aws-access-key-id': () => vscode.l10n.t('AWS access key ID'),
	'aws-secret-access-key': () => vscode.l10n.t('AWS secret access key'),
	'gcp-service-account-key': () => vscode.l10n.t('Google Cloud service-account key file'),
	'gcp-api-key': () => vscode.l10n.t('Google Cloud / Firebase API key'),
	'gcp-oauth-client-secret': () => vscode.l10n.t('Google OAuth client secret'),
	'azure-storage-account-key': () => vscode.l10n.t('Azure storage account key in a connection string'),
	'azure-shared-access-key': () => vscode.l10n.t('Azure Service Bus / Event Hubs shared access key'),
	'azure-ad-client-secret': () => vscode.l10n.t('Azure AD (Entra ID) client secret'),
	'azure-openai-api-key': () => vscode.l10n.t('Azure OpenAI API key'),
	'alibaba-access-key-id': () => vscode.l10n.t('Alibaba Cloud AccessKey ID'),
	'alibaba-access-key-secret': () => vscode.l10n.t('Alibaba Cloud AccessKey secret'),
	'tencent-secret-id': () => vscode.l10n.t('Tencent Cloud SecretId'),
	'tencent-secret-key': () => vscode.l10n.t('Tencent Cloud SecretKey'),
	'huawei-cloud-access-key': () => vscode.l10n.t('Huawei Cloud access key (AK/SK)'),
	'volcengine-access-key': () => vscode.l10n.t('Volcano Engine access key'),
	'digitalocean-pat': () => vscode.l10n.t('DigitalOcean personal access token'),
	'digitalocean-oauth-token': () => vscode.l10n.t('DigitalOcean OAuth access token'),
	'digitalocean-refresh-token': () => vscode.l10n.t('DigitalOcean OAuth refresh token'),
	'heroku-api-key-v2': () => vscode.l10n.t('Heroku API key'),
	'heroku-api-key': () => vscode.l10n.t('Heroku API key (UUID form)'),
	'cloudflare-api-token': () => vscode.l10n.t('Cloudflare API token'),
	'cloudflare-global-api-key': () => vscode.l10n.t('Cloudflare global API key'),
	'cloudflare-origin-ca-key': () => vscode.l10n.t('Cloudflare Origin CA key'),
	'fastly-api-token': () => vscode.l10n.t('Fastly API token'),
	'databricks-token': () => vscode.l10n.t('Databricks personal access token'),
	'vault-service-token': () => vscode.l10n.t('HashiCorp Vault service token'),
	'vault-batch-token': () => vscode.l10n.t('HashiCorp Vault batch token'),
	'vault-legacy-token': () => vscode.l10n.t('HashiCorp Vault token (legacy s. form)'),
	'terraform-cloud-token': () => vscode.l10n.t('Terraform Cloud / Enterprise API token'),
	'pulumi-access-token': () => vscode.l10n.t('Pulumi access token'),
	'doppler-token': () => vscode.l10n.t('Doppler token'),
	'okta-api-token': () => vscode.l10n.t('Okta API token'),
	'tailscale-key': () => vscode.l10n.t('Tailscale API / auth key'),
	'github-pat': () => vscode.l10n.t('GitHub personal access token (classic)'),
	'github-oauth-token': () => vscode.l10n.t('GitHub OAuth access token'),
	'github-user-to-server-token': () => vscode.l10n.t('GitHub App user-to-server token'),
	'github-server-to-server-token': () => vscode.l10n.t('GitHub App installation token'),
	'github-refresh-token': () => vscode.l10n.t('GitHub refresh token'),
	'github-fine-grained-pat': () => vscode.l10n.t('GitHub fine-grained personal access token'),
	'gitlab-pat': () => vscode.l10n.t('GitLab personal access token'),
	'gitlab-pipeline-trigger-token': () => vscode.l10n.t('GitLab pipeline trigger token'),
	'gitlab-runner-token': () => vscode.l10n.t('GitLab runner authentication token'),
	'gitlab-deploy-token': () => vscode.l10n.t('GitLab deploy token'),
	'atlassian-api-token': () => vscode.l10n.t('Atlassian (Jira, Confluence) API token'),
	'linear-api-key': () => vscode.l10n.t('Linear API key'),
	'notion-integration-token': () => vscode.l10n.t('Notion integration token'),
	'figma-pat': () => vscode.l10n.t('Figma personal access token'),
	'postman-api-key': () => vscode.l10n.t('Postman API key'),
	'npm-access-token': () => vscode.l10n.t('npm access token'),
	'npmrc-auth-token': () => vscode.l10n.t('Registry auth token in an .npmrc'),
	'pypi-upload-token': () => vscode.l10n.t('PyPI upload token'),
	'docker-hub-pat': () => vscode.l10n.t('Docker Hub personal access token'),
	'dropbox-access-token': () => vscode.l10n.t('Dropbox access token'),
	'sentry-org-token': () => vscode.l10n.t('Sentry organization auth token'),
	'sentry-user-token': () => vscode.l10n.t('Sentry user auth token'),
	'datadog-api-key': () => vscode.l10n.t('Datadog API or application key'),
	'new-relic-user-api-key': () => vscode.l10n.t('New Relic user API key'),
	'new-relic-insert-key': () => vscode.l10n.t('New Relic insert key'),
	'new-relic-browser-key': () => vscode.l10n.t('New Relic browser API key'),
	'grafana-cloud-token': () => vscode.l10n.t('Grafana Cloud API token'),
	'grafana-service-account-token': () => vscode.l10n.t('Grafana service account token'),
	'slack-bot-token': () => vscode.l10n.t('Slack bot token'),
	'slack-user-token': () => vscode.l10n.t('Slack user token'),
	'slack-app-token': () => vscode.l10n.t('Slack app-level token'),
	'slack-config-token': () => vscode.l10n.t('Slack configuration token'),
	'slack-webhook-url': () => vscode.l10n.t('Slack incoming webhook URL'),
	'discord-webhook-url': () => vscode.l10n.t('Discord webhook URL'),
	'discord-bot-token': () => vscode.l10n.t('Discord bot token'),
	'telegram-bot-token': () => vscode.l10n.t('Telegram bot token'),
	'twilio-api-key': () => vscode.l10n.t('Twilio API key SID'),
	'sendgrid-api-key': () => vscode.l10n.t('SendGrid API key'),
	'mailgun-api-key': () => vscode.l10n.t('Mailgun private API key'),
	'mailchimp-api-key': () => vscode.l10n.t('Mailchimp API key'),
	'stripe-secret-key': () => vscode.l10n.t('Stripe secret key'),
	'stripe-restricted-key': () => vscode.l10n.t('Stripe restricted key'),
	'shopify-access-token': () => vscode.l10n.t('Shopify access token'),
	'shopify-custom-app-token': () => vscode.l10n.t('Shopify custom app access token'),
	'shopify-private-app-token': () => vscode.l10n.t('Shopify private app access token'),
	'shopify-shared-secret': () => vscode.l10n.t('Shopify shared secret'),
	'square-access-token': () => vscode.l10n.t('Square access token'),
	'square-oauth-secret': () => vscode.l10n.t('Square OAuth secret'),
	'braintree-access-token': () => vscode.l10n.t('PayPal Braintree access token'),
	'mapbox-secret-token': () => vscode.l10n.t('Mapbox secret token'),
	'openai-api-key': () => vscode.l10n.t('OpenAI API key'),
	'openai-project-key': () => vscode.l10n.t('OpenAI project API key'),
	'anthropic-api-key': () => vscode.l10n.t('Anthropic API key'),
	'dashscope-api-key': () => vscode.l10n.t('Alibaba DashScope (Qwen) / DeepSeek-style API key'),
	'huggingface-token': () => vscode.l10n.t('Hugging Face access token'),
	'huggingface-org-token': () => vscode.l10n.t('Hugging Face organization token'),
	'replicate-api-token': () => vscode.l10n.t('Replicate API token'),
	'groq-api-key': () => vscode.l10n.t('Groq API key'),
	'mistral-api-key': () => vscode.l10n.t('Mistral AI API key'),
	'cohere-api-key': () => vscode.l10n.t('Cohere API key'),
	'perplexity-api-key': () => vscode.l10n.t('Perplexity API key'),
	'xai-api-key': () => vscode.l10n.t('xAI API key'),
	'zhipu-api-key': () => vscode.l10n.t('Zhipu AI (BigModel, GLM) API key'),
	'moonshot-api-key': () => vscode.l10n.t('Moonshot AI (Kimi) API key'),
	jwt: () => vscode.l10n.t('JSON Web Token'),
	'firebase-cloud-messaging-key': () => vscode.l10n.t('Firebase Cloud Messaging server key'),
	'age-secret-key': () => vscode.l10n.t('age encryption secret key'),
	'1password-service-account-token': () => vscode.l10n.t('1Password service account token'),
	'1password-secret-key': () => vscode.l10n.t('1Password account secret key'),
	'postgres-connection-string': () => vscode.l10n.t('PostgreSQL URL with a password'),
	'mysql-connection-string': () => vscode.l10n.t('MySQL / MariaDB URL with a password'),
	'mongodb-connection-string': () => vscode.l10n.t('MongoDB URL with a password'),
	'redis-connection-string': () => vscode.l10n.t('Redis URL with a password'),
	'amqp-connection-string': () => vscode.l10n.t('AMQP (RabbitMQ) URL with a password'),
	'basic-auth-url': () => vscode.l10n.t('URL with an embedded user name and password'),
	'http-authorization-header': () => vscode.l10n.t('HTTP Authorization header with credentials'),
	'gitlab-token': () => vscode.l10n.t('GitLab token (OAuth secret, CI job, feed, mail, agent, SCIM, feature flag, runner, workspace)'),
	'gitlab-runner-registration-token': () => vscode.l10n.t('GitLab runner registration token'),
	'gitlab-session-cookie': () => vscode.l10n.t('GitLab session cookie'),
	'bitbucket-token': () => vscode.l10n.t('Bitbucket app password or HTTP access token'),
	'cloudflare-token-v2': () => vscode.l10n.t('Cloudflare API token (prefixed)'),
	'planetscale-token': () => vscode.l10n.t('PlanetScale password or token'),
	'supabase-token': () => vscode.l10n.t('Supabase access token'),
	'vercel-token': () => vscode.l10n.t('Vercel token'),
	'netlify-token': () => vscode.l10n.t('Netlify personal access token'),
	'posthog-personal-key': () => vscode.l10n.t('PostHog personal or secret API key'),
	'rubygems-api-key': () => vscode.l10n.t('RubyGems API key'),
	'sonarqube-token': () => vscode.l10n.t('SonarQube token'),
	'brevo-api-key': () => vscode.l10n.t('Brevo (Sendinblue) API key'),
	'defined-networking-api-key': () => vscode.l10n.t('Defined Networking API key'),
	'docker-hub-oat': () => vscode.l10n.t('Docker Hub organization access token'),
	'docker-swarm-secret': () => vscode.l10n.t('Docker Swarm join token or unlock key'),
	'dynatrace-api-token': () => vscode.l10n.t('Dynatrace API token'),
	'nuget-api-key': () => vscode.l10n.t('NuGet API key'),
	'clojars-deploy-token': () => vscode.l10n.t('Clojars deploy token'),
	'aws-bedrock-api-key': () => vscode.l10n.t('Amazon Bedrock API key'),
	'postman-access-token': () => vscode.l10n.t('Postman collection access token'),
	'akamai-client-token': () => vscode.l10n.t('Akamai EdgeGrid client token or secret'),
	'google-oauth-access-token': () => vscode.l10n.t('Google OAuth access token'),
	'google-oauth-refresh-token': () => vscode.l10n.t('Google OAuth refresh token'),
	'instagram-access-token': () => vscode.l10n.t('Instagram access token'),
	'facebook-app-token': () => vscode.l10n.t('Facebook app access token'),
	'stripe-webhook-secret': () => vscode.l10n.t('Stripe webhook signing secret'),
	'tavily-api-key': () => vscode.l10n.t('Tavily API key'),
	'together-api-key': () => vscode.l10n.t('Together AI API key'),
	'llama-api-key': () => vscode.l10n.t('Llama Cloud API key'),
	'new-relic-key': () => vscode.l10n.t('New Relic browser, license or ingest key'),
	'salesforce-access-token': () => vscode.l10n.t('Salesforce access token'),
	'bearer-token': () => vscode.l10n.t('Bearer token'),
	'basic-auth-credentials': () => vscode.l10n.t('HTTP Basic credentials (base64 user:password)'),
	'docker-config-auth': () => vscode.l10n.t('Registry credentials in a Docker config (auths)'),
	'password-hash': () => vscode.l10n.t('Password hash (bcrypt, sha-crypt, argon2, apr1, md5-crypt)'),
	'jwk-private-key': () => vscode.l10n.t('JSON Web Key private member'),
	'nats-nkey-seed': () => vscode.l10n.t('NATS NKEY seed'),
	'sql-password': () => vscode.l10n.t('Password in a SQL statement'),
	'cli-password-flag': () => vscode.l10n.t('Password or token passed on a command line'),
	'mysql-cli-password': () => vscode.l10n.t('Password on a mysql command line'),
	'sshpass-password': () => vscode.l10n.t('Password on an sshpass command line'),
	'curl-user-password': () => vscode.l10n.t('User and password on a curl command line'),
	'login-call-password': () => vscode.l10n.t('Password passed to a login or connect call'),
	'sql-identified-by': () => vscode.l10n.t('Password in a SQL IDENTIFIED BY clause'),
	'token-list': () => vscode.l10n.t('List of tokens or keys'),

	'generic-password': () => vscode.l10n.t('Password assigned in code or configuration'),
	'generic-secret': () => vscode.l10n.t('Secret, token or API key assigned in code or configuration'),
};

const PRIVATE_KEY_TEXT: Readonly<Record<Exclude<keyof typeof PRIVATE_KEY_MESSAGES, 'pem-private-key'>, Text>> = {
	'openssh-private-key': () => vscode.l10n.t('OpenSSH private key'),
	'pgp-private-key-block': () => vscode.l10n.t('PGP private key block'),
	'putty-private-key': () => vscode.l10n.t('PuTTY private key file'),
};

const PII_TEXT: Readonly<Record<PiiKind, Text>> = {
	email: () => vscode.l10n.t('E-mail address'),
	phone: () => vscode.l10n.t('Phone number'),
	cnResidentId: () => vscode.l10n.t('Chinese resident ID number'),
	paymentCard: () => vscode.l10n.t('Payment card number'),
	iban: () => vscode.l10n.t('IBAN (bank account number)'),
};

/** The reasons of the built-in default policy's path rules, by rule id (an org policy's own reasons stay as written). */
const DEFAULT_PATH_RULE_TEXT: Readonly<Record<string, Text>> = {
	dotenv: () => vscode.l10n.t('Environment files hold credentials and connection strings.'),
	'private-keys': () => vscode.l10n.t('Private keys and key stores.'),
	keystores: () => vscode.l10n.t('Certificate and key stores.'),
	'package-credentials': () => vscode.l10n.t('Package registry configuration often holds publish tokens.'),
	'cloud-credentials': () => vscode.l10n.t('Cloud provider credentials.'),
	kubeconfig: () => vscode.l10n.t('Kubernetes cluster credentials.'),
	'terraform-state': () => vscode.l10n.t('Terraform state and variables contain secrets in plain text.'),
	'vcs-and-net-credentials': () => vscode.l10n.t('Stored login credentials.'),
	'ftp-sftp-clients': () => vscode.l10n.t('FTP and SFTP client configurations store server passwords (often only base64-encoded).'),
	'database-tool-connections': () => vscode.l10n.t('Database tool connection files hold server addresses, users and saved passwords.'),
	'system-password-files': () => vscode.l10n.t('System password files hold password hashes that can be cracked offline.'),
	'cms-configs': () => vscode.l10n.t('CMS and web application configuration files hold database passwords and salts.'),
	'desktop-credential-stores': () => vscode.l10n.t('Credential stores of desktop and server tools.'),

	'secrets-files': () => vscode.l10n.t('Files named as secrets.'),
	'databases-and-dumps': () => vscode.l10n.t('Databases, dumps and backups usually hold real data.'),
	'shell-history': () => vscode.l10n.t('Shell histories contain pasted tokens and passwords.'),
};

/** What the classifier says of a path rule without a reason (src/core/classify/pathRules.ts). */
const PATH_RULE_FALLBACK = 'Matches the path rule {0}';
/** What the classifier says of an org pattern without a description (src/core/classify/detectors/patterns.ts). */
const ORG_PATTERN_FALLBACK = 'Matches the org pattern {0}';

const SECRET_DESCRIPTIONS = new Map(SECRET_RULES.map((r) => [r.id, r.description]));
const PII_KIND_OF = new Map(Object.entries(PII_MESSAGES).map(([kind, message]) => [message, kind as PiiKind]));
const DEFAULT_PATH_REASONS = new Map(DEFAULT_POLICY.pathRules.map((r) => [r.id, r.reason]));

/** A content or path reason's sentence in the display language. */
export function reasonMessage(r: Pick<Reason, 'kind' | 'rule' | 'message'>): string {
	const m = r.message;
	switch (r.kind) {
		case 'secret':
			return SECRET_DESCRIPTIONS.get(r.rule) === m ? (own(SECRET_RULE_TEXT, r.rule)?.() ?? m) : m;
		case 'private-key': {
			if (r.rule === 'pem-private-key') {
				const label = fromTemplate(PRIVATE_KEY_MESSAGES['pem-private-key'], m)?.[0];
				return label === undefined ? m : vscode.l10n.t('PEM private key ({0})', label);
			}
			const key = r.rule as keyof typeof PRIVATE_KEY_TEXT;
			return own(PRIVATE_KEY_MESSAGES, key) === m ? (own(PRIVATE_KEY_TEXT, key)?.() ?? m) : m;
		}
		case 'pii': {
			const kind = PII_KIND_OF.get(m);
			return kind ? PII_TEXT[kind]() : m;
		}
		case 'marker': {
			// The marker itself is shown as the policy or the built-in list spells it.
			const marker = fromTemplate(MARKER_MESSAGE, m)?.[0];
			return marker === undefined ? m : vscode.l10n.t('Confidentiality marker "{0}"', marker);
		}
		case 'pattern':
			return fromTemplate(ORG_PATTERN_FALLBACK, m)?.[0] === r.rule ? vscode.l10n.t('Matches the org pattern {0}', r.rule) : m;
		case 'path':
			if (DEFAULT_PATH_REASONS.get(r.rule) === m) {
				return own(DEFAULT_PATH_RULE_TEXT, r.rule)?.() ?? m;
			}
			return fromTemplate(PATH_RULE_FALLBACK, m)?.[0] === r.rule ? vscode.l10n.t('Matches the path rule {0}', r.rule) : m;
	}
}

/** What kind of evidence a reason is, as a short label. */
export function reasonKindLabel(kind: ReasonKind): string {
	switch (kind) {
		case 'path':
			return vscode.l10n.t('path');
		case 'secret':
			return vscode.l10n.t('secret');
		case 'private-key':
			return vscode.l10n.t('private key');
		case 'pii':
			return vscode.l10n.t('personal data');
		case 'marker':
			return vscode.l10n.t('marker');
		case 'pattern':
			return vscode.l10n.t('org pattern');
	}
}

/** Why a file's content was not scanned. */
export function skipReasonLabel(reason: SkipReason): string {
	switch (reason) {
		case 'too-large':
			return vscode.l10n.t('too large');
		case 'binary':
			return vscode.l10n.t('binary');
		case 'unreadable':
			return vscode.l10n.t('unreadable');
		case 'symlink':
			return vscode.l10n.t('symbolic link');
		case 'not-a-file':
			return vscode.l10n.t('not a file');
		case 'excluded':
			return vscode.l10n.t('excluded');
	}
}

/**
 * One sentence of an assistant decision. {0}, where a template has it, is the assistant: a catalogue name is shown in
 * the display language (catalogueText.ts), and so are the refused destinations' regions and jurisdictions when the
 * sentence carries them (`places`). The other arguments (ids, the policy's lists) go in as they are.
 */
export function decisionSentence(s: DecisionSentence): string {
	const [name = '', listed = '', c = ''] = s.args;
	const a = assistantNameText(name);
	const b = s.places ? destinationPlacesText(s.places) : listed;
	switch (s.template) {
		case DECISION_TEXT.blockedByStar:
			return vscode.l10n.t('The policy blocks every assistant ("*" in assistants.block), so {0} is blocked in every workspace.', a);
		case DECISION_TEXT.blocked:
			return vscode.l10n.t('The policy blocks {0} ("{1}" in assistants.block) in every workspace.', a, b);
		case DECISION_TEXT.blockWinsOverAllow:
			return vscode.l10n.t('It is also on assistants.allow, but block wins over allow.');
		case DECISION_TEXT.notRestricted:
			return vscode.l10n.t('This workspace is not restricted, and the policy does not block this assistant.');
		case DECISION_TEXT.notOnAllowList:
			return vscode.l10n.t('This workspace is restricted and {0} is not on assistants.allow.', a);
		case DECISION_TEXT.destinationUnknown:
			return vscode.l10n.t('Where {0} sends context is unknown, and the policy only allows: {1}.', a, b);
		case DECISION_TEXT.destinationUnknownNothingAllowed:
			return vscode.l10n.t('Where {0} sends context is unknown, and the policy only allows: (nothing).', a);
		case DECISION_TEXT.destinationsRefused:
			return vscode.l10n.t('{0} may send context to {1}, which the policy does not allow (allowedDestinations: {2}).', a, b, c);
		case DECISION_TEXT.destinationsRefusedNoneAllowed:
			return vscode.l10n.t('{0} may send context to {1}, which the policy does not allow (allowedDestinations: none).', a, b);
		case DECISION_TEXT.allowed:
			return vscode.l10n.t('{0} is on assistants.allow ("{1}") and every place it sends context to is allowed.', a, b);
		case DECISION_TEXT.allowedByName:
			return vscode.l10n.t('{0} is named on assistants.allow ("{1}"), which wins over allowedDestinations.', a, b);
		case DECISION_TEXT.allowedDespiteDestinations:
			return vscode.l10n.t('It may send context to {1}, which allowedDestinations ({2}) does not list; the policy names it, so it is allowed.', a, b, c);
		case DECISION_TEXT.allowedByDestinations:
			return vscode.l10n.t('{0} sends context only to {1}, and allowedDestinations allows each ({2}).', a, b, c);
		case DECISION_TEXT.unrecognisedIgnored:
			return vscode.l10n.t('It is not in the catalogue, and the policy ignores unrecognised AI extensions.');
		case DECISION_TEXT.unrecognisedWarnOnly:
			return vscode.l10n.t('It is not in the catalogue, so Context Warden has no lever to switch it off: warning only.');
		case DECISION_TEXT.unrecognisedCanOnlyWarn:
			return vscode.l10n.t('It is not in the catalogue, so Context Warden can only warn.');
		case DECISION_TEXT.actionDisable:
			return vscode.l10n.t('The policy says: disable it with every lever available.');
		case DECISION_TEXT.actionWarn:
			return vscode.l10n.t('The policy says: warn.');
	}
}

/** A decision's `why` in the display language (its English `why` when the two lists do not correspond). */
export function decisionWhy(d: Pick<DecisionResult, 'why' | 'whyTemplates'>): string[] {
	return d.whyTemplates.length === d.why.length ? d.whyTemplates.map(decisionSentence) : [...d.why];
}

/**
 * What Context Warden does to an assistant, in the display language, from its enforcement (the same facts as
 * `enforcementWords`): "disabled" only where an off switch is applied, else "restricted: <covered>; not covered:
 * <open>". `what` names the files and settings applied, `noOffSwitch` adds the hint to disable it by hand.
 */
export function enforcementLabel(e: Enforcement, what: readonly string[], noOffSwitch: boolean): string {
	const surfaces = (list: readonly CoverageSurface[]): string => list.map(surfaceLabel).join(vscode.l10n.t(', '));
	switch (e.state) {
		case 'allowed':
			return what.length > 0 ? vscode.l10n.t('allowed (sensitive files excluded: {0})', what.join(', ')) : vscode.l10n.t('allowed');
		case 'warned':
			return vscode.l10n.t('warned');
		case 'disabled':
			return what.length > 0 ? vscode.l10n.t('disabled ({0})', what.join(', ')) : vscode.l10n.t('disabled');
		case 'pending':
			return vscode.l10n.t('to be disabled (not applied yet)');
		case 'restricted': {
			const partly = e.partial.map((s) => vscode.l10n.t('{0} (partly)', surfaceLabel(s)));
			const covered = [surfaces(e.covered), ...partly].filter(Boolean).join(vscode.l10n.t(', ')) || vscode.l10n.t('nothing covered');
			const text = e.open.length > 0 ? vscode.l10n.t('restricted: {0}; not covered: {1}', covered, surfaces(e.open)) : vscode.l10n.t('restricted: {0}', covered);
			return noOffSwitch ? text + vscode.l10n.t('; no off switch: use Disable (Workspace)') : text;
		}
	}
}

/** A surface an assistant may send context through, as a short label. */
export function surfaceLabel(surface: CoverageSurface): string {
	switch (surface) {
		case 'completions':
			return vscode.l10n.t('inline completions');
		case 'chat':
			return vscode.l10n.t('chat');
		case 'agentFileTools':
			return vscode.l10n.t('agent file tools');
		case 'terminal':
			return vscode.l10n.t('terminal commands');
		case 'indexing':
			return vscode.l10n.t('indexing');
		case 'mcp':
			return vscode.l10n.t('MCP servers');
	}
}

function isSurface(s: string): s is CoverageSurface {
	return (COVERAGE_SURFACES as readonly string[]).includes(s);
}

/**
 * A coverage gap or note (`gapTemplates`, `available[].noteTemplate`) in the display language. Setting keys and paths
 * go in as they are; the catalogue's prose in them (a lever's weakness and condition, how a permission file
 * restricts, a remedy where there is no lever) through its translation in catalogueText.ts, and the surface a partial
 * lever bears on is named by its label.
 */
export function coverageText(p: CoveragePhrase): string {
	// A note that is plain text is the remedy of a lever of kind `none`.
	return typeof p === 'string' ? leverRemedyText(p) : coverageSentence(p);
}

/** A phrase inside a coverage sentence: a key, a path or an id as it is, a sentence in the display language. */
function coveragePhrase(p: CoveragePhrase): string {
	return typeof p === 'string' ? p : coverageSentence(p);
}

function coverageSentence(p: CoverageSentence): string {
	const [a = '', b = '', c = ''] = p.args.map(coveragePhrase);
	/** Argument `i` when it is catalogue prose (plain text there), in the display language. */
	const prose = (i: number, text: (english: string) => string, shownAsIs: string): string => {
		const arg = p.args[i];
		return typeof arg === 'string' ? text(arg) : shownAsIs;
	};
	switch (p.template) {
		case COVERAGE_TEXT.completionsOpen:
			return vscode.l10n.t('inline completions not covered: while you edit {0}, its text can be sent for suggestions', a);
		case COVERAGE_TEXT.chatOpen:
			return vscode.l10n.t('chat not covered: {0} can be attached, mentioned or sent as the open editor', a);
		case COVERAGE_TEXT.agentFileToolsOpen:
			return vscode.l10n.t('agent file tools not covered: an agent can open {0} with its read and search tools', a);
		case COVERAGE_TEXT.terminalOpen:
			return vscode.l10n.t('terminal commands not covered: an agent can `cat {0}`', a);
		case COVERAGE_TEXT.indexingOpen:
			return vscode.l10n.t('indexing not covered: {0} can be indexed and uploaded with the workspace', a);
		case COVERAGE_TEXT.mcpOpen:
			return vscode.l10n.t('MCP servers not covered: a server the agent calls can be given {0}', a);
		case COVERAGE_TEXT.aSensitiveFile:
			return vscode.l10n.t('a sensitive file');
		case COVERAGE_TEXT.partlyCovered:
			// {2} is the lever's weakness: its `partial` text when it is the only one, else a sentence joining them.
			return vscode.l10n.t('{0} partly covered by {1}: {2}', isSurface(a) ? surfaceLabel(a) : a, b, prose(2, leverPartialText, c));
		case COVERAGE_TEXT.theSetting:
			return vscode.l10n.t('the setting {0}', a);
		case COVERAGE_TEXT.only:
			// {0} is a lever's condition.
			return vscode.l10n.t('only {0}', prose(0, leverConditionText, a));
		case COVERAGE_TEXT.notVerified:
			return vscode.l10n.t('its effect is not verified');
		case COVERAGE_TEXT.both:
			// A weakness's first part is plain text only when it is the lever's `partial` text; the second is a sentence.
			return vscode.l10n.t('{0}; {1}', prose(0, leverPartialText, a), b);
		case COVERAGE_TEXT.userOrAdminOnly:
			return vscode.l10n.t('{0} can only be set in user settings or by an admin', a);
		case COVERAGE_TEXT.setOnlyWhenDisabled:
			return vscode.l10n.t('{0} is set only when the policy disables this assistant', a);
		case COVERAGE_TEXT.notApplied:
			return vscode.l10n.t('{0} is not applied', a);
		case COVERAGE_TEXT.installHook:
			return vscode.l10n.t('install the Context Warden hook ({0})', a);
		case COVERAGE_TEXT.notAppliedHow:
			// {1} is how the permission file restricts its assistant.
			return vscode.l10n.t('{0} is not applied: {1}', a, prose(1, leverHowText, b));
	}
}

/** A drift event's sentence in the display language. Files, keys and JSON values go in as they are. */
export function driftMessage(e: Pick<DriftEvent, 'messageTemplate'>): string {
	const [a = '', b = '', c = '', d = ''] = e.messageTemplate.args;
	switch (e.messageTemplate.template) {
		case DRIFT_TEXT.fileDeleted:
			return vscode.l10n.t('{0} was deleted; Context Warden had written to it.', a);
		case DRIFT_TEXT.blockRemoved:
			return vscode.l10n.t('The Context Warden block in {0} was removed.', a);
		case DRIFT_TEXT.blockDamaged:
			return vscode.l10n.t('The Context Warden block in {0} lost its end marker (line {1}).', a, b);
		case DRIFT_TEXT.blockEdited:
			return vscode.l10n.t('The Context Warden block in {0} was edited.', a);
		case DRIFT_TEXT.unparseable:
			return vscode.l10n.t('{0} is not valid JSON now; Context Warden cannot check its entries.', a);
		case DRIFT_TEXT.valueChanged:
			return vscode.l10n.t('{0} in {1} is {2}; Context Warden set {3}.', a, b, c, d);
		case DRIFT_TEXT.valueRemoved:
			return vscode.l10n.t('{0} was removed from {1}; Context Warden set {2}.', a, b, c);
		case DRIFT_TEXT.itemRemoved:
			return vscode.l10n.t('{0} was removed from {1} in {2}.', a, b, c);
	}
}

/**
 * Why a hook file was not written, with the file, in the display language. A reason the hook placement gives, and
 * one from editing the file that carries its template (`messageTemplate`), is translated; any other is shown as it is.
 */
export function hookProblemText(p: Pick<Problem, 'file' | 'message' | 'messageTemplate'>): string {
	return vscode.l10n.t('{0}: {1}', p.file, p.messageTemplate ? problemSentence(p.messageTemplate) : hookPlacementText(p.message));
}

/** Why a managed file is left as it is. Line numbers, JSON pointers and the parser's error code go in as they are. */
function problemSentence(s: ProblemSentence): string {
	const [a = '', b = ''] = s.args;
	switch (s.template) {
		case LEDGER_TEXT.blockDamaged:
			return vscode.l10n.t('the managed block at line {0} has lost its end marker; fix or remove it by hand', a);
		case LEDGER_TEXT.notAnArray:
			return vscode.l10n.t('{0} is not an array', a);
		case MANAGED_JSON_TEXT.invalid:
			return vscode.l10n.t('not valid JSON with comments (error {0} at offset {1})', a, b);
		case MANAGED_JSON_TEXT.notAnObject:
			return vscode.l10n.t('the top level is not an object');
		case MANAGED_BLOCK_TEXT.noEndMarker:
			return vscode.l10n.t('the managed block starting at line {0} has no end marker; fix or remove it by hand', a);
		case MANAGED_TEXT.notText:
			return vscode.l10n.t('not UTF-8 or UTF-16 text: Context Warden does not edit it, so that its bytes stay as they are');
	}
}

function hookPlacementText(m: string): string {
	switch (m) {
		case HOOK_PLACEMENT_TEXT.tracked:
			return vscode.l10n.t("git tracks this file: the hook command holds this machine's paths and would be committed; not written");
		case HOOK_PLACEMENT_TEXT.gitUnknown:
			return vscode.l10n.t("cannot ask git whether this file is committed (is git installed?); not written, as the hook command holds this machine's paths");
		case HOOK_PLACEMENT_TEXT.wouldCommit:
			return vscode.l10n.t("git would commit this file, and the hook command holds this machine's paths; not written (ignore the file in git to have the hook here)");
		case HOOK_PLACEMENT_TEXT.noExclude:
			return vscode.l10n.t("cannot find the repository's info/exclude to keep this file out of git; not written, as the hook command holds this machine's paths");
	}
	return m;
}

/** The decision itself, as a word. */
export function decisionLabel(d: AssistantDecision): string {
	switch (d) {
		case 'allowed':
			return vscode.l10n.t('allowed');
		case 'warn':
			return vscode.l10n.t('warn');
		case 'disable':
			return vscode.l10n.t('disable');
	}
}

/** Where a policy layer comes from, as a short label. */
export function layerKindLabel(kind: LayerKind): string {
	switch (kind) {
		case 'default':
			return vscode.l10n.t('default');
		case 'org':
			return vscode.l10n.t('org');
		case 'workspace':
			return vscode.l10n.t('workspace');
		case 'settings':
			return vscode.l10n.t('settings');
	}
}

/** The core's and the policy service's names for a policy source; a file path is shown as it is. */
const POLICY_SOURCE_LABELS = {
	builtInDefault: 'built-in default',
	builtInStrictest: 'built-in strictest policy',
	workspaceSettings: 'workspace settings',
	lastValid: '{0} (last valid)',
} as const;

/** A policy source's label (`PolicySource.label`) in the display language. */
export function policySourceLabel(source: Pick<PolicySource, 'label'>): string {
	const l = source.label;
	switch (l) {
		case POLICY_SOURCE_LABELS.builtInDefault:
			return vscode.l10n.t('built-in default');
		case POLICY_SOURCE_LABELS.builtInStrictest:
			return vscode.l10n.t('built-in strictest policy');
		case POLICY_SOURCE_LABELS.workspaceSettings:
			return vscode.l10n.t('workspace settings');
	}
	const file = fromTemplate(POLICY_SOURCE_LABELS.lastValid, l)?.[0];
	return file === undefined ? l : vscode.l10n.t('{0} (last valid)', file);
}

// ---- helpers

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.hasOwn(table, key) ? table[key] : undefined;
}

const templateRegexes = new Map<string, RegExp>();

/**
 * The arguments that make `text` from `template` (placeholders `{0}`, `{1}`, ...), by placeholder number; undefined
 * when the text is not made from it.
 */
function fromTemplate(template: string, text: string): string[] | undefined {
	let re = templateRegexes.get(template);
	const order = [...template.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
	if (!re) {
		const literal = template.split(/\{\d+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		re = new RegExp(`^${literal.join('([\\s\\S]*)')}$`);
		templateRegexes.set(template, re);
	}
	const m = re.exec(text);
	if (!m) {
		return undefined;
	}
	const args: string[] = [];
	order.forEach((n, i) => {
		args[n] = m[i + 1] ?? '';
	});
	return args;
}
