import { pivotedCholesky, solveSymmetric } from './normal-equations';

/** AᵀA of a row-major n × d matrix. */
function gramOf(rows: number[][]): Float64Array {
  const d = rows[0].length;
  const g = new Float64Array(d * d);
  for (const r of rows) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) g[a * d + b] += r[a] * r[b];
  return g;
}

const matVec = (m: Float64Array, v: Float64Array): number[] => {
  const d = v.length;
  return Array.from({ length: d }, (_, a) => v.reduce((s, x, b) => s + m[a * d + b] * x, 0));
};

describe('solveSymmetric', () => {
  it('solves a positive definite system exactly', async () => {
    const a = Float64Array.of(4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2);
    const x = Float64Array.of(1, -2, 0.5);
    const { solution, rank } = (await solveSymmetric(a, Float64Array.from(matVec(a, x)), 3))!;
    expect(rank).toBe(3);
    solution.forEach((v, i) => expect(v).toBeCloseTo(x[i], 12));
  });

  it('returns the minimum-norm solution of a singular system (a duplicated column shares its weight)', async () => {
    // columns: u, u (duplicate), v — only w0 + w1 is determined, and the minimum norm splits it evenly
    const rows = [
      [1, 1, 0],
      [2, 2, 1],
      [-1, -1, 3],
      [0.5, 0.5, -2],
    ];
    const g = gramOf(rows);
    const target = [3, 1, -1, 2];
    const xty = Float64Array.from([0, 1, 2], (a) => rows.reduce((s, r, i) => s + r[a] * target[i], 0));
    const { solution, rank } = (await solveSymmetric(g, xty, 3))!;
    expect(rank).toBe(2);
    expect(solution[0]).toBeCloseTo(solution[1], 12);
    // the normal equations still hold
    matVec(g, solution).forEach((v, i) => expect(v).toBeCloseTo(xty[i], 10));
  });

  it('gives a column with no variance a zero coefficient', async () => {
    const g = Float64Array.of(2, 0, 0, 0, 0, 0, 0, 0, 5);
    const { solution, rank } = (await solveSymmetric(g, Float64Array.of(4, 0, 10), 3))!;
    expect(rank).toBe(2);
    expect(solution[0]).toBeCloseTo(2, 14);
    expect(solution[1]).toBe(0);
    expect(solution[2]).toBeCloseTo(2, 14);
  });

  it('pivots on the column least explained by those already chosen, whatever its scale', async () => {
    // a rare one-hot level has a tiny variance but is independent: it must be kept
    const g = Float64Array.of(1e6, 0, 0, 1e-4);
    const { rank, perm } = (await pivotedCholesky(g, 2))!;
    expect(rank).toBe(2);
    expect(Array.from(perm).sort()).toEqual([0, 1]);
  });
});
