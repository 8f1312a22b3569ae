import { InvalidInputError } from '@modelstream/contracts';
import { finiteOnly } from './prediction.service';

describe('finiteOnly (finding 6: features of 1e308 answered 200 with null values)', () => {
  it('passes finite predictions through', () => {
    const regression = { problemType: 'regression' as const, target: 'y', values: [1.5, -2] };
    expect(finiteOnly(regression)).toBe(regression);
  });

  it('answers 400 naming the rows whose regression value is not finite', () => {
    expect(() => finiteOnly({ problemType: 'regression', target: 'y', values: [1, Infinity, NaN] })).toThrow(
      expect.objectContaining({
        constructor: InvalidInputError,
        message: expect.stringMatching(/^The model's output for rows 1, 2 is not a finite number/),
      }),
    );
  });

  it('answers 400 when a class probability is not finite', () => {
    const probabilities = [
      { a: 0.5, b: 0.5 },
      { a: NaN, b: NaN },
    ];
    expect(() => finiteOnly({ problemType: 'classification', classes: ['a', 'b'], labels: ['a', 'a'], probabilities })).toThrow(
      /output for row 1 is not a finite number/,
    );
  });
});
