/**
 * Random forests over the encoded training matrix (work in progress: the forest helper implements this
 * module; these signatures are the contract fit.ts and model-bundle.ts rely on).
 */
import type { TrainHooks, TrainingData, TrainOutcome } from '../train';
import type { ReadBundleFile, TrainedModel } from '../trained-model';

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
  model: TrainedModel;
  outcome: TrainOutcome;
  /** Mean decrease in impurity per encoded input column, summing to 1. */
  featureImportances: Float64Array;
  backend: string;
}

export function trainForest(data: TrainingData, options: ForestOptions, hooks: TrainHooks = {}): Promise<ForestFit> {
  void data;
  void options;
  void hooks;
  throw new Error('random forests are not built yet');
}

export function loadForestModel(read: ReadBundleFile, modelPath: string): Promise<TrainedModel> {
  void read;
  void modelPath;
  throw new Error('random forests are not built yet');
}
