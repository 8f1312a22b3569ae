/**
 * The Redis status record of one job and the compare-and-set that writes it (shared by the single-event and the
 * batch apply of JobStatusProjection). The fold runs in TypeScript; the Lua script only checks the revision,
 * writes the record, moves the job between the per-status indexes and publishes the view. No business rule in Lua.
 */
import type Redis from 'ioredis';
import { JOB_STATUSES, JobState, JobStatus, ownerOf } from '@modelstream/contracts';
import { RedisKeys } from '@modelstream/storage';
import { toJobStatusView } from './job-status.view';

// KEYS: 1 job hash, 2..(ARGV[10]+1) the indexes the job is in (all jobs and its status's, everyone's and its
//       owner's), the rest the indexes it may leave.
// ARGV: 1 expected revision ('' = no record), 2 new revision, 3 record, 4 status, 5 updatedAt, 6 index score,
//       7 trackingId, 8 channel, 9 the view (kept for reads, published for the live stream), 10 how many indexes to join,
//       11 the owner (kept beside the view: a read checks it and answers the view as stored).
export const COMPARE_AND_SET = `
local rev = redis.call('HGET', KEYS[1], 'rev') or ''
if rev ~= ARGV[1] then return { 0, rev, redis.call('HGET', KEYS[1], 'record') or '' } end
if rev == '' then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'record', ARGV[3], 'status', ARGV[4], 'updatedAt', ARGV[5], 'view', ARGV[9], 'owner', ARGV[11])
local joined = tonumber(ARGV[10]) + 1
for i = 2, joined do redis.call('ZADD', KEYS[i], ARGV[6], ARGV[7]) end
for i = joined + 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[7]) end
redis.call('PUBLISH', ARGV[8], ARGV[9])
return { 1 }
`;
export const CAS_COMMAND = 'modelstreamJobStatusCas';
export type CasResult = [1] | [0, string, string];
export type CasRedis = Redis & { [CAS_COMMAND](numKeys: number, ...args: (string | number)[]): Promise<CasResult> };

/** What Redis holds per job. */
export interface JobRecord {
  /** Highest sequence applied per topic. */
  seq: Record<string, number>;
  state: JobState;
}
export interface KnownRecord {
  rev: string;
  record: JobRecord | null;
}
export const NO_RECORD: KnownRecord = { rev: '', record: null };

/** The known record from a CAS conflict's answer or an HMGET of (rev, record). */
export function knownRecord(rev: string | null, record: string | null): KnownRecord {
  return rev ? { rev, record: record ? (JSON.parse(record) as JobRecord) : null } : NO_RECORD;
}

/** The arguments of one compare-and-set of `record` over the known revision (keys first, with their count). */
export function casArguments(
  keys: RedisKeys,
  channel: string,
  id: string,
  expectedRev: string,
  before: JobState | undefined,
  record: JobRecord,
  rev: string,
  updatedAt: number,
): (string | number)[] {
  const status = record.state.status;
  const owner = ownerOf(record.state.ownerId);
  const joining = [keys.jobs(), keys.jobs(status), keys.jobs(undefined, owner), keys.jobs(status, owner)];
  const all = [keys.job(id), ...joining, ...indexesLeft(keys, before, status, owner)];
  return [
    all.length,
    ...all,
    expectedRev,
    rev,
    JSON.stringify(record),
    status,
    updatedAt,
    record.state.createdAt,
    id,
    channel,
    JSON.stringify(toJobStatusView(record.state, updatedAt)),
    joining.length,
    owner,
  ];
}

/**
 * The indexes a job leaves as its status (or, once, its owner: from legacy to the one its events name) changes.
 * A job without a record may still sit in an index (a record of an older layout): it leaves every other status's.
 */
function indexesLeft(keys: RedisKeys, before: JobState | undefined, status: JobStatus, owner: string): string[] {
  const oldOwner = before ? ownerOf(before.ownerId) : owner;
  const statuses = before ? (before.status === status ? [] : [before.status]) : JOB_STATUSES.filter((s) => s !== status);
  const left = statuses.flatMap((s) => [keys.jobs(s), keys.jobs(s, oldOwner)]);
  if (oldOwner !== owner) left.push(keys.jobs(undefined, oldOwner), keys.jobs(before!.status, oldOwner));
  return left;
}

/**
 * The status view never shows the dataset's columns, the hyperparameters or the trainer's settings, and they
 * can be large (an upload may have 10,000 columns): the history keeps them. No derived field depends on them.
 */
export function compact(state: JobState): JobState {
  return { ...state, datasetColumns: null, hyperparameters: null, settings: null };
}

/** The applied sequences with one more, keys in order: the same record whatever order the topics came in. */
export function withSequence(seq: Record<string, number> | undefined, topic: string, sequence: number): Record<string, number> {
  return sortedSequences({ ...seq, [topic]: sequence });
}

/** The same sequences, keys in order. */
export function sortedSequences(seq: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(seq)
      .sort()
      .map((k) => [k, seq[k]]),
  );
}
