/**
 * Which models are loaded: resolves a reference, serves it from the bounded cache (loading it on first
 * use), and lists, pre-loads and evicts models for the API.
 */
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import { type ModelRef, NotFoundError } from '@modelstream/contracts';
import { MlflowClient, type MlflowModelVersion, ownerOfModel } from '@modelstream/mlflow';
import { InferenceMetrics } from './inference-metrics';
import { LruModelCache } from './model-cache';
import { ModelLoader } from './model-loader';
import { ModelResolver, type ResolvedModel, versionKey } from './model-resolver';
import type { ServedModel } from './served-model';
import { type ServingApi, ServingStats } from './serving-stats';
import { mapLimit } from '@modelstream/resilience';

export interface LoadedModelView {
  loaded: boolean;
  bytes?: number;
  loadedAt?: string;
  lastUsedAt?: string;
  loadMs?: number;
  hits?: number;
  loadCount: number;
}

export interface ModelVersionView extends LoadedModelView {
  version: string;
  modelId: string;
  status: string;
  runId?: string;
  aliases: string[];
  createdAt?: string;
}

export interface RegisteredModelView {
  name: string;
  description?: string;
  aliases: Record<string, string>;
  latestVersion?: string;
  versions: ModelVersionView[];
}

@Injectable()
export class ModelServingService implements OnApplicationShutdown {
  private readonly logger = new Logger(ModelServingService.name);
  readonly cache: LruModelCache<ServedModel>;

  constructor(
    private readonly resolver: ModelResolver,
    private readonly loader: ModelLoader,
    private readonly mlflow: MlflowClient,
    private readonly metrics: InferenceMetrics,
    private readonly serving: ServingStats,
    config: AppConfig,
  ) {
    this.cache = new LruModelCache<ServedModel>(config.INFERENCE_CACHE_MAX_MODELS, config.INFERENCE_CACHE_MAX_BYTES, {
      onLoaded: (_key, _bytes, loadMs) => {
        metrics.loadSeconds.observe(loadMs / 1000);
        this.updateCacheGauges();
      },
      onEvicted: (key, bytes, reason) => {
        this.logger.log({ msg: 'model evicted', model: key, bytes, reason });
        metrics.evictions.inc({ reason });
        this.updateCacheGauges();
      },
    });
  }

  /**
   * `withModel` for an `fn` that does not wait (a prediction): answered at once when the reference resolves from
   * what the resolver holds and the model is loaded — no promise, no registry call — else as `withModel` does.
   */
  serve<R>(ref: ModelRef, fn: (model: ServedModel) => R, api: ServingApi): R | Promise<R> {
    const started = performance.now();
    const resolved = this.resolver.known(ref);
    if (!resolved || !this.cache.has(versionKey(resolved))) return this.withModel(ref, fn, api);
    let failed = true;
    try {
      const answer = this.cache.useLoaded(versionKey(resolved), (model) => {
        this.metrics.cacheLookup.hit();
        return fn(model);
      })!;
      failed = false;
      return answer.value;
    } finally {
      this.serving.record(resolved.name, resolved.version, api, (performance.now() - started) / 1000, failed);
    }
  }

  /**
   * Runs `fn` with the loaded model `ref` names (resolved through the registry, loaded on first use).
   * With `api`, the request counts in the version's serving figures: its latency from the call on, and
   * as an error when anything after the resolution fails (the answer is then ≥ 400).
   */
  async withModel<R>(ref: ModelRef, fn: (model: ServedModel) => R | Promise<R>, api?: ServingApi): Promise<R> {
    const started = performance.now();
    const resolved = await this.resolver.resolve(ref);
    const use = () =>
      this.cache.use(
        versionKey(resolved),
        () => this.load(resolved),
        (model, cached) => {
          this.metrics.cacheLookup[cached ? 'hit' : 'miss']();
          return fn(model);
        },
      );
    if (!api) return use();
    let failed = true;
    try {
      const result = await use();
      failed = false;
      return result;
    } finally {
      this.serving.record(resolved.name, resolved.version, api, (performance.now() - started) / 1000, failed);
    }
  }

