/**
 * The bytes of uploaded chunks: written to the object store (claim-check), those that later chunks read back kept
 * a while in memory (RecentChunkCache), and read back verified against what was acknowledged. At boot it waits for the
 * object store and makes sure the uploads bucket exists.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@modelstream/config';
import { ConflictError } from '@modelstream/contracts';
import { errorMessage } from '@modelstream/kafka';
import { retry, RetryOptions } from '@modelstream/resilience';
import { ObjectStore } from '@modelstream/storage';
import type { DatasetProfile } from '../datasets/dataset-profile';
import { RecentChunkCache } from './recent-chunk.cache';
import type { ScanResult } from './chunk-inspection';
import type { CsvShapeState } from './csv-shape-scanner';
import { sha256 } from './chunk-request';
import { crc32Of } from './shared-memory.storage';
import { readBackLater, StoredChunk, uploadObjectPrefix, UploadState } from './upload-session';

/** Chunks read ahead of the one being hashed when they must come from the object store. */
const READ_AHEAD = 4;

/** About a minute of waiting for the object store at boot. */
export const BUCKET_WAIT: RetryOptions = { attempts: 16, initialDelayMs: 500, maxDelayMs: 5000 };

@Injectable()
export class UploadChunkRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadChunkRepository.name);
  readonly bucket: string;

  constructor(
    config: AppConfig,
    private readonly store: ObjectStore,
    private readonly cache: RecentChunkCache,
  ) {
    this.bucket = config.S3_BUCKET_UPLOADS;
  }

  async onApplicationBootstrap(): Promise<void> {
    await retry(() => this.store.ensureBucket(this.bucket), {
      ...BUCKET_WAIT,
      onRetry: (error) => this.logger.warn({ bucket: this.bucket, err: errorMessage(error), msg: 'waiting for the object store' }),
    });
  }

  /**
   * Stores the bytes that `chunk` describes (its size and sha256 were taken from these bytes), with their CRC-32 as
   * the checksum the store verifies (ObjectStore.put).
   */
  async put(chunk: StoredChunk, bytes: Buffer): Promise<void> {
    await this.store.put(this.bucket, chunk.objectKey, bytes, 'text/csv', crc32Of(bytes));
  }

  /** Deletes the object of a chunk that was stored, then refused. */
  async drop(chunk: StoredChunk): Promise<void> {
    await this.store.delete(this.bucket, chunk.objectKey);
  }

  /** The sha256 (hex) of a chunk's bytes, on the inspection thread. */
  digest(bytes: Buffer): Promise<string> {
    return this.cache.inspector.digest(bytes);
  }

  /** The shape of chunk `index` continuing from `from` (a malformed CSV: InvalidInputError), on the inspection thread. */
  scan(trackingId: string, index: number, bytes: Buffer, from: CsvShapeState | null, isLast: boolean): Promise<ScanResult> {
    return this.cache.inspector.scan(trackingId, index, bytes, from, isLast);
  }

  /** A scanned chunk was refused: its bytes are dropped. */
  refused(trackingId: string, index: number): void {
    this.cache.inspector.refused(trackingId, index);
  }

  /**
   * Adds an acknowledged chunk's bytes to the upload's running digest (only then: a refused chunk may come back with
   * other bytes), and keeps them in memory when a later chunk reads them back (`state`: the upload with it accepted).
   */
  remember(state: UploadState, index: number, chunk: StoredChunk, bytes: Buffer): void {
    if (readBackLater(state, chunk)) this.cache.set(chunk.objectKey, bytes);
    this.cache.inspector.accepted(state.trackingId, index);
  }

  /** The whole file's profile from the running digest; undefined/null when the stored chunks must be read (see ChunkInspection). */
  profileOf(trackingId: string, chunks: readonly StoredChunk[]): Promise<DatasetProfile | null | undefined> {
    return this.cache.inspector.profile(trackingId, chunks.length);
  }

  /** The bytes of every chunk, in order. */
  async readAll(chunks: readonly StoredChunk[]): Promise<Buffer[]> {
    return Promise.all(chunks.map((chunk) => this.read(chunk)));
  }

  /** The first chunks, until at least `maxBytes` are read; `whole` when that took every chunk. */
  async readHead(chunks: readonly StoredChunk[], maxBytes: number): Promise<{ bytes: Buffer; whole: boolean }> {
    const head: Buffer[] = [];
    let size = 0;
    for (const chunk of chunks) {
      if (size >= maxBytes) break;
      head.push(await this.read(chunk));
      size += chunk.size;
    }
    return { bytes: Buffer.concat(head), whole: size < maxBytes };
  }

  /**
   * sha256 of the chunks then `last`, in order: from the running digest when this instance took every chunk,
   * else hashed from the cached or stored bytes (read ahead in parallel).
   */
  async sha256Of(trackingId: string, chunks: readonly StoredChunk[], last: Buffer): Promise<string> {
    const known = await this.cache.inspector.sha256With(trackingId, chunks.length, chunks.length);
    if (known) return known;
    const hash = createHash('sha256');
    const reads: Promise<Buffer>[] = [];
    const prefetch = (i: number) => {
      if (i < chunks.length && reads[i] === undefined) {
        reads[i] = this.read(chunks[i]);
        reads[i].catch(() => undefined); // surfaced when awaited below
      }
    };
    for (let i = 0; i < chunks.length; i++) {
      for (let ahead = i; ahead < i + READ_AHEAD; ahead++) prefetch(ahead);
      hash.update(await reads[i]);
    }
    return hash.update(last).digest('hex');
  }

  /** Drops the cached bytes and digest of an upload that is complete or discarded. */
  forget(trackingId: string, chunks: readonly StoredChunk[]): void {
    this.cache.forget(chunks.map((c) => c.objectKey));
    this.cache.inspector.forget(trackingId);
  }

  /** Deletes every stored chunk of an upload. */
  async discard(trackingId: string, chunks: readonly StoredChunk[]): Promise<void> {
    this.forget(trackingId, chunks);
    await this.store.deletePrefix(this.bucket, uploadObjectPrefix(trackingId));
  }

  /** A chunk's bytes, checked to be the ones that were acknowledged. */
  private async read(chunk: StoredChunk): Promise<Buffer> {
    const cached = this.cache.get(chunk.objectKey);
    if (cached) return cached;
    const bytes = await this.store.getBuffer(this.bucket, chunk.objectKey);
    if (bytes.length !== chunk.size || sha256(bytes) !== chunk.sha256) {
      throw new ConflictError(`The stored chunk ${chunk.objectKey} no longer matches what was acknowledged. Start the upload again.`);
    }
    return bytes;
  }
}
