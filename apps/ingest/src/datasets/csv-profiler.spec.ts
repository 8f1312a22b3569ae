import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvProfiler } from './csv-profiler';
import { profileCsv, PREVIEW_ROWS } from './dataset-profile';

/** A seeded generator, so a failure names a case that can be run again. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const CELLS = ['', '1', '-2.5', '3e4', 'NA', 'n/a', ' ? ', 'null', 'None', 'x', 'héllo', '日本', '😀', ' 7 ', '0x1F', 'Infinity', 'a b'];
/** Cells for the unquoted loop's sums: signs, dots, a field longer than its counts fit, a value it has to decode. */
const UNQUOTED_CELLS = [
  ...CELLS,
  '-',
  '--1',
  '1-',
  '.5',
  '5.',
  '1.2.3',
  '-0.25',
  '12345678',
  '9'.repeat(1500),
  `${'1'.repeat(1100)}.5x`,
  '\u3000',
];

/**
 * A CSV the upload's shape checks accept: quoted cells with "" and line breaks (unless `quotes` is false), LF or
 * CRLF, a BOM, empty lines.
 */
function csv(rand: () => number, quotes = true): Buffer {
  const cols = 1 + Math.floor(rand() * 5);
  const eol = rand() < 0.3 ? '\r\n' : '\n';
  const cells = quotes ? CELLS : UNQUOTED_CELLS;
  const cell = () => {
    const text = cells[Math.floor(rand() * cells.length)] + (rand() < 0.3 ? String(Math.floor(rand() * 50)) : '');
    const r = quotes ? rand() : 1;
    if (r < 0.1) return `"${text}""q"""`;
    if (r < 0.15) return `"${text}\nnext${eol}line"`;
    if (r < 0.25) return `"${text},${text}"`;
    return text;
  };
  const lines = [Array.from({ length: cols }, (_, i) => `c${i}`).join(',')];
  const rows = Math.floor(rand() * 60);
  for (let r = 0; r < rows; r++) {
    if (rand() < 0.05) lines.push('');
    const row = Array.from({ length: cols }, cell);
    if (!quotes && rand() < 0.05) row.pop(); // a row short of fields (the profile reads it as csv-parse's relaxed count does)
    const line = row.join(',');
    lines.push(row.length <= 1 && line.trim() === '' ? 'v' : line);
  }
  const text = (rand() < 0.2 ? '\ufeff' : '') + lines.join(eol) + (rand() < 0.7 ? eol : '');
  return Buffer.from(text);
}

/** `bytes` cut at random places (inside UTF-8 sequences, quotes, CRLF pairs). */
function split(bytes: Buffer, rand: () => number): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = 1 + Math.floor(rand() * Math.max(1, bytes.length / 3));
    parts.push(bytes.subarray(at, at + size));
    at += size;
  }
  return parts;
}

function incremental(parts: Buffer[], previewRows = PREVIEW_ROWS) {
  const profiler = new CsvProfiler(previewRows);
  for (const part of parts) profiler.feed(part);
  return profiler.finish();
}

