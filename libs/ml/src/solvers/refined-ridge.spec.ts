/**
 * Ridge by mixed-precision refinement and the native float64 products, against the TypeScript float64
 * path on the same rows. Needs native TensorFlow: CI requires it (TFJS_BACKEND=tensorflow); elsewhere
 * these tests run only where it loads.
 */
import { backendOrder, initBackend } from '../backend';
import { seededRandom } from '../split';
import { gaussian } from '../synthetic-data';
import type { EpochLog, TrainingData } from '../train';
import { solveLinear } from '.';
import { centeredMoments } from './moments';
import { solveSymmetric } from './normal-equations';
import { fitRidgeRefined } from './refined-ridge';
import { SolverClock } from './solver-clock';

/** n rows: `dense` standard normal columns, then `levels` one-hot columns (one set per row), y linear + noise. */
function table(n: number, dense: number, levels: number, seed: number): TrainingData {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const d = dense + levels;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0.3 * normal();
    for (let a = 0; a < dense; a++) {
      x[i * d + a] = normal();
      t += (a % 3) * x[i * d + a];
    }
    if (levels > 0) {
      const level = Math.floor(random() ** 2 * levels);
      x[i * d + dense + level] = 1;
      t += level / levels;
    }
    y[i] = t;
  }
  const v = Math.floor(n / 5);
  return { inputDim: d, xTrain: x, yTrain: y, xVal: x.subarray(0, v * d), yVal: y.subarray(0, v), problemType: 'regression', targetStd: 1 };
}

/** The TypeScript float64 path: its moments, the system solved by the pivoted Cholesky. */
async function exactRidge(data: TrainingData, alpha: number): Promise<Float64Array> {
  const d = data.inputDim;
  const m = (await centeredMoments(data.xTrain, data.yTrain, d, new SolverClock({}), false))!;
  for (let a = 0; a < d; a++) m.gram[a * d + a] += alpha;
  return (await solveSymmetric(m.gram, m.xty, d))!.solution;
}

const relativeError = (ours: ArrayLike<number>, exact: Float64Array): number =>
  Math.max(...Array.from(exact, (e, i) => Math.abs(ours[i] - e))) / Math.max(...Array.from(exact, Math.abs));

let native = false;
beforeAll(async () => {
  native = (await initBackend(backendOrder())) === 'tensorflow';
  if (process.env.TFJS_BACKEND === 'tensorflow') expect(native).toBe(true);
});
const onNative = (name: string, test: () => Promise<void>) => it(name, async () => (native ? test() : undefined));

describe('native float64 products', () => {
  onNative('give the TypeScript loop’s moments to rounding, rows not a multiple of the chunk', async () => {
    const data = table(9001, 7, 9, 2);
    const d = data.inputDim;
    const ours = (await centeredMoments(data.xTrain, data.yTrain, d, new SolverClock({}), true))!;
    const loop = (await centeredMoments(data.xTrain, data.yTrain, d, new SolverClock({}), false))!;
    expect(ours.computedBy).toBe('tensorflow');
    expect(loop.computedBy).toBe('typescript');
    expect(relativeError(ours.gram, loop.gram)).toBeLessThan(1e-12);
    expect(relativeError(ours.xty, loop.xty)).toBeLessThan(1e-12);
    expect(relativeError(ours.xMean, loop.xMean)).toBeLessThan(1e-12);
    expect(ours.yy).toBeCloseTo(loop.yy, 6);
  });
});

describe('ridge by mixed-precision refinement', () => {
  it.each([
    ['dense columns, alpha 1', () => table(20_000, 20, 0, 3), 1],
    ['dense and one-hot columns, alpha 0.01', () => table(20_000, 8, 30, 4), 0.01],
  ] as const)('reaches the float64 solution: %s', async (_name, make, alpha) => {
    if (!native) return;
    const data = make();
    const logs: EpochLog[] = [];
    const solution = await solveLinear(data, { kind: 'ridge', alpha, maxIter: 200, tol: 1e-8 }, { onEpochEnd: (l) => void logs.push(l) });
    expect(solution.backend).toBe('tensorflow');
    // The float32 solve, then at least one correction; the last correction converged.
    expect(logs.length).toBeGreaterThanOrEqual(2);
    expect(logs.map((l) => l.epoch)).toEqual(logs.map((_, i) => i + 1));
    expect(relativeError(solution.kernel, await exactRidge(data, alpha))).toBeLessThan(1e-6);
    expect(logs.every((l) => Number.isFinite(l.loss) && l.metrics.val_rmse > 0)).toBe(true);
  });

  onNative('hands an ill-conditioned system to the exact path, which reports the next epoch', async () => {
    // Two copies of a column and a penalty far below float32's resolution of the Gram matrix.
    const base = table(5000, 4, 0, 5);
    const n = base.yTrain.length;
    const x = new Float32Array(n * 5);
    for (let i = 0; i < n; i++) {
      x.set(base.xTrain.subarray(i * 4, i * 4 + 4), i * 5);
      x[i * 5 + 4] = x[i * 5];
    }
    const data: TrainingData = { ...base, inputDim: 5, xTrain: x, xVal: x.subarray(0, 1000 * 5), yVal: base.yTrain.subarray(0, 1000) };
    expect(await fitRidgeRefined(data, 1e-9, 200, new SolverClock({}))).toBe('fallback');
    const logs: EpochLog[] = [];
    const solution = await solveLinear(
      data,
      { kind: 'ridge', alpha: 1e-9, maxIter: 200, tol: 1e-8 },
      { onEpochEnd: (l) => void logs.push(l) },
    );
    expect(logs.map((l) => l.epoch)).toEqual(logs.map((_, i) => i + 1));
    // The duplicated column's weight is split evenly, as the float64 minimum-norm path does.
    expect(solution.kernel[0]).toBeCloseTo(solution.kernel[4], 4);
    expect(relativeError(solution.kernel, await exactRidge(data, 1e-9))).toBeLessThan(1e-5);
  });
});
