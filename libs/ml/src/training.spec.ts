/**
 * The whole in-process pipeline for each model family: parse a generated CSV, prepare, train on the real
 * TF.js backend, evaluate, save the bundle to files, load it back and predict the same.
 */
import type { ModelType } from '@modelstream/contracts';
import { initBackend, tf } from './backend';
import { readCsvTable } from './csv-table';
import { evaluateModel, inputExample, prepareDataset } from './dataset-preparation';
import { loadBundle, newBundleMeta, predict, serializeBundle } from './model-bundle';
import { fitFamily } from './fit';
import { buildModel } from './model-families';
import { SyntheticRelation, syntheticDataset } from './synthetic-data';
import { trainModel } from './train';

jest.setTimeout(120_000);

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

const cases: [ModelType, SyntheticRelation, 'classification' | 'regression', Record<string, number | number[]>, string, number][] = [
  ['logistic_regression', 'linear-binary', 'classification', { epochs: 40, learningRate: 0.05, batchSize: 64 }, 'accuracy', 0.9],
  ['logistic_regression', 'linear-multiclass', 'classification', { epochs: 40, learningRate: 0.05, batchSize: 64 }, 'accuracy', 0.85],
  ['linear_regression', 'linear-regression', 'regression', { epochs: 60, learningRate: 0.05, batchSize: 64 }, 'r2', 0.97],
  ['ridge_regression', 'linear-regression', 'regression', { epochs: 60, learningRate: 0.05, batchSize: 64, alpha: 1 }, 'r2', 0.97],
  [
    'mlp_classifier',
    'circle',
    'classification',
    { epochs: 60, learningRate: 0.01, batchSize: 64, hiddenLayers: [32, 16] },
    'accuracy',
    0.9,
  ],
  [
    'mlp_regressor',
    'nonlinear-regression',
    'regression',
    { epochs: 80, learningRate: 0.01, batchSize: 64, hiddenLayers: [64, 32] },
    'r2',
    0.85,
  ],
];

describe('training pipeline', () => {
  let backend: string;
  beforeAll(async () => {
    backend = await initBackend(['wasm', 'cpu']);
  });

  it.each(cases)('%s learns %s', async (modelType, relation, problemType, params, metric, threshold) => {
    const tensorsBefore = tf.memory().numTensors;
    const ds = syntheticDataset({ relation, rows: 1200, seed: 11, categorical: relation.startsWith('linear'), distractors: true });
    const table = await readCsvTable(once(ds.csv));
    const prepared = prepareDataset(table, { target: ds.target, problemType, validationSplit: 0.2, seed: 42 });
    expect(prepared.columns.find((c) => c.name === 'id')).toMatchObject({ role: 'ignored' });
    const epochs: number[] = [];
    const { model, outcome } = await fitFamily(
      modelType,
      { seed: 42, solver: 'adam', ...params },
      prepared.data,
      {
        epochs: params.epochs as number,
        batchSize: params.batchSize as number,
        learningRate: params.learningRate as number,
        seed: 42,
        earlyStoppingPatience: 0,
      },
      { onEpochEnd: (log) => void epochs.push(log.epoch) },
    );
    expect(outcome.epochsRun).toBe(params.epochs);
    expect(epochs[0]).toBe(1);
    expect(outcome.history.at(-1)!.loss).toBeLessThan(outcome.history[0].loss);
    const evaluation = evaluateModel(model, prepared);
    expect(evaluation.metrics[metric]).toBeGreaterThan(threshold);

    // Round trip through the artifact files: the loaded bundle predicts what the trained model predicts.
    const bundle = { model, preprocessor: prepared.preprocessor, meta: newBundleMeta({ modelType, problemType, backend }) };
    const example = inputExample(table, prepared, 5);
    const files = await serializeBundle(bundle, example);
    expect(Object.keys(files).sort()).toEqual([
      'MLmodel',
      'input_example.json',
      'preprocessing.json',
      'tfjs/model.json',
      'tfjs/weights.bin',
    ]);
    expect(files.MLmodel.toString()).toContain(`model_type: ${modelType}`);
    const loaded = await loadBundle(async (path) => files[path]);
    const a = predict(bundle, example);
    const b = predict(loaded, example);
    expect(b).toEqual(a);
    if (a.problemType === 'classification') expect(a.labels.every((l) => a.classes.includes(l))).toBe(true);
    model.dispose();
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('stops early when the validation loss stops improving, and cancels between batches', async () => {
    // Labels unrelated to the features: a big MLP overfits at once, so the validation loss rises.
    const rows = [
      'a,b,c,target',
      ...Array.from({ length: 400 }, (_, i) => `${(i * 7919) % 101},${(i * 104729) % 97},${i % 13},${(i * 31) % 7 < 3 ? 'x' : 'y'}`),
    ];
    const prepared = prepareDataset(await readCsvTable(once(rows.join('\n'))), {
      target: 'target',
      problemType: 'classification',
      validationSplit: 0.25,
      seed: 1,
    });
    const shape = { inputDim: prepared.data.inputDim, outputUnits: 1, problemType: 'classification' as const };
    const options = { epochs: 300, batchSize: 16, learningRate: 0.01, seed: 1, earlyStoppingPatience: 3, l2: 0 };
    const built = buildModel('mlp_classifier', { seed: 1, hiddenLayers: [256, 256] }, shape, prepared.rows.train);
    const outcome = await trainModel(built.model, prepared.data, options);
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.epochsRun).toBeLessThan(300);
    built.model.dispose();

    const again = buildModel('mlp_classifier', { seed: 1, hiddenLayers: [256, 256] }, shape, prepared.rows.train);
    let asked = 0;
    const cancelled = await trainModel(
      again.model,
      prepared.data,
      { ...options, earlyStoppingPatience: 0 },
      {
        tickMs: 0,
        stopReason: () => (++asked >= 5 ? 'stop please' : null),
      },
    );
    expect(cancelled.cancelled).toBe('stop please');
    expect(cancelled.epochsRun).toBeLessThan(2);
    again.model.dispose();
  });
});
