/**
 * Turns a model reference into one concrete registered version through the MLflow registry. A version
 * number never changes meaning (asked once); an alias or `latest` can move, so their answers are trusted
 * only for INFERENCE_ALIAS_TTL_MS — asked again in the background once half that time is gone, so steady traffic
 * never waits for the registry (as in libs/resilience RefreshingCache) — or kept while the registry is unreachable.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import {
  ConflictError,
  DependencyUnavailableError,
  formatModelRef,
  InvalidInputError,
  type ModelRef,
  modelUri,
  NotFoundError,
} from '@modelstream/contracts';
import { isMlflowNotFound, MlflowApiError, MlflowClient, type MlflowModelVersion } from '@modelstream/mlflow';

export interface ResolvedModel {
  name: string;
  version: string;
  /** The artifact URI of the version's model directory. */
  source: string;
  runId?: string;
}

export const versionKey = (m: { name: string; version: string }): string => modelUri(m.name, m.version);

@Injectable()
export class ModelResolver {
  private readonly moving = new Map<string, { resolved: ResolvedModel; expiresAt: number; refreshFrom: number }>();
  private readonly fixed = new Map<string, ResolvedModel>();
  private readonly resolving = new Map<string, Promise<ResolvedModel>>();
  /** Bumped when an alias is set or deleted through this app, so a registry answer asked for before it is not cached. */
  private readonly generations = new Map<string, number>();
  private readonly logger = new Logger(ModelResolver.name);
  readonly aliasTtlMs: number;

  constructor(
    private readonly mlflow: MlflowClient,
    config: AppConfig,
  ) {
    this.aliasTtlMs = config.INFERENCE_ALIAS_TTL_MS;
  }

  async resolve(ref: ModelRef): Promise<ResolvedModel> {
    try {
      return await this.resolveOrThrow(ref);
    } catch (error) {
      // Any other refusal of the registry (a 4xx we did not expect) names a bad reference, not a server fault.
      if (error instanceof MlflowApiError)
        throw new InvalidInputError(`The model registry refused ${formatModelRef(ref)}: ${error.message}`);
      throw error;
    }
  }

  /**
   * What `resolve` answers from what it holds, with no registry call; undefined when it would have to ask. An alias
   * past half its time is asked again meanwhile, in the background.
   */
  known(ref: ModelRef): ResolvedModel | undefined {
    if (ref.kind === 'version') return this.fixed.get(versionKey(ref));
    const key = formatModelRef(ref);
    const hit = this.moving.get(key);
    const now = Date.now();
    if (!hit || hit.expiresAt <= now) return undefined;
    if (now >= hit.refreshFrom && !this.resolving.has(key)) this.resolveOnce(ref, key).catch(() => undefined); // a failed refresh: asked again at the end
    return hit.resolved;
  }

  private async resolveOrThrow(ref: ModelRef): Promise<ResolvedModel> {
    const known = this.known(ref);
    if (known) return known;
    if (ref.kind === 'version') return this.remember(await this.fetchVersion(ref.name, ref.version));
    const key = formatModelRef(ref);
    const hit = this.moving.get(key); // expired: served while the registry is unreachable
    const pending = this.resolveOnce(ref, key);
    try {
      return await pending;
    } catch (error) {
      // The registry is down: keep serving what the alias last pointed at rather than failing traffic
      // that worked a moment ago. It is re-resolved as soon as MLflow answers again.
      if (hit && error instanceof DependencyUnavailableError) {
        this.logger.warn({ msg: 'model registry unreachable: serving the last known version', ref: key, version: hit.resolved.version });
        return hit.resolved;
      }
      throw error;
    }
  }

  /** The registry call resolving an alias or `latest`: one at a time per reference, however many requests ask. */
  private resolveOnce(ref: Exclude<ModelRef, { kind: 'version' }>, key: string): Promise<ResolvedModel> {
    const inFlight = this.resolving.get(key);
    if (inFlight) return inFlight;
    const started = this.fetchMoving(ref, key).finally(() => {
      if (this.resolving.get(key) === started) this.resolving.delete(key);
    });
    this.resolving.set(key, started);
    return started;
  }

  /**
   * An alias was set (to `target`) or deleted (no `target`) through this app: the next request sees the new
   * mapping at once instead of the cached one, and a registry answer still in flight is not cached.
   */
  aliasChanged(name: string, alias: string, target?: MlflowModelVersion): void {
    const key = formatModelRef({ kind: 'alias', name, alias });
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.resolving.delete(key);
    this.moving.delete(key);
    if (target?.status === 'READY') this.moving.set(key, this.kept(this.remember(target)));
  }

  private async fetchMoving(ref: Exclude<ModelRef, { kind: 'version' }>, key: string): Promise<ResolvedModel> {
    const generation = this.generations.get(key);
    const resolved = this.remember(ref.kind === 'alias' ? await this.fetchAlias(ref.name, ref.alias) : await this.fetchLatest(ref.name));
    if (this.generations.get(key) === generation) this.moving.set(key, this.kept(resolved));
    return resolved;
  }

  private kept(resolved: ResolvedModel): { resolved: ResolvedModel; expiresAt: number; refreshFrom: number } {
    const now = Date.now();
    return { resolved, expiresAt: now + this.aliasTtlMs, refreshFrom: now + this.aliasTtlMs / 2 };
  }

  private async fetchVersion(name: string, version: string): Promise<MlflowModelVersion> {
    try {
      return ready(await this.mlflow.getModelVersion(name, version));
    } catch (error) {
      if (!isMlflowNotFound(error)) throw error;
      await this.ensureModelExists(name);
      throw new NotFoundError(`Model "${name}" has no version ${version}. GET /api/models lists the versions.`, { name, version });
    }
  }

  private async fetchAlias(name: string, alias: string): Promise<MlflowModelVersion> {
    try {
      return ready(await this.mlflow.getModelVersionByAlias(name, alias));
    } catch (error) {
      // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE "... alias x not found", not a 404.
      const aliasMissing = error instanceof MlflowApiError && /not found|does not exist/i.test(error.message);
      if (!isMlflowNotFound(error) && !aliasMissing) throw error;
      await this.ensureModelExists(name);
      throw new NotFoundError(`Model "${name}" has no alias "${alias}". GET /api/models lists the aliases.`, { name, alias });
    }
  }

  private async fetchLatest(name: string): Promise<MlflowModelVersion> {
    await this.ensureModelExists(name);
    const versions = (await this.mlflow.searchModelVersions(name)).filter((v) => v.status === 'READY');
    if (versions.length === 0) throw new NotFoundError(`Model "${name}" has no READY version yet.`, { name });
    return versions.reduce((a, b) => (Number(b.version) > Number(a.version) ? b : a));
  }

  private async ensureModelExists(name: string): Promise<void> {
    try {
      await this.mlflow.getRegisteredModel(name);
    } catch (error) {
      if (isMlflowNotFound(error)) throw new NotFoundError(`No registered model is named "${name}".`, { name });
      throw error;
    }
  }

  private remember(mv: MlflowModelVersion): ResolvedModel {
    const resolved: ResolvedModel = { name: mv.name, version: String(mv.version), source: mv.source, runId: mv.run_id };
    this.fixed.set(versionKey(resolved), resolved);
    return resolved;
  }
}

function ready(mv: MlflowModelVersion): MlflowModelVersion {
  if (mv.status === 'READY') return mv;
  throw new ConflictError(
    `Model version ${mv.name}/${mv.version} is ${mv.status}, not READY: ${mv.status_message ?? 'try again shortly'}.`,
    {
      name: mv.name,
      version: mv.version,
      status: mv.status,
    },
  );
}
