/**
 * Least squares through the normal equations, in float64: given the centered Gram matrix XcᵀXc and
 * Xcᵀyc (moments.ts), a Cholesky factorization with diagonal pivoting solves it. Pivoting
 * finds the rank: one-hot encoding keeps every level of a categorical, so its columns sum to 1 and the
 * centered matrix is singular whenever a categorical is present. The solution returned is then the
 * minimum-norm one — what scikit-learn's LinearRegression (LAPACK least squares) returns.
 */
import type { SolverClock } from './solver-clock';

export interface PivotedCholesky {
  /** Lower-triangular factor of the permuted matrix (d × d, row-major; columns ≥ rank unused). */
  factor: Float64Array;
  /** perm[i] = the original column at position i. */
  perm: Int32Array;
  rank: number;
}

/**
 * PᵀAP = LLᵀ with diagonal pivoting on the largest remaining residual relative to the column's own
 * diagonal (scale-free: a rare one-hot level with a small variance is not mistaken for a dependent one).
 * Stops when every remaining column is, up to `relTol` of its variance, a combination of those chosen.
 * With a clock it heartbeats between columns (d³/3 multiply-adds: seconds for thousands of columns) and
 * returns null when cancelled.
 */
export async function pivotedCholesky(
  matrix: Float64Array,
  d: number,
  relTol = 1e-10,
  clock?: SolverClock,
): Promise<PivotedCholesky | null> {
  const a = Float64Array.from(matrix);
  const diag0 = new Float64Array(d);
  for (let i = 0; i < d; i++) diag0[i] = matrix[i * d + i];
  const perm = Int32Array.from({ length: d }, (_, i) => i);
  let rank = d;
  for (let k = 0; k < d; k++) {
    if (clock && (await clock.pulse())) return null;
    let best = -1;
    let bestRatio = relTol;
    for (let i = k; i < d; i++) {
      const original = diag0[perm[i]];
      const ratio = original > 0 ? a[i * d + i] / original : 0;
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = i;
      }
    }
    if (best < 0) {
      rank = k;
      break;
    }
    if (best !== k) swapSymmetric(a, d, k, best, perm);
    const pivot = Math.sqrt(a[k * d + k]);
    a[k * d + k] = pivot;
    for (let i = k + 1; i < d; i++) a[i * d + k] /= pivot;
    for (let i = k + 1; i < d; i++) {
      const lik = a[i * d + k];
      if (lik === 0) continue;
      for (let j = k + 1; j <= i; j++) a[i * d + j] -= lik * a[j * d + k];
    }
  }
  return { factor: a, perm, rank };
}

/** Swaps rows and columns p < q of a symmetric matrix whose lower triangle is current. */
function swapSymmetric(a: Float64Array, d: number, p: number, q: number, perm: Int32Array): void {
  const lower = (i: number, j: number): number => (i >= j ? i * d + j : j * d + i);
  for (let j = 0; j < d; j++) {
    if (j === p || j === q) continue;
    const ip = lower(p, j);
    const iq = lower(q, j);
    const t = a[ip];
    a[ip] = a[iq];
    a[iq] = t;
  }
  const t = a[p * d + p];
  a[p * d + p] = a[q * d + q];
  a[q * d + q] = t;
  const tp = perm[p];
  perm[p] = perm[q];
  perm[q] = tp;
}

/** Solves L Lᵀ v = c for the leading rank × rank block (in place on c's first `rank` entries). */
export function choleskySolve(l: Float64Array, d: number, rank: number, c: Float64Array): void {
  for (let i = 0; i < rank; i++) {
    let s = c[i];
    for (let j = 0; j < i; j++) s -= l[i * d + j] * c[j];
    c[i] = s / l[i * d + i];
  }
  for (let i = rank - 1; i >= 0; i--) {
    let s = c[i];
    for (let j = i + 1; j < rank; j++) s -= l[j * d + i] * c[j];
    c[i] = s / l[i * d + i];
  }
}

/**
 * The minimum-norm solution of A w = b for a symmetric positive semi-definite A (d × d). With rank r < d
 * the basic solution (dependent columns at zero) is projected off A's null space, which the factor gives
 * directly: Z = P [ -L11⁻ᵀ L21ᵀ ; I ].
 */
export async function solveSymmetric(
  matrix: Float64Array,
  rhs: Float64Array,
  d: number,
  relTol = 1e-10,
  clock?: SolverClock,
): Promise<{ solution: Float64Array; rank: number } | null> {
  const factored = await pivotedCholesky(matrix, d, relTol, clock);
  if (!factored) return null;
  const { factor: l, perm, rank } = factored;
  const v = new Float64Array(d);
  for (let i = 0; i < d; i++) v[i] = rhs[perm[i]];
  choleskySolve(l, d, rank, v);
  v.fill(0, rank);
  const nullity = d - rank;
  if (nullity > 0) {
    // Z's column t: top part solves L11ᵀ z = -L21[t,:]ᵀ, bottom part is e_t.
    const z = new Float64Array(d * nullity);
    for (let t = 0; t < nullity; t++) {
      const top = new Float64Array(rank);
      for (let j = 0; j < rank; j++) top[j] = -l[(rank + t) * d + j];
      for (let i = rank - 1; i >= 0; i--) {
        let s = top[i];
        for (let j = i + 1; j < rank; j++) s -= l[j * d + i] * top[j];
        top[i] = s / l[i * d + i];
      }
      for (let j = 0; j < rank; j++) z[j * nullity + t] = top[j];
      z[(rank + t) * nullity + t] = 1;
    }
    // v -= Z (ZᵀZ)⁻¹ Zᵀ v
    const ztz = new Float64Array(nullity * nullity);
    const ztv = new Float64Array(nullity);
    for (let i = 0; i < d; i++) {
      for (let s = 0; s < nullity; s++) {
        const zs = z[i * nullity + s];
        ztv[s] += zs * v[i];
        for (let t = 0; t < nullity; t++) ztz[s * nullity + t] += zs * z[i * nullity + t];
      }
    }
    const coef = (await solveSymmetric(ztz, ztv, nullity, 1e-14))!.solution;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let t = 0; t < nullity; t++) s += z[i * nullity + t] * coef[t];
      v[i] -= s;
    }
  }
  const solution = new Float64Array(d);
  for (let i = 0; i < d; i++) solution[perm[i]] = v[i];
  return { solution, rank };
}
