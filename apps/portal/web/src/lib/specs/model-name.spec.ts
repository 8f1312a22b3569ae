import { defaultModelName, modelNameError } from './model-name';

describe('model name', () => {
  it('defaults to the file name without .csv, other characters as dashes', () => {
    expect(defaultModelName('penguins.csv')).toBe('penguins');
    expect(defaultModelName('My Data (v2).CSV')).toBe('My-Data-v2');
    expect(defaultModelName('___.csv')).toBe('model');
    expect(defaultModelName(`${'a'.repeat(120)}.csv`)).toHaveLength(100);
  });

  it('accepts what the API accepts, blank meaning the default', () => {
    expect(modelNameError('')).toBeUndefined();
    expect(modelNameError('churn_v2.1-final')).toBeUndefined();
    expect(modelNameError('-churn')).toMatch(/starting with a letter or digit/);
    expect(modelNameError('churn model')).toMatch(/letters, digits/);
    expect(modelNameError('a'.repeat(101))).toBeDefined();
  });
});
