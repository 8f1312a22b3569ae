/**
 * The rows a training loop feeds its step: the training split reshuffled every epoch, and the
 * validation split uploaded once, in chunks small enough to keep the forward pass's activations modest.
 */
import { tf } from '../backend';
import { seededRandom, shuffleInPlace } from '../split';
import type { TrainingData } from '../train';
import type { TrainingStep } from './dense-step';
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
 * The training split served as batches in a fresh order every epoch. On the native backend the split
 * lives on the device and each chunk of the epoch is gathered in its shuffled order and split into
 * batches by two ops (copying rows in JavaScript costs ~0.5 µs a row there, more than the epoch's
 * steps at large batches). WASM's gather and split are slow (0.8 µs a row, 0.3 ms a slice): there the
 * rows are copied in JavaScript once per epoch and each batch is uploaded from a subarray.
 */
export class ShuffledBatches {
  readonly rows: number;
  private readonly d: number;
  private readonly order: Int32Array;
  private readonly random: () => number;
  private readonly device: { x: tf.Tensor2D; y: tf.Tensor2D } | null;
  private readonly host: { x: Float32Array; y: Float32Array } | null;

  constructor(
    private readonly data: TrainingData,
    private readonly targets: Float32Array,
    private readonly yWidth: number,
    seed: number,
    onDevice: boolean,
    /** On the device, a ones column after the inputs (for a step whose first kernel holds its bias). */
    onesColumn = false,
  ) {
    this.rows = data.yTrain.length;
    this.d = data.inputDim;
    this.order = Int32Array.from({ length: this.rows }, (_, i) => i);
    this.random = seededRandom(seed + 1);
    this.device = onDevice ? { x: this.deviceRows(onesColumn), y: tf.tensor2d(targets, [this.rows, yWidth]) } : null;
    this.host = onDevice ? null : { x: new Float32Array(this.rows * this.d), y: new Float32Array(this.rows * yWidth) };
  }

  /** The next epoch's batches (each owned by the caller); stopping early disposes the rest. */
  *epoch(batchSize: number, chunkRows = 8192): Generator<{ x: tf.Tensor; y: tf.Tensor }> {
    shuffleInPlace(this.order, this.random);
    if (this.host) {
      yield* this.uploaded(this.host, batchSize);
      return;
    }
    const { x, y } = this.device!;
    const chunk = Math.max(1, Math.floor(chunkRows / batchSize)) * batchSize;
    for (let start = 0; start < this.rows; start += chunk) {
      const end = Math.min(start + chunk, this.rows);
      const sizes = Array.from({ length: Math.ceil((end - start) / batchSize) }, (_, i) =>
        Math.min(batchSize, end - start - i * batchSize),
      );
      const [xs, ys] = tf.tidy(() => {
        const index = tf.tensor1d(this.order.subarray(start, end), 'int32');
        return [tf.split(tf.gather(x, index), sizes), tf.split(tf.gather(y, index), sizes)];
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
    if (this.device) tf.dispose([this.device.x, this.device.y]);
  }

  private deviceRows(onesColumn: boolean): tf.Tensor2D {
    return tf.tidy(() => {
      const x = tf.tensor2d(this.data.xTrain, [this.rows, this.d]);
      return onesColumn ? tf.concat([x, tf.ones([this.rows, 1])], 1) : x;
    });
  }

  /**
   * The rows copied in the epoch's order, then a batch tensor per subarray. (The CPU backend keeps the
   * subarray itself: the copy is only overwritten by the next epoch, after its losses were read.)
   */
  private *uploaded(host: { x: Float32Array; y: Float32Array }, batchSize: number): Generator<{ x: tf.Tensor; y: tf.Tensor }> {
    const { d, yWidth: w } = this;
    const { xTrain } = this.data;
    for (let i = 0; i < this.rows; i++) {
      const r = this.order[i];
      for (let j = 0, from = r * d, to = i * d; j < d; j++) host.x[to + j] = xTrain[from + j];
      for (let j = 0; j < w; j++) host.y[i * w + j] = this.targets[r * w + j];
    }
    for (let start = 0; start < this.rows; start += batchSize) {
      const size = Math.min(batchSize, this.rows - start);
      yield {
        x: tf.tensor2d(host.x.subarray(start * d, (start + size) * d), [size, d]),
        y: tf.tensor2d(host.y.subarray(start * w, (start + size) * w), [size, w]),
      };
    }
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
  evaluate(step: TrainingStep): Record<string, number> {
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
