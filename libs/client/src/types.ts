/**
 * The SDK's API types. Everything the OpenAPI documents describe comes from the generated files
 * (src/generated/, openapi-typescript over openapi/*.json); the few answers a document leaves untyped are
 * written out here after the contract in docs/datasets.md and the apps' views.
 */
import type { components as IngestComponents, operations as IngestOperations } from './generated/ingest';

type IngestSchemas = IngestComponents['schemas'];

/** The JSON body of an operation's 200/201/202 answer. */
export type OkJson<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : R extends { 202: { content: { 'application/json': infer T } } }
        ? T
        : unknown
  : unknown;
/** An operation's query parameters. */
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** An operation's JSON request body. */
export type JsonBodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type JobStatusName = IngestSchemas['JobStatusView']['status'];
/** A job's live status (`GET /api/model-train/status/:trackingId`, the SSE `status` events). */
export type JobStatus = IngestSchemas['JobStatusView'] & { datasetId?: string | null };
export type JobList = OkJson<IngestOperations['JobStatusController_list']>;
export type ListJobsQuery = QueryOf<IngestOperations['JobStatusController_list']>;
export type JobHistoryQuery = QueryOf<IngestOperations['JobHistoryController_list']>;
/** One answer of `POST /api/model-train/start`; the last chunk's carries the `datasetId`. */
export type UploadChunkAnswer = IngestSchemas['UploadChunkAnswer'] & { datasetId?: string };
export type ModelSpec = IngestSchemas['ModelSpecView'];

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
export const isFinal = (status: string): boolean => FINAL_STATUSES.has(status);

// ---- datasets, sweeps, bulk cancel (docs/datasets.md) ----

export interface DatasetColumn {
  name: string;
  type: string;
  missing?: number;
  distinct?: number;
}

export interface Dataset {
  datasetId: string;
  filename: string;
  sha256: string;
  size: number;
  storageBytes?: number;
  rows: number;
  columns: DatasetColumn[];
  createdAt: string;
  trackingId?: string;
  bucket?: string;
  objectKeys?: string[];
}

export interface DatasetDetail extends Dataset {
  preview?: { columns: string[]; rows: (string | null)[][] };
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  page?: number;
  pageSize?: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
  page?: number;
  pageSize?: number;
}

export interface DatasetDeleted {
  datasetId: string;
  deleted: true;
  freedBytes: number;
}

export interface SweepRequest {
  target?: string;
  modelTypes: string[];
  grid?: Record<string, unknown[]>;
  metric: string;
  modelName?: string;
  promoteAlias?: string;
}

export interface SweepCombination {
  trackingId: string;
  modelType: string;
  params: Record<string, unknown>;
}

export interface LeaderboardEntry extends SweepCombination {
  rank: number;
  status: JobStatusName;
  progress: number;
  score: number | null;
  metrics: Record<string, unknown> | null;
  modelId: string | null;
  modelVersion: string | null;
  error: string | null;
}

export interface Sweep {
  sweepId: string;
  datasetId: string;
  modelName: string;
  metric: string;
  direction: 'max' | 'min';
  promoteAlias: string | null;
  status: 'running' | 'completed';
  promotedVersion: string | null;
  createdAt: string;
  combinations: SweepCombination[];
  leaderboard: LeaderboardEntry[];
}

export interface BulkCancelRequest {
  trackingIds?: string[];
  sweepId?: string;
  status?: 'pending' | 'running';
  createdBefore?: string;
}

export interface BulkCancelResult {
  results: { trackingId: string; outcome: 'cancelled' | 'already_final' | 'not_found'; status: string | null }[];
  cancelled: number;
}

// ---- inference ----

export type RowPrediction = { label: string; probabilities: Record<string, number> } | { value: number };

export interface PredictResult {
  status: 'success';
  /** The concrete version that answered, `models:/<name>/<version>`. */
  modelId: string;
  requested: string;
  name: string;
  version: string;
  modelType: string;
  problemType: 'classification' | 'regression';
  target: string;
  classes?: string[];
  predictions: RowPrediction[];
}

export interface ModelVersionView {
  version: string;
  modelId: string;
  status: string;
  runId?: string;
  aliases: string[];
  createdAt?: string;
  loaded: boolean;
}

export interface RegisteredModelView {
  name: string;
  description?: string;
  aliases: Record<string, string>;
  latestVersion?: string;
  versions: ModelVersionView[];
}

export interface ModelList {
  models: RegisteredModelView[];
  cache?: { models: number; bytes: number; maxModels: number; maxBytes: number };
}

export interface AliasSet {
  name: string;
  alias: string;
  version: string;
}

export interface AliasDeleted {
  name: string;
  alias: string;
  deleted: true;
}

export interface BatchPrediction {
  jobId: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  modelId?: string;
  rows?: number;
  error?: string | null;
  downloadUrl?: string;
  downloadUrlExpiresAt?: string;
  [key: string]: unknown;
}
