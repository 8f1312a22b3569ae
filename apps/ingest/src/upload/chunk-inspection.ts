/**
 * The CPU work on an upload's bytes, kept apart from the I/O so it can run on a worker thread
 * (inspection-worker.ts) beside the object-store write: the shape scan of each chunk before it is accepted, and,
 * for the chunks this instance acknowledged in order, the running whole-file sha256 and dataset profile
 * (CsvProfiler), so the last chunk needs neither a re-read nor a re-parse of the file. An upload some chunk of
 * which this instance did not take (another instance did, a restart, eviction) has no digest: undefined, and the
 * caller reads the stored chunks instead.
 */
import { createHash, Hash } from 'node:crypto';
import { CsvProfiler } from '../datasets/csv-profiler';
import type { DatasetProfile } from '../datasets/dataset-profile';
import { CsvShapeScanner, CsvShapeState } from './csv-shape-scanner';

/** Uploads in progress with a digest at once (least recently fed out). */
export const DIGEST_CAPACITY = 64;
/** Bytes profiled per step of `work()`, and how long a turn of steps goes on (a scan asked for meanwhile waits as long). */
const WORK_STEP = 32 * 1024;
const WORK_TURN_MS = 0.5;

export interface ScanResult {
  shape: CsvShapeState;
  records: number;
}

interface Digest {
  next: number;
  hash: Hash;
  profiler: CsvProfiler;
  /** Its chunks in the queue, not profiled yet (or not wholly). */
  queued: number;
}

export class ChunkInspection {
  /** Scanned chunks not yet accepted or refused, by `trackingId/index`. */
  private readonly pending = new Map<string, Buffer>();
  private readonly digests = new Map<string, Digest>();
  /** Accepted chunks waiting for the profiler (`work()` takes them a slice at a time). */
  private queue: Array<{ digest: Digest; bytes: Buffer }> = [];
  /** Uploads whose profile was asked for, answered once `work()` profiled their queued bytes (taken before others'). */
  private readonly finishing = new Map<Digest, (profile: DatasetProfile | null) => void>();

  constructor(private readonly capacity = DIGEST_CAPACITY) {}

  /** The chunk's shape continuing from `from`; throws the InvalidInputError of a malformed CSV. Keeps the bytes until accepted or refused. */
  scan(id: string, index: number, bytes: Buffer, from: CsvShapeState | null, isLast: boolean): ScanResult {
    const scanner = new CsvShapeScanner(from ?? undefined);
    scanner.scan(bytes);
    if (isLast) scanner.end();
    this.pending.set(`${id}/${index}`, bytes);
    return { shape: scanner.snapshot(), records: scanner.records };
  }

  /** Chunk `index` was acknowledged: it joins the upload's digest (hashed now, profiled by `work()`). */
  accepted(id: string, index: number): void {
    const bytes = this.pending.get(`${id}/${index}`);
    this.pending.delete(`${id}/${index}`);
    let digest = this.digests.get(id);
    this.digests.delete(id);
    if (index === 0) digest = { next: 0, hash: createHash('sha256'), profiler: new CsvProfiler(0), queued: 0 };
    if (!bytes || !digest || digest.next !== index || this.capacity === 0) return; // a chunk not seen here: no digest
    digest.hash.update(bytes);
    digest.next++;
    digest.queued++;
    this.queue.push({ digest, bytes });
    this.digests.set(id, digest);
    for (const oldest of this.digests.keys()) {
      if (this.digests.size <= this.capacity) break;
      this.digests.delete(oldest);
    }
  }

  refused(id: string, index: number): void {
    this.pending.delete(`${id}/${index}`);
  }

  /**
   * Profiles queued bytes WORK_STEP at a time for about `turnMs` (one step at least), an upload whose profile was
   * asked for first; false when none are left. A turn is bounded in time, not bytes: a file's first megabyte, where
   * every column still collects its distinct values, costs several times the rest, and a scan or digest asked for
   * meanwhile waits one turn, not a slice of it.
   */
  work(turnMs = WORK_TURN_MS): boolean {
    const until = performance.now() + turnMs;
    do {
      const at = this.nextEntry();
      if (at < 0) return false;
      const next = this.queue[at];
      next.digest.profiler.feed(next.bytes.subarray(0, WORK_STEP));
      if (next.bytes.length > WORK_STEP) next.bytes = next.bytes.subarray(WORK_STEP);
      else {
        this.queue.splice(at, 1);
        if (--next.digest.queued === 0) this.finish(next.digest);
      }
    } while (performance.now() < until);
    return this.queue.length > 0;
  }

  /** The queue's next entry: the first of an upload whose profile was asked for, else the first; -1 when empty. */
  private nextEntry(): number {
    if (this.finishing.size > 0) {
      const at = this.queue.findIndex((entry) => this.finishing.has(entry.digest));
      if (at >= 0) return at;
    }
    return this.queue.length > 0 ? 0 : -1;
  }

  private finish(digest: Digest): void {
    const answer = this.finishing.get(digest);
    this.finishing.delete(digest);
    answer?.(digest.profiler.finish());
  }

  /** sha256 of the upload's first `chunks` chunks then the scanned chunk `last`; undefined unless this instance took them all. */
  sha256With(id: string, chunks: number, last: number): string | undefined {
    const digest = this.digests.get(id);
    const bytes = this.pending.get(`${id}/${last}`);
    if (digest?.next !== chunks || !bytes) return undefined;
    return digest.hash.copy().update(bytes).digest('hex');
  }

  /**
   * The whole file's profile from its `chunks` chunks; undefined when not known here, null when csv-parse must read
   * it. Answered once `work()` profiled the bytes of it still queued — in turns, so the scans and digests of other
   * uploads asked for meanwhile are not held behind the profile of a whole backlog.
   */
  profile(id: string, chunks: number): Promise<DatasetProfile | null | undefined> {
    const digest = this.digests.get(id);
    if (digest?.next !== chunks) return Promise.resolve(undefined);
    this.digests.delete(id); // a profile is finished once
    return new Promise((resolve) => {
      this.finishing.set(digest, resolve);
      if (digest.queued === 0) this.finish(digest);
    });
  }

  forget(id: string): void {
    this.digests.delete(id);
    for (const key of this.pending.keys()) if (key.startsWith(`${id}/`)) this.pending.delete(key);
  }
}
