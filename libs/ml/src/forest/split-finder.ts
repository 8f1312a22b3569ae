/**
 * The best split of one node among a few drawn features, from histograms of the node's rows over each
 * feature's bins. One pass over the node's rows fills every drawn feature's histogram (the binned matrix
 * is row-major, so a row's bins share a cache line), touching only the bins the rows fall in (a deep
 * node has a few rows, a feature up to 256 bins). The score maximized is Σ_c n_c² / W over both children
 * (Gini) or S² / W (squared error): a node's weighted impurity is W − Σ_c n_c² / W, or Σ w y² − S² / W,
 * so the decrease of a split is the children's score minus the parent's. The hot loops are specialized
 * per task, on plain typed arrays.
 */
import type { TreeData } from './tree-builder';

/**
 * The in-bag rows of a tree, kept grouped by node (each node's rows are a range, partitioned in place at
 * a split), with each row's bootstrap weight and target alongside: the histogram passes read those in
 * order and gather only the bins.
 */
export interface NodeRows {
  rows: Int32Array;
  weights: Float64Array;
  /** The target (regression) or class index (classification; also in `labels`, as an integer index). */
  targets: Float32Array;
  labels: Int32Array;
}

export interface BestSplit {
  score: number;
  feature: number;
  /** Rows with bin ≤ this go left. */
  bin: number;
}

/** Fewer touched bins than this are ordered by insertion sort, more by a pass over the stamps. */
const INSERTION_SORT_MAX = 24;

export class SplitFinder {
  private readonly maxBins: number;
  /** Per feature slot, per bin: the class weights (classification) or weight and weighted target sum. */
  private readonly hist: Float64Array;
  private readonly stride: number;
  /** Per slot and bin, the pass that last touched it; per slot, the bins touched (in touch order). */
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly counts: Int32Array;
  private readonly leftSums: Float64Array;
  private now = 0;
  readonly best: BestSplit = { score: -Infinity, feature: -1, bin: 0 };

  constructor(
    private readonly data: TreeData,
    private readonly nodeRows: NodeRows,
    private readonly minLeaf: number,
    slots: number,
  ) {
    this.maxBins = data.edges.reduce((most, e) => Math.max(most, e.length + 1), 2);
    this.stride = data.classes > 0 ? data.classes : 2;
    this.hist = new Float64Array(slots * this.maxBins * this.stride);
    this.stamp = new Int32Array(slots * this.maxBins);
    this.touched = new Int32Array(slots * this.maxBins);
    this.counts = new Int32Array(slots);
    this.leftSums = new Float64Array(this.stride);
  }

  reset(): void {
    this.best.score = -Infinity;
    this.best.feature = -1;
  }

  /**
   * Scores the splits of the node's rows [start, end) (total weight W; class weights `total`, or the
   * weighted target sum total[0]) on features[from, from + count) against the best so far, in that order;
   * answers how many of those features are not constant in the node.
   */
  evaluate(features: Int32Array, from: number, count: number, start: number, end: number, W: number, total: Float64Array): number {
    this.counts.fill(0, 0, count);
    if (this.data.classes > 0) this.classHistograms(features, from, count, start, end);
    else this.regressionHistograms(features, from, count, start, end);
    let informative = 0;
    for (let j = 0; j < count; j++) {
      if (this.counts[j] < 2) continue;
      informative++;
      this.order(j, features[from + j]);
      if (this.data.classes > 0) this.scanClasses(j, features[from + j], W, total);
      else this.scanRegression(j, features[from + j], W, total[0]);
    }
    return informative;
  }

  private classHistograms(features: Int32Array, from: number, count: number, start: number, end: number): void {
    const { binned, d } = this.data;
    const k = this.stride;
    const { rows, weights, labels } = this.nodeRows;
    const { hist, stamp, touched, counts, maxBins } = this;
    const now = ++this.now;
    for (let i = start; i < end; i++) {
      const base = rows[i] * d;
      const w = weights[i];
      const y = labels[i];
      for (let j = 0; j < count; j++) {
        const b = binned[base + features[from + j]];
        const slot = j * maxBins + b;
        if (stamp[slot] !== now) {
          stamp[slot] = now;
          touched[j * maxBins + counts[j]++] = b;
          for (let c = 0; c < k; c++) hist[slot * k + c] = 0;
        }
        hist[slot * k + y] += w;
      }
    }
  }

