import type { DatasetColumn } from '@sdk/types';
import { LINEAR, LOGISTIC, MLP } from './model-spec.factory';
import { defaultTarget, familyFor, problemTypeOf, targetColumns } from './target';

const column = (name: string, type: DatasetColumn['type']): DatasetColumn => ({ name, type, missing: 0, distinct: 3 });
const COLUMNS = [column('species', 'categorical'), column('bill_mm', 'numeric'), column('notes', 'empty')];

describe('target column', () => {
  it('defaults to the last column with values, as the API does', () => {
    expect(targetColumns(COLUMNS).map((c) => c.name)).toEqual(['species', 'bill_mm']);
    expect(defaultTarget(COLUMNS)).toBe('bill_mm');
    expect(defaultTarget([])).toBe('');
  });

  it('suggests a family of the problem type the target makes', () => {
    const specs = [LOGISTIC, MLP, LINEAR];
    expect(problemTypeOf(COLUMNS[0])).toBe('classification');
    expect(problemTypeOf(COLUMNS[1])).toBe('regression');
    expect(familyFor(specs, 'regression', 'logistic_regression')).toBe('linear_regression');
    expect(familyFor(specs, 'classification', 'mlp_classifier')).toBe('mlp_classifier');
    expect(familyFor([LOGISTIC], 'regression', 'logistic_regression')).toBe('logistic_regression');
  });
});
