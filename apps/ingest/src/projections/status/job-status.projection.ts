/**
 * The live status of every job, projected from its events into Redis. Idempotent by design: per job and
 * per topic the highest applied sequence is kept, and an event at or below it changes nothing, so Kafka
 * redeliveries and full replays are harmless. Each apply is one Lua script (atomic), which also publishes
 * the changed record on `<prefix>job-changes` for the live stream.
 *
 * Keys (prefix default `ms:`): `job:<trackingId>` hash, `jobs` sorted set (score = createdAt ms),
 * `jobs:<status>` sorted set per status. Also used by the replay CLI to rebuild Redis from the topics.
 */
import type Redis from 'ioredis';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';
import type { AnyEvent } from '@modelstream/kafka';
import { reduceJobEvent } from './job-event.reducer';
import { JobList, JobStatusView, toJobStatusView } from './job-status.view';

// KEYS: 1 job hash, 2 all-jobs zset, 3..7 the per-status zsets in JOB_STATUSES order.
// ARGV: 1 trackingId, 2 sequence field, 3 sequence, 4 event time (ms), 5 status or '', 6 unless-field or '',
//       7 facts (JSON object of strings), 8 channel, 9 now (ms), 10 lifecycle fields (JSON object of strings)
//
// Events of one job arrive in order per topic but not across topics, so the result must not depend on
// the interleaving: facts (names, settings, times) are always recorded; the status only moves forward and
// a final one stays; lifecycle fields (stage, progress, error) go with an accepted status move only.
const APPLY_SCRIPT = `
local seq = tonumber(ARGV[3])
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '-1')
if seq <= last then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
local rank = { pending = 0, running = 1, completed = 2, failed = 2, cancelled = 2 }
local slot = { pending = 3, running = 4, completed = 5, failed = 6, cancelled = 7 }
local current = redis.call('HGET', KEYS[1], 'status')
local final = current and rank[current] == 2
local at = tonumber(ARGV[4])
local created = tonumber(redis.call('HGET', KEYS[1], 'createdAt') or '0')
if created == 0 or at < created then
  created = at
  redis.call('HSET', KEYS[1], 'createdAt', ARGV[4])
end
for k, v in pairs(cjson.decode(ARGV[7])) do
  if k == 'receivedChunks' then
    local had = tonumber(redis.call('HGET', KEYS[1], k) or '0')
    if tonumber(v) > had then redis.call('HSET', KEYS[1], k, v) end
  else
    redis.call('HSET', KEYS[1], k, v)
  end
end
local status = current
local accepted = false
local wanted = ARGV[5]
if wanted ~= '' then
  if (ARGV[6] == '' or redis.call('HEXISTS', KEYS[1], ARGV[6]) == 0) and (not current or (not final and rank[wanted] >= rank[current])) then
    status = wanted
    accepted = true
  end
elseif not final then
  accepted = true
end
if accepted then
  for k, v in pairs(cjson.decode(ARGV[10])) do redis.call('HSET', KEYS[1], k, v) end
end
if not status then status = 'pending' end
if current and current ~= status then redis.call('ZREM', KEYS[slot[current]], ARGV[1]) end
redis.call('HSET', KEYS[1], 'status', status, 'trackingId', ARGV[1], 'updatedAt', ARGV[9])
redis.call('ZADD', KEYS[2], created, ARGV[1])
redis.call('ZADD', KEYS[slot[status]], created, ARGV[1])
local flat = redis.call('HGETALL', KEYS[1])
local record = {}
for i = 1, #flat, 2 do record[flat[i]] = flat[i + 1] end
redis.call('PUBLISH', ARGV[8], cjson.encode(record))
return 1
`;

/**
 * Fields that describe where the job is in its life and how it ended: written only with a status move the
 * job accepts, so the first final event wins and a late upload or request event cannot roll them back.
 */
const LIFECYCLE_FIELDS = new Set([
  'stage',
  'progress',
  'error',
  'epoch',
  'epochs',
  'result',
  'modelId',
  'modelVersion',
  'finishedAt',
  'cancelReason',
]);

function splitPatchFields(fields: Record<string, string>): { facts: Record<string, string>; lifecycle: Record<string, string> } {
  const facts: Record<string, string> = {};
  const lifecycle: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) (LIFECYCLE_FIELDS.has(key) ? lifecycle : facts)[key] = value;
  return { facts, lifecycle };
}

export interface JobListQuery {
  status?: JobStatus;
  limit?: number;
  offset?: number;
}

export class JobStatusProjection {
  constructor(
    private readonly redis: Redis,
    readonly prefix = 'ms:',
  ) {}

  get channel(): string {
    return `${this.prefix}job-changes`;
  }

  private jobKey(trackingId: string): string {
    return `${this.prefix}job:${trackingId}`;
  }

  private listKey(status?: JobStatus): string {
    return status ? `${this.prefix}jobs:${status}` : `${this.prefix}jobs`;
  }

  /** Applies one event of `topic`; true when it changed the record (false for an already-applied sequence). */
  async apply(event: AnyEvent, topic: string): Promise<boolean> {
    const patch = reduceJobEvent(event);
    const { facts, lifecycle } = splitPatchFields(patch.fields);
    const keys = [this.jobKey(event.trackingId), this.listKey(), ...JOB_STATUSES.map((s) => this.listKey(s))];
    const args = [
      event.trackingId,
      `seq:${topic}`,
      String(event.sequence),
      String(event.timestamp),
      patch.status ?? '',
      patch.statusUnlessField ?? '',
      JSON.stringify(facts),
      this.channel,
      String(Date.now()),
      JSON.stringify(lifecycle),
    ];
    const changed = await this.redis.eval(APPLY_SCRIPT, keys.length, ...keys, ...args);
    return changed === 1;
  }

  async get(trackingId: string): Promise<JobStatusView | null> {
    const hash = await this.redis.hgetall(this.jobKey(trackingId));
    return hash.status ? toJobStatusView(hash) : null;
  }

  /** Jobs newest first, optionally of one status, paged by offset. */
  async list(query: JobListQuery = {}): Promise<JobList> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const key = this.listKey(query.status);
    const [total, ids] = await Promise.all([this.redis.zcard(key), this.redis.zrevrange(key, offset, offset + limit - 1, 'WITHSCORES')]);
    const pipeline = this.redis.pipeline();
    const items: JobList['items'] = [];
    for (let i = 0; i < ids.length; i += 2) pipeline.hget(this.jobKey(ids[i]), 'status');
    const statuses = ids.length ? ((await pipeline.exec()) ?? []) : [];
    for (let i = 0; i < ids.length; i += 2) {
      const [error, status] = statuses[i / 2] ?? [null, null];
      items.push({
        trackingId: ids[i],
        status: (!error && typeof status === 'string' ? status : 'pending') as JobStatus,
        createdAt: new Date(Number(ids[i + 1])).toISOString(),
      });
    }
    return { items, total, limit, offset, nextOffset: offset + items.length < total ? offset + items.length : null };
  }

  /** Parses a message published on `channel` back into a view. */
  static parseChange(message: string): JobStatusView {
    return toJobStatusView(JSON.parse(message) as Record<string, string>);
  }
}
