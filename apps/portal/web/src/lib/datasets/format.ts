/** How the datasets pages write sizes, counts, dates and hyperparameters: short, and the same everywhere. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in the largest unit that keeps the number ≥ 1 (1024-based), e.g. 13478 → "13.2 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  const digits = value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A count with thousands separators, e.g. 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "344 rows" / "1 row". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** `part` as a share of `whole`: "3.2%", two decimals under 1% ("0.58%"), "<0.01%" for a trace; "" without a whole. */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0) || !Number.isFinite(part)) return '';
  const pct = (100 * part) / whole;
  if (pct > 0 && pct < 0.01) return '<0.01%';
  return `${pct.toFixed(pct < 1 ? 2 : 1)}%`;
}

/** An ISO time as "2026-11-30 12:00" in UTC (the same for every reader of a screenshot or a bug report). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A metric value: 4 significant digits, no trailing noise. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Number(value.toPrecision(4)).toString();
}

/** Hyperparameters as "learningRate 0.01 · epochs 5", in the order given; "defaults" when there are none. */
export function formatParams(params: Record<string, unknown> | null | undefined): string {
  const entries = Object.entries(params ?? {});
  if (entries.length === 0) return 'defaults';
  return entries.map(([name, value]) => `${name} ${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`).join(' · ');
}
