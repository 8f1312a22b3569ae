/**
 * Aliases by API, end to end: a tiny model trained twice under one name through the pipeline (Kafka →
 * the trainer app → MLflow), then the inference app's PUT/DELETE /api/models/:name/aliases/:alias set,
 * move and delete an alias in the MLflow registry. The app's alias TTL is long here, so the new mapping
 * being served at once proves the app drops its cached resolution on a change, not that the TTL ran out.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { MlflowClient } from '@modelstream/mlflow';
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer, typedRecords } from './support/inference-client';
import { PipelineTrainer, TrainedModel } from './support/inference-training';

jest.setTimeout(600_000);

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

const MODEL = `aliases-e2e-${randomUUID().slice(0, 8)}`;
const data = syntheticDataset({ relation: 'linear-binary', rows: 200, seed: 23 });
const features = typedRecords(csvRecords(data.csv).slice(0, 3)).map(({ target: _t, ...rest }) => rest);

describe('aliases by API', () => {
  const mlflow = new MlflowClient(loadConfig());
  const pipeline = new PipelineTrainer();
  let trainer: RunningApp;
  let app: RunningApp;
  let v1: string;
  let v2: string;

  const aliasUrl = (alias: string, name = MODEL) =>
    `${app.url}/api/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`;
  const put = <T = ErrorBody>(alias: string, json: unknown, name?: string) => call<T>(aliasUrl(alias, name), { method: 'PUT', json });
  const del = <T = ErrorBody>(alias: string, name?: string) => call<T>(aliasUrl(alias, name), { method: 'DELETE' });
  const predictBy = (alias: string) => call<PredictAnswer & ErrorBody>(`${aliasUrl(alias)}/predict`, { json: { features } });

  beforeAll(async () => {
    [trainer, app] = await startTogether([
      startApp('trainer', 3461),
      startApp('inference', 3462, { INFERENCE_ALIAS_TTL_MS: String(10 * 60_000) }),
    ]);
    const train = (): Promise<TrainedModel> =>
      pipeline.train({ modelName: MODEL, csv: data.csv, target: 'target', modelType: 'logistic_regression', params: { epochs: 3 } });
    const first = await train();
    const second = await train();
    [v1, v2] = [first.modelVersion, second.modelVersion];
  });

  afterAll(async () => {
    await pipeline.close();
    await Promise.all([trainer?.stop(), app?.stop()]);
  });

  it('trained two versions under one name', () => {
    expect(Number(v2)).toBeGreaterThan(Number(v1));
  });

  it('sets an alias, moves it (served at once, whatever the TTL), and deletes it', async () => {
    const set = await put<{ name: string; alias: string; version: string }>('champion', { version: v1 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ name: MODEL, alias: 'champion', version: v1 });
    expect((await mlflow.getModelVersionByAlias(MODEL, 'champion')).version).toBe(v1);

    const first = await predictBy('champion');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: v1, modelId: `models:/${MODEL}/${v1}`, requested: `models:/${MODEL}@champion` });
    expect(first.body.predictions).toHaveLength(features.length);

    const moved = await put<{ version: string }>('champion', { version: Number(v2) }); // a JSON number is taken too
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ name: MODEL, alias: 'champion', version: v2 });
    const second = await predictBy('champion');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: v2, modelId: `models:/${MODEL}/${v2}` });

    const listed = await call<{ models: { name: string; aliases: Record<string, string> }[] }>(
      `${app.url}/api/models?name=${encodeURIComponent(MODEL)}`,
    );
    expect(listed.body.models.find((m) => m.name === MODEL)?.aliases).toEqual({ champion: v2 });

    const deleted = await del<{ name: string; alias: string; deleted: boolean }>('champion');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ name: MODEL, alias: 'champion', deleted: true });
    const gone = await predictBy('champion');
    expect(gone.status).toBe(404);
    expect(gone.body.message).toMatch(/has no alias "champion"/);
    await expect(mlflow.getModelVersionByAlias(MODEL, 'champion')).rejects.toThrow(/not found/);

    const again = await del('champion');
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ statusCode: 404, error: 'NotFoundError', retryable: false });
    expect(again.body.message).toMatch(/has no alias "champion"\. GET \/api\/models/);
  });

  it('answers 404 for an unknown model or version, saying what to do', async () => {
    const noVersion = await put('staging', { version: '999' });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.message).toBe(`Model "${MODEL}" has no version 999. GET /api/models lists its versions.`);

    const noModel = await put('staging', { version: '1' }, `${MODEL}-nope`);
    expect(noModel.status).toBe(404);
    expect(noModel.body.message).toMatch(/^No registered model is named ".*-nope"\. GET \/api\/models/);
    expect((await del('staging', `${MODEL}-nope`)).status).toBe(404);
  });

  it('answers 400 for a bad alias name or version, with the reason', async () => {
    for (const alias of ['v3', '3', 'latest', 'Latest', 'bad.name']) {
      const res = await put(alias, { version: v1 });
      expect({ alias, status: res.status }).toEqual({ alias, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(String(res.body.message)).toMatch(alias === 'bad.name' ? /only letters, digits/ : /reserved/);
    }
    for (const body of [{ version: 'latest' }, { version: '0' }, { version: 'two' }, {}]) {
      const res = await put('staging', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(String(res.body.message)).toMatch(/version must be a version number/);
    }
    expect((await del('v2')).status).toBe(400);
    await expect(mlflow.getModelVersionByAlias(MODEL, 'staging')).rejects.toThrow(/not found/);
  });
});
