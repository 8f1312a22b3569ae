/**
 * An upload as a state machine, with no I/O: what a chunk request may be, what a chunk means for the
 * upload it names (accept, complete, duplicate, conflict, out of order, abort), the states that follow,
 * the events they announce and the answer the client gets. UploadService does the I/O around these.
 *
 * Sequences: UploadChunkReceived carries chunkIndex + 1, UploadAborted totalChunks + 1, and the one
 * TrainingRequested of an upload sequence 1 on its own topic.
 */
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  JobStatus,
  NotFoundError,
  PayloadTooLargeError,
  ProblemType,
  TrainingRequestEvent,
  UPLOAD_LIMITS,
  UploadEvent,
} from '@modelstream/contracts';
import type { NewEvent } from '@modelstream/kafka';
import type { ChunkFacts } from './chunk-request';
import type { CsvShapeState } from './csv-shape-scanner';
import type { HeaderFacts, TrainingPlan, UploadSettings } from './training-plan';
import type { UnconfirmedEvents } from './unconfirmed-events';

export const MAX_TOTAL_CHUNKS = 10_000;
const MAX_MB = UPLOAD_LIMITS.maxFileBytes / (1024 * 1024);
const LF = 0x0a;

export type UploadPhase = 'uploading' | 'completed' | 'aborted' | 'cancelled';

export interface StoredChunk {
  objectKey: string;
  size: number;
  sha256: string;
}

export interface UploadState {
  trackingId: string;
  /** The owner of the key that sent chunk 0: only that owner (or an admin) may send the later chunks. */
  ownerId: string;
  filename: string;
  totalChunks: number;
  phase: UploadPhase;
  /** Accepted chunks by index; the next expected index is chunks.length. */
  chunks: StoredChunk[];
  receivedBytes: number;
  settings: UploadSettings;
  /** The header, once a complete first line has arrived. */
  columns: string[] | null;
  /** The unfinished UTF-8 character the last accepted chunk ended with (hex; empty or absent: none). */
  utf8Carry?: string;
  /** Where the row-shape check of the file stands after the accepted chunks. */
  shape: CsvShapeState | null;
  /** Problem type chosen from the settings or the first rows, once known. */
  problemType: ProblemType | null;
  /** Set when the last chunk passed the whole-file checks. */
  plan: TrainingPlan | null;
  reason: string | null;
  createdAt: number;
  /** Set once the completed upload is stored as a dataset. */
  datasetId?: string | null;
  /** Events sent but not acknowledged, which a retry sends again as they were (unconfirmed-events.ts). */
  unconfirmed?: UnconfirmedEvents;
}

/** An upload whose last chunk passed the whole-file checks. */
export type PlannedUpload = UploadState & { plan: TrainingPlan };

export interface ChunkAnswer {
  trackingId: string;
  chunkIndex: number;
  receivedChunks: number;
  totalChunks: number;
  status: JobStatus;
  datasetId?: string;
}

export type ChunkDecision =
  /** Store and announce the chunk; the upload goes on. */
  | { kind: 'accept'; index: number }
  /** The last chunk: accepted only with a valid whole file, then the training is requested. */
  | { kind: 'complete'; index: number }
  /** The same bytes again: answered as before, no second event; may finish a completion a broker outage cut. */
  | { kind: 'duplicate'; index: number; upload: UploadState; unfinishedCompletion: PlannedUpload | null }
  | { kind: 'conflict'; error: ConflictError }
  | { kind: 'out-of-order'; expectedChunkIndex: number; error: ConflictError }
  /** The upload went over the size limit: it is discarded and the client told why. */
  | { kind: 'abort'; upload: UploadState; reason: string; error: PayloadTooLargeError }
  /** Refused before any state changes (unknown upload, a later chunk without trackingId, a first chunk too large). */
  | { kind: 'refuse'; error: DomainError };

export const chunkObjectKey = (trackingId: string, index: number) =>
  `${uploadObjectPrefix(trackingId)}chunk-${String(index).padStart(5, '0')}`;

export const uploadObjectPrefix = (trackingId: string) => `uploads/${trackingId}/`;

