/** How the Jobs and System pages write times, durations and outcomes. */
import type { JobRow } from './job-rows';

/** A duration for people: `850 ms`, `12.4 s`, `3 min 05 s`, `2 h 03 min`; `—` when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.floor(seconds)} s`;
  const totalSeconds = Math.floor(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * How long a job has trained: start to end, or to `now` while it runs. A job that never started (queued, or
 * cancelled in the queue) has no duration.
 */
export function jobDurationMs(row: Pick<JobRow, 'startedAt' | 'finishedAt' | 'status'>, now: number): number | null {
  if (!row.startedAt) return null;
  const start = Date.parse(row.startedAt);
  const end = row.finishedAt ? Date.parse(row.finishedAt) : row.status === 'running' || row.status === 'pending' ? now : NaN;
  const ms = end - start;
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** A timestamp as `2026-05-04 13:07:21` in the given time zone offset (minutes east of UTC; the browser's by default). */
export function formatTimestamp(iso: string | null | undefined, offsetMinutes = -new Date().getTimezoneOffset()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '—';
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** How long ago, for short labels: `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  if (ms < 5000) return 'just now';
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s ago`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 172_800_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
}

export type CancelOutcome = 'cancelled' | 'already_final' | 'not_found';

/** One job's answer to a bulk cancel, in words. */
export function describeCancelOutcome(outcome: CancelOutcome, status: string | null): string {
  switch (outcome) {
    case 'cancelled':
      return status === 'running' ? 'cancel sent: the trainer stops it at its next step' : 'cancelled';
    case 'already_final':
      return `not cancelled: it had already ended (${status ?? 'final'})`;
    case 'not_found':
      return 'not cancelled: no such job';
    default: {
      const never: never = outcome;
      return String(never);
    }
  }
}

/**
 * The wait before reconnecting a dropped stream: doubling from `baseMs` up to `maxMs`, with up to 20 % jitter
 * taken off (`random` in [0, 1)) so many pages do not reconnect in step.
 */
export function backoffMs(attempt: number, random = 0, baseMs = 500, maxMs = 15_000): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(plain * (1 - 0.2 * random));
}
