/**
 * A seeded, labelled corpus for the classification accuracy suite and the benchmark: true secrets in each
 * rule's real format, near-misses and placeholders that must not fire, PII with valid and invalid check
 * digits, markers as words and inside identifiers, private keys and public material.
 *
 * Secrets are generated at run time from a seeded PRNG, so no real-format credential is ever committed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cnIdCheckChar, ibanRemainder, luhnValid } from '../../src/core/classify/detectors/pii';
import type { DetectorFamily } from '../../src/core/policy/schema';

import { prng } from './prng';


export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const B62 = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const UP36 = UPPER + DIGITS;
export const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

/** Random helpers over a seeded PRNG. */
export class Rand {
	readonly next: () => number;
	constructor(seed: number) {
		this.next = prng(seed);
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	pick<T>(xs: readonly T[]): T {
		return xs[this.int(xs.length)] as T;
	}
	str(charset: string, n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += charset.charAt(this.int(charset.length));
		return s;
	}
	/** A random string with no run of 4 identical characters and no ascending/descending run of 5. */
	clean(charset: string, n: number): string {
		for (;;) {
			const s = this.str(charset, n);
			if (!/(.)\1{3}/.test(s) && !hasRun(s, 5) && !/example|dummy|fake|sample|test|demo|your|foo|bar|baz|xxx|null|none|true|mask|admin|value|enter|secret|token|passw|change|insert|replace|lorem|ipsum|hidden|empty|string|default|required|optional|generated|localhost|qwerty|letmein/i.test(s)) return s;
		}
	}
	b62(n: number): string {
		return this.clean(B62, n);
	}
	hex(n: number): string {
		return this.clean(HEX, n);
	}
	digits(n: number): string {
		return this.clean(DIGITS, n);
	}
}

function hasRun(s: string, min: number): boolean {
	let up = 1;
	let down = 1;
	for (let i = 1; i < s.length; i++) {
		const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
		up = d === 1 ? up + 1 : 1;
		down = d === -1 ? down + 1 : 1;
		if (up >= min || down >= min) return true;
	}
	return false;
}

function b64url(s: string): string {
	return Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** One generated secret per rule id, in the rule's real format, as a line of code or configuration. */
export const SECRET_SAMPLES: Record<string, (r: Rand) => string> = {
	'aws-access-key-id': (r) => `aws_access_key_id = ${'AK' + 'IA'}${r.clean(B32, 16)}`,
	'aws-secret-access-key': (r) => `aws_secret_access_key = ${r.clean(B62 + '/+', 40)}`,
	'gcp-service-account-key': (r) => `  "private_key_id": "${r.hex(40)}",`,
	'gcp-api-key': (r) => `const firebaseConfig = { apiKey: "AI${'za'}${r.b62(35)}" };`,
	'gcp-oauth-client-secret': (r) => `"client_secret": "GOCSPX-${r.b62(28)}"`,
	'azure-storage-account-key': (r) => `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${r.clean(B62 + '+/', 86)}==;EndpointSuffix=core.windows.net`,
	'azure-shared-access-key': (r) => `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${r.clean(B62 + '+/', 43)}=`,
	'azure-ad-client-secret': (r) => `AZURE_CLIENT_SECRET=${r.b62(3)}${r.int(10)}Q~${r.b62(34)}`,
	'azure-openai-api-key': (r) => `AZURE_OPENAI_API_KEY=${r.hex(32)}`,
	'alibaba-access-key-id': (r) => `accessKeyId: 'LT${'AI'}${r.b62(20)}',`,
	'alibaba-access-key-secret': (r) => `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${r.b62(30)}`,
	'tencent-secret-id': (r) => `SecretId = "AK${'ID'}${r.b62(32)}"`,
	'tencent-secret-key': (r) => `TENCENTCLOUD_SECRET_KEY=${r.b62(32)}`,
	'huawei-cloud-access-key': (r) => `HUAWEICLOUD_SDK_SK=${r.b62(40)}`,
	'volcengine-access-key': (r) => `VOLC_ACCESSKEY=AK${'LT'}${r.b62(44)}`,
	'digitalocean-pat': (r) => `DIGITALOCEAN_TOKEN=dop_${'v1'}_${r.hex(64)}`,
	'digitalocean-oauth-token': (r) => `token: doo_${'v1'}_${r.hex(64)}`,
	'digitalocean-refresh-token': (r) => `refresh: dor_${'v1'}_${r.hex(64)}`,
	'heroku-api-key-v2': (r) => `HEROKU_API_KEY=HR${'KU'}-AA${r.b62(58)}`,
	'heroku-api-key': (r) => `HEROKU_API_KEY=${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`,
	'cloudflare-api-token': (r) => `CLOUDFLARE_API_TOKEN=${r.b62(40)}`,
	'cloudflare-global-api-key': (r) => `CLOUDFLARE_API_KEY=${r.hex(37)}`,
	'cloudflare-origin-ca-key': (r) => `origin_ca_key = "v1.0-${r.hex(24)}-${r.hex(146)}"`,
	'fastly-api-token': (r) => `FASTLY_API_TOKEN=${r.b62(32)}`,
	'databricks-token': (r) => `DATABRICKS_TOKEN=da${'pi'}${r.hex(32)}`,
	'vault-service-token': (r) => `VAULT_TOKEN=hv${'s'}.${r.b62(95)}`,
	'vault-batch-token': (r) => `token = "hv${'b'}.${r.b62(150)}"`,
	'vault-legacy-token': (r) => `VAULT_TOKEN=s.${r.b62(24)}`,
	'terraform-cloud-token': (r) => `token = "${r.b62(14)}.atlas${'v1'}.${r.b62(67)}"`,
	'pulumi-access-token': (r) => `PULUMI_ACCESS_TOKEN=pu${'l'}-${r.hex(40)}`,
	'doppler-token': (r) => `DOPPLER_TOKEN=dp.${'pt'}.${r.b62(43)}`,
	'okta-api-token': (r) => `OKTA_API_TOKEN=00${r.b62(40)}`,
	'tailscale-key': (r) => `TS_AUTHKEY=tskey-auth-${r.b62(12)}-${r.b62(30)}`,
	'github-pat': (r) => `GITHUB_TOKEN=gh${'p'}_${r.b62(36)}`,
	'github-oauth-token': (r) => `token: gh${'o'}_${r.b62(36)}`,
	'github-user-to-server-token': (r) => `"token": "gh${'u'}_${r.b62(36)}"`,
	'github-server-to-server-token': (r) => `installation = "gh${'s'}_${r.b62(36)}"`,
	'github-refresh-token': (r) => `refresh_token=gh${'r'}_${r.b62(36)}`,
	'github-fine-grained-pat': (r) => `GH_TOKEN=github_${'pat'}_${r.b62(22)}_${r.b62(59)}`,
	'gitlab-pat': (r) => `GITLAB_TOKEN=gl${'pat'}-${r.b62(20)}`,
	'gitlab-pipeline-trigger-token': (r) => `curl -F token=gl${'ptt'}-${r.hex(40)} https://gitlab.example.org/api`,
	'gitlab-runner-token': (r) => `token = "gl${'rt'}-${r.b62(20)}"`,
	'gitlab-deploy-token': (r) => `password: gl${'dt'}-${r.b62(20)}`,
	'atlassian-api-token': (r) => `JIRA_API_TOKEN=ATA${'TT3'}${r.b62(186)}`,
	'linear-api-key': (r) => `LINEAR_API_KEY=lin_${'api'}_${r.b62(40)}`,
	'notion-integration-token': (r) => `NOTION_TOKEN=nt${'n'}_${r.digits(11)}${r.b62(35)}`,
	'figma-pat': (r) => `FIGMA_TOKEN=fig${'d'}_${r.b62(40)}`,
	'postman-api-key': (r) => `POSTMAN_API_KEY=PM${'AK'}-${r.hex(24)}-${r.hex(34)}`,
	'npm-access-token': (r) => `//registry.npmjs.org/:_authToken=np${'m'}_${r.b62(36)}`,
	'npmrc-auth-token': (r) => `//npm.pkg.github.com/:_authToken=${r.b62(40)}`,
	'pypi-upload-token': (r) => `password = py${'pi'}-AgEIcHlwaS5vcmc${r.b62(60)}`,
	'docker-hub-pat': (r) => `DOCKERHUB_TOKEN=dckr_${'pat'}_${r.b62(27)}`,
	'dropbox-access-token': (r) => `DROPBOX_TOKEN=sl.${r.b62(140)}`,
	'sentry-org-token': (r) => `SENTRY_AUTH_TOKEN=sntry${'s'}_eyJ${r.b62(80)}`,
	'sentry-user-token': (r) => `SENTRY_AUTH_TOKEN=sntry${'u'}_${r.hex(64)}`,
	'datadog-api-key': (r) => `DD_API_KEY=${r.hex(32)}`,
	'new-relic-user-api-key': (r) => `NEW_RELIC_API_KEY=NR${'AK'}-${r.clean(UP36, 27)}`,
	'new-relic-insert-key': (r) => `insert_key: NR${'II'}-${r.b62(32)}`,
	'new-relic-browser-key': (r) => `browserKey: "NR${'JS'}-${r.hex(19)}"`,
	'grafana-cloud-token': (r) => `GRAFANA_TOKEN=gl${'c'}_${r.b62(40)}`,
	'grafana-service-account-token': (r) => `GRAFANA_SA_TOKEN=gl${'sa'}_${r.b62(32)}_${r.hex(8)}`,
	'slack-bot-token': (r) => `SLACK_BOT_TOKEN=xo${'xb'}-${r.digits(12)}-${r.digits(13)}-${r.b62(24)}`,
	'slack-user-token': (r) => `SLACK_USER_TOKEN=xo${'xp'}-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.b62(32)}`,
	'slack-app-token': (r) => `SLACK_APP_TOKEN=xa${'pp'}-1-${r.clean(UP36, 11)}-${r.digits(13)}-${r.hex(64)}`,
	'slack-config-token': (r) => `SLACK_CONFIG_TOKEN=xo${'xe'}.xoxp-1-${r.clean(UP36, 164)}`,
	'slack-webhook-url': (r) => `webhook: https://hooks.slack.com/services/T${r.clean(UP36, 8)}/B${r.clean(UP36, 8)}/${r.b62(24)}`,
	'discord-webhook-url': (r) => `DISCORD_WEBHOOK=https://discord.com/api/webhooks/${r.digits(18)}/${r.b62(68)}`,
	'discord-bot-token': (r) => `DISCORD_BOT_TOKEN=M${r.b62(23)}.${r.b62(6)}.${r.b62(27)}`,
	'telegram-bot-token': (r) => `bot = Bot("${r.digits(10)}:A${'A'}${r.b62(33)}")`,
	'twilio-api-key': (r) => `TWILIO_API_KEY=S${'K'}${r.hex(32)}`,
	'sendgrid-api-key': (r) => `SENDGRID_API_KEY=S${'G'}.${r.b62(22)}.${r.b62(43)}`,
	'mailgun-api-key': (r) => `MAILGUN_API_KEY=ke${'y'}-${r.hex(32)}`,
	'mailchimp-api-key': (r) => `MAILCHIMP_KEY=${r.hex(32)}-us${1 + r.int(20)}`,
	'stripe-secret-key': (r) => `STRIPE_SECRET_KEY=sk_${'live'}_${r.b62(24 + r.int(75))}`,
	'stripe-restricted-key': (r) => `STRIPE_KEY=rk_${'live'}_${r.b62(24 + r.int(75))}`,
	'shopify-access-token': (r) => `SHOPIFY_TOKEN=shp${'at'}_${r.hex(32)}`,
	'shopify-custom-app-token': (r) => `SHOPIFY_TOKEN=shp${'ca'}_${r.hex(32)}`,
	'shopify-private-app-token': (r) => `SHOPIFY_TOKEN=shp${'pa'}_${r.hex(32)}`,
	'shopify-shared-secret': (r) => `SHOPIFY_SECRET=shp${'ss'}_${r.hex(32)}`,
	'square-access-token': (r) => `SQUARE_TOKEN=EA${'AA'}${r.b62(60)}`,
	'square-oauth-secret': (r) => `SQUARE_SECRET=sq0${'csp'}-${r.b62(43)}`,
	'braintree-access-token': (r) => `BRAINTREE=access_token$${'production'}$${r.clean(LOWER + DIGITS, 16)}$${r.hex(32)}`,
	'mapbox-secret-token': (r) => `MAPBOX_TOKEN=sk.ey${'J'}${r.b62(60)}.${r.b62(22)}`,
	'openai-api-key': (r) => `OPENAI_API_KEY=sk-${r.b62(20)}T3Blbk${'FJ'}${r.b62(20)}`,
	'openai-project-key': (r) => `OPENAI_API_KEY=sk-${'proj'}-${r.b62(120)}`,
	'anthropic-api-key': (r) => `ANTHROPIC_API_KEY=sk-${'ant'}-api03-${r.b62(93)}AA`,
	'dashscope-api-key': (r) => `DASHSCOPE_API_KEY=sk-${r.hex(32)}`,
	'huggingface-token': (r) => `HF_TOKEN=h${'f'}_${r.clean(UPPER + LOWER, 34)}`,
	'huggingface-org-token': (r) => `token = "api_${'org'}_${r.clean(UPPER + LOWER, 34)}"`,
	'replicate-api-token': (r) => `REPLICATE_API_TOKEN=r${'8'}_${r.b62(37)}`,
	'groq-api-key': (r) => `GROQ_API_KEY=gs${'k'}_${r.b62(52)}`,
	'mistral-api-key': (r) => `MISTRAL_API_KEY=${r.b62(32)}`,
	'cohere-api-key': (r) => `COHERE_API_KEY=${r.b62(40)}`,
	'perplexity-api-key': (r) => `PPLX_KEY=pp${'lx'}-${r.b62(48)}`,
	'xai-api-key': (r) => `XAI_API_KEY=xa${'i'}-${r.b62(80)}`,
	'zhipu-api-key': (r) => `ZHIPUAI_API_KEY=${r.hex(32)}.${r.b62(16)}`,
	'moonshot-api-key': (r) => `MOONSHOT_API_KEY=sk-${r.b62(48)}`,
	jwt: (r) => `Authorization = "${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${r.b62(10)}","iat":${1600000000 + r.int(1e8)}}`)}.${r.clean(B62 + '-_', 43)}"`,
	'firebase-cloud-messaging-key': (r) => `FCM_SERVER_KEY=AA${'AA'}${r.b62(7)}:APA91b${r.b62(134)}`,
	'age-secret-key': (r) => `AGE-SECRET-${'KEY'}-1${r.clean(BECH32, 58)}`,
	'1password-service-account-token': (r) => `OP_SERVICE_ACCOUNT_TOKEN=op${'s'}_eyJ${r.b62(260)}`,
	'1password-secret-key': (r) => `secret key: A${'3'}-${r.clean(UP36, 6)}-${r.clean(UP36, 11)}-${r.clean(UP36, 5)}-${r.clean(UP36, 5)}-${r.clean(UP36, 5)}`,
	'postgres-connection-string': (r) => `DATABASE_URL=postgres://app:${r.b62(16)}@db.prod.acme.io:5432/app`,
	'mysql-connection-string': (r) => `url: "mysql://root:${r.b62(14)}@10.0.0.5:3306/shop"`,
	'mongodb-connection-string': (r) => `MONGO_URI=mongodb+srv://svc:${r.b62(18)}@cluster0.ab1cd.mongodb.net/prod`,
	'redis-connection-string': (r) => `REDIS_URL=redis://default:${r.b62(20)}@cache.acme.io:6379/0`,
	'amqp-connection-string': (r) => `BROKER=amqp://guest:${r.b62(12)}@mq.acme.io:5672/vhost`,
	'basic-auth-url': (r) => `git clone https://deploy:${r.b62(16)}@git.acme.io/team/repo.git`,
	'http-authorization-header': (r) => `curl -H "Authorization: Bearer ${r.b62(40)}" https://api.acme.io`,
	'gitlab-token': (r) => `GITLAB_FEED_TOKEN=gl${'ft'}-${r.b62(20)}`,
	'gitlab-runner-registration-token': (r) => `registration: GR13${'48941'}${r.b62(20)}`,
	'gitlab-session-cookie': (r) => `Cookie: _gitlab_${'session'}=${r.clean(LOWER + DIGITS, 32)}`,
	'bitbucket-token': (r) => `app_password: AT${'BB'}${r.b62(32)}`,
	'cloudflare-token-v2': (r) => `CF_TOKEN=cf${'at'}_${r.b62(44)}`,
	'planetscale-token': (r) => `PLANETSCALE=pscale_${'pw'}_${r.b62(43)}`,
	'supabase-token': (r) => `SUPABASE_ACCESS_TOKEN=sb${'p'}_${r.hex(40)}`,
	'vercel-token': (r) => `VERCEL_TOKEN=vc${'p'}_${r.b62(56)}`,
	'netlify-token': (r) => `NETLIFY_AUTH_TOKEN=nf${'p'}_${r.b62(36)}`,
	'posthog-personal-key': (r) => `POSTHOG_PERSONAL_API_KEY=ph${'x'}_${r.b62(48)}`,
	'rubygems-api-key': (r) => `GEM_HOST_API_KEY=ruby${'gems'}_${r.hex(48)}`,
	'sonarqube-token': (r) => `sonar.token=sq${'u'}_${r.hex(40)}`,
	'brevo-api-key': (r) => `BREVO_KEY=xkey${'sib'}-${r.hex(64)}-${r.b62(16)}`,
	'defined-networking-api-key': (r) => `DN_KEY=dn${'key'}-${r.clean(UP36, 26)}-${r.clean(UP36, 52)}`,
	'docker-hub-oat': (r) => `DOCKER_TOKEN=dckr_${'oat'}_${r.b62(32)}`,
	'docker-swarm-secret': (r) => `docker swarm join --token SWM${'TKN'}-1-${r.clean(LOWER + DIGITS, 50)}-${r.clean(LOWER + DIGITS, 25)} 10.0.0.1:2377`,
	'dynatrace-api-token': (r) => `DT_API_TOKEN=dt0${'c01'}.${r.clean(UP36, 24)}.${r.clean(UP36, 64)}`,
	'nuget-api-key': (r) => `nuget push pkg.nupkg -k oy${'2'}${r.clean(LOWER + DIGITS, 43)}`,
	'clojars-deploy-token': (r) => `CLOJARS_PASSWORD=CLOJ${'ARS'}_${r.clean(LOWER + DIGITS, 60)}`,
	'aws-bedrock-api-key': (r) => `AWS_BEARER_TOKEN_BEDROCK=AB${'SK'}${r.clean(B62 + '+/', 120)}`,
	'postman-access-token': (r) => `access_key=PM${'AT'}-${r.clean(UP36, 26)}`,
	'akamai-client-token': (r) => `client_token = ak${'ab'}-${r.clean(LOWER + DIGITS, 16)}-${r.clean(LOWER + DIGITS, 16)}`,
	'google-oauth-access-token': (r) => `access = "ya${'29'}.${r.b62(80)}"`,
	'google-oauth-refresh-token': (r) => `refresh = "1/${'/0'}${r.b62(90)}"`,
	'instagram-access-token': (r) => `IG_TOKEN=IG${'QV'}${r.b62(150)}`,
	'facebook-app-token': (r) => `fb = "${r.digits(15)}|${r.b62(27)}"`,
	'stripe-webhook-secret': (r) => `STRIPE_WEBHOOK_SECRET=wh${'sec'}_${r.b62(32)}`,
	'tavily-api-key': (r) => `TAVILY_API_KEY=tv${'ly'}-${r.b62(32)}`,
	'together-api-key': (r) => `TOGETHER_API_KEY=tgp_${'v1'}_${r.b62(43)}`,
	'llama-api-key': (r) => `LLAMA_CLOUD_API_KEY=ll${'x'}-${r.b62(48)}`,
	'new-relic-key': (r) => `license_key: ${r.hex(36)}NR${'AL'}`,
	'salesforce-access-token': (r) => `sf_token 00${'D'}${r.b62(12)}!${r.b62(96)}`,
	'bearer-token': (r) => `headers: { 'X-Auth': 'Be${'arer'} ${r.b62(40)}' },`,
	'basic-auth-credentials': (r) => `proxy_set_header X-Auth "Ba${'sic'} ${Buffer.from(`deploy:${r.b62(14)}`).toString('base64')}";`,
	'docker-config-auth': (r) => `"https://index.docker.io/v1/": { "au${'th'}": "${Buffer.from(`ci:${r.b62(20)}`).toString('base64')}" }`,
	'password-hash': (r) => `admin:$${'6'}$${r.clean(B62 + './', 16)}$${r.clean(B62 + './', 86)}:19000:0:99999:7:::`,
	'jwk-private-key': (r) => `{ "kty": "EC", "crv": "P-256", "x": "${r.b62(43)}", "d": "${r.clean(B62 + '-_', 43)}" }`,
	'nats-nkey-seed': (r) => `seed: SU${'A'}${r.clean(B32, 55)}`,
	'sql-password': (r) => `CREATE ROLE app WITH LOGIN PASS${'WORD'} '${r.b62(10)}!${r.b62(3)}';`,
	'cli-password-flag': (r) => `pg_dump --host db --pass${'word'}=${r.b62(10)}#${r.b62(3)} app > dump.sql`,
	'mysql-cli-password': (r) => `mysql -u root -p${r.b62(12)} shop < seed.sql`,
	'sshpass-password': (r) => `sshpass -p '${r.b62(12)}' ssh deploy@10.0.0.7`,
	'curl-user-password': (r) => `curl -u admin:${r.b62(12)} https://ci.acme.io/api/json`,
	'login-call-password': (r) => `ftp.login("deploy", "${r.b62(10)}")`,
	'sql-identified-by': (r) => `CREATE USER shop IDENTI${'FIED'} BY ${r.b62(12)};`,
	'token-list': (r) => `"tokens": ["${r.b62(32)}", "${r.b62(32)}"]`,
	'generic-password': (r) => `DB_PASSWORD=${r.b62(8)}#${r.b62(4)}`,
	'generic-secret': (r) => `client_secret = "${r.b62(32)}"`,
};

