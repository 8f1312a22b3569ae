/**
 * A sweep end to end on the real apps: a real CSV (penguins) uploaded once, a sweep of two families and a
 * grid (6 trainings) spread to the trainer group, a live leaderboard ordered by accuracy, the best version
 * given the alias in the MLflow registry (and served by inference under it), the downstream-consumer example
 * seeing every training end, and a replay of the datasets topic into a fresh database that rebuilds the dataset
 * and the sweep.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { replayJobTopics } from '@modelstream/ingest-ops';
import { MlflowClient } from '@modelstream/mlflow';
import { DatasetEntity, SweepEntity } from '@modelstream/storage';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { penguinsCsv, sendJson } from './support/datasets-client';
import { harness, HistoryHarness, runId, testDatabase } from './support/history-harness';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { eventually } from './support/stack';

jest.setTimeout(420_000);

const run = runId();
const modelName = `sweep-${run}`;

interface Entry {
  rank: number;
  trackingId: string;
  modelType: string;
  params: Record<string, unknown>;
  status: string;
  score: number | null;
  modelVersion: string | null;
}
interface Sweep {
  sweepId: string;
  status: string;
  metric: string;
  direction: string;
  promotedVersion: string | null;
  combinations: { trackingId: string; modelType: string; params: Record<string, unknown> }[];
  leaderboard: Entry[];
}

describe('sweeps: one dataset, many trainings, a leaderboard and a champion', () => {
  let ingest: RunningApp;
  let trainer: RunningApp;
  let inference: RunningApp;
  let h: HistoryHarness;
  let datasetId: string;
  let sweep: Sweep;

  beforeAll(async () => {
    h = harness();
    [ingest, trainer, inference] = await startTogether([
      startApp('ingest', 3451, { SWEEP_PROMOTE_INTERVAL_MS: '500' }),
      startApp('trainer', 3452),
      startApp('inference', 3453, { INFERENCE_ALIAS_TTL_MS: '0' }),
    ]);
    const file = penguinsCsv(run);
    const answers = await uploadFile(ingest.url, file, chunksOf(file, 6000), { filename: `sweep-${run}.csv`, train: 'false' });
    datasetId = answers.at(-1)!.datasetId!;
  });
  afterAll(async () => {
    await Promise.all([ingest?.stop(), trainer?.stop(), inference?.stop()]);
    await h?.close();
  });

  it('refuses a sweep that cannot run, before requesting anything', async () => {
    const bad = await sendJson<{ message: string }>('POST', `${ingest.url}/api/datasets/${datasetId}/sweeps`, {
      target: 'species',
      modelTypes: ['logistic_regression', 'linear_regression'],
      metric: 'accuracy',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/linear_regression is regression/);
    expect((await sendJson('GET', `${ingest.url}/api/sweeps/sw-unknown`)).status).toBe(404);
  });

  it('fans out 6 trainings, all complete, ranked by accuracy', async () => {
    const res = await sendJson<Sweep>('POST', `${ingest.url}/api/datasets/${datasetId}/sweeps`, {
      target: 'species',
      modelTypes: ['logistic_regression', 'mlp_classifier'],
      grid: { learningRate: [0.003, 0.1], hiddenLayers: [[8], [16, 8]], epochs: [4] },
      metric: 'accuracy',
      modelName,
      promoteAlias: 'champion',
    });
    expect(res.status).toBe(202);
    sweep = res.body;
    expect(sweep.combinations).toHaveLength(6);
    expect(sweep.combinations.filter((c) => c.modelType === 'logistic_regression').map((c) => c.params)).toEqual([
      { learningRate: 0.003, epochs: 4 },
      { learningRate: 0.1, epochs: 4 },
    ]);
    expect(sweep).toMatchObject({ status: 'running', direction: 'max', promotedVersion: null });

    await eventually(
      async () => {
        sweep = (await getJson<Sweep>(`${ingest.url}/api/sweeps/${sweep.sweepId}`)).body;
        return sweep.status === 'completed' && sweep.promotedVersion !== null;
      },
      360_000,
      1000,
    );
    const board = sweep.leaderboard;
    expect(board.map((e) => e.status)).toEqual(Array(6).fill('completed'));
    expect(board.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const scores = board.map((e) => e.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(board.map((e) => e.modelVersion)).size).toBe(6);
    expect(sweep.promotedVersion).toBe(board[0].modelVersion);
  });

  it('the alias lands on the best version, and inference serves it under the alias', async () => {
    const mlflow = new MlflowClient(loadConfig());
    expect((await mlflow.getModelVersionByAlias(modelName, 'champion')).version).toBe(sweep.leaderboard[0].modelVersion);
    const row = {
      island: 'Biscoe',
      bill_length_mm: 45,
      bill_depth_mm: 15,
      flipper_length_mm: 215,
      body_mass_g: 5000,
      sex: 'male',
      year: 2008,
    };
    const res = await sendJson<{ version: string; modelId: string }>(
      'POST',
      `${inference.url}/api/models/${modelName}/aliases/champion/predict`,
      {
        features: [row],
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: sweep.leaderboard[0].modelVersion,
      modelId: `models:/${modelName}/${sweep.leaderboard[0].modelVersion}`,
    });
  });

  it("a downstream team's consumer (examples/training-events-consumer.ts) sees every training of the sweep end", () => {
    const root = join(__dirname, '..');
    const out = execFileSync(
      join(root, 'node_modules/.bin/tsx'),
      ['examples/training-events-consumer.ts', '--from-beginning', '--until-end', '--group', `example-${run}`],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        // one line per training event in the test namespace since the stack began (the portal's tests seed thousands)
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    for (const entry of sweep.leaderboard) {
      expect(out).toContain(`${entry.trackingId}  completed: models:/${modelName}/${entry.modelVersion} `);
    }
  });

  it('a replay of the datasets topic rebuilds the dataset and the sweep', async () => {
    const db = await testDatabase(h.config, 'sweep');
    try {
      const result = await replayJobTopics({
        kafka: h.kafka,
        codec: h.codec,
        database: db.ds,
        sources: [{ topic: TOPICS.datasets.name, as: TOPICS.datasets.name }],
      });
      expect(result.rejected).toBe(0);
      const dataset = await db.ds.getRepository(DatasetEntity).findOneByOrFail({ datasetId });
      expect(dataset).toMatchObject({ rows: 344, deletedAt: null });
      const rebuilt = await db.ds.getRepository(SweepEntity).findOneByOrFail({ sweepId: sweep.sweepId });
      expect(rebuilt).toMatchObject({ datasetId, metric: 'accuracy', promoteAlias: 'champion', promotedVersion: sweep.promotedVersion });
      expect(JSON.parse(rebuilt.combinationsJson)).toEqual(sweep.combinations);
    } finally {
      await db.drop();
    }
  });
});
