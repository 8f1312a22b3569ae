/** Model specs shaped as `GET /api/model-specs` answers them, for the unit specs of this folder. */
import type { ModelSpec } from '@sdk/types';

const common = {
  epochs: { kind: 'number', min: 1, max: 1000, integer: true, description: 'Passes over the training split' },
  learningRate: { kind: 'number', min: 1e-6, max: 10, description: 'Optimizer step size' },
};

export function specFactory(key: string, over: Partial<ModelSpec> = {}): ModelSpec {
  const mlp = key.startsWith('mlp');
  return {
    key,
    problemType: key === 'logistic_regression' || key.endsWith('classifier') ? 'classification' : 'regression',
    description: `${key} family`,
    defaults: mlp ? { epochs: 30, learningRate: 0.01, hiddenLayers: [64, 32], activation: 'relu' } : { epochs: 30, learningRate: 0.05 },
    rules: mlp
      ? {
          ...common,
          hiddenLayers: { kind: 'int-list', min: 1, max: 4096, maxLength: 8, description: 'Units of each hidden layer' },
          activation: { kind: 'enum', values: ['relu', 'tanh'], description: 'Hidden-layer activation' },
        }
      : { ...common },
    ...over,
  };
}

export const LOGISTIC = specFactory('logistic_regression');
export const MLP = specFactory('mlp_classifier');
export const LINEAR = specFactory('linear_regression');
