import { ForestModel } from './forest-model';
import { loadForestModel } from './index';
import { buildTree } from './tree-builder';
import { matrix, treeData } from './testing/forest-data';

const rows = [
  [0, 1],
  [1, 3],
  [2, 2],
  [3, 5],
  [4, 4],
  [5, 6],
];

function forestOf(target: number[], classes: number): ForestModel {
  const data = treeData(rows, target, classes);
  const trees = [1, 2, 3].map((seed) => buildTree(data, { maxDepth: 4, minSamplesLeaf: 1, maxFeatures: 1 }, seed));
  return ForestModel.fromTrees({ problemType: classes ? 'classification' : 'regression', classes, inputDim: 2 }, trees);
}

/** The mean over trees of each row's leaf, walked by hand on the float inputs. */
function byHand(forest: ForestModel, x: Float32Array): number[][] {
  const a = forest.arrays;
  const out: number[][] = [];
  for (let r = 0; r < x.length / 2; r++) {
    const sums = new Array<number>(forest.width).fill(0);
    for (const root of a.roots) {
      let node = root;
      while (a.feature[node] >= 0) node = x[r * 2 + a.feature[node]] <= a.threshold[node] ? a.left[node] : a.right[node];
      for (let c = 0; c < forest.width; c++) sums[c] += a.values[a.value[node] + c];
    }
    out.push(sums.map((s) => Math.fround(s / a.roots.length)));
  }
  return out;
}

describe('ForestModel', () => {
  const { x } = matrix([...rows, [2.5, 0], [10, -10]]);

  it.each([
    ['binary: P(class 1) per row', [0, 0, 0, 1, 1, 1], 2, 1],
    ['three classes: probabilities per row', [0, 1, 2, 0, 1, 2], 3, 3],
    ['regression: the mean per row', [0.5, -1, 2, 3, 1, 0], 0, 1],
  ])("%s, the mean of the trees' leaves", (_name, target, classes, width) => {
    const forest = forestOf(target, classes);
    const raw = forest.predictRaw(x, 2);
    expect(raw).toHaveLength((x.length / 2) * width);
    expect(Array.from(raw)).toEqual(byHand(forest, x).flat());
    if (classes > 2) {
      for (let r = 0; r < x.length / 2; r++) expect(raw[r * 3] + raw[r * 3 + 1] + raw[r * 3 + 2]).toBeCloseTo(1, 5);
    }
  });

  it('saves forest/forest.json and forest/trees.bin, and loads back to the same predictions', async () => {
    const forest = forestOf([0, 1, 2, 0, 1, 2], 3);
    const saved = await forest.save();
    expect(saved.modelPath).toBe('forest/forest.json');
    expect(Object.keys(saved.files).sort()).toEqual(['forest/forest.json', 'forest/trees.bin']);
    const meta = JSON.parse(saved.files['forest/forest.json'].toString()) as Record<string, unknown>;
    expect(meta).toMatchObject({ format: 'modelstream-random-forest', version: 1, classes: 3, inputDim: 2, trees: 3, outputWidth: 3 });
    // served from a buffer at an odd offset, as a download may hand it
    const read = async (path: string) => Buffer.concat([Buffer.from([7]), saved.files[path]]).subarray(1);
    const loaded = await loadForestModel(read, 'forest/forest.json');
    expect(loaded.format).toBe('random-forest');
    expect(loaded.sizeBytes).toBe(forest.sizeBytes);
    expect(Array.from(loaded.predictRaw(x, 2))).toEqual(Array.from(forest.predictRaw(x, 2)));
    expect((loaded as ForestModel).arrays).toEqual(forest.arrays);
  });

  it('refuses rows of another width and files of another format', async () => {
    const forest = forestOf([0, 0, 0, 1, 1, 1], 2);
    expect(() => forest.predictRaw(new Float32Array(6), 3)).toThrow('the forest takes 2 inputs, got 3');
    const read = async () => Buffer.from(JSON.stringify({ format: 'something-else' }));
    await expect(loadForestModel(read, 'forest/forest.json')).rejects.toThrow('is not a version 1 modelstream-random-forest file');
  });
});
