/**
 * DenseStep's work (an Adam step of a dense chain with the backward pass written out) on the native
 * backend in raw TensorFlow calls: the step's intermediates are TensorFlow handles that never become
 * TF.js tensors (each TF.js tensor costs ~1.2 µs of bookkeeping to make and dispose, a fifth of a small
 * op), and the weights and Adam's moments are resource variables updated in place by ResourceApplyAdam.
 *
 * The loss's gradient is not divided by the batch: Adam's step m/(√v + ε) is the same for a gradient
 * scaled by c when ε (and the l2 term) are scaled by c too, so the batch's Σ(p − y) feeds the backward
 * pass without the Mul that makes it a mean (only a short last batch is rescaled to the full batch's c).
 * Networks with dropout train through DenseStep (its masks are TF.js ops).
 */
import { threadId } from 'node:worker_threads';
import { tf } from '../backend';
import { NodeKernelBackend, nodeKernelBackend, OpAttr, TfBinding } from '../node-backend';
import type { Activation, DenseNetwork } from './dense-network';
import type { DenseStepOptions, TrainingStep } from './dense-step';
import { activationGradOp, FORWARD } from './native-ops';
import { ADAM_DEFAULTS } from './step-ops';

let nextVariable = 0;

/** A raw step for the network on the native backend, or null (another backend, or dropout). */
export function nativeStep(
  network: DenseNetwork,
  initial: tf.Tensor[],
  options: DenseStepOptions & { batchSize: number },
): TrainingStep | null {
  const backend = nodeKernelBackend();
  if (!backend || network.layers.some((l) => l.dropout > 0)) return null;
  return new NativeDenseStep(backend, network, initial, options);
}

class NativeDenseStep implements TrainingStep {
  private readonly b: TfBinding;
  private readonly attrs: Record<'T' | 'dtype' | 'plain' | 'leftT' | 'rightT' | 'adam' | 'concat', OpAttr[]>;
  /** Weight, m and v variables per parameter tensor. */
  private readonly vars: number[][] = [];
  private readonly owned: number[] = [];
  /** 0 (both β powers), β₁, β₂, c·ε, c·2·l2 (or -1), the concat axis 1. */
  private readonly constants: number[];
  private readonly rescale = new Map<number, number>();
  private readonly onesColumns = new Map<number, number>();
  /** Input columns of layer 1 (its kernel variable has one more row: the bias). */
  private readonly inputs: number;
  /** c·2·l2 per row of layer 1's kernel, 0 for its bias row (-1: no penalty). */
  private readonly firstL2: number = -1;
  /** Batches carry a ones column after the inputs (ShuffledBatches' onesColumn): no concat per step. */
  readonly inputOnes = true;
  private t = 0;

