/** The MLflow client against the real tracking server: experiment, run, metrics, artifacts, registry. */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { isMlflowNotFound } from './mlflow-api.error';
import { MlflowClient } from './mlflow.client';

jest.setTimeout(90_000);

describe('MlflowClient (real MLflow server)', () => {
  const mlflow = new MlflowClient(loadConfig());
  const name = `it-model-${randomUUID().slice(0, 8)}`;

  it('creates an experiment, a run with params, metrics, tags and artifacts, and registers a READY model version', async () => {
    const experimentId = await mlflow.ensureExperiment(name);
    expect(await mlflow.ensureExperiment(name)).toBe(experimentId);

    const run = await mlflow.createRun(experimentId, 'it-run', [{ key: 'trackingId', value: 'it-1' }]);
    const runId = run.info.run_id;
    await mlflow.logBatch(runId, {
      params: [{ key: 'epochs', value: '3' }],
      metrics: [0.9, 0.5, 0.2].map((value, step) => ({ key: 'loss', value, step, timestamp: Date.now() })),
      tags: [{ key: 'backend', value: 'wasm' }],
    });
    await mlflow.uploadArtifact(run.info.artifact_uri, 'model/model.json', JSON.stringify({ format: 'layers-model' }), 'application/json');
    await mlflow.uploadArtifact(run.info.artifact_uri, 'model/weights.bin', Buffer.from([1, 2, 3, 4]));
    await mlflow.updateRun(runId, 'FINISHED');

    const fetched = await mlflow.getRun(runId);
    expect(fetched.info.status).toBe('FINISHED');
    expect(fetched.data.params).toEqual([{ key: 'epochs', value: '3' }]);
    expect(fetched.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'backend', value: 'wasm' },
        { key: 'trackingId', value: 'it-1' },
      ]),
    );
    expect((await mlflow.getMetricHistory(runId, 'loss')).map((m) => [m.step, m.value])).toEqual([
      [0, 0.9],
      [1, 0.5],
      [2, 0.2],
    ]);
    const files = await mlflow.listArtifacts(run.info.artifact_uri, 'model');
    expect(files.map((f) => f.path).sort()).toEqual(['model.json', 'weights.bin']);
    expect([...(await mlflow.downloadArtifact(run.info.artifact_uri, 'model/weights.bin'))]).toEqual([1, 2, 3, 4]);
    // The proxy answers a missing file with a 500 carrying the store's 404: a not-found, not MLflow down.
    const missing = await mlflow.downloadArtifact(run.info.artifact_uri, 'model/nope.json').catch((e: unknown) => e);
    expect(isMlflowNotFound(missing)).toBe(true);

    await mlflow.ensureRegisteredModel(name);
    const mv = await mlflow.createModelVersion(name, `${run.info.artifact_uri}/model`, runId);
    const ready = await mlflow.waitForModelVersionReady(name, mv.version);
    expect(ready).toMatchObject({ name, version: '1', status: 'READY', run_id: runId });
    await mlflow.setAlias(name, 'champion', mv.version);
    expect((await mlflow.getModelVersionByAlias(name, 'champion')).version).toBe('1');
  });
});