describe('CsvProfiler', () => {
  it('profiles 500 generated CSVs, cut anywhere, exactly as csv-parse does', async () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = random(seed);
      const bytes = csv(rand);
      const expected = await profileCsv([bytes]);
      expect({ seed, profile: incremental(split(bytes, rand)) }).toEqual({ seed, profile: expected });
    }
  });

  it('profiles them with no preview rows (as an upload does) as csv-parse does', async () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = random(seed);
      const bytes = csv(rand);
      const expected = await profileCsv([bytes], 0);
      expect({ seed, profile: incremental(split(bytes, rand), 0) }).toEqual({ seed, profile: expected });
    }
  });

  it.each([PREVIEW_ROWS, 0])(
    'profiles 500 generated CSVs with no quote (%d preview rows), cut anywhere, as csv-parse does',
    async (rows) => {
      for (let seed = 1; seed <= 500; seed++) {
        const rand = random(seed);
        const bytes = csv(rand, false);
        const expected = await profileCsv([bytes], rows);
        expect({ seed, profile: incremental(split(bytes, rand), rows) }).toEqual({ seed, profile: expected });
      }
    },
  );

  it('profiles a real file (penguins) fed in 1 KiB chunks as csv-parse does', async () => {
    const bytes = readFileSync(join(__dirname, '../../../../examples/python/data/penguins.csv'));
    const parts = split(bytes, () => 1024 / bytes.length);
    expect(incremental(parts)).toEqual(await profileCsv([bytes]));
  });

  it('counts distinct values up to the cap across chunks as csv-parse does', async () => {
    const lines = ['id,label', ...Array.from({ length: 10_050 }, (_, i) => `${i},${i % 3}`)];
    const bytes = Buffer.from(lines.join('\n'));
    const profile = incremental(split(bytes, random(9)));
    expect(profile).toEqual(await profileCsv([bytes]));
    expect(profile!.columns[0]).toMatchObject({ distinct: 10_000, distinctCapped: true, type: 'numeric' });
  });

  it.each(['-12.5', '1.2.3', 'hello world', '+7.25', 'NaN', ' NA ', '1e400', '-', '12345.', '\u3000NA', '\u00a0n/a', '日本語です'])(
    'reads %j after a column is capped (the fast path) as csv-parse does',
    async (late) => {
      const lines = ['x,y', ...Array.from({ length: 10_020 }, (_, i) => `${(i * 1.25).toFixed(2)},${i % 5}`), `${late},1`, '99999.5,2'];
      const bytes = Buffer.from(lines.join('\n') + '\n');
      expect(incremental(split(bytes, random(3)))).toEqual(await profileCsv([bytes]));
    },
  );

  it.each(['\u3000NA', '\u00a0n/a', 'NA', 'naïve'])('counts %j in a capped text column as csv-parse does', async (late) => {
    const lines = ['x,y', ...Array.from({ length: 10_020 }, (_, i) => `v${i},${i % 5}`), `${late},1`, 'w,2'];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    expect(incremental(split(bytes, random(5)))).toEqual(await profileCsv([bytes]));
  });

  it('profiles 3 MiB in 1 MiB chunks as csv-parse does: capped, low-cardinality and missing values counted in WebAssembly', async () => {
    const rand = random(11);
    const labels = Array.from({ length: 40 }, (_, i) => `l${i}`); // more short keys than a column's record holds
    const lines = ['num,small,label,text,sparse'];
    for (let size = 0; size < 3 * 2 ** 20; size += lines[lines.length - 1].length + 1) {
      const r = rand();
      const num = r < 0.01 ? 'NA' : r < 0.02 ? '' : r < 0.03 ? '7' : (rand() * 1e4).toFixed(3);
      const small = r < 0.05 ? 'n/a' : String(Math.floor(rand() * 4));
      const t = rand();
      const text = t < 0.01 ? 'naïve café' : t < 0.02 ? '\u3000NA' : t < 0.03 ? 'None' : `word-${Math.floor(rand() * 20_000)}`;
      const row = [num, small, labels[Math.floor(rand() * labels.length)], text, r < 0.5 ? '' : 'x'];
      lines.push((r > 0.995 ? row.slice(0, 2) : row).join(',')); // a few short rows
    }
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n');
    const parts = split(bytes, () => 2 ** 20 / bytes.length);
    const profile = incremental(parts, 0);
    expect(profile).toEqual(await profileCsv([bytes], 0));
    expect(profile!.columns.map((c) => c.distinctCapped ?? false)).toEqual([true, false, false, true, false]);
  });

  it('reads a part with more new values than one pass of the WebAssembly loop hands over, as csv-parse does', async () => {
    const lines = ['a,b,c,d,e', ...Array.from({ length: 40_000 }, (_, i) => `${i},${i * 2},${i % 7},x${i},${i / 3}`)];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const profile = incremental([bytes], 0);
    expect(profile).toEqual(await profileCsv([bytes], 0));
    expect(profile!.rows).toBe(40_000);
  });

  it.each([
    ['a lone CR', 'a,b\r1,2\n'],
    ['a lone CR in a row', 'a,b\n1,2\r3,4\n'],
    ['a line of blanks', 'a\n1\n   \n2\n'],
    ['a quoted empty line', 'a\n1\n""\n2\n'],
    ['an unclosed quote', 'a,b\n1,"2\n'],
  ])('leaves %s to csv-parse (finish answers null)', (_, text) => {
    expect(incremental([Buffer.from(text)])).toBeNull();
    expect(incremental([Buffer.from(text)], 0)).toBeNull();
  });
});
