/**
 * JobHistoryProjection.applyBatch against the real MariaDB (two throwaway databases: one applied one by one, one
 * by batches): the same rows, versions included; a replayed batch changes nothing; a batch with an event MariaDB
 * can never store writes nothing, and the replay's batch step then applies the rest and reports that one.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@modelstream/config';
import { AnyEvent, BoundedMessage, PermanentEventError } from '@modelstream/kafka';
import { dropDatabase, JobEventCursorEntity, openHistoryDatabase } from '@modelstream/storage';
import { jobLife, PlannedEvent, topicName } from '../../../../../test/support/history-events';
import { generateLives, interleave, seededRng, withRedeliveries } from '../../../../../test/support/job-lives';
import { replayBatch } from '../../ops/replay/replay-batch';
import { TopicEvent } from '../job-batch';
import { JobHistoryProjection } from './job-history.projection';
import { JobHistoryRepository } from './job-history.repository';

const config = loadConfig();
const run = randomBytes(4).toString('hex');
const databases = [`modelstream_test_batch1_${run}`, `modelstream_test_batch2_${run}`];
let stores: Array<{ ds: DataSource; repository: JobHistoryRepository; projection: JobHistoryProjection }>;

beforeAll(async () => {
  stores = await Promise.all(
    databases.map(async (name) => {
      const ds = await openHistoryDatabase(config, name);
      const repository = new JobHistoryRepository(ds);
      return { ds, repository, projection: new JobHistoryProjection(repository) };
    }),
  );
});

afterAll(async () => {
  for (const store of stores ?? []) {
    await store.repository.close();
    await store.ds.destroy();
  }
  for (const name of databases) await dropDatabase(config, name);
});

const items = (events: PlannedEvent[]): TopicEvent[] =>
  events.map(({ topic, event }) => ({ event: event as AnyEvent, topic: topicName(topic) }));

async function historyOf(store: (typeof stores)[number], id: string) {
  const record = await store.repository.get(id);
  const cursors = await store.ds.getRepository(JobEventCursorEntity).find({ where: { trackingId: id }, order: { topic: 'ASC' } });
  return { record, cursors };
}

describe('JobHistoryProjection.applyBatch (MariaDB)', () => {
  it('writes the rows one by one would, versions and redeliveries included; a replayed batch changes nothing', async () => {
    const rng = seededRng(31);
    const sha = randomBytes(32).toString('hex');
    const lives = generateLives(31, 16, `hbatch-${run}`, Date.now() - 600_000);
    // Jobs of one (dataset, model type) whose requests come in another order than their times: versions shift.
    const versioned = [2, 0, 1].map((i) =>
      jobLife({
        ending: 'completed',
        trackingId: `hbatch-v${i}-${run}`,
        sha256: sha,
        startAt: Date.now() - 300_000 + i * 10_000,
        epochs: 2,
      }),
    );
    const events = [
      ...interleave(
        rng,
        withRedeliveries(
          rng,
          lives.flatMap((l) => l.events),
        ),
      ),
      ...versioned.flat(),
    ];
    const deliveries = items(events);
    const [one, many] = stores;
    const changedOne: boolean[] = [];
    for (const { event, topic } of deliveries) changedOne.push(await one.projection.apply(event, topic));
    const changedMany: boolean[] = [];
    for (let i = 0; i < deliveries.length; i += 41) changedMany.push(...(await many.projection.applyBatch(deliveries.slice(i, i + 41))));

    expect(changedMany).toEqual(changedOne);
    const ids = [...lives.map((l) => l.trackingId), ...versioned.map((v) => v[0].event.trackingId)];
    for (const id of ids) expect(await historyOf(many, id)).toEqual(await historyOf(one, id));
    expect(await Promise.all(versioned.map(async (v) => (await many.repository.get(v[0].event.trackingId))?.job.version))).toEqual([
      3, 1, 2,
    ]);

    const before = await Promise.all(ids.map((id) => historyOf(many, id)));
    expect((await many.projection.applyBatch(deliveries)).some(Boolean)).toBe(false);
    expect(await Promise.all(ids.map((id) => historyOf(many, id)))).toEqual(before);
  });

  it('numbers the requests of one group without a gap when batches of other partitions write at the same time', async () => {
    const [, many] = stores;
    // Live projectors apply each partition's fetch in its own transaction, side by side. Jobs of one (dataset,
    // model type) on different partitions must still count 1, 2, 3... in the order of their requests' times.
    for (let round = 0; round < 8; round++) {
      const sha = randomBytes(32).toString('hex');
      const lives = [0, 1, 2].map((i) =>
        jobLife({
          ending: 'completed',
          trackingId: `hbatch-race${round}-${i}-${run}`,
          sha256: sha,
          startAt: Date.now() - 60_000 + i,
          epochs: 1,
        }),
      );
      await Promise.all(lives.map((life) => many.projection.applyBatch(items(life))));
      const versions = await Promise.all(lives.map(async (l) => (await many.repository.get(l[0].event.trackingId))?.job.version));
      expect(versions).toEqual([1, 2, 3]);
    }
  });

  it('gives up a batch in which an event makes a row MariaDB refuses, even for a moment; the replay then skips that one alone', async () => {
    const [one, many] = stores;
    const life = jobLife({ ending: 'completed', trackingId: `hbatch-bad-${run}`, epochs: 1 });
    // The first chunk says the upload has 0 chunks (a CHECK refuses it); the second fixes it: one by one, the
    // first is refused and the second applied, so the batch must not take both.
    const first = life[0];
    const bad = { ...first, event: { ...first.event, payload: { ...(first.event.payload as object), totalChunks: 0 } } } as PlannedEvent;
    const withBad = [bad, ...life.slice(1)];

    await expect(many.projection.applyBatch(items(withBad))).rejects.toThrow(PermanentEventError);
    expect(await many.repository.get(life[0].event.trackingId)).toBeNull();

    // The replay's step: the batch fails, its events go one by one; the bad one is reported once, the rest applied.
    const skipped: Array<{ offset: string; kind: string }> = [];
    // As the reader hands them: one batch per partition (here: per topic), in offset order.
    const messages: BoundedMessage[] = withBad.map((e, i) => ({
      topic: topicName(e.topic),
      partition: 0,
      message: { key: Buffer.from(e.event.trackingId), value: Buffer.from(String(i)), offset: String(i), timestamp: '0' },
    }));
    const outcome = { events: 0, applied: [0, 0] };
    for (const topic of new Set(messages.map((m) => m.topic))) {
      const { events, applied } = await replayBatch(
        {
          codec: { decode: async (value: Buffer) => withBad[Number(value.toString())].event as never },
          projectionsOf: () => [undefined, many.projection],
          appliedAs: (t) => t,
          skip: (m, kind) => skipped.push({ offset: m.message.offset, kind }),
          stages: { decode: 0, fold: 0, write: 0, commit: 0 },
        },
        messages.filter((m) => m.topic === topic),
      );
      outcome.events += events;
      outcome.applied[1] += applied[1];
    }
    expect(skipped).toEqual([{ offset: '0', kind: 'rejected' }]);
    expect(outcome).toEqual({ events: withBad.length, applied: [0, withBad.length - 1] });
    for (const { event, topic } of items(withBad))
      await one.projection.apply(event, topic).catch((e: unknown) => expect(e).toBeInstanceOf(PermanentEventError));
    expect(await historyOf(many, life[0].event.trackingId)).toEqual(await historyOf(one, life[0].event.trackingId));
    expect((await many.repository.get(life[0].event.trackingId))?.job).toMatchObject({ status: 'completed' });
  });
});
