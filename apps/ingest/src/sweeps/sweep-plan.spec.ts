import { expandSweep, MAX_COMBINATIONS, rankJobs } from './sweep-plan';

describe('expandSweep', () => {
  it('applies a grid key to the families that have it; the others train once with their defaults', () => {
    const combos = expandSweep({
      modelTypes: ['logistic_regression', 'mlp_classifier'],
      grid: { learningRate: [0.01, 0.1], hiddenLayers: [[8], [16, 8]] },
      metric: 'accuracy',
    });
    expect(combos).toEqual([
      { modelType: 'logistic_regression', params: { learningRate: 0.01 } },
      { modelType: 'logistic_regression', params: { learningRate: 0.1 } },
      { modelType: 'mlp_classifier', params: { learningRate: 0.01, hiddenLayers: [8] } },
      { modelType: 'mlp_classifier', params: { learningRate: 0.01, hiddenLayers: [16, 8] } },
      { modelType: 'mlp_classifier', params: { learningRate: 0.1, hiddenLayers: [8] } },
      { modelType: 'mlp_classifier', params: { learningRate: 0.1, hiddenLayers: [16, 8] } },
    ]);
    expect(expandSweep({ modelTypes: ['linear_regression', 'ridge_regression'], grid: { alpha: [0.1, 1] }, metric: 'rmse' })).toEqual([
      { modelType: 'linear_regression', params: {} },
      { modelType: 'ridge_regression', params: { alpha: 0.1 } },
      { modelType: 'ridge_regression', params: { alpha: 1 } },
    ]);
  });

  it('refuses what cannot make a sweep, saying why', () => {
    const bad = (request: Parameters<typeof expandSweep>[0]) => () => expandSweep(request);
    expect(bad({ modelTypes: ['logistic_regression'], grid: {}, metric: 'speed' })).toThrow(/cannot rank a sweep/);
    expect(bad({ modelTypes: [], grid: {}, metric: 'accuracy' })).toThrow(/at least one model family/);
    expect(bad({ modelTypes: ['magic'], grid: {}, metric: 'accuracy' })).toThrow(/magic/);
    expect(bad({ modelTypes: ['linear_regression'], grid: {}, metric: 'accuracy' })).toThrow(
      /classification metric.*linear_regression is regression/,
    );
    expect(bad({ modelTypes: ['logistic_regression'], grid: { alpha: [1] }, metric: 'accuracy' })).toThrow(
      /grid.alpha is a hyperparameter of none/,
    );
    expect(bad({ modelTypes: ['logistic_regression'], grid: { epochs: [] }, metric: 'accuracy' })).toThrow(/non-empty array/);
    expect(bad({ modelTypes: ['logistic_regression'], grid: { epochs: [5, -1] }, metric: 'accuracy' })).toThrow(
      /logistic_regression with \{"epochs":-1\}/,
    );
    const many = Array.from({ length: MAX_COMBINATIONS + 1 }, (_, i) => i + 1);
    expect(bad({ modelTypes: ['logistic_regression'], grid: { epochs: many }, metric: 'accuracy' })).toThrow(/at most 64/);
  });
});

describe('rankJobs', () => {
  const jobs = [
    { trackingId: 'a', score: 0.8 },
    { trackingId: 'b', score: null },
    { trackingId: 'c', score: 0.9 },
    { trackingId: 'd', score: 0.7 },
  ];
  it('ranks descending for accuracy/r2 and ascending for rmse/log_loss, unscored last', () => {
    expect(rankJobs(jobs, 'accuracy').map((j) => `${j.rank}${j.trackingId}`)).toEqual(['1c', '2a', '3d', '4b']);
    expect(rankJobs(jobs, 'rmse').map((j) => `${j.rank}${j.trackingId}`)).toEqual(['1d', '2a', '3c', '4b']);
  });
});
