/**
 * What the bench prints: a block per family and dataset as soon as its sides finished (each side's
 * time to quality, fit time, final metric, peak RSS, rows/s per epoch, load + preprocessing, then ours ÷
 * each peer), and at the end the same figures as Markdown tables for the README.
 */
import type { ModelType } from '@modelstream/contracts';
import type { DatasetName } from './datasets';
import { median, type MetricName, qualityTarget, type SideSummary, summarize } from './quality';
import type { SideReport } from './sides';

export interface Comparison {
  family: ModelType;
  dataset: DatasetName;
  metric: MetricName;
  /** scikit-learn's median final metric, when it ran. */
  reference: number | null;
  target: number | null;
  sides: SideReport[];
}

export function compare(family: ModelType, dataset: DatasetName, metric: MetricName, sides: SideReport[]): Comparison {
  const sklearn = sides.find((s) => s.name === 'sklearn' && s.runs.length);
  const reference = sklearn ? median(sklearn.runs.map((r) => r.final)) : null;
  return { family, dataset, metric, reference, target: reference === null ? null : qualityTarget(metric, reference), sides };
}

const fmt = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** Seconds: three decimals under a tenth of a second, two above. */
const secs = (n: number | null | undefined): string => fmt(n, n !== null && n !== undefined && Math.abs(n) < 0.1 ? 3 : 2);
const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
  a === null || a === undefined || b === null || b === undefined || !(b > 0) || !Number.isFinite(a) ? '—' : `${fmt(a / b)}×`;
const metricText = (metric: MetricName, v: number | null | undefined): string => fmt(v, metric === 'accuracy' ? 4 : 3);

function sideLabel(side: SideReport): string {
  return side.result?.side ?? (side.name === 'ours' ? 'ours' : side.name === 'sklearn' ? 'scikit-learn' : 'keras');
}

function summaries(c: Comparison): Map<SideReport, SideSummary> {
  return new Map(c.sides.map((s) => [s, summarize(s.runs, c.metric, c.target)]));
}

function ttqText(s: SideSummary, target: number | null): string {
  if (s.seeds === 0 || target === null) return '—';
  return s.timeToQuality === null ? `not met (${s.reached}/${s.seeds})` : `${secs(s.timeToQuality)} s (${s.reached}/${s.seeds})`;
}

/** The block printed when a family's sides on one dataset are done. */
export function formatComparison(c: Comparison, rows: number): string {
  const lines: string[] = [];
  const dims = c.sides.find((s) => s.result)?.result;
  lines.push(
    `== ${c.family} on ${c.dataset} (${rows.toLocaleString('en-US')} rows${dims ? ` → ${dims.inputDim} encoded columns, ${dims.rowsTrain.toLocaleString('en-US')} training rows` : ''})`,
  );
  lines.push(
    c.target === null
      ? `   no target: ${c.sides.some((s) => s.name === 'sklearn') ? 'scikit-learn did not finish' : 'scikit-learn not run'} (time to quality needs its converged metric)`
      : `   target: ${c.metric} ${c.metric === 'accuracy' ? '≥' : '≤'} ${metricText(c.metric, c.target)} (${c.metric === 'accuracy' ? '99' : '101'}% of scikit-learn's ${metricText(c.metric, c.reference)})`,
  );
  const header = [
    'side',
    'time to quality',
    'fit s',
    `final ${c.metric}`,
    'peak RSS MB (base)',
    'rows/s per epoch',
    'load+prep s',
    'stopped by',
  ];
  const table: string[][] = [header];
  const sums = summaries(c);
  for (const side of c.sides) {
    const s = sums.get(side)!;
    if (side.error && !side.runs.length) {
      table.push([sideLabel(side), side.error]);
      continue;
    }
    table.push([
      sideLabel(side),
      ttqText(s, c.target),
      `${secs(s.fitSeconds)} (${secs(s.fitCpuSeconds)})`,
      metricText(c.metric, s.final),
      side.result ? `${fmt(side.result.peakRssMb, 0)} (${fmt(side.result.baselineRssMb, 0)})` : '—',
      s.rowsPerSecond === null ? '—' : fmt(s.rowsPerSecond, 0),
      secs(side.result?.loadSeconds),
      s.stopped.join(', ') + (side.error ? ` (${side.error})` : ''),
    ]);
  }
  const ours = c.sides.find((s) => s.name === 'ours');
  for (const peer of c.sides.filter((s) => s.name !== 'ours' && s.runs.length)) {
    if (!ours?.runs.length) break;
    const [a, b] = [sums.get(ours)!, sums.get(peer)!];
    const delta = a.final - b.final;
    table.push([
      `ours ÷ ${sideLabel(peer)}`,
      ratio(a.timeToQuality, b.timeToQuality),
      `${ratio(a.fitSeconds, b.fitSeconds)} (${ratio(a.fitCpuSeconds, b.fitCpuSeconds)})`,
      `${delta >= 0 ? '+' : ''}${metricText(c.metric, delta)}`,
      ratio(ours.result?.peakRssMb, peer.result?.peakRssMb),
      ratio(a.rowsPerSecond, b.rowsPerSecond),
      ratio(ours.result?.loadSeconds, peer.result?.loadSeconds),
      '',
    ]);
  }
  lines.push(...alignColumns(table).map((l) => `   ${l}`));
  lines.push(`   (wall time of each side's process: ${c.sides.map((s) => `${s.name} ${Math.round(s.wallSeconds)} s`).join(', ')})`);
  const note = ours?.result?.backendNote;
  if (note) lines.push(`   (${note})`);
  return lines.join('\n');
}

