/**
 * Histogram binning of the encoded training matrix, done once per fit: every column gets at most `bins`
 * bins cut at quantiles of its values (a column with few distinct values, a one-hot level say, gets one
 * bin per value), and the matrix becomes one byte per cell, row-major like the input (a node's split
 * search reads several features of each of its rows), in shared memory the tree workers read without
 * copying. A split "bin ≤ b" is the split "x ≤ edges[b]" on the encoded value, so
 * a saved tree holds the edge and prediction needs no binning.
 */
import { seededRandom } from '../split';

export interface BinnedMatrix {
  /** n × d bin indices, row-major (row r, feature f at binned[r·d + f]); backed by a SharedArrayBuffer. */
  binned: Uint8Array;
  n: number;
  d: number;
  /** Per column, the increasing upper edges of its bins but the last (bin b holds edges[b-1] < x ≤ edges[b]). */
  edges: Float32Array[];
}

/** Rows sampled to place a column's quantile edges (as scikit-learn's histogram boosting does). */
const QUANTILE_SAMPLE = 200_000;

/** Bins the row-major n × d matrix `x`; `maxBins` ≤ 256 so a bin index fits a byte. */
export function binMatrix(x: Float32Array, n: number, d: number, maxBins: number, seed = 0): BinnedMatrix {
  const matrix = emptyBinnedMatrix(n, d);
  const sample = quantileSample(n, seed);
  for (let f = 0; f < d; f++) binColumn(matrix, x, f, maxBins, sample);
  return matrix;
}

/** An n × d matrix of bin 0 in shared memory, its edges to be filled column by column (binColumn). */
export function emptyBinnedMatrix(n: number, d: number): BinnedMatrix {
  const binned = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * d)), 0, n * d);
  return { binned, n, d, edges: Array.from({ length: d }, () => new Float32Array(0)) };
}

/** Places column f's edges from the sampled rows and bins all its rows. */
export function binColumn(matrix: BinnedMatrix, x: Float32Array, f: number, maxBins: number, sample: Int32Array): void {
  if (maxBins < 2 || maxBins > 256) throw new Error(`bins must be within 2..256, got ${maxBins}`);
  const { n, d } = matrix;
  const values = new Float32Array(sample.length);
  for (let i = 0; i < sample.length; i++) values[i] = x[sample[i] * d + f];
  const edges = columnEdges(sortFloats(values), maxBins);
  matrix.edges[f] = edges;
  // A fixed eight-step search over the edges padded to 256 with +∞ (the first b with v ≤ edges[b]).
  const e = new Float32Array(256).fill(Infinity);
  e.set(edges);
  const out = matrix.binned;
  for (let r = 0, at = f; r < n; r++, at += d) {
    const v = x[at];
    let b = v > e[127] ? 128 : 0;
    if (v > e[b + 63]) b += 64;
    if (v > e[b + 31]) b += 32;
    if (v > e[b + 15]) b += 16;
    if (v > e[b + 7]) b += 8;
    if (v > e[b + 3]) b += 4;
    if (v > e[b + 1]) b += 2;
    if (v > e[b]) b += 1;
    out[at] = b;
  }
}

/** The bin of value v: the first b with v ≤ edges[b], or edges.length. */
export function binOf(edges: Float32Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Edges for a column's sorted values: between every two neighbouring distinct values when there are at
 * most `maxBins` of them, else at the column's quantiles. An edge lies in [lower value, upper value), as
 * a float32, so both values keep their own side.
 */
export function columnEdges(sorted: Float32Array, maxBins: number): Float32Array {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= maxBins; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const edges: number[] = [];
  const push = (lower: number, upper: number) => {
    const mid = Math.fround((lower + upper) / 2);
    const edge = mid < upper ? mid : lower;
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  };
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) push(distinct[i], distinct[i + 1]);
    return Float32Array.from(edges);
  }
  // Quantile cuts: the value at each j/maxBins position and the next larger value the sample holds.
  for (let j = 1; j < maxBins; j++) {
    const at = Math.min(sorted.length - 1, Math.floor((j * sorted.length) / maxBins) - 1);
    const lower = sorted[Math.max(0, at)];
    const next = upperNeighbour(sorted, lower);
    if (next !== undefined) push(lower, next);
  }
  return Float32Array.from(edges);
}

/**
 * Sorts float32 values ascending (NaN-free) by a three-pass LSD radix sort of their bits, mapped so that
 * unsigned order is numeric order: several times faster than TypedArray#sort on 100k values.
 */
export function sortFloats(values: Float32Array): Float32Array {
  const n = values.length;
  let keys: Uint32Array<ArrayBufferLike> = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) keys[i] = keys[i] & 0x80000000 ? ~keys[i] >>> 0 : (keys[i] | 0x80000000) >>> 0;
  let spare: Uint32Array<ArrayBufferLike> = new Uint32Array(n);
  const counts = new Int32Array(2048);
  for (const shift of [0, 11, 22]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & 2047]++;
    for (let b = 0, sum = 0; b < 2048; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) spare[counts[(keys[i] >>> shift) & 2047]++] = keys[i];
    [keys, spare] = [spare, keys];
  }
  // three passes: the sorted keys are in the scratch array; map back into `values`
  const out = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) out[i] = keys[i] & 0x80000000 ? (keys[i] & 0x7fffffff) >>> 0 : ~keys[i] >>> 0;
  return values;
}

/** The smallest value in `sorted` above v, if any. */
function upperNeighbour(sorted: Float32Array, v: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

/** Row indices to place edges from: all rows, or a seeded sample of QUANTILE_SAMPLE of them. */
export function quantileSample(n: number, seed: number, limit = QUANTILE_SAMPLE): Int32Array {
  if (n <= limit) return Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed ^ 0x5bd1e995);
  const rows = new Int32Array(limit);
  for (let i = 0; i < limit; i++) rows[i] = Math.floor(random() * n);
  return rows;
}
