/**
 * ChunkInspection's work on a worker thread (inspection-worker.ts), so a chunk's digest and shape scan run beside
 * its object-store write and profiling never holds the event loop. A chunk in shared memory (as uploads arrive:
 * shared-memory.storage.ts) is read there as it is; other bytes are copied for the thread. Requests and answers go in
 * order over one port.
 * Without a thread (`thread: false`, the unit tests) or after the thread failed, the same work runs inline: a
 * scan is never skipped; digests held by a failed thread are lost (undefined: the caller reads the stored chunks).
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '@modelstream/contracts';
import type { DatasetProfile } from '../datasets/dataset-profile';
import { ChunkInspection, DIGEST_CAPACITY, ScanResult } from './chunk-inspection';
import type { CsvShapeState } from './csv-shape-scanner';
import { isShared } from './shared-memory.storage';

export type InspectionRequest = (
  | { kind: 'digest'; bytes: Uint8Array }
  | { kind: 'scan'; id: string; index: number; bytes: Uint8Array; from: CsvShapeState | null; isLast: boolean }
  | { kind: 'accepted' | 'refused'; id: string; index: number }
  | { kind: 'sha256'; id: string; chunks: number; last: number }
  | { kind: 'profile'; id: string; chunks: number }
  | { kind: 'forget'; id: string }
) & { request?: number };

export interface InspectionAnswer {
  request?: number;
  value?: unknown;
  /** The work threw: an InvalidInputError (`invalid`, a 400 to pass on) or a failure. */
  invalid?: boolean;
  message?: string;
}

type Waiter = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** Distributes the Omit over the request union. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'request'> : never;

export class ChunkInspector {
  private readonly inline: ChunkInspection;
  private worker: Worker | null = null;
  private threaded: boolean;
  private nextRequest = 0;
  private readonly waiting = new Map<number, Waiter>();

  constructor(options: { thread: boolean; capacity?: number } = { thread: true }) {
    this.threaded = options.thread;
    this.inline = new ChunkInspection(options.capacity ?? DIGEST_CAPACITY);
  }

  /** The sha256 (hex) of a chunk's bytes. */
  async digest(bytes: Buffer): Promise<string> {
    if (this.threaded) {
      try {
        const { view, transfer } = forThread(bytes);
        return (await this.ask({ kind: 'digest', bytes: view }, transfer)) as string;
      } catch (error) {
        if (this.threaded) throw error;
        // the thread failed meanwhile: hashed here instead
      }
    }
    return createHash('sha256').update(bytes).digest('hex');
  }

  async scan(id: string, index: number, bytes: Buffer, from: CsvShapeState | null, isLast: boolean): Promise<ScanResult> {
    if (this.threaded) {
      try {
        const { view, transfer } = forThread(bytes);
        return (await this.ask({ kind: 'scan', id, index, bytes: view, from, isLast }, transfer)) as ScanResult;
      } catch (error) {
        if (error instanceof InvalidInputError || this.threaded) throw error;
        // the thread failed meanwhile: scanned here instead
      }
    }
    const result = this.inline.scan(id, index, bytes, from, isLast);
    while (this.inline.work());
    return result;
  }

  accepted(id: string, index: number): void {
    this.tell({ kind: 'accepted', id, index });
  }

  refused(id: string, index: number): void {
    this.tell({ kind: 'refused', id, index });
  }

  forget(id: string): void {
    this.tell({ kind: 'forget', id });
  }

  async sha256With(id: string, chunks: number, last: number): Promise<string | undefined> {
    if (!this.threaded) return this.inline.sha256With(id, chunks, last);
    return (await this.ask({ kind: 'sha256', id, chunks, last }).catch(() => undefined)) as string | undefined;
  }

  async profile(id: string, chunks: number): Promise<DatasetProfile | null | undefined> {
    if (!this.threaded) {
      const profile = this.inline.profile(id, chunks);
      while (this.inline.work());
      return profile;
    }
    return (await this.ask({ kind: 'profile', id, chunks }).catch(() => undefined)) as DatasetProfile | null | undefined;
  }

  /** Ends the thread; what comes after (a request finishing during shutdown) runs inline, no thread is started again. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.threaded = false;
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the inspection thread was closed'));
    this.waiting.clear();
    await worker?.terminate();
  }

  private tell(message: Unnumbered<InspectionRequest>): void {
    if (!this.threaded) {
      this.dispatchInline(message);
      return;
    }
    this.thread().postMessage(message);
  }

  private ask(message: Unnumbered<InspectionRequest>, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const request = ++this.nextRequest;
    return new Promise((resolve, reject) => {
      this.waiting.set(request, { resolve, reject });
      this.thread().postMessage({ ...message, request }, transfer);
    });
  }

  private dispatchInline(message: Unnumbered<InspectionRequest>): void {
    if (message.kind === 'accepted') this.inline.accepted(message.id, message.index);
    else if (message.kind === 'refused') this.inline.refused(message.id, message.index);
    else if (message.kind === 'forget') this.inline.forget(message.id);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnInspectionWorker();
    worker.unref();
    worker.on('message', (answer: InspectionAnswer) => this.settle(answer));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', () => this.fail(worker, new Error('the inspection thread exited')));
    this.worker = worker;
    return worker;
  }

  private settle(answer: InspectionAnswer): void {
    const waiter = this.waiting.get(answer.request!);
    this.waiting.delete(answer.request!);
    if (!waiter) return;
    if (answer.message === undefined) waiter.resolve(answer.value);
    else waiter.reject(answer.invalid ? new InvalidInputError(answer.message) : new Error(answer.message));
  }

  /** The thread failed: the work goes on inline, and what the thread held is lost. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.threaded = false;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/**
 * The bytes as the thread gets them: shared memory as it is; else a copy of their own (a Buffer may be a view of a
 * larger pool), moved to the thread rather than cloned again.
 */
function forThread(bytes: Buffer): { view: Uint8Array; transfer: ArrayBuffer[] } {
  if (isShared(bytes)) return { view: bytes, transfer: [] };
  const copy = new Uint8Array(bytes);
  return { view: copy, transfer: [copy.buffer] };
}

function spawnInspectionWorker(): Worker {
  const compiled = join(__dirname, 'inspection-worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const source = join(__dirname, 'inspection-worker.ts'); // tests and tsx run the sources
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}
