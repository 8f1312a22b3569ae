/**
 * The entry of a tree-building worker thread: it holds the binned matrix (shared memory, never copied)
 * and builds the trees the pool asks for, one message per tree, each from its own seed, so a forest does
 * not depend on how its trees were spread over workers. Compiled to forest-worker.js next to the pool by
 * the apps' build; run from source through tsx (see worker-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildTree, TreeData, TreeParams } from './tree-builder';

export interface WorkerInit {
  data: TreeData;
  params: TreeParams;
}

export interface BuildRequest {
  tree: number;
  seed: number;
}

const { data, params } = workerData as WorkerInit;

parentPort!.on('message', ({ tree, seed }: BuildRequest) => {
  const built = buildTree(data, params, seed);
  const buffers = Object.values(built).map((a: ArrayBufferView) => a.buffer as ArrayBuffer);
  parentPort!.postMessage({ tree, built }, buffers);
});
