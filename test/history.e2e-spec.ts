/**
 * The job history end to end, against the real stack: the ingest app (built, child process) projects job
 * events into a throwaway MariaDB database; the history API returns each job's full life; a replay into
 * emptied stores rebuilds MariaDB and Redis equal to the live state, and a second replay changes nothing;
 * a malformed message is dead-lettered with its origin and the projector carries on; the watchdog fails a
 * job whose trainer went silent by publishing TrainingFailed.
 */
import { randomUUID } from 'node:crypto';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { replayJobTopics, flushStatusKeys } from '@modelstream/ingest-ops';
import { emptyHistoryTables, RedisKeys } from '@modelstream/storage';
import { RunningApp } from './support/app-process';
import { jobLife, PlannedEvent } from './support/history-events';
import {
  getJson,
  deleteGroup,
  harness,
  historyGroupOf,
  HistoryHarness,
  historySnapshot,
  postJson,
  publishAll,
  redisSnapshot,
  runId,
  startIngest,
  testDatabase,
  TestDatabase,
} from './support/history-harness';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

interface JobView {
  trackingId: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  filename: string;
  modelType: string;
  modelId: string | null;
  version: number | null;
  settings: { modelName: string; target: string; hyperparameters: Record<string, unknown>; training: { backend: string } | null };
  dataset: { sha256: string; columns: string[] };
  transitions: Array<{ status: string; at: string }>;
  epochs: Array<{ epoch: number; metrics: Record<string, number> }>;
  metrics: Record<string, number>;
  cancel: { reason: string } | null;
  result: unknown;
}

const PORT = 3151;
const run = runId();

