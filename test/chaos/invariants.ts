/**
 * What must hold after every fault the chaos suite injects:
 * - every acknowledged chunk is readable, byte for byte;
 * - every job ends — completed, or failed with a reason, or cancelled — none is left pending or running;
 * - the live status (Redis) and the history (MariaDB) of every job say the same, field by field, and a replay
 *   of the topics into a fresh Redis prefix and a fresh database rebuilds both exactly;
 * - no answer was a 5xx but a 503 with Retry-After (workload.ts `badAnswers`).
 * Each check returns what it found wrong (empty: it holds), for one readable failure.
 */
import type Redis from 'ioredis';
import { AppConfig } from '@modelstream/config';
import { chunkObjectKey, flushStatusKeys, replayJobTopics } from '@modelstream/ingest-ops';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { ObjectStore } from '@modelstream/storage';
import { sha256Hex } from '../support/ingest-client';
import { historySnapshot, redisSnapshot, testDatabase, TestDatabase } from '../support/history-harness';
import { historyFields, HistoryView, jobViews, mapConcurrently, statusFields, StatusView } from '../support/history-views';
import { AckedChunk, Workload } from './workload';

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** JSON with object keys sorted: two answers that differ only in key order are the same. */
const json = (v: unknown): string => JSON.stringify(canonical(v));
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object' && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;

/** Reads every acknowledged chunk back from the object store; a missing or changed one is a problem. */
export async function unreadableChunks(store: ObjectStore, bucket: string, acked: AckedChunk[]): Promise<string[]> {
  const problems = await mapConcurrently(acked, 16, async ({ trackingId, chunkIndex, sha256 }) => {
    const key = chunkObjectKey(trackingId, chunkIndex);
    try {
      const stored = sha256Hex(await store.getBuffer(bucket, key));
      return stored === sha256 ? null : `${key}: sha256 ${stored}, acknowledged ${sha256}`;
    } catch (error) {
      return `${key}: ${String(error)}`;
    }
  });
  return problems.filter((p): p is string => p !== null);
}

/**
 * Waits until every job has ended in both views and the views agree, or `timeoutMs` passed. Returns the jobs'
 * final statuses and, for each job that did not get there, what its views say.
 */
export async function settleJobs(
  ingestUrl: string,
  trackingIds: string[],
  timeoutMs: number,
  workload: Workload,
): Promise<{ statuses: Map<string, string>; problems: string[] }> {
  const deadline = Date.now() + timeoutMs;
  const statuses = new Map<string, string>();
  let pending = [...trackingIds];
  let last = new Map<string, string>();
  for (;;) {
    last = new Map();
    const still = await mapConcurrently(pending, 8, async (id) => {
      const views = await viewsOf(ingestUrl, id, workload);
      const problem = viewProblem(views.status, views.history);
      if (!problem) statuses.set(id, views.status!.status);
      else last.set(id, problem);
      return problem ? id : null;
    });
    pending = still.filter((id): id is string => id !== null);
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(1000);
  }
  return { statuses, problems: pending.map((id) => `${id}: ${last.get(id)}`) };
}

async function viewsOf(url: string, id: string, workload: Workload): Promise<{ status: StatusView | null; history: HistoryView | null }> {
  try {
    const views = await jobViews(url, id);
    workload.record({ what: `views of ${id}`, status: 200, retryAfter: null, at: Date.now() });
    return views;
  } catch (error) {
    // jobViews reads JSON: a 503 during an outage answers JSON too, so this is a request left unanswered
    workload.record({ what: `views of ${id}`, status: 'no answer', retryAfter: null, at: Date.now(), detail: String(error) });
    return { status: null, history: null };
  }
}

