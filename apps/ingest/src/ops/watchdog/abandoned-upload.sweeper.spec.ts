/**
 * AbandonedUploadSweeper over a real UploadService on the upload fakes (object store, upload state, publisher),
 * with fakes for the job history's query and Redis (the claim of an upload).
 */
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@modelstream/config';
import { ConflictError, JobEvent, newJobState, reduceJob, TOPICS } from '@modelstream/contracts';
import { RedisConnection, RedisKeys, TrainingJobEntity } from '@modelstream/storage';
import type { JobHistoryRepository } from '../../projections/history/job-history.repository';
import { csv, split, statusOf, uploadHarness } from '../../upload/testing/upload.fakes';
import { AbandonedUploadSweeper, abandonedReason, idleTime } from './abandoned-upload.sweeper';

const DAY_MS = 24 * 3600_000;

/** A pending job with `receivedChunks` chunks whose last event is `hoursAgo` old, as the history row reads. */
const anIdleUpload = (trackingId: string, receivedChunks = 1, totalChunks = 2, hoursAgo = 25): TrainingJobEntity =>
  Object.assign(new TrainingJobEntity(), {
    trackingId,
    status: 'pending',
    receivedChunks,
    totalChunks,
    requestedAt: null,
    lastEventAt: new Date(Date.now() - hoursAgo * 3600_000),
  });

class FakeHistory {
  idle: TrainingJobEntity[] = [];
  readonly queries: { before: Date; prefix: string }[] = [];
  failing = false;
  async findAbandonedUploads(before: Date, prefix: string): Promise<TrainingJobEntity[]> {
    this.queries.push({ before, prefix });
    if (this.failing) throw new Error('mariadb is down');
    return this.idle;
  }
}

/** SET key value PX ms NX, as Redis answers it (expiry ignored: the tests run well within it). */
class FakeRedisClient {
  readonly keys = new Map<string, { value: string; ttlMs: number }>();
  async set(key: string, value: string, _px: 'PX', ttlMs: number, _nx: 'NX'): Promise<'OK' | null> {
    if (this.keys.has(key)) return null;
    this.keys.set(key, { value, ttlMs });
    return 'OK';
  }
}

function sweeperHarness(intervalMs = 0) {
  const upload = uploadHarness();
  const history = new FakeHistory();
  const redis = new FakeRedisClient();
  const config = { WATCHDOG_INTERVAL_MS: intervalMs, UPLOAD_ABANDON_AFTER_MS: DAY_MS, WATCHDOG_SCOPE_PREFIX: 'scope-' } as AppConfig;
  const sweeper = new AbandonedUploadSweeper(
    config,
    history as unknown as JobHistoryRepository,
    upload.service,
    { client: redis } as unknown as RedisConnection,
    new RedisKeys('test:'),
  );
  /** Starts an upload of `total` chunks with its first chunk; the history then sees it idle. */
  const begin = async (total = 2) => {
    const parts = split(csv(30), total);
    const { trackingId } = await upload.start(parts);
    history.idle.push(anIdleUpload(trackingId, 1, total));
    return { trackingId, parts };
  };
  return { ...upload, history, redis, sweeper, begin };
}

beforeAll(() => Logger.overrideLogger(false));
afterEach(() => jest.useRealTimers());

