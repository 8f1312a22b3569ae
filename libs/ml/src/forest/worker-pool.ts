/**
 * A small pool of worker_threads building a forest's trees: every worker gets the binned matrix once (a
 * SharedArrayBuffer, so no copy), then trees one at a time as it becomes free; results are handed out in
 * tree order. From the apps' build the worker is forest-worker.js next to this file; from source (jest,
 * tsx) there is only forest-worker.ts, which the worker loads through tsx's require hook.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildRequest, WorkerInit } from './forest-worker';
import type { BuiltTree } from './tree-builder';

interface Pending {
  promise: Promise<BuiltTree>;
  resolve: (tree: BuiltTree) => void;
  reject: (error: Error) => void;
}

export class TreeWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending: Pending[] = [];
  private next = 0;
  private closed = false;

  /** Starts `size` workers that build trees 0 … trees − 1, tree t from seedOf(t). */
  constructor(
    init: WorkerInit,
    size: number,
    private readonly trees: number,
    private readonly seedOf: (tree: number) => number,
  ) {
    for (let t = 0; t < trees; t++) {
      let resolve!: (tree: BuiltTree) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<BuiltTree>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // a failure is reported by the tree awaited, not as unhandled
      this.pending.push({ promise, resolve, reject });
    }
    for (let i = 0; i < Math.max(1, Math.min(size, trees)); i++) this.start(init);
  }

  /** Tree t, once built. */
  tree(t: number): Promise<BuiltTree> {
    return this.pending[t].promise;
  }

  /** Stops every worker (a finished forest, or a cancel mid-build). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private start(init: WorkerInit): void {
    const worker = spawnWorker(init);
    this.workers.push(worker);
    worker.on('message', ({ tree, built }: { tree: number; built: BuiltTree }) => {
      this.pending[tree].resolve(built);
      this.feed(worker);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`a forest worker exited with code ${code}`));
    });
    this.feed(worker);
  }

  private feed(worker: Worker): void {
    if (this.closed || this.next >= this.trees) return;
    const tree = this.next++;
    const request: BuildRequest = { tree, seed: this.seedOf(tree) };
    worker.postMessage(request);
  }

  private failAll(error: Error): void {
    for (const p of this.pending) p.reject(error);
  }
}

function spawnWorker(workerData: WorkerInit): Worker {
  const compiled = join(__dirname, 'forest-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  const source = join(__dirname, 'forest-worker.ts');
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