/** Why a job is not settled yet: a view missing, not ended, failed without a reason, or the views disagreeing. */
function viewProblem(status: StatusView | null, history: HistoryView | null): string | null {
  if (!status || !history) return `status view ${status ? 'present' : 'missing'}, history view ${history ? 'present' : 'missing'}`;
  if (!FINAL.has(status.status)) return `still ${status.status} (stage ${status.stage}, progress ${status.progress})`;
  if (status.status === 'failed' && !status.error) return 'failed without a reason';
  const a = statusFields(status);
  const b = historyFields(history);
  const differing = Object.keys(a).filter((k) => json(a[k as keyof typeof a]) !== json(b[k as keyof typeof b]));
  return differing.length === 0
    ? null
    : `views differ: ${differing.map((k) => `${k} ${json(a[k as keyof typeof a])} ≠ ${json(b[k as keyof typeof b])}`).join('; ')}`;
}

export interface ReplayCheck {
  events: number;
  problems: string[];
}

/**
 * Replays the namespace's topics into a fresh Redis prefix and a fresh database and compares the jobs' records
 * with the live ones, row by row and field by field.
 */
export async function replayDifferences(
  deps: { config: AppConfig; kafka: KafkaClient; codec: EventCodec; redis: Redis; liveDatabase: TestDatabase; livePrefix: string },
  trackingIds: string[],
  label: string,
): Promise<ReplayCheck> {
  const rebuilt = await testDatabase(deps.config, `chaosreplay`);
  const prefix = `${deps.livePrefix}replay-${label}:`;
  try {
    const result = await replayJobTopics({
      kafka: deps.kafka,
      codec: deps.codec,
      redis: { client: deps.redis, prefix },
      database: rebuilt.ds,
    });
    const problems: string[] = [];
    if (result.undecodable + result.rejected > 0) problems.push(`replay skipped ${json(result.skipped.slice(0, 3))}`);
    const [liveDb, replayDb] = await Promise.all([
      historySnapshot(deps.liveDatabase.ds, trackingIds),
      historySnapshot(rebuilt.ds, trackingIds),
    ]);
    for (const table of Object.keys(liveDb)) {
      if (json(liveDb[table]) !== json(replayDb[table]))
        problems.push(`MariaDB ${table}: ${firstDifference(liveDb[table], replayDb[table])}`);
    }
    const [liveRedis, replayRedis] = await Promise.all([
      redisSnapshot(deps.redis, deps.livePrefix, trackingIds),
      redisSnapshot(deps.redis, prefix, trackingIds),
    ]);
    for (const id of trackingIds) {
      if (json(liveRedis[id]) !== json(replayRedis[id]))
        problems.push(`Redis ${id}: live ${json(liveRedis[id])} ≠ replay ${json(replayRedis[id])}`);
    }
    return { events: result.events, problems };
  } finally {
    await flushStatusKeys(deps.redis, prefix).catch(() => undefined);
    await rebuilt.drop();
  }
}

function firstDifference(a: unknown[], b: unknown[]): string {
  if (a.length !== b.length) return `${a.length} live rows, ${b.length} replayed`;
  const i = a.findIndex((row, n) => json(row) !== json(b[n]));
  return `row ${i}: live ${json(a[i])} ≠ replay ${json(b[i])}`;
}

interface DeadLetter {
  partition: number;
  offset: string;
  consumerGroup: string | null;
  eventType: string | null;
  key: string | null;
  error: string | null;
  origin: { topic: string | null };
}

/**
 * The dead letters written since `after` (offsets of letters already reported): none may be, since the load sends
 * nothing a consumer should give up on — a letter here is an event some read model silently lacks.
 */
export async function newDeadLetters(ingestUrl: string, after: Set<string>): Promise<string[]> {
  const res = await fetch(`${ingestUrl}/api/dead-letters?limit=1000`);
  if (res.status !== 200) return [`GET /api/dead-letters answered ${res.status}`];
  const { items } = (await res.json()) as { items: DeadLetter[] };
  const fresh = items.filter((l) => !after.has(`${l.partition}:${l.offset}`));
  for (const l of fresh) after.add(`${l.partition}:${l.offset}`);
  return fresh.map((l) => `${l.consumerGroup} gave up on ${l.eventType} of ${l.key} (${l.origin.topic}): ${l.error}`);
}
