import { InvalidInputError } from '@modelstream/contracts';
import { checkColumns, columnValues, inferProblemType, inspectCsvHead, resolveTarget, summarizeCsv } from './csv-inspection';
import { createHash } from 'node:crypto';

async function* parts(...texts: string[]) {
  for (const t of texts) yield Buffer.from(t);
}

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
});

describe('checkColumns / resolveTarget', () => {
  it('names empty and repeated columns', () => {
    expect(() => checkColumns(['a', '', 'c', ' '])).toThrow(/position\(s\) 2, 4/);
    expect(() => checkColumns(['a', 'b', 'a'])).toThrow(/"a"/);
    expect(() => checkColumns([''])).toThrow(/no header row/);
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

describe('summarizeCsv', () => {
  it('accepts escaped quotes, line breaks inside quotes, CRLF and empty lines', async () => {
    const text = 'a,b,y\r\n"say ""hi""","multi\nline",1\r\n\r\n2,3,4';
    const summary = await summarizeCsv(parts(text.slice(0, 9), text.slice(9, 20), text.slice(20)));
    expect(summary).toMatchObject({ columns: ['a', 'b', 'y'], dataRows: 2 });
    expect(summary.sample[0]).toEqual(['say "hi"', 'multi\nline', '1']);
  });

  it('hashes, sizes and counts a file given in parts that split rows and quotes', async () => {
    const text = 'a,b,y\n1,"two, ok",x\n3,4,y\n\n';
    const summary = await summarizeCsv(parts(text.slice(0, 10), text.slice(10, 13), text.slice(13)));
    expect(summary).toMatchObject({ size: Buffer.byteLength(text), columns: ['a', 'b', 'y'], dataRows: 2 });
    expect(summary.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(summary.sample[0]).toEqual(['1', 'two, ok', 'x']);
  });

  it.each([
    ['', /empty/],
    ['a,b,y\n', /no data rows/],
    ['a,b,y\n1,2\n', /not a well-formed CSV/],
    ['a,b,y\n1,"2,3\n', /quoted field opened on line 2 is never closed/],
    ['a,b,y\n1,2,3\n4,5\n', /row on line 3 has 2 fields where the header has 3/],
    ['a,b,y\n1,2"x,3\n', /quote inside an unquoted field on line 2/],
    ['a,b,y\n1,"2"x,3\n', /text after a closing quote on line 2/],
  ])('refuses %j', async (text, message) => {
    await expect(summarizeCsv(parts(text))).rejects.toThrow(message);
  });
});
