/**
 * Random forests over the encoded training matrix: histogram-binned features, bootstrap samples, random
 * feature draws per split, trees built in parallel on worker_threads (train-forest.ts), and the fitted
 * forest as a TrainedModel of format `random-forest` (forest-model.ts).
 */
import type { ReadBundleFile, TrainedModel } from '../trained-model';
import { ForestModel } from './forest-model';

export { ForestModel, FOREST_MODEL_PATH } from './forest-model';
export { FOREST_BACKEND, trainForest } from './train-forest';
export type { ForestFit, ForestOptions } from './train-forest';

/** Reads a saved forest (forest/forest.json and the trees.bin beside it) back. */
export function loadForestModel(read: ReadBundleFile, modelPath: string): Promise<TrainedModel> {
  return ForestModel.load(read, modelPath);
}
