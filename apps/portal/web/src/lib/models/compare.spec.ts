import { bestColumns, compareVersions, formatMetric, metricDirection, pickedVersions } from './compare';

describe('metricDirection', () => {
  it.each([
    ['loss', 'lower'],
    ['val_loss', 'lower'],
    ['log_loss', 'lower'],
    ['rmse', 'lower'],
    ['val_rmse', 'lower'],
    ['mae', 'lower'],
    ['accuracy', 'higher'],
    ['val_accuracy', 'higher'],
    ['f1', 'higher'],
    ['r2', 'higher'],
    ['roc_auc', 'higher'],
    ['epochs_run', undefined],
    ['training_seconds', undefined],
  ])('%s → %s', (name, direction) => expect(metricDirection(name)).toBe(direction));
});

describe('bestColumns', () => {
  it('picks the lowest loss and the highest score, ties included', () => {
    expect(bestColumns([0.4, 0.2, 0.3], 'lower')).toEqual([1]);
    expect(bestColumns([0.9, 0.95, 0.95], 'higher')).toEqual([1, 2]);
  });

  it('marks nothing when all tie or fewer than two versions have the metric', () => {
    expect(bestColumns([0.5, 0.5], 'higher')).toEqual([]);
    expect(bestColumns([0.5, undefined], 'higher')).toEqual([]);
    expect(bestColumns([NaN, 0.5, 0.7], 'lower')).toEqual([1]);
  });
});

describe('compareVersions', () => {
  const rows = compareVersions([
    {
      version: '3',
      modelType: 'mlp_classifier',
      metrics: { accuracy: 0.912345, log_loss: 0.31 },
      params: { epochs: '30', learningRate: '0.01' },
    },
    {
      version: '2',
      modelType: 'logistic_regression',
      metrics: { accuracy: 0.88, log_loss: 0.25, roc_auc: 0.9 },
      params: { epochs: '30', l2: '0' },
    },
  ]);

  it('lists metrics then params (model type first), each a row with a cell per version', () => {
    expect(rows.map((r) => `${r.section}:${r.name}`)).toEqual([
      'metric:accuracy',
      'metric:log_loss',
      'metric:roc_auc',
      'param:modelType',
      'param:epochs',
      'param:l2',
      'param:learningRate',
    ]);
    expect(rows[0].cells).toEqual(['0.9123', '0.88']);
    expect(rows[2].cells).toEqual([undefined, '0.9']);
  });

  it('marks the best value of each metric by its direction, and the params that differ', () => {
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.accuracy.best).toEqual([0]);
    expect(byName.log_loss.best).toEqual([1]);
    expect(byName.roc_auc.best).toEqual([]);
    expect(byName.epochs.differs).toBe(false);
    expect(byName.learningRate.differs).toBe(true);
    expect(byName.modelType.differs).toBe(true);
  });
});

it('shows the model type once when the run logged it as a param too', () => {
  const rows = compareVersions([
    { version: '2', modelType: 'mlp_classifier', metrics: {}, params: { modelType: 'mlp_classifier', epochs: '4' } },
    { version: '1', metrics: {}, params: { modelType: 'logistic_regression', epochs: '40' } },
  ]);
  expect(rows.map((r) => [r.name, r.cells])).toEqual([
    ['modelType', ['mlp_classifier', 'logistic_regression']],
    ['epochs', ['4', '40']],
  ]);
});

describe('formatMetric', () => {
  it('keeps integers, rounds large values whole and others to 4 decimals, uses exponents for tiny values', () => {
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(32186.2731)).toBe('32186');
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect(formatMetric(undefined)).toBeUndefined();
  });
});

describe('pickedVersions', () => {
  it('takes the named versions that exist, in the model order, and the two newest by default', () => {
    expect(pickedVersions(null, ['4', '3', '2'])).toEqual(['4', '3']);
    expect(pickedVersions('2,v4,9', ['4', '3', '2'])).toEqual(['4', '2']);
    expect(pickedVersions('', ['4', '3'])).toEqual([]);
  });
});
