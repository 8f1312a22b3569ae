/**
 * L2-penalized logistic regression by L-BFGS on full batches: binary (one weight vector, sigmoid) or
 * multinomial (one vector per class, softmax), minimizing mean log-loss + l2·Σw² with the intercepts
 * not penalized. That is scikit-learn's LogisticRegression(C = 1 / (2·l2·n), solver='lbfgs') objective,
 * on the same gradient scale, so `tol` means what it means there. The passes run in float64 on native
 * TensorFlow when it is loaded (native-logistic.ts), else in the TypeScript loops below.
 */
import type { TrainingData } from '../train';
import { minimizeLbfgs, LbfgsStop } from './lbfgs';
import { LinearWeights, validationMetrics } from './linear-weights';
import { nativeLogisticObjective } from './native-logistic';
import { binaryResiduals, penalizedMean, softmaxResiduals } from './log-loss';
import { accumulateGradient, blockScores } from './row-kernels';
import { chunkRows, SolverClock } from './solver-clock';

export interface LogisticOptions {
  l2: number;
  maxIter: number;
  tol: number;
}

export interface LogisticFit {
  weights: LinearWeights;
  iterations: number;
  stop: LbfgsStop;
  objective: number;
  /** What computed the passes: native TensorFlow's float64 ops, or the TypeScript loops. */
  computedBy: 'tensorflow' | 'typescript';
}

/**
 * Parameters θ, class-major: units blocks of d weights, then the units intercepts. Returns the pass as an
 * Objective over θ. units = 1 for two classes (label 1 vs 0), the class count otherwise.
 */
export function logisticObjective(x: Float32Array, labels: Float32Array, d: number, units: number, l2: number, clock: SolverClock) {
  const n = labels.length;
  const chunk = chunkRows(2 * d * units);
  const scores = new Float64Array(Math.min(n, chunk) * units);
  return async (theta: Float64Array, grad: Float64Array): Promise<number | null> => {
    grad.fill(0);
    let loss = 0;
    for (let start = 0; start < n; start += chunk) {
      if (await clock.pulse()) return null;
      const end = Math.min(n, start + chunk);
      blockScores(x, d, start, end, theta, units, scores);
      // the scores become the residuals (probability - indicator) in place
      loss += units === 1 ? binaryResiduals(labels, start, end, scores) : softmaxResiduals(labels, start, end, units, scores);
      accumulateGradient(x, d, start, end, scores, units, grad);
    }
    return penalizedMean(theta, grad, loss, n, units, d, l2);
  };
}

/** θ (class-major) as the layers model's kernel layout (d × units) and bias. */
export function thetaToWeights(theta: Float64Array, d: number, units: number): LinearWeights {
  const kernel = new Float64Array(d * units);
  for (let u = 0; u < units; u++) for (let j = 0; j < d; j++) kernel[j * units + u] = theta[u * d + j];
  return { kernel, bias: theta.slice(units * d, units * d + units), units };
}

/** Fits from zero (as scikit-learn does: the same path, iteration for iteration); one progress "epoch" per L-BFGS iteration. */
export async function fitLogistic(data: TrainingData, options: LogisticOptions, clock: SolverClock): Promise<LogisticFit> {
  const d = data.inputDim;
  const classes = data.classes ?? 2;
  const units = classes > 2 ? classes : 1;
  const native = nativeLogisticObjective(data.xTrain, data.yTrain, d, units, options.l2, clock);
  const objective = native?.objective ?? logisticObjective(data.xTrain, data.yTrain, d, units, options.l2, clock);
  try {
    const result = await minimizeLbfgs(objective, new Float64Array((d + 1) * units), {
      maxIter: options.maxIter,
      tol: options.tol,
      onIteration: async (iteration, value, theta) => {
        await clock.iterationEnd(
          iteration,
          options.maxIter,
          value,
          validationMetrics(data, thetaToWeights(theta, d, units)),
          data.yTrain.length,
        );
        return clock.cancelled !== null;
      },
    });
    const weights = thetaToWeights(result.x, d, units);
    return {
      weights,
      iterations: result.iterations,
      stop: result.stop,
      objective: result.value,
      computedBy: native ? 'tensorflow' : 'typescript',
    };
  } finally {
    native?.dispose();
  }
}