describe('job history (MariaDB), replay, dead letters, watchdog', () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let app: RunningApp;
  let keys: RedisKeys;
  const extraDbs: TestDatabase[] = [];
  const watchPrefix = `hist-wd-${run}`;
  const filename = `history-${run}.csv`;
  const sha = randomUUID().replace(/-/g, '').padEnd(64, 'a');
  const lives = {
    completed: jobLife({ ending: 'completed', trackingId: `hist-${run}-completed`, filename, sha256: sha, epochs: 4 }),
    failed: jobLife({ ending: 'failed', trackingId: `hist-${run}-failed`, filename, sha256: sha, epochs: 4 }),
    cancelled: jobLife({
      ending: 'cancelled',
      trackingId: `hist-${run}-cancelled`,
      filename,
      sha256: sha,
      modelType: 'mlp_classifier',
      epochs: 4,
    }),
  };
  const ids = Object.values(lives).map((l) => l[0].event.trackingId);
  const job = (id: string) => getJson<JobView>(`${app.url}/api/model-train/jobs/${id}`);
  // In that status, and (unless told otherwise) with its request applied: the projector reads four topics
  // with no order between them.
  const settled = (id: string, status: string, withRequest = true) =>
    eventually(async () => {
      const { body } = await job(id);
      return body.status === status && (!withRequest || !!body.dataset?.sha256);
    }, 60_000);

  beforeAll(async () => {
    h = harness();
    keys = new RedisKeys(h.config.REDIS_KEY_PREFIX);
    db = await testDatabase(h.config);
    app = await startIngest(PORT, db.name, {
      WATCHDOG_INTERVAL_MS: '1000',
      WATCHDOG_STALE_AFTER_MS: '4000',
      WATCHDOG_SCOPE_PREFIX: watchPrefix,
    });
    // The three jobs' events, interleaved as concurrent producers would publish them.
    const all: PlannedEvent[] = [];
    const queues = Object.values(lives).map((l) => [...l]);
    while (queues.some((q) => q.length)) for (const q of queues) if (q.length) all.push(q.shift()!);
    await publishAll(h.publisher, all);
  });

  afterAll(async () => {
    await app?.stop();
    if (db) await deleteGroup(h.kafka, historyGroupOf(db.name));
    await Promise.allSettled([db?.drop(), ...extraDbs.map((d) => d.drop())]);
    await h?.close();
  });

  it('returns the full life of a completed, a failed and a cancelled job', async () => {
    expect(await settled(ids[0], 'completed')).toBe(true);
    expect(await settled(ids[1], 'failed')).toBe(true);
    expect(await settled(ids[2], 'cancelled')).toBe(true);

    const completed = (await job(ids[0])).body;
    expect(completed).toMatchObject({ status: 'completed', progress: 100, filename, modelType: 'logistic_regression', version: 1 });
    expect(completed.modelId).toMatch(/^models:\/hist-model-.+\/1$/);
    expect(completed.settings).toMatchObject({ target: 'species', hyperparameters: { learningRate: 0.05, epochs: 4 } });
    expect(completed.settings.training?.backend).toBe('cpu');
    expect(completed.dataset).toEqual({ sha256: sha, size: 200, columns: ['a', 'b', 'species'] });
    expect(completed.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'completed']);
    const times = completed.transitions.map((t) => Date.parse(t.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(completed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(completed.epochs[3].metrics).toMatchObject({ accuracy: 1, loss: 0.2 });
    expect(completed.metrics).toEqual({ accuracy: 0.93, f1: 0.91, log_loss: 0.2 });
    expect(completed.result).toMatchObject({ labels: ['setosa', 'versicolor'] });

    const failed = (await job(ids[1])).body;
    expect(failed).toMatchObject({ status: 'failed', stage: 'training', modelId: null, version: 2 });
    expect(failed.error).toContain('lower the learning rate');
    expect(failed.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'failed']);
    expect(failed.epochs.map((e) => e.epoch)).toEqual([1, 2]);

    const cancelled = (await job(ids[2])).body;
    // Another model type on the same dataset starts its own version count.
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      modelType: 'mlp_classifier',
      version: 1,
      cancel: { reason: 'stopped by the test' },
    });
    expect(cancelled.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'cancelled']);

    expect((await job(`hist-${run}-nope`)).status).toBe(404);
  });

  it('lists jobs filtered by status, model type, filename and time, paged', async () => {
    type Page = { items: Array<{ trackingId: string; status: string }>; total: number; page: number; pageSize: number };
    const list = (q: string) => getJson<Page>(`${app.url}/api/model-train/jobs?filename=${filename}&${q}`);
    expect((await list('')).body.total).toBe(3);
    expect((await list('status=failed')).body.items.map((i) => i.trackingId)).toEqual([ids[1]]);
    expect((await list('modelType=mlp_classifier')).body.items.map((i) => i.trackingId)).toEqual([ids[2]]);
    const paged = (await list('pageSize=2&page=2')).body;
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await list(`from=${future}`)).body.total).toBe(0);
    expect((await list(`to=${future}`)).body.total).toBe(3);
    expect((await list('status=exploded')).status).toBe(400);
    expect((await list('pageSize=1000')).status).toBe(400);
  });

  describe('replay', () => {
    type Snap = Record<string, unknown>;
    const seen: { liveDb?: Snap; liveRedis?: Snap; db: Snap[]; redis: Snap[]; liveDbAgain?: Snap; liveRedisAgain?: Snap } = {
      db: [],
      redis: [],
    };
    const results: Awaited<ReturnType<typeof replayJobTopics>>[] = [];
    const prefix = `${process.env.REDIS_KEY_PREFIX ?? ''}hist-replay-${run}:`;
    afterAll(() => flushStatusKeys(h.redis, prefix));

    beforeAll(async () => {
      // The live state: MariaDB from the app's projector, Redis from the status projector (the app's prefix).
      const statuses = async () => Promise.all(ids.map((id) => h.redis.hget(keys.job(id), 'status')));
      await eventually(async () => (await statuses()).join() === 'completed,failed,cancelled', 60_000);
      // …and MariaDB's projector (its own group on this throwaway database) has applied every event of these jobs:
      // it may still be behind when Redis, projected by a long-running group, is already final.
      const published = Object.values(lives).reduce((n, life) => n + life.length, 0);
      const applied = async () =>
        ((await historySnapshot(db.ds, ids)).cursors as { applied_events: number }[]).reduce((n, c) => n + Number(c.applied_events), 0);
      expect(await eventually(async () => (await applied()) === published, 120_000)).toBe(true);
      seen.liveDb = await historySnapshot(db.ds, ids);
      seen.liveRedis = await redisSnapshot(h.redis, keys.prefix, ids);

      // Empty stores: a fresh database, emptied; a fresh Redis prefix. Replayed twice.
      const rebuilt = await testDatabase(h.config, 'replay');
      extraDbs.push(rebuilt);
      await emptyHistoryTables(rebuilt.ds);
      for (let i = 0; i < 2; i++) {
        results.push(await replayJobTopics({ kafka: h.kafka, codec: h.codec, redis: { client: h.redis, prefix }, database: rebuilt.ds }));
        seen.db.push(await historySnapshot(rebuilt.ds, ids));
        seen.redis.push(await redisSnapshot(h.redis, prefix, ids));
      }

      // The live stores themselves: this test's rows deleted from the app's database and this test's keys
      // from the live prefix, then a replay into them.
      await db.ds.query('DELETE FROM job_event_cursors WHERE tracking_id IN (?)', [ids]);
      await db.ds.query('DELETE FROM training_jobs WHERE tracking_id IN (?)', [ids]);
      for (const id of ids) await h.redis.del(keys.job(id));
      expect((await historySnapshot(db.ds, ids)).jobs).toHaveLength(0);
      await replayJobTopics({ kafka: h.kafka, codec: h.codec, redis: { client: h.redis, prefix: keys.prefix }, database: db.ds });
      seen.liveDbAgain = await historySnapshot(db.ds, ids);
      seen.liveRedisAgain = await redisSnapshot(h.redis, keys.prefix, ids);
    });

    it('reads every event up to the end offsets, and a second replay changes nothing', () => {
      expect(results[0].events).toBeGreaterThanOrEqual(all(lives));
      // Only events published after the first replay's end offsets (other engineers' jobs) may change anything.
      const newer = Math.max(results[1].expected - results[0].expected, 0);
      expect(results[1].appliedToMariadb).toBeLessThanOrEqual(newer);
      expect(results[1].appliedToRedis).toBeLessThanOrEqual(newer);
    });

    it('rebuilds the MariaDB history equal to the live one, field by field', () => {
      expect((seen.liveDb!.jobs as unknown[]).length).toBe(3);
      expect(seen.db[0]).toEqual(seen.liveDb);
      expect(seen.db[1]).toEqual(seen.liveDb);
      expect(seen.liveDbAgain).toEqual(seen.liveDb);
    });

    it('rebuilds the Redis status equal to the live one, field by field (except updatedAt, the projector clock)', () => {
      expect(Object.values(seen.liveRedis as Record<string, { status: string }>).map((r) => r.status)).toEqual([
        'cancelled',
        'completed',
        'failed',
      ]);
      expect(seen.redis[0]).toEqual(seen.liveRedis);
      expect(seen.redis[1]).toEqual(seen.liveRedis);
      expect(seen.liveRedisAgain).toEqual(seen.liveRedis);
    });
  });

  it('dead-letters a malformed message with its origin and keeps projecting the messages after it', async () => {
    const trackingId = `hist-${run}-dlq`;
    const [sent] = await h.kafka.send(TOPICS.trainingEvents.name, [
      { key: trackingId, value: Buffer.from('this is not avro'), headers: { 'event-type': 'Garbage' } },
    ]);
    const life = jobLife({ ending: 'completed', trackingId, epochs: 2 });
    await publishAll(h.publisher, life);
    expect(await settled(trackingId, 'completed')).toBe(true);

    const group = historyGroupOf(db.name);
    type Letters = {
      items: Array<{
        partition: number;
        offset: string;
        origin: { topic: string; partition: number; offset: string };
        consumerGroup: string;
        error: string;
        headers: Record<string, string>;
        key: string;
      }>;
    };
    let letter: Letters['items'][number] | undefined;
    expect(
      await eventually(
        async () => {
          const { body } = await getJson<Letters>(
            `${app.url}/api/dead-letters?originTopic=${TOPICS.trainingEvents.name}&consumerGroup=${group}`,
          );
          letter = body.items.find((l) => l.origin.offset === String(sent.baseOffset) && l.origin.partition === sent.partition);
          return !!letter;
        },
        60_000,
        2000,
      ),
    ).toBe(true);
    expect(letter).toMatchObject({
      key: trackingId,
      consumerGroup: group,
      origin: { topic: TOPICS.trainingEvents.name, partition: sent.partition },
    });
    expect(letter!.error).toMatch(/decode/i);
    expect(letter!.headers).toMatchObject({
      [DLQ_HEADERS.topic]: TOPICS.trainingEvents.name,
      [DLQ_HEADERS.group]: group,
      'event-type': 'Garbage',
    });

    // Re-publishing sends it back to its origin, where it fails again and comes back marked as re-published.
    const republished = await postJson<{ republished: Array<{ to: { topic: string; partition: number; offset: string } }> }>(
      `${app.url}/api/dead-letters/republish`,
      { letters: [{ partition: letter!.partition, offset: letter!.offset }] },
    );
    expect(republished.status).toBe(200);
    const to = republished.body.republished[0].to;
    expect(to.topic).toBe(TOPICS.trainingEvents.name);
    expect(
      await eventually(
        async () => {
          const { body } = await getJson<Letters>(`${app.url}/api/dead-letters?consumerGroup=${group}`);
          return body.items.some(
            (l) =>
              l.origin.offset === to.offset &&
              l.headers['x-dlq-republished-from'] === `${TOPICS.deadLetters.name}/${letter!.partition}/${letter!.offset}`,
          );
        },
        60_000,
        2000,
      ),
    ).toBe(true);
    expect((await postJson(`${app.url}/api/dead-letters/republish`, { letters: [{ offset: '999999999' }] })).status).toBe(404);
  });

  it('fails a job whose trainer went silent by publishing TrainingFailed (stage watchdog)', async () => {
    const trackingId = `${watchPrefix}-${randomUUID()}`;
    // Chunks, then the trainer's start and one epoch, then silence. No TrainingRequested: a real trainer running
    // beside this test would take the request up and fail it itself (its dataset does not exist).
    const life = jobLife({ ending: 'running', trackingId, epochs: 6 })
      .slice(0, 5)
      .filter((e) => e.event.type !== 'TrainingRequested');
    expect(life.map((e) => e.event.type)).toEqual(['UploadChunkReceived', 'UploadChunkReceived', 'TrainingStarted', 'TrainingProgress']);
    await publishAll(h.publisher, life);
    expect(await settled(trackingId, 'running', false)).toBe(true);
    expect(await settled(trackingId, 'failed', false)).toBe(true);
    const failed = (await job(trackingId)).body;
    expect(failed.stage).toBe('watchdog');
    expect(failed.error).toMatch(/No event from the trainer/);
    expect(failed.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'failed']);
    // It came from the log: the status projection (Redis) learnt it too.
    expect(await eventually(async () => (await h.redis.hget(keys.job(trackingId), 'status')) === 'failed', 30_000)).toBe(true);
  });
});

function all(lives: Record<string, PlannedEvent[]>): number {
  return Object.values(lives).reduce((n, l) => n + l.length, 0);
}
