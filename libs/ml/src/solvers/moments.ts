/**
 * The sums the normal equations need — XᵀX, Xᵀy, ΣX, Σy, yᵀy — in float64 over the float32 rows, centered
 * at the end. Two ways to the same sums (equal to rounding, checked in refined-ridge.spec.ts):
 * - native TensorFlow: float64 matrix products in TensorFlow (native-gram.ts). On the bench's tables
 *   (80k rows): 20 columns 7 → 5 ms, 45 columns 32 → 15 ms.
 * - any other backend: the eight-rows-per-sweep loop below.
 */
import { nativeChunkRows, nativeGramAvailable, nativeProducts } from './native-gram';
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
  /** What computed XᵀX: `tensorflow` (native float64 product) or `typescript`. */
  computedBy: 'tensorflow' | 'typescript';
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
 * Raw sums in one pass, centered at the end. Standardized and one-hot columns keep the centering's
 * cancellation small (a few digits of 16 at most). Returns null when cancelled.
 */
export async function centeredMoments(
  x: Float32Array,
  y: Float32Array,
  d: number,
  clock: SolverClock,
  native = nativeGramAvailable(),
): Promise<CenteredMoments | null> {
  const n = y.length;
  const sums: RawSums = { gram: new Float64Array(d * d), xty: new Float64Array(d), xSum: new Float64Array(d), ySum: 0, yy: 0 };
  if (native) {
    // One native call per chunk of about 50 ms, so the clock still ticks on a million wide rows.
    const chunk = nativeChunkRows(d);
    for (let start = 0; start < n; start += chunk) {
      if (await clock.pulse()) return null;
      addNativeProducts(x, y, d, start, Math.min(n, start + chunk), sums);
    }
  } else {
    const chunk = chunkRows((d * (d + 1)) / 2);
    for (let start = 0; start < n; start += chunk) {
      if (await clock.pulse()) return null;
      accumulateSums(x, y, d, start, Math.min(n, start + chunk), sums);
    }
  }
  return center(sums, n, d, native ? 'tensorflow' : 'typescript');
}

function center(sums: RawSums, n: number, d: number, computedBy: CenteredMoments['computedBy']): CenteredMoments {
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
  return { rows: n, xMean, yMean, gram, xty, yy: sums.yy - n * yMean * yMean, computedBy };
}

/** Adds the rows' XᵀX (upper triangle), Xᵀy and ΣX from native TensorFlow's float64 products. */
function addNativeProducts(x: Float32Array, y: Float32Array, d: number, start: number, end: number, sums: RawSums): void {
  const products = nativeProducts(x.subarray(start * d, end * d), y.subarray(start, end), d, 'float64');
  for (let a = 0; a < d; a++) {
    sums.xty[a] += products.xty[a];
    sums.xSum[a] += products.xSum[a];
    for (let b = a; b < d; b++) sums.gram[a * d + b] += products.gram[a * d + b];
  }
  for (let i = start; i < end; i++) {
    sums.ySum += y[i];
    sums.yy += y[i] * y[i];
  }
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
