/**
 * The trainer end to end against the real stack: a built trainer process consumes TrainingRequested
 * events, reads the CSV chunks from the object store, trains each model family on a generated dataset
 * with a known relation, and logs and registers the model in MLflow, which we read back over REST. Bad
 * data fails its job with a reason the user can act on, and the trainer keeps serving.
 */
import { initBackend, loadBundle, predict, regressionMetrics, syntheticDataset, SyntheticRelation } from '@modelstream/ml';
import { RunningApp, startApp } from './support/app-process';
import { expectType, lastAttempt, TrainerHarness } from './support/trainer-harness';

jest.setTimeout(600_000);

const PORT = 3102;

describe('trainer', () => {
  const harness = new TrainerHarness();
  let trainer: RunningApp;
  const clientId = `modelstream-trainer-e2e-${harness.runId}`;
  // Other trainer instances may share the group: key every job to a partition this test's trainer owns.
  const mine = () => harness.trackingIdFor(clientId);

  beforeAll(async () => {
    await initBackend(['wasm', 'cpu']);
    await harness.start();
    trainer = await startApp('trainer', PORT, { KAFKA_CLIENT_ID: clientId });
  });

  afterAll(async () => {
    await trainer?.stop();
    await harness.stop();
  });

  describe('bad data fails the job with a clear reason, and the trainer keeps serving', () => {
    const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
    const cases: {
      name: string;
      csv: string | Buffer;
      problemType?: 'classification' | 'regression';
      modelType?: string;
      error: RegExp;
      stage: string;
    }[] = [
      {
        name: 'a single-class target',
        csv: `x,target\n${rows(50, (i) => `${i % 7},only`)}`,
        error: /single class \("only"\)/,
        stage: 'preprocessing',
      },
      {
        name: 'a non-numeric regression target',
        csv: `x,target\n${rows(50, (i) => `${i % 7},${i === 10 ? 'lots' : i}`)}`,
        problemType: 'regression',
        modelType: 'linear_regression',
        error: /must be numeric for a regression model, but data row 11 has "lots"/,
        stage: 'preprocessing',
      },
      {
        name: 'rows with the wrong number of fields',
        csv: `x,z,target\n${rows(30, (i) => `${i},${i % 3},a`)}\n1,2\n`,
        error: /Line 32 has 2 fields but the header has 3/,
        stage: 'loading',
      },
      {
        name: 'no usable feature column',
        csv: `id,const,target\n${rows(50, (i) => `${i + 1},k,${i % 2 ? 'a' : 'b'}`)}`,
        error: /No usable feature column.*"id" \(identifier.*"const" \(constant/,
        stage: 'preprocessing',
      },
      {
        name: 'non-UTF-8 bytes',
        csv: Buffer.concat([
          Buffer.from(`x,target\n${rows(20, (i) => `${i},${i % 2}`)}\n`),
          Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a]),
        ]),
        error: /not valid UTF-8/,
        stage: 'loading',
      },
      {
        name: 'NaN after parsing',
        csv: `x,z,target\n${rows(50, (i) => `${i === 7 ? 'NaN' : i % 9},${i % 4},${i % 2}`)}`,
        error: /"x" has a value that is not a finite number \("NaN" on data row 8\)/,
        stage: 'preprocessing',
      },
      {
        name: 'an infinite value',
        csv: `x,z,target\n${rows(50, (i) => `${i === 3 ? 'inf' : i % 9},${i % 4},${i % 2}`)}`,
        error: /not a finite number \("inf" on data row 4\)/,
        stage: 'preprocessing',
      },
      {
        name: 'more categorical levels than the bound',
        csv: `c,target\n${rows(400, (i) => `lvl${i % 80},${i % 2}`)}`,
        error: /80 distinct categories, more than the limit of 50/,
        stage: 'preprocessing',
      },
      {
        name: 'a dataset too small to split',
        csv: `x,target\n${rows(6, (i) => `${i},${i % 2}`)}`,
        error: /too small to split.*6 row\(s\)/,
        stage: 'preprocessing',
      },
      {
        name: 'an unknown target column',
        csv: `x,label\n${rows(30, (i) => `${i},${i % 2}`)}`,
        error: /target column "target" is not in the file/,
        stage: 'preprocessing',
      },
    ];

    it('fails each bad dataset with its reason and stage, and records the failure in MLflow', async () => {
      const submitted = [];
      for (const c of cases) {
        submitted.push(
          await harness.submit({
            trackingId: await mine(),
            csv: c.csv,
            modelType: c.modelType ?? 'logistic_regression',
            problemType: c.problemType ?? 'classification',
            modelName: harness.modelName('bad-data'),
            chunkBytes: 97,
          }),
        );
      }
      for (const [i, c] of cases.entries()) {
        const { final } = await harness.final(submitted[i].trackingId, 120_000);
        const failed = expectType(final, 'TrainingFailed');
        expect({ case: c.name, error: failed.payload.error }).toEqual({ case: c.name, error: expect.stringMatching(c.error) });
        expect(failed.payload.stage).toBe(c.stage);
        const run = await harness.mlflow.getRun(failed.payload.mlflowRunId!);
        expect(run.info.status).toBe('FAILED');
        expect(run.data.tags?.find((t) => t.key === 'modelstream.error')?.value).toBe(failed.payload.error);
      }
    });

    it('fails bad settings without training', async () => {
      const { trackingId } = await harness.submit({
        trackingId: await mine(),
        csv: 'x,target\n1,a\n',
        modelType: 'logistic_regression',
        problemType: 'classification',
        paramsJson: '{"epochs": 0}',
      });
      const failed = expectType((await harness.final(trackingId)).final, 'TrainingFailed');
      expect(failed.payload.error).toMatch(/settings are invalid.*epochs must be between 1 and 1000/);
    });
  });

  type Family = [
    modelType: string,
    relation: SyntheticRelation,
    problemType: 'classification' | 'regression',
    params: Record<string, unknown>,
    metric: string,
    threshold: number,
  ];
  const families: Family[] = [
    // The linear families default to their exact solvers (one epoch per L-BFGS iteration, one for a closed form).
    ['logistic_regression', 'linear-binary', 'classification', { l2: 0.001 }, 'accuracy', 0.9],
    [
      'logistic_regression',
      'linear-multiclass',
      'classification',
      { solver: 'adam', epochs: 30, learningRate: 0.05, batchSize: 64 },
      'accuracy',
      0.85,
    ],
    ['linear_regression', 'linear-regression', 'regression', { solver: 'adam', epochs: 40, learningRate: 0.05, batchSize: 64 }, 'r2', 0.97],
    ['ridge_regression', 'linear-regression', 'regression', { alpha: 0.5 }, 'r2', 0.97],
    [
      'mlp_classifier',
      'circle',
      'classification',
      { epochs: 50, learningRate: 0.01, batchSize: 64, hiddenLayers: [32, 16] },
      'accuracy',
      0.9,
    ],
    [
      'mlp_regressor',
      'nonlinear-regression',
      'regression',
      { epochs: 60, learningRate: 0.01, batchSize: 64, hiddenLayers: [64, 32] },
      'r2',
      0.85,
    ],
  ];

  it.each(families)(
    '%s learns a %s relation, logs it to MLflow and registers a READY version',
    async (modelType, relation, problemType, params, metric, threshold) => {
      const data = syntheticDataset({ relation, rows: 1500, seed: 3, categorical: relation.startsWith('linear'), distractors: true });
      const { trackingId, modelName, sha256 } = await harness.submit({
        trackingId: await mine(),
        csv: data.csv,
        modelType,
        problemType,
        params,
        modelName: harness.modelName(`${modelType}-${relation}`),
        chunkBytes: 16 * 1024,
      });
      const { final, events: all } = await harness.final(trackingId, 300_000);
      const completed = expectType(final, 'TrainingCompleted');
      // Other trainer instances may share the group (and be stopped mid-job): judge the attempt that finished.
      const events = lastAttempt(all);

      // Events: started (with the inferred columns), one progress per epoch, completed with the metrics.
      const started = expectType(
        events.find((e) => e.type === 'TrainingStarted')!,
        'TrainingStarted',
      );
      expect(started.payload).toMatchObject({ modelType, mlflowRunId: completed.payload.mlflowRunId });
      // What computes the fit, announced at the start and confirmed by the result: the linear families' exact
      // solvers run their float64 products on native TensorFlow (CI: tensorflow), else TypeScript loops.
      const exact = modelType.endsWith('_regression') && params.solver !== 'adam';
      const tfBackend = process.env.TFJS_BACKEND;
      const expected = tfBackend
        ? [exact && tfBackend !== 'tensorflow' ? 'typescript' : tfBackend]
        : ['wasm', 'tensorflow', 'cpu', 'typescript'];
      expect(expected).toContain(started.payload.backend);
      expect((JSON.parse(completed.payload.resultJson) as { backend: string }).backend).toBe(started.payload.backend);
      const columns = JSON.parse(started.payload.columnsJson) as { columns: { name: string; role: string }[] };
      expect(columns.columns.find((c) => c.name === 'id')?.role).toBe('ignored');
      expect(columns.columns.find((c) => c.name === 'source')?.role).toBe('ignored');
      const epochs = events
        .filter((e) => e.type === 'TrainingProgress' && e.payload.stage === 'training')
        .map((e) => expectType(e, 'TrainingProgress').payload);
      const stages = events.filter((e) => e.type === 'TrainingProgress').map((e) => expectType(e, 'TrainingProgress').payload.stage);
      expect([...new Set(stages)]).toEqual(['loading', 'preprocessing', 'training', 'evaluating', 'registering']);
      const epochCount = exact ? epochs.length : (params.epochs as number);
      expect(epochCount).toBeGreaterThanOrEqual(1);
      expect(epochs.map((p) => p.epoch)).toEqual(Array.from({ length: epochCount }, (_, i) => i + 1));
      expect(epochs.every((p, i) => i === 0 || p.progress > epochs[i - 1].progress)).toBe(true);
      expect(epochs.at(-1)!.metrics.val_loss).toBeGreaterThanOrEqual(0);
      // Ridge's refinement polishes a system already solved (in float32) at epoch 1: its objective only moves in the last digits.
      if (epochCount > 1) expect(epochs.at(-1)!.loss!).toBeLessThan(epochs[0].loss! * (modelType === 'ridge_regression' ? 1 + 1e-4 : 1));
      expect(completed.payload.metrics[metric]).toBeGreaterThan(threshold);
      expect(completed.payload.modelId).toBe(`models:/${modelName}/${completed.payload.modelVersion}`);
      const result = JSON.parse(completed.payload.resultJson) as {
        rows: { train: number; validation: number };
        confusionMatrix?: number[][];
        classes?: string[];
      };
      expect(result.rows.train + result.rows.validation).toBe(1500);
      if (problemType === 'classification') {
        expect(result.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(result.rows.validation);
        expect(completed.payload.metrics).toEqual(
          expect.objectContaining({
            precision: expect.any(Number),
            recall: expect.any(Number),
            f1: expect.any(Number),
            log_loss: expect.any(Number),
          }),
        );
        if (result.classes!.length === 2) expect(completed.payload.metrics.roc_auc).toBeGreaterThan(0.9);
      } else {
        expect(completed.payload.metrics).toEqual(expect.objectContaining({ mae: expect.any(Number), rmse: expect.any(Number) }));
      }

      // MLflow run: status, tags, params, per-epoch metric history, final metrics, artifacts.
      const mlflow = harness.mlflow;
      const run = await mlflow.getRun(completed.payload.mlflowRunId);
      const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
      const runParams = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));
      expect(run.info.status).toBe('FINISHED');
      expect(tags).toMatchObject({
        'modelstream.trackingId': trackingId,
        'modelstream.dataset.sha256': sha256,
        'modelstream.dataset.sha256.read': sha256,
        'modelstream.backend': started.payload.backend,
        'modelstream.codeVersion': expect.stringMatching(/^\d+\.\d+\.\d+/),
        'modelstream.outcome': 'completed',
      });
      expect(runParams).toMatchObject({
        modelType,
        target: 'target',
        ...(exact ? { solver: 'exact' } : { epochs: String(params.epochs) }),
      });
      const lossHistory = await mlflow.getMetricHistory(run.info.run_id, 'loss');
      expect(lossHistory.map((m) => m.step).sort((a, b) => a - b)).toEqual(epochs.map((p) => p.epoch));
      const finalMetric = run.data.metrics?.find((m) => m.key === metric);
      expect(finalMetric?.value).toBeCloseTo(completed.payload.metrics[metric], 6);
      const modelFiles = (await mlflow.listArtifacts(run.info.artifact_uri, 'model')).map((f) => f.path.split('/').pop());
      expect(modelFiles).toEqual(expect.arrayContaining(['MLmodel', 'preprocessing.json', 'input_example.json', 'tfjs']));
      const tfjsFiles = (await mlflow.listArtifacts(run.info.artifact_uri, 'model/tfjs')).map((f) => f.path.split('/').pop());
      expect(tfjsFiles.sort()).toEqual(['model.json', 'weights.bin']);
      const mlmodel = (await mlflow.downloadArtifact(run.info.artifact_uri, 'model/MLmodel')).toString();
      expect(mlmodel).toContain('modelstream_tfjs:');
      expect(mlmodel).toContain(`run_id: ${run.info.run_id}`);
      expect(mlmodel).toMatch(/inputs: '\[\{"name":"x0","type":"double"/);

      // The registered version is READY and points at the run's model artifacts.
      const version = await mlflow.getModelVersion(modelName, completed.payload.modelVersion);
      expect(version.status).toBe('READY');
      expect(version.run_id).toBe(run.info.run_id);
      expect(version.source).toBe(`${run.info.artifact_uri}/model`);

      // What inference will load predicts fresh data from the same relation as well as the metric says.
      const bundle = await loadBundle((path) => mlflow.downloadArtifact(version.source, path));
      const fresh = syntheticDataset({ relation, rows: 400, seed: 99, categorical: relation.startsWith('linear'), distractors: true });
      const [header, ...lines] = fresh.csv.trim().split('\n');
      const names = header.split(',');
      const rows = lines.map((l) =>
        Object.fromEntries(
          l.split(',').map((v, i) => [names[i], names[i] === 'color' || names[i] === 'source' || names[i] === 'target' ? v : Number(v)]),
        ),
      );
      const prediction = predict(bundle, rows);
      if (prediction.problemType === 'classification') {
        const accuracy = prediction.labels.filter((l, i) => l === rows[i].target).length / rows.length;
        expect(accuracy).toBeGreaterThan(threshold - 0.05);
      } else {
        expect(
          regressionMetrics(
            rows.map((r) => Number(r.target)),
            prediction.values,
          ).r2,
        ).toBeGreaterThan(threshold - 0.05);
      }
      bundle.model.dispose();
    },
  );

  it('answers a redelivered request of a finished job with its outcome again, without training it twice', async () => {
    const data = syntheticDataset({ relation: 'linear-binary', rows: 300, seed: 21 });
    const request = {
      trackingId: await mine(),
      csv: data.csv,
      modelType: 'logistic_regression',
      problemType: 'classification' as const,
      modelName: harness.modelName('redelivered'),
    };
    const { trackingId, modelName } = await harness.submit(request);
    const first = expectType((await harness.final(trackingId)).final, 'TrainingCompleted');
    const before = harness.eventsOf(trackingId).length;

    await harness.submit(request); // the same request again, as after a lost offset commit
    const events = await harness.waitFor(
      trackingId,
      (es) => es.slice(before).some((e) => e.type === 'TrainingCompleted'),
      120_000,
      'the replayed outcome',
    );
    const again = expectType(
      events.slice(before).find((e) => e.type === 'TrainingCompleted')!,
      'TrainingCompleted',
    );
    expect(again.payload).toMatchObject({
      modelId: first.payload.modelId,
      mlflowRunId: first.payload.mlflowRunId,
      metrics: first.payload.metrics,
    });
    expect(Number(again.sequence)).toBeGreaterThan(Number(first.sequence));
    expect(events.slice(before).map((e) => e.type)).toEqual(['TrainingCompleted']);
    expect((await harness.mlflow.searchModelVersions(modelName)).map((v) => v.version)).toEqual(['1']);
  });

  it('serves Prometheus metrics with the jobs it finished', async () => {
    const text = await (await fetch(`${trainer.url}/metrics`)).text();
    expect(text).toMatch(/modelstream_trainer_jobs_total\{outcome="completed"\} [1-9]/);
    expect(text).toMatch(/modelstream_trainer_jobs_total\{outcome="failed"\} [1-9]/);
    expect(text).toMatch(/modelstream_trainer_busy [01]/);
    expect(text).toMatch(/modelstream_trainer_epochs_total [1-9]/);
    // Every job disposed its tensors: none are left alive between jobs.
    expect(text).toMatch(/modelstream_trainer_tf_tensors 0\n/);
  });
});
