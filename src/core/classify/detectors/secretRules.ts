/**
 * The secret rules, built the way gitleaks builds them: every rule has keywords for the shared Aho-Corasick
 * prefilter and a regex run only on the lines (or ±512-character windows of very long lines) where one of
 * its keywords occurs. Provider rules come first: when findings overlap, the earlier rule wins, so an
 * anchored provider format is reported rather than the generic assignment rule.
 *
 * Regexes are ASCII-only (no `\w` under `u`), have bounded quantifiers and no nested quantifiers, so each
 * runs in time linear in its window. Formats come from the providers' documentation and the public
 * gitleaks / secretlint / detect-secrets rule sets (docs/evidence/secret-rules.md).
 */

export interface SecretRule {
	id: string;
	description: string;
	/** Lower-case literals; the rule runs only where one occurs. */
	keywords: readonly string[];
	/** Source regex: compiled with `g` and `d` (plus its own flags). */
	regex: RegExp;
	/** The capture group holding the secret (default 1). */
	group?: number;
	/** Minimum Shannon entropy of the secret (default 3.0 for provider rules). */
	entropy?: number;
	/** A generic assignment rule: stopwords and reference checks apply. */
	generic?: boolean;
	/** Extra validation of the secret (e.g. a JWT header that decodes). */
	validate?: (secret: string) => boolean;
	/**
	 * Extra validation with the whole match (e.g. the host of a URL): `m` is the match in its window. Runs after
	 * the entropy and placeholder checks.
	 */
	check?: (secret: string, m: RegExpExecArray) => boolean;
	/**
	 * Context the match needs nearby: `regex` must match within `radius` characters of it in the file (a JWK's
	 * private member counts only in an object that has `"kty"`).
	 */
	near?: { regex: RegExp; radius: number };
	/**
	 * Every match starts at most this many characters before one of the keywords (0: with a keyword). The
	 * detector then tries the regex only there, instead of across the whole line: the same findings for a
	 * fraction of the work on rules whose keywords are common words (`token`, `sk`, `://`). Unit-tested
	 * against the plain line scan; leave it out when unsure.
	 */
	lead?: number;
}

/** The assignment between a key name and its value: `KEY = "`, `key: `, `"key": "`, `key := '`. */
const ASSIGN = '[A-Za-z0-9_.-]{0,25}["\'\\]]?[ \\t]{0,3}(?::=|=>|=|:|\\?=)[ \\t]{0,3}["\'`]?';
/** What must not follow a captured token, so a longer string does not match by its prefix. */
const END = '(?![A-Za-z0-9_+/=-])';
/** What must not precede a token, so it is not the tail of a longer string. */
const START = '(?<![A-Za-z0-9_-])';

/** A semi-generic rule: a key name containing one of `words`, an assignment, then the provider's value shape. */
function ctx(words: string, secret: string): RegExp {
	return new RegExp(`(?:${words})${ASSIGN}(${secret})${END}`, 'i');
}

