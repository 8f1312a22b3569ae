/**
 * Least squares through the normal equations, in float64: one pass over the rows builds the centered
 * Gram matrix XcᵀXc and Xcᵀyc, then a Cholesky factorization with diagonal pivoting solves it. Pivoting
 * finds the rank: one-hot encoding keeps every level of a categorical, so its columns sum to 1 and the
 * centered matrix is singular whenever a categorical is present. The solution returned is then the
 * minimum-norm one — what scikit-learn's LinearRegression (LAPACK least squares) returns.
 */
import { chunkRows, SolverClock } from './solver-clock';

export interface CenteredMoments {
  rows: number;
  /** Column means of X (length d) and the mean of y. */
  xMean: Float64Array;
  yMean: number;
  /** XcᵀXc, d × d row-major (both triangles filled). */
  gram: Float64Array;
  /** Xcᵀyc (length d). */
  xty: Float64Array;
  /** ycᵀyc. */
  yy: number;
}

/**
 * Raw sums XᵀX, Xᵀy, ΣX, Σy in one pass, centered at the end. Standardized and one-hot columns keep the
 * centering's cancellation small (a few digits of 16 at most). Returns null when cancelled.
 */
export async function centeredMoments(x: Float32Array, y: Float32Array, d: number, clock: SolverClock): Promise<CenteredMoments | null> {
  const n = y.length;
  const sums = { gram: new Float64Array(d * d), xty: new Float64Array(d), xSum: new Float64Array(d), ySum: 0, yy: 0 };
  const chunk = chunkRows((d * (d + 1)) / 2);
  for (let start = 0; start < n; start += chunk) {
    if (await clock.pulse()) return null;
    accumulateSums(x, y, d, start, Math.min(n, start + chunk), sums);
  }
  const { gram, xty } = sums;
  const xMean = sums.xSum.map((s) => s / n);
  const yMean = sums.ySum / n;
  for (let a = 0; a < d; a++) {
    xty[a] -= n * xMean[a] * yMean;
    for (let b = a; b < d; b++) {
      const v = gram[a * d + b] - n * xMean[a] * xMean[b];
      gram[a * d + b] = v;
      gram[b * d + a] = v;
    }
  }
  return { rows: n, xMean, yMean, gram, xty, yy: sums.yy - n * yMean * yMean };
}

interface RawSums {
  /** Upper triangle of XᵀX. */
  gram: Float64Array;
  xty: Float64Array;
  xSum: Float64Array;
  ySum: number;
  yy: number;
}

/**
 * Adds rows start ≤ i < end to the sums, eight rows per sweep over the upper triangle (one load and store
 * of each entry per eight rows: measured 1.7× a row at a time in V8); a column that is zero in all eight
 * rows (one-hot levels, mostly) is skipped.
 */
function accumulateSums(x: Float32Array, y: Float32Array, d: number, start: number, end: number, sums: RawSums): void {
  const { gram, xty, xSum } = sums;
  let i = start;
  for (; i + 7 < end; i += 8) {
    const r0 = i * d;
    const [r1, r2, r3, r4, r5, r6, r7] = [r0 + d, r0 + 2 * d, r0 + 3 * d, r0 + 4 * d, r0 + 5 * d, r0 + 6 * d, r0 + 7 * d];
    const [y0, y1, y2, y3, y4, y5, y6, y7] = [y[i], y[i + 1], y[i + 2], y[i + 3], y[i + 4], y[i + 5], y[i + 6], y[i + 7]];
    sums.ySum += y0 + y1 + y2 + y3 + (y4 + y5 + y6 + y7);
    sums.yy += y0 * y0 + y1 * y1 + y2 * y2 + y3 * y3 + (y4 * y4 + y5 * y5 + y6 * y6 + y7 * y7);
    for (let a = 0; a < d; a++) {
      const p0 = x[r0 + a];
      const p1 = x[r1 + a];
      const p2 = x[r2 + a];
      const p3 = x[r3 + a];
      const p4 = x[r4 + a];
      const p5 = x[r5 + a];
      const p6 = x[r6 + a];
      const p7 = x[r7 + a];
      if (p0 === 0 && p1 === 0 && p2 === 0 && p3 === 0 && p4 === 0 && p5 === 0 && p6 === 0 && p7 === 0) continue;
      xSum[a] += p0 + p1 + p2 + p3 + (p4 + p5 + p6 + p7);
      xty[a] += p0 * y0 + p1 * y1 + (p2 * y2 + p3 * y3) + (p4 * y4 + p5 * y5 + (p6 * y6 + p7 * y7));
      const offset = a * d;
      for (let b = a; b < d; b++) {
        gram[offset + b] +=
          p0 * x[r0 + b] +
          p1 * x[r1 + b] +
          (p2 * x[r2 + b] + p3 * x[r3 + b]) +
          (p4 * x[r4 + b] + p5 * x[r5 + b] + (p6 * x[r6 + b] + p7 * x[r7 + b]));
      }
    }
  }
  for (; i < end; i++) {
    const base = i * d;
    const yi = y[i];
    sums.ySum += yi;
    sums.yy += yi * yi;
    for (let a = 0; a < d; a++) {
      const xa = x[base + a];
      if (xa === 0) continue;
      xSum[a] += xa;
      xty[a] += xa * yi;
      const offset = a * d;
      for (let b = a; b < d; b++) gram[offset + b] += xa * x[base + b];
    }
  }
}

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
function choleskySolve(l: Float64Array, d: number, rank: number, c: Float64Array): void {
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
