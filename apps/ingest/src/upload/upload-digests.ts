/**
 * The whole-file facts of uploads in progress, built chunk by chunk as this instance acknowledges them: the
 * running sha256 and the dataset profile (CsvProfiler). The last chunk then needs neither a re-read nor a
 * re-parse of the file. Only an upload whose every earlier chunk this instance took, in order, has a digest;
 * any other (another instance took a chunk, a restart, eviction) gets undefined and the caller reads the stored
 * chunks instead. Profiling runs after the chunk's answer (setImmediate), so it is off the acknowledgement's path.
 */
import { createHash, Hash } from 'node:crypto';
import { CsvProfiler } from '../datasets/csv-profiler';
import type { DatasetProfile } from '../datasets/dataset-profile';

/** Uploads in progress tracked at once (least recently fed out). */
const DEFAULT_CAPACITY = 64;

class UploadDigest {
  next = 0;
  readonly hash: Hash = createHash('sha256');
  readonly profiler = new CsvProfiler(0);
  pending: Buffer[] = [];
  scheduled = false;

  flush(): void {
    this.scheduled = false;
    for (const bytes of this.pending) this.profiler.feed(bytes);
    this.pending = [];
  }
}

export class UploadDigests {
  private readonly digests = new Map<string, UploadDigest>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Chunk `index` of an upload was acknowledged with `bytes`. */
  accepted(trackingId: string, index: number, bytes: Buffer): void {
    let digest = this.digests.get(trackingId);
    this.digests.delete(trackingId);
    if (index === 0) digest = new UploadDigest();
    if (!digest || digest.next !== index || this.capacity === 0) return; // a chunk this instance did not see: no digest
    digest.hash.update(bytes);
    digest.pending.push(bytes);
    digest.next++;
    this.digests.set(trackingId, digest);
    if (!digest.scheduled) {
      digest.scheduled = true;
      setImmediate(() => digest.flush());
    }
    for (const oldest of this.digests.keys()) {
      if (this.digests.size <= this.capacity) break;
      this.digests.delete(oldest);
    }
  }

  /** sha256 of the upload's first `chunks` chunks then `last`; undefined unless this instance took all of them. */
  sha256With(trackingId: string, chunks: number, last: Buffer): string | undefined {
    const digest = this.digests.get(trackingId);
    if (digest?.next !== chunks) return undefined;
    return digest.hash.copy().update(last).digest('hex');
  }

  /** The profile of the upload's first `chunks` chunks as the whole file; undefined when not known here (or null: csv-parse must read it). */
  profile(trackingId: string, chunks: number): DatasetProfile | null | undefined {
    const digest = this.digests.get(trackingId);
    if (digest?.next !== chunks) return undefined;
    digest.flush();
    this.digests.delete(trackingId); // finish() ends the profiler
    return digest.profiler.finish();
  }

  forget(trackingId: string): void {
    this.digests.delete(trackingId);
  }
}
