/**
 * The inference app end to end, against the real stack: models trained through the pipeline (TrainingRequested
 * on Kafka → the trainer app → MLflow registry) are served by version, alias and `latest`; served
 * predictions reproduce the trainer's own validation metrics on the same rows (the trainer logs metrics,
 * not per-row predictions, so the test rebuilds its seeded validation split with libs/ml and recomputes
 * the metrics from what the API answers) and equal libs/ml's predictions from the same bundle; an alias
 * move takes effect within the TTL; every scoring payload format answers alike; the cache evicts at its
 * bound and loads once under concurrent cold requests; batch prediction writes a downloadable CSV; bad
 * input gets 400, unknown models 404, an unreachable MLflow 503.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadConfig } from '@modelstream/config';
import { MlflowClient } from '@modelstream/mlflow';
import {
  classificationMetrics,
  initBackend,
  loadBundle,
  predict,
  prepareDataset,
  readCsvTable,
  regressionMetrics,
  syntheticDataset,
} from '@modelstream/ml';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { call, csvRecords, PredictAnswer, toCsv, typedRecords } from './support/inference-client';
import { PipelineTrainer, TrainedModel } from './support/inference-training';
import { storeDataset } from './support/datasets';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

const ALIAS_TTL_MS = 1500;
const MAX_ROWS = 200;
const run = randomUUID().slice(0, 8);
const CLASSIFIER = `inference-e2e-clf-${run}`;
const REGRESSOR = `inference-e2e-reg-${run}`;

const classification = syntheticDataset({ relation: 'linear-multiclass', rows: 500, categorical: true, distractors: true, seed: 11 });
const regression = syntheticDataset({ relation: 'linear-regression', rows: 400, categorical: true, seed: 12 });

describe('inference app', () => {
  const mlflow = new MlflowClient(loadConfig());
  const pipeline = new PipelineTrainer();
  let trainer: RunningApp;
  let app: RunningApp;
  let clf1: TrainedModel;
  let clf2: TrainedModel;
  let reg1: TrainedModel;
  let finishedBatchJob = '';

  const loaded = async () => (await call<{ models: { modelId: string; loadCount: number }[] }>(`${app.url}/api/models/loaded`)).body.models;
  const modelInfo = async (name: string) => {
    const res = await call<{ models: { name: string; versions: { version: string; loaded: boolean; loadCount: number }[] }[] }>(
      `${app.url}/api/models?name=${encodeURIComponent(name)}`,
    );
    return res.body.models.find((m) => m.name === name)!;
  };
  const predictVia = (path: string, features: unknown[]) => call<PredictAnswer>(`${app.url}${path}`, { json: { features } });

  beforeAll(async () => {
    [trainer, app] = await startTogether([
      startApp('trainer', 3362),
      startApp('inference', 3361, {
        INFERENCE_ALIAS_TTL_MS: String(ALIAS_TTL_MS),
        INFERENCE_CACHE_MAX_MODELS: '2',
        INFERENCE_MAX_BATCH_ROWS: String(MAX_ROWS),
      }),
    ]);
    clf1 = await pipeline.train({ modelName: CLASSIFIER, csv: classification.csv, target: 'target', modelType: 'logistic_regression' });
    clf2 = await pipeline.train({
      modelName: CLASSIFIER,
      csv: classification.csv,
      target: 'target',
      modelType: 'mlp_classifier',
      params: { hiddenLayers: [16], epochs: 30 },
    });
    reg1 = await pipeline.train({ modelName: REGRESSOR, csv: regression.csv, target: 'target', modelType: 'linear_regression' });
    await mlflow.setAlias(CLASSIFIER, 'champion', clf1.modelVersion);
    await initBackend();
  });

  afterAll(async () => {
    await pipeline.close();
    await Promise.all([trainer?.stop(), app?.stop()]);
  });

  /** The trainer's validation rows: its seeded split rebuilt with libs/ml from the same CSV and params. */
  async function validationRows(csv: string, trained: TrainedModel, problemType: 'classification' | 'regression') {
    const table = await readCsvTable(Readable.from([Buffer.from(csv)]));
    const prepared = prepareDataset(table, {
      target: 'target',
      problemType,
      validationSplit: trained.params.validationSplit as number,
      seed: trained.params.seed as number,
    });
    const records = csvRecords(csv);
    const rows = Array.from(prepared.validation, (r) => records[r]);
    expect(rows.length).toBe((trained.result.rows as { validation: number }).validation);
    return rows;
  }

  it('was trained through the pipeline and registered in MLflow', () => {
    expect(clf1.modelId).toBe(`models:/${CLASSIFIER}/${clf1.modelVersion}`);
    expect(Number(clf2.modelVersion)).toBeGreaterThan(Number(clf1.modelVersion));
    expect(reg1.modelId).toBe(`models:/${REGRESSOR}/${reg1.modelVersion}`);
  });

  it('serves a classifier by version, alias and latest, reproducing the trainer validation metrics on the same rows', async () => {
    const rows = await validationRows(classification.csv, clf1, 'classification');
    const features = typedRecords(rows).map(({ target: _target, ...rest }) => rest);

    const byVersion = await call<PredictAnswer>(`${app.url}/api/predict`, { json: { modelId: clf1.modelId, features } });
    expect(byVersion.status).toBe(200);
    expect(byVersion.body).toMatchObject({ modelId: clf1.modelId, version: clf1.modelVersion, problemType: 'classification' });
    const classes = byVersion.body.classes!;
    expect(classes).toEqual(['a', 'b', 'c']);

    // Metrics from the served probabilities equal the metrics the trainer logged for its validation split.
    const probabilities = byVersion.body.predictions.flatMap((p) => classes.map((c) => ('probabilities' in p ? p.probabilities[c] : NaN)));
    const truth = rows.map((r) => classes.indexOf(r.target));
    const served = classificationMetrics(truth, probabilities, classes.length);
    expect(served.accuracy).toBeCloseTo(clf1.metrics.accuracy, 10);
    expect(served.log_loss).toBeCloseTo(clf1.metrics.log_loss, 5);
    expect(served.f1).toBeCloseTo(clf1.metrics.f1, 10);
    expect(clf1.metrics.accuracy).toBeGreaterThan(0.8); // a model that learned, so the comparison means something

    // And each row equals libs/ml's prediction from the same registered bundle.
    const mv = await mlflow.getModelVersion(CLASSIFIER, clf1.modelVersion);
    const local = predict(await loadBundle((path) => mlflow.downloadArtifact(mv.source, path)), features);
    if (local.problemType !== 'classification') throw new Error('expected a classifier');
    byVersion.body.predictions.forEach((p, i) => {
      if (!('label' in p)) throw new Error('expected a label');
      expect(p.label).toBe(local.labels[i]);
      for (const c of classes) expect(p.probabilities[c]).toBeCloseTo(local.probabilities[i][c], 6);
    });

    const byAlias = await predictVia(`/api/models/${CLASSIFIER}/aliases/champion/predict`, features);
    expect(byAlias.status).toBe(200);
    expect(byAlias.body).toMatchObject({ modelId: clf1.modelId, requested: `models:/${CLASSIFIER}@champion` });
    expect(byAlias.body.predictions).toEqual(byVersion.body.predictions);

    const viaUriAlias = await call<PredictAnswer>(`${app.url}/api/predict`, {
      json: { modelId: `models:/${CLASSIFIER}@champion`, features },
    });
    expect(viaUriAlias.body.predictions).toEqual(byVersion.body.predictions);

    const latest = await call<PredictAnswer>(`${app.url}/api/predict`, { json: { modelId: `models:/${CLASSIFIER}/latest`, features } });
    expect(latest.status).toBe(200);
    expect(latest.body.modelId).toBe(clf2.modelId);
    const latestRows = await validationRows(classification.csv, clf2, 'classification');
    expect(latestRows).toEqual(rows); // same data and seed: the same split
    const latestProbs = latest.body.predictions.flatMap((p) => classes.map((c) => ('probabilities' in p ? p.probabilities[c] : NaN)));
    expect(classificationMetrics(truth, latestProbs, classes.length).log_loss).toBeCloseTo(clf2.metrics.log_loss, 5);
    const byPathLatest = await predictVia(`/api/models/${CLASSIFIER}/versions/latest/predict`, features);
    expect(byPathLatest.body.predictions).toEqual(latest.body.predictions);
  });

  it('serves a regressor, reproducing the trainer validation metrics', async () => {
    const rows = await validationRows(regression.csv, reg1, 'regression');
    const features = typedRecords(rows).map(({ target: _target, ...rest }) => rest);
    const res = await predictVia(`/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/predict`, features);
    expect(res.status).toBe(200);
    expect(res.body.problemType).toBe('regression');
    const values = res.body.predictions.map((p) => ('value' in p ? p.value : NaN));
    const served = regressionMetrics(
      rows.map((r) => Number(r.target)),
      values,
    );
    expect(served.rmse).toBeCloseTo(reg1.metrics.rmse, 4);
    expect(served.mae).toBeCloseTo(reg1.metrics.mae, 4);
    expect(served.r2).toBeCloseTo(reg1.metrics.r2, 5);
    expect(reg1.metrics.r2).toBeGreaterThan(0.9);
  });

  it('answers every MLflow scoring payload format with the same predictions as the JSON API', async () => {
    const records = csvRecords(classification.csv).slice(0, 25);
    const typed = typedRecords(records).map(({ target: _t, id: _i, source: _s, ...rest }) => rest);
    const columns = Object.keys(typed[0]);
    const expected = (
      await call<PredictAnswer>(`${app.url}/api/predict`, { json: { modelId: clf1.modelId, features: typed } })
    ).body.predictions.map((p) => ('label' in p ? p.label : p.value));
    const url = `${app.url}/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/invocations`;
    const payloads: [string, unknown][] = [
      ['dataframe_split', { dataframe_split: { columns, data: typed.map((r) => columns.map((c) => r[c])) } }],
      [
        'dataframe_split with index',
        { dataframe_split: { index: typed.map((_, i) => i), columns, data: typed.map((r) => columns.map((c) => r[c])) } },
      ],
      ['dataframe_records', { dataframe_records: typed }],
      ['instances (records)', { instances: typed }],
      ['instances (positional)', { instances: typed.map((r) => columns.map((c) => r[c])) }],
      ['inputs (records)', { inputs: typed }],
      ['inputs (columns)', { inputs: Object.fromEntries(columns.map((c) => [c, typed.map((r) => r[c])])) }],
    ];
    for (const [format, json] of payloads) {
      const res = await call<{ predictions: unknown[] }>(url, { json });
      expect({ format, status: res.status, predictions: res.body.predictions }).toEqual({ format, status: 200, predictions: expected });
    }
    const csv = await call<{ predictions: unknown[] }>(url, { body: toCsv(records), contentType: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.body.predictions).toEqual(expected);
    const aliasCsv = await call<{ predictions: unknown[] }>(`${app.url}/api/models/${CLASSIFIER}/aliases/champion/invocations`, {
      body: toCsv(records),
      contentType: 'text/csv',
    });
    expect(aliasCsv.body.predictions).toEqual(expected);
    const ping = await fetch(`${app.url}/ping`);
    expect(ping.status).toBe(200);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it('moves to the new version within the alias TTL after the alias moves, without a restart', async () => {
    const path = `/api/models/${CLASSIFIER}/aliases/champion/predict`;
    const row = typedRecords(csvRecords(classification.csv).slice(0, 1)).map(({ target: _t, ...rest }) => rest);
    expect((await predictVia(path, row)).body.version).toBe(clf1.modelVersion);
    await mlflow.setAlias(CLASSIFIER, 'champion', clf2.modelVersion);
    const moved = Date.now();
    let switchedAfter = -1;
    await eventually(
      async () => {
        const v = (await predictVia(path, row)).body.version;
        if (v === clf2.modelVersion) switchedAfter = Date.now() - moved;
        return v === clf2.modelVersion;
      },
      ALIAS_TTL_MS + 3000,
      100,
    );
    expect(switchedAfter).toBeGreaterThanOrEqual(0);
    expect(switchedAfter).toBeLessThanOrEqual(ALIAS_TTL_MS + 1000);
    const models = await modelInfo(CLASSIFIER);
    expect(models.versions.find((v) => v.version === clf2.modelVersion)!.loaded).toBe(true);
    // Moving it back takes effect within the TTL as well (and leaves the alias as the later tests expect).
    await mlflow.setAlias(CLASSIFIER, 'champion', clf1.modelVersion);
    expect(await eventually(async () => (await predictVia(path, row)).body.version === clf1.modelVersion, ALIAS_TTL_MS + 3000, 100)).toBe(
      true,
    );
  });

  it('evicts the least recently used model at the cache bound (2 models) and lists what is loaded', async () => {
    const clfRow = typedRecords(csvRecords(classification.csv).slice(0, 1)).map(({ target: _t, ...rest }) => rest);
    const regRow = typedRecords(csvRecords(regression.csv).slice(0, 1)).map(({ target: _t, ...rest }) => rest);
    await predictVia(`/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/predict`, clfRow);
    await predictVia(`/api/models/${CLASSIFIER}/versions/${clf2.modelVersion}/predict`, clfRow);
    expect((await loaded()).map((m) => m.modelId)).toEqual([clf2.modelId, clf1.modelId]);
    const before = (await loaded()).find((m) => m.modelId === clf1.modelId)!.loadCount;

    await predictVia(`/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/predict`, regRow);
    expect((await loaded()).map((m) => m.modelId)).toEqual([reg1.modelId, clf2.modelId]);
    const info = await modelInfo(CLASSIFIER);
    expect(info.versions.find((v) => v.version === clf1.modelVersion)!.loaded).toBe(false);

    // The evicted model still answers: it is loaded again from MLflow.
    const again = await predictVia(`/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/predict`, clfRow);
    expect(again.status).toBe(200);
    expect((await loaded()).find((m) => m.modelId === clf1.modelId)!.loadCount).toBe(before + 1);
  });

  it('evicts by memory too: a byte bound below two models keeps one', async () => {
    const bytes = async (url: string, modelId: string) =>
      (await call<{ models: { modelId: string; bytes: number }[] }>(`${url}/api/models/loaded`)).body.models.find(
        (m) => m.modelId === modelId,
      )?.bytes;
    await call(`${app.url}/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/load`, { method: 'POST' });
    await call(`${app.url}/api/models/${CLASSIFIER}/versions/${clf2.modelVersion}/load`, { method: 'POST' });
    const b1 = (await bytes(app.url, clf1.modelId))!;
    const b2 = (await bytes(app.url, clf2.modelId))!;
    expect(b1).toBeGreaterThan(0);
    expect(b2).toBeGreaterThan(b1); // the MLP holds more weights than the logistic regression
    const small = await startApp('inference', 3364, { INFERENCE_CACHE_MAX_MODELS: '10', INFERENCE_CACHE_MAX_BYTES: String(b1 + b2 - 1) });
    try {
      const listed = async () =>
        (await call<{ models: { modelId: string }[] }>(`${small.url}/api/models/loaded`)).body.models.map((m) => m.modelId);
      expect((await call(`${small.url}/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/load`, { method: 'POST' })).status).toBe(201);
      expect((await call(`${small.url}/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/load`, { method: 'POST' })).status).toBe(201);
      expect(await listed()).toEqual([reg1.modelId, clf1.modelId]); // both fit
      expect((await call(`${small.url}/api/models/${CLASSIFIER}/versions/${clf2.modelVersion}/load`, { method: 'POST' })).status).toBe(201);
      const after = await listed();
      expect(after[0]).toBe(clf2.modelId);
      expect(after).not.toContain(clf1.modelId); // the least recently used went first
      const metrics = await (await fetch(`${small.url}/metrics`)).text();
      expect(metrics).toMatch(/modelstream_inference_model_evictions_total\{reason="bytes"\} [1-9]/);
    } finally {
      await small.stop();
    }
  });

  it('loads a cold model once for concurrent first requests', async () => {
    const evict = await call(`${app.url}/api/models/${CLASSIFIER}/versions/${clf2.modelVersion}/cache`, { method: 'DELETE' });
    expect([200, 404]).toContain(evict.status); // 404 when the bound already evicted it
    expect((await loaded()).some((m) => m.modelId === clf2.modelId)).toBe(false);
    const before = (await modelInfo(CLASSIFIER)).versions.find((v) => v.version === clf2.modelVersion)!.loadCount;
    const row = typedRecords(csvRecords(classification.csv).slice(0, 3)).map(({ target: _t, ...rest }) => rest);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => predictVia(`/api/models/${CLASSIFIER}/versions/${clf2.modelVersion}/predict`, row)),
    );
    expect(answers.map((a) => a.status)).toEqual(new Array(12).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body.predictions))).size).toBe(1);
    expect((await modelInfo(CLASSIFIER)).versions.find((v) => v.version === clf2.modelVersion)!.loadCount).toBe(before + 1);
  });

  it('pre-loads and evicts by API', async () => {
    const load = await call<{ loaded: boolean; modelId: string }>(`${app.url}/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/load`, {
      method: 'POST',
    });
    expect(load.status).toBe(201);
    expect(load.body).toMatchObject({ loaded: true, modelId: reg1.modelId });
    expect((await loaded()).map((m) => m.modelId)).toContain(reg1.modelId);
    const tensors = async () =>
      Number(/^modelstream_inference_tf_tensors (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
    const withModel = await tensors();
    const evicted = await call(`${app.url}/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/cache`, { method: 'DELETE' });
    expect(evicted.status).toBe(200);
    expect((await loaded()).map((m) => m.modelId)).not.toContain(reg1.modelId);
    expect(await tensors()).toBe(withModel - 2); // the linear model's kernel and bias were disposed
    expect((await call(`${app.url}/api/models/${REGRESSOR}/versions/${reg1.modelVersion}/cache`, { method: 'DELETE' })).status).toBe(404);
    const alias = await call(`${app.url}/api/models/${CLASSIFIER}/aliases/champion/load`, { method: 'POST' });
    expect(alias.body).toMatchObject({ modelId: clf1.modelId, loaded: true });
  });

  it('runs a batch prediction over an uploaded CSV and over a stored dataset, with a presigned download of the results', async () => {
    const records = csvRecords(classification.csv).slice(0, 450); // over MAX_ROWS: the job scores in chunks
    const csv = toCsv(records);
    const form = new FormData();
    form.append('modelId', clf1.modelId);
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'rows.csv');
    const started = await call<{ jobId: string; status: string; rows: number }>(`${app.url}/api/predict/batch`, { body: form });
    expect(started.status).toBe(202);
    expect(started.body.rows).toBe(450);

    const datasetId = await storeDataset(pipeline.config, pipeline.store, csv);
    const byKey = await call<{ jobId: string }>(`${app.url}/api/predict/batch`, {
      json: { modelId: `models:/${CLASSIFIER}@champion`, datasetId },
    });
    expect(byKey.status).toBe(202);

    const expected = (
      await call<PredictAnswer>(`${app.url}/api/predict`, {
        json: { modelId: clf1.modelId, features: typedRecords(records.slice(0, MAX_ROWS)) },
      })
    ).body.predictions.map((p) => ('label' in p ? p.label : ''));

    for (const jobId of [started.body.jobId, byKey.body.jobId]) {
      let job: { status: string; downloadUrl?: string; processedRows: number; error?: string } = { status: 'pending', processedRows: 0 };
      await eventually(
        async () => {
          job = (await call<typeof job>(`${app.url}/api/predict/batch/${jobId}`)).body;
          return job.status === 'completed' || job.status === 'failed';
        },
        60_000,
        200,
      );
      expect(job).toMatchObject({ status: 'completed', processedRows: 450 });
      const download = await fetch(job.downloadUrl!);
      expect(download.status).toBe(200);
      const lines = (await download.text()).trim().split('\n');
      expect(lines[0]).toBe(`${Object.keys(records[0]).join(',')},prediction,probability_a,probability_b,probability_c`);
      expect(lines).toHaveLength(451);
      const predictionIndex = lines[0].split(',').indexOf('prediction');
      expect(lines.slice(1, MAX_ROWS + 1).map((l) => l.split(',')[predictionIndex])).toEqual(expected);
    }
    finishedBatchJob = started.body.jobId;

    const missing = new FormData();
    missing.append('modelId', clf1.modelId);
    missing.append('file', new Blob([toCsv(records.map(({ x0: _x0, ...rest }) => rest))], { type: 'text/csv' }), 'rows.csv');
    const bad = await call<{ message: string }>(`${app.url}/api/predict/batch`, { body: missing });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('"x0"');
    // finding 8: a NaN in a numeric column was accepted, then the whole job failed; now the request is refused
    const nan = new FormData();
    nan.append('modelId', clf1.modelId);
    nan.append(
      'file',
      new Blob([toCsv(records.slice(0, 5).map((r, i) => (i === 3 ? { ...r, x0: 'NaN' } : r)))], { type: 'text/csv' }),
      'rows.csv',
    );
    const refused = await call<{ message: string }>(`${app.url}/api/predict/batch`, { body: nan });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('row 3 column "x0": expected a number, got "NaN"');
    expect((await call(`${app.url}/api/predict/batch/${randomUUID()}`)).status).toBe(404);
    const noDataset = await call(`${app.url}/api/predict/batch`, {
      json: { modelId: clf1.modelId, datasetId: 'ds-000000000000000000000000' },
    });
    expect(noDataset.status).toBe(404);
    // A raw object key (another job's chunk) is no source at all: no job, no presigned URL to someone's rows.
    const rawKey = await call<{ message: string }>(`${app.url}/api/predict/batch`, {
      json: { modelId: clf1.modelId, objectKey: `uploads/${randomUUID()}/chunk-00000` },
    });
    expect(rawKey.status).toBe(400);
    expect(rawKey.body.message).toContain('datasetId');
  });

  describe('bad input', () => {
    const good = () => typedRecords(csvRecords(classification.csv).slice(0, 2)).map(({ target: _t, ...rest }) => rest);
    const send = (features: unknown, modelId = clf1.modelId) =>
      call<{ message: string; details?: Record<string, unknown> }>(`${app.url}/api/predict`, { json: { modelId, features } });

    it('names missing columns (400)', async () => {
      const res = await send(good().map(({ x1: _x1, ...rest }) => rest));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('missing columns: "x1"');
    });

    it('names unknown columns (400)', async () => {
      const res = await send(good().map((r) => ({ ...r, colour: 'red' })));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('unknown columns: "colour"');
    });

    it('names values of the wrong type (400)', async () => {
      const res = await send([
        { ...good()[0], x2: 'twelve' },
        { ...good()[1], color: { hex: '#f00' } },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('row 0 column "x2": expected a number, got "twelve"');
      expect(res.body.message).toContain('row 1 column "color": expected a string');
    });

    it('refuses empty input and oversize batches naming the limit (400)', async () => {
      expect((await send([])).body.message).toMatch(/no rows/);
      expect((await send([])).status).toBe(400);
      const big = await send(Array.from({ length: MAX_ROWS + 1 }, () => good()[0]));
      expect(big.status).toBe(400);
      expect(big.body.message).toContain(`limit of ${MAX_ROWS} rows`);
      const scoring = await call<{ message: string }>(`${app.url}/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/invocations`, {
        json: { instances: [] },
      });
      expect(scoring.status).toBe(400);
      const notFormat = await call<{ message: string }>(`${app.url}/api/models/${CLASSIFIER}/versions/${clf1.modelVersion}/invocations`, {
        json: { rows: good() },
      });
      expect(notFormat.status).toBe(400);
      expect(notFormat.body.message).toContain('dataframe_split');
      expect((await call(`${app.url}/api/predict`, { json: { modelId: clf1.modelId } })).status).toBe(400);
      expect((await send(good(), 'churn-3')).status).toBe(400);
    });

    it('answers 404 for an unknown model, version or alias', async () => {
      const model = await send(good(), `models:/inference-e2e-nope-${run}/1`);
      expect(model.status).toBe(404);
      expect(model.body.message).toContain(`inference-e2e-nope-${run}`);
      const version = await send(good(), `models:/${CLASSIFIER}/999`);
      expect(version.status).toBe(404);
      expect(version.body.message).toContain('no version 999');
      const alias = await send(good(), `models:/${CLASSIFIER}@nobody`);
      expect(alias.status).toBe(404);
      expect(alias.body.message).toContain('no alias "nobody"');
      expect((await predictVia(`/api/models/inference-e2e-nope-${run}/aliases/x/predict`, good())).status).toBe(404);
      expect((await send(good(), `models:/inference-e2e-nope-${run}/latest`)).status).toBe(404);
    });

    it('answers 503 with Retry-After when MLflow cannot be reached', async () => {
      const cut = await startApp('inference', 3363, { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5999' });
      try {
        const res = await call<{ message: string }>(`${cut.url}/api/predict`, { json: { modelId: clf1.modelId, features: good() } });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBeTruthy();
        expect(res.body.message).toMatch(/MLflow/);
        expect((await call(`${cut.url}/api/models`)).status).toBe(503);
        // Another instance answers a finished batch job from the object store.
        const job = await call<{ status: string; downloadUrl: string }>(`${cut.url}/api/predict/batch/${finishedBatchJob}`);
        expect(job.body).toMatchObject({ status: 'completed' });
        expect((await fetch(job.body.downloadUrl)).status).toBe(200);
      } finally {
        await cut.stop();
      }
    });
  });
});
