import { prepareDataset, readCsvTable } from '@modelstream/ml';
import { signatureView } from './model-signature';

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

/** A dataset fitted as the trainer fits it: x has blanks, color and size are complete, id is ignored. */
async function prepared(problemType: 'classification' | 'regression') {
  const rows = Array.from({ length: 40 }, (_, i) =>
    [
      i,
      i % 5 === 0 ? '' : i * 0.5,
      ['red', 'green', 'blue'][i % 3],
      i % 2 ? 'S' : 'M',
      'same',
      problemType === 'regression' ? i * 2 : ['no', 'yes'][i % 2],
    ].join(','),
  );
  const table = await readCsvTable(once(['id,x,color,size,constant,y', ...rows].join('\n')));
  return prepareDataset(table, { target: 'y', problemType, validationSplit: 0.2, seed: 7 });
}

describe('signatureView', () => {
  it('gives a classifier its inputs with training levels and blanks, and its output labels', async () => {
    const data = await prepared('classification');
    const view = signatureView(data.preprocessor.toJSON(), data.columns);
    expect(view.inputs).toEqual([
      { name: 'x', kind: 'numeric', nullable: true, missing: 8 },
      { name: 'color', kind: 'categorical', levels: ['blue', 'green', 'red'], nullable: false, missing: 0 },
      { name: 'size', kind: 'categorical', levels: ['M', 'S'], nullable: false, missing: 0 },
    ]);
    expect(view.output).toEqual({ name: 'y', kind: 'categorical', labels: ['no', 'yes'] });
    expect(view.ignored.map((c) => c.name).sort()).toEqual(['constant', 'id']);
    expect(view.ignored.every((c) => c.reason.length > 0)).toBe(true);
  });

  it('gives a regressor a numeric output without labels', async () => {
    const data = await prepared('regression');
    expect(signatureView(data.preprocessor.toJSON(), data.columns).output).toEqual({ name: 'y', kind: 'numeric' });
  });

  it('takes every input as nullable when the column profile is missing (the model imputes blanks)', async () => {
    const data = await prepared('classification');
    const view = signatureView(data.preprocessor.toJSON());
    expect(view.inputs.map((i) => [i.name, i.nullable, i.missing])).toEqual([
      ['x', true, undefined],
      ['color', true, undefined],
      ['size', true, undefined],
    ]);
  });
});
