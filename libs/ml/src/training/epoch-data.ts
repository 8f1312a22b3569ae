/**
 * The rows a training loop feeds its step: the training split uploaded once and reshuffled on the
 * device every epoch, and the validation split uploaded once, in chunks small enough to keep the
 * forward pass's activations modest.
 */
import { tf } from '../backend';
import { seededRandom, shuffleInPlace } from '../split';
import type { TrainingData } from '../train';
import type { DenseStep } from './dense-step';
import type { OutputKind } from './dense-network';
import { validationSums } from './loss';

/** Targets as the loss reads them: one-hot rows for more than two classes, one column otherwise. */
export function targetRows(labels: Float32Array, classes: number, oneHot: boolean): Float32Array {
  if (!oneHot) return labels;
  const out = new Float32Array(labels.length * classes);
  labels.forEach((c, i) => (out[i * classes + c] = 1));
  return out;
}

/**
 * The training split on the device, served as batches in a fresh order every epoch: each chunk of the
 * epoch is gathered in its shuffled order and split into batches by two ops, instead of copying rows
 * in JavaScript (random reads of rows cost ~0.5 µs each there) and uploading every batch.
 */
export class ShuffledBatches {
  readonly rows: number;
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;
  private readonly order: Int32Array;
  private readonly random: () => number;

  constructor(data: TrainingData, targets: Float32Array, yWidth: number, seed: number) {
    this.rows = data.yTrain.length;
    this.x = tf.tensor2d(data.xTrain, [this.rows, data.inputDim]);
    this.y = tf.tensor2d(targets, [this.rows, yWidth]);
    this.order = Int32Array.from({ length: this.rows }, (_, i) => i);
    this.random = seededRandom(seed + 1);
  }

  /** The next epoch's batches (each owned by the caller); stopping early disposes the rest. */
  *epoch(batchSize: number, chunkRows = 8192): Generator<{ x: tf.Tensor; y: tf.Tensor }> {
    shuffleInPlace(this.order, this.random);
    const chunk = Math.max(1, Math.floor(chunkRows / batchSize)) * batchSize;
    for (let start = 0; start < this.rows; start += chunk) {
      const end = Math.min(start + chunk, this.rows);
      const sizes = Array.from({ length: Math.ceil((end - start) / batchSize) }, (_, i) =>
        Math.min(batchSize, end - start - i * batchSize),
      );
      const [xs, ys] = tf.tidy(() => {
        const index = tf.tensor1d(this.order.subarray(start, end), 'int32');
        return [tf.split(tf.gather(this.x, index), sizes), tf.split(tf.gather(this.y, index), sizes)];
      });
      let next = 0;
      try {
        for (; next < xs.length; next++) yield { x: xs[next], y: ys[next] };
      } finally {
        tf.dispose([...xs.slice(next + 1), ...ys.slice(next + 1)]);
      }
    }
  }

  dispose(): void {
    tf.dispose([this.x, this.y]);
  }
}

export class ValidationSet {
  private readonly chunks: { x: tf.Tensor2D; y: tf.Tensor2D }[] = [];
  private readonly rows: number;

  constructor(
    private readonly data: TrainingData,
    private readonly output: OutputKind,
    chunkRows = 16_384,
  ) {
    const d = data.inputDim;
    const k = data.classes ?? 1;
    const w = output === 'softmax' ? k : 1;
    const targets = targetRows(data.yVal, k, output === 'softmax');
    this.rows = data.yVal.length;
    for (let start = 0; start < this.rows; start += chunkRows) {
      const size = Math.min(chunkRows, this.rows - start);
      this.chunks.push({
        x: tf.tensor2d(data.xVal.subarray(start * d, (start + size) * d), [size, d]),
        y: tf.tensor2d(targets.subarray(start * w, (start + size) * w), [size, w]),
      });
    }
  }

  /** val_loss and val_accuracy (classification) or val_rmse (regression, in the target's unit). */
  evaluate(step: DenseStep): Record<string, number> {
    const sums = tf.tidy(() => tf.addN(this.chunks.map((c) => validationSums(step.logits(c.x), c.y, this.output))));
    const [lossSum, correct] = sums.dataSync();
    sums.dispose();
    const valLoss = lossSum / this.rows;
    if (this.data.problemType === 'regression') return { val_loss: valLoss, val_rmse: Math.sqrt(valLoss) * (this.data.targetStd ?? 1) };
    return { val_loss: valLoss, val_accuracy: correct / this.rows };
  }

  dispose(): void {
    tf.dispose(this.chunks.flatMap((c) => [c.x, c.y]));
  }
}
