/**
 * The whole-file facts of uploads in progress, built chunk by chunk as this instance acknowledges them: the
 * running sha256 (here) and the dataset profile (on a worker thread: UploadProfiles). The last chunk then needs
 * neither a re-read nor a re-parse of the file. Only an upload whose every earlier chunk this instance took, in
 * order, has a digest; any other (another instance took a chunk, a restart, eviction) gets undefined and the
 * caller reads the stored chunks instead.
 */
import { createHash, Hash } from 'node:crypto';
import type { DatasetProfile } from '../datasets/dataset-profile';
import { UploadProfiles } from './upload-profiles';

/** Uploads in progress tracked at once (least recently fed out). */
const DEFAULT_CAPACITY = 64;

class UploadDigest {
  next = 0;
  readonly hash: Hash = createHash('sha256');
}

export class UploadDigests {
  private readonly digests = new Map<string, UploadDigest>();
  private readonly profiles = new UploadProfiles();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Chunk `index` of an upload was acknowledged with `bytes`. */
  accepted(trackingId: string, index: number, bytes: Buffer): void {
    let digest = this.digests.get(trackingId);
    this.digests.delete(trackingId);
    if (index === 0) digest = new UploadDigest();
    if (!digest || digest.next !== index || this.capacity === 0) {
      this.profiles.forget(trackingId); // a chunk this instance did not see: no digest
      return;
    }
    digest.hash.update(bytes);
    this.profiles.feed(trackingId, index === 0, bytes);
    digest.next++;
    this.digests.set(trackingId, digest);
    for (const oldest of this.digests.keys()) {
      if (this.digests.size <= this.capacity) break;
      this.forget(oldest);
    }
  }

  /** sha256 of the upload's first `chunks` chunks then `last`; undefined unless this instance took all of them. */
  sha256With(trackingId: string, chunks: number, last: Buffer): string | undefined {
    const digest = this.digests.get(trackingId);
    if (digest?.next !== chunks) return undefined;
    return digest.hash.copy().update(last).digest('hex');
  }

  /** The profile of the upload's first `chunks` chunks as the whole file; undefined when not known here (or null: csv-parse must read it). */
  async profile(trackingId: string, chunks: number): Promise<DatasetProfile | null | undefined> {
    const digest = this.digests.get(trackingId);
    if (digest?.next !== chunks) return undefined;
    this.digests.delete(trackingId); // a profile is finished once
    return this.profiles.finish(trackingId);
  }

  forget(trackingId: string): void {
    if (this.digests.delete(trackingId)) this.profiles.forget(trackingId);
  }

  close(): Promise<void> {
    return this.profiles.close();
  }
}
