/**
 * Seeded synthetic datasets with a known relation, shared by the unit tests, the e2e tests and the
 * bench: a model that works reaches a metric that a broken one cannot.
 */
import { seededRandom } from './split';

export type SyntheticRelation =
  /** label = sign(w·x + category effect + noise) → "yes"/"no" */
  | 'linear-binary'
  /** label = argmax of three linear scores → "a"/"b"/"c" */
  | 'linear-multiclass'
  /** label = x0² + x1² > 1.4 → "in"/"out" (no linear model separates it) */
  | 'circle'
  /** y = 3 + w·x + category effect + noise */
  | 'linear-regression'
  /** y = x0² + 2·sin(2·x1) + x2 + noise (no linear model fits it) */
  | 'nonlinear-regression';

export interface SyntheticOptions {
  relation: SyntheticRelation;
  rows: number;
  features?: number;
  seed?: number;
  noise?: number;
  /** Adds a categorical column "color" with an effect on the target. */
  categorical?: boolean;
  /** Adds an "id" column (ignored as identifier) and a constant column (ignored). */
  distractors?: boolean;
}

export interface SyntheticDataset {
  csv: string;
  columns: string[];
  target: string;
  rows: number;
}

export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export function syntheticDataset(options: SyntheticOptions): SyntheticDataset {
  const { relation, rows } = options;
  const nFeatures = options.features ?? 4;
  const random = seededRandom(options.seed ?? 7);
  const normal = gaussian(random);
  const noise = options.noise ?? 0.1;
  const weights = Array.from({ length: nFeatures }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (i % 3) * 0.5));
  const colors = ['red', 'green', 'blue'];
  const colorEffect: Record<string, number> = { red: 1.5, green: 0, blue: -1.5 };
  const features = Array.from({ length: nFeatures }, (_, i) => `x${i}`);
  const columns = [
    ...(options.distractors ? ['id'] : []),
    ...features,
    ...(options.categorical ? ['color'] : []),
    ...(options.distractors ? ['source'] : []),
    'target',
  ];
  const lines = [columns.join(',')];
  for (let r = 0; r < rows; r++) {
    const x = features.map(() => normal());
    const color = colors[Math.floor(random() * colors.length)];
    const effect = options.categorical ? colorEffect[color] : 0;
    const lin = x.reduce((s, v, i) => s + v * weights[i], 0) + effect;
    let target: string;
    switch (relation) {
      case 'linear-binary':
        target = lin + noise * normal() > 0 ? 'yes' : 'no';
        break;
      case 'linear-multiclass': {
        const scores = [lin, x[0] * 2 - x[1] + effect, -lin + (x[2] ?? 0)].map((s) => s + noise * normal());
        target = ['a', 'b', 'c'][scores.indexOf(Math.max(...scores))];
        break;
      }
      case 'circle':
        target = x[0] ** 2 + x[1] ** 2 + noise * normal() > 1.4 ? 'out' : 'in';
        break;
      case 'linear-regression':
        target = (3 + lin + noise * normal()).toFixed(5);
        break;
      case 'nonlinear-regression':
        target = (x[0] ** 2 + 2 * Math.sin(2 * x[1]) + (x[2] ?? 0) + noise * normal()).toFixed(5);
        break;
      default: {
        const never: never = relation;
        throw new Error(`unknown relation ${String(never)}`);
      }
    }
    lines.push(
      [
        ...(options.distractors ? [String(r + 1)] : []),
        ...x.map((v) => v.toFixed(5)),
        ...(options.categorical ? [color] : []),
        ...(options.distractors ? ['upload'] : []),
        target,
      ].join(','),
    );
  }
  return { csv: `${lines.join('\n')}\n`, columns, target: 'target', rows };
}
