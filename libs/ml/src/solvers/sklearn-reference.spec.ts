/**
 * The exact solvers against scikit-learn on the same float32 data (fixtures/reference.py wrote the
 * coefficients): LinearRegression, Ridge and LogisticRegression(lbfgs, tol=1e-10) within 1e-4 relative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendOrder, initBackend } from '../backend';
import type { TrainingData } from '../train';
import { LinearSolveOptions, solveLinear } from '.';

interface ReferenceCase {
  name: string;
  design: string;
  kind: LinearSolveOptions['kind'];
  alpha?: number;
  l2?: number;
  classes?: number;
  y: number[];
  coef: number[][];
  intercept: number[];
}

const reference = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sklearn-reference.json'), 'utf8')) as {
  designs: Record<string, { columns: number; x: number[] }>;
  cases: ReferenceCase[];
};

function trainingData(c: ReferenceCase): TrainingData {
  const design = reference.designs[c.design];
  const x = Float32Array.from(design.x);
  const y = Float32Array.from(c.y);
  return {
    inputDim: design.columns,
    xTrain: x,
    yTrain: y,
    // Reported on only: the first rows again.
    xVal: x.subarray(0, 50 * design.columns),
    yVal: y.subarray(0, 50),
    problemType: c.kind === 'logistic' ? 'classification' : 'regression',
    classes: c.classes,
    targetStd: c.kind === 'logistic' ? undefined : 2,
  };
}

/** Largest |ours - sklearn| / |sklearn| over the coefficients, with intercepts near 0 taken absolutely. */
function worstRelativeError(ours: ArrayLike<number>, theirs: number[]): number {
  let worst = 0;
  theirs.forEach((t, i) => (worst = Math.max(worst, Math.abs(ours[i] - t) / Math.max(Math.abs(t), 1e-3))));
  return worst;
}

describe.each([
  ['the TypeScript loops', ['wasm', 'cpu']],
  // CI (TFJS_BACKEND=tensorflow) requires the native backend; elsewhere the platform's first backend.
  ['the backend the trainer picks', backendOrder()],
] as const)('exact solvers match scikit-learn on %s', (_on, order) => {
  let native = false;
  beforeAll(async () => {
    native = (await initBackend(order)) === 'tensorflow';
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const data = trainingData(c);
    const solution = await solveLinear(data, { kind: c.kind, alpha: c.alpha, l2: c.l2, maxIter: 1000, tol: 1e-10 });
    // Every linear family runs its products (float64) on native TensorFlow when it is loaded.
    expect(solution.backend).toBe(native ? 'tensorflow' : 'typescript');
    expect(solution.kernel).toHaveLength(c.coef.length * c.coef[0].length);
    expect(worstRelativeError(solution.kernel, c.coef.flat())).toBeLessThan(1e-4);
    expect(worstRelativeError(solution.bias, c.intercept)).toBeLessThan(1e-4);
    const last = solution.outcome.history.at(-1)!;
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(solution.outcome.cancelled).toBeNull();
  });
});