/**
 * Lines that look like the rule's format but must not fire any secret rule, beside each rule's true positive:
 * placeholders, references, truncated or reshaped tokens. Rules without hand-written near misses get the
 * derived one (their true positive with its random part turned into a placeholder run) from `ruleNearMisses`.
 */
export const RULE_NEAR_MISSES: Record<string, (r: Rand) => string[]> = {
	'basic-auth-url': () => ['const u = new URL("https://abc:xyz@example.com/")', 'git clone https://user:${TOKEN}@git.acme.io/x.git'],
	'postgres-connection-string': () => ['DATABASE_URL=postgres://user:password@localhost:5432/app', 'postgres://app:changeme@db.example.com/app'],
	'bearer-token': (r) => ['// send the Bearer token in the header', `Authorization scheme: "Bearer <token>"`, `bearer ${'x'.repeat(30)}`, `const Bearer = "${r.b62(8)}";`],
	'basic-auth-credentials': () => ['realm="Basic Authentication" required', 'Basic dXNlcjo=', 'The Basic plan costs 10 dollars'],
	'docker-config-auth': () => ['"auth": "none"', '"auth": "true"', '"auth": ""'],
	'mongodb-connection-string': () => ['MONGO_URI=mongodb+srv://svc:${MONGO_PASSWORD}@cluster0.ab1cd.mongodb.net/prod', 'mongodb://localhost:27017/test'],
	'mysql-connection-string': () => ['url: "mysql://root:<password>@10.0.0.5:3306/shop"', 'mysql://root@localhost/shop'],
	'redis-connection-string': () => ['REDIS_URL=redis://default:%REDIS_PASSWORD%@cache.acme.io:6379/0', 'redis://localhost:6379/0'],
	'amqp-connection-string': () => ['BROKER=amqp://guest:guest@localhost:5672/', 'amqp://mq.acme.io:5672/vhost'],
	'password-hash': () => ['replace(/x/, "$1$2")', 'price: $6$ per unit', '$2b$ is the bcrypt prefix'],
	'jwk-private-key': (r) => [`{ "d": "${r.b62(43)}" }`, `{ "kty": "RSA", "n": "${r.b62(60)}", "e": "AQAB" }`],
	'nats-nkey-seed': (r) => [`UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4 (a user public key)`, `SUA${r.clean(B32, 20)}`],
	'sql-password': () => ["ALTER ROLE app WITH PASSWORD 'changeme';", "CREATE USER x WITH PASSWORD '${DB_PASSWORD}';", "password 'x'"],
	'sql-identified-by': () => ['CREATE USER shop IDENTIFIED BY :password;', "ALTER USER x IDENTIFIED BY 'password';"],
	'cli-password-flag': () => ['psql --password $PGPASSWORD', 'mytool --password <password>', '--token ${{ secrets.TOKEN }}', 'use --password to be prompted'],
	'mysql-cli-password': () => ['mysql -u root -p shop', 'mysql -u root -p"$MYSQL_PWD" shop', 'mysqladmin -p${PASS} status'],
	'sshpass-password': () => ['sshpass -p "$SSHPASS" ssh host', 'sshpass -e ssh host'],
	'curl-user-password': () => ['curl -u "$USER:$PASS" https://x.io', 'curl -u admin https://x.io'],
	'login-call-password': () => ['ftp.login(user, password)', 'client.login("deploy", os.environ["FTP_PASSWORD"])', 'login("user", "password")'],
	'token-list': () => ['"tokens": ["<token1>", "<token2>"]', `"tokens": []`, '"tokens": ["a", "b"]'],
	'generic-password': (r) => [
		'const compass = "Zq9xLm2p#Q7v";',
		'bypass: Zq9xLm2pQ7v',
		'passthrough = true',
		'password: string;',
		'val password: String = System.getenv("DB_PASSWORD")',
		'PASSWORD = os.environ.get("PASSWORD")',
		`password: \${DB_PASSWORD}`,
		'password = "DB_PASSWORD"',
		'password: !vault |',
		'password = "password123"',
		'db_pass = "admin_secret!"',
		`password, username = ${r.b62(10)}, x`,
		`encrypt(password, "${r.b62(10)}")`,
		'mask_pass = "0x31c45018"',
	],
	'generic-secret': (r) => ['author = "Jane Doe"', `oauth_callback = "https://acme.io/cb"`, `authorization: req.headers.authorization`, `csrf_token = "${r.b62(32)}"`, `secret_name = "service-account"`],
};

