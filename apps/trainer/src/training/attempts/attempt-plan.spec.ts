import { FakeMlflow } from '../testing/trainer.fakes';
import { TAGS } from '../mlflow-run.recorder';
import { abandonedRuns, endedRun, interruptedTooOften, MAX_ATTEMPTS, planAttempt } from './attempt-plan';

const runsOf = (mlflow: FakeMlflow) => mlflow.runs.map((r) => r.mlflowRun);

describe('planAttempt', () => {
  it('starts attempt 1 of a job never seen', () => {
    expect(planAttempt([], 'churn')).toEqual({ kind: 'start', attempt: 1 });
  });

  it('counts the interrupted attempts and takes over the runs a dead trainer left RUNNING', () => {
    const mlflow = new FakeMlflow();
    mlflow.addEarlierRun('job-1', 'churn', 'KILLED', { [TAGS.outcome]: 'interrupted' });
    const dead = mlflow.addEarlierRun('job-1', 'churn', 'RUNNING');
    expect(planAttempt(runsOf(mlflow), 'churn')).toEqual({ kind: 'start', attempt: 3 });
    expect(abandonedRuns(runsOf(mlflow))).toEqual([dead.mlflowRun]);
  });

  it(`gives up after ${MAX_ATTEMPTS} interrupted attempts, naming the first run`, () => {
    const mlflow = new FakeMlflow();
    for (let i = 0; i < MAX_ATTEMPTS; i++) mlflow.addEarlierRun('job-1', 'churn', 'KILLED', { [TAGS.outcome]: 'interrupted' });
    expect(planAttempt(runsOf(mlflow), 'churn')).toEqual({ kind: 'give-up', interrupted: MAX_ATTEMPTS, firstRunId: mlflow.runs[0].id });
    expect(interruptedTooOften(MAX_ATTEMPTS)).toMatch(/interrupted 4 times before it could finish.*Try a smaller file/);
  });

  it('replays a run that ended, even after interrupted ones and past the attempt bound', () => {
    const mlflow = new FakeMlflow();
    for (let i = 0; i < MAX_ATTEMPTS; i++) mlflow.addEarlierRun('job-1', 'churn', 'KILLED', { [TAGS.outcome]: 'interrupted' });
    const done = mlflow.addEarlierRun('job-1', 'churn', 'FAILED', {
      [TAGS.outcome]: 'failed',
      [TAGS.error]: 'bad data',
      [TAGS.stage]: 'preprocessing',
    });
    const plan = planAttempt(runsOf(mlflow), 'churn');
    expect(plan).toMatchObject({ kind: 'replay', run: done.mlflowRun, ended: { outcome: 'failed' } });
  });
});

describe('endedRun', () => {
  it('rebuilds a completed run as its TrainingCompleted, with the final metrics only', () => {
    const mlflow = new FakeMlflow();
    const run = mlflow.addEarlierRun('job-1', 'churn', 'FINISHED', { [TAGS.outcome]: 'completed', [TAGS.modelVersion]: '4' });
    run.mlflowRun.data.metrics = [
      { key: 'accuracy', value: 0.9, step: 0, timestamp: 0 },
      { key: 'val_loss', value: 0.3, step: 5, timestamp: 0 },
    ];
    expect(endedRun(run.mlflowRun, 'churn')).toEqual({
      outcome: 'completed',
      runId: run.id,
      event: { metrics: { accuracy: 0.9 }, mlflowRunId: run.id, modelName: 'churn', modelVersion: '4', modelId: 'models:/churn/4' },
    });
  });

  it('rebuilds failed and cancelled runs from their tags', () => {
    const mlflow = new FakeMlflow();
    const failed = mlflow.addEarlierRun('job-1', 'churn', 'FAILED', {
      [TAGS.outcome]: 'failed',
      [TAGS.error]: 'bad data',
      [TAGS.stage]: 'preprocessing',
    });
    const cancelled = mlflow.addEarlierRun('job-2', 'churn', 'KILLED', {
      [TAGS.outcome]: 'cancelled',
      [TAGS.cancelReason]: 'user pressed stop',
      [TAGS.stage]: 'training',
    });
    expect(endedRun(failed.mlflowRun, 'churn')?.event).toEqual({ error: 'bad data', stage: 'preprocessing', mlflowRunId: failed.id });
    expect(endedRun(cancelled.mlflowRun, 'churn')?.event).toEqual({ reason: 'user pressed stop', stage: 'training' });
  });

  it('sees no outcome in a running or interrupted run', () => {
    const mlflow = new FakeMlflow();
    expect(endedRun(mlflow.addEarlierRun('job-1', 'churn', 'RUNNING').mlflowRun, 'churn')).toBeNull();
    expect(endedRun(mlflow.addEarlierRun('job-1', 'churn', 'KILLED', { [TAGS.outcome]: 'interrupted' }).mlflowRun, 'churn')).toBeNull();
  });
});
