/**
 * The state of each upload in Redis (`<prefix>upload:<trackingId>`, one JSON document), separate from the
 * status projection: which chunks arrived with which sha256/size, the settings from the first chunk, the
 * header, and once the last chunk is in, the validated training plan. A short lock per upload serialises
 * concurrent requests for the same upload (e.g. a client retry racing its original request).
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { ConflictError, DependencyUnavailableError, HyperParams, ProblemType, TrainingRequested } from '@modelstream/contracts';
import { RedisConnection } from '@modelstream/storage';
import type { CsvShapeState } from './csv-inspection';

export type UploadPhase = 'uploading' | 'completed' | 'aborted' | 'cancelled';

export interface StoredChunk {
  objectKey: string;
  size: number;
  sha256: string;
}

export interface UploadSettings {
  /** As given on the first chunk; null = default (last column). */
  target: string | null;
  /** As given on the first chunk; null = chosen from the target's values. */
  modelType: string | null;
  /** The user's hyperparameters as given (validated against the model type when it was known). */
  params: HyperParams | null;
  modelName: string;
}

/** What the TrainingRequested event will carry, fixed once the upload is complete. */
export type TrainingPlan = Omit<TrainingRequested, 'filename'>;

export interface UploadState {
  trackingId: string;
  filename: string;
  totalChunks: number;
  phase: UploadPhase;
  /** Accepted chunks by index; the next expected index is chunks.length. */
  chunks: StoredChunk[];
  receivedBytes: number;
  settings: UploadSettings;
  /** The header, once a complete first line has arrived. */
  columns: string[] | null;
  /** Where the row-shape check of the file stands after the accepted chunks. */
  shape: CsvShapeState | null;
  /** Problem type chosen from the settings or the first rows, once known. */
  problemType: ProblemType | null;
  /** Set when the last chunk passed the whole-file checks. */
  plan: TrainingPlan | null;
  reason: string | null;
  createdAt: number;
}

const STATE_TTL_SECONDS = 7 * 24 * 3600;
const LOCK_TTL_MS = 120_000;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

@Injectable()
export class UploadStateRepository {
  private readonly redis: Redis;
  readonly prefix = 'ms:';

  constructor(connection: RedisConnection) {
    this.redis = connection.client;
  }

  private key(trackingId: string): string {
    return `${this.prefix}upload:${trackingId}`;
  }

  async get(trackingId: string): Promise<UploadState | null> {
    const json = await this.call(() => this.redis.get(this.key(trackingId)));
    return json ? (JSON.parse(json) as UploadState) : null;
  }

  async save(state: UploadState): Promise<void> {
    await this.call(() => this.redis.set(this.key(state.trackingId), JSON.stringify(state), 'EX', STATE_TTL_SECONDS));
  }

  /** Runs `work` holding the upload's lock; a concurrent request for the same upload gets a 409 to retry. */
  async withLock<T>(trackingId: string, work: () => Promise<T>): Promise<T> {
    const lockKey = `${this.key(trackingId)}:lock`;
    const token = randomUUID();
    const acquired = await this.call(() => this.redis.set(lockKey, token, 'PX', LOCK_TTL_MS, 'NX'));
    if (acquired !== 'OK') {
      throw new ConflictError(
        `Another request for upload ${trackingId} is still being processed. Wait for its answer, then retry this chunk.`,
        { trackingId },
      );
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, token).catch(() => undefined);
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new DependencyUnavailableError('redis', `Redis did not answer (${(error as Error).message}). Retry the request.`);
    }
  }
}
