/**
 * The logistic objective's pass (mean log-loss and its gradient) in float64 on native TensorFlow: the
 * training rows live on the device as float64 blocks for the whole fit; each pass uploads θ, computes
 * the scores by MatMul, the loss by Softplus (binary) or LogSoftmax (multinomial), the residuals, and
 * the gradient by a second MatMul (Eigen's GEMM), and reads back d·units + units + 1 doubles. Float64
 * throughout, so L-BFGS's line search sees the same decreases as the TypeScript loops (a float32 pass
 * stalled it at a gradient of 1e-5: solvers/index.ts).
 */
import type { Objective } from './lbfgs';
import { penalizedMean } from './log-loss';
import { Float64Ops, TF_DOUBLE } from './native-f64';
import type { SolverClock } from './solver-clock';

export interface NativeLogisticPass {
  objective: Objective;
  /** Frees the device copy of the rows. */
  dispose(): void;
}

/** Rows per block: about 10⁷ multiply-adds per product (a few ms in float64), at least 8192. */
function blockRows(d: number, units: number): number {
  return Math.max(8192, Math.floor(1e7 / Math.max(d * units, 1)));
}

/**
 * The same objective as logisticObjective (θ class-major: units blocks of d weights, then the units
 * intercepts; mean log-loss + l2·Σw², intercepts not penalized), or null off the native backend.
 */
export function nativeLogisticObjective(
  x: Float32Array,
  labels: Float32Array,
  d: number,
  units: number,
  l2: number,
  clock: SolverClock,
  rowsPerBlock = blockRows(d, units),
): NativeLogisticPass | null {
  const ops = Float64Ops.open();
  if (!ops) return null;
  const n = labels.length;
  const T = [ops.typeAttr('T', TF_DOUBLE)];
  const reduce = [...T, ops.typeAttr('Tidx', ops.binding.TF_INT32), ops.boolAttr('keep_dims', false)];
  const unary = (name: string, a: number): number => ops.op(name, T, [a]);
  const binary = (name: string, a: number, b: number): number => ops.op(name, T, [a, b]);
  const blocks: { rows: number; y: number }[] = [];
  let allAxes = 0;
  let rowAxis = 0;
  try {
    const step = rowsPerBlock;
    for (let start = 0; start < n; start += step) {
      const end = Math.min(n, start + step);
      const targets = new Float32Array((end - start) * units);
      for (let i = start; i < end; i++) {
        if (units === 1) targets[i - start] = labels[i];
        else targets[(i - start) * units + labels[i]] = 1;
      }
      blocks.push({
        rows: ops.fromFloat32(x.subarray(start * d, end * d), [end - start, d]),
        y: ops.fromFloat32(targets, [end - start, units]),
      });
    }
    allAxes = ops.int32([0, 1]);
    rowAxis = ops.int32([0]);
  } catch (error) {
    ops.release();
    throw error;
  }
  const kept = ops.count();
  const b0 = units * d;

  const objective: Objective = async (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    try {
      const w = ops.fromFloat64(theta.subarray(0, b0), [units, d]);
      const b = ops.fromFloat64(theta.subarray(b0, b0 + units), [units]);
      for (const block of blocks) {
        if (await clock.pulse()) return null;
        const scores = binary('BiasAdd', ops.matMul(block.rows, w, TF_DOUBLE, false, true), b);
        let residuals: number;
        if (units === 1) {
          // log-loss = softplus(z) − y·z; residual σ(z) − y
          const perRow = binary('Sub', unary('Softplus', scores), binary('Mul', block.y, scores));
          loss += ops.read(ops.op('Sum', reduce, [perRow, allAxes]))[0];
          residuals = binary('Sub', unary('Sigmoid', scores), block.y);
        } else {
          // log-loss = −Σ y·log softmax(z); residual softmax(z) − y
          const logP = unary('LogSoftmax', scores);
          loss -= ops.read(ops.op('Sum', reduce, [binary('Mul', block.y, logP), allAxes]))[0];
          residuals = binary('Sub', unary('Exp', logP), block.y);
        }
        const gw = ops.read(ops.matMul(residuals, block.rows, TF_DOUBLE, true));
        const gb = ops.read(ops.op('Sum', reduce, [residuals, rowAxis]));
        for (let i = 0; i < b0; i++) grad[i] += gw[i];
        for (let u = 0; u < units; u++) grad[b0 + u] += gb[u];
      }
    } finally {
      ops.release(kept);
    }
    return penalizedMean(theta, grad, loss, n, units, d, l2);
  };
  return { objective, dispose: () => ops.release() };
}
