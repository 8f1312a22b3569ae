/**
 * `ModelstreamClient`: the ingest and inference APIs as typed methods — chunked uploads with retries and resume,
 * datasets, sweeps, job status (live over SSE), cancels, predictions, models and aliases.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { chunkFields, DEFAULT_CHUNK_SIZE, MAX_FILE_BYTES, planChunks, type TrainingSettings } from './chunking';
import { type ClientOptions, resolveEndpoints } from './config';
import { ModelstreamError } from './errors';
import { type FetchLike, HttpClient, type RequestOptions } from './http';
import { type RetryPolicy, retryDecision, sleep as realSleep } from './retry';
import { readSse } from './sse';
import {
  type AliasDeleted,
  type AliasSet,
  type BatchPrediction,
  type BulkCancelRequest,
  type BulkCancelResult,
  type DatasetDeleted,
  type DatasetDetail,
  type DatasetList,
  isFinal,
  type JobHistoryDetail,
  type JobHistoryPage,
  type JobHistoryQuery,
  type JobList,
  type JobStatus,
  type ListJobsQuery,
  type ModelList,
  type ListDatasetsQuery,
  type ModelSpec,
  type PredictResult,
  type Sweep,
  type SweepRequest,
  type TrainDatasetRequest,
  type TrainRowsRequest,
  type UploadChunkAnswer,
} from './types';

export interface ModelstreamClientOptions extends ClientOptions {
  /** A fetch of your own (tests, proxies); default: the global fetch. */
  fetch?: FetchLike;
  /** Retries of 503/429/no answer: attempts in all (default 5), first delay, maximum delay. */
  retry?: Partial<RetryPolicy>;
  /** Replaceable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface UploadProgress {
  trackingId: string | null;
  /** The chunk just accepted. */
  chunkIndex: number;
  totalChunks: number;
  sentBytes: number;
  totalBytes: number;
}

