import { aliasProblem, buildSweepRequest, countCombinations, gridFields, metricsFor, parseGridValues, type SweepForm } from './sweep-grid';
import { LINEAR, LOGISTIC, MLP } from './model-spec.factory';

const SPECS = [LOGISTIC, MLP, LINEAR];
const form = (over: Partial<SweepForm> = {}): SweepForm => ({
  target: 'species',
  modelTypes: ['logistic_regression', 'mlp_classifier'],
  grid: { learningRate: '0.01, 0.1' },
  metric: 'accuracy',
  modelName: '',
  promoteAlias: 'champion',
  ...over,
});

describe('sweep grid', () => {
  const field = (name: string, spec = MLP) => gridFields([spec]).find((f) => f.name === name)!;

  it('reads "0.01, 0.1" into numbers checked against the rule', () => {
    const lr = field('learningRate');
    expect(parseGridValues('0.01, 0.1', lr)).toEqual({ ok: true, value: [0.01, 0.1] });
    expect(parseGridValues('0.01 0.1;1 0.1', lr)).toEqual({ ok: true, value: [0.01, 0.1, 1] });
    expect(parseGridValues('  ', lr)).toEqual({ ok: true, value: [] });
    expect(parseGridValues('0.01, 20', lr)).toEqual({ ok: false, error: 'learningRate must be between 0.000001 and 10 ("20")' });
    expect(parseGridValues('0.01, abc', lr)).toEqual({ ok: false, error: 'learningRate must be a number ("abc")' });
    expect(parseGridValues('5, 7.5', field('epochs'))).toEqual({ ok: false, error: 'epochs must be a whole number ("7.5")' });
    expect(parseGridValues('relu, tanh', field('activation'))).toEqual({ ok: true, value: ['relu', 'tanh'] });
    expect(parseGridValues('relu, swish', field('activation')).ok).toBe(false);
  });

  it('offers the numbers and choices of the chosen families, and who has them', () => {
    const fields = gridFields([LOGISTIC, MLP]);
    expect(fields.map((f) => f.name)).toEqual(['epochs', 'learningRate', 'activation']);
    expect(fields.find((f) => f.name === 'activation')!.families).toEqual(['mlp_classifier']);
  });

  it('counts trainings as the API makes them: a key only multiplies the families that have it', () => {
    expect(countCombinations([LOGISTIC, MLP], { learningRate: [0.01, 0.1] })).toBe(4);
    expect(countCombinations([LOGISTIC, MLP], { learningRate: [0.01, 0.1], activation: ['relu', 'tanh'] })).toBe(6);
    expect(countCombinations([LOGISTIC], {})).toBe(1);
  });

  it('builds the request body', () => {
    expect(buildSweepRequest(form(), SPECS)).toEqual({
      ok: true,
      combinations: 4,
      request: {
        modelTypes: ['logistic_regression', 'mlp_classifier'],
        metric: 'accuracy',
        grid: { learningRate: [0.01, 0.1] },
        target: 'species',
        promoteAlias: 'champion',
      },
    });
  });

  it('names what is wrong, per field', () => {
    const mixed = buildSweepRequest(form({ modelTypes: ['logistic_regression', 'linear_regression'] }), SPECS);
    expect(mixed.ok || mixed.errors.modelTypes).toMatch(/one problem type/);
    const wrongMetric = buildSweepRequest(form({ metric: 'rmse' }), SPECS);
    expect(wrongMetric.ok || wrongMetric.errors.metric).toBe(
      'rmse ranks regression models; pick one of accuracy, f1, precision, recall, roc_auc, log_loss.',
    );
    const tooMany = buildSweepRequest(
      form({ grid: { learningRate: '0.001 0.002 0.003 0.004 0.005 0.006', epochs: '1 2 3 4 5 6' } }),
      SPECS,
    );
    expect(tooMany.ok || tooMany.errors.grid).toBe('72 trainings is more than the 64 a sweep may run; use fewer values.');
    const none = buildSweepRequest(form({ modelTypes: [], promoteAlias: 'v3' }), SPECS);
    expect(none.ok ? [] : Object.keys(none.errors).sort()).toEqual(['modelTypes', 'promoteAlias']);
  });

  it('knows the metrics of each problem type and the alias names the registry refuses', () => {
    expect(metricsFor('regression')).toEqual(['r2', 'rmse', 'mae']);
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('latest')).toMatch(/reserved/);
    expect(aliasProblem('7')).toMatch(/reserved/);
    expect(aliasProblem('best one')).toMatch(/letters, digits/);
  });
});
