/**
 * One registered model, or one of its versions, in detail: what the registry knows, what the MLflow run
 * recorded (metrics, params, tags), what the artifacts say about inputs and output, whether this instance
 * has it loaded and what it served. The model listing (ModelServingService.list) stays one call per model.
 */
import { Injectable } from '@nestjs/common';
import { formatModelRef, InvalidInputError, type ModelRef, NotFoundError } from '@modelstream/contracts';
import {
  isMlflowNotFound,
  MlflowApiError,
  MlflowClient,
  type MlflowModelVersion,
  type MlflowRegisteredModel,
  type MlflowRun,
} from '@modelstream/mlflow';
import { mapLimit } from '@modelstream/resilience';
import { ModelArtifactsReader } from './model-artifacts.reader';
import type { ModelVersionDetail, ModelVersionSummary, RegisteredModelDetail } from './model-details.views';
import { ModelResolver, versionKey } from './model-resolver';
import { ModelServingService } from './model-serving.service';
import { type ServingFigures, ServingStats } from './serving-stats';

/** Run lookups in flight at once for a model's versions (MLflow answers each in a few ms). */
const RUN_CONCURRENCY = 8;
/** The trainer's tags (apps/trainer mlflow-run.recorder.ts TAGS). */
const TRACKING_ID_TAG = 'modelstream.trackingId';
const MODEL_TYPE_TAG = 'modelstream.modelType';

export interface RunFacts {
  metrics: Record<string, number>;
  params: Record<string, string>;
  modelType?: string;
  runUrl?: string;
  trackingId?: string;
}

/** What a version's run says about it; `trackingUri` is MLflow's base URL (its UI is served there too). */
export function runFacts(run: MlflowRun | undefined, trackingUri: string, versionTags: MlflowModelVersion['tags'] = []): RunFacts {
  const tag = (key: string) => versionTags?.find((t) => t.key === key)?.value ?? run?.data.tags?.find((t) => t.key === key)?.value;
  const params = Object.fromEntries((run?.data.params ?? []).map((p) => [p.key, p.value]));
  const facts: RunFacts = {
    metrics: Object.fromEntries((run?.data.metrics ?? []).filter((m) => Number.isFinite(m.value)).map((m) => [m.key, m.value])),
    params,
  };
  const modelType = params.modelType ?? tag(MODEL_TYPE_TAG);
  if (modelType) facts.modelType = modelType;
  const trackingId = tag(TRACKING_ID_TAG);
  if (trackingId) facts.trackingId = trackingId;
  if (run) facts.runUrl = `${trackingUri.replace(/\/+$/, '')}/#/experiments/${run.info.experiment_id}/runs/${run.info.run_id}`;
  return facts;
}

@Injectable()
export class ModelCatalogService {
  constructor(
    private readonly mlflow: MlflowClient,
    private readonly resolver: ModelResolver,
    private readonly serving: ModelServingService,
    private readonly stats: ServingStats,
    private readonly artifacts: ModelArtifactsReader,
  ) {}

  /** The model with every version (newest first), each with its run's metrics and params. */
  async model(name: string): Promise<RegisteredModelDetail> {
    const registered = await this.registeredModel(name);
    const [versions, figures] = await Promise.all([this.mlflow.searchModelVersions(name), this.stats.snapshot()]);
    versions.sort((a, b) => Number(b.version) - Number(a.version));
    const aliases = aliasesOf(registered);
    const summaries = await mapLimit(versions, RUN_CONCURRENCY, async (v) =>
      this.summary(name, v, aliases, figures, await this.run(v.run_id)),
    );
    return {
      name: registered.name,
      description: registered.description || undefined,
      aliases,
      latestVersion: versions.find((v) => v.status === 'READY')?.version,
      versions: summaries,
    };
  }

  /** One version (a number, "latest" or an alias) with its signature, read from its artifacts. */
  async version(ref: ModelRef): Promise<ModelVersionDetail> {
    const resolved = await this.resolver.resolve(ref);
    const [registered, mv, figures] = await Promise.all([
      this.registeredModel(resolved.name),
      this.mlflow.getModelVersion(resolved.name, resolved.version),
      this.stats.snapshot(),
    ]);
    const run = await this.run(mv.run_id);
    const { problemType, target, signature } = await this.artifacts.signature({
      name: resolved.name,
      version: resolved.version,
      source: mv.source,
      runArtifactUri: run?.info.artifact_uri,
    });
    const summary = this.summary(resolved.name, mv, aliasesOf(registered), figures, run);
    const { runUrl, trackingId } = runFacts(run, this.mlflow.baseUrl, mv.tags);
    return {
      name: resolved.name,
      requested: formatModelRef(ref),
      ...summary,
      problemType,
      target,
      ...(runUrl ? { runUrl } : {}),
      ...(trackingId ? { trackingId } : {}),
      signature,
    };
  }

  private summary(
    name: string,
    v: MlflowModelVersion,
    aliases: Record<string, string>,
    figures: Map<string, ServingFigures>,
    run: MlflowRun | undefined,
  ): ModelVersionSummary {
    const version = String(v.version);
    const { metrics, params, modelType } = runFacts(run, this.mlflow.baseUrl, v.tags);
    return {
      ...this.serving.versionView(name, v),
      aliases: Object.entries(aliases)
        .filter(([, target]) => target === version)
        .map(([alias]) => alias),
      metrics,
      params,
      ...(modelType ? { modelType } : {}),
      serving: figures.get(versionKey({ name, version })) ?? { requests: 0, errors: 0 },
    };
  }

  /** The version's run; undefined when it has none or it was deleted (the version still serves). */
  private async run(runId: string | undefined): Promise<MlflowRun | undefined> {
    if (!runId) return undefined;
    try {
      return await this.mlflow.getRun(runId);
    } catch (error) {
      if (isMlflowNotFound(error)) return undefined;
      throw error;
    }
  }

  private async registeredModel(name: string): Promise<MlflowRegisteredModel> {
    try {
      return await this.mlflow.getRegisteredModel(name);
    } catch (error) {
      if (isMlflowNotFound(error)) {
        throw new NotFoundError(`No registered model is named "${name}". GET /api/models lists the registered models.`, { name });
      }
      // Any other refusal (e.g. a name MLflow cannot take) is a bad request, not a server fault.
      if (error instanceof MlflowApiError) throw new InvalidInputError(`The model registry refused model "${name}": ${error.message}`);
      throw error;
    }
  }
}

function aliasesOf(registered: MlflowRegisteredModel): Record<string, string> {
  return Object.fromEntries((registered.aliases ?? []).map((a) => [a.alias, String(a.version)]));
}
