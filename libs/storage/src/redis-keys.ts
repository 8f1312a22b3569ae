/**
 * Every Redis key of modelstream, built in one place under one prefix (REDIS_KEY_PREFIX, default `ms:`),
 * so a second namespace (the tests, a rebuild by replay) never meets the live one.
 */
import type { JobStatus } from '@modelstream/contracts';

export class RedisKeys {
  constructor(readonly prefix: string) {
    if (!prefix) throw new Error('a Redis key prefix is required (REDIS_KEY_PREFIX)');
  }

  /** A job's live status record (hash). */
  job(trackingId: string): string {
    return `${this.prefix}job:${trackingId}`;
  }

  /** Jobs by creation time (sorted set), all of them or those of one status; everyone's, or one owner's. */
  jobs(status?: JobStatus, ownerId?: string): string {
    const base = ownerId === undefined ? `${this.prefix}jobs` : `${this.prefix}owner:${ownerId}:jobs`;
    return status ? `${base}:${status}` : base;
  }

  /** Pub/sub channel of every status change (the live stream). */
  get jobChanges(): string {
    return `${this.prefix}job-changes`;
  }

  /** An upload's session state (JSON). */
  upload(trackingId: string): string {
    return `${this.prefix}upload:${trackingId}`;
  }

  /** The lock taken while one chunk of an upload is handled. */
  uploadLock(trackingId: string): string {
    return `${this.upload(trackingId)}:lock`;
  }

  /** Failed attempts of one Kafka message, counted durably by a consumer group. */
  retries(groupId: string, topic: string, partition: number, offset: string): string {
    return `${this.prefix}retries:${groupId}:${topic}:${partition}:${offset}`;
  }

  /** The claim an ingest instance takes on a finished sweep, so one instance gives its alias. */
  sweepClaim(sweepId: string): string {
    return `${this.prefix}sweep-promotion:${sweepId}`;
  }

  /** The claim a watchdog instance takes on a stale job, so one instance fails it. */
  watchdogClaim(trackingId: string): string {
    return `${this.prefix}watchdog:${trackingId}`;
  }

  /** The claim a sweeper instance takes on an abandoned upload, so one instance discards it. */
  abandonClaim(trackingId: string): string {
    return `${this.prefix}abandon:${trackingId}`;
  }

  /** A glob over this namespace (for SCAN), e.g. `job:*`. */
  pattern(glob: string): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}${glob}`;
  }
}
