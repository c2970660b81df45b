/** The p-th percentile (0-100) of values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** p50, p95, p99 and max of a list of durations in ms, as one line. */
export function summary(values: readonly number[]): { p50: number; p95: number; p99: number; max: number; line: string } {
  const sorted = [...values].sort((a, b) => a - b);
  const [p50, p95, p99, max] = [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.at(-1) ?? Number.NaN];
  const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : "-");
  return { p50, p95, p99, max, line: `p50 ${f(p50)} ms, p95 ${f(p95)} ms, p99 ${f(p99)} ms, max ${f(max)} ms` };
}

/** Runs `work` over items with at most `concurrency` at a time. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** mulberry32: a seeded PRNG, so two runs transfer the same cases to the same bodies. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
