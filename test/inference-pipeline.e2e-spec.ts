/**
 * The whole product path, as a frontend and an application see it: a CSV uploaded in chunks to the ingest
 * API, trained by the trainer, registered in MLflow; the `modelId` the ingest status answers is exactly
 * what the inference API takes, and the served predictions reproduce the accuracy the job reported.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { classificationMetrics, prepareDataset, readCsvTable, syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer, typedRecords } from './support/inference-client';
import { getJson, splitIntoChunks, uploadFile } from './support/ingest-client';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

interface JobStatus {
  status: string;
  progress: number;
  modelId: string | null;
  error: string | null;
  result: { metrics: Record<string, number> } | null;
}

describe('upload → train → serve', () => {
  const apps: RunningApp[] = [];
  const modelName = `inference-e2e-flow-${randomUUID().slice(0, 8)}`;
  const data = syntheticDataset({ relation: 'linear-binary', rows: 600, categorical: true, distractors: true, seed: 31 });

  beforeAll(async () => {
    apps.push(...(await startTogether([startApp('ingest', 3381), startApp('trainer', 3382), startApp('inference', 3383)])));
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  it('serves the model a chunked upload trained, by the modelId the job status answers', async () => {
    const [ingest, , inference] = apps;
    const answers = await uploadFile(ingest.url, Buffer.from(data.csv), splitIntoChunks(Buffer.from(data.csv), 3), {
      filename: 'flow.csv',
      target: 'target',
      modelType: 'logistic_regression',
      modelName,
      params: JSON.stringify({ epochs: 40, seed: 5, validationSplit: 0.25 }),
    });
    const trackingId = answers[0].trackingId;
    let job: JobStatus | undefined;
    const finished = await eventually(
      async () => {
        job = (await getJson<JobStatus>(`${ingest.url}/api/model-train/status/${trackingId}`)).body;
        return job.status === 'completed' || job.status === 'failed';
      },
      240_000,
      500,
    );
    expect(finished).toBe(true);
    expect(job).toMatchObject({ status: 'completed', progress: 100 });
    expect(job!.modelId).toMatch(new RegExp(`^models:/${modelName}/\\d+$`));

    // The job's validation rows (seed 5, 25 %), rebuilt with libs/ml, scored through the inference API.
    const table = await readCsvTable(Readable.from([Buffer.from(data.csv)]));
    const prepared = prepareDataset(table, { target: 'target', problemType: 'classification', validationSplit: 0.25, seed: 5 });
    const records = csvRecords(data.csv);
    const rows = Array.from(prepared.validation, (r) => records[r]);
    const res = await call<PredictAnswer>(`${inference.url}/api/predict`, {
      json: { modelId: job!.modelId, features: typedRecords(rows).map(({ target: _t, ...rest }) => rest) },
    });
    expect(res.status).toBe(200);
    expect(res.body.modelId).toBe(job!.modelId);
    const classes = res.body.classes!;
    const probabilities = res.body.predictions.flatMap((p) => classes.map((c) => ('probabilities' in p ? p.probabilities[c] : NaN)));
    const served = classificationMetrics(
      rows.map((r) => classes.indexOf(r.target)),
      probabilities,
      classes.length,
    );
    expect(served.accuracy).toBeCloseTo(job!.result!.metrics.accuracy, 10);
    expect(served.log_loss).toBeCloseTo(job!.result!.metrics.log_loss, 5);
    expect(served.accuracy).toBeGreaterThan(0.85);

    const listed = await call<{ models: { name: string; versions: { modelId: string; loaded: boolean }[] }[] }>(
      `${inference.url}/api/models?name=${modelName}`,
    );
    expect(listed.body.models[0].versions.find((v) => v.modelId === job!.modelId)).toMatchObject({ loaded: true });
  });
});
