/**
 * One job-lifecycle fold for both read models, end to end: 1,000 generated job lives (uploads aborted or
 * cancelled at any chunk, queued and cancelled requests, trainers taken over, the watchdog, late and zombie
 * events, producer duplicates) are published as real Avro events to the real topics, projected by a real
 * ingest app, and then both public views of every job — the live status (Redis) and the history (MariaDB)
 * — must say, field by field, what the fold says. A replay into a fresh Redis prefix and a fresh database,
 * read back through the same views (a second app on those stores), must say the same again.
 */
import { TOPICS } from '@modelstream/contracts';
import { flushStatusKeys, replayJobTopics } from '@modelstream/ingest-ops';
import { RunningApp } from './support/app-process';
import { JobTopicKey } from './support/history-events';
import {
  deleteGroup,
  harness,
  historyGroupOf,
  HistoryHarness,
  runId,
  startIngest,
  testDatabase,
  TestDatabase,
} from './support/history-harness';
import { expectedFields, historyFields, HistoryView, jobViews, mapConcurrently, statusFields, StatusView } from './support/history-views';
import { generateLives, JobLife, projectLife } from './support/job-lives';

jest.setTimeout(240_000);

const LIVES = 1000;
const run = runId();
const seed = parseInt(run, 16);
const prefix = `lives-${run}`;

