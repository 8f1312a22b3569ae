/**
 * Random forests through the whole product path: a real CSV (penguins: numeric and categorical columns,
 * missing cells) uploaded in chunks to the ingest API, trained by the trainer on its worker threads, the
 * progress of each batch of trees and the feature importances in MLflow, the forest in the model bundle,
 * and the inference API serving it — the served predictions of the job's validation rows reproduce the
 * metrics the job reported, to the last digit.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { findProjectRoot, loadConfig } from '@modelstream/config';
import { MlflowClient } from '@modelstream/mlflow';
import { classificationMetrics, prepareDataset, readCsvTable, regressionMetrics } from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer } from './support/inference-client';
import { getJson, splitIntoChunks, uploadFile } from './support/ingest-client';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

interface JobStatus {
  status: string;
  progress: number;
  modelId: string | null;
  error: string | null;
  result: { metrics: Record<string, number>; backend: string; epochsRun: number; trainingSeconds: number } | null;
}

const CSV = readFileSync(join(findProjectRoot(__dirname), 'examples/python/data/penguins.csv'), 'utf8');
const FEATURES = ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year'];

const CASES = [
  {
    modelType: 'random_forest_classifier',
    target: 'species',
    problemType: 'classification' as const,
    params: { trees: 40, maxDepth: 10, seed: 11, validationSplit: 0.25 },
  },
  {
    modelType: 'random_forest_regressor',
    target: 'body_mass_g',
    problemType: 'regression' as const,
    params: { trees: 30, maxDepth: 12, minSamplesLeaf: 2, maxFeatures: 'log2', bins: 64, seed: 12, validationSplit: 0.25 },
  },
];

/** The CSV's rows as a JSON client sends them: NA → null, numbers as numbers. */
const jsonRows = (rows: Record<string, string>[]) =>
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'NA' ? null : Number.isFinite(Number(v)) ? Number(v) : v])),
  );

describe('random forests: upload → train on worker threads → MLflow → serve', () => {
  const apps: RunningApp[] = [];
  const run = randomUUID().slice(0, 8);
  const mlflow = new MlflowClient(loadConfig());

  beforeAll(async () => {
    apps.push(...(await startTogether([startApp('ingest', 3551), startApp('trainer', 3552), startApp('inference', 3553)])));
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  it.each(CASES)('$modelType on $target', async ({ modelType, target, problemType, params }) => {
    const [ingest, , inference] = apps;
    const modelName = `forest-e2e-${modelType}-${run}`;
    const file = Buffer.from(CSV);
    const answers = await uploadFile(ingest.url, file, splitIntoChunks(file, 2), {
      filename: 'penguins.csv',
      target,
      modelType,
      modelName,
      params: JSON.stringify(params),
    });
    let job: JobStatus | undefined;
    const finished = await eventually(
      async () => {
        job = (await getJson<JobStatus>(`${ingest.url}/api/model-train/status/${answers[0].trackingId}`)).body;
        return job.status === 'completed' || job.status === 'failed';
      },
      300_000,
      500,
    );
    expect(finished).toBe(true);
    expect(job).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(job!.result).toMatchObject({ backend: 'typescript-workers', epochsRun: 10 });

    // MLflow: a loss per batch of trees, the importances per input column, the forest in the bundle.
    const [, name, version] = /^models:\/(.+)\/(\d+)$/.exec(job!.modelId!)!;
    const registered = await mlflow.getModelVersion(name, version);
    const mlflowRun = await mlflow.getRun(registered.run_id!);
    const losses = await mlflow.getMetricHistory(mlflowRun.info.run_id, 'loss');
    expect(losses.map((m) => m.step).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => ((i + 1) * params.trees) / 10));
    const importances = JSON.parse(
      (await mlflow.downloadArtifact(mlflowRun.info.artifact_uri, 'feature_importances.json')).toString(),
    ) as Record<string, number>;
    expect(Object.keys(importances).sort()).toEqual(FEATURES.filter((f) => f !== target).sort());
    expect(Object.values(importances).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    const mlmodel = (await mlflow.downloadArtifact(registered.source, 'MLmodel')).toString();
    expect(mlmodel).toContain('    format: random-forest\n    model_type: ' + modelType);
    expect(mlmodel).toContain('    model: forest/forest.json\n');
    const forestFiles = (await mlflow.listArtifacts(registered.source.replace(/\/model$/, ''), 'model/forest')).map((f) =>
      f.path.split('/').pop(),
    );
    expect(forestFiles.sort()).toEqual(['forest.json', 'trees.bin']);

    // The job's validation rows (same seed and split, rebuilt with libs/ml), scored through the inference API.
    const table = await readCsvTable(Readable.from([file]));
    const prepared = prepareDataset(table, { target, problemType, validationSplit: params.validationSplit, seed: params.seed });
    const records = csvRecords(CSV);
    const rows = jsonRows(Array.from(prepared.validation, (r) => records[r]));
    const res = await call<PredictAnswer>(`${inference.url}/api/predict`, {
      json: { modelId: job!.modelId, features: rows.map(({ [target]: _t, ...rest }) => rest) },
    });
    expect(res.status).toBe(200);
    const metrics = job!.result!.metrics;
    if (problemType === 'classification') {
      const classes = res.body.classes!;
      const probabilities = res.body.predictions.flatMap((p) => classes.map((c) => ('probabilities' in p ? p.probabilities[c] : NaN)));
      const served = classificationMetrics(
        rows.map((r) => classes.indexOf(String(r[target]))),
        probabilities,
        classes.length,
      );
      expect(served.accuracy).toBe(metrics.accuracy);
      expect(served.log_loss).toBeCloseTo(metrics.log_loss, 6);
      expect(served.accuracy).toBeGreaterThan(0.93); // species is nearly separable on bills and flippers
    } else {
      const served = regressionMetrics(
        rows.map((r) => Number(r[target])),
        res.body.predictions.map((p) => ('value' in p ? p.value : NaN)),
      );
      expect(served.rmse).toBeCloseTo(metrics.rmse, 3);
      expect(served.r2).toBeGreaterThan(0.7); // body mass follows flipper length and species
    }
  });
});
