import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '@modelstream/contracts';
import {
  checkColumns,
  columnValues,
  CsvShapeScanner,
  CsvShapeState,
  inferProblemType,
  inspectCsvHead,
  isPlain,
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

describe('CsvShapeScanner', () => {
  /** Scans the parts with a fresh scanner per part, continuing from the previous part's snapshot. */
  const recordsOf = (...texts: string[]) => {
    let snapshot: CsvShapeState | undefined;
    let scanner = new CsvShapeScanner();
    for (const text of texts) {
      // As between two requests: the state goes through JSON (Redis) between parts.
      scanner = new CsvShapeScanner(snapshot && (JSON.parse(JSON.stringify(snapshot)) as CsvShapeState));
      scanner.scan(Buffer.from(text));
      snapshot = scanner.snapshot();
    }
    scanner.end();
    return scanner.records;
  };

  it('accepts escaped quotes, line breaks inside quotes, CRLF and empty lines, across parts', () => {
    const text = 'a,b,y\r\n"say ""hi""","multi\nline",1\r\n\r\n2,3,4';
    expect(recordsOf(text)).toBe(3);
    for (let cut = 1; cut < text.length; cut++) expect(recordsOf(text.slice(0, cut), text.slice(cut))).toBe(3);
  });

  it('counts nothing in an empty or blank file', () => {
    expect(recordsOf('')).toBe(0);
    expect(recordsOf('\n\r\n')).toBe(0);
  });

  it.each([
    ['a,b,y\n1,"2,3\n', /quoted field opened on line 2 is never closed/],
    ['a,b,y\n1,2,3\n4,5\n', /row on line 3 has 2 fields where the header has 3/],
    ['a,b,y\n1,2,3\n4,5', /row on line 3 has 2 fields where the header has 3/],
    ['a,b,y\n1,2"x,3\n', /quote inside an unquoted field on line 2/],
    ['a,b,y\n1,"2"x,3\n', /text after a closing quote on line 2/],
  ])('refuses %j', (text, message) => {
    expect(() => recordsOf(text.slice(0, 4), text.slice(4))).toThrow(message);
  });

  it('agrees with csv-parse on 400 generated CSVs, broken or not, cut anywhere', () => {
    const cells = ['', '1', '-2.5', 'x y', 'héllo', '日本', '"q""uoted"', '"a,b"', '"two\nlines"', '"cr\r\nlf"'];
    const breaks = ['1"x', '"2"x', '"open'];
    for (let seed = 1; seed <= 400; seed++) {
      let s = seed;
      const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
      const cols = 1 + Math.floor(rand() * 4);
      const eol = rand() < 0.3 ? '\r\n' : '\n';
      const lines = [Array.from({ length: cols }, (_, i) => `c${i}`).join(',')];
      for (let r = Math.floor(rand() * 40); r > 0; r--) {
        const row = Array.from({ length: cols }, () => pick(cells));
        if (rand() < 0.02) row.pop(); // a field short
        if (rand() < 0.02) row[Math.floor(rand() * row.length)] = pick(breaks);
        lines.push(rand() < 0.05 ? '' : row.join(','));
      }
      const text = lines.join(eol) + (rand() < 0.7 ? eol : '');
      const cut = Math.floor(rand() * text.length);
      const outcome = (count: () => number) => {
        try {
          return count();
        } catch (error) {
          return error instanceof InvalidInputError ? 'refused' : `thrown: ${String(error)}`;
        }
      };
      const expected = outcome(() => {
        try {
          return (parse(text, { skip_empty_lines: true }) as unknown[]).length;
        } catch {
          throw new InvalidInputError('csv-parse refused it');
        }
      });
      expect({ seed, text, records: outcome(() => recordsOf(text.slice(0, cut), text.slice(cut))) }).toEqual({
        seed,
        text,
        records: expected,
      });
    }
  });

  it('leaves its state unchanged when a part is refused', () => {
    const scanner = new CsvShapeScanner();
    scanner.scan(Buffer.from('a,b\n1,2\n'));
    const before = scanner.snapshot();
    expect(() => scanner.scan(Buffer.from('3,4\n5\n'))).toThrow(InvalidInputError);
    expect(scanner.snapshot()).toEqual(before);
  });
});
