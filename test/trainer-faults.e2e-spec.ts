/**
 * The trainer under faults, against the real stack: cancels (while training and before the job starts),
 * a trainer killed with SIGKILL mid-job and one stopped with SIGTERM mid-job (the job is taken over by
 * another instance and finished, never left running), and an undecodable request (dead-lettered while
 * the trainer carries on).
 *
 * Other trainer instances (other engineers' runs) may share the consumer group, so each job is keyed to
 * a partition that the test's own trainer owns.
 */
import { randomUUID } from 'node:crypto';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { TopicFollower } from '@modelstream/kafka';
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp } from './support/app-process';
import { expectType, TrainerHarness } from './support/trainer-harness';

jest.setTimeout(600_000);

interface TestTrainer {
  app: RunningApp;
  clientId: string;
}

/** A job that trains for a while: an MLP on 20k rows with small batches. */
function longJob(harness: TrainerHarness, trackingId: string, label: string, epochs: number) {
  const data = syntheticDataset({ relation: 'circle', rows: 20_000, seed: 5 });
  return harness.submit({
    trackingId,
    csv: data.csv,
    modelType: 'mlp_classifier',
    problemType: 'classification',
    params: { epochs, batchSize: 64, hiddenLayers: [64, 32], learningRate: 0.005 },
    modelName: harness.modelName(label),
    chunkBytes: 256 * 1024,
  });
}

const trainingEpochs = (harness: TrainerHarness, trackingId: string) =>
  harness.eventsOf(trackingId).filter((e) => e.type === 'TrainingProgress' && e.payload.stage === 'training');

const epochReached = (epoch: number) => (events: ReturnType<TrainerHarness['eventsOf']>) =>
  events.some((e) => e.type === 'TrainingProgress' && e.payload.epoch === epoch);