/** An anchored token: a fixed prefix and a charset, not part of a longer token. */
function tok(body: string, flags = ''): RegExp {
	return new RegExp(`${START}(${body})${END}`, flags);
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function jwtHeaderDecodes(secret: string): boolean {
	const head = secret.split('.')[0] ?? '';
	try {
		const json = Buffer.from(head.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
		return /"(?:alg|typ|kid)"\s*:/.test(json);
	} catch {
		return false;
	}
}

function dbUrl(schemes: string): RegExp {
	return new RegExp(`(?<![A-Za-z0-9+.-])(?:jdbc:)?(?:${schemes})${USERINFO}`, 'i');
}

/**
 * `://user:password@host`, the password captured (the host is checked by `strongUnlessDocHost`).
 */
const USERINFO = `://[^\\s:@/'"\`]{1,100}:([^\\s@/'"\`]{1,200})@[A-Za-z0-9._-]`;

/** RFC 2606 documentation hosts: `example.com` and its subdomains, `*.example`, `*.test`, `*.invalid`. */
const DOC_HOST = /^(?:[A-Za-z0-9-]+\.)*(?:example\.(?:com|org|net)|[A-Za-z0-9-]+\.(?:example|test|invalid))(?![A-Za-z0-9.-])/i;

/**
 * A URL's password counts unless the host is a documentation domain and the password is weak: in
 * `https://abc:xyz@example.com` both are examples, but a strong password (10+ characters, 3+ bits of entropy
 * per character) is a credential whatever host it is for; the host alone does not make it a placeholder.
 */
function strongUnlessDocHost(secret: string, m: RegExpExecArray): boolean {
	const at = m.index + m[0].length - 1;
	const host = (m.input ?? '').slice(at, at + 120);
	if (!DOC_HOST.test(host)) {
		return true;
	}
	return secret.length >= 10 && entropyOf(secret) >= 3;
}

function entropyOf(s: string): number {
	const counts = new Map<string, number>();
	for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	let e = 0;
	for (const n of counts.values()) {
		const p = n / s.length;
		e -= p * Math.log2(p);
	}
	return e;
}

/** Whether a base64 value decodes to `user:password` (printable ASCII with a colon inside). */
function decodesToUserPass(secret: string): boolean {
	const raw = Buffer.from(secret, 'base64').toString('latin1');
	return /^[\x21-\x7e][\x20-\x7e]{0,200}:[\x20-\x7e]{2,200}$/.test(raw) && !/^[^:]*:\s*$/.test(raw);
}

/**
 * Any scheme's URL with a password, matched from its `://` (the scheme is checked behind it), so that the
 * rule is tried only where its keyword `://` occurs: the same matches as `dbUrl('[a-z][a-z0-9+.-]{1,20}')`.
 */
function anyUrl(): RegExp {
	return new RegExp(`(?<=(?<![A-Za-z0-9+.-])(?:jdbc:)?[a-z][a-z0-9+.-]{1,20})${USERINFO}`, 'i');
}

/** Provider-specific rules (anchored prefixes, or a provider word next to the value). */
export const PROVIDER_RULES: readonly SecretRule[] = [
	// --- Cloud providers
	{ id: 'aws-access-key-id', description: 'AWS access key ID', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], regex: tok('(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}'), lead: 0 },
	{ id: 'aws-secret-access-key', description: 'AWS secret access key', keywords: ['aws', 'secret_access_key', 'secretaccesskey', 'secret_accesskey', 'secretaccess_key'], regex: ctx('aws|secret_?access_?key', '[A-Za-z0-9/+]{40}'), entropy: 4, lead: 0 },
	{ id: 'gcp-service-account-key', description: 'Google Cloud service-account key file', keywords: ['private_key_id'], regex: /"private_key_id"\s*:\s*"([a-f0-9]{40})"/ },
	{ id: 'gcp-api-key', description: 'Google Cloud / Firebase API key', keywords: ['aiza'], regex: tok('AIza[0-9A-Za-z_-]{35}'), lead: 0 },
	{ id: 'gcp-oauth-client-secret', description: 'Google OAuth client secret', keywords: ['gocspx-'], regex: tok('GOCSPX-[A-Za-z0-9_-]{28}') },
	{ id: 'azure-storage-account-key', description: 'Azure storage account key in a connection string', keywords: ['accountkey='], regex: /AccountKey=([A-Za-z0-9+/]{86}==)/, lead: 0 },
	{ id: 'azure-shared-access-key', description: 'Azure Service Bus / Event Hubs shared access key', keywords: ['sharedaccesskey='], regex: /SharedAccessKey=([A-Za-z0-9+/]{42,43}=)/ },
	{ id: 'azure-ad-client-secret', description: 'Azure AD (Entra ID) client secret', keywords: ['q~'], regex: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/ },
	{ id: 'azure-openai-api-key', description: 'Azure OpenAI API key', keywords: ['azure', 'aoai'], regex: ctx('azure[_.-]?openai|azure[_.-]?ai|aoai', '[a-f0-9]{32}'), lead: 0 },
	{ id: 'alibaba-access-key-id', description: 'Alibaba Cloud AccessKey ID', keywords: ['ltai'], regex: tok('LTAI[A-Za-z0-9]{12,20}') },
	{ id: 'alibaba-access-key-secret', description: 'Alibaba Cloud AccessKey secret', keywords: ['alibaba', 'aliyun', 'accesskeysecret', 'access_key_secret'], regex: ctx('alibaba|aliyun|access_?key_?secret', '[A-Za-z0-9]{30}'), entropy: 3.5 },
	{ id: 'tencent-secret-id', description: 'Tencent Cloud SecretId', keywords: ['akid'], regex: tok('AKID[A-Za-z0-9]{32}') },
	{ id: 'tencent-secret-key', description: 'Tencent Cloud SecretKey', keywords: ['tencent', 'qcloud'], regex: ctx('tencent|qcloud', '[A-Za-z0-9]{32}'), entropy: 3.5 },
	{ id: 'huawei-cloud-access-key', description: 'Huawei Cloud access key (AK/SK)', keywords: ['huawei', 'hwcloud'], regex: ctx('huawei|hwcloud', '[A-Za-z0-9]{40}|[A-Za-z0-9]{20}'), entropy: 3.3 },
	{ id: 'volcengine-access-key', description: 'Volcano Engine access key', keywords: ['aklt'], regex: tok('AKLT[A-Za-z0-9_-]{20,60}') },
	{ id: 'digitalocean-pat', description: 'DigitalOcean personal access token', keywords: ['dop_v1_'], regex: tok('dop_v1_[a-f0-9]{64}') },
	{ id: 'digitalocean-oauth-token', description: 'DigitalOcean OAuth access token', keywords: ['doo_v1_'], regex: tok('doo_v1_[a-f0-9]{64}') },
	{ id: 'digitalocean-refresh-token', description: 'DigitalOcean OAuth refresh token', keywords: ['dor_v1_'], regex: tok('dor_v1_[a-f0-9]{64}') },
	{ id: 'heroku-api-key-v2', description: 'Heroku API key', keywords: ['hrku-'], regex: tok('HRKU-AA[0-9A-Za-z_-]{58}') },
	{ id: 'heroku-api-key', description: 'Heroku API key (UUID form)', keywords: ['heroku'], regex: ctx('heroku', UUID), lead: 0 },
	{ id: 'cloudflare-api-token', description: 'Cloudflare API token', keywords: ['cloudflare', 'cf_api'], regex: ctx('cloudflare|cf_api', '[A-Za-z0-9_-]{40}'), entropy: 3.5, lead: 0 },
	{ id: 'cloudflare-global-api-key', description: 'Cloudflare global API key', keywords: ['cloudflare', 'cf_api'], regex: ctx('cloudflare|cf_api', '[a-f0-9]{37}'), lead: 0 },
	{ id: 'cloudflare-origin-ca-key', description: 'Cloudflare Origin CA key', keywords: ['v1.0-'], regex: tok('v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}') },
	{ id: 'fastly-api-token', description: 'Fastly API token', keywords: ['fastly'], regex: ctx('fastly', '[A-Za-z0-9_-]{32}'), entropy: 3.5 },
	{ id: 'databricks-token', description: 'Databricks personal access token', keywords: ['dapi'], regex: tok('dapi[a-f0-9]{32}(?:-\\d)?'), lead: 0 },
	{ id: 'vault-service-token', description: 'HashiCorp Vault service token', keywords: ['hvs.'], regex: tok('hvs\\.[A-Za-z0-9_-]{90,120}') },
	{ id: 'vault-batch-token', description: 'HashiCorp Vault batch token', keywords: ['hvb.'], regex: tok('hvb\\.[A-Za-z0-9_-]{138,300}') },
	{ id: 'vault-legacy-token', description: 'HashiCorp Vault token (legacy s. form)', keywords: ['vault'], regex: ctx('vault', 's\\.[A-Za-z0-9]{24}'), lead: 0 },
	{ id: 'terraform-cloud-token', description: 'Terraform Cloud / Enterprise API token', keywords: ['atlasv1'], regex: tok('[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}') },
	{ id: 'pulumi-access-token', description: 'Pulumi access token', keywords: ['pul-'], regex: tok('pul-[a-f0-9]{40}') },
	{ id: 'doppler-token', description: 'Doppler token', keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], regex: tok('dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}') },
	{ id: 'okta-api-token', description: 'Okta API token', keywords: ['okta', 'ssws'], regex: /(?:okta[A-Za-z0-9_.-]{0,25}["']?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}["']?|SSWS[ \t]+)(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/i, lead: 0 },
	{ id: 'tailscale-key', description: 'Tailscale API / auth key', keywords: ['tskey-'], regex: tok('tskey-[a-z]{3,10}-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,40}') },
	// --- Code hosting, registries, developer tools
	{ id: 'github-pat', description: 'GitHub personal access token (classic)', keywords: ['ghp_'], regex: tok('ghp_[0-9A-Za-z]{36}') },
	{ id: 'github-oauth-token', description: 'GitHub OAuth access token', keywords: ['gho_'], regex: tok('gho_[0-9A-Za-z]{36}') },
	{ id: 'github-user-to-server-token', description: 'GitHub App user-to-server token', keywords: ['ghu_'], regex: tok('ghu_[0-9A-Za-z]{36}') },
	{ id: 'github-server-to-server-token', description: 'GitHub App installation token', keywords: ['ghs_'], regex: tok('ghs_[0-9A-Za-z]{36}') },
	{ id: 'github-refresh-token', description: 'GitHub refresh token', keywords: ['ghr_'], regex: tok('ghr_[0-9A-Za-z]{36}') },
	{ id: 'github-fine-grained-pat', description: 'GitHub fine-grained personal access token', keywords: ['github_pat_'], regex: tok('github_pat_[0-9A-Za-z_]{82}') },
	{ id: 'gitlab-pat', description: 'GitLab personal access token', keywords: ['glpat-'], regex: tok('glpat-[0-9A-Za-z_.-]{20,80}') },
	{ id: 'gitlab-pipeline-trigger-token', description: 'GitLab pipeline trigger token', keywords: ['glptt-'], regex: tok('glptt-[0-9a-f]{40}') },
	{ id: 'gitlab-runner-token', description: 'GitLab runner authentication token', keywords: ['glrt-'], regex: tok('glrt-[0-9A-Za-z_.-]{20,80}') },
	{ id: 'gitlab-deploy-token', description: 'GitLab deploy token', keywords: ['gldt-'], regex: tok('gldt-[0-9A-Za-z_-]{20,80}') },
	{ id: 'atlassian-api-token', description: 'Atlassian (Jira, Confluence) API token', keywords: ['atatt3'], regex: tok('ATATT3[A-Za-z0-9_=-]{180,200}') },
	{ id: 'linear-api-key', description: 'Linear API key', keywords: ['lin_api_'], regex: tok('lin_api_[A-Za-z0-9]{40}') },
	{ id: 'notion-integration-token', description: 'Notion integration token', keywords: ['ntn_', 'secret_'], regex: tok('ntn_[0-9]{11,12}[A-Za-z0-9]{32,36}|secret_[A-Za-z0-9]{43}'), entropy: 3.5, lead: 0 },
	{ id: 'figma-pat', description: 'Figma personal access token', keywords: ['figd_'], regex: tok('figd_[A-Za-z0-9_-]{40,}') },
	{ id: 'postman-api-key', description: 'Postman API key', keywords: ['pmak-'], regex: tok('PMAK-[a-f0-9]{24}-[a-f0-9]{34}') },
	{ id: 'npm-access-token', description: 'npm access token', keywords: ['npm_'], regex: tok('npm_[A-Za-z0-9]{36}') },
	{ id: 'npmrc-auth-token', description: 'Registry auth token in an .npmrc', keywords: ['_authtoken'], regex: /_authToken\s*=\s*["']?([^\s'"]{16,})/ },
	{ id: 'pypi-upload-token', description: 'PyPI upload token', keywords: ['pypi-ageichlwas5vcmc'], regex: tok('pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}') },
	{ id: 'docker-hub-pat', description: 'Docker Hub personal access token', keywords: ['dckr_pat_'], regex: tok('dckr_pat_[A-Za-z0-9_-]{27}') },
	{ id: 'dropbox-access-token', description: 'Dropbox access token', keywords: ['sl.'], regex: tok('sl\\.(?:u\\.)?[A-Za-z0-9_-]{130,200}'), lead: 0 },
	{ id: 'sentry-org-token', description: 'Sentry organization auth token', keywords: ['sntrys_'], regex: tok('sntrys_eyJ[A-Za-z0-9+/=_-]{60,300}') },
	{ id: 'sentry-user-token', description: 'Sentry user auth token', keywords: ['sntryu_'], regex: tok('sntryu_[a-f0-9]{64}') },
	{ id: 'datadog-api-key', description: 'Datadog API or application key', keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app'], regex: ctx('datadog|dd[_-]api|dd[_-]app', '[a-f0-9]{40}|[a-f0-9]{32}'), lead: 0 },
	{ id: 'new-relic-user-api-key', description: 'New Relic user API key', keywords: ['nrak-'], regex: tok('NRAK-[A-Z0-9]{27}') },
	{ id: 'new-relic-insert-key', description: 'New Relic insert key', keywords: ['nrii-'], regex: tok('NRII-[A-Za-z0-9_-]{32}') },
	{ id: 'new-relic-browser-key', description: 'New Relic browser API key', keywords: ['nrjs-'], regex: tok('NRJS-[a-f0-9]{19}') },
	{ id: 'grafana-cloud-token', description: 'Grafana Cloud API token', keywords: ['glc_'], regex: tok('glc_[A-Za-z0-9+/]{32,400}={0,2}') },
	{ id: 'grafana-service-account-token', description: 'Grafana service account token', keywords: ['glsa_'], regex: tok('glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}') },
	{ id: 'gitlab-token', description: 'GitLab token (OAuth secret, CI job, feed, mail, agent, SCIM, feature flag, runner, workspace)', keywords: ['gloas-', 'glcbt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-', 'glrtr-', 'glwt-'], regex: tok('(?:gloas-[0-9a-f]{64}|glcbt-[0-9A-Za-z_]{1,5}_[0-9A-Za-z_-]{20}|(?:glft|glimt|glagent|glsoat|glffct|glrtr|glwt)-[0-9A-Za-z_-]{20,80})'), entropy: 3 },
	{ id: 'gitlab-runner-registration-token', description: 'GitLab runner registration token', keywords: ['gr1348941'], regex: tok('GR1348941[0-9A-Za-z_-]{20}') },
	{ id: 'gitlab-session-cookie', description: 'GitLab session cookie', keywords: ['_gitlab_session='], regex: /_gitlab_session=([0-9a-z]{32})(?![0-9a-z])/ },
	{ id: 'bitbucket-token', description: 'Bitbucket app password or HTTP access token', keywords: ['atbb', 'bbdc-'], regex: tok('ATBB[A-Za-z0-9_=.-]{28,40}|BBDC-[A-Za-z0-9+/@_-]{40,50}') },
	{ id: 'cloudflare-token-v2', description: 'Cloudflare API token (prefixed)', keywords: ['cfat_', 'cfut_', 'cfk_'], regex: tok('(?:cfat|cfut|cfk)_[A-Za-z0-9]{40,50}') },
	{ id: 'planetscale-token', description: 'PlanetScale password or token', keywords: ['pscale_'], regex: tok('pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.=-]{32,64}') },
	{ id: 'supabase-token', description: 'Supabase access token', keywords: ['sbp_'], regex: tok('sbp_(?:v0_)?[a-f0-9]{40}') },
	{ id: 'vercel-token', description: 'Vercel token', keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], regex: tok('vc[pirak]_[A-Za-z0-9]{56}') },
	{ id: 'netlify-token', description: 'Netlify personal access token', keywords: ['nfp_'], regex: tok('nfp_[A-Za-z0-9]{36}') },
	{ id: 'posthog-personal-key', description: 'PostHog personal or secret API key', keywords: ['phx_', 'phs_'], regex: tok('ph[xs]_[A-Za-z0-9]{40,60}') },
	{ id: 'rubygems-api-key', description: 'RubyGems API key', keywords: ['rubygems_'], regex: tok('rubygems_[a-f0-9]{48}') },
	{ id: 'sonarqube-token', description: 'SonarQube token', keywords: ['squ_', 'sqp_', 'sqa_'], regex: tok('sq[upa]_[a-f0-9]{40}') },
	{ id: 'brevo-api-key', description: 'Brevo (Sendinblue) API key', keywords: ['xkeysib-'], regex: tok('xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}') },
	{ id: 'defined-networking-api-key', description: 'Defined Networking API key', keywords: ['dnkey-'], regex: tok('dnkey-[A-Z0-9=_-]{26}-[A-Z0-9=_-]{52}') },
	{ id: 'docker-hub-oat', description: 'Docker Hub organization access token', keywords: ['dckr_oat_'], regex: tok('dckr_oat_[A-Za-z0-9_-]{32}') },
	{ id: 'docker-swarm-secret', description: 'Docker Swarm join token or unlock key', keywords: ['swmtkn-1-', 'swmkey-1-'], regex: tok('SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}|SWMKEY-1-[A-Za-z0-9+/]{43}') },
	{ id: 'dynatrace-api-token', description: 'Dynatrace API token', keywords: ['dt0c01.'], regex: tok('dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}') },
	{ id: 'nuget-api-key', description: 'NuGet API key', keywords: ['oy2'], regex: tok('oy2[a-z0-9]{43}'), lead: 0 },
	{ id: 'clojars-deploy-token', description: 'Clojars deploy token', keywords: ['clojars_'], regex: tok('CLOJARS_[a-z0-9]{60}') },
	{ id: 'aws-bedrock-api-key', description: 'Amazon Bedrock API key', keywords: ['absk', 'bedrock-api-key-'], regex: tok('ABSK[A-Za-z0-9+/]{100,200}={0,2}|bedrock-api-key-[A-Za-z0-9+/=]{20,200}') },
	{ id: 'postman-access-token', description: 'Postman collection access token', keywords: ['pmat-'], regex: tok('PMAT-[A-Z0-9]{26}') },
	{ id: 'akamai-client-token', description: 'Akamai EdgeGrid client token or secret', keywords: ['akab-'], regex: tok('akab-[a-z0-9]{16}-[a-z0-9]{16}') },
	{ id: 'google-oauth-access-token', description: 'Google OAuth access token', keywords: ['ya29.'], regex: tok('ya29\\.[A-Za-z0-9_-]{30,300}') },
	{ id: 'google-oauth-refresh-token', description: 'Google OAuth refresh token', keywords: ['1//0'], regex: /(?<![A-Za-z0-9_/-])(1\/\/0[A-Za-z0-9_-]{60,300})(?![A-Za-z0-9_-])/ },
	{ id: 'instagram-access-token', description: 'Instagram access token', keywords: ['igqv'], regex: tok('IGQV[A-Za-z0-9_-]{100,400}') },
	{ id: 'facebook-app-token', description: 'Facebook app access token', keywords: ['|'], regex: /(?<![0-9])([0-9]{15,16}\|[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/, lead: 16 },
	{ id: 'stripe-webhook-secret', description: 'Stripe webhook signing secret', keywords: ['whsec_'], regex: tok('whsec_[A-Za-z0-9+/]{32,64}') },
	{ id: 'tavily-api-key', description: 'Tavily API key', keywords: ['tvly-'], regex: tok('tvly-(?:dev-)?[A-Za-z0-9]{32}') },
	{ id: 'together-api-key', description: 'Together AI API key', keywords: ['tgp_v1_'], regex: tok('tgp_v1_[A-Za-z0-9_-]{43}') },
	{ id: 'llama-api-key', description: 'Llama Cloud API key', keywords: ['llx-'], regex: tok('llx-[A-Za-z0-9_-]{48}') },
	{ id: 'new-relic-key', description: 'New Relic browser, license or ingest key', keywords: ['nrbr-', 'nral'], regex: /(?<![A-Za-z0-9_-])(NRBR-[a-f0-9]{19}|(?:eu01x)?[a-f0-9]{31,36}NRAL)(?![A-Za-z0-9_-])/, lead: 40 },
	{ id: 'salesforce-access-token', description: 'Salesforce access token', keywords: ['00d'], regex: tok('00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,200}'), lead: 0 },
	// --- Messaging, payments, commerce
	{ id: 'slack-bot-token', description: 'Slack bot token', keywords: ['xoxb-'], regex: tok('xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}') },
	{ id: 'slack-user-token', description: 'Slack user token', keywords: ['xoxp-', 'xoxe-'], regex: tok('xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34}') },
	{ id: 'slack-app-token', description: 'Slack app-level token', keywords: ['xapp-'], regex: tok('xapp-\\d-[A-Z0-9]{9,12}-\\d{10,16}-[a-z0-9]{60,70}') },
	{ id: 'slack-config-token', description: 'Slack configuration token', keywords: ['xoxe.xox'], regex: tok('xoxe\\.xox[bp]-\\d-[A-Z0-9]{160,170}') },
	{ id: 'slack-webhook-url', description: 'Slack incoming webhook URL', keywords: ['hooks.slack.com'], regex: /hooks\.slack\.com\/((?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/ },
	{ id: 'discord-webhook-url', description: 'Discord webhook URL', keywords: ['discord'], regex: /discord(?:app)?\.com\/api\/webhooks\/([0-9]{17,20}\/[A-Za-z0-9_-]{60,68})/, lead: 0 },
	{ id: 'discord-bot-token', description: 'Discord bot token', keywords: ['discord'], regex: ctx('discord', '[MN][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}'), lead: 0 },
	{ id: 'telegram-bot-token', description: 'Telegram bot token', keywords: [':aa'], regex: /(?<![0-9])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/ },
	{ id: 'twilio-api-key', description: 'Twilio API key SID', keywords: ['sk'], regex: /(?<![A-Za-z0-9_-])(SK[0-9a-f]{32})(?![A-Za-z0-9_-])/, lead: 0 },
	{ id: 'sendgrid-api-key', description: 'SendGrid API key', keywords: ['sg.'], regex: tok('SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'), lead: 0 },
	{ id: 'mailgun-api-key', description: 'Mailgun private API key', keywords: ['key-'], regex: tok('key-[a-f0-9]{32}'), lead: 0 },
	{ id: 'mailchimp-api-key', description: 'Mailchimp API key', keywords: ['-us'], regex: tok('[a-f0-9]{32}-us[0-9]{1,2}'), lead: 32 },
	{ id: 'stripe-secret-key', description: 'Stripe secret key', keywords: ['sk_live_', 'sk_test_'], regex: tok('sk_(?:live|test)_[A-Za-z0-9]{24,99}') },
	{ id: 'stripe-restricted-key', description: 'Stripe restricted key', keywords: ['rk_live_', 'rk_test_'], regex: tok('rk_(?:live|test)_[A-Za-z0-9]{24,99}') },
	{ id: 'shopify-access-token', description: 'Shopify access token', keywords: ['shpat_'], regex: tok('shpat_[a-fA-F0-9]{32}') },
	{ id: 'shopify-custom-app-token', description: 'Shopify custom app access token', keywords: ['shpca_'], regex: tok('shpca_[a-fA-F0-9]{32}') },
	{ id: 'shopify-private-app-token', description: 'Shopify private app access token', keywords: ['shppa_'], regex: tok('shppa_[a-fA-F0-9]{32}') },
	{ id: 'shopify-shared-secret', description: 'Shopify shared secret', keywords: ['shpss_'], regex: tok('shpss_[a-fA-F0-9]{32}') },
	{ id: 'square-access-token', description: 'Square access token', keywords: ['eaaa', 'sq0atp-'], regex: tok('EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}'), lead: 0 },
	{ id: 'square-oauth-secret', description: 'Square OAuth secret', keywords: ['sq0csp-'], regex: tok('sq0csp-[A-Za-z0-9_-]{43}') },
	{ id: 'braintree-access-token', description: 'PayPal Braintree access token', keywords: ['access_token$production$'], regex: /(access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})/ },
	{ id: 'mapbox-secret-token', description: 'Mapbox secret token', keywords: ['sk.eyj'], regex: tok('sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,}') },
	// --- AI providers
	{ id: 'openai-api-key', description: 'OpenAI API key', keywords: ['t3blbkfj'], regex: tok('sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,150}T3BlbkFJ[A-Za-z0-9_-]{20,150}') },
	{ id: 'openai-project-key', description: 'OpenAI project API key', keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'], regex: tok('sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}') },
	{ id: 'anthropic-api-key', description: 'Anthropic API key', keywords: ['sk-ant-'], regex: tok('sk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{80,120}') },
	{ id: 'dashscope-api-key', description: 'Alibaba DashScope (Qwen) / DeepSeek-style API key', keywords: ['sk-'], regex: tok('sk-[a-f0-9]{32}'), lead: 0 },
	{ id: 'huggingface-token', description: 'Hugging Face access token', keywords: ['hf_'], regex: tok('hf_[A-Za-z]{34}') },
	{ id: 'huggingface-org-token', description: 'Hugging Face organization token', keywords: ['api_org_'], regex: tok('api_org_[A-Za-z]{34}') },
	{ id: 'replicate-api-token', description: 'Replicate API token', keywords: ['r8_'], regex: tok('r8_[A-Za-z0-9]{37}') },
	{ id: 'groq-api-key', description: 'Groq API key', keywords: ['gsk_'], regex: tok('gsk_[A-Za-z0-9]{52}') },
	{ id: 'mistral-api-key', description: 'Mistral AI API key', keywords: ['mistral'], regex: ctx('mistral', '[A-Za-z0-9]{32}'), entropy: 3.5 },
	{ id: 'cohere-api-key', description: 'Cohere API key', keywords: ['cohere'], regex: ctx('cohere', '[A-Za-z0-9]{40}'), entropy: 3.5 },
	{ id: 'perplexity-api-key', description: 'Perplexity API key', keywords: ['pplx-'], regex: tok('pplx-[A-Za-z0-9]{48}') },
	{ id: 'xai-api-key', description: 'xAI API key', keywords: ['xai-'], regex: tok('xai-[A-Za-z0-9]{80}') },
	{ id: 'zhipu-api-key', description: 'Zhipu AI (BigModel, GLM) API key', keywords: ['zhipu', 'bigmodel', 'glm'], regex: ctx('zhipu|bigmodel|glm', '[a-f0-9]{32}\\.[A-Za-z0-9]{16}') },
	{ id: 'moonshot-api-key', description: 'Moonshot AI (Kimi) API key', keywords: ['moonshot', 'kimi'], regex: ctx('moonshot|kimi', 'sk-[A-Za-z0-9]{48}') },
	// --- Formats shared by many services
	{ id: 'jwt', description: 'JSON Web Token', keywords: ['eyj'], regex: tok('eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}'), validate: jwtHeaderDecodes, lead: 0 },
	{ id: 'firebase-cloud-messaging-key', description: 'Firebase Cloud Messaging server key', keywords: [':apa91b'], regex: tok('AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,}') },
	{ id: 'age-secret-key', description: 'age encryption secret key', keywords: ['age-secret-key-1'], regex: /(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/ },
	{ id: '1password-service-account-token', description: '1Password service account token', keywords: ['ops_eyj'], regex: tok('ops_eyJ[A-Za-z0-9+/]{250,}={0,3}') },
	{ id: '1password-secret-key', description: '1Password account secret key', keywords: ['a3-'], regex: tok('A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'), lead: 0 },
	{ id: 'postgres-connection-string', description: 'PostgreSQL URL with a password', keywords: ['postgres'], regex: dbUrl('postgres(?:ql)?'), entropy: 0, lead: 5, check: strongUnlessDocHost },
	{ id: 'mysql-connection-string', description: 'MySQL / MariaDB URL with a password', keywords: ['mysql', 'mariadb'], regex: dbUrl('mysql(?:x)?|mariadb'), entropy: 0, lead: 5, check: strongUnlessDocHost },
	{ id: 'mongodb-connection-string', description: 'MongoDB URL with a password', keywords: ['mongodb'], regex: dbUrl('mongodb(?:\\+srv)?'), entropy: 0, lead: 5, check: strongUnlessDocHost },
	{ id: 'redis-connection-string', description: 'Redis URL with a password', keywords: ['redis'], regex: dbUrl('rediss?'), entropy: 0, lead: 5, check: strongUnlessDocHost },
	{ id: 'amqp-connection-string', description: 'AMQP (RabbitMQ) URL with a password', keywords: ['amqp'], regex: dbUrl('amqps?'), entropy: 0, lead: 5, check: strongUnlessDocHost },
	{ id: 'basic-auth-url', description: 'URL with an embedded user name and password', keywords: ['://'], regex: anyUrl(), entropy: 0, lead: 0, check: strongUnlessDocHost },
	{ id: 'http-authorization-header', description: 'HTTP Authorization header with credentials', keywords: ['authorization'], regex: /authorization["']?[ \t]*[:=,][ \t]*["']?(?:Bearer|Basic|Token)[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/i, lead: 0 },
	// Bearer and Basic credentials without an `Authorization` key: in code (`headers: { x: 'Bearer …' }`),
	// curl lines and configs. A Basic value must decode to `user:password`.
	{ id: 'bearer-token', description: 'Bearer token', keywords: ['bearer'], regex: /(?<![A-Za-z0-9_-])bearer[ \t]+([A-Za-z0-9._~+/-]{20,500}=*)(?![A-Za-z0-9._~+/=-])/i, entropy: 3.5, lead: 0 },
	{ id: 'basic-auth-credentials', description: 'HTTP Basic credentials (base64 user:password)', keywords: ['basic'], regex: /(?<![A-Za-z0-9_-])Basic[ \t]+([A-Za-z0-9+/]{8,300}={0,2})(?![A-Za-z0-9+/=])/, validate: decodesToUserPass, entropy: 2.5, lead: 0 },
	// Docker's config.json `auths` entries: `"auth": "<base64 of user:password>"`.
	{ id: 'docker-config-auth', description: 'Registry credentials in a Docker config (auths)', keywords: ['"auth"'], regex: /"auth"[ \t]*:[ \t]*"([A-Za-z0-9+/]{8,400}={0,2})"/, validate: decodesToUserPass, entropy: 2.5, lead: 0 },
	// Password hashes: offline-crackable, and in shadow files and htpasswd next to the user name.
	{
		id: 'password-hash',
		description: 'Password hash (bcrypt, sha-crypt, argon2, apr1, md5-crypt)',
		keywords: ['$2a$', '$2b$', '$2y$', '$5$', '$6$', '$argon2', '$apr1$', '$1$'],
		regex: /(?<![A-Za-z0-9$])(\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}|\$[56]\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}|\$argon2(?:id|i|d)\$v=[0-9]{1,3}\$m=[0-9]{1,8},t=[0-9]{1,4},p=[0-9]{1,3}\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}|\$(?:apr1|1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22})(?![./A-Za-z0-9$])/,
		entropy: 3,
		lead: 0,
	},
	// JWK private members (RFC 7517/7518): `d`, `p`, `q`, `dp`, `dq`, `qi` (RSA, EC, OKP) and `k` (symmetric),
	// only in an object that has `kty` nearby; public members (`n`, `e`, `x`, `y`) are not secrets.
	{ id: 'jwk-private-key', description: 'JSON Web Key private member', keywords: ['"d"', '"p"', '"q"', '"dp"', '"dq"', '"qi"', '"k"'], regex: /"(?:d|p|q|dp|dq|qi|k)"[ \t]*:[ \t]*"([A-Za-z0-9_-]{16,1400})"/, near: { regex: /"kty"[ \t]*:/, radius: 1500 }, entropy: 3, lead: 0 },
	// NATS NKEY seeds: `S` + the key type (user, account, operator, server, cluster, curve), base32, 58 characters.
	{ id: 'nats-nkey-seed', description: 'NATS NKEY seed', keywords: ['sua', 'saa', 'soa', 'sna', 'sca', 'sxa'], regex: /(?<![A-Z0-9])(S[UAONCX]A[A-Z2-7]{55})(?![A-Za-z0-9])/, entropy: 3, lead: 0 },
	// SQL: `CREATE USER … IDENTIFIED BY 'v'`, `… WITH PASSWORD 'v'`, `ALTER ROLE … PASSWORD 'v'`.
	// Only after `USER`, `ROLE` or `LOGIN` on the line: "a key identified by kid" is prose.
	{ id: 'sql-password', description: 'Password in a SQL statement', keywords: ['identified', 'password'], regex: /(?<=(?:user|role|login)(?![A-Za-z0-9_])[^\n]{1,160})(?:identified[ \t]+by|password)[ \t]+'([^'\s]{4,200})'/i, entropy: 0, lead: 0 },
	// Command lines: `--password=v`, `--password v`, `-Password 'v'`, `--db-token v`, `-passin pass:v`.
	{
		id: 'cli-password-flag',
		description: 'Password or token passed on a command line',
		keywords: ['password', 'passwd', 'passphrase', 'secret', 'token'],
		regex: /(?<=(?<![A-Za-z0-9_-])--?(?:[A-Za-z0-9]{1,20}[_-]){0,3})(?:password|passwd|passphrase|secret|token)(?![A-Za-z0-9_-])(?:[ \t]+|=)(["']?)([^\s"'$%<>{}|;&`\\-][^\s"'<>|;&`\\]{3,200})\1(?=$|[\s;|&)])/i,
		group: 2,
		entropy: 0,
		lead: 0,
	},
	// `mysql -pSECRET` / `mysql -p'SECRET'` (no space: with one, -p prompts) and `sshpass -p SECRET`.
	{ id: 'mysql-cli-password', description: 'Password on a mysql command line', keywords: ['mysql', 'mariadb'], regex: /(?<![A-Za-z0-9_-])(?:mysql|mysqldump|mysqladmin|mariadb)(?![A-Za-z0-9_-])[^\n|;&]{0,100}?[ \t]-p(["']?)([^\s"'$-][^\s"']{2,100})\1(?=$|\s)/i, group: 2, entropy: 0, lead: 0 },
	{ id: 'sshpass-password', description: 'Password on an sshpass command line', keywords: ['sshpass'], regex: /(?<![A-Za-z0-9_-])sshpass[ \t]+-p[ \t]*(["']?)([^\s"'$-][^\s"']{2,100})\1(?=$|\s)/, group: 2, entropy: 0, lead: 0 },
	{ id: 'curl-user-password', description: 'User and password on a curl command line', keywords: ['curl'], regex: /(?<![A-Za-z0-9_-])curl(?![A-Za-z0-9_-])[^\n|;&]{0,200}?[ \t](?:-u|--user)[ \t]*(["']?)[^\s:"'$]{1,100}:([^\s"'@$]{3,200})\1(?=$|\s)/, group: 2, entropy: 0, lead: 0 },
	// Call arguments of well-known login and connect functions: `ftp.login('user', 'v')`, `mysqli_connect(h, u, 'v')`.
	{
		id: 'login-call-password',
		description: 'Password passed to a login or connect call',
		keywords: ['login', 'mysql_connect', 'mysqli', 'new pdo', 'authenticate'],
		regex: /(?:login|mysqli?_connect|mysqli|new[ \t]+PDO|authenticate)[ \t]*\((?:[ \t]*(?:"[^"\n]{0,80}"|'[^'\n]{0,80}'|[A-Za-z0-9_.$]{1,40})[ \t]*,){1,3}[ \t]*(["'])([^"'\s]{4,100})\1[ \t]*[,)]/i,
		group: 2,
		entropy: 0,
		lead: 0,
	},
	{ id: 'sql-identified-by', description: 'Password in a SQL IDENTIFIED BY clause', keywords: ['identified'], regex: /(?<=(?:user|role|login)(?![A-Za-z0-9_])[^\n]{1,160})identified[ \t]+(?:with[ \t]+'?[A-Za-z0-9_]{1,40}'?[ \t]+)?by[ \t]+([A-Za-z0-9!#%*+.\/:=?@^_~-]{4,200})(?=$|[\s;"'\\)])/i, entropy: 0, lead: 0 },
	// Lists of tokens: `"tokens": ["v1", "v2"]` (the first value; one is enough for the file).
	{ id: 'token-list', description: 'List of tokens or keys', keywords: ['tokens', 'api_keys', 'apikeys', 'secrets', 'passwords'], regex: /(?:tokens|api_?keys|secrets|passwords)["']?[ \t]*[:=][ \t]*\[[ \t]*["']([A-Za-z0-9_.~+/=-]{16,200})["']/i, entropy: 3.5, lead: 0 },
];

/**
 * The assignment of a generic rule, after the key name: `k = "v"`, `k: v`, `"k": "v"`, `k=v`, `k := v`,
 * `config["K"] = "v"`, `$k .= "v"`, `k == "v"`, `define('K', 'v')` (a comma: the secrets detector then wants both
 * the key and the value quoted), `<Password>v</Password>` and `#define PASSWORD "v"` (blanks, then a quote), and
 * after a type annotation (`val password: String = "v"`, `passwd: str = "v"`).
 */
const GENERIC_OP = '(?:["\'\\]]{0,2}(?:[ \\t]{0,3}:[ \\t]{0,3}[A-Za-z][A-Za-z0-9_.]{0,30}(?=[ \\t]{0,3}=[^=>]))?[ \\t]{0,3}(?::{1,3}=|=>|\\.=|\\?=|[!=]==?|=|:|,|>)|[ \\t]+(?=["\']))[ \\t]{0,3}';
/** What may follow a generic value: the end, a blank, a closing quote or bracket, a separator, a tag. */
const GENERIC_END = '(?=$|[\\s"\'`;,)\\]}<&])';

/**
 * Generic assignment rules: a secret-looking key name, an assignment and a literal value. Groups: 1 the rest of
 * the key name, 2 the opening quote, 3 the value (the secrets detector relies on this shape).
 *
 * Key names (case-insensitive, any separator style, prefixed and suffixed: `DB_PASS`, `smtpPassword`,
 * `X-Api-Key`, `MYSQLPASS`): the short words (`pass`, `pw`, `pwd`, `pswd`, `auth`) must stand as a word of the
 * key name (see `secretKeyName` in secrets.ts), so `compass`, `bypass`, `author` and `passthrough` are not keys.
 */
export const GENERIC_RULES: readonly SecretRule[] = [
	{
		id: 'generic-password',
		description: 'Password assigned in code or configuration',
		keywords: ['password', 'passwd', 'passphrase', 'passcode', 'passwort', 'pass', 'pswd', 'pwd', 'pw'],
		lead: 0,
		regex: new RegExp(`(?:passw(?:or)?d|passphrase|passcode|passwort|pass|pswd|pwd|pw)([A-Za-z0-9_.-]{0,20})${GENERIC_OP}(["'\`]?)([^\\s"'\`;,)\\]}<>]{6,200})\\2${GENERIC_END}`, 'i'),
		group: 3,
		generic: true,
		entropy: 2.5,
	},
	{
		id: 'generic-secret',
		description: 'Secret, token or API key assigned in code or configuration',
		keywords: ['secret', 'token', 'api_key', 'apikey', 'api-key', 'api.key', 'access_key', 'accesskey', 'access-key', 'access.key', 'auth_key', 'authkey', 'auth-key', 'auth.key', 'credential', 'private_key', 'privatekey', 'private-key', 'consumer_key', 'consumerkey', 'oauth', 'auth'],
		lead: 0,
		regex: new RegExp(`(?:secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|credentials?|private[_.-]?key|consumer[_.-]?key|oauth|auth)([A-Za-z0-9_.-]{0,20})${GENERIC_OP}(["'\`]?)([^\\s"'\`;,)\\]}<>]{10,200})\\2${GENERIC_END}`, 'i'),
		group: 3,
		generic: true,
		entropy: 3.5,
	},
];

/** Every secret rule, provider rules first. */
export const SECRET_RULES: readonly SecretRule[] = [...PROVIDER_RULES, ...GENERIC_RULES];
