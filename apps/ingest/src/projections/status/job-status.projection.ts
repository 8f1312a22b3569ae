/**
 * The live status of every job, in Redis: per job the job-lifecycle fold's state and the highest sequence
 * applied per topic. The fold runs here, in TypeScript; Redis only compares-and-sets (a Lua script that
 * writes the new record if its revision is still the one the fold started from, moves the job between the
 * per-status indexes and publishes the view for the live stream). No business rule lives in Lua.
 *
 * One round trip per event in the common case: the last record of recently touched jobs is kept in
 * process, and the script answers a conflict (another instance, or the upload service's read-after-write
 * apply) with the current record, so the retry needs no extra read. An event at or below its topic's
 * applied sequence changes nothing: Kafka redeliveries and replays are harmless.
 *
 * `applyBatch` applies many events at once (a Kafka fetch, a replay batch): each job's events of the batch are
 * folded in order onto its record, with the same per-topic sequence rule, and the jobs' records are
 * compared-and-set in one pipeline — one write and one published change per job and batch.
 *
 * Keys (RedisKeys): `job(id)` hash {record, rev, status, updatedAt, view}; `jobs()` and `jobs(status)` sorted sets
 * scored by the job's creation time, and the same per owner (`jobs(status, ownerId)`); channel `jobChanges`.
 */
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { InvalidInputError, JOB_STATUSES, JobStatus, newJobState, ownerOf } from '@modelstream/contracts';
import type { AnyEvent } from '@modelstream/kafka';
import { RedisKeys } from '@modelstream/storage';
import { ApplyStages, noStages, positionsByJob, TopicEvent } from '../job-batch';
import { foldJob, foldJobEvents } from '../job-fold';
import { DEFAULT_PAGE_SIZE, jobsPage, JobsSelection } from '../list-jobs.query';
import {
  CAS_COMMAND,
  casArguments,
  COMPARE_AND_SET,
  CasRedis,
  CasResult,
  compact,
  JobRecord,
  KnownRecord,
  knownRecord,
  NO_RECORD,
  sortedSequences,
  withSequence,
} from './job-status.record';
import { JobList, JobStatusView } from './job-status.view';
import { JobViewCache, StoredView } from './job-view.cache';
import { RecentJobsCache } from './recent-jobs.cache';

/** Writers of one job racing each other all make progress; this bounds a pathological loop. */
const MAX_CAS_ATTEMPTS = 50;
/** How long a read view is kept in process at most (job-view.cache.ts): the most a deleted job is seen for. */
export const VIEW_CACHE_TTL_MS = 1000;

/** How a writer applies its own event (see apply). */
export interface InOrderApply {
  inOrder?: boolean;
  /** The sequence on the topic this event follows, when not the one before its own. */
  after?: number;
}

