/**
 * Model and version details, end to end: a small classifier trained through the pipeline (Kafka → the
 * trainer app → MLflow) from a CSV with a categorical column, a column with blanks and two columns
 * training ignores; then the inference app answers GET /api/models/:name and one version (by number and
 * by alias) with the run's metrics and params, the signature read from the artifacts (training levels,
 * blanks, output labels) and the serving figures that predictions move; and a batch job's results CSV
 * is downloaded through the app itself.
 */
import { randomUUID } from 'node:crypto';
import { syntheticDataset } from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, toCsv, typedRecords } from './support/inference-client';
import { PipelineTrainer, TrainedModel } from './support/inference-training';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

interface Serving {
  requests: number;
  errors: number;
  p50Ms?: number;
  p99Ms?: number;
}
interface VersionSummary {
  version: string;
  modelId: string;
  status: string;
  aliases: string[];
  loaded: boolean;
  metrics: Record<string, number>;
  params: Record<string, string>;
  modelType?: string;
  serving: Serving;
}
interface VersionDetail extends VersionSummary {
  name: string;
  requested: string;
  problemType: string;
  target: string;
  runUrl?: string;
  trackingId?: string;
  signature: {
    inputs: { name: string; kind: string; levels?: string[]; nullable: boolean; missing?: number }[];
    output: { name: string; kind: string; labels?: string[] };
    ignored: { name: string; reason: string }[];
  };
}
interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const MODEL = `versions-e2e-${randomUUID().slice(0, 8)}`;
const data = syntheticDataset({ relation: 'linear-binary', rows: 240, features: 3, seed: 31, categorical: true, distractors: true });
// Every 8th row has no x1: training sees that column blank, and only that one.
const records = csvRecords(data.csv).map((r, i) => (i % 8 === 0 ? { ...r, x1: '' } : r));
const csv = toCsv(records);