  constructor(
    private readonly backend: NodeKernelBackend,
    private readonly network: DenseNetwork,
    initial: tf.Tensor[],
    private readonly options: DenseStepOptions & { batchSize: number },
  ) {
    const b = (this.b = backend.binding);
    // Only the attributes TensorFlow cannot infer from the inputs or take from the op's defaults: each one
    // costs the binding about 0.35 µs a call (46 of 51 per step dropped: 0.19 → 0.17 ms at batch 128).
    const flag = (name: string): OpAttr[] => [{ name, type: b.TF_ATTR_BOOL, value: true }];
    this.attrs = {
      T: [],
      dtype: [{ name: 'dtype', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT }],
      plain: [],
      leftT: flag('transpose_a'),
      rightT: flag('transpose_b'),
      adam: [],
      concat: [
        { name: 'N', type: b.TF_ATTR_INT, value: 2 },
        { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT },
        { name: 'Tidx', type: b.TF_ATTR_TYPE, value: b.TF_INT32 },
      ],
    };
    // The summed gradient is c times the mean loss's: c = batch / the loss's factor (2 for squared error).
    const c = options.batchSize / (network.output === 'linear' ? 2 : 1);
    const scalar = (v: number) => this.own(b.createTensor([], b.TF_FLOAT, Float32Array.of(v)));
    this.constants = [0, ADAM_DEFAULTS.beta1, ADAM_DEFAULTS.beta2, c * ADAM_DEFAULTS.epsilon].map(scalar);
    this.constants.push(options.l2 > 0 ? scalar(c * 2 * options.l2) : -1);
    this.constants.push(this.own(b.createTensor([], b.TF_INT32, Int32Array.of(1))));
    this.inputs = network.layers.length > 0 ? initial[0].shape[0] : 0;
    if (options.l2 > 0) {
      // Layer 1's kernel carries its bias as the last row: the penalty skips that row.
      const mask = new Float32Array(this.inputs + 1).fill(c * 2 * options.l2);
      mask[this.inputs] = 0;
      this.firstL2 = this.own(b.createTensor([this.inputs + 1, 1], b.TF_FLOAT, mask));
    }
    try {
      const first = tf.tidy(() => tf.concat([initial[0], initial[1].reshape([1, -1])], 0));
      const internal = [first, ...initial.slice(2)];
      try {
        const ids = backend.getInputTensorIds(internal);
        internal.forEach((value, i) => {
          const zeros = tf.zerosLike(value);
          try {
            const [w, m, v] = [0, 1, 2].map(() => this.variable(value.shape));
            this.vars.push([w, m, v]);
            const zero = backend.getInputTensorIds([zeros])[0];
            [ids[i], zero, zero].forEach((id, j) => this.exec0('AssignVariableOp', this.attrs.dtype, [this.vars[i][j], id]));
          } finally {
            zeros.dispose();
          }
        });
      } finally {
        first.dispose();
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  step(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
    const [xId, yId] = this.backend.getInputTensorIds([x, y]);
    const rows = x.shape[0];
    const { layers, output } = this.network;
    const temp: number[] = [];
    const run = (name: string, inputs: number[], attrs = this.attrs.T) => {
      const id = this.b.executeOp(name, attrs, inputs, 1)[0].id;
      temp.push(id);
      return id;
    };
    try {
      // w[0]: layer 1's kernel with its bias as the last row (the rows carry a ones column: no BiasAdd,
      // BiasAddGrad, read or Adam update of its own); w[2i - 1], w[2i]: layer i + 1's kernel and bias.
      const w = this.vars.map(([v]) => run('ReadVariableOp', [v], this.attrs.dtype));
      const kernel = (i: number) => (i === 0 ? w[0] : w[2 * i - 1]);
      const inputs = [x.shape[1] === this.inputs ? run('ConcatV2', [xId, this.ones(rows), this.constants[5]], this.attrs.concat) : xId];
      const outputs: number[] = [];
      layers.forEach((layer, i) => {
        const product = run('MatMul', [inputs[i], kernel(i)], this.attrs.plain);
        const z = i === 0 ? product : run('BiasAdd', [product, w[2 * i]]);
        const op = FORWARD[layer.activation];
        const h = i === layers.length - 1 ? z : op ? run(op, [z]) : z;
        outputs.push(h);
        inputs.push(h);
      });
      const z = outputs[layers.length - 1];
      const p = output === 'sigmoid' ? run('Sigmoid', [z]) : output === 'softmax' ? run('Softmax', [z]) : z;
      let dz = run('Sub', [p, yId]);
      if (rows !== this.options.batchSize) dz = run('Mul', [dz, this.rescaleBy(rows)]);
      const grads: number[] = new Array<number>(w.length);
      const l2 = this.constants[4];
      for (let i = layers.length - 1; i >= 0; i--) {
        const kernelGrad = run('MatMul', [inputs[i], dz], this.attrs.leftT);
        const k = i === 0 ? 0 : 2 * i - 1;
        grads[k] = l2 >= 0 ? run('AddV2', [kernelGrad, run('Mul', [kernel(i), i === 0 ? this.firstL2 : l2])]) : kernelGrad;
        if (i === 0) break;
        grads[2 * i] = run('BiasAddGrad', [dz]);
        dz = this.activationGrad(run, run('MatMul', [dz, kernel(i)], this.attrs.rightT), outputs[i - 1], layers[i - 1].activation);
      }
      const t = ++this.t;
      const { learningRate } = this.options;
      const { beta1, beta2 } = ADAM_DEFAULTS;
      // ApplyAdam's step is lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ): that rate with zero β powers is one upload, not two.
      const rate = this.b.createTensor([], this.b.TF_FLOAT, Float32Array.of((learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t)));
      temp.push(rate);
      const [zero, b1, b2, eps] = this.constants;
      grads.forEach((g, i) => this.exec0('ResourceApplyAdam', this.attrs.adam, [...this.vars[i], zero, zero, rate, b1, b2, eps, g]));
      // The logits are the caller's: the one handle that becomes a TF.js tensor.
      temp.splice(temp.indexOf(z), 1);
      return this.backend.createOutputTensor({ id: z, shape: [rows, layers[layers.length - 1].units], dtype: this.b.TF_FLOAT });
    } finally {
      for (const id of temp) this.b.deleteTensor(id);
    }
  }

  logits(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const weights = this.snapshot();
      const { plain, T } = this.attrs;
      const run = (name: string, inputs: tf.Tensor[], attrs = T) => this.backend.executeSingleOutput(name, attrs, inputs);
      return this.network.layers.reduce((h, layer, i) => {
        const z = run('BiasAdd', [run('MatMul', [h, weights[2 * i]], plain), weights[2 * i + 1]]);
        const op = FORWARD[layer.activation];
        return op ? run(op, [z]) : z;
      }, x);
    });
  }

  penalty(): number {
    if (this.options.l2 <= 0) return 0;
    return tf.tidy(() => {
      const kernels = this.snapshot().filter((_, i) => i % 2 === 0);
      return tf.mul(tf.addN(kernels.map((w) => tf.sum(tf.square(w)))), this.options.l2).dataSync()[0];
    });
  }

  snapshot(): tf.Tensor[] {
    // A read shares the variable's buffer; TensorFlow copies it on the next update (copy on write).
    const [first, ...rest] = this.vars.map(([v]) =>
      this.backend.createOutputTensor(this.b.executeOp('ReadVariableOp', this.attrs.dtype, [v], 1)[0]),
    );
    const [kernel, bias] = tf.tidy(() => {
      const [k, b] = tf.split(first, [this.inputs, 1], 0);
      return [k, b.reshape([-1])];
    });
    first.dispose();
    return [kernel, bias, ...rest];
  }

  restore(values: tf.Tensor[]): void {
    const first = tf.tidy(() => tf.concat([values[0], values[1].reshape([1, -1])], 0));
    const internal = [first, ...values.slice(2)];
    this.backend.getInputTensorIds(internal).forEach((id, i) => this.exec0('AssignVariableOp', this.attrs.dtype, [this.vars[i][0], id]));
    first.dispose();
  }

  dispose(): void {
    const attrs = [{ name: 'ignore_lookup_error', type: this.b.TF_ATTR_BOOL, value: true }];
    for (const handle of this.vars.flat()) this.exec0('DestroyResourceOp', attrs, [handle]);
    for (const id of [...this.owned, ...this.rescale.values(), ...this.onesColumns.values()]) this.b.deleteTensor(id);
    this.owned.length = 0;
    this.rescale.clear();
    this.onesColumns.clear();
    this.vars.length = 0;
  }

  private activationGrad(run: (name: string, inputs: number[]) => number, dy: number, y: number, activation: Activation): number {
    const grad = activationGradOp(activation, dy, y);
    return grad ? run(grad[0], grad[1]) : dy;
  }

  /** A rows × 1 column of ones (cached per row count) for rows that come without it. */
  private ones(rows: number): number {
    let id = this.onesColumns.get(rows);
    if (id === undefined) {
      id = this.b.createTensor([rows, 1], this.b.TF_FLOAT, new Float32Array(rows).fill(1));
      this.onesColumns.set(rows, id);
    }
    return id;
  }

  /** batch / rows as a cached scalar: a short batch's Σ scaled to the full batch's c. */
  private rescaleBy(rows: number): number {
    let id = this.rescale.get(rows);
    if (id === undefined) {
      id = this.b.createTensor([], this.b.TF_FLOAT, Float32Array.of(this.options.batchSize / rows));
      this.rescale.set(rows, id);
    }
    return id;
  }

  private variable(shape: number[]): number {
    const b = this.b;
    const [handle] = b.executeOp(
      'VarHandleOp',
      [
        ...this.attrs.dtype,
        { name: 'shape', type: b.TF_ATTR_SHAPE, value: shape },
        // A unique name per variable (TensorFlow shares variables of the same name), per thread too.
        { name: 'shared_name', type: b.TF_ATTR_STRING, value: `modelstream_step_${process.pid}_${threadId}_${nextVariable++}` },
      ],
      [],
      1,
    );
    return this.own(handle.id);
  }

  private own(id: number): number {
    this.owned.push(id);
    return id;
  }

  private exec0(name: string, attrs: OpAttr[], inputs: number[]): void {
    this.b.executeOp(name, attrs, inputs, 0);
  }
}
