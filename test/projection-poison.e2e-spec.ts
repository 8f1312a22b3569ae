/**
 * Poison events in the job topics, end to end: an event the history cannot store (a value longer than its
 * column), one that breaks a constraint (a file of zero chunks), and a message that is not Avro at all. The
 * live projectors of a running ingest app dead-letter each at once (attempt 1, provenance in the headers)
 * and the events after it — same key, same partition — land in both views within seconds; a replay reports
 * each, skips it and finishes. And a real upload of a ~10,000-column CSV keeps all its columns in history.
 */
import { DLQ_HEADERS, SequenceClock, TOPICS, TopicKey } from '@modelstream/contracts';
import { flushStatusKeys, replayJobTopics } from '@modelstream/ingest-ops';
import { RunningApp } from './support/app-process';
import { JobEvent } from './support/history-events';
import {
  deleteGroup,
  getJson,
  harness,
  historyGroupOf,
  HistoryHarness,
  historySnapshot,
  runId,
  startIngest,
  testDatabase,
  TestDatabase,
} from './support/history-harness';
import { jobViews } from './support/history-views';
import { chunksOf, uploadFile } from './support/ingest-client';
import { eventually } from './support/stack';

jest.setTimeout(240_000);

const run = runId();
const prefix = `poison-${run}`;
const ids = { long: `${prefix}-long`, check: `${prefix}-check`, raw: `${prefix}-raw`, warm: `${prefix}-warm` };
const clock = new SequenceClock();

interface Letter {
  origin: { topic: string; partition: number; offset: string };
  consumerGroup: string;
  error: string;
  key: string;
  headers: Record<string, string>;
}

