/**
 * The step's operations as raw TensorFlow ops through tfjs-node's backend: one native call each, where
 * TF.js's own kernels spend several (tf.matMul runs BatchMatMulV2, 3–6× slower than MatMul on small
 * matrices; tf.fused.matMul is three ops there; reductions and reshapes upload their axes every call).
 * Weights and Adam's moments are TensorFlow resource variables updated in place by ResourceApplyAdam:
 * one call per tensor instead of a dozen.
 */
import { threadId } from 'node:worker_threads';
import { tf } from '../backend';
import { NodeKernelBackend, nodeKernelBackend, OpAttr } from '../node-backend';
import type { Activation, OutputKind } from './dense-network';
import type { AdamSettings, ParamStore, StepOps } from './step-ops';

/** TensorFlow's op for each activation (linear: none). */
export const FORWARD: Record<Activation, string | null> = { linear: null, relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid', elu: 'Elu' };

/** The op and inputs of an activation's gradient from dy and the activation's output y (linear: none, dy passes). */
export function activationGradOp<T>(activation: Activation, dy: T, y: T): [string, T[]] | null {
  switch (activation) {
    case 'linear':
      return null;
    case 'relu':
      return ['ReluGrad', [dy, y]];
    case 'tanh':
      return ['TanhGrad', [y, dy]];
    case 'sigmoid':
      return ['SigmoidGrad', [y, dy]];
    case 'elu':
      return ['EluGrad', [dy, y]];
  }
}

/** Raw-op steps for the native backend, or null on any other backend. */
export function nativeOps(): StepOps | null {
  const backend = nodeKernelBackend();
  if (!backend) return null;
  const { binding } = backend;
  const T = [{ name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT }];
  const matMulAttrs = (a: boolean, b: boolean) => [
    ...T,
    { name: 'transpose_a', type: binding.TF_ATTR_BOOL, value: a },
    { name: 'transpose_b', type: binding.TF_ATTR_BOOL, value: b },
  ];
  const plain = matMulAttrs(false, false);
  const leftT = matMulAttrs(true, false);
  const rightT = matMulAttrs(false, true);
  const run = (name: string, inputs: tf.Tensor[], attrs: OpAttr[] = T) => backend.executeSingleOutput(name, attrs, inputs);

  return {
    kind: 'native',
    dense: (x, w, b, activation) => {
      const z = run('BiasAdd', [run('MatMul', [x, w], plain), b]);
      const op = FORWARD[activation];
      return op ? run(op, [z]) : z;
    },
    kernelGrad: (x, dz) => run('MatMul', [x, dz], leftT),
    biasGrad: (dz) => run('BiasAddGrad', [dz]),
    inputGrad: (dz, w) => run('MatMul', [dz, w], rightT),
    activationGrad: (dy, y, activation) => {
      const grad = activationGradOp(activation, dy, y);
      return grad ? run(grad[0], grad[1]) : dy;
    },
    outputGrad: (z, y, output: OutputKind, scale) => {
      const p = output === 'sigmoid' ? run('Sigmoid', [z]) : output === 'softmax' ? run('Softmax', [z]) : z;
      return run('Mul', [run('Sub', [p, y]), scale]);
    },
    add: (a, b) => run('AddV2', [a, b]),
    mul: (a, b) => run('Mul', [a, b]),
    params: (initial, adam) => new ResourceParams(backend, initial, adam),
  };
}

let nextVariable = 0;

/** Weights, m and v as resource variables; each update is one ResourceApplyAdam per tensor. */
class ResourceParams implements ParamStore {
  private readonly handles: tf.Tensor[] = [];
  private readonly moments: tf.Tensor[][] = [];
  private readonly constants: tf.Scalar[];
  private readonly dtype: OpAttr[];
  private readonly applyAttrs: OpAttr[];

  constructor(
    private readonly backend: NodeKernelBackend,
    initial: tf.Tensor[],
    private readonly adam: AdamSettings,
  ) {
    const { binding } = backend;
    this.dtype = [{ name: 'dtype', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT }];
    this.applyAttrs = [
      { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
      { name: 'use_locking', type: binding.TF_ATTR_BOOL, value: false },
      { name: 'use_nesterov', type: binding.TF_ATTR_BOOL, value: false },
    ];
    this.constants = [tf.scalar(0), tf.scalar(adam.beta1), tf.scalar(adam.beta2), tf.scalar(adam.epsilon)];
    try {
      for (const value of initial) {
        const [handle, m, v] = [0, 1, 2].map(() => this.variable(value.shape));
        this.handles.push(handle);
        this.moments.push([m, v]);
        tf.tidy(() => {
          this.write(handle, value);
          this.write(m, tf.zerosLike(value));
          this.write(v, tf.zerosLike(value));
        });
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  read(): tf.Tensor[] {
    return this.handles.map((h) => this.backend.executeSingleOutput('ReadVariableOp', this.dtype, [h]));
  }

  update(grads: tf.Tensor[], t: number): void {
    // ApplyAdam's step is lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ): passing that rate with zero powers is one upload, not two.
    const [noPower, beta1, beta2, epsilon] = this.constants;
    const rate = tf.scalar((this.adam.learningRate * Math.sqrt(1 - this.adam.beta2 ** t)) / (1 - this.adam.beta1 ** t));
    try {
      grads.forEach((g, i) => {
        const [m, v] = this.moments[i];
        this.backend.executeMultipleOutputs(
          'ResourceApplyAdam',
          this.applyAttrs,
          [this.handles[i], m, v, noPower, noPower, rate, beta1, beta2, epsilon, g],
          0,
        );
      });
    } finally {
      rate.dispose();
    }
  }

  snapshot(): tf.Tensor[] {
    // A read shares the variable's buffer; TensorFlow copies it on the next update (copy on write).
    return this.read();
  }

  assign(values: tf.Tensor[]): void {
    values.forEach((value, i) => this.write(this.handles[i], value));
  }

  dispose(): void {
    const attrs = [{ name: 'ignore_lookup_error', type: this.backend.binding.TF_ATTR_BOOL, value: true }];
    for (const handle of [...this.handles, ...this.moments.flat()]) {
      this.backend.executeMultipleOutputs('DestroyResourceOp', attrs, [handle], 0);
      handle.dispose();
    }
    tf.dispose(this.constants);
  }

  private variable(shape: number[]): tf.Tensor {
    const { binding } = this.backend;
    return this.backend.executeSingleOutput(
      'VarHandleOp',
      [
        ...this.dtype,
        { name: 'shape', type: binding.TF_ATTR_SHAPE, value: shape },
        // A unique name per variable (TensorFlow shares variables of the same name), per thread too.
        { name: 'shared_name', type: binding.TF_ATTR_STRING, value: `modelstream_train_${process.pid}_${threadId}_${nextVariable++}` },
      ],
      [],
    );
  }

  private write(handle: tf.Tensor, value: tf.Tensor): void {
    this.backend.executeMultipleOutputs('AssignVariableOp', this.dtype, [handle, value], 0);
  }
}
