import { defaultModelName, InvalidInputError } from '@modelstream/contracts';
import { CsvHead } from './csv-inspection';
import {
  checkHasDataRows,
  checkLaterSettings,
  DatasetFacts,
  headerFacts,
  parseUploadSettings,
  planTraining,
  sampleFacts,
  SettingsInput,
  UploadSettings,
} from './training-plan';

const input = (overrides: Partial<SettingsInput> = {}): SettingsInput => ({ filename: 'Iris Data (v2).csv', ...overrides });
const settings = (overrides: Partial<UploadSettings> = {}): UploadSettings => ({
  target: null,
  modelType: null,
  params: null,
  modelName: 'iris',
  train: true,
  ...overrides,
});
const head = (columns: string[], rows: string[][] = []): CsvHead => ({ columns, rows });
const dataset = (): DatasetFacts => ({ bucket: 'uploads', objectKeys: ['k0', 'k1'], size: 42, sha256: 'abc', datasetId: 'ds-1' });

describe('parseUploadSettings', () => {
  it('defaults: no target, no model type, no params, the model name from the filename', () => {
    expect(parseUploadSettings(input())).toEqual({ target: null, modelType: null, params: null, modelName: 'Iris-Data-v2', train: true });
  });

  it('train=false keeps the upload as a dataset only; any other value is a 400', () => {
    expect(parseUploadSettings(input({ train: 'false' })).train).toBe(false);
    expect(parseUploadSettings(input({ train: 'TRUE' })).train).toBe(true);
    expect(() => parseUploadSettings(input({ train: 'maybe' }))).toThrow(/train must be true or false/);
  });

  it('keeps trimmed settings that the registry accepts', () => {
    const parsed = parseUploadSettings(
      input({ target: ' y ', modelType: ' mlp_classifier ', params: '{"epochs": 5, "hiddenLayers": [8]}', modelName: 'my.model' }),
    );
    expect(parsed).toEqual({
      target: 'y',
      modelType: 'mlp_classifier',
      params: { epochs: 5, hiddenLayers: [8] },
      modelName: 'my.model',
      train: true,
    });
  });

  it.each([
    ['an unknown model type', { modelType: 'random_forest' }, /Unknown modelType "random_forest"/],
    ['params that are not JSON', { params: '{epochs: 3' }, /params is not valid JSON/],
    ['params that are not an object', { params: '[1,2]' }, /params must be a JSON object/],
    ['a hyperparameter out of range', { modelType: 'logistic_regression', params: '{"epochs": 0}' }, /epochs must be between 1 and 1000/],
    ['a hyperparameter of another family', { modelType: 'linear_regression', params: '{"depth": 3}' }, /unknown hyperparameter "depth"/],
    ['a hyperparameter no default family knows', { params: '{"alpha": 1}' }, /unknown "alpha" for the default model types/],
    ['a bad value for a default family', { params: '{"l2": -1}' }, /l2 must be between 0 and 10/],
    ['a bad model name', { modelName: '-bad name' }, /not a valid registered model name/],
  ])('refuses %s with a 400', (_name, overrides, message) => {
    const parse = () => parseUploadSettings(input(overrides));
    expect(parse).toThrow(InvalidInputError);
    expect(parse).toThrow(message);
  });

  it('accepts without a model type the hyperparameters the default families know', () => {
    expect(parseUploadSettings(input({ params: '{"epochs": 3, "l2": 0.1}' })).params).toEqual({ epochs: 3, l2: 0.1 });
  });
});

describe('defaultModelName', () => {
  it('turns a filename into a registered model name', () => {
    expect(defaultModelName('Iris Data (v2).csv')).toBe('Iris-Data-v2');
    expect(defaultModelName('(().csv')).toBe('model');
    expect(defaultModelName(`${'x'.repeat(150)}.csv`)).toHaveLength(100);
  });
});

