import { seededRandom } from '../split';
import { gaussian } from '../synthetic-data';
import type { EpochLog, TrainingData } from '../train';
import { LinearSolveOptions, solveLinear } from '.';

/** n rows of d standard normal features; the target from `label` over each row. */
function dataset(
  n: number,
  d: number,
  label: (row: number[], noise: number) => number,
  problemType: TrainingData['problemType'],
  classes?: number,
): TrainingData {
  const normal = gaussian(seededRandom(3));
  const make = (rows: number) => {
    const x = new Float32Array(rows * d);
    const y = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const row = Array.from({ length: d }, () => normal());
      x.set(row, i * d);
      y[i] = label(row, normal());
    }
    return { x, y };
  };
  const train = make(n);
  const val = make(Math.ceil(n / 4));
  return { inputDim: d, xTrain: train.x, yTrain: train.y, xVal: val.x, yVal: val.y, problemType, classes, targetStd: 3 };
}

const regression = () => dataset(400, 3, (r, e) => r[0] - 2 * r[1] + 0.5 * r[2] + 0.1 * e, 'regression');
const binary = (noise: number) => dataset(400, 3, (r, e) => (r[0] - r[1] + noise * e > 0 ? 1 : 0), 'classification', 2);
const threeClass = () =>
  dataset(
    600,
    3,
    (r, e) => {
      const s = [r[0] + 0.3 * e, r[1], -r[0] - r[1]];
      return s.indexOf(Math.max(...s));
    },
    'classification',
    3,
  );

const logistic: LinearSolveOptions = { kind: 'logistic', l2: 1e-3, maxIter: 100, tol: 1e-8 };

describe('solveLinear', () => {
  it('reports one epoch per L-BFGS iteration with the validation loss and accuracy', async () => {
    const logs: EpochLog[] = [];
    const solution = await solveLinear(binary(0.5), logistic, { onEpochEnd: (log) => void logs.push(log) });
    expect(logs.length).toBeGreaterThan(3);
    expect(logs.map((l) => l.epoch)).toEqual(logs.map((_, i) => i + 1));
    expect(solution.outcome.history).toEqual(logs);
    expect(solution.outcome).toMatchObject({ epochsRun: logs.length, stoppedEarly: true, cancelled: null });
    for (const log of logs) {
      expect(log.epochs).toBe(100);
      expect(Object.keys(log.metrics).sort()).toEqual(['val_accuracy', 'val_loss']);
      expect(log.rowsPerSecond).toBeGreaterThan(0);
    }
    // the objective decreases, and the final weights classify the validation rows well
    expect(logs.at(-1)!.loss).toBeLessThan(logs[0].loss);
    expect(logs.at(-1)!.metrics.val_accuracy).toBeGreaterThan(0.8);
  });

  it('reports a closed form as one epoch: training MSE, val_loss and val_rmse in target units', async () => {
    const logs: EpochLog[] = [];
    const solution = await solveLinear(
      regression(),
      { kind: 'ridge', alpha: 1, maxIter: 200, tol: 1e-6 },
      { onEpochEnd: (l) => void logs.push(l) },
    );
    expect(logs).toHaveLength(1);
    const [log] = logs;
    expect(log).toMatchObject({ epoch: 1, epochs: 1 });
    expect(log.loss).toBeGreaterThan(0);
    expect(log.loss).toBeLessThan(0.05);
    expect(log.metrics.val_rmse).toBeCloseTo(Math.sqrt(log.metrics.val_loss) * 3, 12);
    expect(Array.from(solution.kernel).map((w) => Math.round(w * 10) / 10)).toEqual([1, -2, 0.5]);
  });

  it('fits only the training rows: changing the validation rows changes no coefficient', async () => {
    const data = binary(0.5);
    const a = await solveLinear(data, logistic);
    const b = await solveLinear({ ...data, yVal: data.yVal.map((v) => 1 - v) }, logistic);
    expect(b.kernel).toEqual(a.kernel);
    expect(b.outcome.history.at(-1)!.metrics.val_accuracy).toBeCloseTo(1 - a.outcome.history.at(-1)!.metrics.val_accuracy, 10);
  });

  it('keeps separable data finite without a penalty (l2 = 0): it stops at maxIter or the tolerance', async () => {
    const solution = await solveLinear(binary(0), { kind: 'logistic', l2: 0, maxIter: 50, tol: 1e-6 });
    expect(Array.from(solution.kernel).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(solution.bias[0])).toBe(true);
    const last = solution.outcome.history.at(-1)!;
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(last.metrics.val_accuracy).toBeGreaterThan(0.97);
    // the weights grow along the separating direction (w0 ≈ -w1)
    expect(solution.kernel[0]).toBeGreaterThan(5);
    expect(solution.kernel[0] / -solution.kernel[1]).toBeCloseTo(1, 1);
  });

  it('fits three classes with a softmax weight vector each, also without a penalty', async () => {
    for (const l2 of [0, 1e-3]) {
      const solution = await solveLinear(threeClass(), { kind: 'logistic', l2, maxIter: 200, tol: 1e-6 });
      expect(solution.kernel).toHaveLength(3 * 3);
      expect(solution.bias).toHaveLength(3);
      expect(Array.from(solution.kernel).every(Number.isFinite)).toBe(true);
      expect(solution.outcome.history.at(-1)!.metrics.val_accuracy).toBeGreaterThan(0.85);
    }
  });

  it('gives dependent one-hot columns the minimum-norm least-squares solution', async () => {
    // x0 numeric, then a 3-level one-hot (its columns sum to 1: singular once centered)
    const random = seededRandom(9);
    const n = 300;
    const x = new Float32Array(n * 4);
    const y = new Float32Array(n);
    const effects = [1, 0, -1];
    for (let i = 0; i < n; i++) {
      const level = Math.floor(random() * 3);
      x[i * 4] = random() * 2 - 1;
      x[i * 4 + 1 + level] = 1;
      y[i] = 2 * x[i * 4] + effects[level] + 0.01 * (random() - 0.5);
    }
    const data: TrainingData = { inputDim: 4, xTrain: x, yTrain: y, xVal: x, yVal: y, problemType: 'regression', targetStd: 1 };
    const { kernel, bias, outcome } = await solveLinear(data, { kind: 'least-squares', maxIter: 1, tol: 1e-6 });
    expect(kernel[0]).toBeCloseTo(2, 2);
    // level effects are only determined up to a constant: the minimum norm centers them
    expect(kernel[1] + kernel[2] + kernel[3]).toBeCloseTo(0, 5);
    expect(kernel[1] - kernel[3]).toBeCloseTo(2, 2);
    expect(Math.abs(bias[0])).toBeLessThan(0.1);
    expect(outcome.history[0].metrics.val_rmse).toBeLessThan(0.01);
  });

  it.each([
    ['logistic', logistic, 3],
    ['least squares', { kind: 'least-squares', maxIter: 1, tol: 1e-6 } as const, 1],
  ])('stops %s when the job is cancelled, heartbeating between chunks of rows', async (_name, options, askedBeforeCancel) => {
    let ticks = 0;
    let asked = 0;
    const data = options.kind === 'logistic' ? binary(0.5) : regression();
    const solution = await solveLinear(data, options, {
      tickMs: 0,
      onTick: () => void ticks++,
      stopReason: () => (++asked >= askedBeforeCancel ? 'cancelled by user' : null),
    });
    expect(solution.outcome.cancelled).toBe('cancelled by user');
    expect(ticks).toBeGreaterThan(0);
    expect(solution.outcome.epochsRun).toBeLessThan(3);
  });
});
