import { Logger } from '@nestjs/common';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { initBackend, tf } from '@modelstream/ml';
import { CancellationRegistry } from '../control/cancellation.registry';
import { TrainerInstance } from '../trainer-instance';
import { JobAttempts } from './attempts/job-attempts.service';
import { TAGS } from './mlflow-run.recorder';
import { EvaluateModelStep } from './steps/evaluate-model.step';
import { FitModelStep } from './steps/fit-model.step';
import { LoadDatasetStep } from './steps/load-dataset.step';
import { PrepareDatasetStep } from './steps/prepare-dataset.step';
import { RegisterModelStep } from './steps/register-model.step';
import { testFitWorkers } from './testing/fit-workers';
import { FakeDatasetReader, FakeEvents, FakeMlflow, FakeTrainerMetrics } from './testing/trainer.fakes';
import { tinyCsv, trainingRequested } from './testing/training-fixtures';
import { JobContext, JobInterruptedError, TrainingJobService } from './training-job.service';

jest.setTimeout(60_000);

const workers = testFitWorkers();
afterAll(workers.shutDown);

/** The service over in-memory MLflow, events and object store; `stopping` flips the app's shutdown flag. */
function trainerWith(source: string | Error = tinyCsv()) {
  const events = new FakeEvents();
  const mlflow = new FakeMlflow();
  const reader = new FakeDatasetReader(source);
  const metrics = new FakeTrainerMetrics();
  const cancels = new CancellationRegistry();
  const instance = { id: 'trainer-a' } as TrainerInstance;
  const publisher = events.asPublisher();
  const service = new TrainingJobService(
    new JobAttempts(mlflow.asRecorder(), publisher, cancels, instance),
    mlflow.asRecorder(),
    cancels,
    instance,
    metrics.asMetrics(),
    new LoadDatasetStep(publisher, reader.asReader()),
    new PrepareDatasetStep(publisher),
    new FitModelStep(publisher, metrics.asMetrics(), workers.pool),
    new EvaluateModelStep(publisher),
    new RegisterModelStep(publisher, mlflow.asRecorder()),
    workers.pool,
  );
  const state = { stopping: false };
  const ctx: JobContext = { heartbeat: async () => undefined, shuttingDown: () => state.stopping };
  return { service, events, mlflow, reader, metrics, cancels, ctx, state };
}

const stages = (events: FakeEvents) => [...new Set(events.of('TrainingProgress').map((p) => p.stage))];

