/**
 * One tree of the forest, grown depth first on the binned matrix: a bootstrap sample of the rows (each
 * drawn row weighted by how often it was drawn), at each node a random draw of features, for each a
 * histogram of the node's rows over the feature's bins, and the split that most lowers the weighted Gini
 * impurity (classification) or the squared error (regression). Pure computation: the forest worker runs
 * it, and the unit tests call it directly.
 */
import { seededRandom } from '../split';
import { SplitFinder } from './split-finder';

export interface TreeData {
  /** n × d bin indices, row-major. */
  binned: Uint8Array;
  n: number;
  d: number;
  edges: Float32Array[];
  /** Class index (classification) or standardized target (regression) per row. */
  target: Float32Array;
  /** Classes (classification), 0 for regression. */
  classes: number;
}

export interface TreeParams {
  maxDepth: number;
  minSamplesLeaf: number;
  /** Features drawn per split (at least this many that are not constant in the node, when there are). */
  maxFeatures: number;
  /** Draw a bootstrap sample (the forest); off, every row counts once (tests). */
  bootstrap?: boolean;
}

/**
 * A tree as flat arrays indexed by node (the root is node 0). An internal node sends x to `left` when
 * x[feature] ≤ threshold (thresholdBin for binned rows); a leaf (feature −1) holds `outputWidth` values
 * from values[value]: P(class 1) for two classes, the class probabilities for more, the mean for regression.
 */
export interface BuiltTree {
  feature: Int32Array;
  threshold: Float32Array;
  thresholdBin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Int32Array;
  values: Float32Array;
  /** Impurity decrease per feature, in units of the root's weight (sums over the tree's splits). */
  importances: Float64Array;
  /** Rows left out of the bootstrap, and the tree's outputs for them (outputWidth each). */
  oobRows: Int32Array;
  oobValues: Float32Array;
}

/** What a forest keeps of a tree once its out-of-bag rows were scored. */
export type TreeNodes = Pick<BuiltTree, 'feature' | 'threshold' | 'left' | 'right' | 'value' | 'values'>;

export const outputWidth = (classes: number): number => (classes > 2 ? classes : 1);

/** Draws of features per split for a maxFeatures setting, as scikit-learn counts them. */
export function featuresPerSplit(maxFeatures: 'sqrt' | 'log2' | 'all', d: number): number {
  if (maxFeatures === 'all') return d;
  return Math.max(1, Math.floor(maxFeatures === 'sqrt' ? Math.sqrt(d) : Math.log2(d)));
}

