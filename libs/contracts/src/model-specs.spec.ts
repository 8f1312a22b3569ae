import { InvalidInputError } from './errors';
import { getModelSpec, MODEL_SPECS, resolveHyperParams } from './model-specs';

describe('model specs', () => {
  it('registers the five required families with defaults that pass their own rules', () => {
    expect(MODEL_SPECS.map((s) => s.key)).toEqual(
      expect.arrayContaining(['logistic_regression', 'linear_regression', 'ridge_regression', 'mlp_classifier', 'mlp_regressor']),
    );
    for (const spec of MODEL_SPECS) expect(resolveHyperParams(spec, { ...spec.defaults })).toEqual(spec.defaults);
  });

  it('rejects an unknown model type naming the known ones', () => {
    expect(() => getModelSpec('random_forest')).toThrow(/Unknown modelType "random_forest".*logistic_regression/);
  });

  it('merges given params over defaults', () => {
    const params = resolveHyperParams(getModelSpec('mlp_classifier'), { epochs: 5, hiddenLayers: [8] });
    expect(params).toMatchObject({ epochs: 5, hiddenLayers: [8], activation: 'relu' });
  });

  it('reports every bad hyperparameter at once', () => {
    try {
      resolveHyperParams(getModelSpec('ridge_regression'), { epochs: 0, alpha: 'big', depth: 3 });
      throw new Error('expected InvalidInputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/epochs must be between 1 and 1000/);
      expect(msg).toMatch(/alpha must be a number/);
      expect(msg).toMatch(/unknown hyperparameter "depth"/);
    }
  });

  it('rejects params that are not an object', () => {
    expect(() => resolveHyperParams(getModelSpec('linear_regression'), [1, 2])).toThrow(/JSON object/);
  });
});
