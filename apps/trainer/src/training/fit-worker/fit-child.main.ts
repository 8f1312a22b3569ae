/**
 * The fit worker: a child process the trainer forks ahead of time (FitWorkerPool). It loads the TF.js
 * backend, proves it computes, says `ready`, then runs exactly one fit (fitFamily) and reports its epochs
 * and the saved model. The trainer ends the process once it has the answer, so whatever the fit took —
 * a WASM heap that never shrinks, a backend left broken by an error — goes with it.
 *
 * Signals meant for the trainer's process group (Ctrl-C, SIGTERM) are ignored: the trainer decides when
 * a fit stops (it kills the worker). When the trainer is gone the channel closes, and so does the worker.
 */
import { BackendChoice, fitFamily, initBackendChoice, tf } from '@modelstream/ml';
import { ChildMessage, ParentMessage, toWireError } from './fit-protocol';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

/** A tiny computation read back: a backend that loads but cannot run fails here, before any job is given to it. */
function smokeTest(): void {
  const product = tf.tidy(() => tf.matMul(tf.ones([4, 4]), tf.ones([4, 4])).sum());
  try {
    const value = product.dataSync()[0];
    if (value !== 64) throw new Error(`the backend computed ${value} for a 4×4 product of ones (expected 64)`);
  } finally {
    product.dispose();
  }
}

async function fit({ request }: ParentMessage): Promise<void> {
  try {
    const result = await fitFamily(request.modelType, request.params, request.data, request.loop, {
      onEpochEnd: (log) => send({ type: 'epoch', log }),
    });
    const saved = await result.model.save();
    result.model.dispose();
    await send({
      type: 'done',
      result: {
        format: result.model.format,
        modelPath: saved.modelPath,
        files: saved.files,
        outcome: result.outcome,
        backend: result.backend,
        featureImportances: result.featureImportances,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      },
    });
  } catch (error) {
    await send({ type: 'failed', error: toWireError(error) });
  }
}

async function main(): Promise<void> {
  if (!process.send) {
    process.stderr.write('the fit worker runs as a child of the trainer (child_process.fork with an IPC channel)\n');
    process.exit(2);
  }
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.on('disconnect', () => process.exit(0));
  let choice: BackendChoice;
  try {
    choice = await initBackendChoice();
    smokeTest();
  } catch (error) {
    await send({ type: 'init-failed', error: toWireError(error) });
    process.exit(1);
  }
  process.once('message', (message: ParentMessage) => void fit(message));
  await send({ type: 'ready', backend: choice.backend, skipped: choice.skipped });
}

void main();
