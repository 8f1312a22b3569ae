/** What the CLI prints: progress lines (redrawn with \r on a terminal, plain lines otherwise) and tables. */

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

/** One progress line: redrawn in place on a TTY; elsewhere printed only when its text changes. */
export class ProgressLine {
  private last = '';
  private open = false;

  constructor(private readonly out: Stream) {}

  update(text: string): void {
    if (text === this.last) return;
    this.last = text;
    if (this.out.isTTY) {
      const width = (this.out.columns ?? 100) - 1;
      this.out.write(`\r${text.slice(0, width).padEnd(Math.min(width, Math.max(text.length, this.lastWidth)))}`);
      this.lastWidth = Math.min(width, text.length);
      this.open = true;
    } else this.out.write(`${text}\n`);
  }

  /** Ends the line (a TTY's cursor moves on). */
  done(): void {
    if (this.open) this.out.write('\n');
    this.open = false;
    this.last = '';
    this.lastWidth = 0;
  }

  private lastWidth = 0;
}

/** A plain text table: a header row, then rows; columns padded to their widest cell. */
export function table(header: string[], rows: unknown[][]): string {
  const cells = [header, ...rows.map((r) => r.map(cell))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

export function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNumber(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const formatNumber = (n: number): string =>
  Math.abs(n) >= 1000 || n === 0 ? String(Math.round(n * 1000) / 1000) : n.toPrecision(4);

/** Metrics as `name=value` pairs (numbers only; a confusion matrix and the like stay out). */
export function metricsLine(metrics: Record<string, unknown> | null | undefined): string {
  if (!metrics) return '-';
  return (
    Object.entries(metrics)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k}=${formatNumber(v as number)}`)
      .join(' ') || '-'
  );
}

export function bytes(n: number | undefined): string {
  if (n === undefined) return '-';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
