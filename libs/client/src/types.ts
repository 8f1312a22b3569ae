/**
 * The SDK's API types, all derived from the files generated out of the OpenAPI documents (src/generated/,
 * openapi-typescript over openapi/ingest.json and openapi/inference.json): an answer's type is its operation's
 * 2xx JSON body, a request's its operation's JSON body or query. Nothing here is written out by hand.
 */
import type { components as IngestComponents, operations as IngestOperations } from './generated/ingest';
import type { components as InferenceComponents, operations as InferenceOperations } from './generated/inference';

type IngestSchemas = IngestComponents['schemas'];
type InferenceSchemas = InferenceComponents['schemas'];

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

// ---- jobs ----

export type JobStatusName = IngestSchemas['JobStatusView']['status'];
/** A job's live status (`GET /api/model-train/status/:trackingId`, the SSE `status` events, train answers). */
export type JobStatus = IngestSchemas['JobStatusView'];
export type JobList = OkJson<IngestOperations['JobStatusController_list']>;
export type ListJobsQuery = QueryOf<IngestOperations['JobStatusController_list']>;
export type JobHistoryPage = OkJson<IngestOperations['JobHistoryController_list']>;
export type JobHistoryQuery = QueryOf<IngestOperations['JobHistoryController_list']>;
export type JobHistoryDetail = OkJson<IngestOperations['JobHistoryController_get']>;
/** One answer of `POST /api/model-train/start`; the last chunk's carries the `datasetId`. */
export type UploadChunkAnswer = IngestSchemas['UploadChunkAnswer'];
export type ModelSpec = IngestSchemas['ModelSpecView'];
export type CancelRequest = JsonBodyOf<IngestOperations['TrainingControlController_cancel']>;
export type BulkCancelRequest = JsonBodyOf<IngestOperations['TrainingControlController_cancelMany']>;
export type BulkCancelResult = OkJson<IngestOperations['TrainingControlController_cancelMany']>;

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
export const isFinal = (status: string): boolean => FINAL_STATUSES.has(status);

// ---- datasets and sweeps ----

export type Dataset = IngestSchemas['DatasetView'];
export type DatasetColumn = IngestSchemas['ColumnProfileView'];
export type DatasetList = OkJson<IngestOperations['DatasetsController_list']>;
export type ListDatasetsQuery = QueryOf<IngestOperations['DatasetsController_list']>;
export type DatasetDetail = OkJson<IngestOperations['DatasetsController_get']>;
export type DatasetDeleted = OkJson<IngestOperations['DatasetsController_delete']>;
export type TrainDatasetRequest = JsonBodyOf<IngestOperations['DatasetsController_train']>;
export type TrainRowsRequest = JsonBodyOf<IngestOperations['DatasetsController_trainRows']>;
export type SweepRequest = JsonBodyOf<IngestOperations['SweepsController_create']>;
export type Sweep = OkJson<IngestOperations['SweepsController_get']>;
export type SweepCombination = IngestSchemas['SweepCombinationView'];
export type LeaderboardEntry = IngestSchemas['LeaderboardEntryView'];

// ---- inference ----

export type PredictResult = OkJson<InferenceOperations['PredictController_predict']>;
export type RowPrediction = PredictResult['predictions'][number];
export type ModelList = OkJson<InferenceOperations['ModelsController_list']>;
export type RegisteredModelView = InferenceSchemas['RegisteredModelInfo'];
export type ModelVersionView = InferenceSchemas['ModelVersionInfo'];
export type AliasSet = OkJson<InferenceOperations['AliasesController_set']>;
export type AliasDeleted = OkJson<InferenceOperations['AliasesController_delete']>;
export type BatchPrediction = InferenceSchemas['BatchJobAnswer'];