describe('trainer under faults', () => {
  const harness = new TrainerHarness();
  const trainers: TestTrainer[] = [];
  let port = 3110;
  const startTrainer = async (): Promise<TestTrainer> => {
    const clientId = `modelstream-trainer-e2e-${harness.runId}-${port}`;
    const app = await startApp('trainer', port++, { KAFKA_CLIENT_ID: clientId });
    const trainer = { app, clientId };
    trainers.push(trainer);
    return trainer;
  };
  const stopAll = () => Promise.all(trainers.map((t) => t.app.stop('SIGTERM')));

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await Promise.all(trainers.map((t) => t.app.stop('SIGKILL')));
    await harness.stop();
  });

  it('cancels a running job between batches and keeps serving', async () => {
    const trainer = await startTrainer();
    const { trackingId } = await longJob(harness, await harness.trackingIdFor(trainer.clientId), 'cancel-running', 400);
    await harness.waitFor(trackingId, epochReached(2), 120_000, 'epoch 2');
    const cancelledAt = Date.now();
    await harness.cancel(trackingId, 'user pressed stop');
    const { final, events } = await harness.final(trackingId, 60_000);
    const cancelled = expectType(final, 'TrainingCancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
    expect(cancelled.payload).toEqual({ reason: 'user pressed stop', stage: 'training' });
    expect(trainingEpochs(harness, trackingId).length).toBeLessThan(400);
    const started = expectType(events.filter((e) => e.type === 'TrainingStarted').at(-1)!, 'TrainingStarted');
    const run = await harness.mlflow.getRun(started.payload.mlflowRunId!);
    expect(run.info.status).toBe('KILLED');
    expect(run.data.tags?.find((t) => t.key === 'modelstream.outcome')?.value).toBe('cancelled');

    // The same trainer takes its next job and finishes it.
    const next = syntheticDataset({ relation: 'linear-binary', rows: 300, seed: 8 });
    const { trackingId: nextId } = await harness.submit({
      trackingId: await harness.trackingIdFor(trainer.clientId),
      csv: next.csv,
      modelType: 'logistic_regression',
      problemType: 'classification',
      modelName: harness.modelName('after-cancel'),
    });
    expectType((await harness.final(nextId)).final, 'TrainingCompleted');
    expect(trainer.app.process.exitCode).toBeNull();
  });

  it('cancels a job whose cancel arrived before it started', async () => {
    const trackingId = await harness.trackingIdFor(trainers[0].clientId);
    await harness.cancel(trackingId, 'changed my mind');
    const data = syntheticDataset({ relation: 'linear-binary', rows: 200, seed: 9 });
    await harness.submit({
      trackingId,
      csv: data.csv,
      modelType: 'logistic_regression',
      problemType: 'classification',
      modelName: harness.modelName('cancel-early'),
    });
    const { final, events } = await harness.final(trackingId, 60_000);
    expect(expectType(final, 'TrainingCancelled').payload).toEqual({ reason: 'changed my mind', stage: 'queued' });
    expect(events.some((e) => e.type === 'TrainingStarted')).toBe(false);
  });

  it('a cancel sent before a trainer instance started is still honoured by it', async () => {
    await stopAll();
    // One cancelled job per partition, all cancelled while no test trainer runs: whichever partitions the
    // fresh trainer gets, it consumes one of them.
    const ids = await Promise.all([0, 1, 2].map((p) => harness.trackingIdOn([p])));
    for (const id of ids) await harness.cancel(id, 'cancelled while no trainer ran');
    const trainer = await startTrainer();
    const owned = await harness.partitionsOf(trainer.clientId);
    const trackingId = ids[owned[0]];
    const data = syntheticDataset({ relation: 'linear-binary', rows: 200, seed: 10 });
    await harness.submit({
      trackingId,
      csv: data.csv,
      modelType: 'logistic_regression',
      problemType: 'classification',
      modelName: harness.modelName('cancel-offline'),
    });
    expect(expectType((await harness.final(trackingId, 90_000)).final, 'TrainingCancelled').payload.stage).toBe('queued');
  });

  it('keeps a job that outlives the session timeout, through a rebalance, on one instance (no eviction, no second delivery)', async () => {
    await stopAll();
    const first = await startTrainer();
    // Long enough to outlive the 30 s session timeout even on an idle machine (native TensorFlow trains
    // this net at ~10-20 epochs/s here: 1,000 epochs take about a minute or more).
    const { trackingId } = await longJob(harness, await harness.trackingIdFor(first.clientId), 'rebalance', 1000);
    await harness.waitFor(trackingId, epochReached(2), 120_000, 'epoch 2');
    // A second instance joins the group mid-job: the group rebalances while the first one trains.
    const second = await startTrainer();
    const { final, events } = await harness.final(trackingId, 400_000);
    expectType(final, 'TrainingCompleted');
    // The training ran past the 30 s session timeout, so heartbeats from the training loop kept the member.
    const starts = events.filter((e) => e.type === 'TrainingStarted');
    expect(Number(final.timestamp) - Number(starts[0].timestamp)).toBeGreaterThan(30_000);
    expect(starts).toHaveLength(1);
    expect(expectType(starts[0], 'TrainingStarted').payload.attempt).toBe(1);
    expect(first.app.output()).not.toMatch(/training interrupted/);
    // After the job, the group settles with both instances as members.
    expect(
      (await harness.partitionsOf(second.clientId)).length + (await harness.partitionsOf(first.clientId)).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it.each([['SIGKILL' as const], ['SIGTERM' as const]])(
    'a trainer stopped with %s mid-job hands the job to another instance, which finishes it',
    async (signal) => {
      await stopAll();
      const first = await startTrainer();
      const { trackingId, modelName } = await longJob(
        harness,
        await harness.trackingIdFor(first.clientId),
        `takeover-${signal.toLowerCase()}`,
        30,
      );
      await harness.waitFor(trackingId, epochReached(3), 120_000, 'epoch 3');
      const stoppedAt = Date.now();
      await first.app.stop(signal);
      if (signal === 'SIGTERM') {
        // Graceful: the job stops at its next batch, its run is closed and the request handed back at once.
        expect(Date.now() - stoppedAt).toBeLessThan(15_000);
        expect(first.app.output()).toContain('training interrupted; the request is handed back');
      }
      expect(harness.eventsOf(trackingId).some((e) => e.type === 'TrainingCompleted' || e.type === 'TrainingFailed')).toBe(false);

      await startTrainer();
      const { final, events } = await harness.final(trackingId, 300_000);
      const completed = expectType(final, 'TrainingCompleted');
      const starts = events.filter((e) => e.type === 'TrainingStarted').map((e) => expectType(e, 'TrainingStarted').payload);
      const finisher = starts.find((s) => s.mlflowRunId === completed.payload.mlflowRunId)!;
      expect(starts[0].attempt).toBe(1);
      expect(finisher.attempt).toBeGreaterThanOrEqual(2);
      expect(finisher.instanceId).not.toBe(starts[0].instanceId);
      expect(completed.payload.modelId).toBe(`models:/${modelName}/1`);
      // The first attempt's run is closed, not left RUNNING; no run of the job is left RUNNING.
      const firstTags = Object.fromEntries(
        ((await harness.mlflow.getRun(starts[0].mlflowRunId!)).data.tags ?? []).map((t) => [t.key, t.value]),
      );
      expect(firstTags['modelstream.outcome']).toBe('interrupted');
      // SIGTERM: the stopping trainer closed its own run; SIGKILL: the instance that took over did.
      expect(firstTags['modelstream.error']).toMatch(signal === 'SIGTERM' ? /shutting down/ : /taken over by/);
      const experiment = await harness.mlflow.getExperimentByName(modelName);
      const runs = await harness.mlflow.searchRuns([experiment!.experiment_id], `tags.\`modelstream.trackingId\` = '${trackingId}'`);
      expect(runs.map((r) => r.info.status).sort()).toEqual(['FINISHED', ...Array<string>(runs.length - 1).fill('KILLED')].sort());
      // Sequences keep growing across instances, so projections apply the later attempt's events.
      const sequences = events.map((e) => Number(e.sequence));
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    },
  );

  it('dead-letters an undecodable request and carries on', async () => {
    const alive = (t: TestTrainer) => t.app.process.exitCode === null && t.app.process.signalCode === null;
    if (!trainers.some(alive)) await startTrainer();
    const trainer = trainers.find(alive)!;
    const key = `garbage-${randomUUID()}`;
    let found!: (headers: Record<string, string>) => void;
    const dead = new Promise<Record<string, string>>((resolve) => (found = resolve));
    const letters = new TopicFollower(harness.kafka, {
      topics: [TOPICS.deadLetters.name],
      from: 'end',
      onMessage: ({ message }) => {
        if (message.key?.toString() === key && message.headers?.[DLQ_HEADERS.group]?.toString() === 'modelstream-trainer') {
          found(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
        }
      },
    });
    await letters.start();
    await harness.kafka.send(TOPICS.trainingRequests.name, [{ key, value: Buffer.from('this is not avro') }]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no trainer dead-lettered it')), 60_000)));
    const headers = await Promise.race([dead, timeout]).finally(() => clearTimeout(timer));
    await letters.stop();
    expect(headers[DLQ_HEADERS.topic]).toBe(TOPICS.trainingRequests.name);
    expect(headers[DLQ_HEADERS.error]).toMatch(/decode/i);

    const data = syntheticDataset({ relation: 'linear-regression', rows: 300, seed: 12 });
    const { trackingId } = await harness.submit({
      trackingId: await harness.trackingIdFor(trainer.clientId),
      csv: data.csv,
      modelType: 'linear_regression',
      problemType: 'regression',
      modelName: harness.modelName('after-dlq'),
    });
    expectType((await harness.final(trackingId)).final, 'TrainingCompleted');
  });
});