describe('TrainingJobService', () => {
  beforeAll(async () => {
    Logger.overrideLogger(false);
    await initBackend(['wasm', 'cpu']);
  });

  it('trains a job to completion: started, every stage and epoch, a registered version, no tensor left', async () => {
    const { service, events, mlflow, metrics, ctx } = trainerWith();
    const tensors = tf.memory().numTensors;
    expect(await service.run(trainingRequested(), ctx)).toBe('completed');

    expect(events.types()[0]).toBe('TrainingProgress');
    expect(events.types().at(-1)).toBe('TrainingCompleted');
    expect(events.of('TrainingStarted')).toHaveLength(1);
    expect(stages(events)).toEqual(['loading', 'preprocessing', 'training', 'evaluating', 'registering']);
    expect(
      events
        .of('TrainingProgress')
        .filter((p) => p.stage === 'training')
        .map((p) => p.epoch),
    ).toEqual([1, 2, 3]);
    const [completed] = events.of('TrainingCompleted');
    expect(completed).toMatchObject({ modelName: 'churn', modelVersion: '1', modelId: 'models:/churn/1', mlflowRunId: 'run-1' });
    expect(completed.metrics.accuracy).toBeGreaterThan(0.6);
    expect(mlflow.runs[0].status).toBe('FINISHED');
    expect(metrics.jobs).toEqual(['completed']);
    expect(metrics.busy).toBe(false);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('fails a job on bad data with the reason, the stage and its run', async () => {
    const singleClass = `x,label\n${Array.from({ length: 40 }, (_, i) => `${i},only`).join('\n')}`;
    const { service, events, mlflow, metrics, ctx } = trainerWith(singleClass);
    expect(await service.run(trainingRequested({ target: 'label' }), ctx)).toBe('failed');
    const [failed] = events.of('TrainingFailed');
    expect(failed).toMatchObject({ stage: 'preprocessing', mlflowRunId: 'run-1' });
    expect(failed.error).toMatch(/single class \("only"\)/);
    expect(mlflow.runs[0].status).toBe('FAILED');
    expect(mlflow.runs[0].tag(TAGS.error)).toBe(failed.error);
    expect(metrics.jobs).toEqual(['failed']);
  });

  it('fails bad settings without reading the data or starting a run', async () => {
    const { service, events, mlflow, reader, ctx } = trainerWith();
    expect(await service.run(trainingRequested({ paramsJson: '{"epochs": 0}' }), ctx)).toBe('failed');
    expect(events.of('TrainingFailed')).toEqual([
      {
        error: expect.stringMatching(/^The training settings are invalid: .*epochs must be between 1 and 1000/),
        stage: 'loading',
        mlflowRunId: null,
      },
    ]);
    expect(mlflow.runs).toEqual([]);
    expect(reader.reads).toBe(0);
  });

  it('cancels a job during the fit, between epochs', async () => {
    const { service, events, mlflow, cancels, ctx } = trainerWith();
    const event = trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 200, "batchSize": 16}' });
    events.onPublish = (e) => {
      if (e.type === 'TrainingProgress' && e.payload.epoch === 2) cancels.mark(event.trackingId, 'user pressed stop');
    };
    expect(await service.run(event, ctx)).toBe('cancelled');
    expect(events.of('TrainingCancelled')).toEqual([{ reason: 'user pressed stop', stage: 'training' }]);
    expect(events.of('TrainingProgress').filter((p) => p.stage === 'training')).toHaveLength(2);
    expect(mlflow.runs[0].status).toBe('KILLED');
    expect(mlflow.runs[0].tag(TAGS.outcome)).toBe('cancelled');
  });

  it('throws when a dependency is down, leaving the run as an interrupted attempt and no final event', async () => {
    const down = new DependencyUnavailableError('object-store', 'The object store could not be reached.');
    const { service, events, mlflow, metrics, ctx } = trainerWith(down);
    await expect(service.run(trainingRequested(), ctx)).rejects.toBe(down);
    expect(events.types()).toEqual(['TrainingProgress']);
    expect(mlflow.runs[0].tag(TAGS.outcome)).toBe('interrupted');
    expect(metrics.jobs).toEqual([]);
    expect(metrics.busy).toBe(false);
  });

  it('hands the job back on shutdown, and the next delivery takes it over as attempt 2', async () => {
    const { service, events, mlflow, ctx, state } = trainerWith();
    const event = trainingRequested({ paramsJson: '{"solver": "adam", "epochs": 200, "batchSize": 16}' });
    events.onPublish = (e) => {
      if (e.type === 'TrainingProgress' && e.payload.epoch === 1) state.stopping = true;
    };
    await expect(service.run(event, ctx)).rejects.toBeInstanceOf(JobInterruptedError);
    expect(mlflow.runs[0].tag(TAGS.outcome)).toBe('interrupted');
    expect(mlflow.runs[0].tag(TAGS.error)).toBe('the trainer is shutting down');
    expect(events.types()).not.toContain('TrainingCancelled');

    state.stopping = false;
    events.onPublish = () => undefined;
    event.payload.paramsJson = '{"solver": "adam", "epochs": 2}';
    expect(await service.run(event, ctx)).toBe('completed');
    expect(events.of('TrainingStarted').map((s) => s.attempt)).toEqual([1, 2]);
  });

  it('replays the outcome of a redelivered finished job without training it again', async () => {
    const { service, events, mlflow, reader, ctx } = trainerWith();
    const event = trainingRequested();
    expect(await service.run(event, ctx)).toBe('completed');
    const [first] = events.of('TrainingCompleted');
    const published = events.published.length;

    expect(await service.run(event, ctx)).toBe('completed');
    expect(events.published.slice(published).map((e) => e.type)).toEqual(['TrainingCompleted']);
    const [, again] = events.of('TrainingCompleted');
    expect(again).toEqual({ ...first, metrics: expect.objectContaining({ accuracy: first.metrics.accuracy }) });
    expect(reader.reads).toBe(1);
    expect(mlflow.versions).toHaveLength(1);
  });
});