describe('AbandonedUploadSweeper', () => {
  it('discards an upload idle past UPLOAD_ABANDON_AFTER_MS: chunks deleted, upload closed, UploadAborted that fails the job', async () => {
    const { begin, sweeper, history, redis, store, publisher, stateOf, send } = sweeperHarness();
    const { trackingId, parts } = await begin();
    expect([...store.objects.keys()]).toEqual([`uploads/${trackingId}/chunk-00000`]);
    const before = Date.now();

    expect(await sweeper.tick()).toBe(1);

    expect(history.queries).toHaveLength(1);
    expect(history.queries[0].prefix).toBe('scope-');
    expect(history.queries[0].before.getTime()).toBeGreaterThanOrEqual(before - DAY_MS);
    expect(history.queries[0].before.getTime()).toBeLessThanOrEqual(Date.now() - DAY_MS);
    expect([...redis.keys]).toEqual([[`test:abandon:${trackingId}`, { value: '1', ttlMs: DAY_MS }]]);
    expect(store.objects.size).toBe(0);
    expect(stateOf(trackingId)).toMatchObject({
      phase: 'aborted',
      reason: 'no chunk arrived for 24 h, so the upload was abandoned and its chunks deleted; start the upload again.',
    });
    const aborted = publisher.published.at(-1)!;
    expect(aborted.topic).toBe(TOPICS.uploadChunks.name);
    expect(aborted.event).toMatchObject({
      type: 'UploadAborted',
      trackingId,
      sequence: 3,
      payload: {
        reason: 'no chunk arrived for 24 h, so the upload was abandoned and its chunks deleted; start the upload again.',
        receivedChunks: 1,
      },
    });
    // What both read models make of the upload's events.
    const job = publisher.published.map((p) => p.event as JobEvent).reduce(reduceJob, newJobState(trackingId));
    expect(job).toMatchObject({
      status: 'failed',
      error: 'Upload aborted: no chunk arrived for 24 h, so the upload was abandoned and its chunks deleted; start the upload again.',
    });
    // A late chunk finds the upload closed.
    expect(await statusOf(send(trackingId, parts, 1))).toBe(409);
    await expect(send(trackingId, parts, 1)).rejects.toThrow(/was aborted \(no chunk arrived for 24 h/);
  });

  it('leaves an upload that took a chunk the history has not seen yet, and one that is complete', async () => {
    const { begin, sweeper, history, publisher, send, upload, stateOf } = sweeperHarness();
    const growing = await begin(3);
    await send(growing.trackingId, growing.parts, 1); // the history row still says 1 chunk
    const [done] = await upload([csv(10)]);
    history.idle.push(anIdleUpload(done.trackingId, 1, 2)); // a stale row of a finished upload
    const published = publisher.published.length;

    expect(await sweeper.tick()).toBe(0);

    expect(publisher.published).toHaveLength(published);
    expect(stateOf(growing.trackingId).phase).toBe('uploading');
    expect(stateOf(done.trackingId).phase).toBe('completed');
  });

  it('skips an upload another instance claimed, and does not discard an upload twice', async () => {
    const { begin, sweeper, redis, publisher } = sweeperHarness();
    const claimed = await begin();
    const free = await begin();
    await redis.set(`test:abandon:${claimed.trackingId}`, '1', 'PX', DAY_MS, 'NX');

    expect(await sweeper.tick()).toBe(1);
    expect(await sweeper.tick()).toBe(0);

    const aborts = publisher.published.filter((p) => p.event.type === 'UploadAborted').map((p) => p.event.trackingId);
    expect(aborts).toEqual([free.trackingId]);
  });

  it('closes an upload the history saw but whose state was never saved (chunk 0 acknowledged to no client)', async () => {
    const { sweeper, history, store, publisher, stateOf } = sweeperHarness();
    const trackingId = 'scope-lost';
    store.objects.set(`uploads/${trackingId}/chunk-00000`, Buffer.from('x,y\n1,2\n'));
    history.idle.push(Object.assign(anIdleUpload(trackingId, 1, 4), { ownerId: 'owner-a', filename: 'data.csv', createdAt: new Date(0) }));

    expect(await sweeper.tick()).toBe(1);

    expect(store.objects.size).toBe(0);
    expect(stateOf(trackingId)).toMatchObject({ phase: 'aborted', ownerId: 'owner-a', totalChunks: 4 });
    expect(publisher.published.at(-1)!.event).toMatchObject({
      type: 'UploadAborted',
      trackingId,
      ownerId: 'owner-a',
      sequence: 5,
      payload: { receivedChunks: 1 },
    });
    history.idle.push(anIdleUpload('scope-no-count', 1, 4));
    history.idle.at(-1)!.totalChunks = null; // no chunk count: no abort event could be ordered after its chunks
    expect(await sweeper.tick()).toBe(0);
  });

  it('goes on past an upload it cannot take (a chunk holds its lock)', async () => {
    const { begin, sweeper, states, publisher } = sweeperHarness();
    const busy = await begin();
    const idle = await begin();
    const withLock = states.withLock.bind(states);
    states.withLock = <T>(trackingId: string, work: () => Promise<T>): Promise<T> =>
      trackingId === busy.trackingId
        ? Promise.reject(new ConflictError('Another request for upload is still being processed.'))
        : withLock(trackingId, work);

    expect(await sweeper.tick()).toBe(1);
    expect(publisher.published.filter((p) => p.event.type === 'UploadAborted').map((p) => p.event.trackingId)).toEqual([idle.trackingId]);
  });

  it('runs one round at a time; a failed round counts 0 and the next one tries again', async () => {
    const { begin, sweeper, history } = sweeperHarness();
    await begin();
    history.failing = true;
    const [first, second] = [sweeper.tick(), sweeper.tick()];
    expect(second).toBe(first);
    expect(await first).toBe(0);
    expect(history.queries).toHaveLength(1);
    history.failing = false;
    expect(await sweeper.tick()).toBe(1);
  });

  it('looks every WATCHDOG_INTERVAL_MS once the app is up, and not at all when that is 0', async () => {
    jest.useFakeTimers();
    const on = sweeperHarness(1000);
    const off = sweeperHarness(0);
    const ticks = [jest.spyOn(on.sweeper, 'tick'), jest.spyOn(off.sweeper, 'tick')];
    on.sweeper.onApplicationBootstrap();
    off.sweeper.onApplicationBootstrap();
    jest.advanceTimersByTime(3500);
    expect(ticks.map((t) => t.mock.calls.length)).toEqual([3, 0]);
    await on.sweeper.onApplicationShutdown();
    jest.advanceTimersByTime(3000);
    expect(ticks[0].mock.calls.length).toBe(3);
  });

  it('names the idle time in hours, minutes or seconds', () => {
    expect([DAY_MS, 90 * 60_000, 30 * 60_000, 3000, 1500].map(idleTime)).toEqual(['24 h', '1.5 h', '30 min', '3 s', '1.5 s']);
    expect(abandonedReason(3000)).toBe(
      'no chunk arrived for 3 s, so the upload was abandoned and its chunks deleted; start the upload again.',
    );
  });
});
