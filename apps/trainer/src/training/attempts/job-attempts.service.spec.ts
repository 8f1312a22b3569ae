import { Logger } from '@nestjs/common';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { DatasetError } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { TrainerInstance } from '../../trainer-instance';
import { TAGS } from '../mlflow-run.recorder';
import { FakeEvents, FakeMlflow } from '../testing/trainer.fakes';
import { jobRunFor, trainingRequested } from '../testing/training-fixtures';
import { buildTrainingCommand } from '../training-command';
import { MAX_ATTEMPTS } from './attempt-plan';
import { JobAttempts } from './job-attempts.service';
import { JobCancelledError, JobInterruptedError } from './job-stop';

beforeAll(() => Logger.overrideLogger(false));

function attemptsWith() {
  const mlflow = new FakeMlflow();
  const events = new FakeEvents();
  const cancels = new CancellationRegistry();
  const attempts = new JobAttempts(mlflow.asRecorder(), events.asPublisher(), cancels, { id: 'trainer-b' } as TrainerInstance);
  const command = buildTrainingCommand(trainingRequested());
  return { mlflow, events, cancels, attempts, command };
}

describe('JobAttempts.open', () => {
  it('starts attempt 1 of a new job in the experiment of its model name, publishing nothing', async () => {
    const { attempts, command, events } = attemptsWith();
    expect(await attempts.open(command)).toEqual({ kind: 'attempt', experimentId: 'exp-churn', attempt: 1 });
    expect(events.published).toEqual([]);
  });

  it('cancels a job whose cancel arrived before it started, without touching MLflow', async () => {
    const { attempts, command, events, cancels, mlflow } = attemptsWith();
    cancels.mark(command.trackingId, 'changed my mind');
    mlflow.down = new DependencyUnavailableError('mlflow', 'down');
    expect(await attempts.open(command)).toEqual({ kind: 'ended', outcome: 'cancelled' });
    expect(events.of('TrainingCancelled')).toEqual([{ reason: 'changed my mind', stage: 'queued' }]);
  });

  it('takes over the run of a trainer that died: marks it interrupted by this instance and counts it', async () => {
    const { attempts, command, mlflow } = attemptsWith();
    const dead = mlflow.addEarlierRun(command.trackingId, 'churn', 'RUNNING');
    expect(await attempts.open(command)).toMatchObject({ kind: 'attempt', attempt: 2 });
    expect(dead.status).toBe('KILLED');
    expect(dead.tag(TAGS.outcome)).toBe('interrupted');
    expect(dead.tag(TAGS.error)).toBe('interrupted; taken over by trainer-b');
  });

  it('fails a job interrupted too often instead of trying again', async () => {
    const { attempts, command, mlflow, events } = attemptsWith();
    for (let i = 0; i < MAX_ATTEMPTS; i++) mlflow.addEarlierRun(command.trackingId, 'churn', 'KILLED', { [TAGS.outcome]: 'interrupted' });
    expect(await attempts.open(command)).toEqual({ kind: 'ended', outcome: 'failed' });
    const [failed] = events.of('TrainingFailed');
    expect(failed).toMatchObject({ stage: 'training', mlflowRunId: mlflow.runs[0].id });
    expect(failed.error).toMatch(/interrupted 4 times/);
  });

  it('publishes the outcome of a job that already completed again, with its result, and starts nothing', async () => {
    const { attempts, command, mlflow, events } = attemptsWith();
    const done = mlflow.addEarlierRun(command.trackingId, 'churn', 'FINISHED', { [TAGS.outcome]: 'completed', [TAGS.modelVersion]: '2' });
    await done.logMetrics({ accuracy: 0.93 });
    await done.uploadJson('result.json', { epochsRun: 3 });
    expect(await attempts.open(command)).toEqual({ kind: 'ended', outcome: 'completed' });
    expect(events.types()).toEqual(['TrainingCompleted']);
    expect(events.of('TrainingCompleted')[0]).toEqual({
      metrics: { accuracy: 0.93 },
      resultJson: '{"epochsRun":3}',
      mlflowRunId: done.id,
      modelName: 'churn',
      modelVersion: '2',
      modelId: 'models:/churn/2',
    });
    expect(mlflow.runs).toHaveLength(1);
  });

  it('throws when MLflow is down, so the request is retried', async () => {
    const { attempts, command, mlflow } = attemptsWith();
    mlflow.down = new DependencyUnavailableError('mlflow', 'MLflow could not be reached');
    await expect(attempts.open(command)).rejects.toBe(mlflow.down);
  });
});

describe('JobAttempts.end', () => {
  it('ends a cancelled attempt: run KILLED with the reason, TrainingCancelled at its stage', async () => {
    const { attempts, command, events } = attemptsWith();
    const job = jobRunFor(command);
    expect(await attempts.end(command, job.run, new JobCancelledError('user pressed stop'), 'training')).toBe('cancelled');
    expect(job.run.status).toBe('KILLED');
    expect(job.run.tag(TAGS.outcome)).toBe('cancelled');
    expect(job.run.tag(TAGS.cancelReason)).toBe('user pressed stop');
    expect(events.of('TrainingCancelled')).toEqual([{ reason: 'user pressed stop', stage: 'training' }]);
  });

  it.each([
    ['a shutdown', new JobInterruptedError('the trainer is shutting down')],
    ['a dependency that is down', new DependencyUnavailableError('object-store', 'S3 could not be reached')],
  ])('hands the request back on %s: the run is marked interrupted and the error thrown', async (_name, error) => {
    const { attempts, command, events } = attemptsWith();
    const job = jobRunFor(command);
    await expect(attempts.end(command, job.run, error, 'loading')).rejects.toBe(error);
    expect(job.run.status).toBe('KILLED');
    expect(job.run.tag(TAGS.outcome)).toBe('interrupted');
    expect(job.run.tag(TAGS.error)).toBe(error.message);
    expect(events.published).toEqual([]);
  });

  it('fails on bad data with its own words and the stage the data error names', async () => {
    const { attempts, command, events } = attemptsWith();
    const job = jobRunFor(command);
    const error = new DatasetError('The target column "label" has a single class ("yes").', 'preprocessing');
    expect(await attempts.end(command, job.run, error, 'training')).toBe('failed');
    expect(events.of('TrainingFailed')).toEqual([{ error: error.message, stage: 'preprocessing', mlflowRunId: job.run.id }]);
    expect(job.run.status).toBe('FAILED');
    expect(job.run.tag(TAGS.error)).toBe(error.message);
  });

  it('fails on a bug as an internal error to retry or report, at the stage it happened', async () => {
    const { attempts, command, events } = attemptsWith();
    const job = jobRunFor(command);
    expect(await attempts.end(command, job.run, new TypeError('x is undefined'), 'evaluating')).toBe('failed');
    const [failed] = events.of('TrainingFailed');
    expect(failed.stage).toBe('evaluating');
    expect(failed.error).toBe(
      'Internal error while evaluating: x is undefined. Retry the training; if it fails again, report it with the trackingId.',
    );
  });

  it('still fails the job when MLflow cannot record the failure', async () => {
    const { attempts, command, events } = attemptsWith();
    const job = jobRunFor(command);
    job.run.finish = async () => {
      throw new DependencyUnavailableError('mlflow', 'down');
    };
    expect(await attempts.end(command, job.run, new DatasetError('bad rows'), 'loading')).toBe('failed');
    expect(events.of('TrainingFailed')).toHaveLength(1);
  });
});
