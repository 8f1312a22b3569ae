// The API's own registry and checks, by path: the SPA's tsconfig maps only @sdk/*, not @modelstream/* (jest maps both).
// eslint-disable-next-line no-restricted-imports
import { getModelSpec, listModelSpecs, resolveHyperParams } from '../../../../../../libs/contracts/src/model-specs';
import type { ModelSpec } from '@sdk/types';
import {
  checkField,
  defaultFamily,
  fieldHint,
  initialTexts,
  inputStep,
  paramFields,
  textsForFamily,
  toText,
  validateParams,
} from './spec-form';

// The API's own registry, as GET /api/model-specs answers it.
const specs = listModelSpecs() as unknown as ModelSpec[];
const mlp = specs.find((s) => s.key === 'mlp_classifier')!;

describe('hyperparameter form from a model spec', () => {
  it('makes one field per rule with its kind, range, values and default', () => {
    const fields = paramFields(mlp);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(fields.map((f) => f.name)).toEqual(Object.keys(mlp.rules));
    expect(byName.epochs).toMatchObject({ kind: 'integer', min: 1, max: 1000, defaultValue: 30 });
    expect(byName.learningRate).toMatchObject({ kind: 'number', min: 1e-6, max: 10 });
    expect(byName.activation).toMatchObject({ kind: 'enum', values: ['relu', 'tanh', 'sigmoid', 'elu'], defaultValue: 'relu' });
    expect(byName.hiddenLayers).toMatchObject({ kind: 'int-list', min: 1, max: 4096, maxLength: 8, defaultValue: [64, 32] });
    expect(inputStep(byName.epochs)).toBe('1');
    expect(inputStep(byName.dropout)).toBe('any');
    expect(fieldHint(byName.epochs)).toBe('Passes over the training split · between 1 and 1000 · default 30');
    expect(fieldHint(byName.hiddenLayers)).toMatch(/up to 8 entries, each between 1 and 4096 · default 64, 32/);
  });

  it('starts every family of the registry at its defaults, which pass the checks and the API alike', () => {
    for (const spec of specs) {
      const fields = paramFields(spec);
      const check = validateParams(fields, initialTexts(fields));
      expect(check.errors).toEqual({});
      expect(check.params).toEqual(spec.defaults);
      expect(() => resolveHyperParams(getModelSpec(spec.key), check.params)).not.toThrow();
    }
  });

  it('fills in given values over the defaults', () => {
    const fields = paramFields(mlp);
    const texts = initialTexts(fields, { epochs: 5, hiddenLayers: [8] });
    expect(texts.epochs).toBe('5');
    expect(texts.hiddenLayers).toBe('8');
    expect(texts.activation).toBe('relu');
  });

  it('catches bad values with a message per field, as the API would refuse them', () => {
    const fields = paramFields(mlp);
    const texts = {
      ...initialTexts(fields),
      epochs: '2.5',
      learningRate: '11',
      activation: 'softplus',
      hiddenLayers: '64, 0',
      dropout: 'abc',
      seed: '',
    };
    const check = validateParams(fields, texts);
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual({
      epochs: 'epochs must be a whole number',
      learningRate: 'learningRate must be between 0.000001 and 10',
      activation: 'activation must be one of relu, tanh, sigmoid, elu',
      hiddenLayers: 'each entry of hiddenLayers must be between 1 and 4096',
      dropout: 'dropout must be a number',
      seed: 'seed is required (default 42)',
    });
  });

  it('agrees with the API on values at and past each limit', () => {
    const spec = getModelSpec('mlp_classifier');
    const fields = paramFields(mlp);
    const cases: [string, string][] = [
      ['epochs', '1'],
      ['epochs', '0'],
      ['epochs', '1000'],
      ['epochs', '1001'],
      ['validationSplit', '0.05'],
      ['validationSplit', '0.04'],
      ['hiddenLayers', '1 2 3 4 5 6 7 8'],
      ['hiddenLayers', '1,2,3,4,5,6,7,8,9'],
      ['hiddenLayers', '16.5'],
      ['dropout', '0.9'],
      ['dropout', '0.95'],
      ['activation', 'tanh'],
    ];
    for (const [name, text] of cases) {
      const field = fields.find((f) => f.name === name)!;
      const browser = checkField(field, text);
      const api = (() => {
        try {
          resolveHyperParams(spec, { [name]: browser.ok ? browser.value : text });
          return true;
        } catch {
          return false;
        }
      })();
      expect([name, text, browser.ok]).toEqual([name, text, api]);
    }
  });

  it('reads lists written with commas or spaces', () => {
    const field = paramFields(mlp).find((f) => f.name === 'hiddenLayers')!;
    expect(checkField(field, ' 128,64  32 ')).toEqual({ ok: true, value: [128, 64, 32] });
    expect(checkField(field, '64, x')).toEqual({ ok: false, error: 'hiddenLayers: "x" is not a number' });
    expect(toText(field, [1, 2])).toBe('1, 2');
  });

  it('keeps a rule of a kind it does not know as a JSON field', () => {
    const fields = paramFields({
      rules: { schedule: { kind: 'curve', description: 'LR schedule' } },
      defaults: { schedule: { warmup: 2 } },
    });
    expect(fields[0]).toMatchObject({ kind: 'json', description: 'LR schedule' });
    expect(initialTexts(fields).schedule).toBe('{"warmup":2}');
    expect(checkField(fields[0], '{"warmup":3}')).toEqual({ ok: true, value: { warmup: 3 } });
    expect(checkField(fields[0], '{warmup')).toMatchObject({ ok: false });
  });
});

describe('model families', () => {
  it('starts with the API default family of the problem type', () => {
    expect(defaultFamily(specs, 'classification')).toBe('logistic_regression');
    expect(defaultFamily(specs, 'regression')).toBe('linear_regression');
    expect(defaultFamily([{ key: 'mlp_regressor', problemType: 'regression' }], 'regression')).toBe('mlp_regressor');
    expect(defaultFamily([], 'regression')).toBeUndefined();
  });

  it('keeps what the person typed across a family change, for the fields both have', () => {
    const ridge = specs.find((s) => s.key === 'ridge_regression')!;
    const texts = textsForFamily(paramFields(ridge), { epochs: '7', hiddenLayers: '8' });
    expect(texts.epochs).toBe('7');
    expect(texts.alpha).toBe('1');
    expect(texts).not.toHaveProperty('hiddenLayers');
  });
});
