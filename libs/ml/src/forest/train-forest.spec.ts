import type { EpochLog } from '../train';
import { trainForest, treeSeed } from './train-forest';
import type { ForestOptions } from './train-forest';
import { syntheticTraining } from './testing/forest-data';

jest.setTimeout(60_000);

const options = (over: Partial<ForestOptions> = {}): ForestOptions => ({
  problemType: 'classification',
  trees: 20,
  maxDepth: 8,
  minSamplesLeaf: 1,
  maxFeatures: 'sqrt',
  bins: 32,
  seed: 5,
  workers: 2,
  ...over,
});

describe('trainForest (worker_threads)', () => {
  it('learns a classification, reporting a batch of trees at a time with OOB loss and validation metrics', async () => {
    const data = syntheticTraining('classification');
    const logs: EpochLog[] = [];
    const fit = await trainForest(data, options(), { onEpochEnd: (log) => void logs.push(log) });
    expect(fit.backend).toBe('typescript-workers');
    expect(fit.model.trees).toBe(20);
    expect(logs.map((l) => l.epoch)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(logs.every((l) => l.epochs === 20 && Number.isFinite(l.loss) && l.rowsPerSecond > 0)).toBe(true);
    expect(Object.keys(logs[0].metrics).sort()).toEqual(['val_accuracy', 'val_loss']);
    expect(logs.at(-1)!.metrics.val_accuracy).toBeGreaterThan(0.85);
    expect(logs.at(-1)!.loss).toBeLessThan(logs[0].loss); // more trees: every row out of bag somewhere, a smoother vote
    expect(fit.outcome).toMatchObject({ epochsRun: 10, stoppedEarly: false, cancelled: null });
    // only x0 and x1 decide the class
    const imp = Array.from(fit.featureImportances);
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(imp[0] + imp[1]).toBeGreaterThan(0.6);
  });

  it('builds the same forest for a seed whatever the number of workers', async () => {
    const data = syntheticTraining('regression', { rows: 300 });
    const one = await trainForest(data, options({ problemType: 'regression', maxFeatures: 'all', trees: 6, workers: 1 }));
    const three = await trainForest(data, options({ problemType: 'regression', maxFeatures: 'all', trees: 6, workers: 3 }));
    expect(three.model.arrays).toEqual(one.model.arrays);
    expect(three.featureImportances).toEqual(one.featureImportances);
    expect(three.outcome.history.map((l) => [l.loss, l.metrics])).toEqual(one.outcome.history.map((l) => [l.loss, l.metrics]));
    const other = await trainForest(data, options({ problemType: 'regression', maxFeatures: 'all', trees: 6, workers: 1, seed: 6 }));
    expect(other.model.arrays.threshold).not.toEqual(one.model.arrays.threshold);
    expect(one.outcome.history.at(-1)!.metrics.val_rmse).toBeLessThan(0.3); // the target's std is about 1.3
  });

  it('predicts class probabilities for three classes', async () => {
    const data = syntheticTraining('classification', { classes: 3 });
    const fit = await trainForest(data, options({ trees: 10 }));
    const raw = fit.model.predictRaw(data.xVal, data.inputDim);
    expect(raw).toHaveLength(data.yVal.length * 3);
    expect(fit.outcome.history.at(-1)!.metrics.val_accuracy).toBeGreaterThan(0.85);
  });

  it('stops the workers on a cancel and says so', async () => {
    const data = syntheticTraining('classification', { rows: 2000 });
    let epochs = 0;
    const fit = await trainForest(data, options({ trees: 200 }), {
      onEpochEnd: () => void epochs++,
      stopReason: () => (epochs >= 1 ? 'cancelled by the user' : null),
    });
    expect(fit.outcome.cancelled).toBe('cancelled by the user');
    expect(fit.outcome.epochsRun).toBe(1);
    expect(fit.model.trees).toBeLessThan(200);
  });

  it('gives every tree its own seed from the forest seed', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, t) => treeSeed(5, t)));
    expect(seeds.size).toBe(1000);
    expect(treeSeed(5, 0)).not.toBe(treeSeed(6, 0));
  });
});
