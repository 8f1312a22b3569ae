import type { MlflowRun } from '@modelstream/mlflow';
import { runFacts } from './model-catalog.service';

/** A run as MLflow's runs/get answers it for a version the trainer registered. */
function trainerRun(overrides: Partial<MlflowRun['data']> = {}): MlflowRun {
  return {
    info: { run_id: 'abc123', experiment_id: '7', status: 'FINISHED', artifact_uri: 'mlflow-artifacts:/7/abc123/artifacts' },
    data: {
      metrics: [
        { key: 'accuracy', value: 0.91, step: 0, timestamp: 1 },
        { key: 'val_loss', value: 0.27, step: 4, timestamp: 2 },
        { key: 'roc_auc', value: Number.NaN, step: 0, timestamp: 3 },
      ],
      params: [
        { key: 'epochs', value: '4' },
        { key: 'modelType', value: 'mlp' },
      ],
      tags: [
        { key: 'modelstream.trackingId', value: 'run-tag-id' },
        { key: 'modelstream.modelType', value: 'from-tag' },
      ],
      ...overrides,
    },
  };
}

describe('runFacts', () => {
  it("takes the run's finite metrics, its params, the model type and a link to the run in MLflow's UI", () => {
    expect(runFacts(trainerRun(), 'http://mlflow.test:5000/')).toEqual({
      metrics: { accuracy: 0.91, val_loss: 0.27 },
      params: { epochs: '4', modelType: 'mlp' },
      modelType: 'mlp',
      trackingId: 'run-tag-id',
      runUrl: 'http://mlflow.test:5000/#/experiments/7/runs/abc123',
    });
  });

  it("prefers the version's tags for the training job, and falls back to the run's tag for the model type", () => {
    const facts = runFacts(trainerRun({ params: [] }), 'http://m', [{ key: 'modelstream.trackingId', value: 'version-tag-id' }]);
    expect(facts).toMatchObject({ trackingId: 'version-tag-id', modelType: 'from-tag', params: {} });
  });

  it('answers empty metrics and params, and no link, for a version whose run is gone', () => {
    expect(runFacts(undefined, 'http://m')).toEqual({ metrics: {}, params: {} });
  });
});