/** What a chunk means for its upload: `state` is the upload its trackingId names (null when unknown). */
export function decideChunk(state: UploadState | null, chunk: ChunkFacts): ChunkDecision {
  if (chunk.trackingId === undefined) return decideFirstChunk(chunk);
  if (!state) {
    const error = new NotFoundError(
      `No upload with trackingId "${chunk.trackingId}". Start a new upload by sending chunk 0 without a trackingId.`,
      { trackingId: chunk.trackingId },
    );
    return { kind: 'refuse', error };
  }
  if (chunk.filename !== state.filename) {
    const message = `filename "${chunk.filename}" differs from "${state.filename}" given on chunk 0 of this upload. Send the same filename on every chunk.`;
    return { kind: 'conflict', error: new ConflictError(message) };
  }
  if (chunk.totalChunks !== state.totalChunks) {
    const message = `totalChunks ${chunk.totalChunks} differs from ${state.totalChunks} given on chunk 0 of this upload. Send the same totalChunks on every chunk.`;
    return { kind: 'conflict', error: new ConflictError(message) };
  }
  const index = chunk.chunkIndex;
  const previous: StoredChunk | undefined = state.chunks[index];
  if (previous) return decideRepeat(state, previous, chunk);
  if (state.phase !== 'uploading') return { kind: 'conflict', error: closedUpload(state) };
  const expected = state.chunks.length;
  if (index !== expected) {
    const error = new ConflictError(
      `Chunk ${index} is out of order: upload ${state.trackingId} expects chunkIndex ${expected} next. Send the chunks in order.`,
      { expectedChunkIndex: expected },
    );
    return { kind: 'out-of-order', expectedChunkIndex: expected, error };
  }
  if (state.receivedBytes + chunk.size > UPLOAD_LIMITS.maxFileBytes) {
    const error = tooLarge(state.receivedBytes + chunk.size);
    return { kind: 'abort', upload: state, reason: error.message, error };
  }
  return index === state.totalChunks - 1 ? { kind: 'complete', index } : { kind: 'accept', index };
}

function decideFirstChunk(chunk: ChunkFacts): ChunkDecision {
  if (chunk.chunkIndex !== 0) {
    const message = `trackingId is missing on chunk ${chunk.chunkIndex}. Send the trackingId that the answer to chunk 0 returned on every later chunk.`;
    return { kind: 'refuse', error: new InvalidInputError(message) };
  }
  if (chunk.size > UPLOAD_LIMITS.maxFileBytes) return { kind: 'refuse', error: tooLarge(chunk.size) };
  return chunk.totalChunks === 1 ? { kind: 'complete', index: 0 } : { kind: 'accept', index: 0 };
}

function decideRepeat(state: UploadState, previous: StoredChunk, chunk: ChunkFacts): ChunkDecision {
  if (previous.sha256 !== chunk.sha256 || previous.size !== chunk.size) {
    if (state.phase !== 'uploading') return { kind: 'conflict', error: closedUpload(state) };
    const next = state.chunks.length;
    const error = new ConflictError(
      `Chunk ${chunk.chunkIndex} of upload ${state.trackingId} was already received with other bytes (sha256 ${previous.sha256}, ${previous.size} bytes). An accepted chunk cannot be replaced; send chunk ${next} next.`,
      { expectedChunkIndex: next },
    );
    return { kind: 'conflict', error };
  }
  // Every chunk is in and the plan fixed, but the TrainingRequested event was not acknowledged yet.
  const unfinished = state.phase === 'uploading' && state.plan !== null && state.chunks.length === state.totalChunks;
  return { kind: 'duplicate', index: chunk.chunkIndex, upload: state, unfinishedCompletion: unfinished ? (state as PlannedUpload) : null };
}

/** A new upload, from its first chunk's request and validated settings. */
export function newUpload(
  trackingId: string,
  ownerId: string,
  chunk: Pick<ChunkFacts, 'filename' | 'totalChunks'>,
  settings: UploadSettings,
  now: number,
): UploadState {
  return {
    trackingId,
    ownerId,
    filename: chunk.filename,
    totalChunks: chunk.totalChunks,
    phase: 'uploading',
    chunks: [],
    receivedBytes: 0,
    settings,
    columns: null,
    shape: null,
    problemType: null,
    plan: null,
    reason: null,
    createdAt: now,
  };
}

