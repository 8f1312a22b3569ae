import { csvRecords, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('parses quoted fields, doubled quotes, CRLF and a BOM; no row for the trailing newline', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['1', ''],
    ]);
  });

  it('makes records with null for empty cells, and names a row with the wrong width', () => {
    expect(csvRecords('a,b\n1,\n')).toEqual([{ a: '1', b: null }]);
    expect(() => csvRecords('a,b\n1\n')).toThrow(/row 2 has 1 cells, the header 2/);
  });

  it('writes CSV, quoting what needs it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', null],
          [1, 'q"'],
        ],
      ),
    ).toBe('a,b\n"x,y",\n1,"q"""\n');
  });
});
