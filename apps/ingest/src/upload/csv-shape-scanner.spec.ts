import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '@modelstream/contracts';
import { CsvShapeScanner, CsvShapeState } from './csv-shape-scanner';

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

describe('CsvShapeScanner, bytes with no quote', () => {
  /** The state after each part, by scan() (WebAssembly here, csv-shape.wat) or by the byte-by-byte loop. */
  const statesOf = (parts: Buffer[], loop: 'scan' | 'scanEachByte') => {
    const scanner = new CsvShapeScanner();
    const states: Array<CsvShapeState | string> = [];
    for (const part of parts) {
      try {
        (scanner as unknown as Record<string, (bytes: Buffer) => void>)[loop](part);
        states.push(scanner.snapshot());
      } catch (error) {
        states.push((error as Error).message);
        break;
      }
    }
    return states;
  };

  it('leaves the state the byte-by-byte loop leaves, in 500 generated CSVs cut anywhere (any alignment)', () => {
    const cells = ['', '1', '-2.5', 'x y', 'héllo', '\r', ' ', '12345678', ',,,'];
    const lineEnds = ['\n', '\r\n', '\r\r\n'];
    for (let seed = 1; seed <= 500; seed++) {
      let s = seed;
      const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
      const cols = 1 + Math.floor(rand() * 4);
      let text = Array.from({ length: cols }, (_, i) => `c${i}`).join(',');
      for (let r = Math.floor(rand() * 30); r > 0; r--) {
        text += pick(lineEnds);
        const row = Array.from({ length: cols }, () => pick(cells));
        if (rand() < 0.03) row.pop(); // a field short: refused
        if (rand() > 0.1) text += row.join(','); // else an empty line (or one of CRs)
      }
      if (rand() < 0.7) text += pick(lineEnds);
      const bytes = Buffer.from(text);
      const parts: Buffer[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = 1 + Math.floor(rand() * bytes.length);
        parts.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect({ seed, text, states: statesOf(parts, 'scan') }).toEqual({ seed, text, states: statesOf(parts, 'scanEachByte') });
    }
  });

  it('reads parts larger than its memory was, and a short one after them', () => {
    const row = (i: number) => `${i},${i * 0.5},label-${i % 7}\r\n`;
    let text = 'id,x,label\n';
    for (let i = 0; text.length < 2.5 * 2 ** 20; i++) text += row(i);
    const bytes = Buffer.from(text);
    const parts = [bytes.subarray(0, 100_003), bytes.subarray(100_003), Buffer.from('1,2,3\n4,5\n')];
    const states = statesOf(parts, 'scan');
    expect(states).toEqual(statesOf(parts, 'scanEachByte'));
    expect(states[1]).toMatchObject({ records: text.split('\n').length - 1, expected: 3 });
    expect(states[2]).toMatch(/the row on line \d+ has 2 fields where the header has 3/);
  });

  it('lets a quote in the next chunk open a field only where one starts', () => {
    const scanner = new CsvShapeScanner();
    scanner.scan(Buffer.from('a,b\n1,\r'));
    expect(scanner.snapshot()).toMatchObject({ fieldStart: true, recordEmpty: false });
    scanner.scan(Buffer.from('"x"\n2,y\r\r'));
    expect(scanner.snapshot()).toMatchObject({ fieldStart: false, records: 2 });
    expect(() => scanner.scan(Buffer.from('"\n'))).toThrow(/quote inside an unquoted field on line 3/);
  });
});