export interface UploadOptions extends TrainingSettings {
  /** The file's name as the platform shows it (default: the path's base name, else `data.csv`). */
  filename?: string;
  /** Bytes per chunk (default 1 MiB). A resume must use the same size as the interrupted upload. */
  chunkSize?: number;
  /** false: store the file as a dataset without training it. */
  train?: boolean;
  /** Resume this upload: ask which chunks arrived and send the rest (same file, same chunk size). */
  resume?: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Called before a failed chunk is sent again. */
  onRetry?: (error: ModelstreamError, chunkIndex: number, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

export interface UploadResult {
  trackingId: string;
  totalChunks: number;
  /** The chunk the upload started from (0, or where a resume picked up). */
  startedAt: number;
  /** The last chunk's answer. */
  answer: UploadChunkAnswer;
  /** The dataset the upload became (when the server says it). */
  datasetId?: string;
}

export interface WaitOptions {
  /** Every status the job goes through, the current one first. */
  onProgress?: (status: JobStatus) => void;
  signal?: AbortSignal;
  /** Give up after this long (rejects with a TimeoutError); default none. */
  timeoutMs?: number;
}

export interface PollOptions<T> {
  onUpdate?: (value: T) => void;
  intervalMs?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const SSE_RECONNECTS = 20;

export class ModelstreamClient {
  readonly ingestUrl: string;
  readonly inferenceUrl: string;
  private readonly ingest: HttpClient;
  private readonly inference: HttpClient;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: ModelstreamClientOptions = {}) {
    const endpoints = resolveEndpoints(options);
    this.ingestUrl = endpoints.ingestUrl;
    this.inferenceUrl = endpoints.inferenceUrl;
    this.sleep = options.sleep ?? realSleep;
    const shared = { apiKey: endpoints.apiKey, fetch: options.fetch, retry: options.retry, sleep: this.sleep };
    this.ingest = new HttpClient({ baseUrl: endpoints.ingestUrl, ...shared });
    this.inference = new HttpClient({ baseUrl: endpoints.inferenceUrl, ...shared });
  }

  // ---- uploads ----

  /**
   * Uploads a CSV (a path, or its bytes) chunk by chunk; chunk 0 carries the training settings. A chunk that
   * fails with 503/429 or gets no answer is sent again after a backoff (Retry-After honoured): the server answers
   * a repeat of the same bytes as before. With `resume: trackingId` it continues an interrupted upload.
   */
  async upload(file: string | Uint8Array, options: UploadOptions = {}): Promise<UploadResult> {
    const bytes = typeof file === 'string' ? await readFile(file) : file;
    const filename = options.filename ?? (typeof file === 'string' ? basename(file) : 'data.csv');
    if (bytes.byteLength > MAX_FILE_BYTES) {
      throw new RangeError(`${filename} is ${bytes.byteLength} bytes; the platform takes files of at most ${MAX_FILE_BYTES} bytes (25 MB)`);
    }
    const plan = planChunks(bytes.byteLength, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    let trackingId: string | undefined = options.resume;
    let start = 0;
    let answer: UploadChunkAnswer | undefined;

    if (options.resume) {
      const status = await this.getStatus(options.resume, { signal: options.signal });
      if (status.totalChunks !== undefined && status.totalChunks !== plan.totalChunks) {
        throw new Error(
          `upload ${options.resume} was sent in ${status.totalChunks} chunks; this file at chunkSize ${plan.chunkSize} makes ${plan.totalChunks}: resume with the chunk size of the first attempt`,
        );
      }
      start = status.receivedChunks ?? 0;
      if (start >= plan.totalChunks) {
        const done = {
          trackingId: options.resume,
          chunkIndex: plan.totalChunks - 1,
          receivedChunks: start,
          totalChunks: plan.totalChunks,
          status: status.status,
          datasetId: status.datasetId ?? undefined,
        };
        return { trackingId: options.resume, totalChunks: plan.totalChunks, startedAt: start, answer: done, datasetId: done.datasetId };
      }
    }

    for (let index = start; index < plan.totalChunks; index++) {
      const [from, to] = plan.ranges[index];
      const fields = chunkFields(index, plan, { filename, trackingId, settings: options, train: options.train });
      answer = await this.postChunk(fields, bytes.subarray(from, to), filename, index, options);
      trackingId = answer.trackingId;
      options.onProgress?.({ trackingId, chunkIndex: index, totalChunks: plan.totalChunks, sentBytes: to, totalBytes: bytes.byteLength });
    }
    return { trackingId: trackingId!, totalChunks: plan.totalChunks, startedAt: start, answer: answer!, datasetId: answer!.datasetId };
  }

  private postChunk(
    fields: Record<string, string>,
    chunk: Uint8Array,
    filename: string,
    index: number,
    options: UploadOptions,
  ): Promise<UploadChunkAnswer> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(chunk)], { type: 'text/csv' }), filename);
    // A chunk is safe to send again: a repeat of the same bytes is answered as before, without a second event.
    return this.ingest.json<UploadChunkAnswer>('POST', '/api/model-train/start', {
      form,
      idempotent: true,
      signal: options.signal,
      onRetry: (error, attempt, delayMs) => options.onRetry?.(error, index, attempt, delayMs),
    });
  }

  // ---- jobs ----

  getStatus(trackingId: string, options: { signal?: AbortSignal } = {}): Promise<JobStatus> {
    return this.ingest.json<JobStatus>('GET', `/api/model-train/status/${encodeURIComponent(trackingId)}`, options);
  }

  listJobs(query: ListJobsQuery = {}): Promise<JobList> {
    return this.ingest.json<JobList>('GET', '/api/model-train/status', { query: query as RequestOptions['query'] });
  }

  /** Job history (MariaDB): settings, transitions, per-epoch and final metrics. */
  listJobHistory(query: JobHistoryQuery = {}): Promise<JobHistoryPage> {
    return this.ingest.json('GET', '/api/model-train/jobs', { query: query as RequestOptions['query'] });
  }

  getJobHistory(trackingId: string): Promise<JobHistoryDetail> {
    return this.ingest.json('GET', `/api/model-train/jobs/${encodeURIComponent(trackingId)}`);
  }

  /** Asks the trainer to stop a job (409 ConflictError when it is already final). */
  cancel(trackingId: string, reason?: string): Promise<JobStatus> {
    return this.ingest.json<JobStatus>('POST', `/api/model-train/${encodeURIComponent(trackingId)}/cancel`, {
      json: reason ? { reason } : {},
    });
  }

  /** Cancels many jobs at once: by ids, by sweep, by status and/or age. */
  cancelMany(selector: BulkCancelRequest): Promise<BulkCancelResult> {
    return this.ingest.json<BulkCancelResult>('POST', '/api/model-train/cancel', { json: selector, idempotent: true });
  }

  modelSpecs(): Promise<ModelSpec[]> {
    return this.ingest.json<ModelSpec[]>('GET', '/api/model-specs');
  }

  /**
   * Follows a job over server-sent events until it is completed, failed or cancelled, and returns that final
   * status (it does not throw for a failed job: look at `status`). A dropped stream is reopened (the server
   * sends the current status first, so nothing is missed); an unknown trackingId throws NotFoundError.
   */
  async waitForJob(trackingId: string, options: WaitOptions = {}): Promise<JobStatus> {
    const signal = options.timeoutMs ? anySignal(options.signal, AbortSignal.timeout(options.timeoutMs)) : options.signal;
    let drops = 0;
    for (;;) {
      // an unknown trackingId is a NotFoundError here; a 503 or no answer is retried by the HTTP layer
      const res = await this.ingest.send('GET', `/api/model-train/${encodeURIComponent(trackingId)}/events`, {
        accept: 'text/event-stream',
        timeoutMs: 0,
        signal,
      });
      let last: JobStatus | undefined;
      try {
        for await (const event of readSse(res.body!)) {
          if (event.event !== 'status') continue;
          last = JSON.parse(event.data) as JobStatus;
          options.onProgress?.(last);
          if (isFinal(last.status)) return last;
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason ?? error;
        // a broken stream: reopen it below
      }
      const decision = retryDecision(
        new ModelstreamError('the event stream ended before a final status', { status: 0, retryable: true }),
        ++drops,
        { attempts: SSE_RECONNECTS, baseDelayMs: 250, maxDelayMs: 5000 },
      );
      if (!decision.retry) {
        if (last) return this.getStatus(trackingId);
        throw new ModelstreamError(`the event stream of ${trackingId} kept ending before a final status`, { status: 0 });
      }
      await this.sleep(decision.delayMs, signal);
    }
  }

  // ---- datasets ----

  listDatasets(query: ListDatasetsQuery = {}): Promise<DatasetList> {
    return this.ingest.json('GET', '/api/datasets', { query: query as RequestOptions['query'] });
  }

  getDataset(datasetId: string): Promise<DatasetDetail> {
    return this.ingest.json('GET', `/api/datasets/${encodeURIComponent(datasetId)}`);
  }

  /** Deletes a dataset (409 ConflictError while a job of it is pending or running). */
  deleteDataset(datasetId: string): Promise<DatasetDeleted> {
    return this.ingest.json('DELETE', `/api/datasets/${encodeURIComponent(datasetId)}`);
  }

  /** Trains a stored dataset again (no re-upload); answers the new job's status. */
  trainDataset(datasetId: string, settings: TrainDatasetRequest = {}): Promise<JobStatus> {
    return this.ingest.json('POST', `/api/datasets/${encodeURIComponent(datasetId)}/train`, { json: settings });
  }

  /** Stores JSON rows as a dataset and trains it (`POST /api/train`). */
  trainRows(rows: Record<string, unknown>[], settings: Omit<TrainRowsRequest, 'rows'> = {}): Promise<JobStatus> {
    return this.ingest.json('POST', '/api/train', { json: { rows, ...settings } });
  }

  // ---- sweeps ----

  createSweep(datasetId: string, request: SweepRequest): Promise<Sweep> {
    return this.ingest.json('POST', `/api/datasets/${encodeURIComponent(datasetId)}/sweeps`, { json: request });
  }

  getSweep(sweepId: string): Promise<Sweep> {
    return this.ingest.json('GET', `/api/sweeps/${encodeURIComponent(sweepId)}`);
  }

  /**
   * Polls a sweep until every job is final and, when it asked for `promoteAlias` and a run completed, until the
   * alias is set (the server promotes a moment after the last job ends); returns the final sweep.
   */
  waitForSweep(sweepId: string, options: PollOptions<Sweep> = {}): Promise<Sweep> {
    return this.poll(() => this.getSweep(sweepId), sweepSettled, options);
  }

  // ---- inference ----

  /** Predictions for feature rows from a `models:/<name>/<version>`, `models:/<name>@<alias>` or `models:/<name>/latest`. */
  predict(modelId: string, features: Record<string, unknown>[]): Promise<PredictResult> {
    return this.inference.json('POST', '/api/predict', { json: { modelId, features }, idempotent: true });
  }

  /** Starts a batch prediction over a CSV (path or bytes); poll with getBatchPrediction or use batchPredictAndWait. */
  async batchPredict(modelId: string, csv: string | Uint8Array, options: { filename?: string } = {}): Promise<BatchPrediction> {
    const bytes = typeof csv === 'string' ? await readFile(csv) : csv;
    const form = new FormData();
    form.append('modelId', modelId);
    form.append(
      'file',
      new Blob([new Uint8Array(bytes)], { type: 'text/csv' }),
      options.filename ?? (typeof csv === 'string' ? basename(csv) : 'rows.csv'),
    );
    return this.inference.json('POST', '/api/predict/batch', { form });
  }

  getBatchPrediction(jobId: string): Promise<BatchPrediction> {
    return this.inference.json('GET', `/api/predict/batch/${encodeURIComponent(jobId)}`);
  }

  async batchPredictAndWait(
    modelId: string,
    csv: string | Uint8Array,
    options: PollOptions<BatchPrediction> & { filename?: string } = {},
  ): Promise<BatchPrediction> {
    const job = await this.batchPredict(modelId, csv, options);
    return this.poll(
      () => this.getBatchPrediction(job.jobId),
      (j) => j.status === 'completed' || j.status === 'failed',
      options,
    );
  }

  listModels(nameContains?: string): Promise<ModelList> {
    return this.inference.json('GET', '/api/models', { query: { name: nameContains } });
  }

  /** Sets or moves an alias to a version in the model registry. */
  setAlias(name: string, alias: string, version: string | number): Promise<AliasSet> {
    return this.inference.json('PUT', `/api/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`, {
      json: { version: String(version) },
    });
  }

  deleteAlias(name: string, alias: string): Promise<AliasDeleted> {
    return this.inference.json('DELETE', `/api/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`);
  }

  private async poll<T>(read: () => Promise<T>, done: (value: T) => boolean, options: PollOptions<T>): Promise<T> {
    const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Infinity;
    for (;;) {
      const value = await read();
      options.onUpdate?.(value);
      if (done(value)) return value;
      if (Date.now() > deadline) throw new ModelstreamError(`still not finished after ${options.timeoutMs} ms`, { status: 0 });
      await this.sleep(options.intervalMs ?? 1000, options.signal);
    }
  }
}

/** Every job of the sweep is final, and the alias it asked for is set (when a run completed to carry it). */
export function sweepSettled(sweep: Sweep): boolean {
  if (sweep.status !== 'completed') return false;
  if (!sweep.promoteAlias || sweep.promotedVersion) return true;
  return !sweep.leaderboard.some((e) => e.status === 'completed' && e.modelVersion);
}

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((s): s is AbortSignal => !!s));
}
