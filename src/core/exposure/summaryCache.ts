/**
 * The workspace summary computed once per change: the index hands the same summary to the status bar, governance,
 * the audit and the hooks until a classification or the policy changes.
 */
import type { FileClassification } from '../classify/types';
import type { Policy } from '../policy/schema';
import { summarizeWorkspace, type WorkspaceSummary } from './summary';

/**
 * Caches `summarizeWorkspace` over a set of classifications. It is computed lazily, on the first `get()` after
 * `invalidate()` or `setPolicy()`, so a burst of changes costs one summary, and only if someone asks.
 */
export class SummaryCache {
	private policy: Policy | undefined;
	private cached: WorkspaceSummary | undefined;

	/** @param files every classification of the workspace, read afresh on each computation */
	constructor(private readonly files: () => Iterable<FileClassification>) {}

	/** The policy whose sensitive level and restriction threshold the summary applies; drops the cached summary. */
	setPolicy(policy: Policy): void {
		this.policy = policy;
		this.cached = undefined;
	}

	/** A classification was added, changed or removed: the next `get()` recomputes. */
	invalidate(): void {
		this.cached = undefined;
	}

	/** The summary of the current classifications under the current policy; undefined before any policy. */
	get(): WorkspaceSummary | undefined {
		if (!this.policy) {
			return undefined;
		}
		this.cached ??= summarizeWorkspace(this.policy, this.files());
		return this.cached;
	}
}

/**
 * A Map that reports every mutation (`set`, `delete`, `clear`), so a cache derived from its contents cannot miss
 * one, whichever code path makes it.
 */
export class InvalidatingMap<K, V> extends Map<K, V> {
	private readonly onMutate: () => void;

	constructor(onMutate: () => void) {
		super();
		this.onMutate = onMutate;
	}

	override set(key: K, value: V): this {
		super.set(key, value);
		this.onMutate();
		return this;
	}

	override delete(key: K): boolean {
		const deleted = super.delete(key);
		if (deleted) {
			this.onMutate();
		}
		return deleted;
	}

	override clear(): void {
		const had = this.size > 0;
		super.clear();
		if (had) {
			this.onMutate();
		}
	}
}
