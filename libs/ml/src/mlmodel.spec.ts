import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ModelType } from '@modelstream/contracts';
import { initBackend } from './backend';
import { readCsvTable } from './csv-table';
import { inputExample, prepareDataset } from './dataset-preparation';
import { mlmodelYaml, parseFlavor, PYFUNC_LOADER_MODULE, pythonFunctionFiles } from './mlmodel';
import { InputRow, Preprocessor } from './preprocessor';
import { PYFUNC_LOADER_SOURCE } from './pyfunc-loader.generated';
import { newBundleMeta, predict, serializeBundle } from './model-bundle';
import { fitFamily } from './fit';
import { SyntheticRelation, syntheticDataset } from './synthetic-data';

jest.setTimeout(120_000);

const root = join(__dirname, '../../..');

const preprocessor = (problemType: 'classification' | 'regression') =>
  Preprocessor.fromJSON({
    format: 'modelstream-preprocessing',
    version: 1,
    target: 'y',
    problemType,
    ...(problemType === 'classification' ? { classes: ['no', 'yes'] } : { targetScale: { mean: 3, std: 2 } }),
    features: [
      { name: 'x', kind: 'numeric', mean: 0, std: 1, impute: 0 },
      { name: 'color', kind: 'categorical', levels: ['blue', 'red'], impute: 'red' },
    ],
    ignored: [],
    inputDim: 3,
  });
const meta = {
  modelType: 'logistic_regression',
  format: 'tfjs-layers',
  modelPath: 'tfjs/model.json',
  backend: 'wasm',
  tfjsVersion: '4.22.0',
  modelUuid: 'abc',
  runId: 'r1',
};

describe('MLmodel', () => {
  it('declares both flavors, the loader and its files, and the probabilities param for classifiers', () => {
    const text = mlmodelYaml(meta, preprocessor('classification'));
    expect(parseFlavor(text)).toMatchObject({ format: 'tfjs-layers', model: 'tfjs/model.json', preprocessing: 'preprocessing.json' });
    expect(parseFlavor(text)).not.toHaveProperty('loader_module');
    expect(parseFlavor(text, 'python_function')).toMatchObject({ loader_module: PYFUNC_LOADER_MODULE, code: 'code' });
    expect(text).toContain('    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n');
    const params = /^ {2}params: '(.*)'$/m.exec(text)?.[1];
    expect(JSON.parse(params!)).toEqual([{ name: 'probabilities', type: 'boolean', default: false, shape: null }]);
    expect(JSON.parse(/^ {2}outputs: '(.*)'$/m.exec(text)![1])).toEqual([
      { name: 'label', type: 'string' },
      { name: 'probability_no', type: 'double' },
      { name: 'probability_yes', type: 'double' },
    ]);
    expect(Object.keys(pythonFunctionFiles()).sort()).toEqual([
      `code/${PYFUNC_LOADER_MODULE}.py`,
      'conda.yaml',
      'python_env.yaml',
      'requirements.txt',
    ]);
  });

  it('declares no params for regressors, and no python_function without its files', () => {
    expect(mlmodelYaml(meta, preprocessor('regression'))).toMatch(/^ {2}params: null$/m);
    const plain = mlmodelYaml(meta, preprocessor('classification'), false);
    expect(plain).not.toContain('python_function');
    expect(plain).toMatch(/^ {2}params: null$/m);
  });

  it('embeds the loader exactly as libs/ml/python has it (else: npx tsx libs/ml/scripts/embed-pyfunc.ts)', () => {
    expect(PYFUNC_LOADER_SOURCE).toBe(readFileSync(join(root, 'libs/ml/python/modelstream_pyfunc.py'), 'utf8'));
  });
});

