/**
 * Dataset profiles of uploads in progress, built on a worker thread (profile-worker.ts) as chunks are
 * acknowledged, so neither a chunk's answer nor the last chunk waits for a parse of the whole file. The caller
 * (UploadDigests) says which chunks to feed, in order; a profile is asked for once, at the upload's end. If the
 * thread fails, every open profile is unknown (undefined) and the caller profiles the stored file itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatasetProfile } from '../datasets/dataset-profile';

export type ProfileRequest =
  | { kind: 'feed'; id: string; first: boolean; bytes: Uint8Array }
  | { kind: 'finish'; id: string; request: number }
  | { kind: 'forget'; id: string };

export interface ProfileAnswer {
  request: number;
  /** null: the file needs csv-parse's reading; undefined: the thread knows no such upload. */
  profile: DatasetProfile | null | undefined;
}

export class UploadProfiles {
  private worker: Worker | null = null;
  private nextRequest = 0;
  private readonly waiting = new Map<number, (profile: DatasetProfile | null | undefined) => void>();

  /** Sends the next chunk of upload `id` (a copy: the caller keeps its bytes). */
  feed(id: string, first: boolean, bytes: Buffer): void {
    this.post({ kind: 'feed', id, first, bytes: new Uint8Array(bytes) });
  }

  finish(id: string): Promise<DatasetProfile | null | undefined> {
    const request = ++this.nextRequest;
    return new Promise((resolve) => {
      this.waiting.set(request, resolve);
      if (!this.post({ kind: 'finish', id, request })) this.settle(request, undefined);
    });
  }

  forget(id: string): void {
    if (this.worker) this.post({ kind: 'forget', id });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private post(message: ProfileRequest): boolean {
    try {
      this.thread().postMessage(message);
      return true;
    } catch {
      return false;
    }
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnProfileWorker();
    worker.unref();
    worker.on('message', (answer: ProfileAnswer) => this.settle(answer.request, answer.profile));
    worker.on('error', () => this.fail(worker));
    worker.on('exit', () => this.fail(worker));
    this.worker = worker;
    return worker;
  }

  /** The thread died: what it held is lost, so every open profile is unknown. */
  private fail(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    for (const request of [...this.waiting.keys()]) this.settle(request, undefined);
  }

  private settle(request: number, profile: DatasetProfile | null | undefined): void {
    this.waiting.get(request)?.(profile);
    this.waiting.delete(request);
  }
}

function spawnProfileWorker(): Worker {
  const compiled = join(__dirname, 'profile-worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const source = join(__dirname, 'profile-worker.ts'); // tests and tsx run the sources
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}
