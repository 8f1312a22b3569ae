/**
 * What a forest reports while it grows: trees are folded in as they arrive (in tree order) into running
 * sums of their out-of-bag outputs on the training rows and their outputs on the validation rows, so a
 * report after any number of trees costs one pass over those sums. The loss is the out-of-bag loss (each
 * training row scored by the trees that did not see it), the metrics are the validation loss and accuracy
 * or RMSE of the forest so far, in the same measures as the TensorFlow families report.
 */
import type { TrainingData } from '../train';
import { ForestModel, ForestShape } from './forest-model';
import { BuiltTree, outputWidth } from './tree-builder';

const EPSILON = 1e-7; // probabilities are clipped as TF.js's log loss does

export class ForestProgress {
  private readonly width: number;
  private readonly oobSums: Float64Array;
  private readonly oobCounts: Int32Array;
  private readonly valSums: Float64Array;
  private readonly importanceSums: Float64Array;
  private trees = 0;

  constructor(
    private readonly data: TrainingData,
    private readonly shape: ForestShape,
  ) {
    this.width = outputWidth(shape.classes);
    this.oobSums = new Float64Array(data.yTrain.length * this.width);
    this.oobCounts = new Int32Array(data.yTrain.length);
    this.valSums = new Float64Array(data.yVal.length * this.width);
    this.importanceSums = new Float64Array(data.inputDim);
  }

  /** Folds in the next tree (call in tree order). */
  add(tree: BuiltTree): void {
    const w = this.width;
    for (let i = 0; i < tree.oobRows.length; i++) {
      const r = tree.oobRows[i];
      this.oobCounts[r]++;
      for (let c = 0; c < w; c++) this.oobSums[r * w + c] += tree.oobValues[i * w + c];
    }
    ForestModel.fromTrees(this.shape, [tree]).accumulate(this.data.xVal, this.data.inputDim, this.valSums);
    let total = 0;
    for (const v of tree.importances) total += v;
    if (total > 0) tree.importances.forEach((v, f) => (this.importanceSums[f] += v / total));
    this.trees++;
  }

  /** OOB loss (the validation loss while no row is out of bag yet) and validation metrics of the trees so far. */
  report(): { loss: number; metrics: Record<string, number> } {
    const { data } = this;
    const val = this.measure(this.valSums, data.yVal, null);
    const oob = this.measure(this.oobSums, data.yTrain, this.oobCounts);
    const loss = oob.rows > 0 ? oob.loss : val.loss;
    if (data.problemType === 'regression') {
      return { loss, metrics: { val_loss: val.loss, val_rmse: Math.sqrt(val.loss) * (data.targetStd ?? 1) } };
    }
    return { loss, metrics: { val_loss: val.loss, val_accuracy: val.accuracy } };
  }

  /** Mean decrease in impurity per encoded column: each tree's normalized to 1, averaged, normalized to 1. */
  importances(): Float64Array {
    const sum = this.importanceSums.reduce((s, v) => s + v, 0);
    return this.importanceSums.map((v) => (sum > 0 ? v / sum : 0));
  }

  /** Mean loss and accuracy over rows with at least one tree (counts: per row; null: every row has `trees`). */
  private measure(sums: Float64Array, y: Float32Array, counts: Int32Array | null): { loss: number; accuracy: number; rows: number } {
    const w = this.width;
    const k = this.shape.classes;
    let loss = 0;
    let correct = 0;
    let rows = 0;
    for (let r = 0; r < y.length; r++) {
      const count = counts ? counts[r] : this.trees;
      if (count === 0) continue;
      rows++;
      if (k === 0) {
        const e = sums[r] / count - y[r];
        loss += e * e;
      } else if (w === 1) {
        const p = Math.min(Math.max(sums[r] / count, EPSILON), 1 - EPSILON);
        loss -= y[r] === 1 ? Math.log(p) : Math.log(1 - p);
        if ((p >= 0.5 ? 1 : 0) === y[r]) correct++;
      } else {
        let best = 0;
        for (let c = 1; c < w; c++) if (sums[r * w + c] > sums[r * w + best]) best = c;
        loss -= Math.log(Math.min(Math.max(sums[r * w + y[r]] / count, EPSILON), 1 - EPSILON));
        if (best === y[r]) correct++;
      }
    }
    return { loss: rows ? loss / rows : NaN, accuracy: rows ? correct / rows : NaN, rows };
  }
}
