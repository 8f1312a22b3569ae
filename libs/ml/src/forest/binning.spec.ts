import { seededRandom } from '../split';
import { binMatrix, binOf, columnEdges, sortFloats } from './binning';
import { matrix } from './testing/forest-data';

describe('binning', () => {
  it('cuts between neighbouring distinct values when there are few: a one-hot column gets two bins', () => {
    expect(Array.from(columnEdges(Float32Array.from([0, 0, 1, 1, 1]), 255))).toEqual([0.5]);
    expect(Array.from(columnEdges(Float32Array.from([-1, 2, 2, 3]), 255))).toEqual([0.5, 2.5]);
    expect(columnEdges(Float32Array.from([4, 4, 4]), 255)).toHaveLength(0);
  });

  it('keeps two float32 neighbours apart (the edge is the lower one when the midpoint rounds up)', () => {
    const a = 1;
    const b = 1 + 2 ** -23; // the next float32
    const [edge] = columnEdges(Float32Array.from([a, b]), 255);
    expect(binOf(Float32Array.of(edge), a)).toBe(0);
    expect(binOf(Float32Array.of(edge), b)).toBe(1);
  });

  it('cuts at quantiles when a column has more distinct values than bins', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => i);
    const edges = columnEdges(values, 4);
    expect(Array.from(edges)).toEqual([249.5, 499.5, 749.5]);
  });

  it('bins row-major in shared memory, each value in the bin its edges give it', () => {
    const random = seededRandom(3);
    const rows = Array.from({ length: 500 }, () => [random(), Math.round(random()), Math.floor(random() * 7) - 3]);
    const { x, n, d } = matrix(rows);
    const binned = binMatrix(x, n, d, 16);
    expect(binned.binned.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(binned.edges.map((e) => e.length)).toEqual([15, 1, 6]);
    for (let f = 0; f < d; f++) {
      for (let r = 0; r < n; r++) expect(binned.binned[r * d + f]).toBe(binOf(binned.edges[f], x[r * d + f]));
    }
    // a split "bin ≤ b" is the split "x ≤ edges[b]"
    const e = binned.edges[0];
    for (let r = 0; r < n; r++) expect(binned.binned[r * d] <= 7).toBe(x[r * d] <= e[7]);
  });

  it('sorts floats like TypedArray#sort, negatives, zeros and infinities included', () => {
    const random = seededRandom(9);
    const values = Float32Array.from({ length: 5000 }, () => (random() - 0.5) * 10 ** (random() * 8 - 4));
    values.set([-0, 0, Infinity, -Infinity, -1e-40], 0);
    expect(Array.from(sortFloats(values.slice()))).toEqual(Array.from(values.slice().sort()));
  });
});
