import { InvalidInputError } from '@modelstream/contracts';
import { validateRows, type SignatureShape } from './signature-validation';

const signature: SignatureShape = {
  inputs: [
    { name: 'age', type: 'double' },
    { name: 'color', type: 'string' },
  ],
  passThroughColumns: ['label', 'id'],
};

function problem(rows: unknown, max = 10): InvalidInputError {
  try {
    validateRows(rows, signature, max);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('validateRows', () => {
  it('accepts good rows, numeric strings, nulls and pass-through columns', () => {
    const rows = [
      { age: 3, color: 'red' },
      { age: '4.5', color: null, id: 7, label: 'yes' },
      { age: null, color: 2 },
    ];
    expect(validateRows(rows, signature, 10)).toBe(rows);
  });

  it('rejects empty input and oversize batches naming the limit', () => {
    expect(problem([]).message).toMatch(/no rows/);
    const e = problem(Array.from({ length: 11 }, () => ({ age: 1, color: 'red' })));
    expect(e.message).toContain('limit of 10 rows');
    expect(e.details).toMatchObject({ rows: 11, limit: 10 });
    expect(problem({ age: 1 }).message).toMatch(/list of rows/);
  });

  it('names missing and unknown columns', () => {
    const e = problem([
      { age: 1, colour: 'red' },
      { age: 2, colour: 'blue', extra: 1 },
    ]);
    expect(e.message).toContain('missing columns: "color" (2 rows)');
    expect(e.message).toContain('unknown columns: "colour" (2 rows), "extra" (row 1)');
    expect(e.details).toMatchObject({ missingColumns: ['color'], unknownColumns: ['colour', 'extra'] });
  });

  it('tells a missing column named like an Object.prototype key from a wrong type (finding 5)', () => {
    const proto: SignatureShape = {
      inputs: [
        { name: 'constructor', type: 'string' },
        { name: 'age', type: 'double' },
      ],
      passThroughColumns: [],
    };
    expect(() => validateRows([{ age: 3 }], proto, 10)).toThrow('missing columns: "constructor" (row 0)');
    const rows = [{ constructor: 'red', age: 3 }];
    expect(validateRows(rows, proto, 10)).toBe(rows);
  });

  it('names values of the wrong type', () => {
    const e = problem([{ age: 'old', color: 'red' }, { age: 1, color: { r: 1 } }, 'nope']);
    expect(e.message).toContain('row 0 column "age": expected a number, got "old"');
    expect(e.message).toContain('row 1 column "color": expected a string');
    expect(e.message).toContain('rows 2 are not objects');
  });
});
