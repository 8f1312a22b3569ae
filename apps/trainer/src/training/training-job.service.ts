/**
 * Runs one training job from its TrainingRequested event to a final event: validates the settings,
 * takes over earlier attempts of the same job (a trainer that died), streams and prepares the dataset,
 * trains with per-epoch progress, evaluates on the validation split, saves and registers the model in
 * MLflow, and publishes TrainingCompleted, TrainingFailed or TrainingCancelled.
 *
 * Failures the user can fix (bad data, bad settings) fail the job with the reason. A dependency that is
 * down (DependencyUnavailableError) and a shutdown (JobInterruptedError) are thrown to the consumer,
 * which retries or hands the request back without committing it.
 */
import { Injectable, Logger } from '@nestjs/common';
import {
  DependencyUnavailableError,
  EventOf,
  getModelSpec,
  HyperParams,
  InvalidInputError,
  ModelType,
  resolveHyperParams,
  TrainingRequested,
} from '@modelstream/contracts';
import { errorMessage } from '@modelstream/kafka';
import { MlflowRun } from '@modelstream/mlflow';
import {
  buildModel,
  DatasetError,
  evaluateModel,
  initBackend,
  inputExample,
  newBundleMeta,
  prepareDataset,
  tf,
  trainModel,
  TrainingStage,
} from '@modelstream/ml';
import { CancellationRegistry } from '../control/cancellation.registry';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { TrainerInstance } from '../trainer-instance';
import { DatasetReader } from './dataset.reader';
import { MlflowRunRecorder, RecordedRun, TAGS, tagOf } from './mlflow-run.recorder';
import { TrainingEventsPublisher } from './training-events.publisher';

export type TrainingRequestedEvent = EventOf<'TrainingRequested', TrainingRequested>;
export type JobOutcome = 'completed' | 'failed' | 'cancelled';

export interface JobContext {
  /** Keeps the consumer's group membership alive; called at least every few seconds. */
  heartbeat: () => Promise<void>;
  /** True once the app is stopping: the job stops and its request is handed back, not cancelled. */
  shuttingDown: () => boolean;
}

/** The app is stopping; the request stays uncommitted so another instance takes the job over. */
export class JobInterruptedError extends Error {
  override name = 'JobInterruptedError';
}

class JobCancelledError extends Error {}

/** Runs interrupted (trainer died or stopped) this many times fail the job instead of trying again. */
export const MAX_ATTEMPTS = 4;
const FINAL_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'log_loss', 'roc_auc', 'mae', 'rmse', 'r2'];
const SHUTDOWN = '\u0000shutdown';

const progressAt = { loading: 2, preprocessing: 12, trainingStart: 15, trainingEnd: 90, evaluating: 92, registering: 96 };

