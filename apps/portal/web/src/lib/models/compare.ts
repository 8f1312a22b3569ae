/**
 * The side-by-side comparison of model versions: metrics and hyperparameters as rows, versions as columns,
 * the best value of each metric marked (its direction read from the name: losses and errors lower,
 * accuracy-like scores higher), and the hyperparameters that differ between the versions flagged.
 */

export type Direction = 'lower' | 'higher';

export interface ComparedVersion {
  version: string;
  metrics: Record<string, number>;
  params: Record<string, string>;
  modelType?: string;
}

export interface CompareRow {
  section: 'metric' | 'param';
  name: string;
  /** One cell per version, in the order given; undefined where the version has no such metric or param. */
  cells: (string | undefined)[];
  /** Metrics with a known direction. */
  direction?: Direction;
  /** Columns holding the best value (none when every version ties, or fewer than two have it). */
  best: number[];
  /** Not the same in every version. */
  differs: boolean;
}

const LOWER = /(^|_)(loss|log_loss|logloss|rmse|mse|mae|mape|error|err)$/i;
const HIGHER = /(^|_)(accuracy|acc|f1|r2|precision|recall|auc|roc_auc|pr_auc)$/i;

/** Whether a lower or a higher value of the metric is better; undefined when the name says neither. */
export function metricDirection(name: string): Direction | undefined {
  if (LOWER.test(name)) return 'lower';
  if (HIGHER.test(name)) return 'higher';
  return undefined;
}

/** A metric for a table cell: integers and large values whole, others to 4 decimals, tiny ones as exponents. */
export function formatMetric(value: number | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return String(Math.round(value));
  return Math.abs(value) >= 1e-4 ? String(Number(value.toFixed(4))) : value.toExponential(2);
}

export function compareVersions(versions: ComparedVersion[]): CompareRow[] {
  const metricNames = union(versions.map((v) => Object.keys(v.metrics)));
  const paramNames = union(versions.map((v) => Object.keys(v.params)));
  const rows: CompareRow[] = metricNames.map((name) => {
    const values = versions.map((v) => v.metrics[name]);
    const direction = metricDirection(name);
    return {
      section: 'metric',
      name,
      cells: values.map(formatMetric),
      direction,
      best: direction ? bestColumns(values, direction) : [],
      differs: !allSame(values.map(formatMetric)),
    };
  });
  // the family first: from the run's params when it logged one, else from the version
  const params: [string, (string | undefined)[]][] = [];
  if (paramNames.includes('modelType') || versions.some((v) => v.modelType !== undefined)) {
    params.push(['modelType', versions.map((v) => v.params.modelType ?? v.modelType)]);
  }
  for (const name of paramNames) if (name !== 'modelType') params.push([name, versions.map((v) => v.params[name])]);
  for (const [name, cells] of params) rows.push({ section: 'param', name, cells, best: [], differs: !allSame(cells) });
  return rows;
}

/** The columns with the best finite value; none when fewer than two versions have one or all tie. */
export function bestColumns(values: (number | undefined)[], direction: Direction): number[] {
  const present = values.flatMap((v, i) => (typeof v === 'number' && Number.isFinite(v) ? [{ v, i }] : []));
  if (present.length < 2) return [];
  const best = direction === 'lower' ? Math.min(...present.map((p) => p.v)) : Math.max(...present.map((p) => p.v));
  const winners = present.filter((p) => p.v === best).map((p) => p.i);
  return winners.length === present.length ? [] : winners;
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
}

function allSame(cells: (string | undefined)[]): boolean {
  return cells.every((c) => c === cells[0]);
}

/** The versions `?compare=3,2` names that exist, in the model's order; the two newest when it names none. */
export function pickedVersions(param: string | null, versions: string[]): string[] {
  if (param === null) return versions.slice(0, 2);
  const wanted = new Set(param.split(',').map((v) => v.trim().replace(/^v/i, '')));
  return versions.filter((v) => wanted.has(v));
}
