/**
 * The inference app while MLflow is unreachable — for this app only, through a TCP proxy the test cuts —
 * and after it comes back: loaded models keep answering (by version, and by alias from the last
 * resolution), a model that is not loaded gets a 503 with Retry-After, health says MLflow is down, and
 * everything works again once MLflow answers, without a restart.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { MlflowClient } from '@modelstream/mlflow';
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer, typedRecords } from './support/inference-client';
import { TcpProxy } from './support/inference-tcp-proxy';
import { PipelineTrainer, TrainedModel } from './support/inference-training';

jest.setTimeout(600_000);

const TTL_MS = 500;

describe('inference with MLflow unreachable', () => {
  const config = loadConfig();
  const mlflow = new MlflowClient(config);
  const pipeline = new PipelineTrainer();
  const target = new URL(config.MLFLOW_TRACKING_URI);
  const proxy = new TcpProxy(3395, { host: target.hostname, port: Number(target.port || 80) });
  const name = `inference-e2e-fault-${randomUUID().slice(0, 8)}`;
  const data = syntheticDataset({ relation: 'linear-regression', rows: 300, seed: 41 });
  const rows = typedRecords(csvRecords(data.csv).slice(0, 5)).map(({ target: _t, ...rest }) => rest);
  let trainer: RunningApp;
  let app: RunningApp;
  let v1: TrainedModel;
  let v2: TrainedModel;

  const predict = (modelId: string) =>
    call<PredictAnswer & { message: string }>(`${app.url}/api/predict`, { json: { modelId, features: rows } });

  beforeAll(async () => {
    await proxy.start();
    [trainer, app] = await startTogether([
      startApp('trainer', 3392),
      startApp('inference', 3391, { MLFLOW_TRACKING_URI: proxy.url, INFERENCE_ALIAS_TTL_MS: String(TTL_MS) }),
    ]);
    v1 = await pipeline.train({ modelName: name, csv: data.csv, target: 'target', modelType: 'linear_regression' });
    v2 = await pipeline.train({ modelName: name, csv: data.csv, target: 'target', modelType: 'ridge_regression' });
    await mlflow.setAlias(name, 'champion', v1.modelVersion);
  });

  afterAll(async () => {
    await pipeline.close();
    await Promise.all([trainer?.stop(), app?.stop()]);
    await proxy.cut(); // the proxy serves only this test's app
  });

  it('keeps serving loaded models, answers 503 for the rest, and recovers without a restart', async () => {
    const before = await predict(v1.modelId);
    expect(before.status).toBe(200);
    const byAlias = await predict(`models:/${name}@champion`);
    expect(byAlias.body.modelId).toBe(v1.modelId);

    await proxy.cut();
    await new Promise((r) => setTimeout(r, TTL_MS + 200)); // the alias resolution has expired

    const cached = await predict(v1.modelId);
    expect(cached.status).toBe(200);
    expect(cached.body.predictions).toEqual(before.body.predictions);
    const stale = await predict(`models:/${name}@champion`);
    expect(stale.status).toBe(200);
    expect(stale.body.modelId).toBe(v1.modelId);

    const cold = await predict(v2.modelId);
    expect(cold.status).toBe(503);
    expect(cold.headers.get('retry-after')).toBeTruthy();
    expect(cold.body.message).toMatch(/MLflow/);
    expect((await predict(`models:/${name}-other/1`)).status).toBe(503);
    expect((await call(`${app.url}/api/models`)).status).toBe(503);
    expect((await call<{ models: { modelId: string }[] }>(`${app.url}/api/models/loaded`)).body.models.map((m) => m.modelId)).toEqual([
      v1.modelId,
    ]);
    const health = await call<{ details: Record<string, { status: string }> }>(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(health.body.details.mlflow.status).toBe('down');

    await proxy.start();
    const warm = await predict(v2.modelId);
    expect(warm.status).toBe(200);
    expect(warm.body.modelId).toBe(v2.modelId);
    expect((await call(`${app.url}/health`)).status).toBe(200);
  });
});
