import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDataset, readCsvTable } from '@modelstream/ml';
import { dataFile, ensureData, SPLIT_SEED, VALIDATION_SPLIT } from './datasets';
import { MIXED_FEATURES, mixedRows } from './mixed-table';

describe('bench datasets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds out exactly the validation rows prepareDataset picks, for both tables', async () => {
    ensureData(dir, ['synthetic', 'mixed'], 2000, 5);
    for (const [dataset, problem] of [
      ['synthetic', 'classification'],
      ['mixed', 'regression'],
    ] as const) {
      const file = dataFile(dir, dataset, problem, 2000, 5);
      const table = await readCsvTable(createReadStream(file.path));
      const prepared = prepareDataset(table, {
        target: file.target,
        problemType: problem,
        validationSplit: VALIDATION_SPLIT,
        seed: SPLIT_SEED,
      });
      const bytes = readFileSync(file.validationPath);
      expect(Array.from(new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4))).toEqual(Array.from(prepared.validation));
    }
  });

  it('plans the mixed table as 14 numeric and 6 categorical features, none ignored, with missing cells', async () => {
    const file = dataFile(dir, 'mixed', 'classification', 2000, 5);
    const table = await readCsvTable(createReadStream(file.path));
    const prepared = prepareDataset(table, { target: 'renewed', problemType: 'classification', validationSplit: 0.2, seed: 42 });
    const roles = prepared.columns.filter((c) => c.role !== 'target');
    expect(roles.filter((c) => c.role === 'numeric')).toHaveLength(14);
    expect(roles.filter((c) => c.role === 'categorical')).toHaveLength(6);
    expect(roles.some((c) => c.role !== 'ignored' && c.missing > 0)).toBe(true);
    expect(prepared.preprocessor.spec.classes).toEqual(['no', 'yes']);
  });

  it('generates the same rows for the same seed, with both labels common', () => {
    const first = [...mixedRows(500, 3)];
    expect([...mixedRows(500, 3)]).toEqual(first);
    expect(first[0].cells).toHaveLength(MIXED_FEATURES.length);
    const yes = first.filter((r) => r.label === 'yes').length / first.length;
    expect(yes).toBeGreaterThan(0.2);
    expect(yes).toBeLessThan(0.8);
  });
});