/** The near misses of a rule: the hand-written ones, or the derived placeholder of its true positive. */
export function ruleNearMisses(id: string, r: Rand): string[] {
	const own = RULE_NEAR_MISSES[id];
	if (own) {
		return own(r);
	}
	const gen = SECRET_SAMPLES[id];
	if (!gen) {
		return [];
	}
	// The longest run of token characters is the secret: keep its first 4 characters, turn the rest into x's.
	const tp = gen(r);
	let best = '';
	for (const m of tp.matchAll(/[A-Za-z0-9_+/.-]{12,}/g)) {
		if (m[0].length > best.length) best = m[0];
	}
	return best ? [tp.replace(best, best.slice(0, 4) + best.slice(4).replace(/[A-Za-z0-9]/g, 'x'))] : [];
}

/**
 * False positives once found in a real tree (this project's node_modules): code inside source maps, type
 * declarations, documentation URLs, Fetch API modes, translated messages, object literals.
 */
export const REAL_WORLD_NEAR_MISSES: readonly string[] = [
	'"sourcesContent":["  const getAccessToken = credential\\n    ? createTokenCycler(credential /* , options */)"]',
	'export type SubmitPasswordResultV2 = CustomAuthResultV2<',
	'    requestedPasswordAttribute: SignUpAttributeV2;',
	"     * const options = new URL('https://abc:xyz@example.com');",
	"const keyv = new Keyv('redis://user:pass@localhost:6379');",
	"     *   href: 'https://a:b@xn--g6w251d/?abc#foo',",
	'return fetch(wasmBinaryFile,{credentials:"same-origin"}).then(',
	"const USE_CREDENTIALS = 'use-credentials'",
	'  "Unexpected_token_1012": "予期しないトークンです。",',
	'e.authenticationScheme||ue.BEARER,ccsCredential:{credential:e.account.homeAccountId,type:',
];

