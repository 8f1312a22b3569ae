/**
 * The bench's command line, read once into a typed object. Defaults keep the whole run bounded (about
 * 15 minutes at 100k rows on 2 shared cores): 3 seeds, 1 for the forests (a scikit-learn forest of 100
 * trees takes 0.5–2 minutes a fit here), a time cap per fit and one for the run.
 */
import { MODEL_TYPES, type ModelType } from '@modelstream/contracts';
import { DATASETS, type DatasetName } from './datasets';
import { SIDES, type SideName } from './sides';

export interface BenchOptions {
  rows: number;
  features: number;
  datasets: DatasetName[];
  families: ModelType[];
  sides: SideName[];
  seeds: number[];
  forestSeeds: number[];
  /** Fits per seed of the linear families (sub-second fits), the median-time one reported. */
  repeats: number;
  /** Networks' epochs (and the linear families' with solver adam); the registry default when absent. */
  epochs: number | null;
  patience: number;
  capSeconds: number;
  maxSeconds: number;
  /** Where to write every side's raw report as JSON. */
  json: string | null;
}

/** From this many rows the defaults are the memory check of the 1M mode: our side alone, the synthetic table, one seed. */
export const LARGE_ROWS = 500_000;

export const USAGE = `npx tsx bench/train/run.ts [options]
  --rows N            rows of each generated table (100000; 1000000 checks peak RSS < 2 GB, ours only)
  --features N        features of the synthetic tables (20)
  --datasets a,b      synthetic, mixed (both; synthetic alone from ${LARGE_ROWS} rows)
  --families a,b      model families (all ${MODEL_TYPES.length})
  --sides a,b         ours, sklearn, keras (all; ours alone from ${LARGE_ROWS} rows)
  --seeds N           seeds per family and side, median reported (3; 1 from ${LARGE_ROWS} rows)
  --forest-seeds N    seeds of the random forests (1)
  --repeats N         fits per seed of the linear families, the one of median time reported (5)
  --epochs N          epochs of the networks (the registry default, 30)
  --patience N        networks stop after N epochs without a better validation metric, every side (5; 0 = off)
  --cap-seconds S     an iterative fit (epochs, iterations, batches of trees) stops after the step that passes S seconds (120; 900 from ${LARGE_ROWS} rows, so forests grow all their trees)
  --max-seconds S     the whole run stops starting new work after S seconds (900; 2700 from ${LARGE_ROWS} rows)
  --json PATH         also write every side's raw report there`;

const seedsOf = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

export function parseOptions(argv: readonly string[]): BenchOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
    given.set(arg.slice(2), value);
    i++;
  }
  const known = [
    'rows',
    'features',
    'datasets',
    'families',
    'sides',
    'seeds',
    'forest-seeds',
    'repeats',
    'epochs',
    'patience',
    'cap-seconds',
  ];
  for (const name of given.keys()) {
    if (![...known, 'max-seconds', 'json'].includes(name)) throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const count = (name: string, fallback: number, min = 1): number => {
    const raw = given.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  const list = <T extends string>(name: string, all: readonly T[], fallback: readonly T[]): T[] => {
    const raw = given.get(name);
    if (raw === undefined) return [...fallback];
    const items = raw.split(',').map((s) => s.trim());
    const bad = items.filter((s) => !(all as readonly string[]).includes(s));
    if (bad.length) throw new Error(`--${name}: unknown ${bad.join(', ')} (use ${all.join(', ')})`);
    return items as T[];
  };
  const rows = count('rows', 100_000, 100);
  const large = rows >= LARGE_ROWS;
  return {
    rows,
    features: count('features', 20),
    datasets: list('datasets', DATASETS, large ? ['synthetic'] : DATASETS),
    families: list('families', MODEL_TYPES, MODEL_TYPES),
    sides: list('sides', SIDES, large ? ['ours'] : SIDES),
    seeds: seedsOf(count('seeds', large ? 1 : 3)),
    forestSeeds: seedsOf(count('forest-seeds', 1)),
    repeats: count('repeats', 5),
    epochs: given.has('epochs') ? count('epochs', 30) : null,
    patience: count('patience', 5, 0),
    capSeconds: count('cap-seconds', large ? 900 : 120),
    maxSeconds: count('max-seconds', large ? 2700 : 900),
    json: given.get('json') ?? null,
  };
}