/** The MLflow venv of scripts/stack.sh (has mlflow, numpy, pandas), if installed. */
function mlflowPython(): string | null {
  const opt = process.env.STACK_OPT_DIR ?? join(root, '.stack/opt');
  const venv = existsSync(opt) ? readdirSync(opt).find((d) => d.startsWith('mlflow-')) : undefined;
  const python = venv && join(opt, venv, 'bin/python');
  return python && existsSync(python) ? python : null;
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

const families: [ModelType, SyntheticRelation, 'classification' | 'regression', Record<string, number | number[] | string>][] = [
  ['logistic_regression', 'linear-binary', 'classification', {}],
  ['logistic_regression', 'linear-multiclass', 'classification', {}],
  ['linear_regression', 'linear-regression', 'regression', {}],
  ['ridge_regression', 'linear-regression', 'regression', { alpha: 1 }],
  ['mlp_classifier', 'circle', 'classification', { hiddenLayers: [16, 8], activation: 'elu', dropout: 0.1 }],
  ['mlp_regressor', 'nonlinear-regression', 'regression', { hiddenLayers: [16, 8], activation: 'tanh' }],
  ['random_forest_classifier', 'circle', 'classification', { trees: 12, maxDepth: 8 }],
  ['random_forest_classifier', 'linear-multiclass', 'classification', { trees: 8, maxFeatures: 'all', minSamplesLeaf: 3 }],
  ['random_forest_regressor', 'nonlinear-regression', 'regression', { trees: 10, maxFeatures: 'log2', bins: 16 }],
];

const python = mlflowPython();
(python ? describe : describe.skip)('python_function flavor in MLflow pyfunc (the stack venv)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelstream-pyfunc-'));
  const cases: { name: string; rows: InputRow[]; expected: ReturnType<typeof predict>; targetStd: number }[] = [];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('predicts what the TF.js bundle predicts, for every family', async () => {
    const backend = await initBackend(['wasm', 'cpu']);
    for (const [i, [modelType, relation, problemType, params]] of families.entries()) {
      const ds = syntheticDataset({ relation, rows: 300, seed: 3, categorical: true, distractors: true });
      const prepared = prepareDataset(await readCsvTable(once(ds.csv)), { target: 'target', problemType, validationSplit: 0.2, seed: 1 });
      const fit = await fitFamily(modelType, { seed: 7, solver: 'adam', ...params }, prepared.data, {
        epochs: 3,
        batchSize: 32,
        learningRate: 0.05,
        seed: 1,
        earlyStoppingPatience: 0,
      });
      const bundle = { model: fit.model, preprocessor: prepared.preprocessor, meta: newBundleMeta({ modelType, problemType, backend }) };
      const table = await readCsvTable(once(ds.csv));
      const rows: InputRow[] = [
        ...inputExample(table, prepared, 20),
        { x0: null, x1: 0.5, x2: '-1.25', x3: 2, color: 'purple' }, // imputed number, numeric string, unseen level
        { x0: 1, x1: -0.5, x2: 0, x3: 0, color: '' }, // imputed level
      ];
      const name = `${i}-${modelType}`;
      for (const [path, body] of Object.entries(await serializeBundle(bundle, rows.slice(0, 3), { pythonFunction: true }))) {
        mkdirSync(dirname(join(dir, name, path)), { recursive: true });
        writeFileSync(join(dir, name, path), body);
      }
      cases.push({ name, rows, expected: predict(bundle, rows), targetStd: prepared.preprocessor.spec.targetScale?.std ?? 1 });
      fit.model.dispose();
    }
    const out = execFileSync(python!, [join(root, 'test/support/pyfunc_predict.py')], {
      input: JSON.stringify(cases.map((c) => ({ uri: join(dir, c.name), rows: c.rows }))),
      env: { ...process.env, MLFLOW_TRACKING_URI: join(dir, 'mlruns') },
      maxBuffer: 64 << 20,
    });
    const answers = JSON.parse(out.toString()) as PyfuncAnswer[];
    cases.forEach(({ expected, targetStd }, i) => {
      const answer = answers[i];
      expect(answer.flavors).toEqual(['modelstream_tfjs', 'python_function']);
      if (expected.problemType === 'regression') {
        expect(maxRelDiff(answer.predictions as number[], expected.values, targetStd)).toBeLessThan(1e-5);
        expect(answer.probabilities).toBeUndefined();
        return;
      }
      expect(answer.predictions).toEqual(expected.labels);
      const { columns, data } = answer.probabilities!;
      expect(columns).toEqual(['label', ...expected.classes.map((c) => `probability_${c}`)]);
      expect(data.map((r) => r[0])).toEqual(expected.labels);
      const got = data.flatMap((r) => r.slice(1) as number[]);
      const want = expected.probabilities.flatMap((p) => expected.classes.map((c) => p[c]));
      expect(maxRelDiff(got, want, 1)).toBeLessThan(1e-5);
    });
  });
});

interface PyfuncAnswer {
  flavors: string[];
  predictions: (string | number)[];
  probabilities?: { columns: string[]; data: (string | number)[][] };
}

/**
 * The largest |a - b| / max(|a|, |b|, scale). TF.js computes in float32, so a value near zero carries an
 * error of the order of its scale's float32 ulp, not its own: the scale (the target's standard deviation,
 * 1 for probabilities) bounds the denominator from below.
 */
function maxRelDiff(a: number[], b: number[], scale: number): number {
  expect(a).toHaveLength(b.length);
  return Math.max(0, ...a.map((x, i) => Math.abs(x - b[i]) / Math.max(Math.abs(x), Math.abs(b[i]), scale)));
}
