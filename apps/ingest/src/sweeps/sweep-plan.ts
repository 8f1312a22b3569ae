/**
 * A sweep's rules, with no I/O: the combinations a grid makes per model family (a grid key applies to the
 * families whose spec has it; a family none applies to trains once with its defaults), the metric and its
 * direction, and the leaderboard order. Every bad request is an InvalidInputError (400) that says why.
 */
import { getModelSpec, InvalidInputError, MAX_COMBINATIONS, ModelSpec, resolveHyperParams, SWEEP_METRICS } from '@modelstream/contracts';

export { MAX_COMBINATIONS, SWEEP_METRICS, type Direction } from '@modelstream/contracts';

export interface Combination {
  trackingId: string;
  modelType: string;
  /** The grid values of this combination (the family's defaults fill the rest). */
  params: Record<string, unknown>;
}

export interface SweepRequest {
  modelTypes: string[];
  grid: Record<string, unknown[]>;
  metric: string;
}

/** The (modelType, params) of every training of a sweep, validated against the families' rules. */
export function expandSweep(request: SweepRequest): Omit<Combination, 'trackingId'>[] {
  const metric = SWEEP_METRICS[request.metric];
  if (!metric) {
    throw new InvalidInputError(`metric "${request.metric}" cannot rank a sweep. Use one of ${Object.keys(SWEEP_METRICS).join(', ')}.`);
  }
  const families = [...new Set(request.modelTypes)].map((key) => getModelSpec(key));
  if (families.length === 0) throw new InvalidInputError('modelTypes must name at least one model family (GET /api/model-specs).');
  const wrong = families.filter((spec) => spec.problemType !== metric.problemType);
  if (wrong.length) {
    throw new InvalidInputError(
      `metric "${request.metric}" is a ${metric.problemType} metric, but ${wrong.map((s) => s.key).join(', ')} ${wrong.length > 1 ? 'are' : 'is'} ${wrong[0].problemType}. Sweep families of one problem type.`,
    );
  }
  const grid = checkGrid(request.grid, families);
  const combinations = families.flatMap((spec) => combinationsOf(spec, grid));
  if (combinations.length > MAX_COMBINATIONS) {
    throw new InvalidInputError(
      `The sweep makes ${combinations.length} trainings; at most ${MAX_COMBINATIONS} are allowed. Narrow the grid.`,
    );
  }
  return combinations;
}

function checkGrid(grid: Record<string, unknown[]>, families: ModelSpec[]): [string, unknown[]][] {
  const entries = Object.entries(grid ?? {});
  for (const [name, values] of entries) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new InvalidInputError(`grid.${name} must be a non-empty array of values, e.g. {"${name}": [0.01, 0.1]}.`);
    }
    if (!families.some((spec) => Object.hasOwn(spec.rules, name))) {
      throw new InvalidInputError(`grid.${name} is a hyperparameter of none of ${families.map((s) => s.key).join(', ')}.`);
    }
  }
  return entries;
}

function combinationsOf(spec: ModelSpec, grid: [string, unknown[]][]): Omit<Combination, 'trackingId'>[] {
  const own = grid.filter(([name]) => Object.hasOwn(spec.rules, name));
  let combos: Record<string, unknown>[] = [{}];
  for (const [name, values] of own) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return combos.map((params) => {
    try {
      resolveHyperParams(spec, params);
    } catch (error) {
      throw new InvalidInputError(`${spec.key} with ${JSON.stringify(params)}: ${(error as Error).message}`);
    }
    return { modelType: spec.key, params };
  });
}

export interface RankedJob {
  trackingId: string;
  score: number | null;
}

/** Best first by the metric in its direction; jobs without a score (not completed, or no such metric) last. */
export function rankJobs<T extends RankedJob>(jobs: T[], metric: string): (T & { rank: number })[] {
  const sign = SWEEP_METRICS[metric]?.direction === 'min' ? 1 : -1;
  const scored = (j: T) => j.score !== null && Number.isFinite(j.score);
  return [...jobs]
    .sort((a, b) => {
      if (scored(a) !== scored(b)) return scored(a) ? -1 : 1;
      if (!scored(a)) return 0;
      return sign * (a.score! - b.score!) || a.trackingId.localeCompare(b.trackingId);
    })
    .map((job, i) => ({ ...job, rank: i + 1 }));
}
