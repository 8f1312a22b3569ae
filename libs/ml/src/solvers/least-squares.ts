/**
 * Linear and ridge regression in closed form: w = (XcᵀXc + alpha·I)⁺ Xcᵀyc on centered data, intercept
 * ȳ - x̄ᵀw (not penalized). alpha = 0 is ordinary least squares (minimum-norm when X is rank deficient),
 * matching scikit-learn's LinearRegression and Ridge(alpha) on the same encoded X and standardized y.
 */
import type { TrainingData } from '../train';
import type { LinearWeights } from './linear-weights';
import { validationMetrics } from './linear-weights';
import { centeredMoments } from './moments';
import { solveSymmetric } from './normal-equations';
import type { SolverClock } from './solver-clock';

export interface LeastSquaresFit {
  weights: LinearWeights;
  /** Rank of the centered design (with the ridge term): below inputDim when columns are dependent. */
  rank: number;
  /** Training mean squared error on the standardized target. */
  trainMse: number;
  /** What computed XᵀX (the bulk of the work): see centeredMoments. */
  computedBy: 'tensorflow' | 'typescript';
}

/** Returns null when cancelled (the clock holds the reason). */
export async function fitLeastSquares(data: TrainingData, alpha: number, clock: SolverClock): Promise<LeastSquaresFit | null> {
  const d = data.inputDim;
  const moments = await centeredMoments(data.xTrain, data.yTrain, d, clock);
  if (!moments) return null;
  const { gram, xty, xMean, yMean, rows } = moments;
  const system = Float64Array.from(gram);
  if (alpha > 0) for (let a = 0; a < d; a++) system[a * d + a] += alpha;
  const solved = await solveSymmetric(system, xty, d, 1e-10, clock);
  if (!solved) return null;
  const { solution: w, rank } = solved;
  let bias = yMean;
  for (let a = 0; a < d; a++) bias -= xMean[a] * w[a];
  // ||yc - Xc w||² = ycᵀyc - 2wᵀXcᵀyc + wᵀ(XcᵀXc)w: no second pass over the rows.
  let quadratic = 0;
  let linear = 0;
  for (let a = 0; a < d; a++) {
    linear += w[a] * xty[a];
    let s = 0;
    for (let b = 0; b < d; b++) s += gram[a * d + b] * w[b];
    quadratic += w[a] * s;
  }
  const trainMse = Math.max(0, moments.yy - 2 * linear + quadratic) / Math.max(rows, 1);
  return { weights: { kernel: w, bias: Float64Array.of(bias), units: 1 }, rank, trainMse, computedBy: moments.computedBy };
}

/** The closed form's progress "epoch" (the last, after any refinement's): training MSE and the validation metrics. */
export async function reportLeastSquares(data: TrainingData, fit: LeastSquaresFit, clock: SolverClock): Promise<void> {
  const epoch = clock.history.length + 1;
  await clock.iterationEnd(epoch, epoch, fit.trainMse, validationMetrics(data, fit.weights), data.yTrain.length);
}