/** Bytes from the start of the file looked at to choose a default model type. */
export const HEAD_SAMPLE_BYTES = 256 * 1024;

/**
 * Whether a later chunk may read the bytes of `chunk` back (`state`: the upload with it accepted): while the header
 * is incomplete (each chunk then reads the ones before it), and within the file's first HEAD_SAMPLE_BYTES while the
 * problem type waits for the first rows (chosen at the last chunk).
 */
export function readBackLater(state: UploadState, chunk: StoredChunk): boolean {
  const offset = state.receivedBytes - chunk.size;
  return state.columns === null || (state.problemType === null && offset < HEAD_SAMPLE_BYTES);
}

/**
 * Whether the header may be read with this chunk: it is not known yet, and this chunk ends a line or the
 * file. Without a line end nothing new can be learnt, so the earlier chunks are not read again (a wide
 * header spread over many chunks is read once, not once per chunk).
 */
export function mayCompleteHeader(state: UploadState, bytes: Buffer, isLast: boolean): boolean {
  return state.columns === null && (isLast || bytes.includes(LF));
}

export function withHeader(state: UploadState, header: HeaderFacts): UploadState {
  return { ...state, columns: header.columns, problemType: header.problemType };
}

/** The upload after chunk `index` is stored and announced. */
export function withChunk(
  state: UploadState,
  index: number,
  chunk: StoredChunk,
  shape: CsvShapeState,
  plan: TrainingPlan | null,
): UploadState {
  const chunks = [...state.chunks];
  chunks[index] = chunk;
  return { ...state, chunks, receivedBytes: state.receivedBytes + chunk.size, shape, plan };
}

export function completed(state: UploadState, datasetId: string): UploadState {
  return { ...state, phase: 'completed', datasetId };
}

export function aborted(state: UploadState, reason: string): UploadState {
  return { ...state, phase: 'aborted', reason };
}

/** An upload in progress closed by a cancel; null when it no longer takes chunks anyway. */
export function cancelled(state: UploadState, reason: string): UploadState | null {
  return state.phase === 'uploading' ? { ...state, phase: 'cancelled', reason } : null;
}

export function chunkReceived(state: UploadState, index: number, chunk: StoredChunk, bucket: string): NewEvent<UploadEvent> {
  return {
    type: 'UploadChunkReceived',
    trackingId: state.trackingId,
    ownerId: state.ownerId,
    sequence: index + 1,
    payload: { filename: state.filename, chunkIndex: index, totalChunks: state.totalChunks, bucket, ...chunk },
  };
}

export function uploadAborted(state: UploadState): NewEvent<UploadEvent> {
  return {
    type: 'UploadAborted',
    trackingId: state.trackingId,
    ownerId: state.ownerId,
    sequence: state.totalChunks + 1,
    payload: { reason: state.reason ?? 'aborted', receivedChunks: state.chunks.length },
  };
}

export function trainingRequested(state: PlannedUpload): NewEvent<TrainingRequestEvent> {
  return {
    type: 'TrainingRequested',
    trackingId: state.trackingId,
    ownerId: state.ownerId,
    sequence: 1,
    payload: { filename: state.filename, ...state.plan, sweepId: null },
  };
}

/** A completed upload that asked for no training (train=false): it only became a dataset. */
export function uploadCompleted(state: UploadState, datasetId: string): NewEvent<UploadEvent> {
  return {
    type: 'UploadCompleted',
    trackingId: state.trackingId,
    ownerId: state.ownerId,
    sequence: state.totalChunks + 1,
    payload: { datasetId, receivedChunks: state.chunks.length },
  };
}

/** The answer to a chunk: the projected status when there is one, else what the upload's phase implies. */
export function chunkAnswer(state: UploadState, index: number, projected: JobStatus | null): ChunkAnswer {
  const fallback: JobStatus = state.phase === 'aborted' ? 'failed' : state.phase === 'cancelled' ? 'cancelled' : 'pending';
  return {
    trackingId: state.trackingId,
    chunkIndex: index,
    receivedChunks: state.chunks.length,
    totalChunks: state.totalChunks,
    status: projected ?? fallback,
    ...(state.datasetId ? { datasetId: state.datasetId } : {}),
  };
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
    { trackingId: state.trackingId, phase: state.phase },
  );
}
