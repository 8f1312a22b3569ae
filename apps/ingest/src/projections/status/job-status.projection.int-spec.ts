/** JobStatusProjection against the real Redis, under its own key prefix. */
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import type { AnyEvent } from '@modelstream/kafka';
import { RedisKeys } from '@modelstream/storage';
import { topicName } from '../../../../../test/support/history-events';
import { generateLives, projectLife } from '../../../../../test/support/job-lives';
import { JobStatusProjection } from './job-status.projection';

const redis = new Redis(loadConfig().REDIS_URL);
const prefix = `test:${randomUUID().slice(0, 8)}:`;
const projection = new JobStatusProjection(redis, new RedisKeys(prefix));
const T = { upload: 'modelstream.upload-chunks', requests: 'modelstream.training-requests', events: 'modelstream.training-events' };

const event = (trackingId: string, sequence: number, type: string, payload: unknown, timestamp = Date.now()): AnyEvent => ({
  eventId: randomUUID(),
  trackingId,
  ownerId: 'legacy',
  sequence,
  timestamp,
  producer: 'test',
  type,
  payload,
});
const chunk = (id: string, index: number, ts?: number) =>
  event(
    id,
    index + 1,
    'UploadChunkReceived',
    { filename: 'f.csv', chunkIndex: index, totalChunks: 3, bucket: 'b', objectKey: 'k', size: 1, sha256: 's' },
    ts,
  );

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('JobStatusProjection', () => {
  it('applies each sequence once per topic and publishes every change', async () => {
    const id = randomUUID();
    const sub = new Redis(loadConfig().REDIS_URL);
    const messages: string[] = [];
    sub.on('message', (_c: string, m: string) => messages.push(m));
    await sub.subscribe(projection.channel);
    expect(await projection.apply(chunk(id, 0), T.upload)).toBe(true);
    expect(await projection.apply(chunk(id, 0), T.upload)).toBe(false);
    expect(await projection.apply(chunk(id, 1), T.upload)).toBe(true);
    expect(await projection.apply(chunk(id, 0), T.upload)).toBe(false);
    const started = event(id, 1_000_000, 'TrainingStarted', {
      modelType: 'm',
      paramsJson: '{}',
      backend: 'cpu',
      instanceId: 'i',
      attempt: 1,
      mlflowRunId: null,
      columnsJson: '{}',
    });
    expect(await projection.apply(started, T.events)).toBe(true);
    expect(await projection.apply(started, T.events)).toBe(false);
    expect(await projection.get(id)).toMatchObject({ trackingId: id, status: 'running', receivedChunks: 2 });
    expect(projection.statusWith(started, T.events)).toBe('running'); // what it wrote, without a round trip
    expect(new JobStatusProjection(redis, new RedisKeys(prefix)).statusWith(started, T.events)).toBeNull(); // another instance knows none
    await new Promise((r) => setTimeout(r, 200));
    expect(messages.map((m) => JobStatusProjection.parseChange(m).status)).toEqual(['pending', 'pending', 'running']);
    sub.disconnect();
  });

  it("applies a writer's in-order event only right after its predecessor, so the projector misses none", async () => {
    const id = randomUUID();
    const writer = new JobStatusProjection(redis, new RedisKeys(prefix)); // the upload service's own instance
    expect(await writer.apply(chunk(id, 0), T.upload, { inOrder: true })).toBe(true);
    // chunk 1's read-after-write failed (Redis away); chunk 2 must not jump over it
    expect(await writer.apply(chunk(id, 2), T.upload, { inOrder: true })).toBe(false);
    expect(await projection.apply(chunk(id, 1), T.upload)).toBe(true); // the projector, from Kafka
    expect(await projection.apply(chunk(id, 2), T.upload)).toBe(true);
    expect((await projection.get(id))?.receivedChunks).toBe(3);
    expect(writer.statusWith(chunk(id, 2), T.upload)).toBeNull(); // the writer's record lacks chunk 2
    // a writer whose cached record is behind the projector's reads Redis before it gives up
    const next = randomUUID();
    expect(await writer.apply(chunk(next, 0), T.upload, { inOrder: true })).toBe(true);
    expect(await projection.apply(chunk(next, 1), T.upload)).toBe(true);
    expect(await writer.apply(chunk(next, 2), T.upload, { inOrder: true })).toBe(true);
    expect((await projection.get(next))?.receivedChunks).toBe(3);
    // the projector came first: the writer's apply reads its record back, and knows the status with the event
    expect(await projection.apply(chunk(next, 3), T.upload)).toBe(true);
    expect(await writer.apply(chunk(next, 3), T.upload, { inOrder: true })).toBe(false);
    expect(writer.statusWith(chunk(next, 3), T.upload)).toBe('pending');
  });

  it("applies a writer's abort, numbered past the upload's chunks, right after the last chunk it accepted", async () => {
    const id = randomUUID();
    const writer = new JobStatusProjection(redis, new RedisKeys(prefix));
    const abort = event(id, 4, 'UploadAborted', { reason: 'The file is over 25 MB', receivedChunks: 1 });
    expect(await writer.apply(chunk(id, 0), T.upload, { inOrder: true })).toBe(true);
    expect(await writer.apply(abort, T.upload, { inOrder: true })).toBe(false); // 4 does not follow 1
    expect(await writer.apply(abort, T.upload, { inOrder: true, after: 2 })).toBe(false); // chunk 1 not applied yet
    expect(await writer.apply(abort, T.upload, { inOrder: true, after: 1 })).toBe(true);
    expect(await projection.get(id)).toMatchObject({ status: 'failed', error: 'Upload aborted: The file is over 25 MB' });
  });

  it('never moves a status backwards and keeps a final status', async () => {
    const id = randomUUID();
    await projection.apply(event(id, 5, 'TrainingFailed', { error: 'boom', stage: 'training', mlflowRunId: null }), T.events);
    await projection.apply(chunk(id, 2), T.upload);
    expect(await projection.get(id)).toMatchObject({ status: 'failed', error: 'boom', stage: 'training' });
  });

  it('gives the same record whatever the interleaving of topics', async () => {
    const t0 = Date.now() - 60_000;
    const requested = (id: string) =>
      event(
        id,
        1,
        'TrainingRequested',
        {
          filename: 'f.csv',
          modelName: 'm',
          modelType: 'logistic_regression',
          problemType: 'classification',
          target: 'y',
          paramsJson: '{}',
          dataset: { bucket: 'b', objectKeys: ['k0', 'k1', 'k2'], size: 3, sha256: 's', columns: ['x', 'y'] },
        },
        t0 + 3,
      );
    const completed = (id: string) =>
      event(
        id,
        2_000_000,
        'TrainingCompleted',
        { metrics: { accuracy: 0.9 }, resultJson: '{}', mlflowRunId: 'r', modelName: 'm', modelVersion: '1', modelId: 'models:/m/1' },
        t0 + 9,
      );
    const inOrder = randomUUID();
    const late = randomUUID();
    for (const [e, topic] of [
      [chunk(inOrder, 0, t0), T.upload],
      [chunk(inOrder, 1, t0 + 1), T.upload],
      [chunk(inOrder, 2, t0 + 2), T.upload],
      [requested(inOrder), T.requests],
      [completed(inOrder), T.events],
    ] as const) {
      await projection.apply(e, topic);
    }
    for (const [e, topic] of [
      [completed(late), T.events],
      [chunk(late, 0, t0), T.upload],
      [requested(late), T.requests],
      [chunk(late, 1, t0 + 1), T.upload],
      [chunk(late, 2, t0 + 2), T.upload],
    ] as const) {
      await projection.apply(e, topic);
    }
    const strip = (v: object | null) => {
      const { trackingId: _id, updatedAt: _u, ...rest } = v as Record<string, unknown>;
      return rest;
    };
    const a = strip(await projection.get(inOrder));
    expect(a).toMatchObject({ status: 'completed', stage: 'done', modelId: 'models:/m/1', receivedChunks: 3 });
    expect(strip(await projection.get(late))).toEqual(a);
  });

  it('lists newest first, filters by status and pages', async () => {
    const base = Date.now() + 1e9; // newer than anything else under this prefix
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) await projection.apply(chunk(id, 0, base + i), T.upload);
    await projection.apply(event(ids[1], 9, 'TrainingCancelled', { reason: '', stage: 'x' }, base + 1), T.events);
    const page1 = await projection.list({ limit: 2 });
    expect(page1.items.map((i) => i.trackingId)).toEqual([ids[2], ids[1]]);
    expect(page1.nextOffset).toBe(2);
    const cancelled = await projection.list({ status: 'cancelled' });
    expect(cancelled.items.map((i) => i.trackingId)).toEqual([ids[1]]);
    const pending = await projection.list({ status: 'pending', limit: 500 });
    expect(pending.items.map((i) => i.trackingId)).not.toContain(ids[1]);
  });

  it('ends with the fold state when two instances race on the same jobs (compare-and-set), redeliveries included', async () => {
    const other = new JobStatusProjection(redis, new RedisKeys(prefix));
    const lives = generateLives(17, 30, `race-${randomUUID().slice(0, 8)}`, Date.now() - 60_000);
    await Promise.all(
      lives.map((life) =>
        Promise.all([...life.events, ...life.events].map((e, i) => (i % 2 ? projection : other).apply(e.event, topicName(e.topic)))),
      ),
    );
    for (const life of lives) {
      const want = projectLife(life.trackingId, life.events);
      const [a, b] = await Promise.all([projection.get(life.trackingId), other.get(life.trackingId)]);
      const fields = { status: want.status, stage: want.stage, progress: want.progress, error: want.error, modelId: want.modelId };
      expect({ id: life.trackingId, ...a }).toMatchObject({ id: life.trackingId, ...fields });
      expect(b).toEqual(a);
      expect(await redis.zscore(new RedisKeys(prefix).jobs(want.status), life.trackingId)).not.toBeNull();
    }
  });

  it('replaces a record of an older layout and takes the job out of its old status index', async () => {
    const keys = new RedisKeys(prefix);
    const id = randomUUID();
    await redis.hset(keys.job(id), { status: 'failed', error: 'old layout', createdAt: '1' });
    await redis.zadd(keys.jobs('failed'), 1, id);
    expect(await projection.apply(chunk(id, 0), T.upload)).toBe(true);
    expect(await projection.get(id)).toMatchObject({ status: 'pending', error: null, receivedChunks: 1 });
    expect(await redis.zscore(keys.jobs('failed'), id)).toBeNull();
    expect(await redis.zscore(keys.jobs('pending'), id)).not.toBeNull();
  });
});
