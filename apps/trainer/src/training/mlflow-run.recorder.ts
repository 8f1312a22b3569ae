/**
 * Everything the trainer writes to MLflow for one job: the experiment (one per registered model name),
 * the run (params, per-epoch metrics with step = epoch, tags, artifacts, status), and the model version
 * registered from the run's `model/` artifacts. Also reads back earlier attempts of the same job.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '@modelstream/contracts';
import { SERVICE_VERSION } from '@modelstream/logging';
import {
  MlflowClient,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRun,
  MlflowTag,
  MODEL_OWNER_TAG,
  ownerOfModel,
  RunStatus,
} from '@modelstream/mlflow';
import { InputRow, MODEL_ARTIFACT_PATH, ModelBundle, serializeBundle } from '@modelstream/ml';

export const TAGS = {
  trackingId: 'modelstream.trackingId',
  attempt: 'modelstream.attempt',
  instanceId: 'modelstream.instanceId',
  backend: 'modelstream.backend',
  codeVersion: 'modelstream.codeVersion',
  datasetSha256: 'modelstream.dataset.sha256',
  datasetFilename: 'modelstream.dataset.filename',
  modelType: 'modelstream.modelType',
  outcome: 'modelstream.outcome',
  error: 'modelstream.error',
  stage: 'modelstream.stage',
  modelName: 'modelstream.modelName',
  modelVersion: 'modelstream.modelVersion',
  columns: 'modelstream.columns',
  cancelReason: 'modelstream.cancelReason',
  modelId: 'modelstream.modelId',
  datasetSha256Read: 'modelstream.dataset.sha256.read',
} as const;

export type Outcome = 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface RunStart {
  modelName: string;
  modelType: string;
  trackingId: string;
  attempt: number;
  instanceId: string;
  backend: string;
  datasetSha256: string;
  filename: string;
}

export const tagOf = (run: MlflowRun, key: string): string | undefined => run.data.tags?.find((t) => t.key === key)?.value;

/** What a training attempt writes to its MLflow run. */
export interface TrainingRun {
  readonly id: string;
  readonly artifactUri: string;
  logParams(params: Record<string, unknown>): Promise<void>;
  logTags(tags: Record<string, string>): Promise<void>;
  /** Per-epoch metrics (step = epoch); buffered, so a fast loop does not call MLflow every epoch. */
  logEpoch(epoch: number, metrics: Record<string, number>): Promise<void>;
  /** Final metrics (step 0), written at once. */
  logMetrics(metrics: Record<string, number>): Promise<void>;
  uploadJson(path: string, value: unknown): Promise<void>;
  saveModel(bundle: ModelBundle, inputExample: InputRow[]): Promise<void>;
  finish(status: RunStatus, outcome: Outcome, tags?: Record<string, string>): Promise<void>;
}

/** One job's MLflow run. Epoch metrics are buffered and flushed at most once a second. */
export class RecordedRun implements TrainingRun {
  private pending: MlflowMetric[] = [];
  private lastFlush = 0;

  constructor(
    private readonly mlflow: MlflowClient,
    readonly run: MlflowRun,
  ) {}

  get id(): string {
    return this.run.info.run_id;
  }

  get artifactUri(): string {
    return this.run.info.artifact_uri;
  }

  async logParams(params: Record<string, unknown>): Promise<void> {
    await this.mlflow.logBatch(this.id, {
      params: Object.entries(params).map(([key, value]) => ({
        key,
        value: (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 6000),
      })),
    });
  }

  async logTags(tags: Record<string, string>): Promise<void> {
    await this.mlflow.logBatch(this.id, { tags: toTags(tags) });
  }

  async logEpoch(epoch: number, metrics: Record<string, number>, final = false): Promise<void> {
    const timestamp = Date.now();
    for (const [key, value] of Object.entries(metrics))
      if (Number.isFinite(value)) this.pending.push({ key, value, step: epoch, timestamp });
    if (final || timestamp - this.lastFlush >= 1000) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const metrics = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    await this.mlflow.logBatch(this.id, { metrics });
  }

  async logMetrics(metrics: Record<string, number>): Promise<void> {
    await this.logEpoch(0, metrics, true);
  }

  async uploadJson(path: string, value: unknown): Promise<void> {
    await this.mlflow.uploadArtifact(this.artifactUri, path, JSON.stringify(value, null, 2), 'application/json');
  }

