/**
 * What the Job page draws, computed from the job's live status (JobStatusView, per-job SSE) and its history
 * (JobHistoryDetail: transitions, per-epoch metrics, settings, result): curves per epoch, the stage timeline,
 * the confusion matrix's shading, the column profile, the regression summary and advice after a failure. Pure.
 */
import type { JobHistoryDetail, JobStatus } from '@sdk/types';

export interface Point {
  x: number;
  y: number;
}
export interface Series {
  name: string;
  points: Point[];
}

/** Per-epoch metrics as curves: losses on one chart, the other validation metrics on another. */
export function epochCurves(epochs: JobHistoryDetail['epochs']): { loss: Series[]; metrics: Series[] } {
  const byName = new Map<string, Point[]>();
  for (const e of [...epochs].sort((a, b) => a.epoch - b.epoch)) {
    for (const [name, value] of Object.entries(e.metrics)) {
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const points = byName.get(name) ?? [];
      if (points.length === 0) byName.set(name, points);
      points.push({ x: e.epoch, y: value });
    }
  }
  const series = [...byName].map(([name, points]) => ({ name, points }));
  const isLoss = (s: Series) => /loss/i.test(s.name);
  const order = (a: Series, b: Series) => (a.name === 'loss' ? -1 : b.name === 'loss' ? 1 : a.name.localeCompare(b.name));
  return { loss: series.filter(isLoss).sort(order), metrics: series.filter((s) => !isLoss(s)).sort(order) };
}

/** The stages a training goes through, in order (the status view's `stage`). */
export const STAGES = [
  'uploading',
  'queued',
  'starting',
  'loading',
  'preprocessing',
  'training',
  'evaluating',
  'registering',
  'done',
] as const;

export interface TimelineStep {
  stage: string;
  /** When it began, when known (from the job's timestamps or seen live on this page). */
  at?: string;
  state: 'done' | 'current' | 'todo' | 'failed' | 'cancelled';
}

/**
 * The stage timeline. `seen` holds the time each stage was first seen live (its status's updatedAt); the job's own
 * timestamps give the rest: created (uploading), requested (queued), started (starting), finished (done).
 */
export function stageTimeline(
  job: Pick<JobStatus, 'stage' | 'status' | 'createdAt' | 'requestedAt' | 'startedAt' | 'finishedAt'>,
  seen: Record<string, string> = {},
): TimelineStep[] {
  const known: Record<string, string | null | undefined> = {
    uploading: job.createdAt,
    queued: job.requestedAt,
    starting: job.startedAt,
    done: job.status === 'completed' ? job.finishedAt : undefined,
  };
  const stages: string[] = [...STAGES];
  const current = job.stage ?? (job.status === 'completed' ? 'done' : job.status === 'pending' ? 'queued' : undefined);
  if (current && !stages.includes(current)) stages.splice(stages.length - 1, 0, current);
  const at = current ? stages.indexOf(current) : -1;
  const final = job.status === 'failed' || job.status === 'cancelled';
  return stages.flatMap((stage, i): TimelineStep[] => {
    const time = seen[stage] ?? known[stage] ?? undefined;
    let state: TimelineStep['state'] = i < at ? 'done' : i === at ? 'current' : 'todo';
    if (job.status === 'completed') state = 'done';
    else if (final && i === at) state = job.status as 'failed' | 'cancelled';
    // a stage never reached by a job that ended is left out, past ones skipped without a trace are shown as passed
    if (final && i > at) return [];
    if (stage === 'done' && final) return [];
    return [{ stage, at: time ?? undefined, state }];
  });
}

/** Records the first time each stage is seen in a stream of statuses (for the timeline). */
export function noteStage(seen: Record<string, string>, status: Pick<JobStatus, 'stage' | 'updatedAt'>): Record<string, string> {
  if (!status.stage || seen[status.stage]) return seen;
  return { ...seen, [status.stage]: status.updatedAt };
}

