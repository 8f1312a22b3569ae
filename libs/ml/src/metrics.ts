/** Validation metrics, as pure functions over labels and predictions. */

export interface ClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  log_loss: number;
  /** Binary problems only. */
  roc_auc?: number;
  /** confusionMatrix[trueClass][predictedClass] = count */
  confusionMatrix: number[][];
}

export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
}

/**
 * @param labels true class index per row
 * @param probabilities row-major n × k class probabilities
 */
export function classificationMetrics(labels: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): ClassificationMetrics {
  const n = labels.length;
  if (probabilities.length !== n * k) throw new Error(`expected ${n * k} probabilities, got ${probabilities.length}`);
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let logLoss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + best]) best = c;
    const y = labels[i];
    confusion[y][best]++;
    if (best === y) correct++;
    logLoss -= Math.log(Math.min(Math.max(probabilities[i * k + y], 1e-15), 1 - 1e-15));
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (let c = 0; c < k; c++) {
    const tp = confusion[c][c];
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) {
      predicted += confusion[j][c];
      actual += confusion[c][j];
    }
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    precision += p;
    recall += r;
    f1 += p + r ? (2 * p * r) / (p + r) : 0;
  }
  const result: ClassificationMetrics = {
    accuracy: n ? correct / n : 0,
    precision: precision / k,
    recall: recall / k,
    f1: f1 / k,
    log_loss: n ? logLoss / n : 0,
    confusionMatrix: confusion,
  };
  if (k === 2) {
    const scores = Array.from({ length: n }, (_, i) => probabilities[i * 2 + 1]);
    result.roc_auc = rocAuc(Array.from(labels), scores);
  }
  return result;
}

/** Area under the ROC curve (Mann–Whitney U with tied scores sharing their average rank). */
export function rocAuc(labels: number[], scores: number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t][1]] = rank;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((y, i) => {
    if (y === 1) {
      positives++;
      rankSum += ranks[i];
    }
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const n = actual.length;
  let abs = 0;
  let sq = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n || 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - predicted[i];
    abs += Math.abs(e);
    sq += e * e;
    total += (actual[i] - mean) ** 2;
  }
  return { mae: n ? abs / n : 0, rmse: n ? Math.sqrt(sq / n) : 0, r2: total > 0 ? 1 - sq / total : 0 };
}
