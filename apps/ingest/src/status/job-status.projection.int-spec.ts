/** JobStatusProjection against the real Redis, under its own key prefix. */
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import type { AnyEvent } from '@modelstream/kafka';
import { JobStatusProjection } from './job-status.projection';

const redis = new Redis(loadConfig().REDIS_URL);
const prefix = `test:${randomUUID().slice(0, 8)}:`;
const projection = new JobStatusProjection(redis, prefix);
const T = { upload: 'modelstream.upload-chunks', requests: 'modelstream.training-requests', events: 'modelstream.training-events' };

const event = (trackingId: string, sequence: number, type: string, payload: unknown, timestamp = Date.now()): AnyEvent => ({
  eventId: randomUUID(),
  trackingId,
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
    await new Promise((r) => setTimeout(r, 200));
    expect(messages.map((m) => JobStatusProjection.parseChange(m).status)).toEqual(['pending', 'pending', 'running']);
    sub.disconnect();
  });

  it('never moves a status backwards and keeps a final status', async () => {
    const id = randomUUID();
    await projection.apply(event(id, 5, 'TrainingFailed', { error: 'boom', stage: 'training', mlflowRunId: null }), T.events);
    expect(await projection.apply(chunk(id, 2), T.upload)).toBe(false);
    expect(await projection.get(id)).toMatchObject({ status: 'failed', error: 'boom' });
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
});
