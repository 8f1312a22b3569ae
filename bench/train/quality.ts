/**
 * Time to quality, as pure functions over the traces the sides report: the quality target is fixed per
 * family and dataset from scikit-learn's converged validation metric (99% of its accuracy, or 101% of
 * its RMSE), and a run's time to quality is the wall time, from the start of its fit, of the first
 * validation result that meets it.
 */

export type MetricName = 'accuracy' | 'rmse';

/** [seconds since the fit started, validation metric] after an epoch, an iteration or a batch of trees. */
export type TracePoint = [seconds: number, metric: number];

/** One seed's fit, as every side reports it. */
export interface SeedRun {
  seed: number;
  trace: TracePoint[];
  /** The validation metric of the fitted model. */
  final: number;
  /** Wall time of the whole fit. */
  fitSeconds: number;
  /** CPU time of the process over the fit, every thread (steadier than wall time on a shared machine). */
  fitCpuSeconds: number;
  /** Training rows ÷ training wall time of each epoch (networks; empty otherwise). */
  epochRowsPerSecond: number[];
  /** Why the fit ended: epochs, plateau, time cap, converged. */
  stopped: string;
  /** Fits of this seed timed (the one reported has the median fit time). */
  repeats?: number;
}

export const metricOf = (problem: 'classification' | 'regression'): MetricName => (problem === 'classification' ? 'accuracy' : 'rmse');

/** The fixed target of a family on a dataset: 99% of the reference accuracy, or at most 101% of its RMSE. */
export function qualityTarget(metric: MetricName, reference: number): number {
  return metric === 'accuracy' ? 0.99 * reference : 1.01 * reference;
}

export function meetsTarget(metric: MetricName, value: number, target: number): boolean {
  return metric === 'accuracy' ? value >= target : value <= target;
}

/** Seconds until the trace first meets the target, or null when it never does. */
export function timeToQuality(trace: readonly TracePoint[], metric: MetricName, target: number): number | null {
  const hit = trace.find(([, value]) => meetsTarget(metric, value, target));
  return hit ? hit[0] : null;
}

/** The median (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Of one seed's repeated fits, the one whose fit time is the median (the lower middle of an even count). */
export function medianRun(repeats: readonly SeedRun[]): SeedRun {
  if (repeats.length === 0) throw new Error('no fit to choose from');
  const sorted = [...repeats].sort((a, b) => a.fitSeconds - b.fitSeconds);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export interface SideSummary {
  seeds: number;
  /** Median over seeds (a seed that never met the target counts as infinitely slow); null when the median did not meet it. */
  timeToQuality: number | null;
  /** Seeds that met the target. */
  reached: number;
  final: number;
  fitSeconds: number;
  fitCpuSeconds: number;
  /** Median over every epoch of every seed (networks). */
  rowsPerSecond: number | null;
  stopped: string[];
}

export function summarize(runs: readonly SeedRun[], metric: MetricName, target: number | null): SideSummary {
  const times = target === null ? [] : runs.map((r) => timeToQuality(r.trace, metric, target) ?? Infinity);
  const ttq = median(times);
  const rates = runs.flatMap((r) => r.epochRowsPerSecond);
  return {
    seeds: runs.length,
    timeToQuality: Number.isFinite(ttq) ? ttq : null,
    reached: times.filter(Number.isFinite).length,
    final: median(runs.map((r) => r.final)),
    fitSeconds: median(runs.map((r) => r.fitSeconds)),
    fitCpuSeconds: median(runs.map((r) => r.fitCpuSeconds)),
    rowsPerSecond: rates.length ? median(rates) : null,
    stopped: [...new Set(runs.map((r) => r.stopped))],
  };
}

/**
 * The harness's stop rule, the same on every side (peer.py's Stopper mirrors it): after an epoch, stop
 * when the fit has run past the time cap, or (patience > 0) when the validation metric has not improved
 * for `patience` epochs.
 */
export class StopRule {
  private best: number | null = null;
  private since = 0;
  reason: string | null = null;

  constructor(
    private readonly metric: MetricName,
    private readonly capSeconds: number,
    private readonly patience: number,
  ) {}

  /** Records an epoch's validation metric; returns whether to stop. */
  afterEpoch(elapsedSeconds: number, value: number): boolean {
    if (this.improves(value)) {
      this.best = value;
      this.since = 0;
    } else this.since++;
    if (elapsedSeconds > this.capSeconds) this.reason = 'time cap';
    else if (this.patience > 0 && this.since >= this.patience) this.reason = 'plateau';
    return this.reason !== null;
  }

  private improves(value: number): boolean {
    if (this.best === null) return true;
    return this.metric === 'accuracy' ? value > this.best + 1e-4 : value < this.best * (1 - 1e-4);
  }
}