/** Cells of a confusion matrix (rows: true class, columns: predicted) with each cell's share of its row for shading. */
export function confusionCells(matrix: number[][]): { count: number; share: number }[][] {
  return matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count) => ({ count, share: total ? count / total : 0 }));
  });
}

/** A shade of blue for a share 0..1, and a text colour that stays readable on it. */
export function heatStyle(share: number): { background: string; color: string } {
  const s = Math.max(0, Math.min(1, share));
  const light = Math.round(97 - s * 55); // 97% (almost white) .. 42%
  return { background: `hsl(217 91% ${light}%)`, color: light < 62 ? '#fff' : '#111827' };
}

export interface ColumnRow {
  name: string;
  role: string;
  kind: string;
  missing?: number;
  levels?: number;
  note?: string;
}

/** The trainer's column roles (result.columns, or the started settings' columns) as table rows. */
export function columnRows(columns: unknown): ColumnRow[] {
  if (!Array.isArray(columns)) return [];
  return columns.flatMap((c: Record<string, unknown>): ColumnRow[] => {
    if (!c || typeof c.name !== 'string' || typeof c.role !== 'string') return [];
    const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
    switch (c.role) {
      case 'target':
        return [{ name: c.name, role: 'target', kind: String(c.kind ?? ''), missing: n(c.missing), levels: n(c.classes) }];
      case 'numeric':
        return [{ name: c.name, role: 'feature', kind: 'numeric', missing: n(c.missing) }];
      case 'categorical':
        return [{ name: c.name, role: 'feature', kind: 'categorical', missing: n(c.missing), levels: n(c.levels) }];
      case 'ignored':
        return [{ name: c.name, role: 'ignored', kind: '—', note: typeof c.reason === 'string' ? c.reason : undefined }];
      default:
        return [{ name: c.name, role: c.role, kind: String(c.kind ?? '—') }];
    }
  });
}

/** A metric for people: 4 significant digits, integers as they are. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) < 1e-3) return value.toExponential(2); // 6.41e-6, not 0.000006412
  return Math.abs(value) >= 1000 ? value.toFixed(1) : Number(value.toPrecision(4)).toString();
}

/** What a regression's final metrics say about predicted vs actual values, in words. */
export function regressionSummary(metrics: Record<string, number | null | undefined>): string[] {
  const lines: string[] = [];
  const { mae, rmse, r2 } = metrics;
  if (typeof r2 === 'number') {
    lines.push(
      `R² ${formatMetric(r2)}: the predictions explain ${Math.max(0, Math.round(r2 * 100))}% of the target's variance on the validation rows` +
        (r2 < 0 ? ' — worse than always predicting the mean.' : '.'),
    );
  }
  if (typeof mae === 'number') lines.push(`A prediction is off by ${formatMetric(mae)} on average (mean absolute error).`);
  if (typeof rmse === 'number' && typeof mae === 'number' && mae > 0) {
    const ratio = rmse / mae;
    lines.push(
      `RMSE ${formatMetric(rmse)} is ${ratio.toFixed(2)}× the MAE: ${ratio > 1.5 ? 'a few rows are predicted far off (large residuals dominate).' : 'the errors are fairly even across rows.'}`,
    );
  }
  return lines;
}

/** What to do after a job failed, from the stage it failed in (the error itself says what went wrong). */
export function failureAdvice(stage: string | null | undefined, error: string | null | undefined): string {
  const e = (error ?? '').toLowerCase();
  if (/target/.test(e)) return 'Pick another target column (or fix its values) on the Train page and train again.';
  if (stage === 'uploading' || stage === 'loading')
    return 'Upload the file again (a stored dataset may have been deleted), then train again.';
  if (stage === 'preprocessing')
    return 'Check the preview on the Train page: the target and feature columns need values to train on. Fix the CSV and train again.';
  if (stage === 'training') return 'Train again with a smaller learningRate, fewer epochs or a simpler model family.';
  if (stage === 'registering') return 'The model could not be registered (MLflow): check the System page, then train again.';
  return 'Train again from the Train page; if it fails the same way, check the System page for a service that is down.';
}
