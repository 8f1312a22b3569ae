/**
 * In-memory stand-ins for the trainer's outside systems, for unit specs: the training-events publisher,
 * the dataset reader (the object store), the MLflow run recorder and the metrics. Each records what the
 * code under test did to it; the MLflow fake keeps runs the way MLflow does, so a second delivery of a
 * request sees the runs of the first. The real classes are tested against the real services (e2e).
 */
import { createHash } from 'node:crypto';
import { DatasetManifest, TrainingEvent } from '@modelstream/contracts';
import type { MlflowModelVersion, MlflowRun, RunStatus } from '@modelstream/mlflow';
import { InputRow, ModelBundle, readCsvTable } from '@modelstream/ml';
import { TrainerMetrics } from '../../metrics/trainer-metrics';
import { LoadedDataset, DatasetReader } from '../dataset.reader';
import { MlflowRunRecorder, Outcome, RunStart, TAGS, TrainingRun } from '../mlflow-run.recorder';
import { TrainingEventsPublisher } from '../training-events.publisher';

/** An event as the job published it (the publisher adds the envelope). */
export type PublishedEvent = TrainingEvent extends infer E ? (E extends TrainingEvent ? Pick<E, 'type' | 'payload'> : never) : never;
type PayloadOf<T extends TrainingEvent['type']> = Extract<TrainingEvent, { type: T }>['payload'];

export class FakeEvents {
  readonly published: PublishedEvent[] = [];
  /** Runs after each event is recorded (e.g. to cancel a job once epoch 1 is reported). */
  onPublish: (event: PublishedEvent) => void = () => undefined;

  started = (_id: string, payload: PayloadOf<'TrainingStarted'>) => this.record({ type: 'TrainingStarted', payload });
  progress = (_id: string, payload: PayloadOf<'TrainingProgress'>) => this.record({ type: 'TrainingProgress', payload });
  completed = (_id: string, payload: PayloadOf<'TrainingCompleted'>) => this.record({ type: 'TrainingCompleted', payload });
  failed = (_id: string, payload: PayloadOf<'TrainingFailed'>) => this.record({ type: 'TrainingFailed', payload });
  cancelled = (_id: string, payload: PayloadOf<'TrainingCancelled'>) => this.record({ type: 'TrainingCancelled', payload });

  types(): string[] {
    return this.published.map((e) => e.type);
  }

  /** The payloads of one event type, in order. */
  of<T extends TrainingEvent['type']>(type: T): PayloadOf<T>[] {
    return this.published.filter((e) => e.type === type).map((e) => e.payload as PayloadOf<T>);
  }

  asPublisher(): TrainingEventsPublisher {
    return this as unknown as TrainingEventsPublisher;
  }

  private async record(event: PublishedEvent): Promise<void> {
    this.published.push(event);
    this.onPublish(event);
  }
}

/** Reads a CSV held in memory, or fails as the object store would. */
export class FakeDatasetReader {
  reads = 0;

  constructor(private readonly source: string | Error) {}

