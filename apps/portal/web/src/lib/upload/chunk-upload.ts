/**
 * The upload loop: sends a file's chunks in order from `start`, chunk 0 with the training settings, each later
 * one with the trackingId chunk 0's answer gave. Sending one chunk (and retrying it) is the caller's `send`: the
 * page uses the SDK's HttpClient, which sends a chunk again after a 503/429 or no answer, with backoff; a 4xx is
 * thrown at once. `onChunk` runs after each acknowledged chunk, so the page can save where it is.
 */
import { chunkFields, type ChunkPlan, type TrainingSettings } from '@sdk/chunking';
import type { UploadChunkAnswer } from '@sdk/types';

export interface ChunkRequest {
  index: number;
  fields: Record<string, string>;
  bytes: Blob;
  filename: string;
}

export type SendChunk = (request: ChunkRequest) => Promise<UploadChunkAnswer>;

export interface UploadRun {
  file: Blob;
  filename: string;
  plan: ChunkPlan;
  /** The first chunk to send (0, or where a resume picks up). */
  start?: number;
  /** Known when resuming; else chunk 0's answer gives it. */
  trackingId?: string;
  settings?: TrainingSettings;
  send: SendChunk;
  /** After chunk `index` was acknowledged; `sentBytes` = bytes of the file acknowledged so far. */
  onChunk?: (answer: UploadChunkAnswer, index: number, sentBytes: number) => void;
  signal?: AbortSignal;
}

/** Sends the chunks and returns the last answer (the last chunk's carries the datasetId). */
export async function uploadChunks(run: UploadRun): Promise<{ trackingId: string; last?: UploadChunkAnswer }> {
  const start = run.start ?? 0;
  if (start > 0 && !run.trackingId) throw new Error(`resuming at chunk ${start} needs the upload's trackingId`);
  if (run.file.size !== run.plan.ranges[run.plan.totalChunks - 1][1]) {
    throw new Error(`the file is ${run.file.size} bytes but the chunk plan covers ${run.plan.ranges[run.plan.totalChunks - 1][1]}`);
  }
  let trackingId = run.trackingId;
  let last: UploadChunkAnswer | undefined;
  for (let index = start; index < run.plan.totalChunks; index++) {
    run.signal?.throwIfAborted();
    const [from, to] = run.plan.ranges[index];
    const fields = chunkFields(index, run.plan, { filename: run.filename, trackingId, settings: run.settings });
    last = await run.send({ index, fields, bytes: run.file.slice(from, to, 'text/csv'), filename: run.filename });
    if (trackingId && last.trackingId !== trackingId) {
      throw new Error(`chunk ${index} was answered for upload ${last.trackingId}, not ${trackingId}`);
    }
    trackingId = last.trackingId;
    run.onChunk?.(last, index, to);
  }
  if (!trackingId) throw new Error('the upload sent no chunk');
  return { trackingId, last };
}

/** The multipart body of one chunk: its text fields, then the bytes as `file`. */
export function chunkForm(request: ChunkRequest): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
  form.append('file', request.bytes, request.filename);
  return form;
}
