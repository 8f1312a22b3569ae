/**
 * A typed client of MLflow's REST API (tracking, artifacts through the server's proxy, model registry).
 * No JS MLflow SDK is well kept, and the REST API is stable and documented, so we speak it directly.
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { retry } from '@modelstream/resilience';
import { checkArtifactResponse, checkResponse, MlflowApiError } from './mlflow-api.error';
import type {
  MlflowExperiment,
  MlflowFileInfo,
  MlflowMetric,
  MlflowModelVersion,
  MlflowParam,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowTag,
  RunStatus,
} from './mlflow.types';

const ARTIFACT_SCHEME = 'mlflow-artifacts:/';

/** A registered version still PENDING_REGISTRATION: worth asking again until the wait runs out. */
class VersionNotReadyError extends Error {}

@Injectable()
export class MlflowClient {
  readonly baseUrl: string;
  /** Basic auth of MLflow's basic-auth app, sent on every request when a user is configured. */
  private readonly authorization: Record<string, string>;

  constructor(config: AppConfig) {
    this.baseUrl = config.MLFLOW_TRACKING_URI.replace(/\/+$/, '');
    const user = config.MLFLOW_TRACKING_USERNAME ?? '';
    const credentials = Buffer.from(`${user}:${config.MLFLOW_TRACKING_PASSWORD ?? ''}`).toString('base64');
    this.authorization = user ? { authorization: `Basic ${credentials}` } : {};
  }

  // ---- experiments ----
  async getExperimentByName(name: string): Promise<MlflowExperiment | null> {
    try {
      const { experiment } = await this.get<{ experiment: MlflowExperiment }>('/api/2.0/mlflow/experiments/get-by-name', {
        experiment_name: name,
      });
      return experiment;
    } catch (error) {
      if (error instanceof MlflowApiError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return null;
      throw error;
    }
  }

  async createExperiment(name: string, tags: MlflowTag[] = []): Promise<string> {
    const { experiment_id } = await this.post<{ experiment_id: string }>('/api/2.0/mlflow/experiments/create', { name, tags });
    return experiment_id;
  }

  /** The id of the experiment with this name, created if missing (safe under concurrent callers). */
  async ensureExperiment(name: string): Promise<string> {
    const existing = await this.getExperimentByName(name);
    if (existing) return existing.experiment_id;
    try {
      return await this.createExperiment(name);
    } catch (error) {
      if (error instanceof MlflowApiError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') {
        return (await this.getExperimentByName(name))!.experiment_id;
      }
      throw error;
    }
  }

  // ---- runs ----
  async createRun(experimentId: string, runName: string, tags: MlflowTag[] = []): Promise<MlflowRun> {
    const { run } = await this.post<{ run: MlflowRun }>('/api/2.0/mlflow/runs/create', {
      experiment_id: experimentId,
      run_name: runName,
      start_time: Date.now(),
      tags,
    });
    return run;
  }

  async getRun(runId: string): Promise<MlflowRun> {
    const { run } = await this.get<{ run: MlflowRun }>('/api/2.0/mlflow/runs/get', { run_id: runId });
    return run;
  }

  async searchRuns(experimentIds: string[], filter = '', maxResults = 100): Promise<MlflowRun[]> {
    const { runs } = await this.post<{ runs?: MlflowRun[] }>('/api/2.0/mlflow/runs/search', {
      experiment_ids: experimentIds,
      filter,
      max_results: maxResults,
    });
    return runs ?? [];
  }

  async updateRun(runId: string, status: RunStatus): Promise<void> {
    await this.post('/api/2.0/mlflow/runs/update', { run_id: runId, status, end_time: status === 'RUNNING' ? undefined : Date.now() });
  }

  /** Logs metrics, params and tags in one call (MLflow caps a batch at 1000 metrics, 100 params, 100 tags). */
  async logBatch(runId: string, batch: { metrics?: MlflowMetric[]; params?: MlflowParam[]; tags?: MlflowTag[] }): Promise<void> {
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    for (let i = 0; i === 0 || i * 1000 < metrics.length || i * 100 < params.length || i * 100 < tags.length; i++) {
      await this.post('/api/2.0/mlflow/runs/log-batch', {
        run_id: runId,
        metrics: metrics.slice(i * 1000, (i + 1) * 1000),
        params: params.slice(i * 100, (i + 1) * 100),
        tags: tags.slice(i * 100, (i + 1) * 100),
      });
    }
  }

  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const { metrics } = await this.get<{ metrics?: MlflowMetric[] }>('/api/2.0/mlflow/metrics/get-history', {
      run_id: runId,
      metric_key: key,
    });
    return metrics ?? [];
  }