/** Lines that look like secrets but are placeholders, examples, references or near-misses. */
export function secretNearMisses(r: Rand): string[] {
	const id = r.pick(['DB', 'APP', 'SMTP', 'ADMIN', 'REDIS', 'API']);
	return [
		`aws_access_key_id = ${'AKIA'}IOSFODNN7EXAMPLE`,
		`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
		`GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
		`// a truncated ghp_${r.b62(35)} is not a token`,
		`GITHUB_TOKEN=ghp_<your-token-here>`,
		`OPENAI_API_KEY=sk-proj-...`,
		`ANTHROPIC_API_KEY=sk-ant-api03-xxxxx`,
		`ANTHROPIC_API_KEY=your-anthropic-key`,
		`${id}_PASSWORD=changeme`,
		`${id}_PASSWORD=`,
		`password: \${${id}_PASSWORD}`,
		`password = os.environ["${id}_PASSWORD"]`,
		`api_key = process.env.${id}_API_KEY`,
		`const apiKey = config.apiKey;`,
		`token: {{ .Values.${id.toLowerCase()}.token }}`,
		`secret: <your-secret>`,
		`password: string;`,
		`const passwordField = "password";`,
		`max_tokens = ${1000 + r.int(8000)}`,
		`tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")`,
		`password_reset_url = "https://acme.io/reset"`,
		`DATABASE_URL=postgres://user:password@localhost:5432/app`,
		`DATABASE_URL=postgres://\${DB_USER}:\${DB_PASS}@db:5432/app`,
		`redis://localhost:6379/0`,
		`STRIPE_SECRET_KEY=sk_test_${'0'.repeat(24)}`,
		`STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`,
		`decode("${'eyJ'}${r.b62(20)}.eyJ${r.b62(20)}.${r.b62(20)}")`,
		`const sha = "${r.hex(40)}";`,
		`const id = "${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}";`,
		`twilio sid SK${r.hex(31)}`,
		`mailgun key-${r.hex(31)}`,
		`disk-${r.hex(32)}`,
		`secret_key = "dummy-secret-key-for-tests"`,
		`password = "********"`,
		`api_key: "XXXXXXXXXXXXXXXXXXXXXXXX"`,
		`auth_token = get_secret("${id.toLowerCase()}")`,
		`"public_key": "ssh-ed25519 ${r.b62(40)}"`,
		`const csrf_token = "${r.b62(32)}";`,
		`password_min_length = 12`,
		`access_key_id = "${r.b62(8)}"`,
		`secret = "sample-${r.b62(4)}"`,
		`token: \${{ secrets.GITHUB_TOKEN }}`,
		`ANTHROPIC_API_KEY=sk-ant-api03-0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000AA`,
		...REAL_WORLD_NEAR_MISSES,
	];
}

