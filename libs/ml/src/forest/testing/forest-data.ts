/** Small data for the forest specs: hand-made matrices and a seeded synthetic problem. */
import { seededRandom } from '../../split';
import type { TrainingData } from '../../train';
import { binMatrix } from '../binning';
import type { TreeData } from '../tree-builder';

/** Row-major float32 matrix of the given rows. */
export function matrix(rows: number[][]): { x: Float32Array; n: number; d: number } {
  const d = rows[0]?.length ?? 0;
  return { x: Float32Array.from(rows.flat()), n: rows.length, d };
}

/** The binned tree input of rows and their targets (classes 0 for regression). */
export function treeData(rows: number[][], target: number[], classes: number, bins = 255): TreeData {
  const { x, n, d } = matrix(rows);
  return { ...binMatrix(x, n, d, bins), target: Float32Array.from(target), classes };
}

/**
 * A seeded problem on d features where only the first two matter: class (x0 + x1 > 0) for classification
 * (three classes split on x0 when `classes` is 3), 2·x0 − x1 + noise for regression; the rest is noise.
 */
export function syntheticTraining(
  problemType: 'classification' | 'regression',
  { rows = 400, d = 6, seed = 1, classes = 2 } = {},
): TrainingData {
  const random = seededRandom(seed);
  const make = (count: number) => {
    const x = new Float32Array(count * d);
    const y = new Float32Array(count);
    for (let r = 0; r < count; r++) {
      for (let f = 0; f < d; f++) x[r * d + f] = random() * 2 - 1;
      const [x0, x1] = [x[r * d], x[r * d + 1]];
      if (problemType === 'regression') y[r] = 2 * x0 - x1 + (random() - 0.5) * 0.1;
      else if (classes === 3) y[r] = x0 < -0.33 ? 0 : x0 < 0.33 ? 1 : 2;
      else y[r] = x0 + x1 > 0 ? 1 : 0;
    }
    return { x, y };
  };
  const train = make(rows);
  const val = make(Math.round(rows / 4));
  return {
    inputDim: d,
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    problemType,
    ...(problemType === 'classification' ? { classes } : { targetStd: 1 }),
  };
}
