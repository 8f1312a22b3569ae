import { rowsToCsv } from './rows-csv';

describe('rowsToCsv', () => {
  it('writes the columns in order of first appearance, with missing and null cells empty', () => {
    const csv = rowsToCsv([
      { x: 1, y: 'a' },
      { y: 'b', z: true },
      { x: null, y: 'c' },
    ]).toString();
    expect(csv).toBe('x,y,z\n1,a,\n,b,true\n,c,\n');
  });

  it('quotes cells with commas, quotes, line breaks or edge spaces', () => {
    expect(rowsToCsv([{ 'a,b': 'say "hi"', c: 'line\nbreak', d: ' pad' }]).toString()).toBe(
      '"a,b",c,d\n"say ""hi""","line\nbreak"," pad"\n',
    );
  });

  it('refuses nested values and non-finite numbers with the row and column named', () => {
    expect(() => rowsToCsv([{ x: 1 }, { x: { nested: 1 } }])).toThrow(/rows\[1\]\.x is an object/);
    expect(() => rowsToCsv([{ x: [1] }])).toThrow(/rows\[0\]\.x is an array/);
    expect(() => rowsToCsv([{ x: Infinity }])).toThrow(/finite number/);
    expect(() => rowsToCsv([{}])).toThrow(/no columns/);
  });
});
