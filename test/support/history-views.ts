/**
 * The lifecycle fields both public views of a job carry — GET /api/model-train/status/:id (Redis) and
 * GET /api/model-train/jobs/:id (MariaDB) — read out of each answer into one shape, and what the
 * job-lifecycle fold says they must be, for field-by-field comparisons.
 */
import { JobState } from '@modelstream/contracts';
import { getJson } from './history-harness';

export interface LifecycleFields {
  status: string;
  stage: string | null;
  progress: number;
  error: string | null;
  modelId: string | null;
  modelName: string | null;
  modelVersion: string | null;
  modelType: string | null;
  mlflowRunId: string | null;
  filename: string | null;
  metrics: Record<string, number | null> | null;
  receivedChunks: number;
  totalChunks: number | null;
  cancelRequestedAt: string | null;
  createdAt: string;
  requestedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the views are read as JSON, as a client would */
export type StatusView = Record<string, any>;
export type HistoryView = Record<string, any>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function expectedFields(state: JobState): LifecycleFields {
  return {
    status: state.status,
    stage: state.stage,
    progress: state.progress,
    error: state.error,
    modelId: state.modelId,
    modelName: state.modelName,
    modelVersion: state.modelVersion,
    modelType: state.modelType,
    mlflowRunId: state.mlflowRunId,
    filename: state.filename,
    metrics: state.metrics,
    receivedChunks: state.receivedChunks,
    totalChunks: state.totalChunks,
    cancelRequestedAt: iso(state.cancelRequestedAt),
    createdAt: iso(state.createdAt)!,
    requestedAt: iso(state.requestedAt),
    startedAt: iso(state.startedAt),
    finishedAt: iso(state.finishedAt),
  };
}

export function statusFields(view: StatusView): LifecycleFields {
  return {
    status: view.status,
    stage: view.stage,
    progress: view.progress,
    error: view.error,
    modelId: view.modelId,
    modelName: view.modelName ?? null,
    modelVersion: view.modelVersion ?? null,
    modelType: view.modelType ?? null,
    mlflowRunId: view.mlflowRunId ?? null,
    filename: view.filename ?? null,
    metrics: view.result?.metrics ?? null,
    receivedChunks: view.receivedChunks ?? 0,
    totalChunks: view.totalChunks ?? null,
    cancelRequestedAt: view.cancelRequestedAt,
    createdAt: view.createdAt,
    requestedAt: view.requestedAt,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
  };
}

export function historyFields(view: HistoryView): LifecycleFields {
  return {
    status: view.status,
    stage: view.stage,
    progress: view.progress,
    error: view.error,
    modelId: view.modelId,
    modelName: view.modelName,
    modelVersion: view.modelVersion,
    modelType: view.modelType,
    mlflowRunId: view.mlflowRunId,
    filename: view.filename,
    metrics: Object.keys(view.metrics ?? {}).length > 0 ? view.metrics : null,
    receivedChunks: view.upload.receivedChunks,
    totalChunks: view.upload.totalChunks,
    cancelRequestedAt: view.cancel?.requestedAt ?? null,
    createdAt: view.createdAt,
    requestedAt: view.requestedAt,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
  };
}

/** Both views of a job from a running ingest app (a 404 is `null`). */
export async function jobViews(url: string, trackingId: string): Promise<{ status: StatusView | null; history: HistoryView | null }> {
  const [status, history] = await Promise.all([
    getJson<StatusView>(`${url}/api/model-train/status/${trackingId}`),
    getJson<HistoryView>(`${url}/api/model-train/jobs/${trackingId}`),
  ]);
  return { status: status.status === 200 ? status.body : null, history: history.status === 200 ? history.body : null };
}

/** Runs `task` over `items`, `concurrency` at a time. */
export async function mapConcurrently<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
