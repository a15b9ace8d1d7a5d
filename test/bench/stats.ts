// Small statistics helpers for benchmarks: percentiles, and "median of runs" as every figure is reported.
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** Runs `once` after `warmups` discarded runs, `runs` times, and returns each run's result. */
export async function repeat<T>(runs: number, warmups: number, once: () => Promise<T> | T): Promise<T[]> {
  for (let i = 0; i < warmups; i++) await once();
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
