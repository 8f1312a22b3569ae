/**
 * One entry point from prepared data to a fitted model, whatever the family: the exact solvers for the
 * linear families (solver "exact"), the forest builder for random forests, and TF.js gradient training
 * (Adam mini-batches) for the rest. Every path reports progress through the same hooks (an "epoch" is an
 * iteration of a solver or a batch of trees) and names what computed the fit.
 */
import type { HyperParams, ModelType } from '@modelstream/contracts';
import { initBackend, tf } from './backend';
import { FOREST_BACKEND, trainForest } from './forest';
import { buildModel, isLayersModelType, ModelShape } from './model-families';
import type { Preprocessor } from './preprocessor';
import { solveLinear } from './solvers';
import { TrainHooks, TrainingData, trainModel, TrainOptions, TrainOutcome } from './train';
import { LayersTrainedModel, TrainedModel } from './trained-model';

export interface FitResult {
  model: TrainedModel;
  outcome: TrainOutcome;
  /** What computed the fit: the TF.js backend, or e.g. `typescript-workers` for forests. */
  backend: string;
  /** Per encoded input column, summing to 1 (forests). */
  featureImportances?: Float64Array;
}

const str = (params: HyperParams, key: string, fallback: string): string => (typeof params[key] === 'string' ? params[key] : fallback);
const num = (params: HyperParams, key: string, fallback: number): number => (typeof params[key] === 'number' ? params[key] : fallback);

export async function fitFamily(
  modelType: ModelType,
  params: HyperParams,
  data: TrainingData,
  loop: Omit<TrainOptions, 'l2'>,
  hooks: TrainHooks = {},
): Promise<FitResult> {
  const classes = data.classes ?? 0;
  const shape: ModelShape = { inputDim: data.inputDim, outputUnits: classes > 2 ? classes : 1, problemType: data.problemType };
  if (!isLayersModelType(modelType)) {
    const fit = await trainForest(
      data,
      {
        problemType: data.problemType,
        trees: num(params, 'trees', 100),
        maxDepth: num(params, 'maxDepth', 16),
        minSamplesLeaf: num(params, 'minSamplesLeaf', 1),
        maxFeatures: str(params, 'maxFeatures', 'sqrt') as 'sqrt' | 'log2' | 'all',
        bins: num(params, 'bins', 255),
        seed: loop.seed,
      },
      hooks,
    );
    return { model: fit.model, outcome: fit.outcome, backend: fit.backend, featureImportances: fit.featureImportances };
  }
  const backend = await initBackend();
  if (str(params, 'solver', 'adam') === 'exact') {
    const kind = modelType === 'logistic_regression' ? 'logistic' : modelType === 'ridge_regression' ? 'ridge' : 'least-squares';
    const solution = await solveLinear(
      data,
      {
        kind,
        alpha: num(params, 'alpha', 1),
        l2: num(params, 'l2', 0),
        maxIter: num(params, 'maxIter', 200),
        tol: num(params, 'tol', 1e-8),
      },
      hooks,
    );
    // The serving model is built once the coefficients exist (its set-up is not part of the solve).
    const built = buildModel(modelType, params, shape, data.yTrain.length);
    setLinearWeights(built.model, solution.kernel, solution.bias);
    return { model: new LayersTrainedModel(built.model), outcome: solution.outcome, backend: solution.backend };
  }
  const built = buildModel(modelType, params, shape, data.yTrain.length);
  try {
    const outcome = await trainModel(built.model, data, { ...loop, l2: built.l2 }, hooks);
    return { model: new LayersTrainedModel(built.model), outcome, backend };
  } catch (error) {
    built.model.dispose();
    throw error;
  }
}

/**
 * What will compute a fit of this family on a worker whose TF.js backend is `tfBackend` — what
 * fitFamily's result says, known before the fit (the TrainingStarted event and the run's tags carry it):
 * forests their worker threads; the linear families' exact solvers native TensorFlow's float64 products
 * when it is loaded, else TypeScript loops; the rest the backend.
 */
export function fitBackend(modelType: ModelType, params: HyperParams, tfBackend: string): string {
  if (!isLayersModelType(modelType)) return FOREST_BACKEND;
  if (str(params, 'solver', 'adam') !== 'exact') return tfBackend;
  return tfBackend === 'tensorflow' ? 'tensorflow' : 'typescript';
}

/** Puts a solver's coefficients into the family's one-Dense-layer model (what inference and pyfunc read). */
function setLinearWeights(model: tf.LayersModel, kernel: Float32Array, bias: Float32Array): void {
  const layer = model.getLayer('output');
  const [k, b] = layer.getWeights();
  const values = [tf.tensor(kernel, k.shape), tf.tensor(bias, b.shape)];
  layer.setWeights(values);
  tf.dispose(values);
}

/** Importances of the encoded columns summed per input column (a categorical's one-hot levels together), largest first. */
export function columnImportances(preprocessor: Preprocessor, importances: Float64Array): Record<string, number> {
  const byColumn: [string, number][] = [];
  let offset = 0;
  for (const f of preprocessor.spec.features) {
    const width = f.kind === 'numeric' ? 1 : f.levels.length;
    let sum = 0;
    for (let i = offset; i < offset + width; i++) sum += importances[i] ?? 0;
    byColumn.push([f.name, sum]);
    offset += width;
  }
  return Object.fromEntries(byColumn.sort((a, b) => b[1] - a[1]));
}
