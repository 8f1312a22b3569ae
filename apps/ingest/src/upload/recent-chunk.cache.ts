/**
 * The bytes of accepted chunks that later chunks of their upload read back (UploadChunkRepository.remember: the
 * file's head while its header or problem type is open), kept in memory (bounded, least recently used out). The
 * whole-file sha256 and profile come from the inspection thread's running digest, not from here. A miss (another
 * instance took the earlier chunks, a restart, eviction) falls back to the object store; correctness never
 * depends on this cache.
 */
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ChunkInspector } from './chunk-inspector';

const MAX_BYTES = 64 * 1024 * 1024;

@Injectable()
export class RecentChunkCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  /** The CPU work on chunks (shape scans, the whole-file sha256 and profile), on a worker thread. */
  readonly inspector: ChunkInspector = new ChunkInspector();

  async onModuleDestroy(): Promise<void> {
    await this.inspector.close();
  }

  get(objectKey: string): Buffer | undefined {
    const hit = this.entries.get(objectKey);
    if (hit) {
      this.entries.delete(objectKey);
      this.entries.set(objectKey, hit);
    }
    return hit;
  }

  set(objectKey: string, bytes: Buffer): void {
    if (bytes.length > MAX_BYTES) return;
    this.delete(objectKey);
    this.entries.set(objectKey, bytes);
    this.bytes += bytes.length;
    for (const [key, value] of this.entries) {
      if (this.bytes <= MAX_BYTES) break;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }

  /** Forgets the chunks of an upload that is complete or discarded. */
  forget(objectKeys: string[]): void {
    for (const key of objectKeys) this.delete(key);
  }

  private delete(objectKey: string): void {
    const old = this.entries.get(objectKey);
    if (old) {
      this.entries.delete(objectKey);
      this.bytes -= old.length;
    }
  }
}
