import { DatasetError, initBackend, prepareDataset, readCsvTable, tf } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobCancelledError, JobInterruptedError } from '../attempts/job-stop';
import { FakeEvents, FakeTrainerMetrics } from '../testing/trainer.fakes';
import { jobRunFor, tinyCsv, trainingRequested } from '../testing/training-fixtures';
import { buildTrainingCommand, TrainingCommand } from '../training-command';
import { checkConverged, FitModelStep, loopOptions } from './fit-model.step';

jest.setTimeout(30_000);

async function preparedFor(command: TrainingCommand) {
  const bytes = Buffer.from(tinyCsv(160));
  const table = await readCsvTable(
    (async function* () {
      yield bytes;
    })(),
  );
  return prepareDataset(table, { target: command.target, problemType: command.problemType, validationSplit: 0.2, seed: 42 });
}

function stepWith() {
  const events = new FakeEvents();
  const metrics = new FakeTrainerMetrics();
  return { events, metrics, step: new FitModelStep(events.asPublisher(), metrics.asMetrics()) };
}

describe('FitModelStep', () => {
  beforeAll(() => initBackend(['wasm', 'cpu']));

  it('trains every epoch, reporting each one to MLflow, the events and the metrics', async () => {
    const { step, events, metrics } = stepWith();
    const command = buildTrainingCommand(
      trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 4, "batchSize": 32, "learningRate": 0.1}' }),
    );
    const job = jobRunFor(command);
    const fitted = await step.run(job, await preparedFor(command));
    try {
      const progress = events.of('TrainingProgress');
      expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
      expect(progress.map((p) => p.progress)).toEqual([33.75, 52.5, 71.25, 90]);
      expect(progress[3].loss).toBeLessThan(progress[0].loss!);
      expect(progress[3].metrics.val_accuracy).toBeGreaterThan(0.5);
      expect(job.run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
      expect(Object.keys(job.run.epochs[0].metrics)).toEqual(expect.arrayContaining(['loss', 'val_loss', 'rows_per_second']));
      expect(metrics.epochs).toBe(4);
      expect(fitted.outcome.epochsRun).toBe(4);
      expect(fitted.trainingSeconds).toBeGreaterThan(0);
    } finally {
      fitted.model.dispose();
    }
  });

  it('stops at a cancel between epochs, with no tensor left behind', async () => {
    const { step, events } = stepWith();
    const cancels = new CancellationRegistry();
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 50, "batchSize": 32}' }));
    events.onPublish = (e) => {
      if (e.type === 'TrainingProgress' && e.payload.epoch === 1) cancels.mark(command.trackingId, 'user pressed stop');
    };
    const prepared = await preparedFor(command);
    const tensors = tf.memory().numTensors;
    await expect(step.run(jobRunFor(command, { cancels }), prepared)).rejects.toEqual(new JobCancelledError('user pressed stop'));
    expect(events.of('TrainingProgress')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops at a shutdown as an interruption, not a cancel', async () => {
    const { step, events } = stepWith();
    let stopping = false;
    events.onPublish = () => (stopping = true);
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 50}' }));
    const job = jobRunFor(command, { ctx: { shuttingDown: () => stopping } });
    await expect(step.run(job, await preparedFor(command))).rejects.toBeInstanceOf(JobInterruptedError);
    expect(events.of('TrainingProgress')).toHaveLength(1);
  });
});

describe('the fit step core', () => {
  it('trains with the schedule of the command', () => {
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"epochs": 9, "earlyStoppingPatience": 2}' }));
    expect(loopOptions(command)).toEqual({ epochs: 9, batchSize: 256, learningRate: 0.05, seed: 42, earlyStoppingPatience: 2 });
  });

  it('fails a diverged training as a data error at the training stage', () => {
    const diverged = { history: [{ epoch: 1, epochs: 1, loss: NaN, metrics: {}, seconds: 1, rowsPerSecond: 1, rowsPerCpuSecond: 1 }] };
    expect(() => checkConverged(diverged)).toThrow(DatasetError);
    expect(() => checkConverged(diverged)).toThrow(/diverged.*Lower learningRate/);
    expect(() => checkConverged({ history: [] })).toThrow(DatasetError);
    expect(() => checkConverged({ history: [{ ...diverged.history[0], loss: 0.3 }] })).not.toThrow();
  });
});
