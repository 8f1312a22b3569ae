import { buildTree, BuiltTree, featuresPerSplit, TreeData } from './tree-builder';
import { treeData } from './testing/forest-data';

const exact = { maxDepth: 16, minSamplesLeaf: 1, bootstrap: false };

/** The leaf each row of the (binned) data reaches. */
function leafOf(tree: BuiltTree, data: TreeData, r: number): number {
  let node = 0;
  while (tree.feature[node] >= 0)
    node = data.binned[r * data.d + tree.feature[node]] <= tree.thresholdBin[node] ? tree.left[node] : tree.right[node];
  return node;
}

describe('buildTree', () => {
  it('splits on the feature that separates the classes, at an edge between them, into pure leaves', () => {
    // x1 separates (≤ 2 → class 0, ≥ 5 → class 1); x0 is noise.
    const rows = [
      [3, 1],
      [1, 2],
      [2, 1],
      [1, 5],
      [3, 6],
      [2, 5],
    ];
    const data = treeData(rows, [0, 0, 0, 1, 1, 1], 2);
    const tree = buildTree(data, { ...exact, maxFeatures: 2 }, 1);
    expect(Array.from(tree.feature)).toEqual([1, -1, -1]);
    expect(tree.threshold[0]).toBe(3.5); // the edge between 2 and 5
    expect(Array.from(tree.values)).toEqual([0, 1]); // P(class 1) of the left and right leaves
    expect(tree.values[tree.value[tree.left[0]]]).toBe(0);
    expect(tree.values[tree.value[tree.right[0]]]).toBe(1);
    expect(Array.from(tree.importances)).toEqual([0, 0.5]); // the root's Gini 0.5 falls to 0 (per unit of root weight)
    expect(tree.oobRows).toHaveLength(0);
  });

  it('regresses to the mean of each side, splitting where the squared error drops most', () => {
    const rows = [[1], [2], [3], [4], [5], [6]];
    const data = treeData(rows, [0, 0, 1, 10, 10, 11], 0);
    const tree = buildTree(data, { ...exact, maxFeatures: 1, maxDepth: 1 }, 1);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(3.5);
    expect(tree.values[tree.value[tree.left[0]]]).toBeCloseTo(1 / 3, 6);
    expect(tree.values[tree.value[tree.right[0]]]).toBeCloseTo(31 / 3, 6);
  });

  it('holds class probabilities in a leaf for more than two classes', () => {
    const rows = [[0], [0], [0], [1], [1], [1], [1]];
    const data = treeData(rows, [0, 1, 1, 2, 2, 2, 0], 3);
    const tree = buildTree(data, { ...exact, maxFeatures: 1 }, 1);
    expect(tree.feature[0]).toBe(0);
    const leftLeaf = tree.value[tree.left[0]];
    expect(Array.from(tree.values.subarray(leftLeaf, leftLeaf + 3))).toEqual([1 / 3, 2 / 3, 0].map(Math.fround));
    const rightLeaf = tree.value[tree.right[0]];
    expect(Array.from(tree.values.subarray(rightLeaf, rightLeaf + 3))).toEqual([0.25, 0, 0.75]);
  });

  it('stops at maxDepth', () => {
    const rows = Array.from({ length: 64 }, (_, i) => [i]);
    const data = treeData(
      rows,
      rows.map(([v]) => v % 2),
      2,
    );
    for (const maxDepth of [1, 2, 3]) {
      const tree = buildTree(data, { ...exact, maxFeatures: 1, maxDepth }, 1);
      expect(depthOf(tree)).toBe(maxDepth);
    }
    expect(depthOf(buildTree(data, { ...exact, maxFeatures: 1 }, 1))).toBeGreaterThan(3);
  });

  it('keeps at least minSamplesLeaf rows in every leaf', () => {
    // The best split isolates the one outlier; with minSamplesLeaf 3 it may not.
    const rows = Array.from({ length: 10 }, (_, i) => [i]);
    const target = [0, 0, 0, 0, 0, 0, 0, 0, 0, 100];
    const data = treeData(rows, target, 0);
    const free = buildTree(data, { ...exact, maxFeatures: 1, maxDepth: 1 }, 1);
    expect(free.threshold[0]).toBe(8.5);
    const held = buildTree(data, { ...exact, maxFeatures: 1, minSamplesLeaf: 3 }, 1);
    const counts = new Map<number, number>();
    for (let r = 0; r < 10; r++) counts.set(leafOf(held, data, r), (counts.get(leafOf(held, data, r)) ?? 0) + 1);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(3);
    expect(held.threshold[0]).toBe(6.5); // the split nearest the outlier that leaves three rows on its side
  });

  it('draws its bootstrap and features from the seed alone, and scores the rows it left out', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 7, (i * 13) % 11, i % 3]);
    const data = treeData(
      rows,
      rows.map(([a, b]) => (a + b > 8 ? 1 : 0)),
      2,
    );
    const params = { maxDepth: 6, minSamplesLeaf: 1, maxFeatures: 1 };
    const a = buildTree(data, params, 42);
    expect(buildTree(data, params, 42)).toEqual(a);
    expect(buildTree(data, params, 43).feature).not.toEqual(a.feature);
    // About e⁻¹ of the rows are out of bag; each gets the value of the leaf it reaches.
    expect(a.oobRows.length / 200).toBeGreaterThan(0.25);
    expect(a.oobRows.length / 200).toBeLessThan(0.5);
    a.oobRows.forEach((r, i) => expect(a.oobValues[i]).toBe(a.values[a.value[leafOf(a, data, r)]]));
  });

  it('counts features per split as scikit-learn does', () => {
    expect(featuresPerSplit('sqrt', 20)).toBe(4);
    expect(featuresPerSplit('log2', 20)).toBe(4);
    expect(featuresPerSplit('all', 20)).toBe(20);
    expect(featuresPerSplit('log2', 1)).toBe(1);
  });
});

function depthOf(tree: BuiltTree, node = 0): number {
  return tree.feature[node] < 0 ? 0 : 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}
