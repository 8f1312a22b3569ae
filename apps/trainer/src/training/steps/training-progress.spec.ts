import { epochProgress, finiteOnly, stageProgress } from './training-progress';

describe('training progress', () => {
  it('reports each stage at its own share, in the order of the stages', () => {
    const stages = (['loading', 'preprocessing', 'evaluating', 'registering'] as const).map(stageProgress);
    expect(stages.map((p) => p.progress)).toEqual([2, 12, 92, 96]);
    expect(stages[0]).toEqual({ stage: 'loading', progress: 2, epoch: null, epochs: null, loss: null, metrics: {} });
  });

  it('spreads the epochs between preprocessing and evaluating, growing with each epoch', () => {
    const epochs = [1, 2, 3, 4].map((epoch) => epochProgress({ epoch, epochs: 4, loss: 0.5, metrics: { val_loss: 0.4 } }));
    expect(epochs.map((p) => p.progress)).toEqual([33.75, 52.5, 71.25, 90]);
    expect(epochs[3]).toEqual({ stage: 'training', progress: 90, epoch: 4, epochs: 4, loss: 0.5, metrics: { val_loss: 0.4 } });
  });

  it('leaves out what is not a finite number', () => {
    const p = epochProgress({ epoch: 1, epochs: 2, loss: NaN, metrics: { val_loss: Infinity, val_accuracy: 0.75 } });
    expect(p.loss).toBeNull();
    expect(p.metrics).toEqual({ val_accuracy: 0.75 });
    expect(finiteOnly({ a: 1, b: NaN, c: -Infinity })).toEqual({ a: 1 });
  });
});
