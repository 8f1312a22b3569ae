/**
 * A layers model as the training step sees it: a chain of Dense layers (each with its activation and
 * an optional Dropout after it) ending in an output layer whose activation is folded into the loss
 * (sigmoid → logistic loss, softmax → cross-entropy, linear → squared error). Every family of
 * model-families.ts builds such a chain; the step trains its weights and writes them back, so the saved
 * topology is the model's own.
 */
import { tf } from '../backend';

export type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'elu';
export type OutputKind = 'sigmoid' | 'softmax' | 'linear';

export interface DenseLayer {
  units: number;
  /** 'linear' for the output layer (its activation is part of the loss). */
  activation: Activation;
  /** Rate of the Dropout layer after this one (0: none). */
  dropout: number;
}

export interface DenseNetwork {
  inputDim: number;
  layers: DenseLayer[];
  output: OutputKind;
  /** [kernel₁, bias₁, kernel₂, bias₂, …]: the model's own variables, in layer order. */
  variables: tf.LayerVariable[];
}

const ACTIVATIONS: readonly string[] = ['linear', 'relu', 'tanh', 'sigmoid', 'elu'];
const OUTPUTS: readonly string[] = ['sigmoid', 'softmax', 'linear'];

/** The model as a dense chain; throws for any other architecture (no family builds one). */
export function denseNetwork(model: tf.LayersModel): DenseNetwork {
  const unsupported = (why: string) => new Error(`the training step supports chains of Dense and Dropout layers: ${why}`);
  const layers: DenseLayer[] = [];
  const variables: tf.LayerVariable[] = [];
  let output: OutputKind | null = null;
  const chain = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (const [i, layer] of chain.entries()) {
    const config = layer.getConfig() as { activation?: string; rate?: number; units?: number };
    if (layer.getClassName() === 'Dropout') {
      if (!layers.length) throw unsupported('a Dropout before the first Dense layer');
      layers[layers.length - 1].dropout = config.rate ?? 0;
      continue;
    }
    if (layer.getClassName() !== 'Dense') throw unsupported(`layer ${layer.name} is a ${layer.getClassName()}`);
    // originalName: `name` gets a suffix when another model made a variable of the same name.
    const kernel = layer.trainableWeights.find((w) => w.originalName.endsWith('/kernel'));
    const bias = layer.trainableWeights.find((w) => w.originalName.endsWith('/bias'));
    if (!kernel || !bias) throw unsupported(`layer ${layer.name} has no bias`);
    const activation = config.activation ?? 'linear';
    const last = i === chain.length - 1;
    if (last ? !OUTPUTS.includes(activation) : !ACTIVATIONS.includes(activation)) {
      throw unsupported(`layer ${layer.name} has activation ${activation}`);
    }
    if (last) output = activation as OutputKind;
    layers.push({ units: kernel.shape[1]!, activation: last ? 'linear' : (activation as Activation), dropout: 0 });
    variables.push(kernel, bias);
  }
  if (!output) throw unsupported('the last layer is not Dense');
  return { inputDim: variables[0].shape[0]!, layers, output, variables };
}

/** The network's weights now (the model's own tensors: not to be disposed by the caller). */
export function networkWeights(network: DenseNetwork): tf.Tensor[] {
  return network.variables.map((v) => v.read());
}

/** Writes trained weights into the model's variables (the caller still owns `values`). */
export function setNetworkWeights(network: DenseNetwork, values: tf.Tensor[]): void {
  network.variables.forEach((v, i) => v.write(values[i]));
}
