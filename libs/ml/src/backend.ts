/**
 * Picks the fastest TF.js backend that loads here: tfjs-node (native TensorFlow, built by
 * scripts/tfjs-node.sh from the PyPI tensorflow-cpu wheel), else WebAssembly, else the pure-JS CPU
 * backend. Every run records which one trained it, and why a faster one was passed over.
 *
 * TFJS_BACKEND=tensorflow (set by scripts/test.sh and CI) makes the native backend a requirement: the
 * default order then holds it alone, and initBackend fails with the reason instead of falling back.
 */
import * as tf from '@tensorflow/tfjs';
import { dirname, join } from 'node:path';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

const BACKENDS: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendChoice {
  backend: BackendName;
  /** Faster backends that did not load, with the reason (empty when the first choice loaded). */
  skipped: { backend: BackendName; reason: string }[];
}

let chosen: Promise<BackendChoice> | undefined;

/** The default order, or only the backend TFJS_BACKEND requires. */
export function backendOrder(env: NodeJS.ProcessEnv = process.env): readonly BackendName[] {
  const required = env.TFJS_BACKEND?.trim();
  if (!required) return BACKENDS;
  if (!(BACKENDS as readonly string[]).includes(required)) {
    throw new Error(`TFJS_BACKEND=${required} is not a backend: use one of ${BACKENDS.join(', ')}, or leave it empty`);
  }
  return [required as BackendName];
}

export async function initBackend(order?: readonly BackendName[]): Promise<BackendName> {
  return (await initBackendChoice(order)).backend;
}

/** The backend in use and the faster ones skipped (logged by the apps at start-up). */
export function initBackendChoice(order: readonly BackendName[] = backendOrder()): Promise<BackendChoice> {
  chosen ??= choose(order);
  return chosen;
}

async function choose(order: readonly BackendName[]): Promise<BackendChoice> {
  const skipped: BackendChoice['skipped'] = [];
  for (const name of order) {
    try {
      load(name);
      if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') answered false`);
      await tf.ready();
      return { backend: name, skipped };
    } catch (error) {
      skipped.push({ backend: name, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    }
  }
  chosen = undefined;
  const reasons = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  const hint = order.includes('tensorflow') ? ' (the native backend is installed by scripts/tfjs-node.sh)' : '';
  throw new Error(`none of the TF.js backends ${order.join(', ')} could be initialised${hint}: ${reasons}`);
}

function load(name: BackendName): void {
  if (name === 'tensorflow') {
    applyNodeShims();
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    // Measured (bench/mlp): TensorFlow's intra-op thread pool costs 100-200 µs per small op, and oneDNN
    // compiles a kernel per new matMul shape in every fresh process (50-150 ms); our ops are small and
    // every fit runs in a fresh worker process. One thread and no oneDNN: the MLP step 35-100 % faster,
    // XᵀX and large forward passes no slower. Either can be set otherwise in the environment.
    process.env.TF_NUM_INTRAOP_THREADS ??= '1';
    process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
    // Not a static import: the package is installed by scripts/tfjs-node.sh, not by npm ci.
    const nodeBackend = '@tensorflow/tfjs-node';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(nodeBackend);
  } else if (name === 'wasm') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  }
}

/**
 * tfjs-node 4.22 calls util.isNullOrUndefined and util.isArray, which Node 23 removed: without these
 * every op throws "isNullOrUndefined is not a function". Put back before tfjs-node loads.
 */
// The module object itself (an `import * as` namespace would be a copy under esModuleInterop).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export function applyNodeShims(target: Record<string, unknown> = require('node:util') as Record<string, unknown>): void {
  target.isNullOrUndefined ??= (v: unknown) => v === null || v === undefined;
  target.isArray ??= Array.isArray;
}

export { tf };
