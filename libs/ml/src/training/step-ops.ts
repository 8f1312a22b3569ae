/**
 * The few tensor operations a training step of a dense network needs, and where its weights and Adam's
 * moments live. A small model's step costs in op dispatches, not in math, so each backend gets the
 * cheapest spelling: native TensorFlow runs raw TF ops (native-ops.ts); WASM and CPU run TF.js ops
 * (portableOps here), with explicit transposes (WASM's transposed matMul is 3–10× slower than a
 * transpose followed by a plain one) and its fused matMul + bias + activation.
 */
import { tf } from '../backend';
import type { Activation, OutputKind } from './dense-network';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** The trainable tensors and Adam's state for them. */
export interface ParamStore {
  /** The current values, valid until the next update (inside a tidy when called in one). */
  read(): tf.Tensor[];
  /**
   * One Adam step (t counts from 1), as TensorFlow's ApplyAdam computes it:
   * m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂), θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε).
   */
  update(grads: tf.Tensor[], t: number): void;
  /** Copies of the current values, owned by the caller. */
  snapshot(): tf.Tensor[];
  assign(values: tf.Tensor[]): void;
  dispose(): void;
}

export interface StepOps {
  readonly kind: 'native' | 'portable';
  /** act(x·W + b). */
  dense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, activation: Activation): tf.Tensor;
  /** xᵀ·dz (a kernel's gradient). */
  kernelGrad(x: tf.Tensor, dz: tf.Tensor): tf.Tensor;
  /** Σ dz over rows (a bias's gradient). */
  biasGrad(dz: tf.Tensor): tf.Tensor;
  /** dz·Wᵀ (the gradient at a layer's input). */
  inputGrad(dz: tf.Tensor, w: tf.Tensor): tf.Tensor;
  /** dy ⊙ act′, from the activation's output y. */
  activationGrad(dy: tf.Tensor, y: tf.Tensor, activation: Activation): tf.Tensor;
  /** The loss's gradient at the logits, times `scale`: (σ(z) − y)·s, (softmax(z) − y)·s or (z − y)·s. */
  outputGrad(z: tf.Tensor, y: tf.Tensor, output: OutputKind, scale: tf.Tensor): tf.Tensor;
  add(a: tf.Tensor, b: tf.Tensor): tf.Tensor;
  mul(a: tf.Tensor, b: tf.Tensor): tf.Tensor;
  /** A store holding copies of `initial`. */
  params(initial: tf.Tensor[], adam: AdamSettings): ParamStore;
}

type Fusable = 'linear' | 'relu' | 'sigmoid' | 'elu';
const FUSABLE: readonly Activation[] = ['linear', 'relu', 'sigmoid', 'elu'] satisfies Fusable[];

export const portableOps: StepOps = {
  kind: 'portable',
  dense: (x, w, b, activation) => {
    const fused = FUSABLE.includes(activation);
    const z = tf.fused.matMul({
      a: x as tf.Tensor2D,
      b: w as tf.Tensor2D,
      bias: b,
      activation: fused ? (activation as Fusable) : 'linear',
    });
    return fused ? z : tf.tanh(z);
  },
  kernelGrad: (x, dz) => tf.matMul(tf.transpose(x), dz),
  biasGrad: (dz) => tf.sum(dz, 0),
  inputGrad: (dz, w) => tf.matMul(dz, tf.transpose(w)),
  activationGrad: (dy, y, activation) => {
    switch (activation) {
      case 'linear':
        return dy;
      case 'relu':
        return tf.mul(dy, tf.step(y));
      case 'tanh':
        return tf.mul(dy, tf.sub(1, tf.square(y)));
      case 'sigmoid':
        return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
      case 'elu':
        return tf.where(tf.greater(y, 0), dy, tf.mul(dy, tf.add(y, 1)));
    }
  },
  outputGrad: (z, y, output, scale) => {
    const p = output === 'sigmoid' ? tf.sigmoid(z) : output === 'softmax' ? tf.softmax(z) : z;
    return tf.mul(tf.sub(p, y), scale);
  },
  add: (a, b) => tf.add(a, b),
  mul: (a, b) => tf.mul(a, b),
  params: (initial, adam) => new TensorParams(initial, adam),
};

/**
 * Weights as plain tensors replaced by each update; Adam's moments as one flat vector over all of them,
 * so an update is a dozen ops whatever the layer count (per tensor it was 12 each).
 */
class TensorParams implements ParamStore {
  private values: tf.Tensor[];
  private m: tf.Tensor;
  private v: tf.Tensor;
  private readonly sizes: number[];
  private readonly oneMinusBeta1: tf.Scalar;
  private readonly oneMinusBeta2: tf.Scalar;
  private readonly epsilon: tf.Scalar;

  constructor(
    initial: tf.Tensor[],
    private readonly adam: AdamSettings,
  ) {
    this.values = initial.map((t) => t.clone());
    this.sizes = initial.map((t) => t.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.zeros([total]);
    this.v = tf.zeros([total]);
    this.oneMinusBeta1 = tf.scalar(1 - adam.beta1);
    this.oneMinusBeta2 = tf.scalar(1 - adam.beta2);
    this.epsilon = tf.scalar(adam.epsilon);
  }

  read(): tf.Tensor[] {
    return this.values;
  }

  update(grads: tf.Tensor[], t: number): void {
    const { learningRate, beta1, beta2 } = this.adam;
    const old = [...this.values, this.m, this.v];
    tf.tidy(() => {
      const rate = tf.scalar((learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t));
      const g = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      const m = tf.add(this.m, tf.mul(tf.sub(g, this.m), this.oneMinusBeta1));
      const v = tf.add(this.v, tf.mul(tf.sub(tf.square(g), this.v), this.oneMinusBeta2));
      const steps = tf.split(tf.mul(rate, tf.div(m, tf.add(tf.sqrt(v), this.epsilon))), this.sizes);
      this.values = this.values.map((value, i) => tf.keep(tf.sub(value, tf.reshape(steps[i], value.shape))));
      [this.m, this.v] = [tf.keep(m), tf.keep(v)];
    });
    tf.dispose(old);
  }

  snapshot(): tf.Tensor[] {
    return this.values.map((t) => t.clone());
  }

  assign(values: tf.Tensor[]): void {
    tf.dispose(this.values);
    this.values = values.map((t) => t.clone());
  }

  dispose(): void {
    tf.dispose([...this.values, this.m, this.v, this.oneMinusBeta1, this.oneMinusBeta2, this.epsilon]);
  }
}
