// What the runner tells the suites about the current run (fixture, trust, settings), through the
// extension host's environment. Suites use it to know what to expect.

export interface RunConfig {
	/** Name of the run in suites.json, e.g. `basic-trusted`. */
	name: string;
	/** Fixture folder under test/fixtures/workspaces, opened (as a temp copy) as the workspace. */
	fixture: string;
	/** false: the workspace opens untrusted (Restricted Mode). */
	trusted: boolean;
	/** User settings the run wrote before starting the editor. */
	settings: Record<string, unknown>;
}

/** The run config the runner passed in `CW_TEST_RUN`; throws when the suites run outside the runner. */
export function runConfig(): RunConfig {
	const raw = process.env.CW_TEST_RUN;
	if (!raw) {
		throw new Error('CW_TEST_RUN is not set: run the suites with test/support/runIntegration.mjs');
	}
	return JSON.parse(raw) as RunConfig;
}

/** Matches suite base names (`activation` for activation.test.ts) against `CW_TEST_SUITES` (comma-separated globs). */
export function suiteFilter(): (name: string) => boolean {
	const globs = (process.env.CW_TEST_SUITES ?? '*')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const patterns = globs.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
	return (name) => patterns.some((p) => p.test(name));
}
