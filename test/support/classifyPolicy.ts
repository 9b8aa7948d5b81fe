/** A complete policy for classification tests, with every detector family on. */
import type { Policy } from '../../src/core/policy/schema';

export function testPolicy(overrides: Partial<Policy> = {}): Policy {
	return {
		version: 1,
		name: 'classify-test',
		pathRules: [],
		content: {
			maxFileSizeBytes: 2 * 1024 * 1024,
			detectors: {
				secrets: { enabled: true, level: 'restricted' },
				privateKeys: { enabled: true, level: 'restricted' },
				pii: { enabled: true, level: 'confidential' },
				markers: { enabled: true, level: 'confidential' },
				patterns: { enabled: true, level: 'internal' },
			},
			markers: [],
			patterns: [],
		},
		workspace: { restrictedAt: 'confidential', sensitiveLevel: 'confidential' },
		assistants: { allow: [], block: [], restrictedAction: 'warn', allowedDestinations: ['*'], unrecognised: 'ignore' },
		mcp: { allow: [], block: [], allowedDestinations: ['*'], restrictedAction: 'warn' },
		overrides: { allowWorkspaceLayers: true, exceptions: { allowed: true, maxDays: 30, requireReason: true }, pause: { allowed: false } },
		exceptions: [],
		...overrides,
	};
}
