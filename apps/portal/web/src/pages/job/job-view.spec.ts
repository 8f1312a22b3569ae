import {
  columnRows,
  confusionCells,
  epochCurves,
  failureAdvice,
  formatMetric,
  heatStyle,
  noteStage,
  regressionSummary,
  stageTimeline,
} from './job-view';

const epoch = (n: number, metrics: Record<string, number | null>) => ({ epoch: n, metrics });

function job(over: Partial<Parameters<typeof stageTimeline>[0]> = {}): Parameters<typeof stageTimeline>[0] {
  return {
    stage: 'training',
    status: 'running',
    createdAt: '2026-01-01T10:00:00.000Z',
    requestedAt: '2026-01-01T10:00:01.000Z',
    startedAt: '2026-01-01T10:00:02.000Z',
    finishedAt: null,
    ...over,
  };
}

describe('job page views', () => {
  it('turns per-epoch metrics into loss curves and metric curves, in epoch order, skipping gaps', () => {
    const { loss, metrics } = epochCurves([
      epoch(2, { loss: 0.5, val_loss: 0.6, val_accuracy: 0.8 }),
      epoch(1, { loss: 0.9, val_loss: null, val_accuracy: 0.6 }),
      epoch(3, { loss: 0.4, val_loss: 0.55, val_accuracy: 0.85 }),
    ]);
    expect(loss.map((s) => s.name)).toEqual(['loss', 'val_loss']);
    expect(loss[0].points).toEqual([
      { x: 1, y: 0.9 },
      { x: 2, y: 0.5 },
      { x: 3, y: 0.4 },
    ]);
    expect(loss[1].points.map((p) => p.x)).toEqual([2, 3]);
    expect(metrics).toEqual([
      {
        name: 'val_accuracy',
        points: [
          { x: 1, y: 0.6 },
          { x: 2, y: 0.8 },
          { x: 3, y: 0.85 },
        ],
      },
    ]);
    expect(epochCurves([])).toEqual({ loss: [], metrics: [] });
  });

  it('lays out the stage timeline of a running job with the times it knows', () => {
    const seen = noteStage(noteStage({}, { stage: 'loading', updatedAt: 't-load' }), { stage: 'training', updatedAt: 't-train' });
    expect(noteStage(seen, { stage: 'training', updatedAt: 'later' })).toBe(seen);
    const steps = stageTimeline(job(), seen);
    expect(steps.map((s) => [s.stage, s.state, s.at])).toEqual([
      ['uploading', 'done', '2026-01-01T10:00:00.000Z'],
      ['queued', 'done', '2026-01-01T10:00:01.000Z'],
      ['starting', 'done', '2026-01-01T10:00:02.000Z'],
      ['loading', 'done', 't-load'],
      ['preprocessing', 'done', undefined],
      ['training', 'current', 't-train'],
      ['evaluating', 'todo', undefined],
      ['registering', 'todo', undefined],
      ['done', 'todo', undefined],
    ]);
  });

  it('marks every stage passed for a completed job, and the stage a job failed in', () => {
    const done = stageTimeline(job({ status: 'completed', stage: 'done', finishedAt: '2026-01-01T10:01:00.000Z' }));
    expect(done.every((s) => s.state === 'done')).toBe(true);
    expect(done[done.length - 1]).toEqual({ stage: 'done', state: 'done', at: '2026-01-01T10:01:00.000Z' });
    const failed = stageTimeline(job({ status: 'failed', stage: 'preprocessing' }));
    expect(failed.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'failed']);
    const cancelled = stageTimeline(job({ status: 'cancelled', stage: 'queued', startedAt: null }));
    expect(cancelled.map((s) => [s.stage, s.state])).toEqual([
      ['uploading', 'done'],
      ['queued', 'cancelled'],
    ]);
  });

  it('puts a stage it does not know before done', () => {
    const steps = stageTimeline(job({ stage: 'calibrating' }));
    expect(steps.map((s) => s.stage).slice(-3)).toEqual(['registering', 'calibrating', 'done']);
    expect(steps.find((s) => s.stage === 'calibrating')?.state).toBe('current');
  });

  it('shades a confusion matrix by each true class row', () => {
    const cells = confusionCells([
      [8, 2],
      [0, 0],
    ]);
    expect(cells[0]).toEqual([
      { count: 8, share: 0.8 },
      { count: 2, share: 0.2 },
    ]);
    expect(cells[1][0].share).toBe(0);
    expect(heatStyle(0)).toEqual({ background: 'hsl(217 91% 97%)', color: '#111827' });
    expect(heatStyle(1)).toEqual({ background: 'hsl(217 91% 42%)', color: '#fff' });
  });

  it('reads the trainer column roles into rows (role, kind, missing, levels)', () => {
    expect(
      columnRows([
        { name: 'species', role: 'target', kind: 'categorical', missing: 0, classes: 3 },
        { name: 'bill_length_mm', role: 'numeric', missing: 2 },
        { name: 'island', role: 'categorical', levels: 3, missing: 0 },
        { name: 'id', role: 'ignored', reason: 'looks like an identifier' },
        { nonsense: true },
      ]),
    ).toEqual([
      { name: 'species', role: 'target', kind: 'categorical', missing: 0, levels: 3 },
      { name: 'bill_length_mm', role: 'feature', kind: 'numeric', missing: 2 },
      { name: 'island', role: 'feature', kind: 'categorical', missing: 0, levels: 3 },
      { name: 'id', role: 'ignored', kind: '—', note: 'looks like an identifier' },
    ]);
    expect(columnRows(undefined)).toEqual([]);
  });

  it('formats metrics and summarises a regression in words', () => {
    expect(formatMetric(0.912345)).toBe('0.9123');
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(12345.678)).toBe('12345.7');
    expect(formatMetric(null)).toBe('—');
    expect(formatMetric(0.0000064117)).toBe('6.41e-6');
    const lines = regressionSummary({ r2: 0.81, mae: 2, rmse: 4 });
    expect(lines[0]).toMatch(/explain 81%/);
    expect(lines[1]).toMatch(/off by 2 on average/);
    expect(lines[2]).toMatch(/2.00× the MAE: a few rows are predicted far off/);
    expect(regressionSummary({ r2: -0.2 })[0]).toMatch(/worse than always predicting the mean/);
  });

  it('advises what to do after a failure by its stage', () => {
    expect(failureAdvice('training', 'loss became NaN')).toMatch(/smaller learningRate/);
    expect(failureAdvice('preprocessing', 'no usable rows')).toMatch(/Check the preview/);
    expect(failureAdvice('loading', 'Target column "x" not found')).toMatch(/another target column/);
    expect(failureAdvice(null, null)).toMatch(/Train again/);
  });
});
