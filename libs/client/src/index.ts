/** @modelstream/client — the typed SDK of the modelstream ingest and inference APIs. */
export { ModelstreamClient, sweepSettled } from './client';
export type { ModelstreamClientOptions, PollOptions, UploadOptions, UploadProgress, UploadResult, WaitOptions } from './client';
export { chunkFields, DEFAULT_CHUNK_SIZE, MAX_FILE_BYTES, planChunks } from './chunking';
export type { ChunkPlan, TrainingSettings } from './chunking';
export { DEFAULT_URL, defaultInferenceUrl, resolveEndpoints } from './config';
export type { ClientOptions, Endpoints } from './config';
export { csvRecords, parseCsv, toCsv } from './csv';
export * from './errors';
export { HttpClient } from './http';
export type { FetchLike, RequestOptions } from './http';
export { DEFAULT_RETRY, retryDecision } from './retry';
export type { RetryDecision, RetryPolicy } from './retry';
export { readSse, SseParser } from './sse';
export type { SseEvent } from './sse';
export * from './types';
export type { paths as IngestPaths, components as IngestComponents } from './generated/ingest';
export type { paths as InferencePaths, components as InferenceComponents } from './generated/inference';