describe('model and version details', () => {
  const pipeline = new PipelineTrainer();
  let trainer: RunningApp;
  let app: RunningApp;
  let trained: TrainedModel;
  const models = () => `${app.url}/api/models/${encodeURIComponent(MODEL)}`;
  const detail = (path: string) => call<VersionDetail & ErrorBody>(`${models()}/${path}`);

  beforeAll(async () => {
    [trainer, app] = await startTogether([startApp('trainer', 3491), startApp('inference', 3492)]);
    trained = await pipeline.train({ modelName: MODEL, csv, target: 'target', modelType: 'logistic_regression', params: { epochs: 4 } });
  });

  afterAll(async () => {
    await pipeline.close();
    await Promise.all([trainer?.stop(), app?.stop()]);
  });

  it("lists the model's versions with the run's metrics and params, none served yet", async () => {
    const res = await call<{ name: string; latestVersion: string; aliases: Record<string, string>; versions: VersionSummary[] }>(models());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: MODEL, latestVersion: trained.modelVersion, aliases: {} });
    expect(res.body.versions).toHaveLength(1);
    const [v] = res.body.versions;
    expect(v).toMatchObject({ version: trained.modelVersion, modelId: trained.modelId, status: 'READY', loaded: false });
    expect(v.modelType).toBe('logistic_regression');
    expect(v.metrics.accuracy).toBeCloseTo(trained.metrics.accuracy, 6);
    expect(v.metrics).toHaveProperty('val_loss');
    expect(v.params).toMatchObject({ epochs: '4', target: 'target', problemType: 'classification', modelType: 'logistic_regression' });
    expect(v.serving).toEqual({ requests: 0, errors: 0 });
  });

  it('describes a version: signature with the training levels and blanks, output labels, run link and job', async () => {
    const res = await detail(`versions/${trained.modelVersion}`);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({
      name: MODEL,
      requested: trained.modelId,
      version: trained.modelVersion,
      problemType: 'classification',
      target: 'target',
      trackingId: trained.trackingId,
      modelType: 'logistic_regression',
    });
    expect(v.runUrl).toMatch(new RegExp(`/#/experiments/\\d+/runs/${trained.mlflowRunId}$`));
    expect(v.signature.inputs).toEqual([
      { name: 'x0', kind: 'numeric', nullable: false, missing: 0 },
      { name: 'x1', kind: 'numeric', nullable: true, missing: 30 },
      { name: 'x2', kind: 'numeric', nullable: false, missing: 0 },
      { name: 'color', kind: 'categorical', levels: ['blue', 'green', 'red'], nullable: false, missing: 0 },
    ]);
    expect(v.signature.output).toEqual({ name: 'target', kind: 'categorical', labels: ['no', 'yes'] });
    expect(v.signature.ignored.map((c) => c.name).sort()).toEqual(['id', 'source']);
    expect(v.loaded).toBe(false); // read from the artifacts, without loading the model into the cache
    const latest = await detail('versions/latest');
    expect(latest.body).toMatchObject({ version: trained.modelVersion, requested: `models:/${MODEL}/latest` });
  });

  it('describes the version an alias points at', async () => {
    const set = await call(`${models()}/aliases/champion`, { method: 'PUT', json: { version: trained.modelVersion } });
    expect(set.status).toBe(200);
    const res = await detail('aliases/champion');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: trained.modelVersion, requested: `models:/${MODEL}@champion`, aliases: ['champion'] });
    expect(res.body.signature.output.labels).toEqual(['no', 'yes']);
    expect((await call<{ aliases: Record<string, string> }>(models())).body.aliases).toEqual({ champion: trained.modelVersion });
  });

  it('answers 404 naming the unknown model, version or alias', async () => {
    const noModel = await call<ErrorBody>(`${app.url}/api/models/${MODEL}-nope`);
    expect(noModel.status).toBe(404);
    expect(noModel.body).toMatchObject({ statusCode: 404, error: 'NotFoundError' });
    expect(noModel.body.message).toMatch(/^No registered model is named ".*-nope"\. GET \/api\/models/);
    const noVersion = await detail('versions/999');
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.message).toMatch(/999/);
    const noAlias = await detail('aliases/gold');
    expect(noAlias.status).toBe(404);
    expect(noAlias.body.message).toMatch(/has no alias "gold"/);
    expect((await detail('versions/two')).status).toBe(400);
  });

  it('counts predictions in the serving figures: requests, errors (a 400 for bad rows) and latency', async () => {
    const { body: before } = await detail(`versions/${trained.modelVersion}`);
    // A row built from the signature, as the portal's form does: a training level, a blank where allowed.
    const levels = before.signature.inputs.find((i) => i.name === 'color')!.levels!;
    const row = { x0: 0.3, x1: null, x2: -1.2, color: levels[0] };
    const rows = typedRecords(records.slice(1, 4)).map(({ target: _t, ...rest }) => rest);
    for (const features of [[row], rows, rows]) {
      const ok = await call(`${models()}/versions/${trained.modelVersion}/predict`, { json: { features } });
      expect(ok.status).toBe(200);
    }
    const byAlias = await call(`${models()}/aliases/champion/invocations`, { json: { dataframe_records: rows } });
    expect(byAlias.status).toBe(200);
    const bad = await call<ErrorBody>(`${models()}/versions/${trained.modelVersion}/predict`, {
      json: { features: [{ ...row, color: { not: 'a level' } }] },
    });
    expect(bad.status).toBe(400);

    const { body: after } = await detail(`versions/${trained.modelVersion}`);
    expect(after.serving.requests - before.serving.requests).toBe(5);
    expect(after.serving.errors - before.serving.errors).toBe(1);
    expect(after.serving.p50Ms).toBeGreaterThan(0);
    expect(after.serving.p99Ms).toBeGreaterThanOrEqual(after.serving.p50Ms!);
    expect(after.loaded).toBe(true);
    console.log(`serving figures of ${trained.modelId}: ${JSON.stringify(after.serving)}`);
    const listed = (await call<{ versions: VersionSummary[] }>(models())).body.versions[0];
    expect(listed.serving).toMatchObject({ requests: after.serving.requests, errors: after.serving.errors });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(
      `modelstream_inference_requests_total{name="${MODEL}",version="${trained.modelVersion}",api="predict",outcome="error"} 1`,
    );
  });

  it('streams a completed batch job’s results CSV, and answers 409 for a job not completed', async () => {
    const batch = records.slice(0, 60);
    const form = new FormData();
    form.append('modelId', `models:/${MODEL}@champion`);
    form.append('file', new Blob([toCsv(batch)], { type: 'text/csv' }), 'rows.csv');
    const started = await call<{ jobId: string }>(`${app.url}/api/predict/batch`, { body: form });
    expect(started.status).toBe(202);
    const { jobId } = started.body;
    let job: { status: string; resultsPath?: string; downloadUrl?: string } = { status: 'pending' };
    await eventually(
      async () => {
        job = (await call<typeof job>(`${app.url}/api/predict/batch/${jobId}`)).body;
        return job.status === 'completed' || job.status === 'failed';
      },
      60_000,
      200,
    );
    expect(job).toMatchObject({ status: 'completed', resultsPath: `/api/predict/batch/${jobId}/results` });
    expect(job.downloadUrl).toMatch(/^http/);

    const res = await fetch(`${app.url}${job.resultsPath!}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="predictions-${jobId}.csv"`);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(`${Object.keys(batch[0]).join(',')},prediction,probability_no,probability_yes`);
    expect(lines).toHaveLength(batch.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(batch.map((r) => r.id));

    // A job another instance is still running (its record in the results bucket, refreshed just now).
    const running = randomUUID();
    const now = new Date().toISOString();
    const record = { jobId: running, status: 'running', requested: trained.modelId, source: { upload: 'x.csv' }, processedRows: 10 };
    await pipeline.store.put(
      pipeline.config.S3_BUCKET_RESULTS,
      `jobs/${running}.json`,
      JSON.stringify({ ...record, rows: 100, createdAt: now, updatedAt: now }),
      'application/json',
    );
    const early = await call<ErrorBody>(`${app.url}/api/predict/batch/${running}/results`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ statusCode: 409, error: 'ConflictError' });
    expect(early.body.message).toMatch(/is running; .*until its status is "completed"/);
    expect((await call<ErrorBody>(`${app.url}/api/predict/batch/${randomUUID()}/results`)).status).toBe(404);
    expect((await call<ErrorBody>(`${app.url}/api/predict/batch/not-a-uuid/results`)).status).toBe(400);
  });
});
