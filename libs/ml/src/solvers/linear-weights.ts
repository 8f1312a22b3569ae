/**
 * A linear model's coefficients in float64 (kernel inputDim × units row-major, bias per unit) and what
 * the solvers report about them on the validation rows, computed here in float64 without TF.js.
 */
import type { TrainingData } from '../train';
import { binaryResiduals, softmaxResiduals } from './log-loss';
import { blockScores } from './row-kernels';

export interface LinearWeights {
  kernel: Float64Array;
  bias: Float64Array;
  units: number;
}

/** The linear score(s) X·W + b of every row (n × units). */
export function linearScores(x: Float32Array, d: number, weights: LinearWeights): Float64Array {
  const { kernel, bias, units } = weights;
  const theta = new Float64Array((d + 1) * units);
  for (let u = 0; u < units; u++) {
    for (let j = 0; j < d; j++) theta[u * d + j] = kernel[j * units + u];
    theta[units * d + u] = bias[u];
  }
  const n = x.length / d;
  const out = new Float64Array(n * units);
  blockScores(x, d, 0, n, theta, units, out);
  return out;
}

/**
 * The progress metrics of the TF.js loop, from the current weights: val_loss (MSE on the standardized
 * target, or the mean log-loss) plus val_rmse in the target's unit or val_accuracy.
 */
export function validationMetrics(data: TrainingData, weights: LinearWeights): Record<string, number> {
  const n = data.yVal.length;
  if (n === 0) return {};
  const scores = linearScores(data.xVal, data.inputDim, weights);
  const y = data.yVal;
  if (data.problemType === 'regression') {
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (scores[i] - y[i]) ** 2;
    const mse = sq / n;
    return { val_loss: mse, val_rmse: Math.sqrt(mse) * (data.targetStd ?? 1) };
  }
  const k = weights.units;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let predicted: number;
    if (k === 1) predicted = scores[i] >= 0 ? 1 : 0;
    else {
      predicted = 0;
      for (let c = 1; c < k; c++) if (scores[i * k + c] > scores[i * k + predicted]) predicted = c;
    }
    if (predicted === y[i]) correct++;
  }
  const loss = k === 1 ? binaryResiduals(y, 0, n, scores) : softmaxResiduals(y, 0, n, k, scores);
  return { val_loss: loss / n, val_accuracy: correct / n };
}