  async read(_manifest: DatasetManifest, onRows?: (rows: number) => Promise<void> | void): Promise<LoadedDataset> {
    this.reads++;
    if (this.source instanceof Error) throw this.source;
    const bytes = Buffer.from(this.source);
    const table = await readCsvTable(once(bytes), { onRows });
    return { table, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  asReader(): DatasetReader {
    return this as unknown as DatasetReader;
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** One MLflow run in memory, kept in the MlflowRun shape so earlier attempts read back as from MLflow. */
export class FakeTrainingRun implements TrainingRun {
  params: Record<string, unknown> = {};
  epochs: { epoch: number; metrics: Record<string, number> }[] = [];
  metrics: Record<string, number> = {};
  artifacts = new Map<string, unknown>();
  savedModel: { bundle: ModelBundle; inputExample: InputRow[] } | null = null;

  constructor(readonly mlflowRun: MlflowRun) {}

  get id(): string {
    return this.mlflowRun.info.run_id;
  }
  get artifactUri(): string {
    return this.mlflowRun.info.artifact_uri;
  }
  get status(): RunStatus {
    return this.mlflowRun.info.status;
  }
  tag(key: string): string | undefined {
    return this.mlflowRun.data.tags?.find((t) => t.key === key)?.value;
  }

  async logParams(params: Record<string, unknown>): Promise<void> {
    Object.assign(this.params, params);
  }
  async logTags(tags: Record<string, string>): Promise<void> {
    setTags(this.mlflowRun, tags);
  }
  async logEpoch(epoch: number, metrics: Record<string, number>): Promise<void> {
    this.epochs.push({ epoch, metrics });
  }
  async logMetrics(metrics: Record<string, number>): Promise<void> {
    Object.assign(this.metrics, metrics);
    this.mlflowRun.data.metrics = Object.entries(metrics).map(([key, value]) => ({ key, value, step: 0, timestamp: 0 }));
  }
  async uploadJson(path: string, value: unknown): Promise<void> {
    this.artifacts.set(path, JSON.parse(JSON.stringify(value)));
  }
  async saveModel(bundle: ModelBundle, inputExample: InputRow[]): Promise<void> {
    this.savedModel = { bundle, inputExample };
  }
  async finish(status: RunStatus, outcome: Outcome, tags: Record<string, string> = {}): Promise<void> {
    setTags(this.mlflowRun, { ...tags, [TAGS.outcome]: outcome });
    this.mlflowRun.info.status = status;
  }
}

/** MLflow as the trainer's recorder sees it: experiments by model name, runs tagged by trackingId, versions. */
export class FakeMlflow {
  readonly runs: FakeTrainingRun[] = [];
  readonly versions: { name: string; version: string; runId: string }[] = [];
  /** Set to make every call fail (e.g. a DependencyUnavailableError for MLflow down). */
  down: Error | null = null;

  async experimentFor(modelName: string): Promise<string> {
    this.check();
    return `exp-${modelName}`;
  }
  async previousRuns(experimentId: string, trackingId: string): Promise<MlflowRun[]> {
    this.check();
    return this.runs
      .map((r) => r.mlflowRun)
      .filter(
        (r) => r.info.experiment_id === experimentId && r.data.tags?.some((t) => t.key === TAGS.trackingId && t.value === trackingId),
      );
  }
  async closeInterrupted(runs: MlflowRun[], takenOverBy: string): Promise<void> {
    for (const run of runs) {
      setTags(run, { [TAGS.outcome]: 'interrupted', [TAGS.error]: `interrupted; taken over by ${takenOverBy}` });
      run.info.status = 'KILLED';
    }
  }
  async startRun(experimentId: string, start: RunStart): Promise<FakeTrainingRun> {
    this.check();
    const runId = `run-${this.runs.length + 1}`;
    const run = new FakeTrainingRun({
      info: {
        run_id: runId,
        experiment_id: experimentId,
        status: 'RUNNING',
        artifact_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      },
      data: { tags: [], metrics: [] },
    });
    setTags(run.mlflowRun, {
      [TAGS.trackingId]: start.trackingId,
      [TAGS.attempt]: String(start.attempt),
      [TAGS.instanceId]: start.instanceId,
      [TAGS.modelType]: start.modelType,
      [TAGS.backend]: start.backend,
    });
    this.runs.push(run);
    return run;
  }
  async register(name: string, run: TrainingRun): Promise<MlflowModelVersion> {
    this.check();
    const version = String(this.versions.filter((v) => v.name === name).length + 1);
    this.versions.push({ name, version, runId: run.id });
    return { name, version, status: 'READY', source: `${run.artifactUri}/model`, run_id: run.id };
  }
  async downloadJson<T>(run: MlflowRun, path: string): Promise<T> {
    const found = this.runs.find((r) => r.id === run.info.run_id)?.artifacts.get(path);
    if (found === undefined) throw new Error(`no artifact ${path}`);
    return found as T;
  }

  /** A run of an earlier delivery, as a dead trainer or a finished job left it. */
  addEarlierRun(trackingId: string, modelName: string, status: RunStatus, tags: Record<string, string> = {}): FakeTrainingRun {
    const runId = `earlier-${this.runs.length + 1}`;
    const run = new FakeTrainingRun({
      info: { run_id: runId, experiment_id: `exp-${modelName}`, status, artifact_uri: `mlflow-artifacts:/earlier/${runId}/artifacts` },
      data: { tags: [], metrics: [] },
    });
    setTags(run.mlflowRun, { [TAGS.trackingId]: trackingId, ...tags });
    this.runs.push(run);
    return run;
  }

  asRecorder(): MlflowRunRecorder {
    return this as unknown as MlflowRunRecorder;
  }

  private check(): void {
    if (this.down) throw this.down;
  }
}

function setTags(run: MlflowRun, tags: Record<string, string>): void {
  const kept = (run.data.tags ?? []).filter((t) => !(t.key in tags));
  run.data.tags = [...kept, ...Object.entries(tags).map(([key, value]) => ({ key, value }))];
}

export class FakeTrainerMetrics {
  jobs: string[] = [];
  epochs = 0;
  busy = false;
  jobFinished(outcome: string): void {
    this.jobs.push(outcome);
  }
  epochDone(): void {
    this.epochs++;
  }
  setBusy(busy: boolean): void {
    this.busy = busy;
  }
  fits: { ending: string; peakRssBytes: number }[] = [];
  workerUp = true;
  fitEnded(ending: string, peakRssBytes: number): void {
    this.fits.push({ ending, peakRssBytes });
  }
  workerStarted(ok: boolean, canTrain = true): void {
    this.workerUp = ok || canTrain;
  }
  asMetrics(): TrainerMetrics {
    return this as unknown as TrainerMetrics;
  }
}
