/** StaleJobWatchdog with fakes for the job history, the publisher and Redis (the claim of a job). */
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import type { EventPublisher } from '@modelstream/kafka';
import { RedisConnection, RedisKeys, TrainingJobEntity } from '@modelstream/storage';
import type { JobHistoryRepository } from '../../projections/history/job-history.repository';
import { uploadHarness } from '../../upload/testing/upload.fakes';
import { StaleJobWatchdog, WATCHDOG_STAGE } from './stale-job.watchdog';

const STALE_AFTER_MS = 10 * 60_000;

/** A running job whose last event is `minutesAgo` old. */
const aStaleJob = (trackingId: string, minutesAgo = 15): TrainingJobEntity =>
  Object.assign(new TrainingJobEntity(), {
    trackingId,
    status: 'running',
    stage: 'training',
    mlflowRunId: 'run-1',
    lastEventAt: new Date(Date.now() - minutesAgo * 60_000),
  });

class FakeHistory {
  stale: TrainingJobEntity[] = [];
  readonly lastSequences = new Map<string, number>();
  readonly queries: { before: Date; prefix: string }[] = [];
  failing = false;
  async findStaleRunning(before: Date, prefix: string): Promise<TrainingJobEntity[]> {
    this.queries.push({ before, prefix });
    if (this.failing) throw new Error('mariadb is down');
    return this.stale;
  }
  async lastSequence(trackingId: string): Promise<number> {
    return this.lastSequences.get(trackingId) ?? 0;
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

function watchdogHarness(intervalMs = 0) {
  const history = new FakeHistory();
  const redis = new FakeRedisClient();
  const { publisher } = uploadHarness();
  const config = {
    WATCHDOG_INTERVAL_MS: intervalMs,
    WATCHDOG_STALE_AFTER_MS: STALE_AFTER_MS,
    WATCHDOG_SCOPE_PREFIX: 'scope-',
  } as AppConfig;
  const watchdog = new StaleJobWatchdog(
    config,
    history as unknown as JobHistoryRepository,
    publisher as unknown as EventPublisher,
    { client: redis } as unknown as RedisConnection,
    new RedisKeys('test:'),
  );
  return { history, redis, publisher, watchdog };
}

beforeAll(() => Logger.overrideLogger(false));
afterEach(() => jest.useRealTimers());

describe('StaleJobWatchdog', () => {
  it('fails each stale running job with a TrainingFailed of stage watchdog, claiming it under RedisKeys.watchdogClaim', async () => {
    const { history, redis, publisher, watchdog } = watchdogHarness();
    history.stale = [aStaleJob('scope-a', 15), aStaleJob('scope-b', 30)];
    const before = Date.now();

    expect(await watchdog.tick()).toBe(2);

    expect(history.queries).toHaveLength(1);
    expect(history.queries[0].prefix).toBe('scope-');
    expect(history.queries[0].before.getTime()).toBeGreaterThanOrEqual(before - STALE_AFTER_MS);
    expect(history.queries[0].before.getTime()).toBeLessThanOrEqual(Date.now() - STALE_AFTER_MS);
    expect([...redis.keys]).toEqual([
      ['test:watchdog:scope-a', { value: '1', ttlMs: STALE_AFTER_MS }],
      ['test:watchdog:scope-b', { value: '1', ttlMs: STALE_AFTER_MS }],
    ]);
    expect(publisher.published.map((p) => p.topic)).toEqual([TOPICS.trainingEvents.name, TOPICS.trainingEvents.name]);
    expect(publisher.published[0].event).toMatchObject({
      type: 'TrainingFailed',
      trackingId: 'scope-a',
      payload: {
        stage: WATCHDOG_STAGE,
        mlflowRunId: 'run-1',
        error: expect.stringMatching(/No event from the trainer for 15 min .*stage training/),
      },
    });
  });

  it('skips a job another instance claimed, and does not fail a job twice', async () => {
    const { history, redis, publisher, watchdog } = watchdogHarness();
    history.stale = [aStaleJob('scope-a'), aStaleJob('scope-b')];
    await redis.set('test:watchdog:scope-a', '1', 'PX', STALE_AFTER_MS, 'NX');
    expect(await watchdog.tick()).toBe(1);
    expect(await watchdog.tick()).toBe(0);
    expect(publisher.published.map((p) => p.event.trackingId)).toEqual(['scope-b']);
  });

  it('numbers its event after the last one the job history saw', async () => {
    const { history, publisher, watchdog } = watchdogHarness();
    const last = Number.MAX_SAFE_INTEGER - 10; // above the wall clock's sequences
    history.stale = [aStaleJob('scope-a')];
    history.lastSequences.set('scope-a', last);
    await watchdog.tick();
    expect(publisher.published[0].event.sequence).toBe(last + 1);
  });

  it('runs one round at a time; a failed round counts 0 and the next one tries again', async () => {
    const { history, publisher, watchdog } = watchdogHarness();
    history.stale = [aStaleJob('scope-a')];
    history.failing = true;
    const [first, second] = [watchdog.tick(), watchdog.tick()];
    expect(second).toBe(first);
    expect(await first).toBe(0);
    expect(history.queries).toHaveLength(1);
    history.failing = false;
    expect(await watchdog.tick()).toBe(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('looks every WATCHDOG_INTERVAL_MS once the app is up, and not at all when that is 0', async () => {
    jest.useFakeTimers();
    const on = watchdogHarness(1000);
    const off = watchdogHarness(0);
    const ticks = [jest.spyOn(on.watchdog, 'tick'), jest.spyOn(off.watchdog, 'tick')];
    on.watchdog.onApplicationBootstrap();
    off.watchdog.onApplicationBootstrap();
    jest.advanceTimersByTime(3500);
    expect(ticks.map((t) => t.mock.calls.length)).toEqual([3, 0]);
    await on.watchdog.onApplicationShutdown();
    jest.advanceTimersByTime(3000);
    expect(ticks[0].mock.calls.length).toBe(3);
  });
});
