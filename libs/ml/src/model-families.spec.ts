import { MODEL_SPECS, MODEL_TYPES } from '@modelstream/contracts';
import { initBackend } from './backend';
import { buildModel, isLayersModelType, MODEL_FAMILIES } from './model-families';

describe('model families', () => {
  beforeAll(() => initBackend(['wasm', 'cpu']));

  it('implements every model type of the registry, and nothing else', () => {
    expect(Object.keys(MODEL_FAMILIES).sort()).toEqual(MODEL_TYPES.filter((t) => !t.startsWith('random_forest_')).sort());
  });

  it.each(MODEL_SPECS.flatMap((s) => (isLayersModelType(s.key) ? [[s.key, s] as const] : [])))(
    '%s builds a model of the asked shape from its defaults',
    (key, spec) => {
      const outputUnits = spec.problemType === 'classification' ? 3 : 1;
      const { model, l2 } = buildModel(key, spec.defaults, { inputDim: 4, outputUnits, problemType: spec.problemType }, 100);
      try {
        expect(model.inputs[0].shape).toEqual([null, 4]);
        expect(model.outputs[0].shape).toEqual([null, outputUnits]);
        expect(l2).toBeGreaterThanOrEqual(0);
      } finally {
        model.dispose();
      }
    },
  );

  it('scales the ridge penalty per training row, as scikit-learn does', () => {
    const shape = { inputDim: 2, outputUnits: 1, problemType: 'regression' as const };
    const built = buildModel('ridge_regression', { alpha: 5, seed: 1 }, shape, 50);
    built.model.dispose();
    expect(built.l2).toBeCloseTo(0.1);
  });

  it('builds the hidden layers an MLP is given', () => {
    const shape = { inputDim: 3, outputUnits: 1, problemType: 'classification' as const };
    const { model } = buildModel('mlp_classifier', { hiddenLayers: [8, 4, 2], seed: 1 }, shape, 10);
    expect(model.layers.filter((l) => l.name.startsWith('hidden_')).map((l) => l.outputShape)).toEqual([
      [null, 8],
      [null, 4],
      [null, 2],
    ]);
    model.dispose();
  });

  it('starts hidden kernels Glorot-uniform, as scikit-learn and Keras do', () => {
    const shape = { inputDim: 3, outputUnits: 1, problemType: 'regression' as const };
    const { model } = buildModel('mlp_regressor', { hiddenLayers: [8], seed: 1 }, shape, 10);
    // Glorot-uniform is variance scaling by the mean of fan-in and fan-out, uniform, scale 1.
    expect(model.getLayer('hidden_1').getConfig().kernelInitializer).toMatchObject({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
    });
    model.dispose();
  });
});
