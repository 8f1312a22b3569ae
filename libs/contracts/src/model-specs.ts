/**
 * The registry of model families (seed 001's ModelSpec): key, problem type, defaults and the rules each
 * hyperparameter must follow. The ingest app validates settings against it at upload time; the trainer
 * owns the implementations and looks them up by the same keys.
 */
import { InvalidInputError } from './errors';
import type { ProblemType } from './generated/events';

export type ParamRule =
  | { kind: 'number'; min: number; max: number; integer?: boolean; description: string }
  | { kind: 'enum'; values: readonly string[]; description: string }
  | { kind: 'int-list'; min: number; max: number; maxLength: number; description: string };

export type HyperParams = Record<string, number | string | number[]>;

/** A model family as the registry declares it (its key is where it sits in the registry). */
export interface ModelSpecDefinition {
  problemType: ProblemType;
  description: string;
  defaults: HyperParams;
  rules: Record<string, ParamRule>;
}

export interface ModelSpec extends ModelSpecDefinition {
  key: ModelType;
}

const common = {
  epochs: { kind: 'number', min: 1, max: 1000, integer: true, description: 'Passes over the training split' },
  learningRate: { kind: 'number', min: 1e-6, max: 10, description: 'Optimizer step size' },
  batchSize: { kind: 'number', min: 1, max: 65536, integer: true, description: 'Rows per gradient step' },
  validationSplit: { kind: 'number', min: 0.05, max: 0.5, description: 'Share of rows held out for validation metrics' },
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true, description: 'Seed of the split and weight initialisation' },
  earlyStoppingPatience: {
    kind: 'number',
    min: 0,
    max: 1000,
    integer: true,
    description: 'Epochs without validation-loss improvement before stopping (0 = off)',
  },
} as const satisfies Record<string, ParamRule>;

const mlp = {
  hiddenLayers: { kind: 'int-list', min: 1, max: 4096, maxLength: 8, description: 'Units of each hidden layer' },
  activation: { kind: 'enum', values: ['relu', 'tanh', 'sigmoid', 'elu'], description: 'Hidden-layer activation' },
  dropout: { kind: 'number', min: 0, max: 0.9, description: 'Dropout rate after each hidden layer' },
  l2: { kind: 'number', min: 0, max: 10, description: 'L2 penalty on the weights' },
} as const satisfies Record<string, ParamRule>;

const baseDefaults = { epochs: 30, learningRate: 0.05, batchSize: 256, validationSplit: 0.2, seed: 42, earlyStoppingPatience: 0 };

/** The linear families' solvers: `exact` (closed form or L-BFGS to a tolerance, full batch) or `adam` (mini-batch epochs). */
const linear = {
  solver: {
    kind: 'enum',
    values: ['exact', 'adam'],
    description:
      'exact: least squares / closed form / L-BFGS to the tolerance; adam: mini-batch gradient steps (epochs, learningRate, batchSize)',
  },
  maxIter: { kind: 'number', min: 1, max: 10000, integer: true, description: 'Most L-BFGS iterations of the exact logistic solver' },
  tol: { kind: 'number', min: 1e-12, max: 0.1, description: 'The exact logistic solver stops when the gradient norm falls below this' },
} as const satisfies Record<string, ParamRule>;
const linearDefaults = { solver: 'exact', maxIter: 200, tol: 1e-8 };

const forest = {
  validationSplit: common.validationSplit,
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true, description: 'Seed of the split, the bootstraps and the feature draws' },
  trees: { kind: 'number', min: 1, max: 500, integer: true, description: 'Trees in the forest' },
  maxDepth: { kind: 'number', min: 1, max: 32, integer: true, description: 'Deepest level of a tree (the root is depth 0)' },
  minSamplesLeaf: { kind: 'number', min: 1, max: 100000, integer: true, description: 'Fewest training rows a leaf may hold' },
  maxFeatures: {
    kind: 'enum',
    values: ['sqrt', 'log2', 'all'],
    description: 'Features drawn at each split: √d, log₂d or all of them',
  },
  bins: { kind: 'number', min: 2, max: 256, integer: true, description: 'Histogram bins per numeric feature' },
} as const satisfies Record<string, ParamRule>;
const forestDefaults = { validationSplit: 0.2, seed: 42, trees: 100, maxDepth: 16, minSamplesLeaf: 1, bins: 255 };

