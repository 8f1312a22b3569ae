/**
 * The soak's jobs: every family in turn (forests included), with settings that keep one 25 MB job to
 * seconds or tens of seconds here, and one job — the twelfth — whose model cannot fit in the memory a job
 * may take: MLP layers of 4096 units, each after an 8-unit one (cheap to compute, huge to hold), on
 * batches of 65,536 rows (~1 GB per activation).
 */
import type { HyperParams, ModelType } from '@modelstream/contracts';
import type { SyntheticRelation } from '@modelstream/ml';

export interface JobSpec {
  label: string;
  modelType: ModelType;
  relation: SyntheticRelation;
  params: HyperParams;
  exhaustsMemory?: boolean;
}

const FAMILIES: JobSpec[] = [
  { label: 'logistic_regression', modelType: 'logistic_regression', relation: 'linear-binary', params: {} },
  { label: 'logistic_regression (3 classes)', modelType: 'logistic_regression', relation: 'linear-multiclass', params: {} },
  { label: 'linear_regression', modelType: 'linear_regression', relation: 'linear-regression', params: {} },
  { label: 'ridge_regression', modelType: 'ridge_regression', relation: 'linear-regression', params: { alpha: 0.5 } },
  {
    label: 'mlp_classifier',
    modelType: 'mlp_classifier',
    relation: 'circle',
    params: { epochs: 3, batchSize: 512, hiddenLayers: [64, 32] },
  },
  {
    label: 'mlp_regressor',
    modelType: 'mlp_regressor',
    relation: 'nonlinear-regression',
    params: { epochs: 3, batchSize: 512, hiddenLayers: [64, 32] },
  },
  { label: 'random_forest_classifier', modelType: 'random_forest_classifier', relation: 'circle', params: { trees: 30, maxDepth: 12 } },
  {
    label: 'random_forest_regressor',
    modelType: 'random_forest_regressor',
    relation: 'nonlinear-regression',
    params: { trees: 30, maxDepth: 12 },
  },
];

export const MEMORY_HOG: JobSpec = {
  label: 'mlp_classifier (memory hog)',
  modelType: 'mlp_classifier',
  relation: 'circle',
  params: { epochs: 1, batchSize: 65536, hiddenLayers: [4096, 8, 4096, 8, 4096, 8, 4096, 8] },
  exhaustsMemory: true,
};

/** `count` jobs: the families in turn, the twelfth job the memory hog. */
export function soakPlan(count: number): JobSpec[] {
  return Array.from({ length: count }, (_, i) => (i === 11 ? MEMORY_HOG : FAMILIES[i % FAMILIES.length]));
}