/** A valid Chinese resident ID (region, birth date, check digit). */
export function cnResidentId(r: Rand): string {
	const region = r.pick(['110101', '310104', '440305', '330106', '510107', '420102', '320102', '610113']);
	const y = 1950 + r.int(55);
	const m = 1 + r.int(12);
	const d = 1 + r.int(28);
	const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.str(DIGITS, 3)}`;
	return first17 + cnIdCheckChar(first17);
}

/** A number with a valid Luhn digit for a given prefix and length. */
export function luhnNumber(r: Rand, prefix: string, length: number): string {
	for (;;) {
		const body = prefix + r.str(DIGITS, length - prefix.length - 1);
		for (let c = 0; c < 10; c++) {
			if (luhnValid(body + c)) {
				const pan = body + c;
				if (!/(\d)\1{4}/.test(pan)) return pan;
				break;
			}
		}
	}
}

/** A valid IBAN of a country with the given BBAN length. */
export function iban(r: Rand, country: string, bbanLength: number): string {
	const bban = r.str(DIGITS, bbanLength);
	const rem = ibanRemainder(`${country}00${bban}`);
	const check = String(98 - rem).padStart(2, '0');
	return `${country}${check}${bban}`;
}

function groups(s: string): string {
	return s.replace(/(.{4})(?!$)/g, '$1 ');
}

function mobile(r: Rand): string {
	for (;;) {
		const m = `1${r.pick(['3', '5', '7', '8', '9'])}${r.str(DIGITS, 9)}`;
		if (!hasRun(m.slice(-8), 6) && !/(\d)\1{5}/.test(m)) return m;
	}
}

export interface Sample {
	text: string;
	/** Families that must fire; empty for a negative. */
	families: DetectorFamily[];
	/** For positives of the secrets family: the rule expected. */
	rule?: string;
	/** The family this sample belongs to in the corpus (for per-family negatives). */
	about: DetectorFamily;
}

export function piiSamples(r: Rand): Sample[] {
	const out: Sample[] = [];
	const pos = (text: string, rule: string): void => void out.push({ text, families: ['pii'], rule, about: 'pii' });
	const neg = (text: string): void => void out.push({ text, families: [], about: 'pii' });
	const first = r.pick(['zhang.wei', 'li.na', 'maria.garcia', 'j.smith', 'wang_fang', 'olivier.martin']);
	pos(`contact: ${first}${r.int(100)}@${r.pick(['acme-corp.com', 'corp.cn', 'mail.alibaba-inc.com', 'gmail.com', 'qq.com'])}`, 'pii-email');
	pos(`客户身份证号：${cnResidentId(r)}`, 'pii-cn-resident-id');
	pos(`card: ${luhnNumber(r, r.pick(['4', '51', '55', '2221']), 16)}`, 'pii-payment-card');
	pos(`amex ${groups(luhnNumber(r, '37', 15)).replace(/ /g, '-')}`, 'pii-payment-card');
	pos(`Card number: ${groups(luhnNumber(r, '62', 16))}`, 'pii-payment-card');
	pos(`IBAN: ${groups(iban(r, 'DE', 18))}`, 'pii-iban');
	const [cc, len] = r.pick([['GB', 18], ['FR', 23], ['NL', 14]] as const);
	pos(`iban=${iban(r, cc, len)}`, 'pii-iban');
	pos(`手机：${mobile(r)}`, 'pii-phone');
	pos(`phone: +86 ${mobile(r)}`, 'pii-phone');
	pos(`Call +44 20 7946 ${r.digits(4)}`, 'pii-phone');
	pos(`tel: (415) ${2 + r.int(7)}${r.digits(2)}-${r.digits(4)}`, 'pii-phone');
	// Near-misses: invalid check digits, dates, Luhn, reserved domains, file names, timestamps.
	const id = cnResidentId(r);
	const wrong = id.slice(0, 17) + (id.charAt(17) === '1' ? '2' : '1');
	neg(`id: ${wrong}`);
	neg(`id: 11010119901301${r.digits(3)}1`);
	const pan = luhnNumber(r, '4', 16);
	neg(`card: ${pan.slice(0, 15)}${(Number(pan.charAt(15)) + 1) % 10}`);
	neg(`order ${luhnNumber(r, '9', 16)}`);
	neg('test card 4242 4242 4242 4242');
	const good = iban(r, 'DE', 18);
	neg(`IBAN: ${good.slice(0, 2)}${good.charAt(2) === '9' ? '0' : String(Number(good.charAt(2)) + 1)}${good.slice(3)}`);
	neg(`mail: user@example.com and admin@${r.pick(['example.org', 'test', 'localhost'])}`);
	neg('git clone git@github.com:acme/repo.git');
	neg('background: url(logo@2x.png)');
	neg('"devDependencies": { "@types/node": "20.1.0" }');
	neg(`timestamp: ${1700000000000 + r.int(1e9)}`);
	neg(`version 1.2.${r.int(99)}`);
	neg(`const id_${mobile(r)} = 1;`);
	neg(`hash ${r.digits(20)}`);
	neg('phone: 13800000000');
	neg(`x = y +${r.digits(3)}`);
	return out;
}

export function markerSamples(r: Rand): Sample[] {
	const out: Sample[] = [];
	const pos = (text: string): void => void out.push({ text, families: ['markers'], about: 'markers' });
	const neg = (text: string): void => void out.push({ text, families: [], about: 'markers' });
	pos('// CONFIDENTIAL - Acme Corp. Do not share.');
	pos('/* Copyright Acme. Confidential and Proprietary. */');
	pos('# INTERNAL ONLY');
	pos('<!-- DO NOT DISTRIBUTE -->');
	pos(`本文档为机密文件，编号 ${r.digits(4)}`);
	pos('密级：绝密');
	pos('内部资料，请勿外传');
	pos('仅供内部使用');
	pos('秘密★1年');
	pos('Classification: INTERNAL USE ONLY');
	neg('if (doc.isConfidential) { return; }');
	neg('const confidentialityLevel = 3;');
	neg('export const CONFIDENTIAL_FLAG = 1 << 2;');
	neg("if (level === 'CONFIDENTIAL') {");
	neg('Confidential computing protects data in use.'.toLowerCase());
	neg('我们重视数据的机密性和完整性');
	neg('本文件为非机密资料');
	neg('const proprietaryLicense = true;');
	neg('internalOnly: false');
	neg('the proprietary format is documented');
	return out;
}

let keyCache: { rsa: string; ec: string; pkcs8: string; enc: string; pub: string } | undefined;

function keys(): NonNullable<typeof keyCache> {
	if (!keyCache) {
		const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
		const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		keyCache = {
			rsa: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
			ec: ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
			pkcs8: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
			enc: rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
			pub: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		};
	}
	return keyCache;
}

function block(label: string, r: Rand, lines: number): string {
	const body = Array.from({ length: lines }, () => r.clean(B62 + '+/', 64)).join('\n');
	return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export function privateKeySamples(r: Rand): Sample[] {
	const k = keys();
	const out: Sample[] = [];
	const pos = (text: string): void => void out.push({ text, families: ['privateKeys'], about: 'privateKeys' });
	const neg = (text: string): void => void out.push({ text, families: [], about: 'privateKeys' });
	pos(k.rsa);
	pos(k.ec);
	pos(k.pkcs8);
	pos(k.enc);
	pos(block('OPENSSH PRIVATE KEY', r, 6));
	pos(block('PGP PRIVATE KEY BLOCK', r, 8));
	pos(`{"type": "service_account", "private_key": ${JSON.stringify(k.pkcs8)}}`);
	neg(k.pub);
	neg(block('CERTIFICATE', r, 10));
	neg(block('PUBLIC KEY', r, 4));
	neg('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n');
	neg("const HEADER = '-----BEGIN RSA PRIVATE KEY-----';");
	neg(`ssh-rsa AAAAB3NzaC1yc2E${r.b62(200)} user@host`);
	return out;
}

export function secretSamples(r: Rand): Sample[] {
	const out: Sample[] = [];
	for (const [rule, gen] of Object.entries(SECRET_SAMPLES)) {
		out.push({ text: `# config\n${gen(r)}\n`, families: ['secrets'], rule, about: 'secrets' });
	}
	for (const line of secretNearMisses(r)) {
		out.push({ text: `# config\n${line}\n`, families: [], about: 'secrets' });
	}
	for (const rule of Object.keys(SECRET_SAMPLES)) {
		for (const line of ruleNearMisses(rule, r)) {
			out.push({ text: `# config\n${line}\n`, families: [], about: 'secrets' });
		}
	}
	return out;
}

/** The full labelled corpus: `rounds` independent draws of every sample family. */
export function labelledCorpus(seed: number, rounds: number): Sample[] {
	const r = new Rand(seed);
	const out: Sample[] = [];
	for (let i = 0; i < rounds; i++) {
		out.push(...secretSamples(r), ...piiSamples(r), ...markerSamples(r), ...privateKeySamples(r));
	}
	return out;
}
