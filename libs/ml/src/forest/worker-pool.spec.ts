import { TreeWorkerPool } from './worker-pool';
import { treeData } from './testing/forest-data';

jest.setTimeout(60_000);

describe('TreeWorkerPool', () => {
  const data = treeData(
    Array.from({ length: 50 }, (_, i) => [i % 5, i % 7]),
    Array.from({ length: 50 }, (_, i) => i % 2),
    2,
  );
  const params = { maxDepth: 4, minSamplesLeaf: 1, maxFeatures: 1 };

  it('builds every tree from its own seed, handed out in tree order whichever worker built it', async () => {
    const pool = new TreeWorkerPool({ data, params }, 2, 5, (t) => 100 + t);
    try {
      const trees = await Promise.all([0, 1, 2, 3, 4].map((t) => pool.tree(t)));
      const again = new TreeWorkerPool({ data, params }, 1, 5, (t) => 100 + t);
      const alone = await Promise.all([0, 1, 2, 3, 4].map((t) => again.tree(t)));
      await again.close();
      expect(trees).toEqual(alone);
      expect(trees[0]).not.toEqual(trees[1]);
    } finally {
      await pool.close();
    }
  });

  it("fails the trees still awaited when a worker's build throws", async () => {
    const broken = { ...data, edges: [] }; // no edges: reading a split's threshold throws in the worker
    const pool = new TreeWorkerPool({ data: broken, params }, 1, 3, (t) => t);
    try {
      await expect(pool.tree(0)).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });
});
