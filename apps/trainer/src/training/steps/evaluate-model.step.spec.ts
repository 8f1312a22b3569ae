import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobCancelledError, jobStop } from '../attempts/job-stop';
import { FakeEvents } from '../testing/trainer.fakes';
import { fittedJob } from '../testing/training-fixtures';
import { EvaluateModelStep, trainingResult } from './evaluate-model.step';

jest.setTimeout(30_000);

describe('EvaluateModelStep', () => {
  it('logs the validation metrics and the job result, after reporting the evaluating stage', async () => {
    const { job, loaded, prepared, fitted } = await fittedJob();
    const events = new FakeEvents();
    try {
      const { evaluation, result } = await new EvaluateModelStep(events.asPublisher()).run(job, loaded, prepared, fitted);
      expect(events.of('TrainingProgress')).toEqual([expect.objectContaining({ stage: 'evaluating', progress: 92 })]);
      expect(Object.keys(evaluation.metrics)).toEqual(
        expect.arrayContaining(['accuracy', 'precision', 'recall', 'f1', 'log_loss', 'roc_auc']),
      );
      expect(evaluation.metrics.accuracy).toBeGreaterThan(0.6);
      expect(job.run.metrics).toEqual(evaluation.metrics);
      expect(evaluation.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(prepared.rows.validation);
      expect(job.run.artifacts.get('result.json')).toEqual(JSON.parse(JSON.stringify(result)));
      expect(result).toMatchObject({ rows: prepared.rows, attempt: 1, backend: 'wasm', datasetSha256: loaded.sha256, epochsRun: 3 });
    } finally {
      fitted.model.dispose();
    }
  });

  it('stops after logging when the job was cancelled meanwhile', async () => {
    const { command, job, loaded, prepared, fitted } = await fittedJob(80);
    const cancels = new CancellationRegistry();
    cancels.mark(command.trackingId, 'enough');
    const stop = jobStop(command.trackingId, { heartbeat: async () => undefined, shuttingDown: () => false }, cancels);
    try {
      const step = new EvaluateModelStep(new FakeEvents().asPublisher());
      await expect(step.run({ ...job, stop }, loaded, prepared, fitted)).rejects.toEqual(new JobCancelledError('enough'));
      expect(job.run.artifacts.has('result.json')).toBe(true);
    } finally {
      fitted.model.dispose();
    }
  });
});

describe('trainingResult', () => {
  it('derives the throughput and the duration of the attempt', () => {
    const rows = { total: 120, usable: 110, dropped: 10, train: 88, validation: 22 };
    const result = trainingResult(
      { attempt: 2, startedAt: 1_000 },
      { sha256: 'abc' },
      { rows, columns: [{ name: 'x', role: 'numeric', missing: 0 }] },
      {
        outcome: { history: [], epochsRun: 5, stoppedEarly: true, cancelled: null },
        trainingSeconds: 2,
        backend: 'cpu',
        peakRssBytes: 200 * 1024 * 1024,
      },
      { metrics: { r2: 0.9 } },
      4_500,
    );
    expect(result).toEqual({
      metrics: { r2: 0.9 },
      classes: undefined,
      confusionMatrix: undefined,
      rows,
      epochsRun: 5,
      stoppedEarly: true,
      trainingSeconds: 2,
      rowsPerSecond: 220,
      durationMs: 3_500,
      backend: 'cpu',
      workerPeakRssMb: 200,
      attempt: 2,
      datasetSha256: 'abc',
      columns: [{ name: 'x', role: 'numeric', missing: 0 }],
    });
  });
});
