/**
 * The state of each upload in Redis (`RedisKeys.upload`, one JSON document), separate from the status
 * projection: which chunks arrived with which sha256/size, the settings from the first chunk, the header,
 * and once the last chunk is in, the validated training plan. A short lock per upload
 * (`RedisKeys.uploadLock`) serialises concurrent requests for the same upload (e.g. a client retry racing
 * its original request). A lock whose release fails (Redis went away mid-request), or whose SET got no answer
 * (Redis may have taken it), is released again every second until Redis is back, so the upload does not answer
 * 409 until the lock's TTL runs out.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { ConflictError, DependencyUnavailableError, LEGACY_OWNER } from '@modelstream/contracts';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import type { UploadState } from './upload-session';

const STATE_TTL_SECONDS = 7 * 24 * 3600;
const LOCK_TTL_MS = 120_000;
const RELEASE_RETRY_MS = 1000;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

@Injectable()
export class UploadStateRepository {
  private readonly redis: Redis;

  constructor(
    connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {
    this.redis = connection.client;
  }

  async get(trackingId: string): Promise<UploadState | null> {
    const json = await this.call(() => this.redis.get(this.keys.upload(trackingId)));
    if (!json) return null;
    const state = JSON.parse(json) as Partial<UploadState> & Omit<UploadState, 'ownerId'>;
    return { ...state, ownerId: state.ownerId ?? LEGACY_OWNER }; // uploads begun before owners: legacy
  }

  async save(state: UploadState): Promise<void> {
    await this.call(() => this.redis.set(this.keys.upload(state.trackingId), JSON.stringify(state), 'EX', STATE_TTL_SECONDS));
  }

  /** Runs `work` holding the upload's lock; a concurrent request for the same upload gets a 409 to retry. */
  async withLock<T>(trackingId: string, work: () => Promise<T>): Promise<T> {
    const lockKey = this.keys.uploadLock(trackingId);
    const token = randomUUID();
    const acquired = await this.call(() => this.redis.set(lockKey, token, 'PX', LOCK_TTL_MS, 'NX')).catch((error: unknown) => {
      // Redis went away with the SET on its way: it may have taken the lock, so our token is released once it is back
      void this.release(lockKey, token, Date.now() + LOCK_TTL_MS);
      throw error;
    });
    if (acquired !== 'OK') {
      throw new ConflictError(
        `Another request for upload ${trackingId} is still being processed. Wait for its answer, then retry this chunk.`,
        { trackingId },
      );
    }
    try {
      return await work();
    } finally {
      // Not awaited: the release goes out on this connection before the answer, so the client's next request
      // (sent after the answer) finds the lock free; a failed release retries in the background.
      void this.release(lockKey, token, Date.now() + LOCK_TTL_MS);
    }
  }

  /**
   * withLock, with the upload's state read in the same round trip as the lock is taken: the GET goes out right
   * behind the lock's SET on the same connection (one pipeline), so Redis runs it once the lock is held.
   */
  withLockedState<T>(trackingId: string, work: (state: UploadState | null) => Promise<T>): Promise<T> {
    // withLock sends its SET before it returns; the work runs only once the SET answered, after `reading` is set
    const result = this.withLock(trackingId, async () => work(await reading));
    const reading = this.get(trackingId);
    reading.catch(() => undefined); // awaited by the work; dropped when the lock is held elsewhere
    return result;
  }

  /** Deletes the lock if it is still ours; on failure tries again in the background until the lock would expire. */
  private async release(lockKey: string, token: string, until: number): Promise<void> {
    try {
      await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, token);
    } catch {
      if (Date.now() + RELEASE_RETRY_MS >= until) return;
      setTimeout(() => void this.release(lockKey, token, until), RELEASE_RETRY_MS).unref();
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new DependencyUnavailableError('redis', 'Redis did not answer. Retry the request.', 5, (error as Error).message);
    }
  }
}