  /**
   * Uploads the bundle's files under the run's `model/` artifacts (what the model version points at), with
   * the python_function flavor: `mlflow.pyfunc.load_model` serves every version too.
   */
  async saveModel(bundle: ModelBundle, inputExample: InputRow[]): Promise<void> {
    const files = await serializeBundle(bundle, inputExample, { pythonFunction: true });
    for (const [path, body] of Object.entries(files)) {
      await this.mlflow.uploadArtifact(this.artifactUri, `${MODEL_ARTIFACT_PATH}/${path}`, body, contentTypeOf(path));
    }
  }

  async finish(status: RunStatus, outcome: Outcome, tags: Record<string, string> = {}): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.mlflow.logBatch(this.id, { tags: toTags({ ...tags, [TAGS.outcome]: outcome }) });
    await this.mlflow.updateRun(this.id, status);
  }
}

@Injectable()
export class MlflowRunRecorder {
  private readonly logger = new Logger(MlflowRunRecorder.name);

  constructor(private readonly mlflow: MlflowClient) {}

  experimentFor(modelName: string): Promise<string> {
    return this.mlflow.ensureExperiment(modelName);
  }

  /** Earlier runs of the same job (attempts of trainers that died or finished before a redelivery). */
  async previousRuns(experimentId: string, trackingId: string): Promise<MlflowRun[]> {
    const filter = `tags.\`${TAGS.trackingId}\` = '${trackingId.replace(/'/g, "\\'")}'`;
    return this.mlflow.searchRuns([experimentId], filter, 100);
  }

  /** Marks runs left RUNNING by a trainer that died as KILLED. */
  async closeInterrupted(runs: MlflowRun[], takenOverBy: string): Promise<void> {
    for (const run of runs.filter((r) => r.info.status === 'RUNNING')) {
      await this.mlflow.logBatch(run.info.run_id, {
        tags: toTags({ [TAGS.outcome]: 'interrupted', [TAGS.error]: `interrupted; taken over by ${takenOverBy}` }),
      });
      await this.mlflow.updateRun(run.info.run_id, 'KILLED');
      this.logger.warn({ runId: run.info.run_id, msg: 'marked an interrupted run KILLED' });
    }
  }

  async startRun(experimentId: string, start: RunStart): Promise<RecordedRun> {
    const run = await this.mlflow.createRun(
      experimentId,
      `${start.modelType}-${start.trackingId.slice(0, 8)}-attempt${start.attempt}`,
      toTags({
        [TAGS.trackingId]: start.trackingId,
        [TAGS.attempt]: String(start.attempt),
        [TAGS.instanceId]: start.instanceId,
        [TAGS.backend]: start.backend,
        [TAGS.codeVersion]: SERVICE_VERSION,
        [TAGS.datasetSha256]: start.datasetSha256,
        [TAGS.datasetFilename]: start.filename,
        [TAGS.modelType]: start.modelType,
        [TAGS.modelName]: start.modelName,
        'mlflow.source.name': 'modelstream-trainer',
        'mlflow.source.type': 'JOB',
        'mlflow.source.git.commit': SERVICE_VERSION,
        'mlflow.user': 'modelstream',
      }),
    );
    return new RecordedRun(this.mlflow, run);
  }

  /** Registers the run's model artifacts as a new version of `name` and waits until it is READY. */
  /**
   * Registers the run's model as a new version of `name`, which the job's owner gets when the name is new; a name
   * of another owner takes no version from it (the job fails saying so).
   */
  async register(name: string, run: TrainingRun, tags: Record<string, string>, ownerId: string): Promise<MlflowModelVersion> {
    const model = await this.mlflow.ensureRegisteredModel(name, 'Trained by modelstream', [{ key: MODEL_OWNER_TAG, value: ownerId }]);
    if (ownerOfModel(model) !== ownerId) {
      throw new InvalidInputError(
        `The model name "${name}" belongs to another owner, so this training cannot add a version to it. Train again with another modelName.`,
      );
    }
    const version = await this.mlflow.createModelVersion(name, `${run.artifactUri}/${MODEL_ARTIFACT_PATH}`, run.id, toTags(tags));
    return this.mlflow.waitForModelVersionReady(name, version.version, 120_000);
  }

  downloadJson<T>(run: MlflowRun, path: string): Promise<T> {
    return this.mlflow.downloadArtifact(run.info.artifact_uri, path).then((b) => JSON.parse(b.toString('utf8')) as T);
  }
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path === 'MLmodel' || path.endsWith('.yaml')) return 'text/yaml';
  if (path.endsWith('.py') || path.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

function toTags(tags: Record<string, string>): MlflowTag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value: value.slice(0, 5000) }));
}