@Injectable()
export class TrainingJobService {
  private readonly logger = new Logger(TrainingJobService.name);

  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly datasets: DatasetReader,
    private readonly runs: MlflowRunRecorder,
    private readonly cancels: CancellationRegistry,
    private readonly instance: TrainerInstance,
    private readonly metrics: TrainerMetrics,
  ) {}

  async run(event: TrainingRequestedEvent, ctx: JobContext): Promise<JobOutcome> {
    this.metrics.setBusy(true);
    try {
      const outcome = await this.runJob(event, ctx);
      this.metrics.jobFinished(outcome);
      return outcome;
    } finally {
      this.metrics.setBusy(false);
    }
  }

  private async runJob(event: TrainingRequestedEvent, ctx: JobContext): Promise<JobOutcome> {
    const { trackingId, payload: req } = event;
    const log = (fields: Record<string, unknown>) => this.logger.log({ trackingId, ...fields });

    // Settings were validated at upload; check again, the event may come from elsewhere or an older version.
    let params: HyperParams;
    let modelType: ModelType;
    let problemType: 'classification' | 'regression';
    try {
      const spec = getModelSpec(req.modelType);
      params = resolveHyperParams(spec, parseParams(req.paramsJson));
      modelType = spec.key;
      problemType = spec.problemType;
      if (req.problemType && req.problemType !== spec.problemType) {
        throw new InvalidInputError(
          `modelType ${req.modelType} is a ${spec.problemType} model but the request asks for ${req.problemType}.`,
        );
      }
    } catch (error) {
      return this.fail(trackingId, `The training settings are invalid: ${errorMessage(error)}`, 'loading', null);
    }

    const queuedCancel = this.cancels.reasonFor(trackingId);
    if (queuedCancel) {
      await this.events.cancelled(trackingId, { reason: queuedCancel, stage: 'queued' });
      log({ msg: 'job cancelled before it started' });
      return 'cancelled';
    }

    const experimentId = await this.runs.experimentFor(req.modelName);
    const previous = await this.runs.previousRuns(experimentId, trackingId);
    const decided = previous.find((r) => ['completed', 'failed', 'cancelled'].includes(tagOf(r, TAGS.outcome) ?? ''));
    if (decided) return this.replayOutcome(trackingId, decided, req);
    await this.runs.closeInterrupted(previous, this.instance.id);
    const attempt = previous.length + 1;
    if (attempt > MAX_ATTEMPTS) {
      return this.fail(
        trackingId,
        `The training was interrupted ${previous.length} times before it could finish (its trainer stopped or crashed each time, e.g. out of memory). Try a smaller file or a smaller model, or start it again later.`,
        'training',
        previous[0]?.info.run_id ?? null,
      );
    }

    const backend = await initBackend();
    const run = await this.runs.startRun(experimentId, {
      modelName: req.modelName,
      modelType: req.modelType,
      trackingId,
      attempt,
      instanceId: this.instance.id,
      backend,
      datasetSha256: req.dataset.sha256,
      filename: req.filename,
    });
    log({ runId: run.id, attempt, backend, msg: 'training started' });

    let stage: TrainingStage = 'loading';
    let model: tf.LayersModel | undefined;
    const stopReason = () => (ctx.shuttingDown() ? SHUTDOWN : this.cancels.reasonFor(trackingId));
    const checkpoint = async () => {
      await ctx.heartbeat();
      const reason = stopReason();
      if (reason === SHUTDOWN) throw new JobInterruptedError('the trainer is shutting down');
      if (reason) throw new JobCancelledError(reason);
    };
    try {
      const started = Date.now();
      await this.events.progress(trackingId, progressEvent('loading', progressAt.loading));
      const { table, sha256 } = await this.datasets.read(req.dataset, checkpoint);
      if (req.dataset.sha256 && sha256 !== req.dataset.sha256) {
        this.logger.warn({ trackingId, expected: req.dataset.sha256, read: sha256, msg: 'dataset checksum differs from the manifest' });
      }
      stage = 'preprocessing';
      const prepared = prepareDataset(table, {
        target: req.target,
        problemType,
        validationSplit: params.validationSplit as number,
        seed: params.seed as number,
      });
      const columns = { columns: prepared.columns, rows: prepared.rows, inputDim: prepared.data.inputDim };
      await run.logParams({
        ...params,
        modelType: req.modelType,
        problemType,
        target: req.target,
        rows_train: prepared.rows.train,
        rows_validation: prepared.rows.validation,
        rows_dropped: prepared.rows.dropped,
        input_dim: prepared.data.inputDim,
        features: prepared.preprocessor.featureNames.join(','),
      });
      await run.logTags({ [TAGS.columns]: summarizeColumns(prepared.columns), 'modelstream.dataset.sha256.read': sha256 });
      await run.uploadJson('columns.json', columns);
      await this.events.started(trackingId, {
        modelType: req.modelType,
        paramsJson: JSON.stringify(params),
        backend,
        instanceId: this.instance.id,
        attempt,
        mlflowRunId: run.id,
        columnsJson: JSON.stringify(columns),
      });
      await this.events.progress(trackingId, progressEvent('preprocessing', progressAt.preprocessing));
      await checkpoint();

      stage = 'training';
      const built = buildModel(
        modelType,
        params,
        {
          inputDim: prepared.data.inputDim,
          outputUnits: prepared.data.classes && prepared.data.classes > 2 ? prepared.data.classes : 1,
          problemType,
        },
        prepared.rows.train,
      );
      model = built.model;
      const trainingStarted = performance.now();
      const outcome = await trainModel(
        model,
        prepared.data,
        {
          epochs: params.epochs as number,
          batchSize: params.batchSize as number,
          learningRate: params.learningRate as number,
          seed: params.seed as number,
          earlyStoppingPatience: (params.earlyStoppingPatience as number | undefined) ?? 0,
          l2: built.l2,
        },
        {
          onTick: ctx.heartbeat,
          stopReason,
          onEpochEnd: async (epoch) => {
            this.metrics.epochDone(epoch.rowsPerSecond);
            await run.logEpoch(epoch.epoch, { loss: epoch.loss, ...epoch.metrics, rows_per_second: epoch.rowsPerSecond });
            const span = progressAt.trainingEnd - progressAt.trainingStart;
            await this.events.progress(trackingId, {
              stage: 'training',
              progress: progressAt.trainingStart + (span * epoch.epoch) / epoch.epochs,
              epoch: epoch.epoch,
              epochs: epoch.epochs,
              loss: Number.isFinite(epoch.loss) ? epoch.loss : null,
              metrics: finiteOnly(epoch.metrics),
            });
            await ctx.heartbeat();
          },
        },
      );
      if (outcome.cancelled === SHUTDOWN) throw new JobInterruptedError('the trainer is shutting down');
      if (outcome.cancelled) throw new JobCancelledError(outcome.cancelled);
      const trainingSeconds = (performance.now() - trainingStarted) / 1000;
      const lastLoss = outcome.history.at(-1)?.loss;
      if (lastLoss === undefined || !Number.isFinite(lastLoss)) {
        throw new DatasetError(
          'The training diverged (the loss became NaN or infinite). Lower learningRate, or check the data for extreme values.',
          'training',
        );
      }

      stage = 'evaluating';
      await this.events.progress(trackingId, progressEvent('evaluating', progressAt.evaluating));
      const evaluation = evaluateModel(model, prepared);
      await run.logMetrics(evaluation.metrics);
      const result = {
        metrics: evaluation.metrics,
        classes: evaluation.classes,
        confusionMatrix: evaluation.confusionMatrix,
        rows: prepared.rows,
        epochsRun: outcome.epochsRun,
        stoppedEarly: outcome.stoppedEarly,
        trainingSeconds,
        rowsPerSecond: (prepared.rows.train * outcome.epochsRun) / trainingSeconds,
        durationMs: Date.now() - started,
        backend,
        attempt,
        datasetSha256: sha256,
        columns: prepared.columns,
      };
      await run.uploadJson('result.json', result);
      await checkpoint();

      stage = 'registering';
      await this.events.progress(trackingId, progressEvent('registering', progressAt.registering));
      const bundle = {
        model,
        preprocessor: prepared.preprocessor,
        meta: newBundleMeta({ modelType: req.modelType, problemType, backend, runId: run.id }),
      };
      await run.saveModel(bundle, inputExample(table, prepared));
      const version = await this.runs.register(req.modelName, run, { [TAGS.trackingId]: trackingId });
      const modelId = `models:/${req.modelName}/${version.version}`;
      await run.finish('FINISHED', 'completed', { [TAGS.modelVersion]: version.version, 'modelstream.modelId': modelId });
      await this.events.completed(trackingId, {
        metrics: finiteOnly(evaluation.metrics),
        resultJson: JSON.stringify(result),
        mlflowRunId: run.id,
        modelName: req.modelName,
        modelVersion: version.version,
        modelId,
      });
      log({ modelId, metrics: evaluation.metrics, trainingSeconds, msg: 'training completed' });
      return 'completed';
    } catch (error) {
      return await this.onJobError(error, trackingId, run, stage);
    } finally {
      model?.dispose();
      this.logger.debug({ trackingId, tensors: tf.memory().numTensors, msg: 'tensors after job' });
    }
  }

  private async onJobError(error: unknown, trackingId: string, run: RecordedRun, stage: TrainingStage): Promise<JobOutcome> {
    if (error instanceof JobCancelledError) {
      await run.finish('KILLED', 'cancelled', { 'modelstream.cancelReason': error.message, [TAGS.stage]: stage });
      await this.events.cancelled(trackingId, { reason: error.message, stage });
      this.logger.log({ trackingId, stage, msg: 'training cancelled' });
      return 'cancelled';
    }
    if (error instanceof JobInterruptedError || error instanceof DependencyUnavailableError) {
      // Not the job's fault: leave it to a retry or to another instance (the run counts as an attempt).
      this.logger.warn({ trackingId, stage, err: errorMessage(error), msg: 'training interrupted; the request is handed back' });
      await run.finish('KILLED', 'interrupted', { [TAGS.error]: errorMessage(error), [TAGS.stage]: stage }).catch(() => undefined);
      throw error;
    }
    const userFixable = error instanceof InvalidInputError;
    const failedStage = error instanceof DatasetError ? error.stage : stage;
    const message = userFixable
      ? error.message
      : `Internal error while ${failedStage}: ${errorMessage(error)}. Retry the training; if it fails again, report it with the trackingId.`;
    if (!userFixable)
      this.logger.error({ trackingId, stage, err: error instanceof Error ? error.stack : String(error), msg: 'training failed' });
    await run
      .finish('FAILED', 'failed', { [TAGS.error]: message, [TAGS.stage]: failedStage })
      .catch((e: unknown) => this.logger.warn({ trackingId, err: errorMessage(e), msg: 'could not mark the MLflow run failed' }));
    return this.fail(trackingId, message, failedStage, run.id);
  }

  private async fail(trackingId: string, error: string, stage: string, mlflowRunId: string | null): Promise<JobOutcome> {
    await this.events.failed(trackingId, { error, stage, mlflowRunId });
    this.logger.warn({ trackingId, stage, error, msg: 'training failed' });
    return 'failed';
  }

  /** A redelivered request whose job already ended (the commit was lost): publish its outcome again. */
  private async replayOutcome(trackingId: string, run: MlflowRun, req: TrainingRequested): Promise<JobOutcome> {
    const outcome = tagOf(run, TAGS.outcome) as JobOutcome;
    this.logger.log({ trackingId, runId: run.info.run_id, outcome, msg: 'job already ended; publishing its outcome again' });
    if (outcome === 'completed') {
      const metrics = Object.fromEntries(
        (run.data.metrics ?? []).filter((m) => FINAL_METRICS.includes(m.key)).map((m) => [m.key, m.value]),
      );
      const result = await this.runs.downloadJson<object>(run, 'result.json').catch(() => ({}));
      const version = tagOf(run, TAGS.modelVersion) ?? '';
      await this.events.completed(trackingId, {
        metrics,
        resultJson: JSON.stringify(result),
        mlflowRunId: run.info.run_id,
        modelName: req.modelName,
        modelVersion: version,
        modelId: `models:/${req.modelName}/${version}`,
      });
    } else if (outcome === 'failed') {
      await this.events.failed(trackingId, {
        error: tagOf(run, TAGS.error) ?? 'The training failed.',
        stage: tagOf(run, TAGS.stage) ?? 'training',
        mlflowRunId: run.info.run_id,
      });
    } else {
      await this.events.cancelled(trackingId, {
        reason: tagOf(run, 'modelstream.cancelReason') ?? '',
        stage: tagOf(run, TAGS.stage) ?? '',
      });
    }
    return outcome;
  }
}

function parseParams(json: string): unknown {
  if (!json) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new InvalidInputError(`params is not valid JSON: ${json.slice(0, 200)}`);
  }
}

function progressEvent(stage: TrainingStage, progress: number) {
  return { stage, progress, epoch: null, epochs: null, loss: null, metrics: {} };
}

function finiteOnly(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}

function summarizeColumns(columns: { name: string; role: string }[]): string {
  return columns.map((c) => `${c.name}:${c.role}`).join(', ');
}
