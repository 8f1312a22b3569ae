/**
 * The best split of one node on one feature, from a histogram of the node's rows over the feature's bins.
 * Only the bins the rows fall in are touched (a deep node has a few rows but a feature may have 255
 * bins), and the score maximized is Σ_c n_c² / W over both children (Gini) or S² / W (squared error): a
 * node's weighted impurity is W − Σ_c n_c² / W, or Σ w y² − S² / W, so the decrease of a split is the
 * children's score minus the parent's. The hot loops are specialized per task, on plain typed arrays.
 */
import type { TreeData } from './tree-builder';

export interface BestSplit {
  score: number;
  feature: number;
  /** Rows with bin ≤ this go left. */
  bin: number;
}

/** Fewer touched bins than this are ordered by insertion sort, more by a pass over the stamps. */
const INSERTION_SORT_MAX = 24;

export class SplitFinder {
  private readonly hist: Float64Array;
  private readonly sums: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly leftSums: Float64Array;
  private now = 0;
  private t = 0;
  readonly best: BestSplit = { score: -Infinity, feature: -1, bin: 0 };

  constructor(
    private readonly data: TreeData,
    private readonly weight: Float64Array,
    private readonly minLeaf: number,
  ) {
    const maxBins = data.edges.reduce((most, e) => Math.max(most, e.length + 1), 2);
    const stride = Math.max(1, data.classes);
    this.hist = new Float64Array(maxBins * stride);
    this.sums = new Float64Array(maxBins);
    this.stamp = new Int32Array(maxBins);
    this.touched = new Int32Array(maxBins);
    this.leftSums = new Float64Array(stride);
  }

  reset(): void {
    this.best.score = -Infinity;
    this.best.feature = -1;
  }

  /**
   * Scores feature f's splits of rows[start, end) (total weight W; class weights `total`, or the weighted
   * target sum total[0]) against the best so far; false when f is constant in the node.
   */
  evaluate(f: number, rows: Int32Array, start: number, end: number, W: number, total: Float64Array): boolean {
    return this.data.classes > 0 ? this.classification(f, rows, start, end, W, total) : this.regression(f, rows, start, end, W, total[0]);
  }

  private regression(f: number, rows: Int32Array, start: number, end: number, W: number, S: number): boolean {
    const { binned, n, target } = this.data;
    const { weight, hist, sums, stamp, touched } = this;
    const now = ++this.now;
    const col = f * n;
    let t = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const b = binned[col + r];
      const w = weight[r];
      if (stamp[b] !== now) {
        stamp[b] = now;
        touched[t++] = b;
        hist[b] = w;
        sums[b] = w * target[r];
      } else {
        hist[b] += w;
        sums[b] += w * target[r];
      }
    }
    if (t < 2) return false;
    this.t = t;
    this.order(f);
    const msl = this.minLeaf;
    let WL = 0;
    let SL = 0;
    for (let i = 0; i + 1 < t; i++) {
      const b = touched[i];
      WL += hist[b];
      SL += sums[b];
      if (WL < msl) continue;
      const WR = W - WL;
      if (WR < msl) break;
      const SR = S - SL;
      const score = (SL * SL) / WL + (SR * SR) / WR;
      if (score > this.best.score) this.take(score, f, b, touched[i + 1]);
    }
    return true;
  }

  private classification(f: number, rows: Int32Array, start: number, end: number, W: number, total: Float64Array): boolean {
    const { binned, n, target } = this.data;
    const k = this.data.classes;
    const { weight, hist, stamp, touched, leftSums } = this;
    const now = ++this.now;
    const col = f * n;
    let t = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const b = binned[col + r];
      const at = b * k;
      if (stamp[b] !== now) {
        stamp[b] = now;
        touched[t++] = b;
        for (let c = 0; c < k; c++) hist[at + c] = 0;
      }
      hist[at + target[r]] += weight[r];
    }
    if (t < 2) return false;
    this.t = t;
    this.order(f);
    const msl = this.minLeaf;
    let WL = 0;
    if (k === 2) {
      let L0 = 0;
      let L1 = 0;
      const T0 = total[0];
      const T1 = total[1];
      for (let i = 0; i + 1 < t; i++) {
        const at = touched[i] * 2;
        L0 += hist[at];
        L1 += hist[at + 1];
        WL = L0 + L1;
        if (WL < msl) continue;
        const WR = W - WL;
        if (WR < msl) break;
        const R0 = T0 - L0;
        const R1 = T1 - L1;
        const score = (L0 * L0 + L1 * L1) / WL + (R0 * R0 + R1 * R1) / WR;
        if (score > this.best.score) this.take(score, f, touched[i], touched[i + 1]);
      }
      return true;
    }
    leftSums.fill(0);
    for (let i = 0; i + 1 < t; i++) {
      const at = touched[i] * k;
      let l = 0;
      let r = 0;
      for (let c = 0; c < k; c++) {
        const lc = (leftSums[c] += hist[at + c]);
        const rc = total[c] - lc;
        l += lc * lc;
        r += rc * rc;
        WL += hist[at + c];
      }
      if (WL < msl) continue;
      const WR = W - WL;
      if (WR < msl) break;
      const score = l / WL + r / WR;
      if (score > this.best.score) this.take(score, f, touched[i], touched[i + 1]);
    }
    return true;
  }

  /** Puts the touched bins in increasing order. */
  private order(f: number): void {
    const { touched, stamp, now, t } = this;
    if (t <= INSERTION_SORT_MAX) {
      for (let i = 1; i < t; i++) {
        const v = touched[i];
        let j = i - 1;
        for (; j >= 0 && touched[j] > v; j--) touched[j + 1] = touched[j];
        touched[j + 1] = v;
      }
      return;
    }
    const bins = this.data.edges[f].length + 1;
    for (let b = 0, i = 0; b < bins; b++) if (stamp[b] === now) touched[i++] = b;
  }

  /** A new best: left holds bins ≤ lower; the edge is taken halfway across the empty bins up to `upper`. */
  private take(score: number, feature: number, lower: number, upper: number): void {
    this.best.score = score;
    this.best.feature = feature;
    this.best.bin = (lower + upper - 1) >> 1;
  }
}
