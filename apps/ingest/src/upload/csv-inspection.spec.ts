import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '@modelstream/contracts';
import {
  checkColumns,
  columnValues,
  inferProblemType,
  inspectCsvColumn,
  inspectCsvHead,
  isPlain,
  plainColumn,
  plainRows,
  resolveTarget,
} from './csv-inspection';

describe('inspectCsvHead', () => {
  it('reads the header and the complete rows of a first chunk, ignoring the cut last line', () => {
    const head = inspectCsvHead(Buffer.from('\uFEFFa, b ,y\n1,2,x\n3,4,y\n5,6'), false)!;
    expect(head.columns).toEqual(['a', 'b', 'y']);
    expect(head.rows).toEqual([
      ['1', '2', 'x'],
      ['3', '4', 'y'],
    ]);
  });

  it('waits for a complete line unless the bytes are the whole file', () => {
    expect(inspectCsvHead(Buffer.from('a,b,'), false)).toBeNull();
    expect(inspectCsvHead(Buffer.from('a,b,y'), true)!.columns).toEqual(['a', 'b', 'y']);
  });

  it('samples only the column it is asked for, from plain or quoted text alike', () => {
    const plain = Buffer.from('a,b,y\n1,2,x\n\n3\n5,6,z,extra\n7,8');
    expect(inspectCsvColumn(plain, (columns) => columns[2])).toEqual({ columns: ['a', 'b', 'y'], values: ['x', '', 'z'] });
    const quoted = Buffer.from('a,b,y\n1,"2,5",x\n3,4,"y\nz"\n');
    expect(inspectCsvColumn(quoted, () => 'y')!.values).toEqual(['x', 'y\nz']);
    expect(inspectCsvColumn(plain, () => null)).toEqual({ columns: ['a', 'b', 'y'], values: [] });
    expect(inspectCsvColumn(Buffer.from('a,b,'), () => 'a')).toBeNull();
    expect(() => inspectCsvColumn(Buffer.from('a,a\n1,2\n'), () => 'a')).toThrow(/repeats column/);
  });

  it('refuses binary data', () => {
    expect(() => inspectCsvHead(Buffer.from([0x50, 0x4b, 0, 0x0a]), true)).toThrow(/binary data/);
  });

  it('reads the rows of plain text (no quote, no CR) as csv-parse does, in 1,000 generated files', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647; // Park–Miller: exact in doubles
      return Math.floor((seed / 2147483647) * n);
    };
    const pieces = ['', ' ', '1', '-2.5', 'abc', 'é', '#x', "it's", '\t', 'a b', 'NA', '😀'];
    for (let file = 0; file < 1000; file++) {
      const lines = Array.from({ length: rand(8) }, () =>
        rand(5) === 0 ? '' : Array.from({ length: 1 + rand(4) }, () => pieces[rand(pieces.length)]).join(','),
      );
      const text = (rand(4) === 0 ? '\uFEFF' : '') + ['h1,h2', ...lines].join('\n') + (rand(2) ? '\n' : '');
      expect(isPlain(text)).toBe(true);
      const expected = parse(text, { bom: true, from_line: 2, skip_empty_lines: true, relax_column_count: true }) as string[][];
      expect(plainRows(text)).toEqual(expected);
      for (let index = 0; index < 5; index++) {
        expect(plainColumn(text, index)).toEqual(
          columnValues({ columns: ['h1', 'h2', 'h3', 'h4', 'h5'], rows: expected }, `h${index + 1}`),
        );
      }
    }
    expect(isPlain('a,b\r\n1,2')).toBe(false);
    expect(isPlain('a,b\n"1",2')).toBe(false);
  });
});

describe('checkColumns / resolveTarget', () => {
  it('names empty and repeated columns', () => {
    expect(() => checkColumns(['a', '', 'c', ' '])).toThrow(/position\(s\) 2, 4/);
    expect(() => checkColumns(['a', 'b', 'a'])).toThrow(/"a"/);
    expect(() => checkColumns([''])).toThrow(/no header row/);
  });

  it('refuses a column named __proto__ (finding 5: it trained, then every prediction lost the column), keeps "constructor"', () => {
    expect(() => checkColumns(['x', '__proto__', 'y'])).toThrow(
      new InvalidInputError('The header row names a column "__proto__", which cannot be a column name here. Rename that column.'),
    );
    expect(checkColumns(['constructor', 'toString', 'y'])).toEqual(['constructor', 'toString', 'y']);
  });

  it('defaults the target to the last column and 400s an unknown one', () => {
    expect(resolveTarget(['a', 'b', 'label'], null)).toBe('label');
    expect(resolveTarget(['a', 'b', 'label'], 'a')).toBe('a');
    expect(() => resolveTarget(['a', 'b'], 'price')).toThrow(InvalidInputError);
  });
});

describe('inferProblemType', () => {
  it.each([
    [['a', 'b', 'a'], 'classification'],
    [['0', '1', '1', '0'], 'classification'],
    [['1', '2', '3', 'x'], 'classification'],
    [['1.5', '2', '3'], 'regression'],
    [Array.from({ length: 30 }, (_, i) => String(i * 7)), 'regression'],
    [Array.from({ length: 30 }, (_, i) => String(i % 20)), 'classification'],
    [[], 'classification'],
  ])('%j → %s', (values, expected) => {
    expect(inferProblemType(values)).toBe(expected);
  });

  it('reads the target values from sample rows', () => {
    expect(columnValues({ columns: ['a', 'y'], rows: [['1', 'x'], ['2']] }, 'y')).toEqual(['x', '']);
  });
});
