/**
 * The app's main-thread garbage-collection pauses between two scrapes of its GET /metrics (prom-client's
 * nodejs_gc_duration_seconds, from node's perf_hooks 'gc' entries): how many, how long in all, how many over 10 ms.
 * A pause stops the one thread that parses a chunk, checks it, answers it and projects its event, so a long one lands
 * in the chunk-ack tail. The worker thread's pauses are not in it.
 */
import { between, HistogramReading, readHistogram } from '../support/prometheus-histogram';

const KINDS = ['major', 'minor', 'incremental'] as const;
type Kind = (typeof KINDS)[number];
export type GcReading = Record<Kind, HistogramReading>;
export type GcTotals = Record<Kind, { count: number; seconds: number; over10ms: number }>;

export const noGc = (): GcTotals => ({
  major: { count: 0, seconds: 0, over10ms: 0 },
  minor: { count: 0, seconds: 0, over10ms: 0 },
  incremental: { count: 0, seconds: 0, over10ms: 0 },
});

/** The app's GC histograms now; null when its /metrics cannot be read (the line is then left out). */
export async function scrapeGc(url: string): Promise<GcReading | null> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    return Object.fromEntries(KINDS.map((k) => [k, readHistogram(text, 'nodejs_gc_duration_seconds', `kind="${k}"`)])) as GcReading;
  } catch {
    return null;
  }
}

/** Adds the pauses between `before` and `after` to `totals`. */
export function addGc(totals: GcTotals, before: GcReading | null, after: GcReading | null): void {
  if (!before || !after) return;
  for (const kind of KINDS) {
    const d = between(before[kind], after[kind]);
    const upTo10ms = d.buckets.find(([le]) => le >= 0.01)?.[1] ?? d.count;
    totals[kind].count += d.count;
    totals[kind].seconds += d.sum;
    totals[kind].over10ms += d.count - upTo10ms;
  }
}

/** "major 14 (282 ms, 9 over 10 ms), …; 3.1 ms per MiB". */
export function gcLine(totals: GcTotals, mib: number): string {
  const all = KINDS.reduce((s, k) => s + totals[k].seconds, 0);
  const kinds = KINDS.map((k) => `${k} ${totals[k].count} (${(totals[k].seconds * 1000).toFixed(0)} ms, ${totals[k].over10ms} over 10 ms)`);
  return `  app main-thread GC pauses: ${kinds.join(', ')}; ${mib > 0 ? ((all * 1000) / mib).toFixed(1) : '—'} ms per MiB`;
}
