/**
 * The size and the work one training request may ask for, checked before anything is trained: a model of at most
 * MAX_PARAMETERS weights, and a compute budget per family — rows × epochs × weights for the neural and Adam fits,
 * rows × columns² for the exact linear solvers, trees × rows × columns for the forests. A request over either is a
 * 400 that says what to lower, instead of a fit that holds a trainer for hours (the trainer's time limit,
 * TRAINER_JOB_TIMEOUT_MS, stops what gets through). Feature columns count one input each: one-hot columns make a
 * model wider, so the weights counted here are a lower bound.
 */
import { InvalidInputError } from './errors';
import type { HyperParams, ModelSpec } from './model-specs';

/** Data rows a training needs at least (to split into training and validation). */
export const MIN_TRAINING_ROWS = 10;

export const MAX_PARAMETERS = 20_000_000;
/** rows × epochs × weights (≈ one multiply-add per weight per row per epoch, forward). */
export const MAX_GRADIENT_WORK = 2e13;
/** rows × columns² of the normal equations or an L-BFGS pass. */
export const MAX_EXACT_WORK = 2e12;
/** trees × rows × columns of the histogram passes. */
export const MAX_FOREST_WORK = 2e11;

export interface TrainingShape {
  /** Feature columns (the target not counted). */
  features: number;
  /** Outputs: classes of a classifier (at least 2), 1 for a regressor. */
  outputs: number;
  /** Data rows, once known (the last chunk, a stored dataset). */
  rows?: number;
}

const num = (params: HyperParams, name: string, fallback: number) =>
  typeof params[name] === 'number' ? (params[name] as number) : fallback;

/** Weights of the model a request asks for (dense layers with biases; a forest's possible nodes). */
export function parameterCount(spec: ModelSpec, params: HyperParams, shape: TrainingShape): number {
  if (spec.key.startsWith('random_forest'))
    return num(params, 'trees', 100) * Math.min(2 ** num(params, 'maxDepth', 16), shape.rows ?? Infinity);
  const hidden = Array.isArray(params.hiddenLayers) ? (params.hiddenLayers as number[]) : [];
  const widths = [shape.features, ...hidden, shape.outputs];
  let weights = 0;
  for (let i = 1; i < widths.length; i++) weights += (widths[i - 1] + 1) * widths[i];
  return weights;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toPrecision(3)} million` : String(Math.round(n)));

/** Throws a 400 when the request is over the size cap or its family's compute budget. */
export function checkComputeBudget(spec: ModelSpec, params: HyperParams, shape: TrainingShape): void {
  const forest = spec.key.startsWith('random_forest');
  const weights = parameterCount(spec, params, shape);
  if (!forest && weights > MAX_PARAMETERS) {
    throw new InvalidInputError(
      `This ${spec.key} would have ${fmt(weights)} weights, over the limit of ${fmt(MAX_PARAMETERS)}. Use fewer or narrower hiddenLayers.`,
      { parameters: weights, limit: MAX_PARAMETERS },
    );
  }
  if (shape.rows === undefined) return;
  const rows = shape.rows;
  const exact = params.solver === 'exact';
  if (forest) {
    const work = num(params, 'trees', 100) * rows * shape.features;
    if (work > MAX_FOREST_WORK) {
      throw new InvalidInputError(
        `${num(params, 'trees', 100)} trees over ${rows} rows × ${shape.features} columns is more work than one training may take (${work.toExponential(1)} > ${MAX_FOREST_WORK.toExponential(0)}). Use fewer trees, or train on fewer rows or columns.`,
        { work, limit: MAX_FOREST_WORK },
      );
    }
  } else if (exact) {
    const work = rows * (shape.features + 1) ** 2;
    if (work > MAX_EXACT_WORK) {
      throw new InvalidInputError(
        `The exact solver over ${rows} rows × ${shape.features} columns is more work than one training may take (${work.toExponential(1)} > ${MAX_EXACT_WORK.toExponential(0)}). Train on fewer rows or columns.`,
        { work, limit: MAX_EXACT_WORK },
      );
    }
  } else {
    const epochs = num(params, 'epochs', 30);
    const work = rows * epochs * weights;
    if (work > MAX_GRADIENT_WORK) {
      throw new InvalidInputError(
        `${epochs} epochs over ${rows} rows of a model with ${fmt(weights)} weights is more work than one training may take (${work.toExponential(1)} > ${MAX_GRADIENT_WORK.toExponential(0)}). Use fewer epochs, a smaller model, or fewer rows.`,
        { work, limit: MAX_GRADIENT_WORK },
      );
    }
  }
}
