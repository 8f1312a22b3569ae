/**
 * Where a chunk is received. Each accepted chunk is stored in the object store (claim-check), announced by
 * an UploadChunkReceived event (sequence = chunkIndex + 1) and answered only once Kafka acknowledged it,
 * so an acknowledged chunk is never lost. The last chunk is checked with the whole file (size, sha256,
 * header, well-formed rows) before it is accepted, and completes the upload with a TrainingRequested event
 * (sequence 1) carrying the dataset manifest and the validated settings.
 *
 * Retries are safe: the same chunk with the same bytes is answered as before without a second event; a
 * retry of the last chunk also finishes a completion that a broker outage interrupted.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { AppConfig } from '@modelstream/config';
import {
  ConflictError,
  defaultModelType,
  getModelSpec,
  HyperParams,
  InvalidInputError,
  JobStatus,
  NotFoundError,
  PayloadTooLargeError,
  resolveHyperParams,
  TOPICS,
  TrainingRequestEvent,
  UPLOAD_LIMITS,
  UploadEvent,
} from '@modelstream/contracts';
import { AnyEvent, errorMessage, EventPublisher } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { ObjectStore } from '@modelstream/storage';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { assertText, columnValues, CsvShapeScanner, inferProblemType, inspectCsvHead, resolveTarget } from './csv-inspection';
import { RecentChunkCache } from './recent-chunk.cache';
import { StoredChunk, TrainingPlan, UploadSettings, UploadState, UploadStateRepository } from './upload-state.repository';

export const MAX_TOTAL_CHUNKS = 10_000;
const READ_AHEAD = 4;
/** Bytes from the start of the file looked at to choose a default model type. */
const HEAD_SAMPLE_BYTES = 256 * 1024;
const MAX_MB = UPLOAD_LIMITS.maxFileBytes / (1024 * 1024);

export interface ChunkInput {
  trackingId?: string;
  filename: string;
  chunkIndex: number;
  totalChunks: number;
  target?: string;
  modelType?: string;
  params?: string;
  modelName?: string;
  bytes: Buffer | undefined;
}

export interface ChunkAnswer {
  trackingId: string;
  chunkIndex: number;
  receivedChunks: number;
  totalChunks: number;
  status: JobStatus;
}

export const chunkObjectKey = (trackingId: string, index: number) => `uploads/${trackingId}/chunk-${String(index).padStart(5, '0')}`;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

