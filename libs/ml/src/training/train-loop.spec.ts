/**
 * trainModel on the backend the trainer picks (native TensorFlow where installed, as CI requires):
 * it learns, leaves no tensor behind, keeps the best epoch with early stopping, and validates on its
 * schedule. (training.spec.ts covers the whole pipeline with the bundle round trip.)
 */
import { initBackend, tf } from '../backend';
import { readCsvTable } from '../csv-table';
import { evaluateModel, prepareDataset, type PreparedDataset } from '../dataset-preparation';
import { buildModel } from '../model-families';
import { syntheticDataset, type SyntheticRelation } from '../synthetic-data';
import { trainModel, type TrainOptions } from '../train';
import { LayersTrainedModel } from '../trained-model';

jest.setTimeout(120_000);

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

async function prepared(relation: SyntheticRelation, rows: number, problemType: 'classification' | 'regression'): Promise<PreparedDataset> {
  const ds = syntheticDataset({ relation, rows, seed: 11 });
  return prepareDataset(await readCsvTable(once(ds.csv)), { target: ds.target, problemType, validationSplit: 0.2, seed: 42 });
}

const loop = (o: Partial<TrainOptions>): TrainOptions => ({
  epochs: 40,
  batchSize: 64,
  learningRate: 0.01,
  seed: 42,
  earlyStoppingPatience: 0,
  l2: 0,
  ...o,
});

describe('training loop', () => {
  beforeAll(() => initBackend());

  it.each([
    ['mlp_classifier', 'circle', 0, 'classification', 'accuracy', 0.9],
    ['mlp_classifier', 'circle', 0.1, 'classification', 'accuracy', 0.88],
    ['mlp_regressor', 'nonlinear-regression', 0, 'regression', 'r2', 0.85],
  ] as const)('%s learns %s (dropout %d)', async (family, relation, dropout, problemType, metric, threshold) => {
    const before = tf.memory().numTensors;
    const data = await prepared(relation, 1200, problemType);
    const params = { seed: 42, hiddenLayers: [32, 16], dropout };
    const built = buildModel(family, params, { inputDim: data.data.inputDim, outputUnits: 1, problemType }, 960);
    const outcome = await trainModel(built.model, data.data, loop({ epochs: 60 }));
    expect(outcome.history.at(-1)!.loss).toBeLessThan(outcome.history[0].loss);
    const trained = new LayersTrainedModel(built.model);
    expect(evaluateModel(trained, data).metrics[metric]).toBeGreaterThan(threshold);
    trained.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the best epoch when it stops early', async () => {
    // Labels unrelated to the features: a big MLP overfits at once, so the validation loss rises.
    const rows = [
      'a,b,c,target',
      ...Array.from({ length: 400 }, (_, i) => `${(i * 7919) % 101},${(i * 104729) % 97},${i % 13},${(i * 31) % 7 < 3 ? 'x' : 'y'}`),
    ];
    const data = prepareDataset(await readCsvTable(once(rows.join('\n'))), {
      target: 'target',
      problemType: 'classification',
      validationSplit: 0.25,
      seed: 1,
    }).data;
    const shape = { inputDim: data.inputDim, outputUnits: 1, problemType: 'classification' as const };
    const built = buildModel('mlp_classifier', { seed: 1, hiddenLayers: [256, 256] }, shape, 300);
    const outcome = await trainModel(built.model, data, loop({ epochs: 300, batchSize: 16, seed: 1, earlyStoppingPatience: 3 }));
    expect(outcome.stoppedEarly).toBe(true);
    const valLosses = outcome.history.map((h) => h.metrics.val_loss);
    expect(valLosses.at(-1)!).toBeGreaterThan(Math.min(...valLosses));
    // The model's validation loss is the history's lowest, not the last epoch's.
    const p = tf.tidy(() => (built.model.predict(tf.tensor2d(data.xVal, [data.yVal.length, data.inputDim])) as tf.Tensor).dataSync());
    const logLoss = data.yVal.reduce((s, y, i) => s - Math.log(Math.max(y === 1 ? p[i] : 1 - p[i], 1e-7)), 0) / data.yVal.length;
    expect(logLoss).toBeCloseTo(Math.min(...valLosses), 4);
    built.model.dispose();
  });

  it('keeps the best validated epoch however it ends: its epochs, or a stop request', async () => {
    const data = await prepared('nonlinear-regression', 600, 'regression');
    const shape = { inputDim: data.data.inputDim, outputUnits: 1, problemType: 'regression' as const };
    // lr 0.05 at batch 8: the epoch-end validation loss wanders, so the last epoch is rarely the best.
    for (const stopAfter of [Infinity, 6]) {
      const built = buildModel('mlp_regressor', { seed: 3 }, shape, 480);
      let ended = 0;
      const outcome = await trainModel(built.model, data.data, loop({ epochs: 12, batchSize: 8, learningRate: 0.05, seed: 3 }), {
        onEpochEnd: () => void ended++,
        stopReason: () => (ended >= stopAfter ? 'enough' : null),
      });
      const valLosses = outcome.history.map((h) => h.metrics.val_loss);
      const best = Math.min(...valLosses);
      expect(outcome.history).toHaveLength(Math.min(12, stopAfter));
      expect(outcome.bestEpoch).toBe(valLosses.indexOf(best) + 1);
      expect(outcome.bestEpoch).toBeLessThan(outcome.history.length);
      const rmse = evaluateModel(new LayersTrainedModel(built.model), data).metrics.rmse;
      expect(rmse).toBeCloseTo(Math.sqrt(best) * data.data.targetStd!, 4);
      built.model.dispose();
    }
  });

  it('validates on a schedule of steps as well as at each epoch end', async () => {
    const data = await prepared('circle', 500, 'classification');
    const shape = { inputDim: data.data.inputDim, outputUnits: 1, problemType: 'classification' as const };
    const built = buildModel('mlp_classifier', { seed: 1 }, shape, 400);
    const seen: number[][] = [];
    // 400 training rows in batches of 50: 8 steps an epoch, validated every 3 steps and at each end.
    const outcome = await trainModel(built.model, data.data, loop({ epochs: 2, batchSize: 50, validateEverySteps: 3 }), {
      onValidation: (v) => void seen.push([v.epoch, v.rows]),
    });
    built.model.dispose();
    expect(seen).toEqual([
      [1, 150],
      [1, 300],
      [1, 400],
      [2, 450],
      [2, 600],
      [2, 750],
      [2, 800],
    ]);
    expect(outcome.history.map((h) => h.epoch)).toEqual([1, 2]);
  });
});
