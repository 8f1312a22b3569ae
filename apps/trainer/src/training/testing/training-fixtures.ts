/**
 * Test data for the trainer's unit specs: TrainingRequested events, a tiny learnable CSV, the JobRun the
 * steps receive, and a job taken through load, prepare and fit with real TF.js for the later steps.
 */
import { createHash } from 'node:crypto';
import { TrainingRequested } from '@modelstream/contracts';
import { fitFamily, initBackend, prepareDataset, readCsvTable, syntheticDataset } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobContext, jobStop } from '../attempts/job-stop';
import type { LoadedDataset } from '../dataset.reader';
import { FittedModel, loopOptions } from '../steps/fit-model.step';
import type { JobRun } from '../steps/job-run';
import { buildTrainingCommand, TrainingCommand, TrainingRequestedEvent } from '../training-command';
import { FakeTrainingRun } from './trainer.fakes';

/** A small, learnable binary dataset ("label" = yes/no from x0..x2). */
export function tinyCsv(rows = 160): string {
  return syntheticDataset({ relation: 'linear-binary', rows, features: 3, seed: 7 }).csv;
}

let sequence = 0;

/** A TrainingRequested event for a CSV; settings override the defaults (logistic regression, 3 epochs). */
export function trainingRequested(overrides: Partial<TrainingRequested> = {}, trackingId = `job-${++sequence}`): TrainingRequestedEvent {
  return {
    type: 'TrainingRequested',
    eventId: `event-${sequence}`,
    trackingId,
    ownerId: 'legacy',
    sequence: 1,
    timestamp: 0,
    producer: 'unit-test',
    payload: {
      filename: 'data.csv',
      modelName: 'churn',
      modelType: 'logistic_regression',
      problemType: 'classification',
      target: syntheticDataset({ relation: 'linear-binary', rows: 1 }).target,
      paramsJson: JSON.stringify({ solver: 'adam', epochs: 3, batchSize: 32, learningRate: 0.1 }),
      dataset: { bucket: 'uploads', objectKeys: ['k/0'], size: 1, sha256: '', columns: [], datasetId: null },
      sweepId: null,
      ...overrides,
    },
  };
}

/** The JobRun steps receive, on a fresh fake run; `ctx` and `cancels` steer its stop signals. */
export function jobRunFor(
  command: TrainingCommand,
  options: { ctx?: Partial<JobContext>; cancels?: CancellationRegistry; attempt?: number } = {},
): JobRun & { run: FakeTrainingRun } {
  const ctx: JobContext = { heartbeat: async () => undefined, shuttingDown: () => false, ...options.ctx };
  const run = new FakeTrainingRun({
    info: {
      run_id: 'run-under-test',
      experiment_id: 'exp',
      status: 'RUNNING',
      artifact_uri: 'mlflow-artifacts:/exp/run-under-test/artifacts',
    },
    data: { tags: [], metrics: [] },
  });
  return {
    command,
    attempt: options.attempt ?? 1,
    backend: 'wasm',
    instanceId: 'trainer-under-test',
    run,
    stop: jobStop(command.trackingId, ctx, options.cancels ?? new CancellationRegistry()),
    startedAt: Date.now(),
  };
}

/** A job taken through load, prepare and fit on a tiny dataset (real TF.js, WASM or CPU). */
export async function fittedJob(rows = 160) {
  await initBackend(['wasm', 'cpu']);
  const command = buildTrainingCommand(trainingRequested());
  const job = jobRunFor(command);
  const bytes = Buffer.from(tinyCsv(rows));
  const loaded: LoadedDataset = {
    table: await readCsvTable(
      (async function* () {
        yield bytes;
      })(),
    ),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  const prepared = prepareDataset(loaded.table, {
    target: command.target,
    problemType: command.problemType,
    validationSplit: command.schedule.validationSplit,
    seed: command.schedule.seed,
  });
  const started = performance.now();
  const fit = await fitFamily(command.modelType, command.params, prepared.data, loopOptions(command));
  const fitted: FittedModel = { ...fit, trainingSeconds: (performance.now() - started) / 1000, peakRssBytes: 300 * 1024 * 1024 };
  return { command, job, loaded, prepared, fitted };
}
