/**
 * Every registered model version also loads in a plain MLflow environment: one small model of every
 * family, trained by the trainer from a real CSV (a TrainingRequested event, as the ingest app sends
 * it: test/support/inference-training.ts), is loaded with
 * `mlflow.pyfunc.load_model("models:/<name>/<version>")` (the python_function flavor's NumPy loader)
 * and predicts what the inference app's POST /api/predict answers for the same rows: equal labels,
 * values and probabilities within relative 1e-5; `params={"probabilities": True}` gives a classifier's
 * label and probability_<class> columns.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot, loadConfig } from '@modelstream/config';
import { MODEL_TYPES, type ModelType } from '@modelstream/contracts';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer } from './support/inference-client';
import { PipelineTrainer } from './support/inference-training';
import { PyfuncAnswer, pyfuncPredict } from './support/pyfunc_client';

jest.setTimeout(300_000);

interface Case {
  key: string;
  modelType: ModelType;
  target: string;
  params: Record<string, unknown>;
}

// A real dataset with missing cells (NA), two categorical and five numeric columns.
const CSV = readFileSync(join(findProjectRoot(__dirname), 'examples/python/data/penguins.csv'), 'utf8');
const base = { epochs: 8, seed: 3, validationSplit: 0.2, batchSize: 64 };
const CASES: Case[] = [
  { key: 'logistic-binary', modelType: 'logistic_regression', target: 'sex', params: base },
  { key: 'logistic-multiclass', modelType: 'logistic_regression', target: 'species', params: { ...base, l2: 0.01 } },
  { key: 'linear', modelType: 'linear_regression', target: 'body_mass_g', params: base },
  { key: 'ridge', modelType: 'ridge_regression', target: 'flipper_length_mm', params: { ...base, alpha: 2 } },
  {
    key: 'mlp-classifier',
    modelType: 'mlp_classifier',
    target: 'island',
    params: { ...base, hiddenLayers: [16, 8], activation: 'elu', dropout: 0.1 },
  },
  {
    key: 'mlp-regressor',
    modelType: 'mlp_regressor',
    target: 'bill_length_mm',
    params: { ...base, hiddenLayers: [12], activation: 'tanh' },
  },
  {
    key: 'forest-classifier',
    modelType: 'random_forest_classifier',
    target: 'species',
    params: { seed: 3, validationSplit: 0.2, trees: 20, maxDepth: 8 },
  },
  {
    key: 'forest-regressor',
    modelType: 'random_forest_regressor',
    target: 'bill_depth_mm',
    params: { seed: 3, validationSplit: 0.2, trees: 15, maxFeatures: 'sqrt', minSamplesLeaf: 2, bins: 32 },
  },
];

/** The CSV's rows as a JSON client sends them (NA → null, numbers as numbers), plus an unseen level and blanks. */
function predictionRows(): Record<string, unknown>[] {
  const rows = csvRecords(CSV).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : Number.isFinite(Number(v)) ? Number(v) : v])),
  );
  return [...rows, { ...rows[0], island: 'Atlantis', bill_depth_mm: null }, { ...rows[1], sex: '', island: '', body_mass_g: null }];
}

/** The largest |a - b| / max(|a|, |b|, floor). */
function maxRelDiff(a: number[], b: number[], floor = 0): number {
  expect(a).toHaveLength(b.length);
  return Math.max(0, ...a.map((x, i) => (x === b[i] ? 0 : Math.abs(x - b[i]) / Math.max(Math.abs(x), Math.abs(b[i]), floor))));
}

describe('MLflow pyfunc: every family loads with mlflow.pyfunc.load_model and predicts what inference serves', () => {
  const apps: RunningApp[] = [];
  const run = randomUUID().slice(0, 8);
  const rows = predictionRows();
  const pipeline = new PipelineTrainer();

  beforeAll(async () => {
    apps.push(...(await startTogether([startApp('trainer', 3412), startApp('inference', 3413)])));
  });

  afterAll(async () => {
    await pipeline.close();
    await Promise.all(apps.map((a) => a.stop()));
  });

  it('covers every family of the registry', () => {
    expect([...new Set(CASES.map((c) => c.modelType))].sort()).toEqual([...MODEL_TYPES].sort());
  });

  it('answers the same labels, values and probabilities in Python as the inference app', async () => {
    const [, inference] = apps;
    const started = Date.now();
    // One at a time: the trainer trains one job at a time anyway.
    const modelIds: string[] = [];
    for (const c of CASES) {
      const model = await pipeline.train(
        { modelName: `pyfunc-e2e-${c.key}-${run}`, csv: CSV, target: c.target, modelType: c.modelType, params: c.params },
        120_000,
      );
      modelIds.push(model.modelId);
    }
    const trained = Date.now();

    const served = await Promise.all(
      modelIds.map(async (modelId) => {
        const res = await call<PredictAnswer>(`${inference.url}/api/predict`, { json: { modelId, features: rows } });
        expect(res.status).toBe(200);
        return res.body;
      }),
    );
    const answers = await pyfuncPredict(
      loadConfig().MLFLOW_TRACKING_URI,
      modelIds.map((uri) => ({ uri, rows })),
    );
    const figures: Record<string, { relative: number; plain: number }> = {};
    CASES.forEach((c, i) => {
      figures[c.key] = compare(c, served[i], answers[i]);
    });
    console.log(
      `pyfunc vs inference, max relative difference per model (${rows.length} rows; trained in ${((trained - started) / 1000).toFixed(1)} s, ` +
        `compared in ${((Date.now() - trained) / 1000).toFixed(1)} s): ${JSON.stringify(figures)}`,
    );
  });

  /** Checks one model's answers; returns the max relative difference as asserted and the plain one (floor 0). */
  function compare(c: Case, served: PredictAnswer, answer: PyfuncAnswer): { relative: number; plain: number } {
    expect(answer.uri).toBe(served.modelId);
    expect(answer.flavors).toEqual(['modelstream_tfjs', 'python_function']);
    expect(answer.predictions).toHaveLength(rows.length);
    if (served.problemType === 'regression') {
      expect(answer.params_schema).toBeNull();
      expect(answer.probabilities).toBeUndefined();
      const diff = maxRelDiff(
        answer.predictions as number[],
        served.predictions.map((p) => ('value' in p ? p.value : NaN)),
      );
      expect({ key: c.key, diff: diff < 1e-5 }).toEqual({ key: c.key, diff: true });
      return { relative: diff, plain: diff };
    }
    const classes = served.classes!;
    const labels = served.predictions.map((p) => ('label' in p ? p.label : ''));
    expect(answer.params_schema).toEqual([{ name: 'probabilities', type: 'boolean', default: false, shape: null }]);
    expect(answer.predictions).toEqual(labels);
    const { columns, data } = answer.probabilities!;
    expect(columns).toEqual(['label', ...classes.map((k) => `probability_${k}`)]);
    expect(data.map((r) => r[0])).toEqual(labels);
    // Probabilities are compared relative to max(|a|, |b|, 1e-3): a tiny probability (1 - p of a p near 1)
    // carries TF.js's float32 rounding of p, about 6e-8, whatever its own size.
    const got = data.flatMap((r) => r.slice(1) as number[]);
    const want = served.predictions.flatMap((p) => classes.map((k) => ('probabilities' in p ? p.probabilities[k] : NaN)));
    const diff = maxRelDiff(got, want, 1e-3);
    expect({ key: c.key, diff: diff < 1e-5 }).toEqual({ key: c.key, diff: true });
    return { relative: diff, plain: maxRelDiff(got, want) };
  }
});
