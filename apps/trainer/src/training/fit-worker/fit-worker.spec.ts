/**
 * Fit workers as the trainer runs them: real child processes (the worker's source under tsx) with a real
 * TF.js backend. One fit per worker; the trainer side sees epochs in order, the saved model, a stop, the
 * memory ceiling, the time limit and a crash.
 */
import { Logger } from '@nestjs/common';
import { EpochLog, initBackend, tf } from '@modelstream/ml';
import { fitRequestFor, testFitWorkers } from '../testing/fit-workers';
import { savedModelOf } from './fit-protocol';
import { FitHooks, FitWorker } from './fit-worker';
import { reloadModel } from './reloaded-model';

jest.setTimeout(120_000);

beforeAll(async () => {
  Logger.overrideLogger(false);
  await initBackend(['wasm', 'cpu']);
});

const MB = 1024 * 1024;
const ADAM = '{"solver": "adam", "epochs": 4, "batchSize": 32, "learningRate": 0.1}';

function hooksFor(overrides: Partial<FitHooks> = {}) {
  const epochs: EpochLog[] = [];
  let beats = 0;
  const hooks: FitHooks = {
    onEpoch: async (log) => void epochs.push(log),
    stopReason: () => null,
    heartbeat: async () => void beats++,
    ...overrides,
  };
  return { hooks, epochs, beats: () => beats };
}

describe('FitWorker', () => {
  const { pool, shutDown } = testFitWorkers();
  const limits = { ...pool.limits, sampleMs: 50 };
  afterAll(shutDown);

  it('fits in its own process, reports every epoch in order and hands back a model that loads and predicts', async () => {
    const request = await fitRequestFor(ADAM);
    const worker = await pool.take();
    expect(worker.pid).not.toBe(process.pid);
    const { hooks, epochs, beats } = hooksFor();
    const run = await worker.fit(request, hooks, limits);
    if (run.kind !== 'done') throw new Error(`expected a fit, got ${JSON.stringify(run)}`);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.result.outcome.epochsRun).toBe(4);
    expect(run.result.format).toBe('tfjs-layers');
    expect(Object.keys(run.result.files).sort()).toEqual(['tfjs/model.json', 'tfjs/weights.bin']);
    expect(run.peakRssBytes).toBeGreaterThan(50 * MB);
    expect(beats()).toBeGreaterThan(0);

    const tensors = tf.memory().numTensors;
    const model = await reloadModel(run.result.format, savedModelOf(run.result));
    const probabilities = model.predictRaw(request.data.xVal, request.data.inputDim);
    expect(probabilities).toHaveLength(request.data.yVal.length);
    expect((await model.save()).files['tfjs/weights.bin']).toEqual(Buffer.from(run.result.files['tfjs/weights.bin']));
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    await new Promise<void>((resolve) => worker.onExit(resolve));
    expect(worker.alive).toBe(false);
  });

  it('is ended at once when the job must stop', async () => {
    const request = await fitRequestFor('{"solver": "adam", "epochs": 500, "batchSize": 8}');
    const worker = await pool.take();
    const { hooks, epochs } = hooksFor();
    const run = await worker.fit(request, { ...hooks, stopReason: () => (epochs.length >= 1 ? 'user pressed stop' : null) }, limits);
    expect(run).toMatchObject({ kind: 'stopped', reason: 'user pressed stop' });
    expect(epochs.length).toBeLessThan(500);
    await new Promise<void>((resolve) => worker.onExit(resolve));
  });

  it('is killed above the memory ceiling, and says so', async () => {
    const worker = await pool.take();
    const run = await worker.fit(await fitRequestFor(ADAM), hooksFor().hooks, { ...limits, memoryLimitBytes: 16 * MB });
    expect(run).toMatchObject({ kind: 'failed', failure: { kind: 'memory', limitBytes: 16 * MB } });
    expect(run.peakRssBytes).toBeGreaterThan(16 * MB);
  });

  it('is killed past the time limit, and says so', async () => {
    const worker = await pool.take();
    const long = '{"solver": "adam", "epochs": 1000, "batchSize": 1, "learningRate": 0.01}';
    const run = await worker.fit(await fitRequestFor(long), hooksFor().hooks, { ...limits, timeLimitMs: 200 });
    expect(run).toMatchObject({ kind: 'failed', failure: { kind: 'time', limitMs: 200 } });
    await new Promise<void>((resolve) => worker.onExit(resolve));
  });

  it('reports a worker that dies mid-fit as a backend failure, with how it ended', async () => {
    const request = await fitRequestFor('{"solver": "adam", "epochs": 500, "batchSize": 8}');
    const worker = await pool.take();
    const { hooks } = hooksFor({ onEpoch: async () => void process.kill(worker.pid, 'SIGKILL') });
    const run = await worker.fit(request, hooks, limits);
    expect(run).toMatchObject({ kind: 'failed', failure: { kind: 'backend', reason: expect.stringMatching(/was killed by SIGKILL/) } });
  });

  it('cannot be given a second fit', async () => {
    const worker = await pool.take();
    const request = await fitRequestFor(ADAM);
    await worker.fit(request, hooksFor().hooks, limits);
    expect(() => worker.fit(request, hooksFor().hooks, limits)).toThrow('one fit only');
  });
});

describe('FitWorker.start', () => {
  it('fails when the worker exits before it is ready, with its error', async () => {
    const start = FitWorker.start({ entry: '/nonexistent/fit-child.main.js', execArgv: [], readyTimeoutMs: 30_000 });
    await expect(start).rejects.toThrow(/exited with code 1 \(.*Cannot find module/);
  });
});