function alignColumns(table: string[][]): string[] {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => (r.length > 1 ? (r[i] ?? '').length : 0))));
  return table.map((r) =>
    r.length === 1
      ? r[0]
      : r
          .map((cell, i) => (cell ?? '').padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
  );
}

/** Markdown tables of every comparison (time to quality, fit, quality, memory, speed) and of loading. */
export function summaryMarkdown(comparisons: Comparison[]): string {
  const out: string[] = [
    '| family | data | target | time to quality: ours / scikit-learn / Keras (s) | ours ÷ sklearn | ours ÷ Keras | fit s: ours / sklearn | final: ours / sklearn / Keras | peak RSS MB: ours / sklearn / Keras | rows/s per epoch: ours / sklearn / Keras |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of comparisons) {
    const sums = summaries(c);
    const pick = (name: string): [SideReport | undefined, SideSummary | undefined] => {
      const side = c.sides.find((s) => s.name === name);
      return [side, side ? sums.get(side) : undefined];
    };
    const [ours, o] = pick('ours');
    const [sk, s] = pick('sklearn');
    const [keras, k] = pick('keras');
    const triple = (f: (x: SideSummary | undefined, r: SideReport | undefined) => string, withKeras = true): string =>
      [f(o, ours), f(s, sk), ...(withKeras && c.family.startsWith('mlp_') ? [f(k, keras)] : [])].join(' / ');
    out.push(
      `| ${[
        c.family,
        c.dataset,
        c.target === null ? '—' : `${c.metric} ${c.metric === 'accuracy' ? '≥' : '≤'} ${metricText(c.metric, c.target)}`,
        triple((x) => (x?.seeds ? secs(x.timeToQuality) : '—')),
        ratio(o?.timeToQuality, s?.timeToQuality),
        c.family.startsWith('mlp_') ? ratio(o?.timeToQuality, k?.timeToQuality) : '',
        triple((x) => (x?.seeds ? secs(x.fitSeconds) : '—'), false),
        triple((x) => (x?.seeds ? metricText(c.metric, x.final) : '—')),
        triple((_, r) => fmt(r?.result?.peakRssMb, 0)),
        c.family.startsWith('mlp_') ? triple((x) => fmt(x?.rowsPerSecond, 0)) : '',
      ].join(' | ')} |`,
    );
  }
  return out.join('\n');
}

/** CSV load + preprocessing per data file: ours (readCsvTable + prepareDataset) ÷ pandas (read_csv + the same steps), medians over the families. */
export function loadingMarkdown(comparisons: Comparison[]): string {
  const byFile = new Map<string, { ours: number[]; pandas: number[] }>();
  for (const c of comparisons) {
    const key = `${c.dataset} ${c.metric === 'accuracy' ? 'classification' : 'regression'}`;
    const entry = byFile.get(key) ?? { ours: [], pandas: [] };
    byFile.set(key, entry);
    for (const side of c.sides) {
      if (!side.result) continue;
      if (side.name === 'ours') entry.ours.push(side.result.loadSeconds);
      else entry.pandas.push(side.result.loadSeconds);
    }
  }
  const out = [
    '| data file | ours: readCsvTable + prepareDataset (s) | pandas read_csv + same preprocessing (s) | ours ÷ pandas |',
    '|---|---|---|---|',
  ];
  for (const [file, { ours, pandas }] of byFile) {
    out.push(`| ${file} | ${secs(median(ours))} | ${secs(median(pandas))} | ${ratio(median(ours), median(pandas))} |`);
  }
  return out.join('\n');
}
