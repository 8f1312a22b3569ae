/**
 * One Adam step of a dense network, with the backward pass written out (no gradient tape): for a
 * chain of Dense layers it is a handful of matMuls, and the tape's bookkeeping cost more than they did.
 * The loss is the mean over the batch of the output's loss on logits (logistic, cross-entropy or squared
 * error) plus l2·Σ‖W‖² over the kernels.
 */
import { seededRandom } from '../split';
import { tf } from '../backend';
import type { DenseNetwork } from './dense-network';
import { ADAM_DEFAULTS, ParamStore, StepOps } from './step-ops';

export interface DenseStepOptions {
  learningRate: number;
  l2: number;
  seed: number;
}

/** What the training loop and validation need of a step, whichever implements it. */
export interface TrainingStep {
  /** Trains on rows with a ones column after the inputs (any rows also work, at one op more a step). */
  readonly inputOnes?: boolean;
  /** Trains on one batch (x: rows × inputs, y: rows × outputs) and returns its logits, owned by the caller. */
  step(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** Logits of rows (inference: no dropout), owned by the caller. */
  logits(x: tf.Tensor): tf.Tensor;
  /** l2·Σ‖W‖² with the weights now (0 without a penalty). */
  penalty(): number;
  /** Copies of the weights ([kernel₁, bias₁, …]), owned by the caller. */
  snapshot(): tf.Tensor[];
  restore(values: tf.Tensor[]): void;
  dispose(): void;
}

export class DenseStep implements TrainingStep {
  private readonly params: ParamStore;
  private readonly scales = new Map<number, tf.Scalar>();
  private readonly l2Scale: tf.Scalar | null;
  private readonly random: () => number;
  private t = 0;

  constructor(
    private readonly network: DenseNetwork,
    private readonly ops: StepOps,
    initial: tf.Tensor[],
    options: DenseStepOptions,
  ) {
    this.params = ops.params(initial, { ...ADAM_DEFAULTS, learningRate: options.learningRate });
    this.l2Scale = options.l2 > 0 ? tf.scalar(2 * options.l2) : null;
    this.random = seededRandom(options.seed + 7);
  }

  /** Trains on one batch (x: rows × inputs, y: rows × outputs) and returns its logits, owned by the caller. */
  step(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
    const rows = x.shape[0];
    const { layers, output } = this.network;
    return tf.tidy(() => {
      const weights = this.params.read();
      // inputs[i]: what layer i reads (after the previous layer's dropout); outputs[i]: its activation.
      const inputs: tf.Tensor[] = [x];
      const outputs: tf.Tensor[] = [];
      const masks: (tf.Tensor | null)[] = [];
      layers.forEach((layer, i) => {
        const h = this.ops.dense(inputs[i], weights[2 * i], weights[2 * i + 1], layer.activation);
        outputs.push(h);
        const mask = layer.dropout > 0 && i < layers.length - 1 ? this.dropoutMask(h.shape as [number, number], layer.dropout) : null;
        masks.push(mask);
        inputs.push(mask ? this.ops.mul(h, mask) : h);
      });
      const logits = outputs[layers.length - 1];
      let dz = this.ops.outputGrad(logits, y, output, this.scale(rows, output === 'linear' ? 2 : 1));
      const grads: tf.Tensor[] = new Array<tf.Tensor>(weights.length);
      for (let i = layers.length - 1; i >= 0; i--) {
        const kernelGrad = this.ops.kernelGrad(inputs[i], dz);
        grads[2 * i] = this.l2Scale ? this.ops.add(kernelGrad, this.ops.mul(weights[2 * i], this.l2Scale)) : kernelGrad;
        grads[2 * i + 1] = this.ops.biasGrad(dz);
        if (i > 0) {
          const dh = this.ops.inputGrad(dz, weights[2 * i]);
          const mask = masks[i - 1];
          dz = this.ops.activationGrad(mask ? this.ops.mul(dh, mask) : dh, outputs[i - 1], layers[i - 1].activation);
        }
      }
      this.params.update(grads, ++this.t);
      return logits;
    });
  }

  /** Logits of rows (inference: no dropout), owned by the caller. */
  logits(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const weights = this.params.read();
      return this.network.layers.reduce((h, layer, i) => this.ops.dense(h, weights[2 * i], weights[2 * i + 1], layer.activation), x);
    });
  }

  /** l2·Σ‖W‖² with the weights now (0 without a penalty). */
  penalty(): number {
    if (!this.l2Scale) return 0;
    return tf.tidy(() => {
      const kernels = this.params.read().filter((_, i) => i % 2 === 0);
      return tf.mul(tf.addN(kernels.map((w) => tf.sum(tf.square(w)))), tf.div(this.l2Scale!, 2)).dataSync()[0];
    });
  }

  snapshot(): tf.Tensor[] {
    return this.params.snapshot();
  }

  restore(values: tf.Tensor[]): void {
    this.params.assign(values);
  }

  dispose(): void {
    this.params.dispose();
    tf.dispose([...this.scales.values(), ...(this.l2Scale ? [this.l2Scale] : [])]);
  }

  /** factor / rows as a cached scalar (the batch size and the last batch's size). */
  private scale(rows: number, factor: number): tf.Scalar {
    let s = this.scales.get(rows);
    if (!s) {
      s = tf.keep(tf.scalar(factor / rows));
      this.scales.set(rows, s);
    }
    return s;
  }

  private dropoutMask(shape: [number, number], rate: number): tf.Tensor {
    const seed = Math.floor(this.random() * 2 ** 31);
    return tf.mul(tf.step(tf.sub(tf.randomUniform(shape, 0, 1, 'float32', seed), rate)), 1 / (1 - rate));
  }
}
