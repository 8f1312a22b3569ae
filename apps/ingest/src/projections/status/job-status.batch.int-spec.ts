/** JobStatusProjection.applyBatch against the real Redis: the same records as one by one, idempotent, in order. */
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';
import { RedisKeys } from '@modelstream/storage';
import { jobLife, topicName } from '../../../../../test/support/history-events';
import { generateLives, interleave, seededRng, withRedeliveries } from '../../../../../test/support/job-lives';
import { TopicEvent } from '../job-batch';
import { JobStatusProjection } from './job-status.projection';

const redis = new Redis(loadConfig().REDIS_URL);
const run = randomUUID().slice(0, 8);
const single = new RedisKeys(`test:${run}-single:`);
const batched = new RedisKeys(`test:${run}-batch:`);

afterAll(async () => {
  for (const prefix of [single.prefix, batched.prefix]) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

/** What a job's hash holds, without the revision and write time (random per write). */
async function recordOf(keys: RedisKeys, id: string) {
  const { record, status, view } = await redis.hgetall(keys.job(id));
  const { updatedAt: _, ...rest } = JSON.parse(view ?? '{}') as Record<string, unknown>;
  const indexes = await Promise.all(
    ['pending', 'running', 'completed', 'failed', 'cancelled'].map(async (s) => [s, await redis.zscore(keys.jobs(s as never), id)]),
  );
  return { record: JSON.parse(record ?? 'null') as unknown, status, view: rest, indexes };
}

const items = (events: Array<{ topic: Parameters<typeof topicName>[0]; event: AnyEvent }>): TopicEvent[] =>
  events.map(({ topic, event }) => ({ event, topic: topicName(topic) }));

describe('JobStatusProjection.applyBatch', () => {
  it('writes the same records as one by one, with redeliveries, whatever the batch cuts; a replayed batch changes nothing', async () => {
    const rng = seededRng(23);
    const lives = generateLives(23, 24, `batch-${run}`, Date.now() - 60_000);
    const deliveries = items(
      interleave(
        rng,
        withRedeliveries(
          rng,
          lives.flatMap((l) => l.events),
        ),
      ),
    );
    const one = new JobStatusProjection(redis, single);
    const many = new JobStatusProjection(redis, batched);
    const changedOne: boolean[] = [];
    for (const { event, topic } of deliveries) changedOne.push(await one.apply(event, topic));
    const changedMany: boolean[] = [];
    for (let i = 0; i < deliveries.length; i += 37) changedMany.push(...(await many.applyBatch(deliveries.slice(i, i + 37))));

    expect(changedMany).toEqual(changedOne);
    for (const life of lives) expect(await recordOf(batched, life.trackingId)).toEqual(await recordOf(single, life.trackingId));

    const revs = await Promise.all(lives.map((l) => redis.hget(batched.job(l.trackingId), 'rev')));
    const fresh = new JobStatusProjection(redis, batched); // no cached records: reads Redis
    expect((await fresh.applyBatch(deliveries)).some(Boolean)).toBe(false);
    expect(await Promise.all(lives.map((l) => redis.hget(batched.job(l.trackingId), 'rev')))).toEqual(revs);
  });

  it("applies one job's events of a batch in order, a repeat within the batch being a no-op", async () => {
    const id = `batch-order-${run}`;
    const [c0, c1] = jobLife({ ending: 'running', trackingId: id, chunks: 2, epochs: 1 });
    const many = new JobStatusProjection(redis, batched);

    expect(await many.applyBatch(items([c0, c1, c0, c1]))).toEqual([true, true, false, false]);
    expect(await many.get(id)).toMatchObject({ status: 'pending', receivedChunks: 2, totalChunks: 2 });
  });

  it('fails a batch with an event the fold refuses before writing anything of it', async () => {
    const good = jobLife({ ending: 'running', trackingId: `batch-good-${run}`, epochs: 1 })[0];
    const bad = { ...good.event, trackingId: `batch-bad-${run}`, type: 'NoSuchEvent' } as AnyEvent;
    const many = new JobStatusProjection(redis, batched);

    await expect(many.applyBatch(items([good, { topic: good.topic, event: bad }]))).rejects.toThrow(PermanentEventError);
    expect(await many.get(good.event.trackingId)).toBeNull();
  });
});
