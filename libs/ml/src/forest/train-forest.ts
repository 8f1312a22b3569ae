/**
 * Fits a random forest: bins the encoded training matrix once (on this thread, yielding between
 * columns), hands it to a pool of tree workers, and folds the trees in as they come, in tree order. An
 * "epoch" is a batch of about a tenth of the trees: after each, the out-of-bag loss and the validation
 * metrics of the forest so far are reported. A cancel stops the workers at once.
 */
import { availableParallelism } from 'node:os';
import type { EpochLog, TrainHooks, TrainingData, TrainOutcome } from '../train';
import { binColumn, emptyBinnedMatrix, quantileSample } from './binning';
import { ForestModel, ForestShape } from './forest-model';
import { ForestProgress } from './forest-progress';
import { BuiltTree, featuresPerSplit, TreeData, TreeNodes } from './tree-builder';
import { TreeWorkerPool } from './worker-pool';

export interface ForestOptions {
  problemType: 'classification' | 'regression';
  trees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  maxFeatures: 'sqrt' | 'log2' | 'all';
  bins: number;
  seed: number;
  /** worker_threads building trees; defaults to the machine's cores. */
  workers?: number;
}

export interface ForestFit {
  model: ForestModel;
  outcome: TrainOutcome;
  /** Mean decrease in impurity per encoded input column, summing to 1. */
  featureImportances: Float64Array;
  backend: string;
}

export const FOREST_BACKEND = 'typescript-workers';

/** Tree t's seed: the forest's seed and t mixed (murmur3's finalizer), the same whichever worker builds it. */
export function treeSeed(seed: number, tree: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(tree + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export async function trainForest(data: TrainingData, options: ForestOptions, hooks: TrainHooks = {}): Promise<ForestFit> {
  const n = data.yTrain.length;
  const d = data.inputDim;
  if (n === 0) throw new Error('a forest needs at least one training row');
  const shape: ForestShape = {
    problemType: options.problemType,
    classes: options.problemType === 'classification' ? Math.max(2, data.classes ?? 2) : 0,
    inputDim: d,
  };
  const tickMs = hooks.tickMs ?? 200;
  let lastTick = Date.now();
  let cancelled: string | null = null;
  const tick = async (): Promise<void> => {
    if (Date.now() - lastTick < tickMs) return;
    lastTick = Date.now();
    await hooks.onTick?.();
    await new Promise((resolve) => setImmediate(resolve));
    cancelled = hooks.stopReason?.() ?? null;
  };

  let started = performance.now();
  let cpuStarted = process.cpuUsage();
  const matrix = emptyBinnedMatrix(n, d);
  const sample = quantileSample(n, options.seed);
  for (let f = 0; f < d && !cancelled; f++) {
    binColumn(matrix, data.xTrain, f, options.bins, sample);
    await tick();
  }
  const trees: TreeNodes[] = [];
  const progress = new ForestProgress(data, shape);
  const history: EpochLog[] = [];
  const finish = (): ForestFit => ({
    model: ForestModel.fromTrees(shape, trees),
    outcome: { history, epochsRun: history.length, stoppedEarly: false, cancelled },
    featureImportances: progress.importances(),
    backend: FOREST_BACKEND,
  });
  if (cancelled) return finish();

  const target = new Float32Array(new SharedArrayBuffer(n * 4));
  target.set(data.yTrain);
  const treeData: TreeData = {
    binned: matrix.binned,
    n,
    d,
    edges: matrix.edges,
    target,
    classes: shape.problemType === 'regression' ? 0 : shape.classes,
  };
  const params = {
    maxDepth: options.maxDepth,
    minSamplesLeaf: options.minSamplesLeaf,
    maxFeatures: featuresPerSplit(options.maxFeatures, d),
  };
  const size = options.workers ?? availableParallelism();
  const pool = new TreeWorkerPool({ data: treeData, params }, size, options.trees, (t) => treeSeed(options.seed, t));
  const batch = Math.max(1, Math.ceil(options.trees / 10));
  try {
    for (let t = 0; t < options.trees; t++) {
      const tree = await awaitTree(pool.tree(t), tickMs, async () => {
        lastTick = 0;
        await tick();
        return cancelled;
      });
      if (!tree) break;
      progress.add(tree);
      // keep the nodes only: the out-of-bag rows (a third of the training rows per tree) are folded in
      const { feature, threshold, left, right, value, values } = tree;
      trees.push({ feature, threshold, left, right, value, values });
      await tick();
      if (cancelled) break;
      if ((t + 1) % batch !== 0 && t + 1 !== options.trees) continue;
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStarted);
      const built = t + 1 - (history.at(-1)?.epoch ?? 0);
      const { loss, metrics } = progress.report();
      const log: EpochLog = {
        epoch: t + 1,
        epochs: options.trees,
        loss,
        metrics,
        seconds,
        rowsPerSecond: (n * built) / seconds,
        rowsPerCpuSecond: (n * built) / ((cpu.user + cpu.system) / 1e6),
      };
      history.push(log);
      await hooks.onEpochEnd?.(log);
      cancelled = hooks.stopReason?.() ?? null;
      if (cancelled) break;
      started = performance.now();
      cpuStarted = process.cpuUsage();
    }
  } finally {
    await pool.close();
  }
  return finish();
}

/** The tree once built, calling `idle` every tickMs meanwhile; null when `idle` answers a stop reason. */
async function awaitTree(tree: Promise<BuiltTree>, tickMs: number, idle: () => Promise<string | null>): Promise<BuiltTree | null> {
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), tickMs)));
    const result = await Promise.race([tree, waited]);
    clearTimeout(timer);
    if (result) return result;
    if (await idle()) return null;
  }
}