@Injectable()
export class UploadService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadService.name);
  private readonly bucket: string;
  private readonly chunkCounter;
  private readonly byteCounter;
  private readonly uploadCounter;

  constructor(
    config: AppConfig,
    private readonly store: ObjectStore,
    private readonly publisher: EventPublisher,
    private readonly uploads: UploadStateRepository,
    private readonly projection: JobStatusProjection,
    private readonly cache: RecentChunkCache,
    metrics: Metrics,
  ) {
    this.bucket = config.S3_BUCKET_UPLOADS;
    this.chunkCounter = metrics.counter('ingest_chunks_total', 'Chunks answered 200, by outcome (accepted, repeated)', ['outcome']);
    this.byteCounter = metrics.counter('ingest_chunk_bytes_total', 'Bytes of accepted chunks');
    this.uploadCounter = metrics.counter('ingest_uploads_total', 'Uploads by how they ended (training_requested, aborted)', ['outcome']);
  }

  async onApplicationBootstrap(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await this.store.ensureBucket(this.bucket);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.logger.warn({ bucket: this.bucket, err: errorMessage(error), msg: 'waiting for the object store' });
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  async receiveChunk(input: ChunkInput): Promise<ChunkAnswer> {
    const bytes = checkChunkRequest(input);
    if (!input.trackingId) {
      if (input.chunkIndex !== 0) {
        throw new InvalidInputError(
          `trackingId is missing on chunk ${input.chunkIndex}. Send the trackingId that the answer to chunk 0 returned on every later chunk.`,
        );
      }
      return this.startUpload(input, bytes);
    }
    const trackingId = input.trackingId;
    return this.uploads.withLock(trackingId, () => this.continueUpload(trackingId, input, bytes));
  }

  private async startUpload(input: ChunkInput, bytes: Buffer): Promise<ChunkAnswer> {
    if (bytes.length > UPLOAD_LIMITS.maxFileBytes) throw tooLarge(bytes.length);
    const settings = parseSettings(input);
    const state: UploadState = {
      trackingId: randomUUID(),
      filename: input.filename,
      totalChunks: input.totalChunks,
      phase: 'uploading',
      chunks: [],
      receivedBytes: 0,
      settings,
      columns: null,
      shape: null,
      problemType: null,
      plan: null,
      reason: null,
      createdAt: Date.now(),
    };
    this.learnHeader(state, bytes, input.totalChunks === 1);
    return this.acceptChunk(state, 0, bytes);
  }

  private async continueUpload(trackingId: string, input: ChunkInput, bytes: Buffer): Promise<ChunkAnswer> {
    const state = await this.uploads.get(trackingId);
    if (!state) {
      throw new NotFoundError(`No upload with trackingId "${trackingId}". Start a new upload by sending chunk 0 without a trackingId.`, {
        trackingId,
      });
    }
    if (input.filename !== state.filename) {
      throw new ConflictError(
        `filename "${input.filename}" differs from "${state.filename}" given on chunk 0 of this upload. Send the same filename on every chunk.`,
      );
    }
    if (input.totalChunks !== state.totalChunks) {
      throw new ConflictError(
        `totalChunks ${input.totalChunks} differs from ${state.totalChunks} given on chunk 0 of this upload. Send the same totalChunks on every chunk.`,
      );
    }
    const index = input.chunkIndex;
    const previous: StoredChunk | undefined = state.chunks[index];
    if (previous) {
      if (previous.sha256 !== sha256(bytes) || previous.size !== bytes.length) {
        if (state.phase !== 'uploading') throw closedUpload(state);
        throw new ConflictError(
          `Chunk ${index} of upload ${trackingId} was already received with other bytes (sha256 ${previous.sha256}, ${previous.size} bytes). An accepted chunk cannot be replaced; send chunk ${state.chunks.length} next.`,
          { expectedChunkIndex: state.chunks.length },
        );
      }
      // The same chunk again: answered as before, without a second event. A retry of the last chunk also
      // finishes a completion that was interrupted after the chunk itself was acknowledged.
      if (state.phase === 'uploading' && state.plan && state.chunks.length === state.totalChunks) await this.requestTraining(state);
      this.chunkCounter.inc({ outcome: 'repeated' });
      return this.answer(state, index);
    }
    if (state.phase !== 'uploading') throw closedUpload(state);
    if (index !== state.chunks.length) {
      throw new ConflictError(
        `Chunk ${index} is out of order: upload ${trackingId} expects chunkIndex ${state.chunks.length} next. Send the chunks in order.`,
        { expectedChunkIndex: state.chunks.length },
      );
    }
    if (state.receivedBytes + bytes.length > UPLOAD_LIMITS.maxFileBytes) {
      const error = tooLarge(state.receivedBytes + bytes.length);
      await this.abort(state, error.message);
      throw error;
    }
    if (!state.columns) this.learnHeader(state, Buffer.concat([...(await this.readChunks(state)), bytes]), index === state.totalChunks - 1);
    return this.acceptChunk(state, index, bytes);
  }

  /** Reads the header (and the target's first values) once a complete first line has arrived. */
  private learnHeader(state: UploadState, head: Buffer, isWholeFile: boolean): void {
    const inspected = inspectCsvHead(head, isWholeFile);
    if (!inspected) return;
    const target = resolveTarget(inspected.columns, state.settings.target);
    state.columns = inspected.columns;
    if (state.settings.modelType) state.problemType = getModelSpec(state.settings.modelType).problemType;
    else if (inspected.rows.length > 0) state.problemType = inferProblemType(columnValues(inspected, target));
  }

  private async acceptChunk(state: UploadState, index: number, bytes: Buffer): Promise<ChunkAnswer> {
    const isLast = index === state.totalChunks - 1;
    const objectKey = chunkObjectKey(state.trackingId, index);
    // Every row is checked with the chunk that completes it; a refused chunk changes nothing.
    assertText(bytes);
    const shape = new CsvShapeScanner(state.shape ?? undefined);
    shape.scan(bytes);
    if (isLast) shape.end();
    // The last chunk is accepted only with a valid whole file.
    const plan = isLast ? await this.planTraining(state, bytes, objectKey, shape.records) : null;
    const chunk: StoredChunk = { objectKey, size: bytes.length, sha256: sha256(bytes) };
    await this.store.put(this.bucket, objectKey, bytes, 'text/csv');
    const { event } = await this.publisher.publish<UploadEvent>(TOPICS.uploadChunks, {
      type: 'UploadChunkReceived',
      trackingId: state.trackingId,
      sequence: index + 1,
      payload: {
        filename: state.filename,
        chunkIndex: index,
        totalChunks: state.totalChunks,
        bucket: this.bucket,
        objectKey,
        size: chunk.size,
        sha256: chunk.sha256,
      },
    });
    state.chunks[index] = chunk;
    state.receivedBytes += chunk.size;
    state.plan = plan;
    state.shape = shape.snapshot();
    await this.uploads.save(state);
    this.cache.set(objectKey, bytes);
    await this.project(event, TOPICS.uploadChunks.name);
    this.logger.log({ trackingId: state.trackingId, chunkIndex: index, size: chunk.size, msg: 'chunk accepted' });
    this.chunkCounter.inc({ outcome: 'accepted' });
    this.byteCounter.inc(chunk.size);
    if (isLast) await this.requestTraining(state);
    return this.answer(state, index);
  }

  /** Whole-file checks at the last chunk, and the settings resolved against the header. */
  private async planTraining(state: UploadState, lastBytes: Buffer, lastKey: string, records: number): Promise<TrainingPlan> {
    if (state.chunks.length !== state.totalChunks - 1) {
      throw new ConflictError(`Upload ${state.trackingId} misses chunks before the last one; send chunk ${state.chunks.length} next.`);
    }
    if (records === 0 || !state.columns) {
      throw new InvalidInputError('The file is empty. Upload a CSV with a header row and at least one data row.');
    }
    if (records === 1) {
      throw new InvalidInputError('The file has a header row but no data rows. Upload a CSV with at least one data row.');
    }
    const sha = await this.wholeFileSha256(state, lastBytes);
    const target = resolveTarget(state.columns, state.settings.target);
    const problemType = state.problemType ?? (await this.problemTypeFromFirstRows(state, lastBytes, target));
    const modelType = state.settings.modelType ?? defaultModelType(problemType);
    const spec = getModelSpec(modelType);
    const params = resolveHyperParams(spec, state.settings.params ?? undefined);
    return {
      modelName: state.settings.modelName,
      modelType,
      problemType: spec.problemType,
      target,
      paramsJson: JSON.stringify(params),
      dataset: {
        bucket: this.bucket,
        objectKeys: [...state.chunks.map((c) => c.objectKey), lastKey],
        size: state.receivedBytes + lastBytes.length,
        sha256: sha,
        columns: state.columns,
      },
    };
  }

  /** sha256 of all chunks in order: from memory when this instance took them, else read back in parallel. */
  private async wholeFileSha256(state: UploadState, lastBytes: Buffer): Promise<string> {
    const hash = createHash('sha256');
    const reads: Promise<Buffer>[] = [];
    const prefetch = (i: number) => {
      if (i < state.chunks.length && reads[i] === undefined) {
        reads[i] = this.chunkBytes(state.chunks[i]);
        reads[i].catch(() => undefined); // surfaced when awaited below
      }
    };
    for (let i = 0; i < state.chunks.length; i++) {
      for (let ahead = i; ahead < i + READ_AHEAD; ahead++) prefetch(ahead);
      hash.update(await reads[i]);
    }
    return hash.update(lastBytes).digest('hex');
  }

  /** The default problem type when the first chunk held no complete data row: from the file's first rows. */
  private async problemTypeFromFirstRows(state: UploadState, lastBytes: Buffer, target: string) {
    const head: Buffer[] = [];
    let size = 0;
    for (const chunk of state.chunks) {
      if (size >= HEAD_SAMPLE_BYTES) break;
      head.push(await this.chunkBytes(chunk));
      size += head.at(-1)!.length;
    }
    const whole = size < HEAD_SAMPLE_BYTES;
    if (whole) head.push(lastBytes);
    const inspected = inspectCsvHead(Buffer.concat(head), whole);
    return inferProblemType(inspected ? columnValues(inspected, target) : []);
  }

  private async requestTraining(state: UploadState): Promise<void> {
    const plan = state.plan!;
    const { event } = await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, {
      type: 'TrainingRequested',
      trackingId: state.trackingId,
      sequence: 1,
      payload: { filename: state.filename, ...plan },
    });
    state.phase = 'completed';
    await this.uploads.save(state);
    this.uploadCounter.inc({ outcome: 'training_requested' });
    this.cache.forget(state.chunks.map((c) => c.objectKey));
    await this.project(event, TOPICS.trainingRequests.name);
    this.logger.log({
      trackingId: state.trackingId,
      modelType: plan.modelType,
      target: plan.target,
      size: plan.dataset.size,
      msg: 'training requested',
    });
  }

  /** Discards a partial upload: its objects go, its state says why, and an UploadAborted event tells the rest. */
  private async abort(state: UploadState, reason: string): Promise<void> {
    state.phase = 'aborted';
    state.reason = reason;
    await this.uploads.save(state);
    this.uploadCounter.inc({ outcome: 'aborted' });
    this.cache.forget(state.chunks.map((c) => c.objectKey));
    try {
      await this.store.deletePrefix(this.bucket, `uploads/${state.trackingId}/`);
      const { event } = await this.publisher.publish<UploadEvent>(TOPICS.uploadChunks, {
        type: 'UploadAborted',
        trackingId: state.trackingId,
        sequence: state.totalChunks + 1,
        payload: { reason, receivedChunks: state.chunks.length },
      });
      await this.project(event, TOPICS.uploadChunks.name);
    } catch (error) {
      this.logger.warn({ trackingId: state.trackingId, err: errorMessage(error), msg: 'could not fully discard an aborted upload' });
    }
  }

  private async readChunks(state: UploadState): Promise<Buffer[]> {
    const buffers: Buffer[] = [];
    for (const chunk of state.chunks) buffers.push(await this.chunkBytes(chunk));
    return buffers;
  }

  private chunkBytes(chunk: StoredChunk): Promise<Buffer> {
    const cached = this.cache.get(chunk.objectKey);
    return cached ? Promise.resolve(cached) : this.readChunk(chunk);
  }

  /** Reads back a stored chunk and checks it is the one that was acknowledged. */
  private async readChunk(chunk: StoredChunk): Promise<Buffer> {
    const bytes = await this.store.getBuffer(this.bucket, chunk.objectKey);
    if (bytes.length !== chunk.size || sha256(bytes) !== chunk.sha256) {
      throw new ConflictError(`The stored chunk ${chunk.objectKey} no longer matches what was acknowledged. Start the upload again.`);
    }
    return bytes;
  }

  /** Read-after-write: the projector applies the same event later as a no-op (same sequence). */
  private async project(event: AnyEvent, topic: string): Promise<void> {
    try {
      await this.projection.apply(event, topic);
    } catch (error) {
      this.logger.warn({ trackingId: event.trackingId, err: errorMessage(error), msg: 'status not projected yet; the projector will' });
    }
  }

  private async answer(state: UploadState, index: number): Promise<ChunkAnswer> {
    const view = await this.projection.get(state.trackingId).catch(() => null);
    return {
      trackingId: state.trackingId,
      chunkIndex: index,
      receivedChunks: state.chunks.length,
      totalChunks: state.totalChunks,
      status: view?.status ?? (state.phase === 'aborted' ? 'failed' : state.phase === 'cancelled' ? 'cancelled' : 'pending'),
    };
  }
}

