import { MODEL_TYPES } from '@modelstream/contracts';
import { parseOptions } from './options';

describe('parseOptions', () => {
  it('defaults to every family, dataset and side, 3 seeds and 1 for the forests, bounded in time', () => {
    const options = parseOptions([]);
    expect(options).toMatchObject({ rows: 100_000, features: 20, datasets: ['synthetic', 'mixed'], sides: ['ours', 'sklearn', 'keras'] });
    expect(options.families).toEqual(MODEL_TYPES);
    expect(options.seeds).toEqual([1, 2, 3]);
    expect(options.forestSeeds).toEqual([1]);
    expect(options.epochs).toBeNull();
    expect(options.maxSeconds).toBeGreaterThan(0);
  });

  it('runs our side alone on one seed at a million rows unless told otherwise', () => {
    expect(parseOptions(['--rows', '1000000'])).toMatchObject({ sides: ['ours'], seeds: [1], datasets: ['synthetic'] });
    expect(parseOptions(['--rows', '1000000', '--sides', 'ours,sklearn', '--seeds', '2'])).toMatchObject({
      sides: ['ours', 'sklearn'],
      seeds: [1, 2],
    });
  });

  it('selects families and datasets', () => {
    const options = parseOptions(['--families', 'mlp_classifier,ridge_regression', '--datasets', 'mixed', '--epochs', '5']);
    expect(options.families).toEqual(['mlp_classifier', 'ridge_regression']);
    expect(options.datasets).toEqual(['mixed']);
    expect(options.epochs).toBe(5);
  });

  it('refuses unknown options, names and values with what to use instead', () => {
    expect(() => parseOptions(['--famlies', 'x'])).toThrow(/unknown option --famlies/);
    expect(() => parseOptions(['--families', 'svm'])).toThrow(/unknown svm \(use logistic_regression/);
    expect(() => parseOptions(['--seeds', '0'])).toThrow(/--seeds must be an integer ≥ 1/);
    expect(() => parseOptions(['--rows'])).toThrow(/--rows needs a value/);
  });
});
