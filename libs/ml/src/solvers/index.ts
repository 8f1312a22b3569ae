/**
 * Exact solvers of the linear families (work in progress: the solver helper implements this module;
 * these signatures are the contract fit.ts relies on).
 */
import type { TrainHooks, TrainingData, TrainOutcome } from '../train';

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
  backend: string;
}

export function solveLinear(data: TrainingData, options: LinearSolveOptions, hooks: TrainHooks = {}): Promise<LinearSolution> {
  void data;
  void options;
  void hooks;
  throw new Error('exact solvers are not built yet');
}
