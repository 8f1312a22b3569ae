import { checkComputeBudget, MAX_PARAMETERS, parameterCount } from './compute-budget';
import { InvalidInputError } from './errors';
import { getModelSpec, resolveHyperParams } from './model-specs';

const mlp = getModelSpec('mlp_classifier');
const paramsOf = (key: Parameters<typeof getModelSpec>[0], given: object) => resolveHyperParams(getModelSpec(key), given);

describe('the compute budget of a training request', () => {
  it('counts the weights of dense layers with their biases', () => {
    expect(parameterCount(mlp, { hiddenLayers: [64, 32] }, { features: 10, outputs: 3 })).toBe(11 * 64 + 65 * 32 + 33 * 3);
    expect(parameterCount(getModelSpec('linear_regression'), {}, { features: 10, outputs: 1 })).toBe(11);
  });

  it('refuses finding 3’s request — 8 × 4096 hidden units — from its settings alone, saying what to lower', () => {
    const params = paramsOf('mlp_classifier', { hiddenLayers: Array(8).fill(4096), epochs: 1000, batchSize: 1 });
    expect(() => checkComputeBudget(mlp, params, { features: 1, outputs: 1 })).toThrow(
      expect.objectContaining({
        constructor: InvalidInputError,
        message: expect.stringMatching(
          /would have 1\d\d million weights, over the limit of 20.0 million\. Use fewer or narrower hiddenLayers/,
        ),
      }),
    );
    expect(MAX_PARAMETERS).toBe(20_000_000);
  });

  it('lets the defaults train a million rows, and refuses work no trainer should take on', () => {
    for (const key of ['mlp_classifier', 'logistic_regression', 'random_forest_classifier'] as const) {
      expect(() => checkComputeBudget(getModelSpec(key), paramsOf(key, {}), { features: 100, outputs: 2, rows: 1_000_000 })).not.toThrow();
    }
    const wide = paramsOf('mlp_regressor', { hiddenLayers: [2048, 2048], epochs: 1000 });
    expect(() => checkComputeBudget(getModelSpec('mlp_regressor'), wide, { features: 50, outputs: 1, rows: 100_000 })).toThrow(
      /Use fewer epochs, a smaller model, or fewer rows/,
    );
    const forest = paramsOf('random_forest_regressor', { trees: 500 });
    expect(() =>
      checkComputeBudget(getModelSpec('random_forest_regressor'), forest, { features: 2000, outputs: 1, rows: 1_000_000 }),
    ).toThrow(/Use fewer trees/);
    expect(() =>
      checkComputeBudget(getModelSpec('ridge_regression'), paramsOf('ridge_regression', {}), {
        features: 5000,
        outputs: 1,
        rows: 1_000_000,
      }),
    ).toThrow(/exact solver over 1000000 rows × 5000 columns/);
  });
});
