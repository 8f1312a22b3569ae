import { fieldError, formFields, initialValues, toFeatureRow, valuesFromRecord } from './signature-form';
import type { Signature } from './types';

const penguins: Signature = {
  inputs: [
    { name: 'island', kind: 'categorical', levels: ['Biscoe', 'Dream', 'Torgersen'], nullable: false },
    { name: 'bill_length_mm', kind: 'numeric', nullable: true },
    { name: 'flipper_length_mm', kind: 'numeric', nullable: false },
    { name: 'sex', kind: 'categorical', levels: ['female', 'male'], nullable: true },
    { name: 'note', kind: 'categorical', nullable: false },
  ],
  output: { name: 'species', kind: 'categorical', labels: ['Adelie', 'Chinstrap', 'Gentoo'] },
  ignored: [{ name: 'row_id', reason: 'identifier: every value is distinct' }],
};

describe('formFields', () => {
  it('makes number inputs of numeric columns and selects of the training levels of categorical ones', () => {
    const fields = formFields(penguins);
    expect(fields.map((f) => [f.name, f.input, f.nullable])).toEqual([
      ['island', 'select', false],
      ['bill_length_mm', 'number', true],
      ['flipper_length_mm', 'number', false],
      ['sex', 'select', true],
      ['note', 'text', false],
    ]);
    expect(fields[0].options).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    expect(fields[1].hint).toMatch(/blank/);
    expect(fields[2].hint).toMatch(/required/);
  });

  it('starts required selects on their first level and everything else blank', () => {
    expect(initialValues(formFields(penguins))).toEqual({ island: 'Biscoe', bill_length_mm: '', flipper_length_mm: '', sex: '', note: '' });
  });
});

describe('toFeatureRow', () => {
  const fields = formFields(penguins);

  it('parses numbers, keeps levels as text and sends blanks as null where training had missing values', () => {
    const result = toFeatureRow(fields, { island: 'Dream', bill_length_mm: ' ', flipper_length_mm: ' 181.5 ', sex: '', note: 'x' });
    expect(result).toEqual({ ok: true, row: { island: 'Dream', bill_length_mm: null, flipper_length_mm: 181.5, sex: null, note: 'x' } });
  });

  it('names every field in error at once: a blank where training had none, text in a number, an unknown level', () => {
    const result = toFeatureRow(fields, { island: 'Atlantis', bill_length_mm: '4O.1', flipper_length_mm: '', sex: 'male', note: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['bill_length_mm', 'flipper_length_mm', 'island', 'note']);
    expect(result.errors.bill_length_mm).toBe('Enter a number (e.g. 3.5), not "4O.1".');
    expect(result.errors.flipper_length_mm).toMatch(/Enter a number: training had no missing values/);
    expect(result.errors.island).toMatch(/"Atlantis" was not seen in training; choose one of Biscoe, Dream, Torgersen/);
    expect(result.errors.note).toMatch(/Choose a value/);
  });

  it('refuses non-finite numbers and accepts negative and exponent forms', () => {
    const f = fields[1];
    expect(fieldError(f, 'Infinity')).toMatch(/Enter a number/);
    expect(fieldError(f, '-1e3')).toBeNull();
    expect(toFeatureRow([f], { bill_length_mm: '-1e3' })).toEqual({ ok: true, row: { bill_length_mm: -1000 } });
  });
});

describe('unreadable number inputs', () => {
  it('are errors even where a blank is allowed (the browser reports their text as blank)', () => {
    const fields = formFields(penguins);
    const values = { island: 'Dream', bill_length_mm: '', flipper_length_mm: '190', sex: '', note: 'x' };
    expect(toFeatureRow(fields, values, new Set(['bill_length_mm']))).toEqual({
      ok: false,
      errors: { bill_length_mm: 'Enter a number (e.g. 3.5 or -2e3).' },
    });
    expect(fieldError(fields[0], 'Dream', true)).toBeNull();
  });
});

describe('valuesFromRecord', () => {
  it('fills the form from a data row, leaving missing cells and unknown levels blank', () => {
    const fields = formFields(penguins);
    const values = valuesFromRecord(fields, {
      island: 'Torgersen',
      bill_length_mm: 'NA',
      flipper_length_mm: 181,
      sex: 'unknown',
      species: 'Adelie',
    });
    expect(values).toEqual({ island: 'Torgersen', bill_length_mm: '', flipper_length_mm: '181', sex: '', note: '' });
  });
});
