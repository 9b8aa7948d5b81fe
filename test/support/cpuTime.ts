/** CPU time (user + system) of this process in milliseconds: steadier than wall time on a shared, loaded machine. */
export function cpuMs<T>(fn: () => T): { ms: number; value: T } {
	const t0 = process.cpuUsage();
	const value = fn();
	const d = process.cpuUsage(t0);
	return { ms: (d.user + d.system) / 1000, value };
}