/** The registry, by key: adding a family here makes it a ModelType everywhere (and its implementation a must). */
const DEFINITIONS = {
  logistic_regression: {
    problemType: 'classification',
    description: 'Logistic regression (sigmoid for two classes, softmax for more), L2-penalized, fitted by L-BFGS (or Adam)',
    defaults: { ...baseDefaults, ...linearDefaults, l2: 1e-4 },
    rules: { ...common, ...linear, l2: mlp.l2 },
  },
  linear_regression: {
    problemType: 'regression',
    description: 'Ordinary least squares linear regression on standardized features, solved exactly (or trained with Adam)',
    defaults: { ...baseDefaults, ...linearDefaults },
    rules: { ...common, ...linear },
  },
  ridge_regression: {
    problemType: 'regression',
    description: 'Linear regression with an L2 penalty (alpha) on the weights',
    defaults: { ...baseDefaults, ...linearDefaults, alpha: 1 },
    rules: { ...common, ...linear, alpha: { kind: 'number', min: 0, max: 1000, description: 'L2 penalty strength' } },
  },
  mlp_classifier: {
    problemType: 'classification',
    description: 'Multi-layer perceptron classifier',
    defaults: { ...baseDefaults, learningRate: 0.01, batchSize: 128, hiddenLayers: [64, 32], activation: 'relu', dropout: 0, l2: 0 },
    rules: { ...common, ...mlp },
  },
  mlp_regressor: {
    problemType: 'regression',
    description: 'Multi-layer perceptron regressor',
    defaults: { ...baseDefaults, learningRate: 0.01, batchSize: 128, hiddenLayers: [64, 32], activation: 'relu', dropout: 0, l2: 0 },
    rules: { ...common, ...mlp },
  },
  random_forest_classifier: {
    problemType: 'classification',
    description: 'Random forest classifier: bootstrapped histogram trees on random feature subsets, built in parallel',
    defaults: { ...forestDefaults, maxFeatures: 'sqrt' },
    rules: forest,
  },
  random_forest_regressor: {
    problemType: 'regression',
    description: 'Random forest regressor: bootstrapped histogram trees on random feature subsets, built in parallel',
    defaults: { ...forestDefaults, maxFeatures: 'all' },
    rules: forest,
  },
} satisfies Record<string, ModelSpecDefinition>;

/** A key of the model registry, e.g. `logistic_regression`. */
export type ModelType = keyof typeof DEFINITIONS;

export const MODEL_TYPES = Object.keys(DEFINITIONS) as readonly ModelType[];

export const MODEL_SPECS: readonly ModelSpec[] = MODEL_TYPES.map((key) => ({ key, ...DEFINITIONS[key] }));

export function isModelType(value: unknown): value is ModelType {
  return typeof value === 'string' && Object.hasOwn(DEFINITIONS, value);
}

export function listModelSpecs(): readonly ModelSpec[] {
  return MODEL_SPECS;
}

/** The spec of a model type, or an InvalidInputError listing the known keys. */
export function getModelSpec(modelType: string): ModelSpec {
  if (!isModelType(modelType)) {
    throw new InvalidInputError(
      `Unknown modelType "${modelType}". Use one of: ${MODEL_SPECS.map((s) => s.key).join(', ')} (GET /api/model-specs lists them).`,
      {
        modelType,
      },
    );
  }
  return modelSpecOf(modelType);
}

/** The spec of a key already known to be a ModelType. */
export function modelSpecOf(modelType: ModelType): ModelSpec {
  return { key: modelType, ...DEFINITIONS[modelType] };
}

/** The default model type for a problem type. */
export function defaultModelType(problemType: ProblemType): ModelType {
  return problemType === 'classification' ? 'logistic_regression' : 'linear_regression';
}

/**
 * Merges user hyperparameters over the spec's defaults and validates them. Unknown names, wrong types and
 * values out of range are all reported in one InvalidInputError.
 */
export function resolveHyperParams(spec: ModelSpec, given: unknown): HyperParams {
  if (given === undefined || given === null) return { ...spec.defaults };
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new InvalidInputError('params must be a JSON object of hyperparameters, e.g. {"epochs": 20}.');
  }
  const problems: string[] = [];
  const result: HyperParams = { ...spec.defaults };
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    // own rules only: a name like "toString" or "__proto__" is an unknown hyperparameter, not Object's
    const rule = Object.hasOwn(spec.rules, name) ? spec.rules[name] : undefined;
    if (!rule) {
      problems.push(`unknown hyperparameter "${name}" for ${spec.key} (known: ${Object.keys(spec.rules).join(', ')})`);
      continue;
    }
    const problem = checkParam(name, rule, value);
    if (problem) problems.push(problem);
    else result[name] = value as number | string | number[];
  }
  if (problems.length) {
    throw new InvalidInputError(`Bad hyperparameters: ${problems.join('; ')}.`, { problems });
  }
  return result;
}

function checkParam(name: string, rule: ParamRule, value: unknown): string | null {
  switch (rule.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number`;
      if (rule.integer && !Number.isInteger(value)) return `${name} must be an integer`;
      if (value < rule.min || value > rule.max) return `${name} must be between ${rule.min} and ${rule.max}`;
      return null;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value) ? null : `${name} must be one of ${rule.values.join(', ')}`;
    case 'int-list':
      if (!Array.isArray(value) || value.length === 0 || value.length > rule.maxLength) {
        return `${name} must be a list of 1 to ${rule.maxLength} integers`;
      }
      return value.every((v) => Number.isInteger(v) && v >= rule.min && v <= rule.max)
        ? null
        : `${name} entries must be integers between ${rule.min} and ${rule.max}`;
    default: {
      const never: never = rule;
      return `unsupported rule ${String(never)}`;
    }
  }
}
