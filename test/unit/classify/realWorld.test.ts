// Lines from a real tree that were once reported as secrets must stay quiet, and the filters that quieted them
// must not swallow real credentials of the same shapes.
import * as assert from 'node:assert/strict';
import { compileClassifier } from '../../../src/core/classify/classifier';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaultPolicy';
import { REAL_WORLD_NEAR_MISSES } from '../../support/genCorpus';

const { classifier } = compileClassifier(DEFAULT_POLICY);
const secrets = (line: string): string[] =>
	classifier
		.classifyText('src/sample.ts', `${line}\n`)
		.reasons.filter((r) => r.kind === 'secret')
		.map((r) => r.rule);

describe('secrets on real-world code', () => {
	for (const line of REAL_WORLD_NEAR_MISSES) {
		it(`stays quiet on ${JSON.stringify(line.trim().slice(0, 70))}`, () => {
			assert.deepEqual(secrets(line), []);
		});
	}

	const positives: [string, string][] = [
		['const db = "postgres://app:s3cr3tP4ssw0rd@db.internal.acme.io:5432/app";', 'postgres-connection-string'],
		["proxy: 'https://deploy:Zq9xLm2pQ7@registry.acme.io/npm/'", 'basic-auth-url'],
		["const u = new URL('https://svc:Zq9xLm2pQ7@example.company.com/');", 'basic-auth-url'],
		['DB_PASSWORD=Zq9xLm2p#Q7v', 'generic-password'],
		['"client_secret": "8fJ2kLq9ZxP4mN7vR3tW6yB1"', 'generic-secret'],
		['  const apiToken = "Tq7ZmXr4Lp9VbN2cKw8H";\\n', 'generic-secret'],
	];
	for (const [line, rule] of positives) {
		it(`still finds ${rule} in ${JSON.stringify(line.slice(0, 60))}`, () => {
			assert.deepEqual(secrets(line), [rule]);
		});
	}
});