export class JobStatusProjection {
  private readonly redis: CasRedis;
  private readonly recent = new RecentJobsCache<KnownRecord>(10_000);
  private readonly revPrefix = randomBytes(4).toString('hex');
  private revCounter = 0;
  /** Views read a moment ago; live only while the change feed is heard (JobChangeFeed sets it). */
  readonly views: JobViewCache;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    { viewTtlMs = VIEW_CACHE_TTL_MS }: { viewTtlMs?: number } = {},
  ) {
    this.views = new JobViewCache({ ttlMs: viewTtlMs, capacity: 10_000 });
    if (!(CAS_COMMAND in redis)) redis.defineCommand(CAS_COMMAND, { lua: COMPARE_AND_SET });
    this.redis = redis as CasRedis;
  }

  get channel(): string {
    return this.keys.jobChanges;
  }

  /**
   * Applies one event of `topic`; true when it changed the record (false for an already-applied sequence).
   * `inOrder` (a writer's read-after-write apply of events numbered 1, 2, 3… on the topic) applies the event only
   * right after its predecessor: were an earlier one still on its way through Kafka (Redis was away when it was
   * written), applying this one would make the projector skip it as already applied; the projector applies both.
   * The predecessor is the sequence before the event's, or `after` for an event numbered past a gap (an upload's
   * abort, numbered totalChunks + 1, follows its last accepted chunk).
   */
  async apply(event: AnyEvent, topic: string, { inOrder = false, after }: InOrderApply = {}): Promise<boolean> {
    const id = event.trackingId;
    const sequence = Number(event.sequence);
    let known = this.recent.get(id) ?? NO_RECORD;
    for (let attempt = 1; ; attempt++) {
      const applied = known.record?.seq[topic] ?? (inOrder ? 0 : -1);
      if (applied >= sequence) {
        if (attempt > 1) this.recent.set(id, known); // what Redis just answered is newer than the cached record
        return false;
      }
      if (inOrder && applied !== (after ?? sequence - 1)) {
        if (attempt > 1) return false; // Redis's own record says so
        known = await this.read(id); // the cached record may be behind another writer's
        continue;
      }
      const before = known.record?.state;
      const record: JobRecord = {
        seq: withSequence(known.record?.seq, topic, sequence),
        state: compact(foldJob(before ?? newJobState(id), event)),
      };
      const rev = this.nextRev();
      const args = casArguments(this.keys, this.channel, id, known.rev, before, record, rev, Date.now());
      this.views.forget(id); // before the write goes out: a read queued after it sees it
      const result = await this.redis[CAS_COMMAND](...(args as [number, ...(string | number)[]]));
      if (result[0] === 1) {
        this.recent.set(id, { rev, record });
        return true;
      }
      known = knownRecord(result[1], result[2]);
      if (attempt >= MAX_CAS_ATTEMPTS) throw new Error(`the status of ${id} kept changing under ${attempt} attempts to apply an event`);
    }
  }

  /**
   * Applies a batch of events; per event, true when it changed its job's record (false for an already-applied
   * sequence, or a repeat within the batch). The record of each job becomes what applying its events one by one, in
   * the batch's order, would make it. Jobs not known in process are read in one pipeline; the new records are
   * compared-and-set in one pipeline; a job another writer changed meanwhile is folded again onto the record the
   * conflict answered. An event the fold refuses (PermanentEventError) fails the batch before anything is written.
   */
  async applyBatch(items: readonly TopicEvent[], stages: ApplyStages = noStages()): Promise<boolean[]> {
    const changed = items.map(() => false);
    const jobs = positionsByJob(items);
    const known = new Map<string, KnownRecord>();
    const unknown: string[] = [];
    for (const id of jobs.keys()) {
      const cached = this.recent.get(id);
      if (cached) known.set(id, cached);
      else unknown.push(id);
    }
    if (unknown.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const id of unknown) pipeline.hmget(this.keys.job(id), 'rev', 'record');
      const answers = await execOrThrow<[string | null, string | null]>(pipeline);
      unknown.forEach((id, i) => known.set(id, knownRecord(...answers[i])));
    }
    let pending = [...jobs.keys()];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const folding = performance.now();
      const writes: Array<{ id: string; rev: string; record: JobRecord; applied: number[] }> = [];
      const pipeline = this.redis.pipeline();
      const updatedAt = Date.now();
      for (const id of pending) {
        const { rev: expected, record: current } = known.get(id)!;
        // Which events apply depends only on the sequences; the job's events are then folded at once, and its
        // record compacted and its sequences ordered once per batch (the fold reads none of the compacted fields):
        // the record applying the events one by one makes.
        const seq: Record<string, number> = { ...current?.seq };
        const applied: number[] = [];
        for (const i of jobs.get(id)!) {
          const { event, topic } = items[i];
          const sequence = Number(event.sequence);
          if ((seq[topic] ?? -1) >= sequence) continue;
          seq[topic] = sequence;
          applied.push(i);
        }
        if (applied.length === 0) {
          if (attempt > 1) this.recent.set(id, known.get(id)!); // what Redis just answered is newer than the cache
          continue;
        }
        const state = foldJobEvents(
          current?.state ?? newJobState(id),
          applied.map((i) => items[i].event),
        );
        const record: JobRecord = { seq: sortedSequences(seq), state: compact(state) };
        const rev = this.nextRev();
        const args = casArguments(this.keys, this.channel, id, expected, current?.state, record, rev, updatedAt);
        (pipeline as unknown as Record<string, (...a: (string | number)[]) => unknown>)[CAS_COMMAND](...args);
        this.views.forget(id);
        writes.push({ id, rev, record, applied });
      }
      stages.fold += performance.now() - folding;
      if (writes.length === 0) break;
      const writing = performance.now();
      const results = await execOrThrow<CasResult>(pipeline);
      stages.write += performance.now() - writing;
      pending = [];
      writes.forEach(({ id, rev, record, applied }, w) => {
        const result = results[w];
        if (result[0] === 1) {
          this.recent.set(id, { rev, record });
          for (const i of applied) changed[i] = true;
        } else {
          known.set(id, knownRecord(result[1], result[2]));
          pending.push(id);
        }
      });
      if (pending.length > 0 && attempt >= MAX_CAS_ATTEMPTS) {
        throw new Error(`the status of ${pending.length} jobs kept changing under ${attempt} attempts to apply a batch`);
      }
    }
    return changed;
  }

  private async read(trackingId: string): Promise<KnownRecord> {
    const [rev, record] = await this.redis.hmget(this.keys.job(trackingId), 'rev', 'record');
    return knownRecord(rev, record);
  }

  private nextRev(): string {
    return `${this.revPrefix}.${(++this.revCounter).toString(36)}`;
  }

  /**
   * The job's status with `event` of `topic` applied, without a round trip: from the record this instance last
   * wrote or read, when that record holds the event (applied by this instance's `apply`, by its projector, or read
   * back from Redis by an `apply` that found it applied); null otherwise.
   */
  statusWith(event: AnyEvent, topic: string): JobStatus | null {
    const record = this.recent.get(event.trackingId)?.record;
    return record && (record.seq[topic] ?? -1) >= Number(event.sequence) ? record.state.status : null;
  }

  /** The view written with the record's last change. */
  async get(trackingId: string): Promise<JobStatusView | null> {
    const stored = await this.storedView(trackingId);
    return stored && (JSON.parse(stored.json) as JobStatusView);
  }

  /** The view as stored (JSON) and its owner: from the views read a moment ago, else one HMGET (no fold, no parse). */
  storedView(trackingId: string): Promise<StoredView | null> {
    return this.views.read(trackingId, () => this.readView(trackingId));
  }

  /**
   * The view as Redis holds it. A view stored before its owner was kept beside it is parsed for the owner (the
   * legacy owner for a job from before owners).
   */
  private async readView(trackingId: string): Promise<StoredView | null> {
    const [json, owner] = await this.redis.hmget(this.keys.job(trackingId), 'view', 'owner');
    if (json === null) return null;
    if (owner !== null) return { json, ownerId: owner };
    const view = JSON.parse(json) as JobStatusView;
    const ownerId = ownerOf(view.ownerId);
    return { json: view.ownerId === ownerId ? json : JSON.stringify({ ...view, ownerId }), ownerId };
  }

  /** Jobs newest first, optionally of one status and a creation-time range; everyone's, or one owner's. */
  async list(selection: Partial<JobsSelection> = {}, ownerId?: string): Promise<JobList> {
    if (selection.modelType || selection.filename || selection.datasetId) {
      throw new InvalidInputError(
        'The live status lists jobs by status and time only: filter by modelType, filename or datasetId on GET /api/model-train/jobs (the history).',
      );
    }
    const window = { offset: selection.offset ?? 0, limit: selection.limit ?? DEFAULT_PAGE_SIZE };
    const key = this.keys.jobs(selection.status, ownerId);
    const min = selection.from ? String(selection.from.getTime()) : '-inf';
    const max = selection.to ? `(${selection.to.getTime()}` : '+inf';
    const [total, ids] = await Promise.all([
      this.redis.zcount(key, min, max),
      this.redis.zrange(key, max, min, 'BYSCORE', 'REV', 'LIMIT', window.offset, window.limit, 'WITHSCORES'),
    ]);
    const pipeline = this.redis.pipeline();
    for (let i = 0; i < ids.length; i += 2) pipeline.hget(this.keys.job(ids[i]), 'status');
    const statuses = ids.length ? ((await pipeline.exec()) ?? []) : [];
    const items: JobList['items'] = [];
    for (let i = 0; i < ids.length; i += 2) {
      const [error, status] = statuses[i / 2] ?? [null, null];
      items.push({
        trackingId: ids[i],
        status: (!error && typeof status === 'string' ? status : 'pending') as JobStatus,
        createdAt: new Date(Number(ids[i + 1])).toISOString(),
      });
    }
    return { items, ...jobsPage(window, total, items.length) };
  }

  /** Parses a message published on `channel` back into a view. */
  static parseChange(message: string): JobStatusView {
    const view = JSON.parse(message) as JobStatusView;
    if (typeof view?.trackingId !== 'string' || !JOB_STATUSES.includes(view.status)) throw new Error('not a job status change');
    return view;
  }
}

/** The replies of a pipeline, in order; the first failed command fails the whole (its writes are idempotent). */
async function execOrThrow<T>(pipeline: ReturnType<Redis['pipeline']>): Promise<T[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply as T;
  });
}
