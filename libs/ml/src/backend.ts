/**
 * Picks the fastest TF.js backend that loads here: tfjs-node (native TensorFlow; an optional dependency
 * whose install downloads libtensorflow and may be missing), else WebAssembly, else the pure-JS CPU
 * backend. Every run records which one trained it.
 */
import * as tf from '@tensorflow/tfjs';
import { dirname, join } from 'node:path';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<BackendName> | undefined;

export function initBackend(order: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu']): Promise<BackendName> {
  chosen ??= choose(order);
  return chosen;
}

async function choose(order: readonly BackendName[]): Promise<BackendName> {
  for (const name of order) {
    try {
      if (name === 'tensorflow') {
        // Not a static import: the package is optional and absent where its native download failed.
        const nodeBackend = '@tensorflow/tfjs-node';
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(nodeBackend);
      } else if (name === 'wasm') {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
        wasm.setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      /* try the next backend */
    }
  }
  throw new Error(`none of the TF.js backends ${order.join(', ')} could be initialised`);
}

export { tf };
