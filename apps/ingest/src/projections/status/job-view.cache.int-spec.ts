/**
 * The status read cache (job-view.cache.ts) on the real Redis: a view read a moment ago is answered from process, a
 * write by another instance reaches it by the published change (the cache's own expiry set far beyond the test), a
 * write of its own is read back at once, and a dropped subscriber connection sends reads to Redis until resubscribed.
 */
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@modelstream/config';
import type { AnyEvent } from '@modelstream/kafka';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { eventually } from '../../../../../test/support/stack';
import { JobChangeFeed } from './job-change.feed';
import { JobStatusProjection } from './job-status.projection';
import type { JobStatusView } from './job-status.view';

const UPLOADS = 'modelstream.upload-chunks';
const keys = new RedisKeys(`test:${randomUUID().slice(0, 8)}:`);
const connection = new RedisConnection(loadConfig() as AppConfig);
const ours = new JobStatusProjection(connection.client, keys, { viewTtlMs: 600_000 });
const feed = new JobChangeFeed(connection, ours);
const otherRedis = new Redis(loadConfig().REDIS_URL);
const theirs = new JobStatusProjection(otherRedis, keys); // another ingest instance

const chunk = (trackingId: string, index: number): AnyEvent => ({
  eventId: randomUUID(),
  trackingId,
  ownerId: 'legacy',
  sequence: index + 1,
  timestamp: Date.now(),
  producer: 'test',
  type: 'UploadChunkReceived',
  payload: { filename: 'f.csv', chunkIndex: index, totalChunks: 5, bucket: 'b', objectKey: 'k', size: 1, sha256: 's' },
});
/**
 * Whether the job's view is now answered from process: the same object twice, no round trip (once the change of the
 * last write has been heard, which forgets the job).
 */
const cached = (id: string) => async () => (await ours.storedView(id)) === (await ours.storedView(id));
const received = async (id: string) => (JSON.parse((await ours.storedView(id))!.json) as JobStatusView).receivedChunks;

/** The jobs of the changes the feed heard, in order (what a failure below says it heard). */
const heard: string[] = [];

beforeAll(async () => {
  feed.onApplicationBootstrap();
  expect(await eventually(async () => ours.views.live, 10_000)).toBe(true);
  (await feed.allChanges()).subscribe((view) => heard.push(view.trackingId));
});

afterAll(async () => {
  feed.onModuleDestroy();
  const left = await otherRedis.keys(keys.pattern('*'));
  if (left.length) await otherRedis.del(...left);
  otherRedis.disconnect();
  await connection.onApplicationShutdown();
});

describe('the status read cache', () => {
  it('answers a view read a moment ago from process, and sees another instance’s write by its published change', async () => {
    const id = randomUUID();
    await theirs.apply(chunk(id, 0), UPLOADS);
    expect(await eventually(cached(id), 5_000, 20)).toBe(true);
    await theirs.apply(chunk(id, 1), UPLOADS);
    const changes = () => heard.filter((h) => h === id).length;
    const seen = await eventually(async () => (await received(id)) === 2 && changes() === 2, 5_000);
    // on a failure, also whether the feed was live and how many of the job's two changes it heard
    expect({ seen, live: ours.views.live, heard: changes() }).toEqual({ seen: true, live: true, heard: 2 });
  });

  it('reads its own write back at once', async () => {
    const id = randomUUID();
    await ours.apply(chunk(id, 0), UPLOADS);
    expect(await eventually(cached(id), 5_000, 20)).toBe(true);
    await ours.apply(chunk(id, 1), UPLOADS);
    expect(await received(id)).toBe(2);
    expect(await eventually(cached(id), 5_000, 20)).toBe(true);
    await ours.applyBatch([{ event: chunk(id, 2), topic: UPLOADS }]);
    expect(await received(id)).toBe(3);
  });

  it('goes to Redis while its subscriber is down, and caches again once resubscribed', async () => {
    const id = randomUUID();
    await theirs.apply(chunk(id, 0), UPLOADS);
    expect(await received(id)).toBe(1);
    const subscriber = (feed as unknown as { subscriber: Redis }).subscriber;
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    subscriber.disconnect(true); // dropped, and reconnecting
    await closed;
    expect(ours.views.live).toBe(false);
    expect(ours.views.size).toBe(0);
    await theirs.apply(chunk(id, 1), UPLOADS); // a change the feed cannot hear
    expect(await received(id)).toBe(2);
    expect(await eventually(async () => ours.views.live, 10_000)).toBe(true);
    expect(await received(id)).toBe(2);
    await theirs.apply(chunk(id, 2), UPLOADS);
    expect(await eventually(async () => (await received(id)) === 3, 5_000)).toBe(true);
  });
});
