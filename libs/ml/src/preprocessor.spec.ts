import { InvalidInputError } from '@modelstream/contracts';
import { planDataset } from './column-profile';
import { readCsvTable } from './csv-table';
import { Preprocessor } from './preprocessor';
import { splitRows } from './split';

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

async function fitted(): Promise<Preprocessor> {
  const rows = ['x,color,y', ...Array.from({ length: 20 }, (_, i) => `${i % 2 ? '' : i},${['red', 'blue'][i % 2]},${i % 2}`)];
  const table = await readCsvTable(once(rows.join('\n')));
  const plan = planDataset(table, 'y', 'classification');
  return Preprocessor.fit(plan, 'y', splitRows(plan.usableRows, 0.2, 1).train);
}

describe('Preprocessor', () => {
  it('standardizes numerics with training statistics and one-hot encodes categoricals', async () => {
    const pre = await fitted();
    const [x, color] = pre.spec.features;
    expect(x).toMatchObject({ kind: 'numeric' });
    expect(color).toEqual({ name: 'color', kind: 'categorical', levels: ['blue', 'red'], impute: expect.any(String) });
    expect(pre.inputDim).toBe(3);
    const row = pre.transform([{ x: 10, color: 'red' }]);
    if (x.kind !== 'numeric') throw new Error('x must be numeric');
    expect(row[0]).toBeCloseTo((10 - x.mean) / x.std);
    expect(Array.from(row.slice(1))).toEqual([0, 1]);
  });

  it('imputes missing values, encodes unseen levels as zeros, and survives a JSON round trip', async () => {
    const pre = Preprocessor.fromJSON(JSON.parse(JSON.stringify((await fitted()).toJSON())));
    const [missing, unseen] = [pre.transform([{ x: null, color: '' }]), pre.transform([{ x: '3', color: 'green' }])];
    expect(missing[0]).toBeCloseTo(0); // the mean, standardized
    expect(missing[1] + missing[2]).toBe(1); // the training mode
    expect(Array.from(unseen.slice(1))).toEqual([0, 0]);
    expect(pre.signatureInputs()).toEqual([
      { name: 'x', type: 'double' },
      { name: 'color', type: 'string' },
    ]);
  });

  it('names each bad row and column', async () => {
    const pre = await fitted();
    try {
      pre.transform([{ x: 'abc', color: 'red' }, { color: 'red' }, { x: Infinity, color: {} }]);
      throw new Error('expected an InvalidInputError');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      const message = (e as Error).message;
      expect(message).toContain('row 0: column "x" must be a finite number, got "abc"');
      expect(message).toContain('row 1: missing column "x"');
      expect(message).toContain('row 2: column "x" must be a finite number');
      expect(message).toContain('row 2: column "color" must be a category');
    }
  });
});
