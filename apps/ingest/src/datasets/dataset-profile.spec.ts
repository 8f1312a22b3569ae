import { profileCsv } from './dataset-profile';

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
