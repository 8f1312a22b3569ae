/**
 * The forward pass the inference floors share (floor-server.ts, nest-floor-server.ts): the registered version's
 * artifacts loaded as the app loads them (libs/ml loadBundle from MLflow, the tfjs-node backend), and per request
 * the `features` rows → preprocessing → tensor → predict → the app's answer. FLOOR_MODEL_NAME and
 * FLOOR_MODEL_VERSION name the version.
 */
import { loadConfig } from '@modelstream/config';
import { initBackend, InputRow, loadBundle, predict } from '@modelstream/ml';
import { MlflowClient } from '@modelstream/mlflow';

export type Answer = (rows: InputRow[]) => Record<string, unknown>;

export async function loadFloorModel(): Promise<Answer> {
  const name = process.env.FLOOR_MODEL_NAME!;
  const version = process.env.FLOOR_MODEL_VERSION!;
  const mlflow = new MlflowClient(loadConfig());
  await initBackend();
  const { source } = await mlflow.getModelVersion(name, version);
  const bundle = await loadBundle((path) => mlflow.downloadArtifact(source, path));
  const modelId = `models:/${name}/${version}`;
  const spec = bundle.preprocessor.spec;
  return (rows) => {
    const p = predict(bundle, rows);
    const predictions =
      p.problemType === 'regression'
        ? p.values.map((value) => ({ value }))
        : p.labels.map((label, i) => ({ label, probabilities: p.probabilities[i] }));
    return {
      status: 'success',
      modelId,
      requested: modelId,
      name,
      version,
      modelType: bundle.meta.modelType,
      problemType: spec.problemType,
      target: spec.target,
      ...(spec.classes ? { classes: spec.classes } : {}),
      predictions,
    };
  };
}
