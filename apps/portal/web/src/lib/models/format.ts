/** How the Models and Predict pages print sizes, durations, times and probabilities. */

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Milliseconds: `0.8 ms`, `12 ms`, `1.4 s`; a dash when unknown. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 10) return `${Number(ms.toFixed(1))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** An ISO time as `2024-05-01 13:02` (UTC, the same on every screen); a dash when missing. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A probability as a percent with one decimal: `87.5%`. */
export function formatPercent(p: number): string {
  return `${Number((p * 100).toFixed(1))}%`;
}

/** The error share of a version's requests: `2 (1.5%)`, or `0`. */
export function formatErrors(errors: number, requests: number): string {
  if (!errors) return '0';
  return requests > 0 ? `${errors} (${formatPercent(errors / requests)})` : String(errors);
}
