/**
 * The TF.js implementations of the model registry's families (keys and hyperparameter rules live in
 * @modelstream/contracts). Each builds a layers model whose output is class probabilities (sigmoid for
 * two classes, softmax for more) or one standardized value, plus the L2 penalty the family applies.
 */
import type { HyperParams, ModelType } from '@modelstream/contracts';
import { tf } from './backend';

export interface ModelShape {
  inputDim: number;
  /** 1 for regression and binary classification, the class count otherwise. */
  outputUnits: number;
  problemType: 'classification' | 'regression';
}

export interface BuiltModel {
  model: tf.LayersModel;
  /** Coefficient of sum(w²) over the kernels, added to the mean loss. */
  l2: number;
}

export type Family = (params: HyperParams, shape: ModelShape, trainRows: number) => BuiltModel;

const num = (params: HyperParams, key: string, fallback: number): number => (typeof params[key] === 'number' ? params[key] : fallback);

function outputLayer(shape: ModelShape, seed: number): tf.layers.Layer {
  const activation = shape.problemType === 'regression' ? 'linear' : shape.outputUnits === 1 ? 'sigmoid' : 'softmax';
  return tf.layers.dense({
    units: shape.outputUnits,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    name: 'output',
  });
}

function linear(shape: ModelShape, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [shape.inputDim], name: 'features' });
  const output = outputLayer(shape, seed).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

function mlp(params: HyperParams, shape: ModelShape, seed: number): tf.LayersModel {
  const hidden = Array.isArray(params.hiddenLayers) ? params.hiddenLayers : [64, 32];
  const activation = (typeof params.activation === 'string' ? params.activation : 'relu') as 'relu' | 'tanh' | 'sigmoid' | 'elu';
  const dropout = num(params, 'dropout', 0);
  const input = tf.input({ shape: [shape.inputDim], name: 'features' });
  let x: tf.SymbolicTensor = input;
  // Glorot-uniform kernels, as scikit-learn's and Keras' MLPs start: He-normal's larger weights made the
  // first epochs slower and a 1,000-row regression 0.07 R² worse after the default epochs (bench/mlp defaults).
  hidden.forEach((units, i) => {
    x = tf.layers
      .dense({ units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i + 1 }), name: `hidden_${i + 1}` })
      .apply(x) as tf.SymbolicTensor;
    if (dropout > 0) x = tf.layers.dropout({ rate: dropout, seed: seed + 100 + i, name: `dropout_${i + 1}` }).apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: outputLayer(shape, seed).apply(x) as tf.SymbolicTensor });
}

/** The registry's families trained as TF.js layers models (forests are built by forest/). */
export type LayersModelType = Exclude<ModelType, `random_forest_${string}`>;

/** One implementation per layers family: a key without one does not compile. */
export const MODEL_FAMILIES: Record<LayersModelType, Family> = {
  logistic_regression: (params, shape) => ({ model: linear(shape, num(params, 'seed', 42)), l2: num(params, 'l2', 0) }),
  linear_regression: (params, shape) => ({ model: linear(shape, num(params, 'seed', 42)), l2: 0 }),
  // sklearn's Ridge minimizes ||y - Xw||² + alpha·||w||²; per row that is the MSE plus alpha/n·||w||².
  ridge_regression: (params, shape, trainRows) => ({
    model: linear(shape, num(params, 'seed', 42)),
    l2: num(params, 'alpha', 1) / Math.max(trainRows, 1),
  }),
  mlp_classifier: (params, shape) => ({ model: mlp(params, shape, num(params, 'seed', 42)), l2: num(params, 'l2', 0) }),
  mlp_regressor: (params, shape) => ({ model: mlp(params, shape, num(params, 'seed', 42)), l2: num(params, 'l2', 0) }),
};

export function isLayersModelType(modelType: ModelType): modelType is LayersModelType {
  return Object.hasOwn(MODEL_FAMILIES, modelType);
}

export function buildModel(modelType: LayersModelType, params: HyperParams, shape: ModelShape, trainRows: number): BuiltModel {
  return MODEL_FAMILIES[modelType](params, shape, trainRows);
}