describe(`1,000 generated job lives in both read models (seed ${seed})`, () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let rebuilt: TestDatabase | undefined;
  let app: RunningApp | undefined;
  let replayApp: RunningApp | undefined;
  const replayPrefix = `${process.env.REDIS_KEY_PREFIX ?? ''}${prefix}-replay:`;
  const lives: JobLife[] = generateLives(seed, LIVES, prefix, Date.now() - 3_600_000);
  const expected = new Map(lives.map((l) => [l.trackingId, projectLife(l.trackingId, l.events)]));
  const live = new Map<string, { status: StatusView; history: HistoryView }>();

  beforeAll(async () => {
    h = harness();
    db = await testDatabase(h.config, 'lives');
    app = await startIngest(3171, db.name);
    await publishLives(h, lives);
  });

  afterAll(async () => {
    await Promise.allSettled([app?.stop(), replayApp?.stop()]);
    if (db) await deleteGroup(h.kafka, historyGroupOf(db.name));
    await flushStatusKeys(h.redis, replayPrefix).catch(() => undefined);
    await Promise.allSettled([db?.drop(), rebuilt?.drop()]);
    await h?.close();
  });

  it('projects every life into both views as the fold says, field by field', async () => {
    // Waits while the projectors make progress: a minute without one more settled life, or 200 s in all, ends it.
    const cap = Date.now() + 200_000;
    let stallDeadline = Date.now() + 60_000;
    let pending = lives.map((l) => l.trackingId);
    while (pending.length > 0 && Date.now() < Math.min(cap, stallDeadline)) {
      const settled = await mapConcurrently(pending, 32, async (id) => {
        const views = await jobViews(app!.url, id);
        const state = expected.get(id)!;
        const want = expectedFields(state);
        // Every event applied: late ones (after the end) change nothing the views show but the newest event time.
        const done =
          views.status &&
          views.history &&
          same(statusFields(views.status), want) &&
          same(historyFields(views.history), want) &&
          views.history.lastEventAt === new Date(state.lastEventAt).toISOString();
        if (done) live.set(id, { status: views.status!, history: views.history! });
        return done ? null : id;
      });
      const before = pending.length;
      pending = settled.filter((id): id is string => id !== null);
      if (pending.length < before) stallDeadline = Date.now() + 60_000;
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    // What is still different, shown field by field.
    const mismatches = await mapConcurrently(pending.slice(0, 5), 5, async (id) => {
      const views = await jobViews(app!.url, id);
      const life = lives.find((l) => l.trackingId === id)!;
      return {
        id,
        scenario: life.scenario,
        want: expectedFields(expected.get(id)!),
        status: views.status && statusFields(views.status),
        history: views.history && historyFields(views.history),
      };
    });
    expect(mismatches).toEqual([]);

    for (const life of lives) {
      const state = expected.get(life.trackingId)!;
      const { history } = live.get(life.trackingId)!;
      expect({ id: life.trackingId, ...pick(state, Object.keys(life.intent)) }).toEqual({ id: life.trackingId, ...life.intent });
      expect({
        id: life.trackingId,
        transitions: history.transitions.map((t: { status: string; at: string }) => [t.status, t.at]),
      }).toEqual({
        id: life.trackingId,
        transitions: state.transitions.map((t) => [t.status, new Date(t.at).toISOString()]),
      });
      expect({ id: life.trackingId, attempts: history.attempts }).toEqual({ id: life.trackingId, attempts: state.attempts });
    }
    const statuses = new Set([...live.values()].map((v) => v.status.status));
    expect([...statuses].sort()).toEqual(['cancelled', 'completed', 'failed', 'pending', 'running']);
  });

  it('gives the same views after a replay into a fresh Redis prefix and a fresh database', async () => {
    expect(live.size).toBe(LIVES);
    rebuilt = await testDatabase(h.config, 'livesreplay');
    const replay = () =>
      replayJobTopics({
        kafka: h.kafka,
        codec: h.codec,
        redis: { client: h.redis, prefix: replayPrefix },
        database: rebuilt!.ds,
        trackingIdPrefix: prefix,
      });
    const first = await replay();
    const events = lives.reduce((n, l) => n + l.events.length, 0);
    expect(first).toMatchObject({ events, undecodable: 0, rejected: 0 });
    expect(first.appliedToMariadb).toBeGreaterThan(0);
    const second = await replay();
    expect(second).toMatchObject({ events, appliedToRedis: 0, appliedToMariadb: 0 });

    // The same views, served by an app on the rebuilt stores (its consumer groups are at the end already).
    await app!.stop();
    app = undefined;
    replayApp = await startIngest(3172, rebuilt.name, { REDIS_KEY_PREFIX: replayPrefix, HISTORY_CONSUMER_GROUP: historyGroupOf(db.name) });
    const different = (
      await mapConcurrently(lives, 32, async ({ trackingId }) => {
        const views = await jobViews(replayApp!.url, trackingId);
        const before = live.get(trackingId)!;
        const stripClock = (v: StatusView | null) => v && { ...v, updatedAt: undefined };
        const diff = [
          ...differences(stripClock(before.status), stripClock(views.status), 'status'),
          ...differences(before.history, views.history, 'history'),
        ];
        return diff.length === 0 ? null : { trackingId, diff };
      })
    ).filter((d) => d !== null);
    expect(different.slice(0, 5)).toEqual([]);
  });
});

/** Each topic's messages of every life (a job's in its order), encoded with the registry and sent in batches. */
async function publishLives(h: HistoryHarness, lives: JobLife[]): Promise<void> {
  const byTopic = new Map<JobTopicKey, Array<{ key: string; value: Buffer; headers: Record<string, string> }>>();
  for (const life of lives) {
    for (const { topic, event } of life.events) {
      const value = await h.codec.encode(TOPICS[topic], event);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: event.trackingId, value, headers: { 'event-type': event.type, 'event-id': event.eventId } });
      byTopic.set(topic, messages);
    }
  }
  await Promise.all(
    [...byTopic.entries()].map(async ([topic, messages]) => {
      for (let i = 0; i < messages.length; i += 500) await h.kafka.send(TOPICS[topic].name, messages.slice(i, i + 500));
    }),
  );
}

/** The paths where `b` differs from `a`, with both values. */
function differences(a: unknown, b: unknown, path: string): string[] {
  if (same(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

/** Deep equality, whatever the order of object keys (a JSON answer's order is not part of it). */
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
const pick = (o: object, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
