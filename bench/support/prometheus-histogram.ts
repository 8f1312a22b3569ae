/**
 * A Prometheus histogram read from an app's GET /metrics text, so a bench can say where an app's time went between
 * two scrapes: the counts per bucket (`le`), their sum, and a quantile interpolated within its bucket, as
 * Prometheus's histogram_quantile does.
 */
export interface HistogramReading {
  /** Cumulative counts by upper bound (seconds), ascending, +Inf last. */
  buckets: Array<[le: number, count: number]>;
  count: number;
  sum: number;
}

/** The series of `name` whose labels include `labels` (e.g. `outcome="ok"`); empty when the app has none yet. */
export function readHistogram(text: string, name: string, labels = ''): HistogramReading {
  const buckets: Array<[number, number]> = [];
  let count = 0;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || !line.includes(labels)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith(`${name}_bucket`)) {
      const le = /le="([^"]+)"/.exec(line)?.[1];
      buckets.push([le === '+Inf' ? Infinity : Number(le), value]);
    } else if (line.startsWith(`${name}_count`)) count = value;
    else if (line.startsWith(`${name}_sum`)) sum = value;
  }
  return { buckets: buckets.sort((a, b) => a[0] - b[0]), count, sum };
}

/** What was observed between two readings of one histogram. */
export function between(before: HistogramReading, after: HistogramReading): HistogramReading {
  const earlier = new Map(before.buckets);
  return {
    buckets: after.buckets.map(([le, n]) => [le, n - (earlier.get(le) ?? 0)]),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/** The q-quantile in seconds (linear within its bucket; the largest finite bound for the +Inf bucket). */
export function quantile(h: HistogramReading, q: number): number {
  if (h.count === 0) return NaN;
  const rank = q * h.count;
  let lower = 0;
  let below = 0;
  for (const [le, n] of h.buckets) {
    if (n >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, n - below);
    }
    lower = le;
    below = n;
  }
  return lower;
}