function checkChunkRequest(input: ChunkInput): Buffer {
  if (!input.bytes) {
    throw new InvalidInputError('The file part is missing. Send the chunk\'s bytes in a multipart field named "file".');
  }
  if (input.bytes.length === 0) {
    throw new InvalidInputError(
      `The file part of chunk ${input.chunkIndex} is empty. Send the chunk's bytes; an empty file cannot be trained on.`,
    );
  }
  if (basename(input.filename) !== input.filename || !/\.csv$/i.test(input.filename)) {
    throw new InvalidInputError(
      `filename "${input.filename}" is not a CSV file name. Upload a .csv file (a name like data.csv, without folders).`,
    );
  }
  if (input.chunkIndex >= input.totalChunks) {
    throw new InvalidInputError(
      `chunkIndex ${input.chunkIndex} is out of range for totalChunks ${input.totalChunks}: chunkIndex runs from 0 to totalChunks - 1.`,
    );
  }
  return input.bytes;
}

/** Validates the training settings of the first chunk (model type, hyperparameters, model name). */
function parseSettings(input: ChunkInput): UploadSettings {
  let params: HyperParams | null = null;
  if (input.params !== undefined && input.params.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.params);
    } catch (error) {
      throw new InvalidInputError(`params is not valid JSON (${(error as Error).message}). Send a JSON object such as {"epochs": 20}.`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InvalidInputError('params must be a JSON object of hyperparameters, such as {"epochs": 20}.');
    }
    params = parsed as HyperParams;
  }
  const modelType = input.modelType?.trim() || null;
  if (modelType) resolveHyperParams(getModelSpec(modelType), params ?? undefined);
  else if (params) {
    // Without a model type the family is chosen later; the names must still be ones some family knows.
    const known = new Set(['logistic_regression', 'linear_regression'].flatMap((k) => Object.keys(getModelSpec(k).rules)));
    const unknown = Object.keys(params).filter((name) => !known.has(name));
    if (unknown.length) {
      throw new InvalidInputError(
        `Bad hyperparameters: unknown ${unknown.map((u) => `"${u}"`).join(', ')} for the default model types (known: ${[...known].join(', ')}). Name a modelType to use its own hyperparameters.`,
      );
    }
    for (const key of ['logistic_regression', 'linear_regression']) {
      const spec = getModelSpec(key);
      const shared = Object.fromEntries(Object.entries(params).filter(([name]) => name in spec.rules));
      resolveHyperParams(spec, shared);
    }
  }
  const modelName = input.modelName?.trim() || defaultModelName(input.filename);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(modelName)) {
    throw new InvalidInputError(
      `modelName "${modelName}" is not a valid registered model name. Use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    );
  }
  return { target: input.target?.trim() || null, modelType, params, modelName };
}

/** `Iris Data (v2).csv` → `Iris-Data-v2`. */
export function defaultModelName(filename: string): string {
  const stem = filename
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return (stem || 'model').slice(0, 100);
}

function tooLarge(bytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The file is over ${MAX_MB} MB (${(bytes / (1024 * 1024)).toFixed(1)} MB received); the partial upload was discarded. Upload a file of at most ${MAX_MB} MB.`,
    { maxBytes: UPLOAD_LIMITS.maxFileBytes },
  );
}

function closedUpload(state: UploadState): ConflictError {
  const why =
    state.phase === 'completed'
      ? 'is complete and its training was requested'
      : state.phase === 'aborted'
        ? `was aborted (${state.reason ?? 'no reason recorded'})`
        : 'was cancelled';
  return new ConflictError(
    `Upload ${state.trackingId} ${why}; it takes no more chunks. Start a new upload by sending chunk 0 without a trackingId.`,
    {
      trackingId: state.trackingId,
      phase: state.phase,
    },
  );
}
