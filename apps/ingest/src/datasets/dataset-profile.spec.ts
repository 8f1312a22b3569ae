import { ColumnTally, isMissing, profileCsv, shortKeyAt, shortKeyOf } from './dataset-profile';

const chunks = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
};

describe('profileCsv', () => {
  const csv = 'x,color,empty,y\n1,red,,a\n2.5,"blue, dark",NA,b\n,red,,a\n-4,?,null,c\n';

  it('counts rows, missing cells, distinct values and types, whatever the chunk boundaries', async () => {
    for (const size of [3, 7, 1000]) {
      const profile = await profileCsv(chunks(csv, size));
      expect(profile.rows).toBe(4);
      expect(profile.columns).toEqual([
        { name: 'x', type: 'numeric', missing: 1, distinct: 3 },
        { name: 'color', type: 'categorical', missing: 1, distinct: 2 },
        { name: 'empty', type: 'empty', missing: 4, distinct: 0 },
        { name: 'y', type: 'categorical', missing: 0, distinct: 3 },
      ]);
    }
  });

  it('keeps the first rows as a preview with missing cells as null', async () => {
    const profile = await profileCsv([Buffer.from(csv)], 2);
    expect(profile.preview).toEqual({
      columns: ['x', 'color', 'empty', 'y'],
      rows: [
        ['1', 'red', null, 'a'],
        ['2.5', 'blue, dark', null, 'b'],
      ],
    });
  });

  it('reads a byte-order mark and short rows', async () => {
    const profile = await profileCsv([Buffer.from('\uFEFFa,b\n1\n2,3\n')]);
    expect(profile.columns.map((c) => [c.name, c.missing])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });
});

/** The tally as it was written before short values were kept by number: every value by its text. */
class TextTally {
  missing = 0;
  numeric = true;
  present = 0;
  readonly values = new Set<string>();
  capped = false;
  add(text: string): void {
    if (isMissing(text)) return void this.missing++;
    this.present++;
    if (this.numeric && !Number.isFinite(Number(text))) this.numeric = false;
    if (this.capped) return;
    if (this.values.size < 10_000) this.values.add(text);
    else if (!this.values.has(text)) this.capped = true;
  }
}

describe('ColumnTally', () => {
  const VALUES = ['', 'NA', ' na ', 'N/A', '?', 'null', 'none', '1', '-2.5', '3e4', '0x1F', 'red', 'green', 'Adelie', 'abcdefg'];
  const MORE = ['abcdefgh', 'héllo', '日本', 'a\u0000b', '\u0000', 'Infinity', ' 7 '];
  /** Longer than a short value, kept by number all the same: digits, dots and minus signs (numbers, dates). */
  const NUMBER_LIKE = ['12345678', '1234.5678', '-1234.567', '2024-01-15', '..........', '------------', '123456789012', '0001234.5'];

  it('counts short values kept by number exactly as by their text, up to the distinct cap and past it', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (const round of [0, 1, 2, 3]) {
      const ours = new ColumnTally();
      const reference = new TextTally();
      for (let i = 0; i < 25_000; i++) {
        const r = rand();
        // round 0: few distinct values; 1: past the cap with short numbers; 2: with long texts; 3: with long numbers
        const text =
          r < 0.5 || round === 0
            ? [...VALUES, ...MORE, ...NUMBER_LIKE][Math.floor(rand() * (VALUES.length + MORE.length + NUMBER_LIKE.length))]
            : round === 1
              ? String(Math.floor(rand() * 30_000))
              : round === 2
                ? `value-${Math.floor(rand() * 30_000)}`
                : (rand() * 30_000 - 15_000).toFixed(3 + Math.floor(rand() * 4));
        ours.add(text);
        reference.add(text);
      }
      expect(ours.profile('c')).toEqual({
        name: 'c',
        type: reference.present === 0 ? 'empty' : reference.numeric ? 'numeric' : 'categorical',
        missing: reference.missing,
        distinct: reference.values.size,
        ...(reference.capped ? { distinctCapped: true } : {}),
      });
      expect(ours.present).toBe(reference.present);
    }
  });

  it('gives each short or number-like text its own number, and none to a longer, non-ASCII or NUL-holding one', () => {
    const oneApart = [...'0123456789.-'].flatMap((c) => [`1234567${c}`, `${c}1234567`, `12${c}456789012`]); // each character in turn
    const texts = [...VALUES, ...NUMBER_LIKE, ...oneApart, '1234567', '123456780', '-12345678', '1.2345678'];
    const keys = texts.map(shortKeyOf);
    expect(new Set(keys).size).toBe(new Set(texts).size);
    expect(keys.every((k) => k >= 0 && Number.isSafeInteger(k))).toBe(true);
    expect(texts.map((t) => shortKeyAt(Buffer.from(t), 0, t.length))).toEqual(keys); // the same number from the bytes
    expect(shortKeyOf('a')).not.toBe(shortKeyOf('a\u0001'));
    expect(['abcdefgh', 'héllo', '日本', 'a\u0000b', '1234567890123', '12345678e1', '+12345678'].map(shortKeyOf)).toEqual([
      -1, -1, -1, -1, -1, -1, -1,
    ]);
  });
});
