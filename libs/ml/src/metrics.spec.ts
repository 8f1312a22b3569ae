import { classificationMetrics, regressionMetrics, rocAuc } from './metrics';

describe('classificationMetrics', () => {
  it('computes accuracy, macro precision/recall/F1, log loss and the confusion matrix', () => {
    // true: 0 0 1 1 2 ; predicted: 0 1 1 1 0
    const labels = [0, 0, 1, 1, 2];
    const probs = [0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7, 0.1, 0.1, 0.8, 0.1, 0.5, 0.3, 0.2];
    const m = classificationMetrics(labels, probs, 3);
    expect(m.accuracy).toBeCloseTo(3 / 5);
    expect(m.confusionMatrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    // precision: class0 1/2, class1 2/3, class2 0 → macro 7/18; recall: 1/2, 1, 0 → 1/2
    expect(m.precision).toBeCloseTo(7 / 18);
    expect(m.recall).toBeCloseTo(0.5);
    const f1 = (2 * 0.5 * 0.5) / 1 + (2 * (2 / 3) * 1) / (2 / 3 + 1);
    expect(m.f1).toBeCloseTo(f1 / 3);
    const ll = -(Math.log(0.8) + Math.log(0.3) + Math.log(0.7) + Math.log(0.8) + Math.log(0.2)) / 5;
    expect(m.log_loss).toBeCloseTo(ll);
    expect(m.roc_auc).toBeUndefined();
  });

  it('adds ROC AUC for two classes', () => {
    const m = classificationMetrics([0, 1, 0, 1], [0.9, 0.1, 0.4, 0.6, 0.65, 0.35, 0.2, 0.8], 2);
    // positive scores 0.6, 0.8 vs negative 0.1, 0.35: all pairs ordered → 1
    expect(m.roc_auc).toBe(1);
    expect(m.accuracy).toBe(1);
  });

  it('rocAuc shares ranks between ties and is 0.5 for constant scores', () => {
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 0, 1, 0], [0.1, 0.9, 0.2, 0.8])).toBe(0);
    expect(rocAuc([0, 1, 1, 0], [0.2, 0.4, 0.3, 0.35])).toBeCloseTo(0.75);
  });
});

describe('regressionMetrics', () => {
  it('computes MAE, RMSE and R²', () => {
    const m = regressionMetrics([1, 2, 3, 4], [1, 2, 4, 2]);
    expect(m.mae).toBeCloseTo(0.75);
    expect(m.rmse).toBeCloseTo(Math.sqrt(5 / 4));
    expect(m.r2).toBeCloseTo(1 - 5 / 5);
    expect(regressionMetrics([1, 2, 3], [1, 2, 3]).r2).toBe(1);
  });
});