describe('headerFacts', () => {
  it('takes the problem type from the model type when one was named', () => {
    expect(headerFacts(settings({ modelType: 'mlp_regressor' }), head(['a', 'y']))).toEqual({
      columns: ['a', 'y'],
      problemType: 'regression',
    });
  });

  it('infers it from the first rows of the target (last column by default), else leaves it open', () => {
    const rows = [
      ['1', '0.5'],
      ['2', '1.5'],
    ];
    expect(headerFacts(settings(), head(['a', 'y'], rows)).problemType).toBe('regression');
    expect(headerFacts(settings({ target: 'a' }), head(['a', 'y'], rows)).problemType).toBe('classification');
    expect(headerFacts(settings(), head(['a', 'y'])).problemType).toBeNull();
  });

  it("refuses a whole file's one-class target, but leaves a malformed file to the row check that names the row", () => {
    const one = [
      ['1', 'x'],
      ['2', 'x'],
    ];
    expect(() => headerFacts(settings({ modelType: 'logistic_regression' }), head(['a', 'y'], one), true)).toThrow(/single class/);
    expect(() => headerFacts(settings({ modelType: 'logistic_regression' }), head(['a', 'y'], [...one, ['3']]), true)).not.toThrow();
  });

  it('refuses a target the header does not have', () => {
    expect(() => headerFacts(settings({ target: 'price' }), head(['a', 'y']))).toThrow(/target column "price" is not in the header/);
  });

  it('names only the first columns of a wide header in that error', () => {
    const columns = Array.from({ length: 10_000 }, (_, i) => `feature_${i}`);
    const error = (() => {
      try {
        headerFacts(settings({ target: 'price' }), head(columns));
      } catch (e) {
        return e as InvalidInputError;
      }
    })();
    expect(error?.message).toMatch(/feature_0, feature_1/);
    expect(error?.message).toMatch(/and 9980 more/);
    expect(error!.message.length).toBeLessThan(1000);
  });
});

describe('sampleFacts (a first chunk: the target’s values only)', () => {
  it('infers the problem type from the values, takes it from a model type, and checks the header the same', () => {
    expect(sampleFacts(settings(), { columns: ['a', 'y'], values: ['0.5', '1.5'] })).toEqual({
      columns: ['a', 'y'],
      problemType: 'regression',
    });
    expect(sampleFacts(settings(), { columns: ['a', 'y'], values: ['x', 'z'] }).problemType).toBe('classification');
    expect(sampleFacts(settings(), { columns: ['a', 'y'], values: [] }).problemType).toBeNull();
    expect(sampleFacts(settings({ modelType: 'mlp_regressor' }), { columns: ['a', 'y'], values: [] }).problemType).toBe('regression');
    expect(() => sampleFacts(settings({ target: 'price' }), { columns: ['a', 'y'], values: [] })).toThrow(/not in the header/);
    expect(() => sampleFacts(settings(), { columns: ['y'], values: [] })).toThrow(InvalidInputError);
  });
});

describe('checkHasDataRows', () => {
  it('needs a header and a data row', () => {
    expect(() => checkHasDataRows(0, null)).toThrow(/The file is empty/);
    expect(() => checkHasDataRows(1, ['a'])).toThrow(/header row but no data rows/);
    expect(() => checkHasDataRows(2, ['a'])).not.toThrow();
  });
});

describe('planTraining', () => {
  it('resolves the default model type for the problem type and merges its default hyperparameters', () => {
    const plan = planTraining(settings({ params: { epochs: 3 } }), { columns: ['a', 'y'], problemType: 'regression' }, dataset());
    expect({ ...plan, paramsJson: JSON.parse(plan.paramsJson) as unknown }).toEqual({
      modelName: 'iris',
      modelType: 'linear_regression',
      problemType: 'regression',
      target: 'y',
      paramsJson: {
        epochs: 3,
        learningRate: 0.05,
        batchSize: 256,
        validationSplit: 0.2,
        seed: 42,
        earlyStoppingPatience: 0,
        solver: 'exact',
        maxIter: 200,
        tol: 1e-8,
      },
      dataset: { ...dataset(), columns: ['a', 'y'] },
    });
  });

  it('a named model type decides the problem type; a named target is kept', () => {
    const plan = planTraining(
      settings({ modelType: 'mlp_classifier', target: 'a' }),
      { columns: ['a', 'y'], problemType: 'regression' },
      dataset(),
    );
    expect(plan).toMatchObject({ modelType: 'mlp_classifier', problemType: 'classification', target: 'a' });
  });
});

describe('checkLaterSettings (finding 8: settings sent on later chunks were silently ignored)', () => {
  const first = parseUploadSettings({ filename: 'data.csv', target: 'y', modelType: 'mlp_classifier', params: '{"epochs": 5}' });

  it('lets later chunks carry no settings, or the same ones again', () => {
    expect(() => checkLaterSettings(first, { filename: 'data.csv' }, 1)).not.toThrow();
    expect(() =>
      checkLaterSettings(first, { filename: 'data.csv', target: ' y ', modelType: 'mlp_classifier', params: '{ "epochs": 5 }' }, 1),
    ).not.toThrow();
  });

  it('refuses a later chunk that sets something else, naming the fields', () => {
    expect(() => checkLaterSettings(first, { filename: 'data.csv', target: 'x', params: '{"epochs": 9}', train: 'true' }, 2)).toThrow(
      /^Chunk 2 sets target, params differently from chunk 0; the training settings are taken from chunk 0 only/,
    );
  });
});