  private regressionHistograms(features: Int32Array, from: number, count: number, start: number, end: number): void {
    const { binned, d } = this.data;
    const { rows, weights, targets } = this.nodeRows;
    const { hist, stamp, touched, counts, maxBins } = this;
    const now = ++this.now;
    for (let i = start; i < end; i++) {
      const base = rows[i] * d;
      const w = weights[i];
      const wy = w * targets[i];
      for (let j = 0; j < count; j++) {
        const b = binned[base + features[from + j]];
        const slot = j * maxBins + b;
        if (stamp[slot] !== now) {
          stamp[slot] = now;
          touched[j * maxBins + counts[j]++] = b;
          hist[slot * 2] = w;
          hist[slot * 2 + 1] = wy;
        } else {
          hist[slot * 2] += w;
          hist[slot * 2 + 1] += wy;
        }
      }
    }
  }

  private scanRegression(j: number, f: number, W: number, S: number): void {
    const { hist, touched, maxBins } = this;
    const t = this.counts[j];
    const seg = j * maxBins;
    const msl = this.minLeaf;
    let WL = 0;
    let SL = 0;
    for (let i = 0; i + 1 < t; i++) {
      const at = (seg + touched[seg + i]) * 2;
      WL += hist[at];
      SL += hist[at + 1];
      if (WL < msl) continue;
      const WR = W - WL;
      if (WR < msl) break;
      const SR = S - SL;
      const score = (SL * SL) / WL + (SR * SR) / WR;
      if (score > this.best.score) this.take(score, f, touched[seg + i], touched[seg + i + 1]);
    }
  }

  private scanClasses(j: number, f: number, W: number, total: Float64Array): void {
    const { hist, touched, maxBins, leftSums } = this;
    const k = this.stride;
    const t = this.counts[j];
    const seg = j * maxBins;
    const msl = this.minLeaf;
    let WL = 0;
    if (k === 2) {
      let L0 = 0;
      let L1 = 0;
      for (let i = 0; i + 1 < t; i++) {
        const at = (seg + touched[seg + i]) * 2;
        L0 += hist[at];
        L1 += hist[at + 1];
        WL = L0 + L1;
        if (WL < msl) continue;
        const WR = W - WL;
        if (WR < msl) break;
        const R0 = total[0] - L0;
        const R1 = total[1] - L1;
        const score = (L0 * L0 + L1 * L1) / WL + (R0 * R0 + R1 * R1) / WR;
        if (score > this.best.score) this.take(score, f, touched[seg + i], touched[seg + i + 1]);
      }
      return;
    }
    leftSums.fill(0);
    for (let i = 0; i + 1 < t; i++) {
      const at = (seg + touched[seg + i]) * k;
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
      if (score > this.best.score) this.take(score, f, touched[seg + i], touched[seg + i + 1]);
    }
  }

  /** Puts slot j's touched bins in increasing order. */
  private order(j: number, f: number): void {
    const { touched, stamp, now, maxBins } = this;
    const t = this.counts[j];
    const seg = j * maxBins;
    if (t <= INSERTION_SORT_MAX) {
      for (let i = seg + 1; i < seg + t; i++) {
        const v = touched[i];
        let at = i - 1;
        for (; at >= seg && touched[at] > v; at--) touched[at + 1] = touched[at];
        touched[at + 1] = v;
      }
      return;
    }
    const bins = this.data.edges[f].length + 1;
    for (let b = 0, i = seg; b < bins; b++) if (stamp[seg + b] === now) touched[i++] = b;
  }

  /** A new best: left holds bins ≤ lower; the edge is taken halfway across the empty bins up to `upper`. */
  private take(score: number, feature: number, lower: number, upper: number): void {
    this.best.score = score;
    this.best.feature = feature;
    this.best.bin = (lower + upper - 1) >> 1;
  }
}
