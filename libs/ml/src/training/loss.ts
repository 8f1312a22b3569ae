/**
 * Losses and validation metrics from logits, summed on the device: the training loop reads them once per
 * epoch (a read per batch cost more than the batch's math).
 */
import { tf } from '../backend';
import type { OutputKind } from './dense-network';

/** Σ over rows of the loss: logistic (softplus(z) − y·z), cross-entropy (logΣexp(z) − y·z) or (z − y)². */
export function lossSum(logits: tf.Tensor, y: tf.Tensor, output: OutputKind): tf.Scalar {
  return tf.tidy(() => {
    switch (output) {
      case 'linear':
        return tf.sum(tf.squaredDifference(logits, y));
      case 'sigmoid':
        return tf.sub(tf.sum(tf.softplus(logits)), tf.sum(tf.mul(y, logits)));
      case 'softmax':
        return tf.sub(tf.sum(tf.logSumExp(logits, 1)), tf.sum(tf.mul(y, logits)));
    }
  });
}

/**
 * The loss of the batches trained since the last flush, summed on the device: each step hands over its
 * logits and targets, and every `every` steps they are reduced into one running scalar.
 */
export class LossAccumulator {
  private logits: tf.Tensor[] = [];
  private targets: tf.Tensor[] = [];
  private total: tf.Scalar | null = null;

  constructor(
    private readonly output: OutputKind,
    private readonly every = 32,
  ) {}

  /** Takes ownership of both tensors. */
  add(logits: tf.Tensor, y: tf.Tensor): void {
    this.logits.push(logits);
    this.targets.push(y);
    if (this.logits.length >= this.every) this.flush();
  }

  /** The summed loss so far (one read), and a fresh start. */
  take(): number {
    this.flush();
    const value = this.total ? this.total.dataSync()[0] : NaN;
    this.total?.dispose();
    this.total = null;
    return value;
  }

  dispose(): void {
    tf.dispose([...this.logits, ...this.targets, ...(this.total ? [this.total] : [])]);
    this.logits = [];
    this.targets = [];
    this.total = null;
  }

  private flush(): void {
    if (!this.logits.length) return;
    const previous = this.total;
    this.total = tf.tidy(() => {
      const sum = lossSum(tf.concat(this.logits), tf.concat(this.targets), this.output);
      return previous ? tf.add(previous, sum) : sum;
    });
    tf.dispose([...this.logits, ...this.targets, ...(previous ? [previous] : [])]);
    this.logits = [];
    this.targets = [];
  }
}

/** Σ loss and the count of correct predictions (classification) of a validation chunk, as [2]. */
export function validationSums(logits: tf.Tensor, y: tf.Tensor, output: OutputKind): tf.Tensor {
  return tf.tidy(() => {
    const loss = lossSum(logits, y, output);
    if (output === 'linear') return tf.stack([loss, tf.scalar(0)]);
    const predicted = output === 'sigmoid' ? tf.greaterEqual(logits, 0).toFloat() : tf.oneHot(tf.argMax(logits, 1), logits.shape[1]!);
    // Correct rows: the predicted 0/1 equals y (binary), or the one-hot overlaps y's (multiclass).
    const correct = output === 'sigmoid' ? tf.sum(tf.equal(predicted, y).toFloat()) : tf.sum(tf.mul(predicted, y));
    return tf.stack([loss, correct]);
  });
}
