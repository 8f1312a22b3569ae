/** The solver bench's data: seeded 100k × 20 standardized features and linear targets (written for the Python peer too). */
import { gaussian, seededRandom } from '@modelstream/ml';

export interface BenchData {
  rows: number;
  d: number;
  x: Float32Array;
  /** Standardized regression target, binary labels, 3-class labels. */
  regression: Float32Array;
  binary: Float32Array;
  multiclass: Float32Array;
}

export function benchData(rows: number, d: number, seed = 5): BenchData {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const x = new Float32Array(rows * d);
  for (let i = 0; i < x.length; i++) x[i] = normal();
  const w = Array.from({ length: 3 }, (_, c) =>
    Float64Array.from({ length: d }, (_, j) => ((j + c) % 3 === 0 ? 1 : -0.5) * (0.2 + ((j * 7 + c) % 5) * 0.15)),
  );
  const regression = new Float32Array(rows);
  const binary = new Float32Array(rows);
  const multiclass = new Float32Array(rows);
  const raw = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const s = [0, 0, 0];
    for (let c = 0; c < 3; c++) for (let j = 0; j < d; j++) s[c] += x[i * d + j] * w[c][j];
    raw[i] = s[0] + 0.5 * normal();
    // logistic labels: P(1) = sigmoid(score); multiclass: argmax of score + Gumbel noise (softmax sampling)
    binary[i] = random() < 1 / (1 + Math.exp(-s[0])) ? 1 : 0;
    const g = s.map((v) => v - Math.log(-Math.log(1 - random())));
    multiclass[i] = g.indexOf(Math.max(...g));
  }
  let mean = 0;
  raw.forEach((v) => (mean += v / rows));
  let variance = 0;
  raw.forEach((v) => (variance += (v - mean) ** 2 / rows));
  raw.forEach((v, i) => (regression[i] = (v - mean) / Math.sqrt(variance)));
  return { rows, d, x, regression, binary, multiclass };
}

/** The number after `--name` on the command line, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
