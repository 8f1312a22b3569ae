/**
 * The pool over real worker processes: one worker is kept ready and the next starts when a job takes it;
 * a trainer whose workers cannot start is down (its health probe throws the reason) and hands jobs back,
 * and is up again once a worker starts.
 */
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { testFitWorkers } from '../testing/fit-workers';
import { MAX_FAILED_STARTS } from './worker-starts';

jest.setTimeout(120_000);

beforeAll(() => Logger.overrideLogger(false));

/** A worker entry that fails to load while `broken` exists, and is the real worker otherwise. */
function switchableEntry() {
  const dir = mkdtempSync(join(tmpdir(), 'fit-worker-pool-'));
  const broken = join(dir, 'broken');
  const entry = join(dir, 'entry.cjs');
  writeFileSync(
    entry,
    `if (require('node:fs').existsSync(${JSON.stringify(broken)})) { console.error('Error: libtensorflow.so.2: cannot open shared object file'); process.exit(1); }\n` +
      `require(${JSON.stringify(join(__dirname, 'fit-child.main.ts'))});\n`,
  );
  return {
    entry,
    break: () => writeFileSync(broken, ''),
    repair: () => rmSync(broken),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const until = async (probe: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('FitWorkerPool', () => {
  it('keeps one worker ready and starts the next as soon as a job takes it', async () => {
    const { pool, metrics, shutDown } = testFitWorkers();
    try {
      expect(await pool.warmUp()).toMatch(/^(tensorflow|wasm|cpu)$/);
      const first = await pool.take();
      const second = await pool.take();
      expect(second.pid).not.toBe(first.pid);
      expect(first.alive && second.alive).toBe(true);
      expect(() => pool.check()).not.toThrow();
      expect(metrics.workerUp).toBe(true);
    } finally {
      shutDown();
    }
  });

  it('is down while workers cannot start, hands jobs back meanwhile, and is up again once one starts', async () => {
    const entry = switchableEntry();
    entry.break();
    const { pool, metrics, shutDown } = testFitWorkers({ entry: entry.entry, startRetryMs: [100] });
    try {
      expect(await pool.warmUp()).toBeNull();
      expect(() => pool.check()).toThrow(
        new RegExp(
          `no training worker could start \\(${MAX_FAILED_STARTS} tries in a row\\); the last one: it exited with code 1 \\(Error: libtensorflow`,
        ),
      );
      expect(metrics.workerUp).toBe(false);
      await expect(pool.take()).rejects.toBeInstanceOf(DependencyUnavailableError);

      entry.repair();
      await until(() => metrics.workerUp);
      expect(() => pool.check()).not.toThrow();
      const worker = await pool.take();
      expect(worker.alive).toBe(true);
    } finally {
      shutDown();
      entry.cleanUp();
    }
  });

  it('is down once it shuts down, and ends its workers', async () => {
    const { pool, shutDown } = testFitWorkers();
    const worker = await pool.take();
    shutDown();
    expect(() => pool.check()).toThrow('the trainer is shutting down');
    await new Promise<void>((resolve) => worker.onExit(resolve));
    await expect(pool.take()).rejects.toThrow('shutting down');
  });
});