describe('poison events in the job topics', () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let rebuilt: TestDatabase | undefined;
  let app: RunningApp;
  const replayPrefix = `${process.env.REDIS_KEY_PREFIX ?? ''}${prefix}-replay:`;
  const poisons: Record<'long' | 'check' | 'raw', { topic: string; partition: number; offset: string }> = {} as never;

  const publish = async (topic: TopicKey, event: Omit<JobEvent, 'eventId' | 'timestamp' | 'producer' | 'sequence' | 'ownerId'>) => {
    const { metadata } = await h.publisher.publish(TOPICS[topic], { ...event, ownerId: 'legacy', sequence: clock.next() } as never);
    return { topic: TOPICS[topic].name, partition: metadata.partition, offset: String(metadata.baseOffset) };
  };
  const chunk = (trackingId: string, chunkIndex: number, totalChunks: number) =>
    publish('uploadChunks', {
      trackingId,
      type: 'UploadChunkReceived',
      payload: { filename: 'p.csv', chunkIndex, totalChunks, bucket: 'b', objectKey: `k${chunkIndex}`, size: 1, sha256: 's' },
    });

  beforeAll(async () => {
    h = harness();
    db = await testDatabase(h.config, 'poison');
    app = await startIngest(3174, db.name);
    // Both projectors consume before the clock of "within seconds" starts.
    await chunk(ids.warm, 0, 1);
    const warm = await eventually(async () => {
      const v = await jobViews(app.url, ids.warm);
      return !!v.status && !!v.history;
    }, 120_000);
    if (!warm) throw new Error(`the projectors did not start:\n${app.output().slice(-3000)}`);
  });

  afterAll(async () => {
    await app?.stop();
    if (db) await deleteGroup(h.kafka, historyGroupOf(db.name));
    await flushStatusKeys(h.redis, replayPrefix).catch(() => undefined);
    await Promise.allSettled([db?.drop(), rebuilt?.drop()]);
    await h?.close();
  });

  it('dead-letters each poison at once and projects the events after it within seconds, in both views', async () => {
    const started = Date.now();
    // Longer than model_type (varchar(64)): MariaDB refuses it (errno 1406); Redis has no such limit.
    poisons.long = await publish('trainingEvents', {
      trackingId: ids.long,
      type: 'TrainingStarted',
      payload: {
        modelType: 'm'.repeat(300),
        paramsJson: '{}',
        backend: 'cpu',
        instanceId: 'i',
        attempt: 1,
        mlflowRunId: null,
        columnsJson: '{}',
      },
    });
    await publish('trainingEvents', {
      trackingId: ids.long,
      type: 'TrainingProgress',
      payload: { stage: 'training', progress: 50, epoch: 1, epochs: 2, loss: 0.5, metrics: {} },
    });
    await publish('trainingEvents', {
      trackingId: ids.long,
      type: 'TrainingCompleted',
      payload: {
        metrics: { accuracy: 0.9 },
        resultJson: '{}',
        mlflowRunId: 'r',
        modelName: 'm',
        modelVersion: '1',
        modelId: 'models:/m/1',
      },
    });
    // A file of zero chunks breaks ck_training_jobs_total_chunks (errno 4025).
    poisons.check = await chunk(ids.check, 0, 0);
    await chunk(ids.check, 0, 2);
    await chunk(ids.check, 1, 2);
    // Raw bytes without the Avro magic byte, between a chunk and a cancel request of the same job.
    await chunk(ids.raw, 0, 3);
    const [sent] = await h.kafka.send(TOPICS.trainingControl.name, [{ key: ids.raw, value: Buffer.from('not avro at all') }]);
    poisons.raw = { topic: TOPICS.trainingControl.name, partition: sent.partition, offset: String(sent.baseOffset) };
    await publish('trainingControl', {
      trackingId: ids.raw,
      type: 'TrainingCancelRequested',
      payload: { reason: 'after the poison', requestedBy: '' },
    });

    const landed = await eventually(async () => {
      const [long, check, raw] = await Promise.all([jobViews(app.url, ids.long), jobViews(app.url, ids.check), jobViews(app.url, ids.raw)]);
      return (
        long.status?.status === 'completed' &&
        long.history?.status === 'completed' &&
        check.status?.totalChunks === 2 &&
        check.history?.upload.receivedChunks === 2 &&
        check.history?.upload.totalChunks === 2 &&
        raw.status?.status === 'cancelled' &&
        raw.history?.status === 'cancelled'
      );
    }, 60_000);
    expect(landed).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    const long = await jobViews(app.url, ids.long);
    expect(long.history).toMatchObject({ status: 'completed', progress: 100, stage: 'done', modelId: 'models:/m/1', modelType: null });
    expect(long.status).toMatchObject({
      status: 'completed',
      progress: 100,
      stage: 'done',
      modelId: 'models:/m/1',
      modelType: 'm'.repeat(300),
    });

    const group = historyGroupOf(db.name);
    let letters: Letter[] = [];
    const found = await eventually(
      async () => {
        letters = (await getJson<{ items: Letter[] }>(`${app.url}/api/dead-letters?consumerGroup=${group}`)).body.items;
        return Object.values(poisons).every((p) => letters.some((l) => same(l.origin, p)));
      },
      30_000,
      1000,
    );
    expect(found).toBe(true);
    const letterOf = (p: (typeof poisons)['long']) => letters.find((l) => same(l.origin, p))!;
    for (const [kind, errorText] of [
      ['long', /1406|too long/i],
      ['check', /4025|constraint/i],
      ['raw', /decode|magic/i],
    ] as const) {
      const letter = letterOf(poisons[kind]);
      expect({ kind, key: letter.key, error: letter.error }).toEqual({ kind, key: ids[kind], error: expect.stringMatching(errorText) });
      expect(letter.headers).toMatchObject({
        [DLQ_HEADERS.topic]: poisons[kind].topic,
        [DLQ_HEADERS.partition]: String(poisons[kind].partition),
        [DLQ_HEADERS.offset]: poisons[kind].offset,
        [DLQ_HEADERS.group]: group,
        [DLQ_HEADERS.attempts]: '1', // at once: no retry can fix it
      });
      expect(letter.headers[DLQ_HEADERS.failedAt]).toBeTruthy();
    }
  });

  it('replay reports each poison, skips it and finishes with the events after it', async () => {
    rebuilt = await testDatabase(h.config, 'poisonreplay');
    const result = await replayJobTopics({
      kafka: h.kafka,
      codec: h.codec,
      redis: { client: h.redis, prefix: replayPrefix },
      database: rebuilt.ds,
      trackingIdPrefix: prefix,
    });
    expect(result).toMatchObject({ undecodable: 1, rejected: 2 });
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.key, s]));
    for (const kind of ['long', 'check', 'raw'] as const) {
      expect(skipped[ids[kind]]).toMatchObject({ ...poisons[kind], key: ids[kind] });
    }
    const jobs = [ids.long, ids.check, ids.raw];
    expect(await historySnapshot(rebuilt.ds, jobs)).toEqual(await historySnapshot(db.ds, jobs));
  });

  it('keeps the columns of a real ~10,000-column upload in its history', async () => {
    const columns = [...Array.from({ length: 9_999 }, (_, i) => `feature_${String(i).padStart(5, '0')}`), 'y'];
    const rows = Array.from({ length: 30 }, (_, r) => columns.map((_, c) => (c === columns.length - 1 ? r % 2 : (r * c) % 7)).join(','));
    const csv = Buffer.from(`${columns.join(',')}\n${rows.join('\n')}\n`);
    const [first] = await uploadFile(app.url, csv, chunksOf(csv, Math.ceil(csv.length / 2)), {
      filename: `${prefix}-wide.csv`,
      target: 'y',
      modelType: 'logistic_regression',
    });
    const trackingId = first.trackingId;
    let history: { dataset: { columns: string[] | null }; status: string } | null = null;
    const stored = await eventually(async () => {
      history = (await jobViews(app.url, trackingId)).history as typeof history;
      return (history?.dataset.columns?.length ?? 0) > 0;
    }, 60_000);
    expect(stored).toBe(true);
    expect(history!.dataset.columns).toEqual(columns);
    expect(history!.status).toBe('pending');
  });
});

const same = (a: Letter['origin'], b: Letter['origin']) => a.topic === b.topic && a.partition === b.partition && a.offset === b.offset;