  // ---- artifacts (through the tracking server's proxy: clients need only HTTP) ----
  /** Uploads one artifact file of a run under `path` (e.g. "model/model.json"). */
  async uploadArtifact(artifactUri: string, path: string, body: Buffer | string, contentType = 'application/octet-stream'): Promise<void> {
    const url = `${this.proxyUrl(artifactUri)}/${encodePath(path)}`;
    const res = await this.fetch(url, {
      method: 'PUT',
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'content-type': contentType },
    });
    await checkResponse(res);
  }

  /** One artifact file; a missing one rejects with a not-found MlflowApiError (isMlflowNotFound). */
  async downloadArtifact(artifactUri: string, path: string): Promise<Buffer> {
    const res = await this.fetch(`${this.proxyUrl(artifactUri)}/${encodePath(path)}`, { method: 'GET' });
    await checkArtifactResponse(res);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Lists the files directly under `path` of an artifact root. */
  async listArtifacts(artifactUri: string, path = ''): Promise<MlflowFileInfo[]> {
    const root = stripScheme(artifactUri);
    const full = [root, path].filter(Boolean).join('/');
    const { files } = await this.get<{ files?: MlflowFileInfo[] }>('/api/2.0/mlflow-artifacts/artifacts', { path: full });
    return files ?? [];
  }

  // ---- model registry ----
  /** The registered model of this name: created (with `tags`) when it does not exist, else as it is. */
  async ensureRegisteredModel(name: string, description = '', tags: MlflowTag[] = []): Promise<MlflowRegisteredModel> {
    try {
      const { registered_model } = await this.post<{ registered_model: MlflowRegisteredModel }>(
        '/api/2.0/mlflow/registered-models/create',
        { name, description, tags },
      );
      return registered_model;
    } catch (error) {
      if (error instanceof MlflowApiError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') return this.getRegisteredModel(name);
      throw error;
    }
  }

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const { registered_model } = await this.get<{ registered_model: MlflowRegisteredModel }>('/api/2.0/mlflow/registered-models/get', {
      name,
    });
    return registered_model;
  }

  async searchRegisteredModels(maxResults = 1000): Promise<MlflowRegisteredModel[]> {
    const { registered_models } = await this.get<{ registered_models?: MlflowRegisteredModel[] }>(
      '/api/2.0/mlflow/registered-models/search',
      {
        max_results: String(maxResults),
      },
    );
    return registered_models ?? [];
  }

  async createModelVersion(name: string, source: string, runId: string, tags: MlflowTag[] = []): Promise<MlflowModelVersion> {
    const { model_version } = await this.post<{ model_version: MlflowModelVersion }>('/api/2.0/mlflow/model-versions/create', {
      name,
      source,
      run_id: runId,
      tags,
    });
    return model_version;
  }

  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    const { model_version } = await this.get<{ model_version: MlflowModelVersion }>('/api/2.0/mlflow/model-versions/get', {
      name,
      version,
    });
    return model_version;
  }

  async searchModelVersions(name: string, maxResults = 1000): Promise<MlflowModelVersion[]> {
    const { model_versions } = await this.get<{ model_versions?: MlflowModelVersion[] }>('/api/2.0/mlflow/model-versions/search', {
      filter: `name='${name.replace(/'/g, "\\'")}'`,
      max_results: String(maxResults),
    });
    return model_versions ?? [];
  }

  /** Polls until the version is READY; throws when registration failed or the wait ran out. */
  async waitForModelVersionReady(name: string, version: string, timeoutMs = 60_000): Promise<MlflowModelVersion> {
    const deadline = Date.now() + timeoutMs;
    return retry(
      async () => {
        const mv = await this.getModelVersion(name, version);
        if (mv.status === 'READY') return mv;
        if (mv.status === 'FAILED_REGISTRATION')
          throw new Error(`model version ${name}/${version} failed to register: ${mv.status_message ?? ''}`);
        throw new VersionNotReadyError(`model version ${name}/${version} was not READY after ${timeoutMs} ms`);
      },
      {
        attempts: Number.POSITIVE_INFINITY,
        initialDelayMs: 100,
        maxDelayMs: 2000,
        retryIf: (error) => error instanceof VersionNotReadyError && Date.now() <= deadline,
      },
    );
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    const { artifact_uri } = await this.get<{ artifact_uri: string }>('/api/2.0/mlflow/model-versions/get-download-uri', { name, version });
    return artifact_uri;
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.post('/api/2.0/mlflow/registered-models/alias', { name, alias, version });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.request('DELETE', '/api/2.0/mlflow/registered-models/alias', { name, alias });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<MlflowModelVersion> {
    const { model_version } = await this.get<{ model_version: MlflowModelVersion }>('/api/2.0/mlflow/registered-models/alias', {
      name,
      alias,
    });
    return model_version;
  }

  async ping(): Promise<void> {
    const res = await this.fetch(`${this.baseUrl}/health`, { method: 'GET' }, 3000);
    if (!res.ok) throw new Error(`MLflow /health answered ${res.status}`);
  }

  // ---- plumbing ----
  private proxyUrl(artifactUri: string): string {
    return `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${encodePath(stripScheme(artifactUri))}`;
  }

  private get<T>(path: string, query: Record<string, string>): Promise<T> {
    return this.request<T>('GET', path, query);
  }

  private post<T = unknown>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, payload: unknown): Promise<T> {
    let url = `${this.baseUrl}${path}`;
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (method === 'GET') {
      url += `?${new URLSearchParams(payload as Record<string, string>).toString()}`;
    } else {
      init.body = JSON.stringify(payload);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    const res = await this.fetch(url, init);
    await checkResponse(res);
    const text = await res.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async fetch(url: string, init: RequestInit, timeoutMs = 30_000): Promise<Response> {
    try {
      const headers = { ...(init.headers as Record<string, string> | undefined), ...this.authorization };
      return await fetch(url, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new DependencyUnavailableError(
        'mlflow',
        'The model registry (MLflow) cannot be reached right now. Retry in a few seconds.',
        5,
        `${this.baseUrl}: ${(error as Error).message}`,
      );
    }
  }
}

function stripScheme(uri: string): string {
  if (uri.startsWith(ARTIFACT_SCHEME)) return uri.slice(ARTIFACT_SCHEME.length).replace(/^\/+/, '');
  throw new Error(`artifact URI ${uri} is not served by the MLflow artifact proxy (start mlflow server with --serve-artifacts)`);
}

function encodePath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}
