import { InvalidInputError } from './errors';
import { defaultModelType, getModelSpec, isModelType, MODEL_SPECS, MODEL_TYPES, resolveHyperParams } from './model-specs';

describe('model specs', () => {
  it('registers the five required families with defaults that pass their own rules', () => {
    expect(MODEL_SPECS.map((s) => s.key)).toEqual(
      expect.arrayContaining(['logistic_regression', 'linear_regression', 'ridge_regression', 'mlp_classifier', 'mlp_regressor']),
    );
    for (const spec of MODEL_SPECS) expect(resolveHyperParams(spec, { ...spec.defaults })).toEqual(spec.defaults);
  });

  it('lists every registry key once, as the keys of its specs', () => {
    expect(MODEL_SPECS.map((s) => s.key)).toEqual(MODEL_TYPES);
    expect(new Set(MODEL_TYPES).size).toBe(MODEL_TYPES.length);
  });

  it('tells model types from other values', () => {
    for (const key of MODEL_TYPES) expect(isModelType(key)).toBe(true);
    expect(isModelType('random_forest')).toBe(false);
    expect(isModelType('toString')).toBe(false);
    expect(isModelType(undefined)).toBe(false);
    expect(isModelType(3)).toBe(false);
  });

  it('defaults each problem type to a family of that problem type', () => {
    expect(getModelSpec(defaultModelType('classification')).problemType).toBe('classification');
    expect(getModelSpec(defaultModelType('regression')).problemType).toBe('regression');
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

  it('names Object.prototype keys as unknown hyperparameters (finding 5: "unsupported rule function Object()")', () => {
    const given = JSON.parse('{"__proto__": 1, "toString": 2, "constructor": 3}') as Record<string, unknown>;
    expect(() => resolveHyperParams(getModelSpec('logistic_regression'), given)).toThrow(
      /unknown hyperparameter "__proto__".*unknown hyperparameter "toString".*unknown hyperparameter "constructor"/,
    );
  });

  it('rejects params that are not an object', () => {
    expect(() => resolveHyperParams(getModelSpec('linear_regression'), [1, 2])).toThrow(/JSON object/);
  });
});
