/**
 * A trainer that stays well, end to end against the real stack. A job whose model needs more memory than
 * one job may take (TRAINER_JOB_MEMORY_MB) fails with what to lower — its fit worker is ended, not the
 * trainer — and the next job on the same trainer completes. A trainer whose fit workers cannot load their
 * backend answers /health with 503 and the reason.
 */
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp, withAppLog } from './support/app-process';
import { expectType, TrainerHarness } from './support/trainer-harness';

jest.setTimeout(600_000);

const PORT = 3561;
const BROKEN_PORT = 3562;
const MEMORY_MB = 1024;

interface Health {
  status: string;
  details: Record<string, { status: string; message?: string }>;
}

async function health(app: RunningApp): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${app.url}/health`);
  return { code: res.status, body: (await res.json()) as Health };
}

/** The trainer's fit workers that ended done and over the memory ceiling so far (its /metrics counters). */
async function fitWorkerEndings(app: RunningApp): Promise<{ done: number; memory: number }> {
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  const count = (ending: string) =>
    Number(new RegExp(`^modelstream_trainer_fit_workers_total\\{ending="${ending}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
  return { done: count('done'), memory: count('memory') };
}

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Topics and consumer groups of the suite's own: no request another suite left behind, and no member of
// another suite's trainer, can keep the training group busy while these tests wait for their trainer to own
// a partition. (The e2e global setup deletes every `test.` topic and group before a run.)
const SUITE_ENV = { KAFKA_NAMESPACE: 'test.wellness.' };

describe('a trainer that stays well', () => {
  const harness = new TrainerHarness(SUITE_ENV);
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    await harness.start();
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop('SIGKILL')));
    await harness.stop();
  });

  it('is down, with the reason, while its fit workers cannot load their backend', async () => {
    const clientId = `modelstream-trainer-e2e-${harness.runId}-broken`;
    const broken = await startApp('trainer', BROKEN_PORT, { ...SUITE_ENV, KAFKA_CLIENT_ID: clientId, TFJS_BACKEND: 'no-such-backend' });
    apps.push(broken);
    const down = await eventually(
      async () => {
        const answer = await health(broken);
        return answer.code === 503 ? answer.body : null;
      },
      60_000,
      'the broken trainer to report 503',
    );
    expect(down.details['training-worker']).toEqual({
      status: 'down',
      latencyMs: expect.any(Number),
      message: expect.stringMatching(/no training worker could start \(3 tries in a row\).*TFJS_BACKEND=no-such-backend is not a backend/),
    });
    expect(down.details.kafka.status).toBe('up');
    expect(broken.process.exitCode).toBeNull();
    const metrics = await (await fetch(`${broken.url}/metrics`)).text();
    expect(metrics).toMatch(/^modelstream_trainer_worker_up 0$/m);
    await broken.stop('SIGTERM');
  });

  describe(`with ${MEMORY_MB} MB per job`, () => {
    let trainer: RunningApp;
    const clientId = `modelstream-trainer-e2e-${harness.runId}-wellness`;

    beforeAll(async () => {
      trainer = await startApp('trainer', PORT, { ...SUITE_ENV, KAFKA_CLIENT_ID: clientId, TRAINER_JOB_MEMORY_MB: String(MEMORY_MB) });
      apps.push(trainer);
    });

    it('reports a worker ready on /health', async () => {
      const { code, body } = await health(trainer);
      expect(code).toBe(200);
      expect(body.details['training-worker'].status).toBe('up');
    });

    it('fails a job over the memory ceiling with what to lower, and trains the next job on the same trainer', async () => {
      // The trainer's counters are judged by what these two jobs add.
      const before = await fitWorkerEndings(trainer);
      const small = syntheticDataset({ relation: 'circle', rows: 300, seed: 4 });
      const { trackingId: hugeId } = await harness.submit({
        trackingId: await withAppLog(trainer, harness.trackingIdFor(clientId)),
        csv: small.csv,
        modelType: 'mlp_classifier',
        problemType: 'classification',
        params: { epochs: 1, batchSize: 1, hiddenLayers: [4096, 4096, 4096, 4096] },
        modelName: harness.modelName('too-big'),
      });
      const { final: hugeFinal } = await harness.final(hugeId, 300_000);
      const failed = expectType(hugeFinal, 'TrainingFailed');
      expect(failed.payload.stage).toBe('training');
      expect(failed.payload.error).toBe(
        `The model needed more than ${MEMORY_MB} MB of memory while training (the limit of one training job), so the training was stopped. ` +
          'Use fewer or narrower hiddenLayers, or a smaller batchSize, or train on fewer rows or columns.',
      );
      const run = await harness.mlflow.getRun(failed.payload.mlflowRunId!);
      expect(run.info.status).toBe('FAILED');
      expect(trainer.output()).toMatch(new RegExp(`"trackingId":"${hugeId}".*"ending":"memory".*"peakRssMb":\\d+`));

      const next = syntheticDataset({ relation: 'linear-binary', rows: 2000, seed: 6 });
      const { trackingId } = await harness.submit({
        trackingId: await withAppLog(trainer, harness.trackingIdFor(clientId)),
        csv: next.csv,
        modelType: 'logistic_regression',
        problemType: 'classification',
        modelName: harness.modelName('after-too-big'),
      });
      const { final } = await harness.final(trackingId, 300_000);
      const completed = expectType(final, 'TrainingCompleted');
      expect(completed.payload.metrics.accuracy).toBeGreaterThan(0.8);
      const result = JSON.parse(completed.payload.resultJson) as { workerPeakRssMb: number };
      expect(result.workerPeakRssMb).toBeGreaterThan(0);
      expect(result.workerPeakRssMb).toBeLessThanOrEqual(MEMORY_MB);

      const metrics = await (await fetch(`${trainer.url}/metrics`)).text();
      const after = await fitWorkerEndings(trainer);
      expect(after.memory - before.memory).toBe(1);
      expect(after.done - before.done).toBeGreaterThanOrEqual(1);
      expect(metrics).toMatch(/^modelstream_trainer_fit_worker_peak_rss_bytes [1-9]\d*$/m);
      expect(metrics).toMatch(/^modelstream_trainer_tf_tensors 0$/m);
      expect((await health(trainer)).code).toBe(200);
      expect(trainer.process.exitCode).toBeNull();
    });
  });
});
