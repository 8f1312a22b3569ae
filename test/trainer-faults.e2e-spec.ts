/**
 * The trainer under faults, against the real stack: cancels (while training and before the job starts),
 * a trainer killed with SIGKILL mid-job and one stopped with SIGTERM mid-job (the job is taken over by
 * another instance and finished, never left running), and an undecodable request (dead-lettered while
 * the trainer carries on).
 */
import { randomUUID } from 'node:crypto';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp } from './support/app-process';
import { expectType, TrainerHarness } from './support/trainer-harness';

jest.setTimeout(600_000);

/** A job that trains for a while: an MLP on 20k rows with small batches and many epochs. */
function longJob(harness: TrainerHarness, label: string, epochs: number) {
  const data = syntheticDataset({ relation: 'circle', rows: 20_000, seed: 5 });
  return harness.submit({
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

describe('trainer under faults', () => {
  const harness = new TrainerHarness();
  const trainers: RunningApp[] = [];
  let port = 3110;
  const startTrainer = async () => {
    const app = await startApp('trainer', port++, { KAFKA_CLIENT_ID: `modelstream-trainer-e2e-${harness.runId}` });
    trainers.push(app);
    return app;
  };

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await Promise.all(trainers.map((t) => t.stop('SIGKILL')));
    await harness.stop();
  });

  it('cancels a running job between batches and keeps serving', async () => {
    const trainer = await startTrainer();
    const { trackingId } = await longJob(harness, 'cancel-running', 400);
    await harness.waitFor(trackingId, (es) => es.some((e) => e.type === 'TrainingProgress' && e.payload.epoch === 2), 120_000, 'epoch 2');
    const cancelledAt = Date.now();
    await harness.cancel(trackingId, 'user pressed stop');
    const { final, events } = await harness.final(trackingId, 60_000);
    const cancelled = expectType(final, 'TrainingCancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
    expect(cancelled.payload).toEqual({ reason: 'user pressed stop', stage: 'training' });
    expect(trainingEpochs(harness, trackingId).length).toBeLessThan(400);
    const started = expectType(
      events.find((e) => e.type === 'TrainingStarted')!,
      'TrainingStarted',
    );
    const run = await harness.mlflow.getRun(started.payload.mlflowRunId!);
    expect(run.info.status).toBe('KILLED');
    expect(run.data.tags?.find((t) => t.key === 'modelstream.outcome')?.value).toBe('cancelled');

    // The same trainer takes the next job and finishes it.
    const next = syntheticDataset({ relation: 'linear-binary', rows: 300, seed: 8 });
    const { trackingId: nextId } = await harness.submit({
      csv: next.csv,
      modelType: 'logistic_regression',
      problemType: 'classification',
      modelName: harness.modelName('after-cancel'),
    });
    expectType((await harness.final(nextId)).final, 'TrainingCompleted');
    expect(trainer.process.exitCode).toBeNull();
  });

  it('cancels a job whose cancel arrived before it started', async () => {
    const trackingId = randomUUID();
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
    // Stop every trainer, cancel, then start a fresh instance: it reads the control topic from the start.
    await Promise.all(trainers.map((t) => t.stop('SIGTERM')));
    const trackingId = randomUUID();
    await harness.cancel(trackingId, 'cancelled while no trainer ran');
    const data = syntheticDataset({ relation: 'linear-binary', rows: 200, seed: 10 });
    await harness.submit({
      trackingId,
      csv: data.csv,
      modelType: 'logistic_regression',
      problemType: 'classification',
      modelName: harness.modelName('cancel-offline'),
    });
    await startTrainer();
    expect(expectType((await harness.final(trackingId, 90_000)).final, 'TrainingCancelled').payload.stage).toBe('queued');
  });

  it.each([['SIGKILL' as const], ['SIGTERM' as const]])(
    'a trainer stopped with %s mid-job hands the job to another instance, which finishes it',
    async (signal) => {
      await Promise.all(trainers.map((t) => t.stop('SIGTERM')));
      const first = await startTrainer();
      const { trackingId, modelName } = await longJob(harness, `takeover-${signal.toLowerCase()}`, 30);
      await harness.waitFor(trackingId, (es) => es.some((e) => e.type === 'TrainingProgress' && e.payload.epoch === 3), 120_000, 'epoch 3');
      const stoppedAt = Date.now();
      await first.stop(signal);
      if (signal === 'SIGTERM') {
        // Graceful: the job stops at its next batch, its run is closed and the request handed back at once.
        expect(Date.now() - stoppedAt).toBeLessThan(15_000);
        expect(first.output()).toContain('training interrupted; the request is handed back');
      }
      expect(harness.eventsOf(trackingId).some((e) => e.type === 'TrainingCompleted' || e.type === 'TrainingFailed')).toBe(false);

      await startTrainer();
      const { final, events } = await harness.final(trackingId, 300_000);
      const completed = expectType(final, 'TrainingCompleted');
      const starts = events.filter((e) => e.type === 'TrainingStarted').map((e) => expectType(e, 'TrainingStarted').payload);
      expect(starts.map((s) => s.attempt)).toEqual([1, 2]);
      expect(starts[1].instanceId).not.toBe(starts[0].instanceId);
      expect(completed.payload.mlflowRunId).toBe(starts[1].mlflowRunId);
      expect(completed.payload.modelId).toBe(`models:/${modelName}/1`);
      // The first attempt's run is closed, not left RUNNING; the second one finished.
      const firstRun = await harness.mlflow.getRun(starts[0].mlflowRunId!);
      expect(firstRun.info.status).toBe('KILLED');
      const firstTags = Object.fromEntries((firstRun.data.tags ?? []).map((t) => [t.key, t.value]));
      expect(firstTags['modelstream.outcome']).toBe('interrupted');
      // SIGTERM: the stopping trainer closed its own run; SIGKILL: the instance that took over did.
      expect(firstTags['modelstream.error']).toMatch(signal === 'SIGTERM' ? /shutting down/ : /taken over by/);
      expect((await harness.mlflow.getRun(completed.payload.mlflowRunId)).info.status).toBe('FINISHED');
      // Sequences keep growing across the two instances, so projections apply the second attempt.
      const sequences = events.map((e) => Number(e.sequence));
      expect(
        Math.min(
          ...sequences.slice(
            sequences.indexOf(Number(events.find((e) => e.type === 'TrainingStarted' && e.payload.attempt === 2)!.sequence)),
          ),
        ),
      ).toBeGreaterThan(
        Math.max(
          ...events
            .filter((e) => e.type !== 'TrainingCompleted')
            .slice(0, 3)
            .map((e) => Number(e.sequence)),
        ),
      );
    },
  );

  it('dead-letters an undecodable request and carries on', async () => {
    if (!trainers.some((t) => t.process.exitCode === null)) await startTrainer();
    const admin = await harness.kafka.getAdmin();
    const before = await admin.fetchTopicOffsets(TOPICS.deadLetters.name);
    const key = `garbage-${randomUUID()}`;
    await harness.kafka.send(TOPICS.trainingRequests.name, [{ key, value: Buffer.from('this is not avro') }]);
    const consumer = harness.kafka.kafka.consumer({ groupId: `trainer-e2e-dlq-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.deadLetters.name, fromBeginning: true });
    const found = new Promise<Record<string, string>>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() === key && message.headers?.[DLQ_HEADERS.group]?.toString() === 'modelstream-trainer') {
            resolve(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])));
          }
        },
      });
    });
    for (const p of before) consumer.seek({ topic: TOPICS.deadLetters.name, partition: p.partition, offset: p.high });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('the trainer dead-lettered nothing')), 60_000)),
    );
    const headers = await Promise.race([found, timeout]).finally(() => clearTimeout(timer));
    await consumer.disconnect();
    expect(headers[DLQ_HEADERS.topic]).toBe(TOPICS.trainingRequests.name);
    expect(headers[DLQ_HEADERS.group]).toBe('modelstream-trainer');
    expect(headers[DLQ_HEADERS.error]).toMatch(/decode/i);

    const data = syntheticDataset({ relation: 'linear-regression', rows: 300, seed: 12 });
    const { trackingId } = await harness.submit({
      csv: data.csv,
      modelType: 'linear_regression',
      problemType: 'regression',
      modelName: harness.modelName('after-dlq'),
    });
    expectType((await harness.final(trackingId)).final, 'TrainingCompleted');
  });
});
