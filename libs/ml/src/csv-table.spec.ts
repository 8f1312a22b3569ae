import { DEFAULT_LIMITS, planDataset } from './column-profile';
import { CsvTable, readCsvTable } from './csv-table';
import { DatasetError } from './dataset-error';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

const read = (...parts: (string | Buffer)[]) => readCsvTable(chunks(...parts));

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<DatasetError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

function rows(n: number, make: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => make(i)).join('\n');
}

describe('readCsvTable', () => {
  it('concatenates chunks split anywhere, even inside a UTF-8 character', async () => {
    const text = Buffer.from('name,price\ncafé,1.5\nthé,2\n');
    const cut = text.indexOf(0xc3) + 1; // between the two bytes of é
    const table = await read(text.subarray(0, cut), text.subarray(cut));
    expect(table.columns).toEqual(['name', 'price']);
    expect(table.rows).toBe(2);
    expect(table.buffers[0].levels).toEqual(['café', 'thé']);
    expect(Array.from(table.buffers[1].numbers)).toEqual([1.5, 2]);
  });

  it('turns a numeric column into text at its first non-number, and treats NA and empty as missing', async () => {
    const table = await read('a,b\n1,\n2,NA\nx,3\n');
    expect(table.buffers[0].kind).toBe('text');
    expect(table.buffers[0].levels).toEqual(['1', '2', 'x']);
    expect(table.buffers[1].kind).toBe('numeric');
    expect(table.buffers[1].missing).toBe(2);
  });

  it('reads decimal numbers only, and notes NaN/Infinity spellings and overflows as non-finite', async () => {
    const t = await read('a,b,c,d\n1e5,0x1f,Infinity,7\n0e5,12,1,1e999\n-.5,3,2,8\n');
    expect(Array.from(t.buffers[0].numbers)).toEqual([1e5, 0, -0.5]);
    expect(t.buffers[1].kind).toBe('text');
    expect(t.buffers[2].nonFinite).toEqual({ row: 1, value: 'Infinity' });
    expect(t.buffers[3].nonFinite).toEqual({ row: 2, value: '1e999' });
    const nan = await read('a\n1\nnan\n');
    expect(nan.buffers[0]).toMatchObject({ kind: 'numeric', nonFinite: { row: 2, value: 'nan' } });
  });

  it('rejects bytes that are not UTF-8', async () => {
    const e = await failure(read(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a])));
    expect(e.message).toMatch(/not valid UTF-8/);
  });

  it('names the line with the wrong number of fields', async () => {
    const e = await failure(read('a,b,c\n1,2,3\n4,5\n'));
    expect(e.message).toMatch(/Line 3 has 2 fields but the header has 3/);
  });

  it('rejects an empty file and a header without rows', async () => {
    expect((await failure(read(''))).message).toMatch(/empty/);
    expect((await failure(read('a,b\n'))).message).toMatch(/no data rows/);
  });
});

describe('planDataset', () => {
  const table = (csv: string): Promise<CsvTable> => read(csv);

  it('infers numeric, categorical and ignored columns', async () => {
    const t = await table(
      `id,x,color,const,note,y\n${rows(40, (i) => `${i + 1},${(i * 7) % 13},${['r', 'g', 'b'][i % 3]},k,comment number ${i},${i % 2}`)}`,
    );
    const plan = planDataset(t, 'y', 'classification');
    const roles = Object.fromEntries(plan.roles.map((r) => [r.name, r.role === 'ignored' ? `ignored:${r.reason}` : r.role]));
    expect(roles).toEqual({
      id: 'ignored:identifier: unique values',
      x: 'numeric',
      color: 'categorical',
      const: 'ignored:constant: a single value',
      note: 'ignored:free text: every value is unique',
      y: 'target',
    });
    expect(plan.target.problemType === 'classification' && plan.target.classes).toEqual(['0', '1']);
  });

  it.each([
    ['a single-class target', `x,y\n${rows(20, (i) => `${i % 5},a`)}`, 'classification', /single class \("a"\)/],
    [
      'a non-numeric regression target',
      `x,y\n${rows(20, (i) => `${i % 5},${i === 7 ? 'high' : i}`)}`,
      'regression',
      /must be numeric.*row 8 has "high"/,
    ],
    ['no usable feature', `id,c,y\n${rows(20, (i) => `${i + 1},same,${i % 2}`)}`, 'classification', /No usable feature column/],
    [
      'NaN in a feature',
      `x,z,y\n${rows(20, (i) => `${i === 4 ? 'NaN' : i % 7},${i % 3},${i % 2}`)}`,
      'classification',
      /"x".*not a finite number \("NaN" on data row 5\)/,
    ],
    ['Infinity in a feature', `x,y\n${rows(20, (i) => `${i === 2 ? '1e999' : i % 7},${i % 2}`)}`, 'classification', /not a finite number/],
    [
      'too many categorical levels',
      `c,y\n${rows(300, (i) => `level${i % 60},${i % 2}`)}`,
      'classification',
      /60 distinct categories, more than the limit of 50/,
    ],
    ['too few rows', `x,y\n${rows(6, (i) => `${i % 4},${i % 2}`)}`, 'classification', /too small to split.*6 row\(s\)/],
    ['an unknown target', `x,y\n${rows(20, (i) => `${i},${i % 2}`)}`, 'classification', /target column "label" is not in the file/],
  ])('fails on %s', async (_, csv, problemType, message) => {
    const t = await table(csv);
    const target = String(message).includes('label') ? 'label' : 'y';
    const e = await failure(() => planDataset(t, target, problemType as 'classification' | 'regression', DEFAULT_LIMITS));
    expect(e.message).toMatch(message);
  });
});
