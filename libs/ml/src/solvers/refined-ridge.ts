/**
 * Ridge regression by mixed-precision iterative refinement (the idea of LAPACK's dsgesv): the normal
 * equations' products in float32 on native TensorFlow (four times faster than float64 here), a float64
 * Cholesky factor of that system, then corrections from the exact float64 residual until they vanish:
 *
 *   R = [Xᵀr - αw ; Σr] with r = y - Xw - b (row kernels, float64),  δw = S̃⁻¹(R_w - x̄ R_b),  δb = R_b/n - x̄ᵀδw
 *
 * where S̃ = X̃cᵀX̃c + αI is the float32-derived centered system. Each correction shrinks the error by
 * about cond(S)·1e-7; the answer is the float64 one (the bench tables: 1e-8 relative of the exact path
 * after one correction). The first solve is the first reported iteration, each correction the next.
 * Returns 'fallback' when the float32 system is too ill-conditioned for the corrections to converge
 * (rank lost, or a correction not ten times smaller than the one before): the exact path takes over.
 */
import type { TrainingData } from '../train';
import type { LinearWeights } from './linear-weights';
import { validationMetrics } from './linear-weights';
import { nativeChunkRows, nativeProducts } from './native-gram';
import { choleskySolve, pivotedCholesky } from './normal-equations';
import { accumulateGradient, blockScores } from './row-kernels';
import { chunkRows, SolverClock } from './solver-clock';

export interface RefinedRidgeFit {
  weights: LinearWeights;
  /** Corrections applied after the first solve. */
  corrections: number;
}

/** Stop when the error left (estimated from the last two corrections) is below this, relative to w. */
const CONVERGED = 1e-10;

export async function fitRidgeRefined(
  data: TrainingData,
  alpha: number,
  maxIter: number,
  clock: SolverClock,
): Promise<RefinedRidgeFit | 'fallback' | null> {
  const { xTrain: x, yTrain: y, inputDim: d } = data;
  const n = y.length;
  const approx = await approximateSystem(x, y, d, alpha, clock);
  if (!approx) return null;
  const { system, xMean, yMean, yy } = approx;
  const factored = await pivotedCholesky(system, d, 1e-10, clock);
  if (!factored) return null;
  if (factored.rank < d) return 'fallback';
  const solve = (rhs: Float64Array): Float64Array => {
    const v = new Float64Array(d);
    for (let i = 0; i < d; i++) v[i] = rhs[factored.perm[i]];
    choleskySolve(factored.factor, d, d, v);
    const out = new Float64Array(d);
    for (let i = 0; i < d; i++) out[factored.perm[i]] = v[i];
    return out;
  };
  const w = solve(approx.rhs);
  let bias = yMean - dot(xMean, w);
  // The ridge objective ÷ n: epoch 1's from the float32-derived moments, later ones from each exact residual.
  let loss = (yy - 2 * dot(w, approx.rhs) + quadratic(system, w, d)) / n;
  const weights = (): LinearWeights => ({ kernel: w, bias: Float64Array.of(bias), units: 1 });
  await clock.iterationEnd(1, maxIter, loss, validationMetrics(data, weights()), n);
  let previous = Infinity;
  for (let iteration = 2; iteration <= maxIter && !clock.cancelled; iteration++) {
    const residual = await exactResidual(x, y, d, w, bias, clock);
    if (!residual) return null;
    loss = (residual.squares + alpha * dot(w, w)) / n;
    const rb = residual.sum;
    const rw = new Float64Array(d);
    for (let a = 0; a < d; a++) rw[a] = residual.xtr[a] - alpha * w[a] - xMean[a] * rb;
    const dw = solve(rw);
    const db = rb / n - dot(xMean, dw);
    for (let a = 0; a < d; a++) w[a] += dw[a];
    bias += db;
    const size = Math.max(maxAbs(dw), Math.abs(db)) / Math.max(maxAbs(w), Math.abs(bias), Number.MIN_VALUE);
    await clock.iterationEnd(iteration, maxIter, loss, validationMetrics(data, weights()), n);
    // The error left is about size · (size / previous) while corrections shrink geometrically.
    if (size <= Number.EPSILON || (size * size) / previous <= CONVERGED) return { weights: weights(), corrections: iteration - 1 };
    if (previous < Infinity && size > previous / 10) return 'fallback';
    previous = size;
  }
  return clock.cancelled ? null : { weights: weights(), corrections: maxIter - 1 };
}

interface ApproximateSystem {
  /** X̃cᵀX̃c + αI (d × d) and X̃cᵀyc, from float32 products. */
  system: Float64Array;
  rhs: Float64Array;
  xMean: Float64Array;
  yMean: number;
  /** ycᵀyc (exact). */
  yy: number;
}

async function approximateSystem(
  x: Float32Array,
  y: Float32Array,
  d: number,
  alpha: number,
  clock: SolverClock,
): Promise<ApproximateSystem | null> {
  const n = y.length;
  const gram = new Float64Array(d * d);
  const xty = new Float64Array(d);
  const xSum = new Float64Array(d);
  const chunk = nativeChunkRows(d) * 4;
  for (let start = 0; start < n; start += chunk) {
    if (await clock.pulse()) return null;
    const end = Math.min(n, start + chunk);
    const part = nativeProducts(x.subarray(start * d, end * d), y.subarray(start, end), d, 'float32');
    for (let i = 0; i < d * d; i++) gram[i] += part.gram[i];
    for (let a = 0; a < d; a++) {
      xty[a] += part.xty[a];
      xSum[a] += part.xSum[a];
    }
  }
  let ySum = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    ySum += y[i];
    yy += y[i] * y[i];
  }
  const yMean = ySum / n;
  const xMean = xSum.map((s) => s / n);
  const rhs = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    rhs[a] = xty[a] - n * xMean[a] * yMean;
    for (let b = 0; b < d; b++) gram[a * d + b] -= n * xMean[a] * xMean[b];
    gram[a * d + a] += alpha;
  }
  return { system: gram, rhs, xMean, yMean, yy: yy - n * yMean * yMean };
}

/** r = y - Xw - b over the training rows, in float64: Xᵀr, Σr and Σr². */
async function exactResidual(x: Float32Array, y: Float32Array, d: number, w: Float64Array, bias: number, clock: SolverClock) {
  const n = y.length;
  const theta = new Float64Array(d + 1);
  theta.set(w);
  theta[d] = bias;
  const chunk = chunkRows(2 * d);
  const r = new Float64Array(Math.min(n, chunk));
  const grad = new Float64Array(d + 1);
  let squares = 0;
  for (let start = 0; start < n; start += chunk) {
    if (await clock.pulse()) return null;
    const end = Math.min(n, start + chunk);
    blockScores(x, d, start, end, theta, 1, r);
    for (let i = start; i < end; i++) {
      const ri = y[i] - r[i - start];
      r[i - start] = ri;
      squares += ri * ri;
    }
    accumulateGradient(x, d, start, end, r, 1, grad);
  }
  return { xtr: grad.subarray(0, d), sum: grad[d], squares };
}

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i], 0);
const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

function quadratic(matrix: Float64Array, w: Float64Array, d: number): number {
  let q = 0;
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let b = 0; b < d; b++) s += matrix[a * d + b] * w[b];
    q += w[a] * s;
  }
  return q;
}
