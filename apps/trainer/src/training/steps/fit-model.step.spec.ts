import { Logger } from '@nestjs/common';
import { DatasetError, initBackend, tf } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobCancelledError, JobInterruptedError } from '../attempts/job-stop';
import { FitWorkerFailedError, MAX_FIT_TRIES } from '../fit-worker/fit-failure';
import type { FitWorkerPool } from '../fit-worker/fit-worker.pool';
import { preparedFor, testFitWorkers } from '../testing/fit-workers';
import { FakeEvents, FakeTrainerMetrics } from '../testing/trainer.fakes';
import { jobRunFor, trainingRequested } from '../testing/training-fixtures';
import { buildTrainingCommand } from '../training-command';
import { checkConverged, FitModelStep, loopOptions } from './fit-model.step';

jest.setTimeout(120_000);

const workers = testFitWorkers();
const tightWorkers = testFitWorkers({}, 16);

beforeAll(async () => {
  Logger.overrideLogger(false);
  await initBackend(['wasm', 'cpu']);
});
afterAll(() => {
  workers.shutDown();
  tightWorkers.shutDown();
});

function stepWith(pool = workers.pool) {
  const events = new FakeEvents();
  const metrics = new FakeTrainerMetrics();
  return { events, metrics, step: new FitModelStep(events.asPublisher(), metrics.asMetrics(), pool) };
}

/**
 * The pool's next worker, SIGKILLed the moment its fit request is sent: it dies mid-fit whatever the
 * machine's speed (a kill at an epoch report raced the fit's end when this process was starved).
 */
function killNextWorkerMidFit(pool: FitWorkerPool): void {
  const take = pool.take.bind(pool);
  jest.spyOn(pool, 'take').mockImplementationOnce(async (heartbeat) => {
    const worker = await take(heartbeat);
    const fit = worker.fit.bind(worker);
    jest.spyOn(worker, 'fit').mockImplementationOnce((...args) => {
      const run = fit(...args);
      process.kill(worker.pid, 'SIGKILL');
      return run;
    });
    return worker;
  });
}

describe('FitModelStep', () => {
  it('trains every epoch in a worker, reporting each one to MLflow, the events and the metrics', async () => {
    const { step, events, metrics } = stepWith();
    const command = buildTrainingCommand(
      trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 4, "batchSize": 32, "learningRate": 0.1}' }),
    );
    const job = jobRunFor(command);
    const prepared = await preparedFor(command);
    const tensors = tf.memory().numTensors;
    const fitted = await step.run(job, prepared);
    try {
      const progress = events.of('TrainingProgress');
      expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
      expect(progress.map((p) => p.progress)).toEqual([33.75, 52.5, 71.25, 90]);
      expect(progress[3].loss).toBeLessThan(progress[0].loss!);
      expect(progress[3].metrics.val_accuracy).toBeGreaterThan(0.5);
      expect(job.run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
      expect(Object.keys(job.run.epochs[0].metrics)).toEqual(expect.arrayContaining(['loss', 'val_loss', 'rows_per_second']));
      expect(metrics.epochs).toBe(4);
      expect(metrics.fits).toEqual([{ ending: 'done', peakRssBytes: fitted.peakRssBytes }]);
      expect(fitted.peakRssBytes).toBeGreaterThan(0);
      expect(fitted.outcome.epochsRun).toBe(4);
      expect(fitted.trainingSeconds).toBeGreaterThan(0);
      expect(fitted.model.predictRaw(prepared.data.xVal, prepared.data.inputDim)).toHaveLength(prepared.rows.validation);
    } finally {
      fitted.model.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops at a cancel, ending the worker', async () => {
    const { step, events, metrics } = stepWith();
    const cancels = new CancellationRegistry();
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 500, "batchSize": 8}' }));
    events.onPublish = (e) => {
      if (e.type === 'TrainingProgress' && e.payload.epoch === 1) cancels.mark(command.trackingId, 'user pressed stop');
    };
    const prepared = await preparedFor(command);
    await expect(step.run(jobRunFor(command, { cancels }), prepared)).rejects.toEqual(new JobCancelledError('user pressed stop'));
    expect(events.of('TrainingProgress').length).toBeLessThan(500);
    expect(metrics.fits.map((f) => f.ending)).toEqual(['stopped']);
  });

  it('stops at a shutdown as an interruption, not a cancel', async () => {
    const { step, events } = stepWith();
    let stopping = false;
    events.onPublish = () => (stopping = true);
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 500, "batchSize": 8}' }));
    const job = jobRunFor(command, { ctx: { shuttingDown: () => stopping } });
    await expect(step.run(job, await preparedFor(command))).rejects.toBeInstanceOf(JobInterruptedError);
  });

  it('fails a job whose worker goes over the memory ceiling, once, saying what to lower', async () => {
    const { step, metrics } = stepWith(tightWorkers.pool);
    const command = buildTrainingCommand(
      trainingRequested({ modelType: 'mlp_classifier', paramsJson: '{"epochs": 3, "hiddenLayers": [32]}' }),
    );
    const failure = step.run(jobRunFor(command), await preparedFor(command));
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toThrow(/needed more than 16 MB of memory.*fewer or narrower hiddenLayers, or a smaller batchSize/);
    expect(metrics.fits.map((f) => f.ending)).toEqual(['memory']);
  });

  it('tries again on a fresh worker when its worker dies', async () => {
    const { step, metrics } = stepWith();
    const command = buildTrainingCommand(trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 30, "batchSize": 16}' }));
    killNextWorkerMidFit(workers.pool);
    const fitted = await step.run(jobRunFor(command), await preparedFor(command));
    fitted.model.dispose();
    expect(metrics.fits.map((f) => f.ending)).toEqual(['backend', 'done']);
    expect(fitted.outcome.epochsRun).toBe(30);
  });

  it(`fails the job after ${MAX_FIT_TRIES} tries when the backend fails every time`, async () => {
    const { step, metrics } = stepWith();
    const command = buildTrainingCommand(trainingRequested());
    const prepared = await preparedFor(command);
    // Rows that do not divide into the input width: TF.js refuses the tensor on every worker.
    const broken = { ...prepared, data: { ...prepared.data, inputDim: prepared.data.inputDim + 1 } };
    const failure = step.run(jobRunFor(command), broken);
    await expect(failure).rejects.toBeInstanceOf(FitWorkerFailedError);
    await expect(failure).rejects.toThrow(`failed ${MAX_FIT_TRIES} times in a row, a fresh one each time`);
    expect(metrics.fits.map((f) => f.ending)).toEqual(Array(MAX_FIT_TRIES).fill('backend'));
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