export function buildTree(data: TreeData, params: TreeParams, seed: number): BuiltTree {
  const { n, d, binned, target, edges } = data;
  const k = data.classes;
  const width = outputWidth(k);
  const random = seededRandom(seed);
  const weight = new Float64Array(n);
  if (params.bootstrap === false) weight.fill(1);
  else for (let i = 0; i < n; i++) weight[Math.floor(random() * n)]++;
  let m = 0;
  for (let r = 0; r < n; r++) if (weight[r] > 0) m++;
  const rows = new Int32Array(m);
  const oobRows = new Int32Array(n - m);
  for (let r = 0, a = 0, b = 0; r < n; r++) {
    if (weight[r] > 0) rows[a++] = r;
    else oobRows[b++] = r;
  }

  const capacity = Math.max(1, 2 * m - 1);
  const feature = new Int32Array(capacity).fill(-1);
  const thresholdBin = new Int32Array(capacity);
  const left = new Int32Array(capacity);
  const right = new Int32Array(capacity);
  const value = new Int32Array(capacity).fill(-1);
  const values: number[] = [];
  const importances = new Float64Array(d);
  let nodes = 1;

  const weights = new Float64Array(m);
  const targets = new Float32Array(m);
  const labels = new Int32Array(k > 0 ? m : 0);
  for (let i = 0; i < m; i++) {
    weights[i] = weight[rows[i]];
    targets[i] = target[rows[i]];
    if (k > 0) labels[i] = target[rows[i]];
  }
  const finder = new SplitFinder(data, { rows, weights, targets, labels }, params.minSamplesLeaf, Math.min(d, params.maxFeatures));
  const best = finder.best;
  const total = new Float64Array(Math.max(1, k)); // class weights, or the weighted target sum
  const order = Int32Array.from({ length: d }, (_, i) => i);
  const spillRows = new Int32Array(m);
  const spillWeights = new Float64Array(m);
  const spillTargets = new Float32Array(m);
  const spillLabels = new Int32Array(labels.length);
  let rootWeight = 0;

  // Depth-first: [start, end) of `rows`, depth and node id per pending node.
  const stack: number[] = [0, m, 0, 0];
  while (stack.length) {
    const node = stack.pop()!;
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;

    total.fill(0);
    let W = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const w = weights[i];
      const y = targets[i];
      W += w;
      if (k > 0) total[labels[i]] += w;
      else total[0] += w * y;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (node === 0) rootWeight = W;

    finder.reset();
    if (depth < params.maxDepth && W >= 2 * params.minSamplesLeaf && lo !== hi) {
      // Draw features (a partial shuffle of `order`) until maxFeatures of them vary in the node, or none is left.
      let drawn = 0;
      let informative = 0;
      while (informative < params.maxFeatures && drawn < d) {
        const from = drawn;
        const wanted = Math.min(params.maxFeatures - informative, d - drawn);
        for (; drawn < from + wanted; drawn++) {
          const pick = drawn + Math.floor(random() * (d - drawn));
          const f = order[pick];
          order[pick] = order[drawn];
          order[drawn] = f;
        }
        informative += finder.evaluate(order, from, wanted, start, end, W, total);
      }
    }

    if (best.feature < 0) {
      value[node] = values.length;
      if (k === 0) values.push(total[0] / W);
      else if (k === 2) values.push(total[1] / W);
      else for (let c = 0; c < k; c++) values.push(total[c] / W);
      continue;
    }

    importances[best.feature] += Math.max(0, best.score - parentScore(total, W));
    // Stable partition: rows going left stay in order at the front, the rest follow in order.
    let a = start;
    let s = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      if (binned[r * d + best.feature] <= best.bin) {
        rows[a] = r;
        weights[a] = weights[i];
        if (k > 0) labels[a] = labels[i];
        targets[a++] = targets[i];
      } else {
        spillRows[s] = r;
        spillWeights[s] = weights[i];
        if (k > 0) spillLabels[s] = labels[i];
        spillTargets[s++] = targets[i];
      }
    }
    rows.set(spillRows.subarray(0, s), a);
    weights.set(spillWeights.subarray(0, s), a);
    targets.set(spillTargets.subarray(0, s), a);
    if (k > 0) labels.set(spillLabels.subarray(0, s), a);
    feature[node] = best.feature;
    thresholdBin[node] = best.bin;
    left[node] = nodes++;
    right[node] = nodes++;
    stack.push(a, end, depth + 1, right[node], start, a, depth + 1, left[node]);
  }

  const oobValues = new Float32Array(oobRows.length * width);
  const leafValues = Float32Array.from(values);
  for (let i = 0; i < oobRows.length; i++) {
    const r = oobRows[i];
    let node = 0;
    while (feature[node] >= 0) node = binned[r * d + feature[node]] <= thresholdBin[node] ? left[node] : right[node];
    oobValues.set(leafValues.subarray(value[node], value[node] + width), i * width);
  }
  const threshold = new Float32Array(nodes);
  for (let i = 0; i < nodes; i++) if (feature[i] >= 0) threshold[i] = edges[feature[i]][thresholdBin[i]];
  if (rootWeight > 0) for (let f = 0; f < d; f++) importances[f] /= rootWeight;
  return {
    feature: feature.slice(0, nodes),
    threshold,
    thresholdBin: thresholdBin.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    value: value.slice(0, nodes),
    values: leafValues,
    importances,
    oobRows,
    oobValues,
  };
}

/** The node's own score (see split-finder.ts): the impurity decrease of a split is the children's minus this. */
function parentScore(total: Float64Array, W: number): number {
  if (W <= 0) return 0;
  let s = 0;
  for (let c = 0; c < total.length; c++) s += total[c] * total[c];
  return s / W;
}
