// Small statistics for the benchmark: percentiles and sliding-window counts.

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Most events in any half-open span (t - windowMs, t], FedEx's reading of "N per 10 seconds". */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[lo] as number) <= (sorted[hi] as number) - windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

/** Shortest time spanned by `count` consecutive events (Infinity when there are fewer). */
export function shortestSpan(times: readonly number[], count: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let shortest = Infinity;
  for (let i = 0; i + count - 1 < sorted.length; i++) shortest = Math.min(shortest, (sorted[i + count - 1] as number) - (sorted[i] as number));
  return shortest;
}

export const round = (value: number, digits = 0): number => {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
