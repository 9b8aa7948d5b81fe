/**
 * The hook's hard time budget. An agent waits for the hook with its own timeout and most agents proceed when it
 * passes, so a hook that stalls fails open. Every phase runs against one deadline:
 * - synchronous work (compiling the policy's regexes, classifying content, walking the workspace, analysing
 *   the command) runs under `vm`'s watchdog, which interrupts JavaScript, a running regex included;
 * - asynchronous work (reading the policy layers) is raced against the time left;
 * - blocking system calls are avoided instead (files are opened non-blocking: see regularFile.ts).
 * When the budget runs out the caller answers ask, or deny where the agent cannot ask: never silence.
 */
import * as vm from 'node:vm';

/** The whole hook, from start to answer, in milliseconds. */
export const HOOK_BUDGET_MS = 2000;

/** Thrown (and caught by the hook) when the budget runs out. */
export class BudgetExceeded extends Error {
	constructor(readonly phase: string) {
		super(`the hook's time budget ran out while ${phase}`);
	}

	static is(err: unknown): err is BudgetExceeded {
		return err instanceof BudgetExceeded;
	}
}

export class Budget {
	private readonly deadline: number;
	private context: vm.Context | undefined;

	constructor(
		readonly ms: number,
		private readonly now: () => number = () => performance.now(),
	) {
		this.deadline = now() + ms;
	}

	/** Milliseconds left, never below 0. */
	left(): number {
		return Math.max(0, this.deadline - this.now());
	}

	/** Runs synchronous work; interrupts it (and throws BudgetExceeded) when the budget runs out. */
	run<T>(phase: string, fn: () => T): T {
		const left = Math.floor(this.left());
		if (left <= 0) {
			throw new BudgetExceeded(phase);
		}
		this.context ??= vm.createContext({});
		const ctx = this.context as { fn?: () => T };
		ctx.fn = fn;
		try {
			return vm.runInContext('fn()', this.context, { timeout: left }) as T;
		} catch (err) {
			if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
				throw new BudgetExceeded(phase);
			}
			throw err;
		} finally {
			ctx.fn = undefined;
		}
	}

	/** Awaits asynchronous work for at most the time left; throws BudgetExceeded after that. */
	async race<T>(phase: string, work: Promise<T>): Promise<T> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new BudgetExceeded(phase)), this.left());
		});
		try {
			return await Promise.race([work, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}
}
