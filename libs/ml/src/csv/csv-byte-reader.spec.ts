import { readCsvTable, type CsvTable } from '../csv-table';
import { readCsvTableWithCsvParse } from './reference-csv-reader';
import { randomCsv } from './testing/random-csv';

async function* stream(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

type Outcome = { table: ReturnType<typeof describeTable> } | { error: string; kind: string };

/** Everything a table holds, numbers as [value, is -0] so a difference in any bit of meaning shows. */
function describeTable(table: CsvTable) {
  return {
    columns: table.columns,
    rows: table.rows,
    bytes: table.bytes,
    buffers: table.buffers.map((b) => ({
      name: b.name,
      kind: b.kind,
      length: b.length,
      missing: b.missing,
      nonFinite: b.nonFinite,
      levels: b.levels,
      numbers: Array.from(b.numbers, (v) => (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v)),
      codes: Array.from(b.codes),
    })),
  };
}

async function outcome(read: Promise<CsvTable>): Promise<Outcome> {
  try {
    return { table: describeTable(await read) };
  } catch (e) {
    return { error: (e as Error).message, kind: (e as Error).constructor.name };
  }
}

describe('the byte reader against the csv-parse-only reference', () => {
  it('gives identical tables and errors on 600 random CSVs split into random chunks', async () => {
    const faults = new Map<string, number>();
    for (let seed = 1; seed <= 600; seed++) {
      const csv = randomCsv(seed);
      const fast = await outcome(readCsvTable(stream(csv.chunks)));
      const reference = await outcome(readCsvTableWithCsvParse(stream(csv.chunks)));
      if (JSON.stringify(fast) !== JSON.stringify(reference)) {
        // The failing file, to reproduce by its seed.
        expect({ seed, csv: csv.bytes.toString('latin1'), fast }).toEqual({ seed, csv: csv.bytes.toString('latin1'), fast: reference });
      }
      const key = `${csv.fault}:${'error' in fast ? 'error' : 'table'}`;
      faults.set(key, (faults.get(key) ?? 0) + 1);
    }
    // The generator reached every kind of file: clean tables and each error the reader reports.
    for (const key of ['none:table', 'field-count:error', 'bad-quote:error', 'open-quote:error', 'bad-utf8:error', 'cut-utf8:error']) {
      expect(faults.get(key)).toBeGreaterThan(5);
    }
  });

  it('gives the same table wherever one cut splits the bytes', async () => {
    const bytes = Buffer.from('\uFEFFname,"x, y",z\r\ncafé,1.5,-0\r\n\r\n"a ""b""",2e-3,NA\r\nthé,"3",1e400\r\n東京,12345678901234567,.5');
    const reference = await outcome(readCsvTableWithCsvParse(stream([bytes])));
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await outcome(readCsvTable(stream([bytes.subarray(0, cut), bytes.subarray(cut)])))).toEqual(reference);
    }
  });

  it('reports progress every 5000 rows and reads the same table while it waits on the callback', async () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => (i % 97 === 0 ? `"q,${i % 3}",${i}` : `${i % 7 === 0 ? 'NA' : i / 8},${i}`));
    const bytes = Buffer.from(`a,b\n${rows.join('\n')}\n`);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    const reports: number[] = [];
    const onRows = async (n: number) => {
      reports.push(n);
      await new Promise((r) => setImmediate(r));
    };
    const fast = await outcome(readCsvTable(stream(chunks), { onRows }));
    expect(fast).toEqual(await outcome(readCsvTableWithCsvParse(stream(chunks))));
    expect(reports).toEqual([5000, 10_000]);
  });
});
