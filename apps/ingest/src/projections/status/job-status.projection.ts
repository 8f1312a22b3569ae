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
 * Keys (RedisKeys): `job(id)` hash {record, rev, status, updatedAt, view}; `jobs()` and `jobs(status)` sorted sets
 * scored by the job's creation time, and the same per owner (`jobs(status, ownerId)`); channel `jobChanges`.
 */
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { InvalidInputError, JOB_STATUSES, JobState, JobStatus, newJobState, ownerOf } from '@modelstream/contracts';
import type { AnyEvent } from '@modelstream/kafka';
import { RedisKeys } from '@modelstream/storage';
import { foldJob } from '../job-fold';
import { DEFAULT_PAGE_SIZE, jobsPage, JobsSelection } from '../list-jobs.query';
import { JobList, JobStatusView, toJobStatusView } from './job-status.view';
import { RecentJobsCache } from './recent-jobs.cache';

// KEYS: 1 job hash, 2..(ARGV[10]+1) the indexes the job is in (all jobs and its status's, everyone's and its
//       owner's), the rest the indexes it may leave.
// ARGV: 1 expected revision ('' = no record), 2 new revision, 3 record, 4 status, 5 updatedAt, 6 index score,
//       7 trackingId, 8 channel, 9 the view (kept for reads, published for the live stream), 10 how many indexes to join.
const COMPARE_AND_SET = `
local rev = redis.call('HGET', KEYS[1], 'rev') or ''
if rev ~= ARGV[1] then return { 0, rev, redis.call('HGET', KEYS[1], 'record') or '' } end
if rev == '' then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'record', ARGV[3], 'status', ARGV[4], 'updatedAt', ARGV[5], 'view', ARGV[9])
local joined = tonumber(ARGV[10]) + 1
for i = 2, joined do redis.call('ZADD', KEYS[i], ARGV[6], ARGV[7]) end
for i = joined + 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[7]) end
redis.call('PUBLISH', ARGV[8], ARGV[9])
return { 1 }
`;
const COMMAND = 'modelstreamJobStatusCas';
type CasResult = [1] | [0, string, string];
type CasRedis = Redis & { [COMMAND](numKeys: number, ...args: (string | number)[]): Promise<CasResult> };

/** What Redis holds per job. */
interface JobRecord {
  /** Highest sequence applied per topic. */
  seq: Record<string, number>;
  state: JobState;
}
interface KnownRecord {
  rev: string;
  record: JobRecord | null;
}
const NO_RECORD: KnownRecord = { rev: '', record: null };
/** Writers of one job racing each other all make progress; this bounds a pathological loop. */
const MAX_CAS_ATTEMPTS = 50;

export class JobStatusProjection {
  private readonly redis: CasRedis;
  private readonly recent = new RecentJobsCache<KnownRecord>(10_000);
  private readonly revPrefix = randomBytes(4).toString('hex');
  private revCounter = 0;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { lua: COMPARE_AND_SET });
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
   */
  async apply(event: AnyEvent, topic: string, { inOrder = false }: { inOrder?: boolean } = {}): Promise<boolean> {
    const id = event.trackingId;
    const sequence = Number(event.sequence);
    let known = this.recent.get(id) ?? NO_RECORD;
    for (let attempt = 1; ; attempt++) {
      const applied = known.record?.seq[topic] ?? (inOrder ? 0 : -1);
      if (applied >= sequence) {
        if (attempt > 1) this.recent.set(id, known); // what Redis just answered is newer than the cached record
        return false;
      }
      if (inOrder && applied !== sequence - 1) {
        if (attempt > 1) return false; // Redis's own record says so
        known = await this.read(id); // the cached record may be behind another writer's
        continue;
      }
      const before = known.record?.state;
      const record: JobRecord = {
        seq: withSequence(known.record?.seq, topic, sequence),
        state: compact(foldJob(before ?? newJobState(id), event)),
      };
      const rev = `${this.revPrefix}.${(++this.revCounter).toString(36)}`;
      const updatedAt = Date.now();
      const status = record.state.status;
      const owner = ownerOf(record.state.ownerId);
      const joining = [this.keys.jobs(), this.keys.jobs(status), this.keys.jobs(undefined, owner), this.keys.jobs(status, owner)];
      const keys = [this.keys.job(id), ...joining, ...this.indexesLeft(before, status, owner)];
      const result = await this.redis[COMMAND](
        keys.length,
        ...keys,
        known.rev,
        rev,
        JSON.stringify(record),
        status,
        updatedAt,
        record.state.createdAt,
        id,
        this.channel,
        JSON.stringify(toJobStatusView(record.state, updatedAt)),
        joining.length,
      );
      if (result[0] === 1) {
        this.recent.set(id, { rev, record });
        return true;
      }
      known = { rev: result[1], record: result[2] ? (JSON.parse(result[2]) as JobRecord) : null };
      if (attempt >= MAX_CAS_ATTEMPTS) throw new Error(`the status of ${id} kept changing under ${attempt} attempts to apply an event`);
    }
  }

  /**
   * The indexes a job leaves as its status (or, once, its owner: from legacy to the one its events name) changes.
   * A job without a record may still sit in an index (a record of an older layout): it leaves every other status's.
   */
  private indexesLeft(before: JobState | undefined, status: JobStatus, owner: string): string[] {
    const oldOwner = before ? ownerOf(before.ownerId) : owner;
    const statuses = before ? (before.status === status ? [] : [before.status]) : JOB_STATUSES.filter((s) => s !== status);
    const left = statuses.flatMap((s) => [this.keys.jobs(s), this.keys.jobs(s, oldOwner)]);
    if (oldOwner !== owner) left.push(this.keys.jobs(undefined, oldOwner), this.keys.jobs(before!.status, oldOwner));
    return left;
  }

  private async read(trackingId: string): Promise<KnownRecord> {
    const [rev, record] = await this.redis.hmget(this.keys.job(trackingId), 'rev', 'record');
    return rev ? { rev, record: record ? (JSON.parse(record) as JobRecord) : null } : NO_RECORD;
  }

  /** The view written with the record's last change: a read is one HGET and no fold. */
  async get(trackingId: string): Promise<JobStatusView | null> {
    const view = await this.redis.hget(this.keys.job(trackingId), 'view');
    return view ? (JSON.parse(view) as JobStatusView) : null;
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

/**
 * The status view never shows the dataset's columns, the hyperparameters or the trainer's settings, and they
 * can be large (an upload may have 10,000 columns): the history keeps them. No derived field depends on them.
 */
function compact(state: JobState): JobState {
  return { ...state, datasetColumns: null, hyperparameters: null, settings: null };
}

/** The applied sequences with one more, keys in order: the same record whatever order the topics came in. */
function withSequence(seq: Record<string, number> | undefined, topic: string, sequence: number): Record<string, number> {
  const all: Record<string, number> = { ...seq, [topic]: sequence };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
}