  async preload(ref: ModelRef): Promise<ModelVersionView & { name: string; alreadyLoaded: boolean }> {
    const resolved = await this.resolver.resolve(ref);
    const key = versionKey(resolved);
    const alreadyLoaded = await this.cache.preload(key, () => this.load(resolved));
    return {
      name: resolved.name,
      ...this.versionView(resolved.name, { version: resolved.version, status: 'READY', run_id: resolved.runId }),
      alreadyLoaded,
    };
  }

  /** Unloads a version; 404 when it was not loaded. */
  async evict(ref: ModelRef): Promise<{ modelId: string; evicted: true }> {
    const resolved = await this.resolver.resolve(ref);
    const key = versionKey(resolved);
    if (!this.cache.evict(key)) throw new NotFoundError(`${key} is not loaded.`, { modelId: key });
    return { modelId: key, evicted: true };
  }

  /** `nameContains` narrows the list (one registry call per listed model follows, at most 8 at a time). */
  /** The registered models `caller` reaches (its owner's; every one for an admin), optionally by part of their name. */
  async list(
    nameContains?: string,
    caller: Principal = LOCAL_PRINCIPAL,
  ): Promise<{ models: RegisteredModelView[]; cache: { models: number; bytes: number; maxModels: number; maxBytes: number } }> {
    const registered = (await this.mlflow.searchRegisteredModels()).filter(
      (rm) => (!nameContains || rm.name.includes(nameContains)) && canReach(caller, ownerOfModel(rm)),
    );
    const models = await mapLimit(registered, 8, async (rm): Promise<RegisteredModelView> => {
      const versions = (await this.mlflow.searchModelVersions(rm.name)).sort((a, b) => Number(b.version) - Number(a.version));
      const aliases = Object.fromEntries((rm.aliases ?? []).map((a) => [a.alias, String(a.version)]));
      const latest = versions.find((v) => v.status === 'READY');
      return {
        name: rm.name,
        description: rm.description || undefined,
        aliases,
        latestVersion: latest?.version,
        versions: versions.map((v) => ({
          ...this.versionView(rm.name, v),
          aliases: Object.entries(aliases)
            .filter(([, version]) => version === String(v.version))
            .map(([alias]) => alias),
        })),
      };
    });
    return {
      models: models.sort((a, b) => a.name.localeCompare(b.name)),
      cache: { models: this.cache.size, bytes: this.cache.bytes, maxModels: this.cache.maxEntries, maxBytes: this.cache.maxBytes },
    };
  }

  /** The loaded models, most recently used first (no registry call: answers while MLflow is down). */
  loaded(): (LoadedModelView & { modelId: string })[] {
    return this.cache.list().map((e) => ({ modelId: e.key, ...this.loadedView(e.key) }));
  }

  onApplicationShutdown(): void {
    this.cache.clear();
  }

  private async load(resolved: ResolvedModel): Promise<ServedModel> {
    try {
      const model = await this.loader.load(resolved);
      this.metrics.loads.inc({ outcome: 'loaded' });
      return model;
    } catch (error) {
      this.metrics.loads.inc({ outcome: 'failed' });
      throw error;
    }
  }

  private updateCacheGauges(): void {
    this.metrics.cacheModels.set(this.cache.size);
    this.metrics.cacheBytes.set(this.cache.bytes);
  }

  /** A registered version as listed, with its cache state on this instance (no alias: the caller knows them). */
  versionView(name: string, v: Pick<MlflowModelVersion, 'version' | 'status' | 'run_id' | 'creation_timestamp'>): ModelVersionView {
    const key = versionKey({ name, version: String(v.version) });
    return {
      version: String(v.version),
      modelId: key,
      status: v.status,
      runId: v.run_id,
      aliases: [],
      createdAt: v.creation_timestamp ? new Date(Number(v.creation_timestamp)).toISOString() : undefined,
      ...this.loadedView(key),
    };
  }

  private loadedView(key: string): LoadedModelView {
    const entry = this.cache.list().find((e) => e.key === key);
    const loadCount = this.cache.loadCount(key);
    if (!entry) return { loaded: false, loadCount };
    return {
      loaded: true,
      bytes: entry.bytes,
      loadedAt: entry.loadedAt.toISOString(),
      lastUsedAt: entry.lastUsedAt.toISOString(),
      loadMs: entry.loadMs,
      hits: entry.hits,
      loadCount,
    };
  }
}
