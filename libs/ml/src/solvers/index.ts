/**
 * Exact solvers of the linear families, in float64 over the encoded rows: least squares in closed form
 * (normal equations, pivoted Cholesky; XᵀX by a float64 product on native TensorFlow when it is loaded),
 * ridge the same way or, on native TensorFlow, by mixed-precision iterative refinement (refined-ridge.ts),
 * logistic regression by L-BFGS to a gradient tolerance, its passes in float64 on native TensorFlow when it
 * is loaded (native-logistic.ts), else in TypeScript loops. Only the training rows enter the fit; the
 * validation rows are only reported on.
 *
 * Why float64 and not TF.js ops: TF.js computes in float32 only. A float32 logistic pass was about 2×
 * faster, but with float32 losses the line search cannot see the last decreases: L-BFGS stalled at a
 * gradient of 1e-5 with coefficients 1e-2 (relative) off scikit-learn's, where float64 passes reach 1e-6
 * to 1e-8 (bench/solvers).
 */
import type { TrainHooks, TrainingData, TrainOutcome } from '../train';
import { fitLeastSquares, reportLeastSquares } from './least-squares';
import type { LinearWeights } from './linear-weights';
import { validationMetrics } from './linear-weights';
import { fitLogistic } from './logistic';
import { nativeGramAvailable } from './native-gram';
import { fitRidgeRefined } from './refined-ridge';
import { SolverClock } from './solver-clock';

/** The logistic pass on both paths and the clock it ticks (bench/solvers/pass.ts times them side by side). */
export { logisticObjective } from './logistic';
export { nativeLogisticObjective } from './native-logistic';
export { SolverClock } from './solver-clock';

export interface LinearSolveOptions {
  kind: 'least-squares' | 'ridge' | 'logistic';
  /** ridge: sklearn's alpha (||y - Xw||² + alpha·||w||², intercept not penalized). */
  alpha?: number;
  /** logistic: the coefficient of sum(w²) added to the mean log-loss (sklearn C = 1 / (2·l2·n)). */
  l2?: number;
  maxIter: number;
  tol: number;
}

export interface LinearSolution {
  /** inputDim × units, row-major (units: 1 for regression and two classes, k for more). */
  kernel: Float32Array;
  bias: Float32Array;
  outcome: TrainOutcome;
  /** What computed the fit: `tensorflow` (the normal equations' product on native TensorFlow) or `typescript`. */
  backend: 'tensorflow' | 'typescript';
}

export async function solveLinear(data: TrainingData, options: LinearSolveOptions, hooks: TrainHooks = {}): Promise<LinearSolution> {
  const clock = new SolverClock(hooks);
  let weights: LinearWeights;
  let stoppedEarly = false;
  let lastLoss = NaN;
  let backend: LinearSolution['backend'] = 'typescript';
  if (options.kind === 'logistic') {
    const fit = await fitLogistic(data, { l2: options.l2 ?? 0, maxIter: options.maxIter, tol: options.tol }, clock);
    weights = fit.weights;
    stoppedEarly = fit.iterations < options.maxIter && fit.stop !== 'cancelled' && fit.stop !== 'stopped';
    lastLoss = fit.objective;
    backend = fit.computedBy;
  } else {
    const alpha = options.kind === 'ridge' ? (options.alpha ?? 1) : 0;
    const fit = await solveSquares(data, alpha, options.maxIter, clock);
    weights = fit?.weights ?? { kernel: new Float64Array(data.inputDim), bias: new Float64Array(1), units: 1 };
    backend = fit?.backend ?? backend;
  }
  // Every finished fit reports at least one epoch (the trainer checks the last loss is finite).
  if (clock.history.length === 0 && !clock.cancelled) {
    await clock.iterationEnd(1, Math.max(1, options.maxIter), lastLoss, validationMetrics(data, weights), data.yTrain.length);
  }
  return {
    kernel: Float32Array.from(weights.kernel),
    bias: Float32Array.from(weights.bias),
    outcome: { history: clock.history, epochsRun: clock.history.length, stoppedEarly, cancelled: clock.cancelled },
    backend,
  };
}

/** Least squares or ridge: refined from float32 on native TensorFlow when alpha > 0, else the exact path. Null when cancelled. */
async function solveSquares(data: TrainingData, alpha: number, maxIter: number, clock: SolverClock) {
  const refined = alpha > 0 && nativeGramAvailable() ? await fitRidgeRefined(data, alpha, maxIter, clock) : 'fallback';
  if (refined !== 'fallback') return refined && { weights: refined.weights, backend: 'tensorflow' as const };
  const fit = await fitLeastSquares(data, alpha, clock);
  if (fit) await reportLeastSquares(data, fit, clock);
  return fit && { weights: fit.weights, backend: fit.computedBy };
}
